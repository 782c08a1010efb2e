//! The writer half of the crash test (`tests/crash.rs`): unlocks the journal it is given, says
//! "ready", then saves entries for ever, printing each id only once it is committed, until the
//! test kills it. Built only for tests; it is not part of the app.
//!
//! With a third argument it gives the journal a new key instead: it says "ready", re-keys to
//! that new passphrase, says "rekeyed" once the new key is committed, and exits.
//!
//! With `--restore` it restores a backup into an empty folder instead: it says "ready", restores,
//! and says "restored" once the journal is in place.
//!
//! With `--import` it imports another app's file instead: "ready", the import, then "imported".
//!
//! Usage: `crash-child <journal folder> <passphrase> [<new passphrase>]`,
//! `crash-child --import <journal folder> <passphrase> <file>`,
//! `crash-child --upgrade <journal folder> <passphrase>`, or
//! `crash-child --restore <empty folder> <backup file> <recovery key> <new passphrase>`. Without
//! the arguments it exits with status 2, so a misconfigured run fails instead of passing quietly.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{FixedOffset, TimeZone};
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::model::EntryInput;
use tend_core::secret::Passphrase;
use tend_core::Journal;

/// `--restore <folder> <backup> <recovery key> <new passphrase>`.
fn restore(args: Vec<String>) -> ExitCode {
    let [dir, file, key, new] = &args[..] else {
        eprintln!("usage: crash-child --restore <empty folder> <backup file> <recovery key> <new passphrase>");
        return ExitCode::from(2);
    };
    let j = Journal::with_options(PathBuf::from(dir), Box::new(NoKeyring), Options::for_tests());
    println!("ready");
    match j.restore(std::path::Path::new(file), key, &Passphrase::from(new.as_str())) {
        Ok(_) => {
            println!("restored");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crash-child: the restore failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--import <folder> <passphrase> <file>`.
fn import(args: Vec<String>) -> ExitCode {
    let [dir, pass, file] = &args[..] else {
        eprintln!("usage: crash-child --import <journal folder> <passphrase> <file>");
        return ExitCode::from(2);
    };
    let j = Journal::with_options(PathBuf::from(dir), Box::new(NoKeyring), Options::for_tests());
    if let Err(e) = j.unlock(&Passphrase::from(pass.as_str())) {
        eprintln!("crash-child: unlock failed: {e}");
        return ExitCode::FAILURE;
    }
    let Ok(bytes) = std::fs::read(file) else {
        eprintln!("crash-child: can't read {file}");
        return ExitCode::from(2);
    };
    let tz = FixedOffset::east_opt(0).unwrap();
    let now = tz.timestamp_opt(1_700_000_000, 0).unwrap();
    println!("ready");
    match j.import(&bytes, None, None, tz, now) {
        Ok(_) => {
            println!("imported");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crash-child: the import failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--upgrade <folder> <passphrase>`.
fn upgrade(args: Vec<String>) -> ExitCode {
    let [dir, pass] = &args[..] else {
        eprintln!("usage: crash-child --upgrade <journal folder> <passphrase>");
        return ExitCode::from(2);
    };
    let j = Journal::with_options(PathBuf::from(dir), Box::new(NoKeyring), Options::for_tests());
    println!("ready");
    match j.unlock(&Passphrase::from(pass.as_str())) {
        Ok(_) => {
            println!("upgraded");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crash-child: unlock failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--upgrade") {
        return upgrade(std::env::args().skip(2).collect());
    }
    if std::env::args().nth(1).as_deref() == Some("--import") {
        return import(std::env::args().skip(2).collect());
    }
    if std::env::args().nth(1).as_deref() == Some("--restore") {
        return restore(std::env::args().skip(2).collect());
    }
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(pass), new, None) = (args.next(), args.next(), args.next(), args.next()) else {
        eprintln!("usage: crash-child <journal folder> <passphrase> [<new passphrase>]");
        return ExitCode::from(2);
    };
    let Some(pass) = pass.to_str() else {
        eprintln!("crash-child: the passphrase is not UTF-8");
        return ExitCode::from(2);
    };
    // The same small KDF costs as the test, which unlocks this journal after every kill.
    let j = Journal::with_options(PathBuf::from(dir), Box::new(NoKeyring), Options::for_tests());
    if let Err(e) = j.unlock(&Passphrase::from(pass)) {
        eprintln!("crash-child: unlock failed: {e}");
        return ExitCode::FAILURE;
    }
    println!("ready");
    if let Some(new) = new {
        let Some(new) = new.to_str() else {
            eprintln!("crash-child: the new passphrase is not UTF-8");
            return ExitCode::from(2);
        };
        return match j.rekey(&Passphrase::from(pass), &Passphrase::from(new)) {
            Ok(_) => {
                println!("rekeyed");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("crash-child: the new key failed: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let tz = FixedOffset::east_opt(0).unwrap();
    for i in 0u64.. {
        let mut e = EntryInput::with_mood(0.1, -0.2);
        e.text = format!("entry number {i} with a little text to make the page work");
        let saved = match j.add(e, tz.timestamp_opt(1_700_000_000 + i as i64, 0).unwrap()) {
            Ok(saved) => saved,
            Err(err) => {
                eprintln!("crash-child: saving entry {i} failed: {err}");
                return ExitCode::FAILURE;
            }
        };
        // Printed only once `add` has returned, which is after COMMIT.
        println!("{}", saved.id);
    }
    unreachable!("the writer runs until it is killed")
}
