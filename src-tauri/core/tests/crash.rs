//! Crash safety: a child process saves entries and prints each id only after COMMIT, while this
//! process SIGKILLs it at random moments once it has acknowledged an entry. After every kill the
//! file passes `integrity_check`, unlocks, and holds every id the child printed. (SECURITY.md CS-1.)
//! A child giving the journal a new key, killed at random moments, leaves either the old journal
//! or the new one, whole: never a mix. A restore killed at random moments leaves no journal or
//! the whole restored one, and the next restore works. An import killed at random moments leaves
//! the journal without any of the file's entries or with all of them. The first unlock of a
//! journal whose entries are sealed as JSON, killed at random moments, leaves every entry in
//! JSON or every entry in the compact layout, with the format to match: never a mix.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rand_core::{OsRng, RngCore};
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::secret::Passphrase;
use tend_core::Journal;

/// Small KDF costs keep each of the hundreds of unlocks fast; the crash behaviour under test
/// does not depend on them.
fn options() -> Options {
    Options::for_tests()
}

const PASS: &str = "crash test passphrase";

/// The writer half, a binary Cargo builds with this test (`tests/bin/crash_child.rs`): it unlocks
/// the journal, prints "ready", then saves entries and prints each id once it is committed.
const CHILD: &str = env!("CARGO_BIN_EXE_crash-child");

/// A running writer; killed when dropped, so one whose round failed a check does not outlive it.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
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
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..kills {
        let round = batch * 25 + round;
        let t0 = std::time::Instant::now();
        let mut child = Writer(
            Command::new(CHILD)
                .arg(dir.path())
                .arg(PASS)
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap(),
        );
        let out = child.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        // Wait until the child has unlocked and acknowledged a first entry, then let it write
        // for a random while: a child that says nothing, or saves nothing, fails here.
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(l) if l == "ready" => {}
            Ok(l) => panic!("round {round}: the child said {l:?} instead of \"ready\""),
            Err(_) => panic!("round {round}: the child never became ready"),
        }
        let t1 = t0.elapsed();
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("round {round}: the child acknowledged no entry"));
        assert_eq!(first.len(), 36, "round {round}: the child printed {first:?}, not an entry id");
        std::thread::sleep(Duration::from_micros(OsRng.next_u64() % 30_000));
        child.0.kill().unwrap();
        let status = child.0.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "round {round}: the child stopped by itself ({status})");
        reader.join().unwrap();
        acknowledged.push(first);
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

/// Starts the child with `args` and waits until it says "ready"; its later lines arrive on the
/// receiver.
fn child(args: &[&std::ffi::OsStr]) -> (Writer, mpsc::Receiver<String>) {
    let mut child =
        Writer(Command::new(CHILD).args(args).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap());
    let out = child.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    assert_eq!(rx.recv_timeout(Duration::from_secs(60)).as_deref(), Ok("ready"), "the child never became ready");
    (child, rx)
}

/// Starts a child that gives the journal in `dir` a new key, from `from` to `to`, and waits
/// until it has unlocked.
fn rekey_child(dir: &std::path::Path, from: &str, to: &str) -> (Writer, mpsc::Receiver<String>) {
    child(&[dir.as_os_str(), from.as_ref(), to.as_ref()])
}

