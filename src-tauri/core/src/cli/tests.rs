//! The command line as a new user would try it, run in-process with buffers for the terminal.

use super::args::Cli;
use super::*;
use crate::journal::Options;
use crate::keystore::fake::FakeKeyring;
use crate::keystore::{DeviceKeyStore, NoKeyring};

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn tend(dir: &std::path::Path, args: &[&str], stdin: &str) -> Run {
    tend_with(dir, args, stdin, &|| Box::new(NoKeyring))
}

/// As [`tend`], with the keyring `keyring` makes for each run.
fn tend_with(dir: &std::path::Path, args: &[&str], stdin: &str, keyring: &dyn Fn() -> Box<dyn DeviceKeyStore>) -> Run {
    let mut argv: Vec<OsString> = vec!["tend".into(), "--data-dir".into(), dir.as_os_str().into()];
    argv.extend(args.iter().map(OsString::from));
    let mut input = std::io::Cursor::new(stdin.as_bytes().to_vec());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = Io { stdin: &mut input, interactive: false, out: &mut out, err: &mut err };
    let opts = Options::for_tests();
    let code = run(argv, &mut io, &|d| Journal::with_options(d, keyring(), opts));
    Run { code, out: String::from_utf8(out).unwrap(), err: String::from_utf8(err).unwrap() }
}

/// Adds an entry to a journal whose passphrase is "pw"; returns its id.
fn add(dir: &std::path::Path, args: &[&str]) -> String {
    let r = tend(dir, &[&["add"], args].concat(), "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    r.out.trim().to_owned()
}

fn recovery_key_from(out: &str) -> String {
    out.lines().map(str::trim).find(|l| l.len() == 69 && l.matches('-').count() == 13).unwrap().to_owned()
}

#[test]
fn a_new_user_session() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");

    let r = tend(&d, &["list"], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("tend init"), "{}", r.err);

    let init = tend(&d, &["init"], "my passphrase\n");
    assert_eq!(init.code, 0, "{}", init.err);
    assert!(init.out.contains("recovery key"));
    assert!(init.out.contains("passphrase alone"), "keyring state is said plainly");
    let rk = recovery_key_from(&init.out);
    assert_eq!(tend(&d, &["init"], "again\n").code, 1, "a second init is refused");

    let a = tend(
        &d,
        &[
            "add",
            "--pleasantness",
            "-0.6",
            "--energy",
            "-0.5",
            "--emotion",
            "tearful",
            "--emotion",
            "empty",
            "--label",
            "post-sex-blues",
            "--context",
            "regular-partner",
            "--aftercare-got",
            "cuddling",
            "--aftercare-wanted",
            "reassurance",
            "--body",
            "sleepy",
            "--choice",
            "yes",
            "--timing",
            "right-after",
            "--partner",
            "J",
            "--text",
            "Felt far away after, Café later helped.",
            "--at",
            "2026-03-01T23:10:00+01:00",
        ],
        "my passphrase\n",
    );
    assert_eq!(a.code, 0, "{}", a.err);
    let first = a.out.trim().to_owned();
    assert_eq!(first.len(), 36);
    let b = tend(
        &d,
        &[
            "add",
            "--pleasantness",
            "0.5",
            "--energy",
            "-0.4",
            "--emotion",
            "glimmery",
            "--label",
            "my own label",
            "--follows",
            &first,
            "--timing",
            "next-day",
            "--text",
            "lighter today",
            "--at",
            "2026-03-02T10:00:00+01:00",
        ],
        "my passphrase\n",
    );
    assert_eq!(b.code, 0, "{}", b.err);
    assert!(b.err.contains("glimmery"), "own word creation is reported: {}", b.err);
    let c = tend(
        &d,
        &["add", "--pleasantness", "0.8", "--energy", "0.7", "--context", "solo", "--at", "2026-03-03T08:00:00Z"],
        "my passphrase\n",
    );
    assert_eq!(c.code, 0, "{}", c.err);

    let list = tend(&d, &["list"], "my passphrase\n");
    assert_eq!(list.code, 0);
    let lines: Vec<&str> = list.out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("2026-03-03") && lines[2].contains("2026-03-01") && lines[2].contains("tearful, empty"));
    let json: serde_json::Value = serde_json::from_str(&tend(&d, &["list", "--json"], "my passphrase\n").out).unwrap();
    assert_eq!(json["total"], 3);
    assert_eq!(json["items"][2]["aftercareWanted"][0], "reassurance");

    let found = tend(&d, &["search", "CAFE"], "my passphrase\n");
    assert!(found.out.contains(&first) && found.out.lines().count() == 1, "{}", found.out);
    assert!(tend(&d, &["search", "glimmery"], "my passphrase\n").out.contains("lighter today"));
    assert!(tend(&d, &["show", &first], "my passphrase\n").out.contains("Aftercare wanted: reassurance"));

    let edit = tend(&d, &["edit", &first, "--text", "edited words"], "my passphrase\n");
    assert_eq!(edit.code, 0, "{}", edit.err);
    let shown: serde_json::Value =
        serde_json::from_str(&tend(&d, &["show", &first, "--json"], "my passphrase\n").out).unwrap();
    assert_eq!(shown["text"], "edited words");
    assert_eq!(shown["emotions"][0], "tearful", "fields not given are kept");

    let wrong = tend(&d, &["list"], "not my passphrase\n");
    assert_eq!(wrong.code, 1);
    assert_eq!(
        wrong.err.trim(),
        "That passphrase didn't open your journal, or this file's key settings were changed. Try again, or use your recovery key."
    );

    let typo = tend(&d, &["recover"], &format!("{}X\nnew one\n", rk));
    assert_eq!(typo.code, 1);
    assert!(typo.err.contains("typo"));
    let rec = tend(&d, &["recover"], &format!("{}\nafter recovery\n", rk.to_lowercase().replace('-', " ")));
    assert_eq!(rec.code, 0, "{}", rec.err);
    assert!(rec.out.contains("3 entries"));
    assert_eq!(tend(&d, &["list"], "my passphrase\n").code, 1);

    let pw = tend(&d, &["passwd"], "after recovery\nthird one\n");
    assert_eq!(pw.code, 0, "{}", pw.err);
    assert_eq!(tend(&d, &["list"], "third one\n").out.lines().count(), 3);

    let del = tend(&d, &["delete", c.out.trim()], "third one\n");
    assert_eq!(del.code, 0);
    assert_eq!(tend(&d, &["list"], "third one\n").out.lines().count(), 2);

    let ok = tend(&d, &["check"], "third one\n");
    assert_eq!(ok.code, 0, "{}{}", ok.out, ok.err);

    // Flip one byte inside the first entry's ciphertext, as damage on disk would.
    let path = d.join(crate::journal::FILE_NAME);
    let id = *uuid::Uuid::parse_str(&first).unwrap().as_bytes();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let blob: Vec<u8> =
            c.query_row("SELECT blob FROM records WHERE record_id = ?1", [&id[..]], |r| r.get(0)).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        drop(c);
        let at = bytes.windows(32).position(|w| w == &blob[40..72]).expect("blob in main file");
        bytes[at + 5] ^= 0x01;
        std::fs::write(&path, &bytes).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let check = tend(&d, &["check"], "third one\n");
    assert_eq!(check.code, 2, "{}{}", check.out, check.err);
    assert!(check.out.contains(&first), "{}", check.out);
    assert_eq!(std::fs::read(&path).unwrap(), before, "check changed the file");
    let list = tend(&d, &["list"], "third one\n");
    assert_eq!(list.code, 0);
    assert!(list.err.contains("couldn't be opened"));
    assert_eq!(list.out.lines().count(), 1, "the other entry still opens");
}

