//! The system print dialog, driven from outside the app, so a test can read what Tend printed.

use std::time::{Duration, Instant};

use crate::{Home, R};

/// Drives the system print dialog the app opened (GTK, under Xvfb with no window manager): picks
/// "Print to File", presses Print, and returns the text of the PDF it wrote into the app's
/// working directory. Uses `xdotool` for the clicks and `pdftotext` to read the result.
pub fn print_dialog_to_pdf(home: &Home) -> R<String> {
    let sh = |script: &str| -> R<String> {
        let out = std::process::Command::new("sh").args(["-c", script]).output()?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let find = || sh("xdotool search --onlyvisible --name '^Print$' 2>/dev/null | head -1");
    let deadline = Instant::now() + Duration::from_secs(15);
    let id = loop {
        let id = find()?;
        if !id.is_empty() {
            break id;
        }
        if Instant::now() > deadline {
            return Err("the system print dialog never opened".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    // The printer list's first row is "Print to File" when no printer is installed; the Print
    // button sits at the dialog's lower right. GTK fills the list a moment after the dialog
    // shows, so Print may not be ready at the first try: up to three, until the dialog closes.
    for _ in 0..3 {
        sh(&format!(
            "eval $(xdotool getwindowgeometry --shell {id}); \
             xdotool mousemove $((X+82)) $((Y+86)) click 1; sleep 1; \
             xdotool mousemove $((X+WIDTH-55)) $((Y+HEIGHT-30)) click 1"
        ))?;
        let closing = Instant::now() + Duration::from_secs(5);
        while find()? == id && Instant::now() < closing {
            std::thread::sleep(Duration::from_millis(200));
        }
        if find()? != id {
            break;
        }
    }
    let pdf = home.path("cwd").join("output.pdf");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if pdf.exists() {
            std::thread::sleep(Duration::from_millis(500));
            let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output()?;
            let text = String::from_utf8_lossy(&text.stdout).into_owned();
            if !text.trim().is_empty() {
                return Ok(text);
            }
        }
        if Instant::now() > deadline {
            return Err(format!("no PDF was printed to {}", pdf.display()).into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