#[test]
fn a_new_key_killed_at_any_moment_leaves_the_old_or_the_new_journal() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), options());
    j.create(Passphrase::from("phrase 0")).unwrap();
    let tz = chrono::FixedOffset::east_opt(0).unwrap();
    let inputs = (0..1000).map(|i| {
        let mut e = tend_core::model::EntryInput::with_mood(0.2, -0.1);
        e.text = format!("entry {i} {}", "a few words ".repeat(i % 50));
        e
    });
    let at = chrono::TimeZone::timestamp_opt(&tz, 1_700_000_000, 0).unwrap();
    let ids: Vec<String> = j.add_many(inputs.collect(), at).unwrap().into_iter().map(|e| e.id).collect();
    j.lock();
    drop(j);

    // One uninterrupted run first, to learn how long a new key takes here.
    let (mut child, rx) = rekey_child(dir.path(), "phrase 0", "phrase 1");
    let t0 = std::time::Instant::now();
    assert_eq!(rx.recv_timeout(Duration::from_secs(120)).as_deref(), Ok("rekeyed"));
    let took = t0.elapsed();
    assert!(child.0.wait().unwrap().success());

    let (mut current, mut old_kept, mut new_kept) = (1, 0, 0);
    for round in 0..30 {
        let (from, to) = (format!("phrase {current}"), format!("phrase {}", current + 1));
        let (mut child, rx) = rekey_child(dir.path(), &from, &to);
        let wait = OsRng.next_u64() % (took.as_micros() as u64 * 3 / 2 + 1);
        std::thread::sleep(Duration::from_micros(wait));
        let _ = child.0.kill();
        child.0.wait().unwrap();
        let said_done = rx.try_iter().any(|l| l == "rekeyed");

        let j = Journal::with_options(dir.path(), Box::new(NoKeyring), options());
        let old = j.unlock(&Passphrase::from(from.as_str()));
        j.lock();
        let new = j.unlock(&Passphrase::from(to.as_str()));
        j.lock();
        let report = match (old, new) {
            (Ok(r), Err(_)) if !said_done => {
                old_kept += 1;
                j.unlock(&Passphrase::from(from.as_str())).unwrap();
                r
            }
            (Err(_), Ok(r)) => {
                new_kept += 1;
                current += 1;
                j.unlock(&Passphrase::from(to.as_str())).unwrap();
                r
            }
            (old, new) => panic!(
                "round {round}: after the kill the old key {} and the new key {} (child said done: {said_done})",
                if old.is_ok() { "opens" } else { "doesn't open" },
                if new.is_ok() { "opens" } else { "doesn't open" },
            ),
        };
        assert_eq!((report.entries, report.damaged.len()), (ids.len(), 0), "round {round}: a mixed journal");
        assert!(j.check().unwrap().healthy(), "round {round}: check found a problem");
        for id in ids.iter().step_by(97) {
            assert!(j.get(id).is_ok(), "round {round}: entry {id} lost");
        }
        j.lock();
    }
    eprintln!("a new key takes {took:?}; 30 kills left the old journal {old_kept} times and the new one {new_kept}");
    assert!(old_kept > 0 && new_kept > 0, "every kill fell on one side ({old_kept} old, {new_kept} new)");
}

#[test]
fn a_restore_killed_at_any_moment_leaves_no_journal_or_the_whole_one() {
    let tmp = tempfile::tempdir().unwrap();
    let j = Journal::with_options(tmp.path().join("source"), Box::new(NoKeyring), options());
    let rk = j.create(Passphrase::from("old")).unwrap().recovery_key.dangerously_expose().to_owned();
    let tz = chrono::FixedOffset::east_opt(0).unwrap();
    let at = chrono::TimeZone::timestamp_opt(&tz, 1_700_000_000, 0).unwrap();
    let inputs = (0..2000).map(|i| {
        let mut e = tend_core::model::EntryInput::with_mood(0.2, -0.1);
        e.text = format!("entry {i} {}", "a few words ".repeat(i % 50));
        e
    });
    let ids: Vec<String> = j.add_many(inputs.collect(), at).unwrap().into_iter().map(|e| e.id).collect();
    let backup = tmp.path().join("b.age");
    j.backup_to(&backup, at, false).unwrap();
    j.lock();

    let run = |dir: &std::path::Path| {
        child(&["--restore".as_ref(), dir.as_os_str(), backup.as_os_str(), rk.as_ref(), "new".as_ref()])
    };
    let whole = |dir: &std::path::Path, round: usize| {
        let j = Journal::with_options(dir, Box::new(NoKeyring), options());
        let r = j.unlock(&Passphrase::from("new")).unwrap();
        assert_eq!((r.entries, r.damaged.len()), (ids.len(), 0), "round {round}: part of a journal");
        assert!(j.check().unwrap().healthy(), "round {round}");
        j.lock();
    };
    // One uninterrupted run, to learn how long a restore takes here.
    let first = tmp.path().join("first");
    let (mut child, rx) = run(&first);
    let t0 = std::time::Instant::now();
    assert_eq!(rx.recv_timeout(Duration::from_secs(120)).as_deref(), Ok("restored"));
    let took = t0.elapsed();
    assert!(child.0.wait().unwrap().success());
    whole(&first, 0);

    let (mut none, mut done) = (0, 0);
    for round in 1..=20 {
        let dir = tmp.path().join(format!("round-{round}"));
        let (mut child, rx) = run(&dir);
        std::thread::sleep(Duration::from_micros(OsRng.next_u64() % (took.as_micros() as u64 * 3 / 2 + 1)));
        let _ = child.0.kill();
        child.0.wait().unwrap();
        let said_done = rx.try_iter().any(|l| l == "restored");
        let j = Journal::with_options(&dir, Box::new(NoKeyring), options());
        if j.status().unwrap().exists {
            done += 1;
            whole(&dir, round);
        } else {
            assert!(!said_done, "round {round}: said restored, but no journal");
            none += 1;
            // What the kill left is no obstacle: the restore runs again and completes.
            j.restore(&backup, &rk, &Passphrase::from("new")).unwrap();
            j.lock();
            whole(&dir, round);
        }
    }
    eprintln!(
        "a restore of {} entries takes {took:?}; 20 kills left no journal {none} times, the whole one {done}",
        ids.len()
    );
    assert!(none > 0, "every kill came too late to test anything");
}