#[test]
fn bad_input_names_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert_eq!(tend(d, &["init"], "p\n").code, 0);
    for (args, field) in [
        (vec!["add", "--energy", "0"], "pleasantness"),
        (vec!["add", "--pleasantness", "2", "--energy", "0"], "pleasantness"),
        (vec!["add", "--pleasantness", "0", "--energy", "-1.5"], "energy"),
        (vec!["add", "--pleasantness", "0", "--energy", "0", "--context", "nowhere"], "context"),
        (vec!["add", "--pleasantness", "0", "--energy", "0", "--body", "x"], "body"),
        (vec!["add", "--pleasantness", "0", "--energy", "0", "--at", "yesterday"], "at"),
        (
            vec!["add", "--pleasantness", "0", "--energy", "0", "--follows", "00000000-0000-4000-8000-000000000000"],
            "follows",
        ),
    ] {
        let r = tend(d, &args, "p\n");
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.err.starts_with(field), "{args:?}: {}", r.err);
        assert_eq!(r.err.trim().lines().count(), 1);
    }
    let r = tend(d, &["add", "--pleasantness", "0", "--energy", "0", "--mood", "x"], "p\n");
    assert_eq!(r.code, 1, "unknown options are refused");
    assert_eq!(tend(d, &["show", "not-an-id"], "p\n").code, 1);
    let words = tend(d, &["words"], "");
    assert!(words.out.contains("post-sex-blues") && words.out.contains("kink-bottom"));
    let json: serde_json::Value = serde_json::from_str(&tend(d, &["words", "--json"], "").out).unwrap();
    assert!(json["emotions"].as_array().unwrap().len() > 30);
}

#[test]
fn a_damaged_file_exits_2_and_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join(crate::journal::FILE_NAME), b"definitely not sqlite, just some text that got here").unwrap();
    let before = std::fs::read(d.join(crate::journal::FILE_NAME)).unwrap();
    let r = tend(d, &["list"], "p\n");
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("left exactly as it was"));
    assert_eq!(tend(d, &["init"], "p\n").code, 1, "init never replaces a damaged file");
    assert_eq!(std::fs::read(d.join(crate::journal::FILE_NAME)).unwrap(), before);
}

