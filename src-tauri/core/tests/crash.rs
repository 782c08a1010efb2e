//! Crash safety: a child process saves entries and prints each id only after COMMIT, while this
//! process SIGKILLs it at random moments. After every kill the file passes `integrity_check`,
//! unlocks, and holds every id the child printed. (SECURITY.md CS-1.)
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{FixedOffset, TimeZone};
use rand_core::{OsRng, RngCore};
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::model::EntryInput;
use tend_core::secret::Passphrase;
use tend_core::Journal;

/// Small KDF costs keep each of the hundreds of unlocks fast; the crash behaviour under test
/// does not depend on them.
fn options() -> Options {
    Options::for_tests()
}

const PASS: &str = "crash test passphrase";

/// The writer half: runs only when re-executed by `kill_loop` with TEND_CRASH_DIR set.
#[test]
#[ignore]
fn crash_child_writer() {
    let Some(dir) = std::env::var_os("TEND_CRASH_DIR") else { return };
    let j = Journal::with_options(Path::new(&dir), Box::new(NoKeyring), options());
    j.unlock(&Passphrase::from(PASS)).unwrap();
    println!("ready");
    let tz = FixedOffset::east_opt(0).unwrap();
    for i in 0u64.. {
        let mut e = EntryInput::with_mood(0.1, -0.2);
        e.text = format!("entry number {i} with a little text to make the page work");
        let saved = j.add(e, tz.timestamp_opt(1_700_000_000 + i as i64, 0).unwrap()).unwrap();
        // Printed only once `add` has returned, which is after COMMIT.
        println!("{}", saved.id);
    }
}

/// Runs `kills` rounds, in journals of 25 rounds each so that each round stays quick.
fn kill_loop(kills: usize) {
    let mut total = 0;
    for batch in 0..kills.div_ceil(25) {
        total += kill_rounds(batch, 25.min(kills - batch * 25));
    }
    eprintln!("{kills} kills, {total} acknowledged entries, none lost");
}

fn kill_rounds(batch: usize, kills: usize) -> usize {
    let dir = tempfile::tempdir().unwrap();
    Journal::with_options(dir.path(), Box::new(NoKeyring), options()).create(Passphrase::from(PASS)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..kills {
        let round = batch * 25 + round;
        let t0 = std::time::Instant::now();
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child_writer", "--ignored", "--nocapture", "--test-threads=1"])
            .env("TEND_CRASH_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        // Wait until the child has unlocked, then let it write for a random while.
        loop {
            match rx.recv_timeout(Duration::from_secs(30)).expect("child never became ready") {
                l if l.ends_with("ready") => break,
                _ => continue,
            }
        }
        let t1 = t0.elapsed();
        std::thread::sleep(Duration::from_micros(OsRng.next_u64() % 30_000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(rx.try_iter().filter(|l| l.len() == 36));

        let j = Journal::with_options(dir.path(), Box::new(NoKeyring), options());
        let report = j.unlock(&Passphrase::from(PASS)).unwrap_or_else(|e| panic!("round {round}: unlock failed: {e}"));
        assert!(report.damaged.is_empty(), "round {round}: damaged {:?}", report.damaged);
        let check = j.check().unwrap();
        assert!(check.file_ok, "round {round}: integrity_check failed");
        for id in &acknowledged {
            assert!(j.get(id).is_ok(), "round {round}: acknowledged entry {id} lost");
        }
        j.lock();
        if std::env::var_os("TEND_CRASH_TIMING").is_some() {
            eprintln!("ready after {t1:?}, round {:?}, ids {}", t0.elapsed(), acknowledged.len());
        }
    }
    assert!(acknowledged.len() > kills, "the child barely wrote ({} entries in {kills} rounds)", acknowledged.len());
    acknowledged.len()
}

#[test]
fn two_hundred_kills_lose_nothing_acknowledged() {
    kill_loop(std::env::var("KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(200));
}

#[test]
#[ignore]
fn two_thousand_kills_lose_nothing_acknowledged() {
    kill_loop(2000);
}