#[test]
fn an_import_killed_at_any_moment_brings_all_of_the_file_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("journal");
    let j = Journal::with_options(&dir, Box::new(NoKeyring), options());
    j.create(Passphrase::from(PASS)).unwrap();
    j.add(
        tend_core::model::EntryInput::with_mood(0.1, 0.1),
        chrono::TimeZone::timestamp_opt(&chrono::FixedOffset::east_opt(0).unwrap(), 1_600_000_000, 0).unwrap(),
    )
    .unwrap();
    j.lock();
    // A jrnl export of 5,000 entries.
    let entries: Vec<serde_json::Value> = (0..5000)
        .map(|i| {
            serde_json::json!({"title": format!("Day {i}"), "body": "a few words ".repeat(i % 40), "date": format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28), "time": "21:15", "tags": [], "starred": false})
        })
        .collect();
    let file = tmp.path().join("jrnl.json");
    std::fs::write(&file, serde_json::to_vec(&serde_json::json!({"tags": {}, "entries": entries})).unwrap()).unwrap();

    let run = || child(&["--import".as_ref(), dir.as_os_str(), PASS.as_ref(), file.as_os_str()]);
    let count = || {
        let j = Journal::with_options(&dir, Box::new(NoKeyring), options());
        let r = j.unlock(&Passphrase::from(PASS)).unwrap();
        assert!(j.check().unwrap().healthy());
        assert_eq!(r.damaged.len(), 0);
        j.lock();
        r.entries
    };
    // One whole run, to learn how long it takes; then the journal is put back.
    let copy = tmp.path().join("before");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(dir.join("tend.db"), copy.join("tend.db")).unwrap();
    let (mut child, rx) = run();
    let t0 = std::time::Instant::now();
    assert_eq!(rx.recv_timeout(Duration::from_secs(120)).as_deref(), Ok("imported"));
    let took = t0.elapsed();
    assert!(child.0.wait().unwrap().success());
    assert_eq!(count(), 5001);

    let (mut none, mut all) = (0, 0);
    for round in 0..20 {
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("tend.db{side}")));
        }
        std::fs::copy(copy.join("tend.db"), dir.join("tend.db")).unwrap();
        let (mut child, rx) = run();
        std::thread::sleep(Duration::from_micros(OsRng.next_u64() % (took.as_micros() as u64 * 3 / 2 + 1)));
        let _ = child.0.kill();
        child.0.wait().unwrap();
        let said_done = rx.try_iter().any(|l| l == "imported");
        match count() {
            1 => {
                assert!(!said_done, "round {round}: said imported, but nothing is there");
                none += 1;
            }
            5001 => all += 1,
            n => panic!("round {round}: {n} entries, part of the file"),
        }
    }
    eprintln!("an import of 5,000 entries takes {took:?}; 20 kills left none of it {none} times, all of it {all}");
    assert!(none > 0, "every kill came too late to test anything");
}