#[test]
fn care_prints_what_tend_offers_by_id_and_text() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    let unsure =
        add(&d, &["--pleasantness", "-0.3", "--energy", "0.2", "--choice", "unsure", "--context", "new-partner"]);
    let r = tend(&d, &["care", &unsure, "--json"], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["entryId"], unsure.as_str());
    assert_eq!(v["card"]["id"], "consent");
    assert_eq!(v["prompt"]["id"], "p29");
    assert_eq!(v["prompt"]["open"], false);
    assert_eq!(v["groundingFirst"], true);
    assert!(v["coping"].as_array().unwrap().len() <= 3);
    assert!(v["states"].as_array().unwrap().contains(&"consent".into()));
    assert!(v["contexts"].as_array().unwrap().contains(&"casual".into()));
    // In text, as in the app: the consent card (about safety) before the grounding exercise.
    let r = tend(&d, &["care", &unsure], "pw\n");
    let (card_at, grounding_at) = (r.out.find("Card (consent)"), r.out.find("If it helps: "));
    assert!(card_at.is_some() && grounding_at.is_some() && card_at < grounding_at, "{}", r.out);
    assert!(!r.out.contains("First, if it helps"), "{}", r.out);
    // Memories surfacing on a bright day, with no card: the grounding exercise leads.
    let memories = add(&d, &["--pleasantness", "0.4", "--energy", "0.5", "--body", "memories"]);
    let r = tend(&d, &["care", &memories], "pw\n");
    assert!(r.out.starts_with("First, if it helps: "), "{}", r.out);
    assert!(!r.out.contains("Card ("), "{}", r.out);

    let tearful =
        add(&d, &["--pleasantness", "-0.6", "--energy", "-0.5", "--emotion", "tearful", "--check-in", "tomorrow"]);
    let r = tend(&d, &["care", &tearful], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Prompt (p"), "{}", r.out);
    assert_eq!(r.out.matches("Idea (c").count(), 3, "{}", r.out);
    assert!(!r.out.contains("Card ("), "{}", r.out);
    let shown: serde_json::Value = serde_json::from_str(&tend(&d, &["show", &tearful, "--json"], "pw\n").out).unwrap();
    assert_eq!(shown["checkIn"], "tomorrow");

    // Choice unsure with an urgent body item and "hopeless": the consent card takes the place,
    // and the medical words and a way to support come beside it, in text and in JSON.
    let all = add(
        &d,
        &[
            "--pleasantness",
            "-0.7",
            "--energy",
            "-0.4",
            "--emotion",
            "hopeless",
            "--body",
            "bleeding",
            "--choice",
            "unsure",
        ],
    );
    let r = tend(&d, &["care", &all], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Card (consent)"), "{}", r.out);
    assert!(r.out.contains("Card (medical): Your body might need medical attention."), "{}", r.out);
    assert!(r.out.contains("Need support now?"), "{}", r.out);
    let v: serde_json::Value = serde_json::from_str(&tend(&d, &["care", &all, "--json"], "pw\n").out).unwrap();
    assert_eq!(
        (v["card"]["id"].as_str(), v["medicalToo"]["id"].as_str(), v["supportToo"].as_bool()),
        (Some("consent"), Some("medical"), Some(true))
    );
    let r = tend(&d, &["care", &unsure], "pw\n");
    assert!(!r.out.contains("Card (medical)") && !r.out.contains("Support:"), "{}", r.out);

    let r = tend(&d, &["care", "not-an-id"], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("isn't in your journal"), "{}", r.err);
}

#[test]
fn list_filters_by_mood_label_feeling_and_days() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    let heavy = ["--pleasantness", "-0.6", "--energy", "-0.5"];
    let old =
        add(&d, &[&heavy[..], &["--label", "drop", "--emotion", "numb", "--at", "2025-01-10T22:00:00+01:00"]].concat());
    let mid = add(&d, &[&heavy[..], &["--label", "Drop", "--at", "2025-06-01T22:00:00+01:00"]].concat());
    add(&d, &["--pleasantness", "0.6", "--energy", "-0.5", "--label", "drop", "--at", "2025-06-02T22:00:00+01:00"]);
    add(&d, &[&heavy[..], &["--at", "2025-06-03T22:00:00+01:00"]].concat());

    let ids = |args: &[&str]| -> Vec<String> {
        let r = tend(&d, &[&["list", "--json"], args].concat(), "pw\n");
        assert_eq!(r.code, 0, "{}", r.err);
        let page: serde_json::Value = serde_json::from_str(&r.out).unwrap();
        page["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&[]).len(), 4);
    assert_eq!(ids(&["--label", "drop", "--mood", "heavy"]), [mid.clone(), old.clone()]);
    assert_eq!(ids(&["--label", "drop", "--mood", "heavy", "--from", "2025-01-11", "--to", "2025-06-01"]), [mid]);
    assert_eq!(ids(&["--emotion", "numb"]), [old]);
    assert_eq!(ids(&["--mood", "heavy", "--mood", "calm"]).len(), 4);

    let plain = tend(&d, &["list", "--label", "drop", "--mood", "heavy"], "pw\n");
    assert_eq!(plain.out.lines().count(), 2, "{}", plain.out);
    let none = tend(&d, &["list", "--mood", "bright"], "pw\n");
    assert_eq!((none.code, none.out.trim()), (0, "No entries match."));

    let bad = tend(&d, &["list", "--mood", "purple"], "pw\n");
    assert_eq!(bad.code, 1);
    assert!(bad.err.contains("--mood"), "{}", bad.err);
    let unknown = tend(&d, &["list", "--label", "nothing-like-it"], "pw\n");
    assert_eq!(unknown.code, 1);
    assert!(unknown.err.contains("--label") && unknown.err.contains("nothing-like-it"), "{}", unknown.err);
    let day = tend(&d, &["list", "--from", "yesterday"], "pw\n");
    assert_eq!(day.code, 1);
    assert!(day.err.contains("--from"), "{}", day.err);
    let found = tend(&d, &["search", "drop", "--mood", "heavy", "--json"], "pw\n");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&found.out).unwrap()["total"], 2);
}

#[test]
fn help_speaks_to_people() {
    let tmp = tempfile::tempdir().unwrap();
    let top = tend(tmp.path(), &["--help"], "");
    assert_eq!(top.code, 0, "{}", top.err);
    assert!(
        top.out.contains("Tend: a private journal for how you feel after intimacy. This is its command line."),
        "{}",
        top.out
    );
    let commands: Vec<String> =
        <Cli as clap::CommandFactory>::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
    assert!(commands.len() >= 14 && commands.iter().any(|c| c == "demo"), "{commands:?}");
    for help in std::iter::once(top).chain(commands.iter().map(|c| tend(tmp.path(), &[c, "--help"], ""))) {
        assert_eq!(help.code, 0, "{}", help.err);
        let lower = help.out.to_lowercase();
        for word in ["vault", "facade", "slot", "kdf"] {
            assert!(!lower.contains(word), "'{word}' in help:\n{}", help.out);
        }
    }
}

#[test]
fn dates_far_outside_the_calendar_are_refused_calmly() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    assert_eq!(tend(&d, &["add", "--pleasantness", "0.5", "--energy", "0.5"], "pw\n").code, 0);
    let far = tend(&d, &["trends", "--from=-262143-01-01", "--to=+262142-12-31"], "pw\n");
    assert_eq!(far.code, 1, "{}", far.err);
    assert!(far.err.contains("1900") && far.err.contains("2200"), "{}", far.err);
    let add =
        tend(&d, &["add", "--pleasantness", "0", "--energy", "0", "--at", "-262143-01-01T00:00:00+00:00"], "pw\n");
    assert_eq!(add.code, 1, "{}", add.err);
    let list = tend(&d, &["list", "--from", "0001-01-01"], "pw\n");
    assert_eq!(list.code, 1, "{}", list.err);
    assert_eq!(tend(&d, &["trends", "--from", "2026-01-01"], "pw\n").code, 0);
}

#[test]
fn rekey_shows_a_new_recovery_key_and_the_old_ways_in_stop() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    let old_rk = recovery_key_from(&tend(&d, &["init"], "pw\n").out);
    let id = add(&d, &["--pleasantness", "0.2", "--energy", "0.1", "--text", "kept through it"]);
    let pw = tend(&d, &["passwd"], "pw\npw\n");
    assert!(pw.out.contains("tend rekey"), "a plain change says what it doesn't do: {}", pw.out);

    let wrong = tend(&d, &["rekey"], "not it\nnew\n");
    assert_eq!(wrong.code, 1);
    let r = tend(&d, &["rekey"], "pw\nnew pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    let new_rk = recovery_key_from(&r.out);
    assert_ne!(new_rk, old_rk);
    assert!(r.out.contains("old recovery key"), "{}", r.out);
    assert_eq!(tend(&d, &["list"], "pw\n").code, 1, "the old passphrase no longer opens it");
    assert!(tend(&d, &["show", &id], "new pw\n").out.contains("kept through it"));
    let old = tend(&d, &["recover"], &format!("{old_rk}\nx\n"));
    assert_eq!(old.code, 1, "the old recovery key no longer opens it");
    assert_eq!(tend(&d, &["recover"], &format!("{new_rk}\nthird\n")).code, 0);
    assert_eq!(tend(&d, &["check"], "third\n").code, 0);
}

