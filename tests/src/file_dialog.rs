//! The system's file dialogs, driven from outside the app as a person would: find the dialog by
//! its title, type a whole path into it, press Enter. WebDriver can't reach a native dialog.

use std::time::{Duration, Instant};

use crate::R;

/// Waits for the GTK file dialog titled `title` (under Xvfb, no window manager), types `path`
/// into its location field and presses Enter.
pub fn choose_in_file_dialog(title: &str, path: &str) -> R {
    let sh = |script: &str| -> R<String> {
        let out = std::process::Command::new("sh").args(["-c", script]).output()?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let find = || sh(&format!("xdotool search --onlyvisible --name '^{title}$' 2>/dev/null | head -1"));
    let deadline = Instant::now() + Duration::from_secs(20);
    let id = loop {
        let id = find()?;
        if !id.is_empty() {
            break id;
        }
        if Instant::now() > deadline {
            return Err(format!("the file dialog {title:?} never opened").into());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    // Twice at most: a dialog still drawing its location field on a busy machine may miss the
    // first keys, and then stays open.
    for _ in 0..2 {
        // Let it draw, then: focus, the location field (Ctrl+L), all of it selected (a save
        // dialog selects only the suggested name, not its extension), the whole path, Enter.
        std::thread::sleep(Duration::from_millis(700));
        let status = std::process::Command::new("timeout")
            .args(["10", "xdotool", "windowfocus", "--sync", &id, "key", "--clearmodifiers", "ctrl+l", "ctrl+a"])
            .status()?;
        if !status.success() {
            return Err("xdotool couldn't reach the file dialog".into());
        }
        std::thread::sleep(Duration::from_millis(300));
        std::process::Command::new("xdotool").args(["type", "--delay", "5", path]).status()?;
        std::thread::sleep(Duration::from_millis(300));
        std::process::Command::new("xdotool").args(["key", "Return"]).status()?;
        let closing = Instant::now() + Duration::from_secs(10);
        while Instant::now() < closing {
            if find()? != id {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    Err(format!("the file dialog {title:?} stayed open after the path and Enter").into())
}