/// The entry schemas and the vault format of the file, read raw, after `integrity_check`.
fn raw_schemas(dir: &std::path::Path) -> (Vec<u16>, u32) {
    let c = rusqlite::Connection::open(dir.join("tend.db")).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let schemas = c
        .prepare("SELECT DISTINCT schema_ver FROM records WHERE kind = 1 ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<u16>>>()
        .unwrap();
    (schemas, c.query_row("SELECT format FROM vault", [], |r| r.get(0)).unwrap())
}

#[test]
fn an_upgrade_killed_at_any_moment_leaves_every_entry_old_or_every_entry_new() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("journal");
    let legacy = Options { legacy_payloads: true, ..options() };
    let j = Journal::with_options(&dir, Box::new(NoKeyring), legacy);
    j.create(Passphrase::from(PASS)).unwrap();
    let tz = chrono::FixedOffset::east_opt(3600).unwrap();
    let at = chrono::TimeZone::timestamp_opt(&tz, 1_700_000_000, 0).unwrap();
    let inputs = (0..3000).map(|i| {
        let mut e = tend_core::model::EntryInput::with_mood(0.2, -0.1);
        e.text = format!("entry {i} {}", "a few words ".repeat(i % 50));
        e.emotions = vec!["tearful".into()];
        e
    });
    j.add_many(inputs.collect(), at).unwrap();
    let digest =
        |j: &Journal| j.with_entries(|it| it.map(|e| serde_json::to_string(e).unwrap()).collect::<Vec<_>>()).unwrap();
    let before = digest(&j);
    j.lock();
    assert_eq!(raw_schemas(&dir), (vec![1], 2));
    let copy = tmp.path().join("before.db");
    std::fs::copy(dir.join("tend.db"), &copy).unwrap();
    let put_back = || {
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("tend.db{side}")));
        }
        std::fs::copy(&copy, dir.join("tend.db")).unwrap();
    };
    let run = || child(&["--upgrade".as_ref(), dir.as_os_str(), PASS.as_ref()]);
    // Reads the journal as the kill left it, without upgrading it, then checks it is all one way.
    let read_as_left = |round: usize| -> bool {
        let (schemas, format) = raw_schemas(&dir);
        let upgraded = match (&schemas[..], format) {
            ([1], 2) => false,
            ([2], 3) => true,
            other => panic!("round {round}: a mix: {other:?}"),
        };
        let j = Journal::with_options(&dir, Box::new(NoKeyring), legacy);
        let r = j.unlock(&Passphrase::from(PASS)).unwrap();
        assert_eq!((r.entries, r.damaged.len()), (3000, 0), "round {round}");
        assert!(j.check().unwrap().healthy(), "round {round}");
        assert!(digest(&j) == before, "round {round}: an entry reads differently");
        j.lock();
        upgraded
    };
    // One whole run, to learn how long the unlock and its upgrade take.
    let (mut c, rx) = run();
    let t0 = std::time::Instant::now();
    assert_eq!(rx.recv_timeout(Duration::from_secs(120)).as_deref(), Ok("upgraded"));
    let took = t0.elapsed();
    assert!(c.0.wait().unwrap().success());
    assert!(read_as_left(0));

    let (mut old, mut new) = (0, 0);
    for round in 1..=20 {
        put_back();
        let (mut c, rx) = run();
        std::thread::sleep(Duration::from_micros(OsRng.next_u64() % (took.as_micros() as u64 * 3 / 2 + 1)));
        let _ = c.0.kill();
        c.0.wait().unwrap();
        let said_done = rx.try_iter().any(|l| l == "upgraded");
        if read_as_left(round) {
            new += 1;
        } else {
            assert!(!said_done, "round {round}: said upgraded, but the file is as before");
            old += 1;
        }
    }
    eprintln!("an upgrade of 3,000 entries takes {took:?} with its unlock; 20 kills left them as before {old} times, rewritten {new}");
    assert!(old > 0 && new > 0, "every kill fell on one side ({old} before, {new} rewritten)");
}