#[test]
fn a_keyring_holding_another_key_exits_1_and_points_to_the_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    let fake = std::sync::Arc::new(FakeKeyring::default());
    let keyring = || Box::new(fake.clone()) as Box<dyn DeviceKeyStore>;
    let init = tend_with(&d, &["init"], "pw\n", &keyring);
    assert_eq!(init.code, 0, "{}", init.err);
    let rk = recovery_key_from(&init.out);
    fake.replace_all();
    let r = tend_with(&d, &["list"], "pw\n", &keyring);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("keyring holds a different key") && r.err.contains("recovery key"), "{}", r.err);
    assert_eq!(tend_with(&d, &["recover"], &format!("{rk}\nnew pw\n"), &keyring).code, 0);
    assert_eq!(tend_with(&d, &["check"], "new pw\n", &keyring).code, 0);
}

/// Where the unprivileged half of [`a_journal_tend_may_not_write_or_read_is_not_called_damaged`]
/// finds its journal, and the command it runs (words split at spaces).
#[cfg(unix)]
const AS_OTHER_USER_DIR: &str = "TEND_TEST_AS_OTHER_USER_DIR";
#[cfg(unix)]
const AS_OTHER_USER_ARGS: &str = "TEND_TEST_AS_OTHER_USER_ARGS";

/// This test binary, run as user and group 65534 through `setpriv`.
#[cfg(unix)]
fn as_user_65534() -> std::process::Command {
    let mut c = std::process::Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(std::env::current_exe().unwrap());
    c
}

/// Runs `tend` with `args` as user and group 65534, with this test binary running
/// [`as_another_user`]; returns its exit code and what it wrote to standard error.
#[cfg(unix)]
fn tend_as_another_user(dir: &std::path::Path, args: &str) -> (i32, String) {
    let out = as_user_65534()
        .args(["--exact", "cli::tests::as_another_user", "--ignored", "--nocapture", "--test-threads=1"])
        .env(AS_OTHER_USER_DIR, dir)
        .env(AS_OTHER_USER_ARGS, args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The test harness may print the test's name on the same line first.
    let line = |key: &str| stdout.lines().find_map(|l| l.split_once(key)).map(|(_, v)| v.to_owned());
    let code = line("tend exit: ").and_then(|c| c.parse().ok());
    let Some(code) = code else {
        panic!("the other user's run said nothing: {stdout}\n{}", String::from_utf8_lossy(&out.stderr))
    };
    (code, line("tend said: ").unwrap_or_default())
}

/// The unprivileged half: the command and the journal named by the environment. Does nothing
/// when run on its own.
#[cfg(unix)]
#[test]
#[ignore = "run by a_journal_tend_may_not_write_or_read_is_not_called_damaged as another user"]
fn as_another_user() {
    let (Some(dir), Ok(args)) = (std::env::var_os(AS_OTHER_USER_DIR), std::env::var(AS_OTHER_USER_ARGS)) else {
        return;
    };
    let args: Vec<&str> = args.split(' ').collect();
    let r = tend(std::path::Path::new(&dir), &args, "pw\n");
    println!("tend exit: {}", r.code);
    println!("tend said: {}", r.err.trim().replace('\n', " "));
}

#[cfg(unix)]
#[test]
fn a_journal_tend_may_not_write_or_read_is_not_called_damaged() {
    use std::os::unix::fs::{chown, PermissionsExt};
    // Root ignores file permissions, so the journal is used by another user: that takes root,
    // setpriv, and this test binary where that user may run it.
    let root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root || !as_user_65534().arg("--list").output().is_ok_and(|o| o.status.success()) {
        eprintln!("note: skipped: needs root, setpriv, and this test binary runnable by user 65534");
        return;
    }
    let mode = |p: &std::path::Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    mode(tmp.path(), 0o755);
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    add(&d, &["--pleasantness", "0.2", "--energy", "0.1", "--text", "kept"]);
    let file = d.join("tend.db");
    let others: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).collect();
    for p in others.iter().chain([&d]) {
        chown(p, Some(65534), Some(65534)).unwrap();
    }

    let refused = |code: i32, said: &str, what: &str| {
        assert_eq!(code, 1, "{said}");
        assert!(said.contains(what) && said.contains("safe and unchanged"), "{said}");
        assert!(!said.contains("damaged") && !said.contains("move") && !said.contains("space"), "{said}");
    };
    let add_one = "add --pleasantness 0.1 --energy 0.1";

    // The file is read-only for its owner: it opens, and a save is refused as read-only.
    mode(&file, 0o400);
    let before = std::fs::read(&file).unwrap();
    let (code, said) = tend_as_another_user(&d, "list");
    assert_eq!(code, 0, "a read-only journal still opens for reading: {said}");
    let (code, said) = tend_as_another_user(&d, add_one);
    refused(code, &said, "read-only");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // The folder too, with no log files left beside the journal: SQLite can't even read it.
    for end in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(d.join(format!("tend.db{end}")));
    }
    mode(&d, 0o500);
    let (code, said) = tend_as_another_user(&d, "list");
    refused(code, &said, "read-only");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // The file belongs to someone else, who alone may read it.
    mode(&d, 0o700);
    chown(&file, Some(0), Some(0)).unwrap();
    mode(&file, 0o600);
    let (code, said) = tend_as_another_user(&d, "list");
    refused(code, &said, "isn't allowed to read");
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // The journal is theirs again, but its log files beside it are not (as a run of Tend as
    // another user can leave them): SQLite only says it "cannot open" the journal.
    chown(&file, Some(65534), Some(65534)).unwrap();
    for end in ["-wal", "-shm"] {
        std::fs::write(d.join(format!("tend.db{end}")), b"").unwrap();
        mode(&d.join(format!("tend.db{end}")), 0o600);
    }
    let (code, said) = tend_as_another_user(&d, "list");
    refused(code, &said, "isn't allowed to read");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn check_names_an_entry_put_back_from_an_older_copy_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    tend(&d, &["init"], "pw\n");
    let id = add(&d, &["--pleasantness", "0.2", "--energy", "0.1", "--text", "first"]);
    let rid = *uuid::Uuid::parse_str(&id).unwrap().as_bytes();
    let path = d.join(crate::journal::FILE_NAME);
    let read = || -> Vec<u8> {
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT blob FROM records WHERE record_id = ?1", [&rid[..]], |r| r.get(0))
            .unwrap()
    };
    let old = read();
    assert_eq!(tend(&d, &["edit", &id, "--text", "second"], "pw\n").code, 0);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![old, &rid[..]])
        .unwrap();
    let list = tend(&d, &["list"], "pw\n");
    assert_eq!(list.code, 0);
    assert!(list.err.contains("not as Tend last saved"), "{}", list.err);
    let check = tend(&d, &["check"], "pw\n");
    assert_eq!(check.code, 2, "{}", check.out);
    assert!(check.out.contains("older version") && check.out.contains(&id), "{}", check.out);
}

