//! The `tend` command line on a test's journal, for seeding entries and reading back what the
//! core says, sometimes with the clock shifted by `faketime`.

use std::process::Stdio;

use crate::{app_binary, Home};

/// Runs the `tend` command line on this home's journal with `pass` on standard input and no
/// keyring, optionally under `faketime` (e.g. "-4h") so an entry is saved as if hours ago.
pub fn tend_cli(home: &Home, pass: &str, args: &[&str], shift: Option<&str>) -> String {
    use std::io::Write;
    let mut cmd = match shift {
        Some(offset) => {
            let mut c = std::process::Command::new("faketime");
            c.args(["-f", offset]).arg(app_binary());
            c
        }
        None => std::process::Command::new(app_binary()),
    };
    let mut child = cmd
        .arg("--data-dir")
        .arg(home.data_dir())
        .args(args)
        .env("TEND_KEYRING", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the tend binary (and faketime, when asked) can start");
    child.stdin.take().unwrap().write_all(format!("{pass}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "tend {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}
