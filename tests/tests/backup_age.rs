//! Backups read by the real `age` tool (Debian's age 1.1), as anyone with only the recovery key
//! would: `tend backup-key` writes the identity, `age -d -i` shows readable JSON, and a changed
//! file is refused; a backup with a passphrase of its own opens in `age` with that passphrase.
//! Then a new computer: restore into an empty folder, and every record is equal.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use tend_tests::{app_binary, Home};

/// `tend --data-dir DIR ARGS` with `stdin` (one secret a line), no keyring.
fn tend(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(app_binary())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TEND_KEYRING", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tend binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn age(args: &[&str]) -> Output {
    Command::new("age").args(args).output().expect("Debian's age is installed (.ci/lib.sh installs it)")
}

#[test]
fn the_standard_age_tool_reads_a_backup_with_the_key_from_the_recovery_key() {
    let home = Home::new();
    let dir = home.data_dir();
    // With no keyring, the passphrase alone guards the file: a guessable one is refused, kindly,
    // saying why, and nothing is made.
    let weak = tend(&dir, &["init"], "pw\n");
    assert!(!weak.status.success());
    let said = String::from_utf8_lossy(&weak.stderr);
    assert!(
        said.contains("could be guessed in less than a second") && said.contains("Add a few unrelated words"),
        "{said}"
    );
    assert!(!dir.join("tend.db").exists(), "nothing is made");
    let init = ok(tend(&dir, &["init"], "pale window orchard\n"));
    let rk = init
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 69 && l.matches('-').count() == 13)
        .expect("the recovery key is shown")
        .to_owned();
    for (p, text) in [("-0.5", "cried after, and that was ok ✨"), ("0.6", "slow morning, tea in bed")] {
        ok(tend(&dir, &["add", "--pleasantness", p, "--energy", "-0.3", "--text", text], "pale window orchard\n"));
    }
    let backup = home.dir.path().join("backup.age");
    let b = backup.to_str().unwrap();
    ok(tend(&dir, &["backup", "--out", b], "pale window orchard\n"));
    let raw = std::fs::read(&backup).unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("tea in bed"), "nothing in the clear");

    let key = home.dir.path().join("key.txt");
    let k = key.to_str().unwrap();
    ok(tend(&dir, &["backup-key", "--out", k], &format!("{rk}\n")));
    let version = age(&["--version"]);
    eprintln!("age {}", String::from_utf8_lossy(&version.stdout).trim());

    let plain = age(&["-d", "-i", k, b]);
    assert!(plain.status.success(), "age -d: {}", String::from_utf8_lossy(&plain.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("readable JSON");
    assert_eq!(doc["format"], "tend-export/1");
    let texts: Vec<&str> = doc["entries"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["cried after, and that was ok ✨", "slow morning, tea in bed"]);

    // age's own tools agree on the public half: the recipient the file was sealed to.
    let recipient = std::fs::read_to_string(&key).unwrap();
    let public = recipient.lines().find_map(|l| l.strip_prefix("# public key: ")).unwrap().to_owned();
    let keygen = Command::new("age-keygen").args(["-y", k]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&keygen.stdout).trim(), public);

    // A changed byte, or a cut file: age refuses it, and so does Tend.
    let mut changed = raw.clone();
    let n = changed.len() - 20;
    changed[n] ^= 1;
    let bad = home.dir.path().join("changed.age");
    std::fs::write(&bad, &changed).unwrap();
    assert!(!age(&["-d", "-i", k, bad.to_str().unwrap()]).status.success());
    let fresh = home.path("elsewhere");
    let r = tend(&fresh, &["restore", bad.to_str().unwrap()], &format!("{rk}\nnew kettle by the door\n"));
    assert_eq!(r.status.code(), Some(2), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(!fresh.join("tend.db").exists(), "nothing made");

    // A backup with a passphrase of its own: age asks for it on the terminal (a pseudo-terminal
    // from `script`, as age reads passphrases only from one).
    let own = home.dir.path().join("for-a-friend.age");
    ok(tend(
        &dir,
        &["backup", "--out", own.to_str().unwrap(), "--own-passphrase"],
        "pale window orchard\nshared words for a friend\n",
    ));
    let out = home.dir.path().join("from-passphrase.json");
    let mut script = Command::new("script")
        .args(["-qec", &format!("age -d -o {} {}", out.display(), own.display()), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("script (util-linux) runs age on a pseudo-terminal");
    script.stdin.take().unwrap().write_all(b"shared words for a friend\n").unwrap();
    assert!(script.wait().unwrap().success(), "age -d with the backup's passphrase");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["entries"].as_array().unwrap().len(), 2);

    // A new computer with only the file and the recovery key: everything back, field for field.
    ok(tend(&fresh, &["restore", b], &format!("{rk}\nnew kettle by the door\n")));
    let export = |d: &Path, pass: &str, out: &str| {
        let p = home.dir.path().join(out);
        ok(tend(d, &["export", "--format", "json", "--out", p.to_str().unwrap()], &format!("{pass}\n")));
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        v
    };
    let (before, after) =
        (export(&dir, "pale window orchard", "before.json"), export(&fresh, "new kettle by the door", "after.json"));
    assert_eq!(before["entries"], after["entries"]);
    assert_eq!(before["ownWords"], after["ownWords"]);
    assert_eq!(before["settings"], after["settings"]);
    assert_eq!(before["care"], after["care"]);
}