/// What `tend care` says in the moments that need it most (Care, second pass).
#[test]
fn care_says_the_right_thing_when_it_matters() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    let care = |id: &str| {
        let text = tend(&d, &["care", id], "pw\n");
        assert_eq!(text.code, 0, "{}", text.err);
        let json = tend(&d, &["care", id, "--json"], "pw\n");
        (text.out, serde_json::from_str::<serde_json::Value>(&json.out).unwrap())
    };

    // An unsure choice: the limit for PEP is stated.
    let unsure = add(&d, &["--pleasantness", "-0.3", "--energy", "0.2", "--choice", "unsure"]);
    let (text, _) = care(&unsure);
    assert!(text.contains("72 hours") && text.contains("3 to 5 days"), "{text}");
    assert!(!text.contains("shower"), "{text}");

    // Agitated and hopeless: the gentle support card.
    let tense = add(&d, &["--pleasantness", "-0.6", "--energy", "0.6", "--emotion", "hopeless"]);
    let (text, v) = care(&tense);
    assert_eq!(v["card"]["id"], "gentle-support", "{v}");
    assert!(text.contains("Card (gentle-support)"), "{text}");

    // Floaty after a scene: no grounding first, no prompt about memories.
    let floaty =
        add(&d, &["--pleasantness", "0.6", "--energy", "-0.5", "--context", "kink-bottom", "--body", "floaty-spacey"]);
    let (text, v) = care(&floaty);
    assert_eq!(v["groundingFirst"], false, "{v}");
    assert!(!["p27", "p28"].contains(&v["prompt"]["id"].as_str().unwrap()), "{v}");
    assert!(!text.contains("Old memories") && !text.contains("If it helps: "), "{text}");

    // Pressure on the neck: the medical card, for today.
    let neck = add(&d, &["--pleasantness", "0.4", "--energy", "0.1", "--body", "neck-pressure"]);
    let (text, v) = care(&neck);
    assert_eq!(v["card"]["id"], "medical", "{v}");
    assert!(text.contains("Get checked today, even if you feel fine"), "{text}");

    // A barrier that broke, and nothing else: the calm card, not the alarm.
    let barrier = add(&d, &["--pleasantness", "0.2", "--energy", "0.1", "--body", "risk-worry"]);
    let (text, v) = care(&barrier);
    assert_eq!(v["card"]["id"], "safer-sex", "{v}");
    assert!(v["medicalToo"].is_null(), "{v}");
    assert!(!text.contains("Card (medical)") && !text.contains("Bleeding that won't stop"), "{text}");
    assert!(text.contains("72 hours"), "{text}");
}

/// `tend words` lists "hopeless" under every mood, as the window offers it.
#[test]
fn words_offer_hopeless_under_every_mood() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tend(tmp.path(), &["words"], "").out;
    let rows: Vec<&str> = out.lines().skip(1).take(5).collect();
    assert_eq!(rows.len(), 5, "{out}");
    for row in rows {
        assert!(row.split_whitespace().any(|w| w == "hopeless"), "{row}");
    }
    // The old "far away, floaty or not in my body" is read, not offered; its two halves are.
    let body = out.split("Body (--body)").nth(1).unwrap();
    assert!(body.contains(" floaty-spacey") && body.contains(" not-in-body"), "{body}");
    assert!(!body.contains(" far-away"), "{body}");
}

