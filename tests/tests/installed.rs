//! The `.deb` as a person gets it: installed with apt-get on this Debian, found in the menu and
//! on PATH, its window started under Xvfb, then removed, leaving the journal it made in place.
//! Needs root and the package; `.ci/package-test` builds the package and runs this.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tend_tests::{App, Home, R};

const PASS: &str = "a calm installed passphrase";

/// Runs `cmd`, failing with its output when it doesn't succeed; returns its standard output.
fn run(cmd: &mut Command) -> R<String> {
    let out = cmd.stdin(Stdio::null()).output()?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

fn apt_get(args: &[&str]) -> Command {
    let mut c = Command::new("apt-get");
    c.args(["-y", "-q"]).args(args).env("DEBIAN_FRONTEND", "noninteractive");
    c
}

fn installed() -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", "tend"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// Removes the package when the test ends early, so a failed run leaves the machine as it was.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        if installed() {
            let _ = apt_get(&["remove", "tend"]).stdout(Stdio::null()).status();
        }
    }
}

/// Every file under `dir`, with its bytes, in name order.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
#[ignore = "installs a package as root: run by .ci/package-test"]
async fn the_deb_installs_runs_and_removes_leaving_the_journal() -> R {
    let deb = PathBuf::from(std::env::var("TEND_DEB").expect("TEND_DEB: the .deb to install"));
    let deb = std::fs::canonicalize(&deb)?;
    let size = std::fs::metadata(&deb)?.len();
    println!("package: {} ({:.1} MB)", deb.display(), size as f64 / 1e6);
    assert!(size < 15_000_000, "the .deb is {size} bytes; it must stay under 15 MB");
    assert!(!installed(), "tend is already installed here: remove it first (apt-get remove tend)");

    let guard = Installed;
    run(apt_get(&["install", "--no-install-recommends"]).arg(&deb))?;
    assert!(installed(), "apt-get said yes, but dpkg doesn't list tend as installed");

    // The command line, on PATH as `tend`.
    let on_path = run(Command::new("sh").args(["-c", "command -v tend"]))?;
    assert_eq!(on_path.trim(), "/usr/bin/tend");
    let version = run(Command::new("tend").arg("--version"))?;
    assert_eq!(version.trim(), format!("tend {}", env!("CARGO_PKG_VERSION")));

    // In the menu: a neutral name, the icon, and an entry the desktop's own tools accept.
    let desktop = std::fs::read_to_string("/usr/share/applications/Tend.desktop")
        .or_else(|_| std::fs::read_to_string("/usr/share/applications/tend.desktop"))?;
    for line in ["Name=Tend", "GenericName=Journal", "Exec=tend", "Icon=tend", "Type=Application"] {
        assert!(desktop.lines().any(|l| l == line), "the menu entry lacks {line:?}:\n{desktop}");
    }
    let lower = desktop.to_lowercase();
    for word in ["sex", "intima", "kink", "dysphoria"] {
        assert!(!lower.contains(word), "the menu entry says {word:?}, where anyone glancing at the menu sees it");
    }
    let files = run(Command::new("dpkg").args(["-L", "tend"]))?;
    let desktop_path = files.lines().find(|l| l.ends_with(".desktop")).ok_or("no menu entry in the package")?;
    run(Command::new("desktop-file-validate").arg(desktop_path))?;
    for f in ["/usr/share/icons/hicolor/128x128/apps/tend.png", "/usr/share/doc/tend/copyright"] {
        assert!(files.lines().any(|l| l == f), "the package lacks {f}:\n{files}");
        assert!(Path::new(f).is_file(), "{f} is listed but not on disk");
    }

    // The installed app makes a journal in the person's own data folder, then opens its window.
    let home = Home::new();
    let data = home.data_dir();
    let mut init = Command::new("tend")
        .arg("init")
        .env("HOME", home.path("home"))
        .env("XDG_DATA_HOME", home.path("data"))
        .env("TEND_KEYRING", "off")
        .env_remove("TEND_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    {
        use std::io::Write;
        init.stdin.take().unwrap().write_all(format!("{PASS}\n").as_bytes())?;
    }
    assert!(init.wait()?.success(), "`tend init` failed");
    assert!(data.join("tend.db").is_file(), "no journal at {}", data.display());

    let mut app = App::launch(&home, "installed", Path::new("/usr/bin/tend")).await?;
    app.wait_screen("unlock").await?;
    app.shot("unlock").await?;
    app.unlock(PASS).await?;
    app.shot("log").await?;
    app.finish().await?;

    // Removing the package takes the program, never the journal.
    let before = snapshot(&data);
    assert!(!before.is_empty());
    run(&mut apt_get(&["remove", "tend"]))?;
    assert!(!installed(), "tend is still installed after apt-get remove");
    assert!(!Path::new("/usr/bin/tend").exists(), "/usr/bin/tend outlived the package");
    assert_eq!(snapshot(&data), before, "apt-get remove changed the journal's folder");
    drop(guard);
    Ok(())
}