/// Trends as printed for a journal whose entries with cuddling have pleasantness `with` and
/// the others (which noted water) `without`, each entry's mood `mean ± 0.5` in turn.
fn trends_text(with: (usize, f64), without: (usize, f64)) -> String {
    use crate::model::{Entry, EntryInput, EntryPayload, Vocabulary};
    let mut es = Vec::new();
    for (k, ((n, mean), got)) in [(with, "cuddling"), (without, "water")].into_iter().enumerate() {
        for i in 0..n {
            let p = if n % 2 == 1 && i == n - 1 {
                mean
            } else if i % 2 == 0 {
                mean + 0.5
            } else {
                mean - 0.5
            };
            let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T22:00:00+01:00").unwrap()
                + chrono::Duration::days(i as i64);
            let payload = EntryPayload { at, created: at, updated: at, input: EntryInput::with_mood(p, 0.0) };
            let mut e =
                Entry::from_payload(format!("{k}-{i}"), payload, crate::words::shipped(), &Vocabulary::default());
            e.aftercare_got = vec![got.into()];
            es.push(e);
        }
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let i = crate::insights::compute(&es, &crate::insights::Query { from: None, to: None, today });
    let mut out = Vec::new();
    print::trends(&mut out, &i).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn trends_call_a_difference_a_pattern_only_when_it_holds_beyond_chance() {
    // The case from the issue: +0.41 (54) against +0.29 (125), spread 0.5.
    let out = trends_text((54, 0.41), (125, 0.29));
    let line = out.lines().find(|l| l.contains("cuddling")).unwrap();
    assert!(line.contains("about the same with or without it, as far as these entries show"), "{out}");
    assert!(!out.contains("tends to go with feeling better"), "{out}");
    assert!(out.contains("difference +0.12, 95% interval -0.04 to +0.28"), "{out}");

    let out = trends_text((60, 0.5), (60, -0.1));
    let line = out.lines().find(|l| l.contains("cuddling")).unwrap();
    assert!(line.contains("tends to go with feeling better"), "{out}");
    let water = out.lines().find(|l| l.contains("water")).unwrap();
    assert!(water.contains("has gone with somewhat less pleasant moods so far"), "{out}");
}

/// (times wanted, times getting it was noted too, the words)
#[test]
fn wanted_needs_are_plain_counts() {
    let cases = [
        (18, 0, "wanted 18 times; getting it wasn't noted those times"),
        (1, 0, "wanted once; getting it wasn't noted that time"),
        (1, 1, "wanted once, and you noted getting it"),
        (2, 1, "wanted twice, and you noted getting it once"),
        (2, 2, "wanted twice, and you noted getting it both times"),
        (7, 7, "wanted 7 times, and you noted getting it each time"),
        (7, 3, "wanted 7 times, and you noted getting it 3 of those times"),
    ];
    for (wanted, got, words) in cases {
        assert_eq!(print::wanted_words(wanted, got), words);
    }
}

/// A journal with two entries on two days, one with an own word and a partner named like a
/// spreadsheet formula; passphrase "pw".
fn export_journal(d: &std::path::Path) {
    assert_eq!(tend(d, &["init"], "pw\n").code, 0);
    let first = add(
        d,
        &[
            "--pleasantness",
            "-0.6",
            "--energy",
            "-0.5",
            "--emotion",
            "tearful",
            "--label",
            "post-sex-blues",
            "--partner",
            "=HYPERLINK(\"http://x\")",
            "--text",
            "far away, then \"fine\"",
            "--at",
            "2026-03-01T23:10:00+01:00",
        ],
    );
    add(
        d,
        &[
            "--pleasantness",
            "0.5",
            "--energy",
            "-0.4",
            "--emotion",
            "glimmery",
            "--follows",
            &first,
            "--text",
            "+lighter today",
            "--at",
            "2026-03-02T10:00:00+01:00",
        ],
    );
}

/// The names in a folder, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    n.sort();
    n
}

#[test]
fn export_writes_each_format_with_words_resolved() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    export_journal(&d);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let json = out.join("all.json");
    let r = tend(&d, &["export", "--format", "json", "--out", json.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Exported 2 entries"), "{}", r.out);
    assert!(r.err.contains("NOT encrypted"), "{}", r.err);
    assert_eq!(r.err.lines().count(), 1, "one line of warning: {}", r.err);
    let doc = crate::export::ExportDoc::parse(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(doc.entries.len(), 2);
    assert_eq!(doc.entries[1].in_words.feelings, ["glimmery"]);
    assert_eq!(doc.own_words.emotions[0].label, "glimmery");
    assert_eq!(doc.entries[1].entry.emotions, [doc.own_words.emotions[0].id.clone()]);

    let md = out.join("march.md");
    let r = tend(&d, &["export", "--format", "md", "--from", "2026-03-02", "--out", md.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Exported 1 entry"), "{}", r.out);
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(md.contains("## Monday 2 March 2026") && !md.contains("1 March 2026,"), "{md}");
    assert!(md.contains("- Feelings: glimmery") && md.contains("entries from 2026-03-02"), "{md}");

    let csv = out.join("first.csv");
    let r = tend(&d, &["export", "--format", "csv", "--to", "2026-03-01", "--out", csv.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    let csv = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains(",tearful,post-sex blues,"), "{}", rows[1]);
    assert!(rows[1].contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "formula quoted as text: {}", rows[1]);
    assert!(rows[1].contains(",\"far away, then \"\"fine\"\"\","), "{}", rows[1]);

    let both = out.join("both.csv");
    tend(&d, &["export", "--format", "csv", "--out", both.to_str().unwrap()], "pw\n");
    assert!(std::fs::read_to_string(&both).unwrap().contains(",'+lighter today,"), "a leading + is kept as text");
    assert_eq!(names_in(&out), ["all.json", "both.csv", "first.csv", "march.md"], "no temporary file left");
}

#[test]
fn export_never_replaces_a_file_by_accident_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    export_journal(&d);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let file = out.join("mine.md");
    std::fs::write(&file, "my own notes").unwrap();

    let r = tend(&d, &["export", "--format", "md", "--out", file.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("already something") && r.err.contains("--force"), "{}", r.err);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own notes", "left untouched");

    let missing = out.join("no such folder").join("x.json");
    let r = tend(&d, &["export", "--format", "json", "--out", missing.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("couldn't write the export") && !r.err.contains("NOT encrypted"), "{}", r.err);
    assert_eq!(names_in(&out), ["mine.md"], "no temporary file left after a failure");

    let bad = tend(
        &d,
        &["export", "--format", "csv", "--from", "2026-03-02", "--to", "2026-03-01", "--out", "x.csv"],
        "pw\n",
    );
    assert_eq!(bad.code, 1);
    assert!(bad.err.contains("before the first"), "{}", bad.err);
    let old = tend(&d, &["export", "--format", "csv", "--from", "1899-01-01", "--out", "x.csv"], "pw\n");
    assert!(old.err.contains("between the years 1900 and 2200"), "{}", old.err);

    let r = tend(&d, &["export", "--format", "md", "--force", "--out", file.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("# Tend journal"));
    assert_eq!(names_in(&out), ["mine.md"]);
    let wrong = tend(&d, &["export", "--format", "md", "--force", "--out", file.to_str().unwrap()], "nope\n");
    assert_eq!(wrong.code, 1, "a wrong passphrase exports nothing");
}

#[test]
fn back_up_then_restore_on_a_new_computer_with_only_the_file_and_the_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    let init = tend(&d, &["init"], "pw\n");
    let rk = recovery_key_from(&init.out);
    let first = add(&d, &["--pleasantness", "-0.5", "--energy", "-0.4", "--text", "cried after, and that was ok"]);
    add(&d, &["--pleasantness", "0.5", "--energy", "-0.4", "--text", "slow morning"]);
    let file = tmp.path().join("b.age");
    let f = file.to_str().unwrap();
    let r = tend(&d, &["backup", "--out", f], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Backed up 2 entries"), "{}", r.out);
    assert_eq!(tend(&d, &["backup", "--out", f], "pw\n").code, 1, "never over a file");

    // The key file for the standard age tool.
    let key = tmp.path().join("key.txt");
    let k = tend(&d, &["backup-key", "--out", key.to_str().unwrap()], &format!("{rk}\n"));
    assert_eq!(k.code, 0, "{}", k.err);
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.lines().any(|l| l.starts_with("AGE-SECRET-KEY-1")), "{text}");
    assert_eq!(tend(&d, &["backup-key", "--out", key.to_str().unwrap()], "ABCD\n").code, 1);

    // A new computer: an empty folder, the file and the key.
    let new = tmp.path().join("new");
    let wrong = tend(&new, &["restore", f], "0000-0000\nnewpw\n");
    assert_eq!(wrong.code, 1, "{}", wrong.err);
    assert!(!new.join("tend.db").exists());
    let r = tend(&new, &["restore", f], &format!("{rk}\nnewpw\n"));
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Restored 2 entries"), "{}", r.out);
    let show = tend(&new, &["show", &first], "newpw\n");
    assert!(show.out.contains("cried after, and that was ok"), "{}", show.out);

    // Into the open journal: twice adds nothing.
    let again = tend(&new, &["restore", f], &format!("newpw\n{rk}\n"));
    assert_eq!(again.code, 0, "{}", again.err);
    assert!(again.out.contains("Added 0 entries"), "{}", again.out);

    // Not a backup at all: said plainly, exit 1, nothing changed.
    let notes = tmp.path().join("notes.age");
    std::fs::write(&notes, "hello").unwrap();
    let r = tend(&new, &["restore", notes.to_str().unwrap()], &format!("newpw\n{rk}\n"));
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("isn't a Tend backup"), "{}", r.err);
}

#[test]
fn help_says_how_secrets_are_read_when_not_at_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let r = tend(tmp.path(), &["--help"], "");
    assert!(r.out.contains("each one is read as one line, in the order the prompts ask"), "{}", r.out);
    for cmd in ["backup", "backup-key", "restore"] {
        assert!(r.out.contains(cmd), "{cmd} in {}", r.out);
    }
}

#[test]
fn erase_asks_for_the_word_then_removes_the_journal_and_leaves_backups() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    tend(&d, &["init"], "pw\n");
    add(&d, &["--pleasantness", "0.1", "--energy", "0.1", "--text", "private"]);
    let b = tmp.path().join("b.age");
    assert_eq!(tend(&d, &["backup", "--out", b.to_str().unwrap()], "pw\n").code, 0);
    let no = tend(&d, &["erase"], "yes\n");
    assert_eq!(no.code, 1);
    assert!(no.out.contains("Nothing was removed"), "{}", no.out);
    assert!(d.join("tend.db").exists());
    let r = tend(&d, &["erase"], "erase\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("Backups are not touched"), "{}", r.err);
    assert!(!d.exists(), "the folder held only Tend's files");
    assert!(b.exists());
    assert_eq!(tend(&d, &["erase"], "erase\n").code, 1, "nothing there to erase");
}

#[test]
fn summary_writes_one_plain_page_with_only_what_was_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    export_journal(&d);
    let second = tend(&d, &["list", "--json"], "pw\n");
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(&second.out).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    let (newest, oldest) = (&ids[0], &ids[1]);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let page = out.join("for-my-therapist.html");
    let p = page.to_str().unwrap();
    let r = tend(&d, &["summary", "--from", "2026-03-01", "--to", "2026-03-31", "--entry", oldest, "--out", p], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with(&format!("Wrote a summary of 2 entries to {p}.")), "{}", r.out);
    assert!(r.err.contains("NOT encrypted") && r.err.lines().count() == 1, "{}", r.err);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h1>Tend — summary for 1 to 31 March 2026</h1>"), "{html}");
    assert!(html.contains("<h3>Sunday 1 March 2026, 23:10</h3>") && html.contains("<dd>tearful</dd>"));
    assert!(!html.contains("far away") && !html.contains("lighter today"), "no text without --with-text");
    assert!(!html.contains("HYPERLINK"), "a partner's name is never on the page");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&page).unwrap().permissions().mode() & 0o777, 0o600);
    }

    // Never over a file by accident, and said with this command's own --force.
    let r = tend(&d, &["summary", "--out", p], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("tend summary --force"), "{}", r.err);
    let r = tend(&d, &["summary", "--entry", newest, "--with-text", "--force", "--out", p], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("+lighter today") && !html.contains("far away"), "only the named entry's text");
    assert_eq!(names_in(&out), ["for-my-therapist.html"], "no temporary file left");

    // Refused before the passphrase: days out of order or range, a file already there.
    for (args, says) in [
        (&["summary", "--from", "2026-03-02", "--to", "2026-03-01", "--out", "x.html"][..], "before the first"),
        (&["summary", "--from", "1899-01-01", "--out", "x.html"][..], "between the years 1900 and 2200"),
        (&["summary", "--out", p][..], "already something"),
    ] {
        let r = tend(&d, args, "");
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.err.contains(says) && r.err.lines().count() == 1, "{}", r.err);
    }
    // Refused after it: an entry that isn't there, or lies outside the period; nothing written.
    let x = out.join("x.html");
    let r = tend(&d, &["summary", "--entry", "nope", "--out", x.to_str().unwrap()], "pw\n");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("entries: there is no entry 'nope'"), "{}", r.err);
    let r = tend(&d, &["summary", "--from", "2026-03-02", "--entry", oldest, "--out", x.to_str().unwrap()], "pw\n");
    assert!(r.code == 1 && r.err.contains("lies outside"), "{}", r.err);
    assert_eq!(names_in(&out), ["for-my-therapist.html"]);

    let help = tend(&d, &["summary", "--help"], "");
    assert!(help.out.contains("NOT encrypted") && help.out.contains("--with-text"), "{}", help.out);
}

/// An entry with no mood recorded (as an import brings): the command line says so where the
/// mood would show, keeps it without one through an edit, and gives it one only when both
/// numbers are given.
#[test]
fn an_entry_without_a_mood_says_so_and_keeps_none_through_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    assert_eq!(tend(&d, &["init"], "pw\n").code, 0);
    let id = {
        let j = Journal::with_options(&d, Box::new(NoKeyring), Options::for_tests());
        j.unlock(&crate::secret::Passphrase::from("pw")).unwrap();
        let mut input = crate::model::EntryInput::without_mood();
        input.text = "From my old diary".into();
        input.at = chrono::DateTime::parse_from_rfc3339("2026-03-01T21:00:00+01:00").ok();
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").unwrap();
        let id = j.add(input, at).unwrap().id;
        j.lock();
        id
    };
    add(&d, &["--pleasantness", "-0.5", "--energy", "-0.5", "--at", "2026-03-02T22:00:00+01:00"]);

    let list = tend(&d, &["list"], "pw\n");
    let line = list.out.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(line.contains("no mood recorded") && line.contains("From my old diary"), "{line}");
    let show = tend(&d, &["show", &id], "pw\n");
    assert!(show.out.contains("Mood: no mood recorded"), "{}", show.out);
    assert!(!show.out.contains("pleasantness"), "{}", show.out);
    let json: serde_json::Value = serde_json::from_str(&tend(&d, &["show", &id, "--json"], "pw\n").out).unwrap();
    assert_eq!((&json["mood"], &json["quadrant"]), (&serde_json::Value::Null, &serde_json::Value::Null));
    assert!(tend(&d, &["list", "--mood", "mixed"], "pw\n").out.contains("No entries match."));

    // An edit without a mood keeps none; a shipped word needs none.
    let edit = tend(&d, &["edit", &id, "--text", "From my old diary, edited", "--emotion", "tender"], "pw\n");
    assert_eq!(edit.code, 0, "{}", edit.err);
    let json: serde_json::Value = serde_json::from_str(&tend(&d, &["show", &id, "--json"], "pw\n").out).unwrap();
    assert_eq!((&json["mood"], &json["emotions"][0]), (&serde_json::Value::Null, &serde_json::json!("tender")));
    // A new word of one's own is placed by the mood, so it asks for one; half a mood is refused.
    let own = tend(&d, &["edit", &id, "--emotion", "glimmery"], "pw\n");
    assert_eq!(own.code, 1);
    assert!(own.err.contains("--pleasantness and --energy"), "{}", own.err);
    let half = tend(&d, &["edit", &id, "--pleasantness", "0.4"], "pw\n");
    assert_eq!(half.code, 1);
    assert!(half.err.starts_with("energy:") && half.err.contains("both"), "{}", half.err);
    let json: serde_json::Value = serde_json::from_str(&tend(&d, &["show", &id, "--json"], "pw\n").out).unwrap();
    assert_eq!(json["mood"], serde_json::Value::Null, "nothing changed");

    // Trends count it apart, in a quiet line.
    let trends = tend(&d, &["trends", "--from", "2026-03-01", "--to", "2026-03-31"], "pw\n");
    assert_eq!(trends.code, 0, "{}", trends.err);
    assert!(trends.out.contains(": 2 entries\n1 entry without a mood isn't in these figures."), "{}", trends.out);
    assert!(trends.out.contains("heavy 1 (mean pleasantness -0.50"), "{}", trends.out);

    // Both numbers give it a mood.
    let both = tend(&d, &["edit", &id, "--pleasantness", "0.4", "--energy", "-0.3"], "pw\n");
    assert_eq!(both.code, 0, "{}", both.err);
    let json: serde_json::Value = serde_json::from_str(&tend(&d, &["show", &id, "--json"], "pw\n").out).unwrap();
    assert_eq!(
        (&json["quadrant"], &json["text"]),
        (&serde_json::json!("calm"), &serde_json::json!("From my old diary, edited"))
    );
}

#[test]
fn import_shows_what_comes_then_saves_it_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    tend(&d, &["init"], "pw\n");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/jrnl.json");
    let f = file.to_str().unwrap();
    let dry = tend(&d, &["import", f, "--dry-run"], "pw\n");
    assert_eq!(dry.code, 0, "{}", dry.err);
    assert!(
        dry.out.contains("5 entries from 2019-03-02 to 2023-05-20") && dry.out.contains("Nothing was saved"),
        "{}",
        dry.out
    );
    assert!(tend(&d, &["list"], "pw\n").out.trim().lines().count() <= 1, "nothing saved");
    let r = tend(&d, &["import", f, "--format", "jrnl"], "pw\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Imported 5 entries"), "{}", r.out);
    let again = tend(&d, &["import", f], "pw\n");
    assert!(
        again.out.contains("5 of them are in your journal already") && again.out.contains("Imported 0 entries"),
        "{}",
        again.out
    );
    let wrong = tend(&d, &["import", f, "--format", "daylio"], "pw\n");
    assert_eq!(wrong.code, 1, "{}", wrong.err);
    let missing = tend(&d, &["import", "/no/such/file.json"], "");
    assert_eq!(missing.code, 1);
    assert!(missing.err.contains("Nothing was changed"), "{}", missing.err);
}

#[test]
fn a_backup_with_its_own_passphrase_restores_with_it_and_a_new_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("journal");
    tend(&d, &["init"], "pw\n");
    add(&d, &["--pleasantness", "0.2", "--energy", "0.1", "--text", "for safekeeping"]);
    let file = tmp.path().join("friend.age");
    let f = file.to_str().unwrap();
    assert_eq!(tend(&d, &["backup", "--own-passphrase"], "pw\n").code, 1, "--own-passphrase needs --out");
    let b = tend(&d, &["backup", "--out", f, "--own-passphrase"], "pw\nshared words\n");
    assert_eq!(b.code, 0, "{}", b.err);
    assert!(b.out.contains("not with your recovery key"), "{}", b.out);
    let new = tmp.path().join("new");
    let wrong = tend(&new, &["restore", f], "wrong\nmine\n");
    assert_eq!(wrong.code, 1);
    assert!(wrong.err.contains("doesn't open this backup"), "{}", wrong.err);
    let r = tend(&new, &["restore", f], "shared words\nmine\n");
    assert_eq!(r.code, 0, "{}", r.err);
    let key = recovery_key_from(&r.out);
    assert!(tend(&new, &["list"], "mine\n").out.contains("for safekeeping"));
    assert_eq!(tend(&new, &["recover"], &format!("{key}\nagain\n")).code, 0);
}
