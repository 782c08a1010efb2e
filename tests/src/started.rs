//! The app started as a person starts it, with no WebDriver anywhere: for figures. It runs with
//! the paint-mark flag (`TEND_PAINT_MARK`), so the time from starting the process to its first
//! screen painted is the app's own, and its memory is that of the app and its WebKit processes
//! alone.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::app::{descendants, home_env, process_tree, running};
use crate::{Home, R};

/// A running app, started directly.
pub struct Started {
    child: Child,
    /// From spawning the process to the page's mark that its first screen is painted.
    pub to_first_paint: Duration,
    /// The same, as the app measured it from the start of its `main`.
    pub own_ms: f64,
    /// The page's own share: from its navigation start to the mark, on the page's clock (NaN
    /// when the app didn't say).
    pub page_ms: f64,
}

impl Started {
    /// Starts `binary` in `home` and waits (up to a minute) for its first screen to be painted.
    pub fn launch(binary: &Path, home: &Home) -> R<Started> {
        let mut cmd = Command::new(binary);
        cmd.envs(home_env(home)).current_dir(home.path("cwd")).env_remove("TEND_DATA_DIR");
        let t = Instant::now();
        let mut child = start(&mut cmd)?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(mark) = paint_mark(&line) {
                    let _ = tx.send(mark);
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok((own_ms, page_ms)) => Ok(Started { child, to_first_paint: t.elapsed(), own_ms, page_ms }),
            Err(_) => {
                let _ = child.kill();
                Err(format!("{} never said its first screen was painted", binary.display()).into())
            }
        }
    }

    /// Resident and proportional memory (KiB) of the app and every process it started.
    pub fn memory_kib(&self) -> (u64, u64) {
        let children = process_tree();
        let (mut rss, mut pss) = (0, 0);
        let mut stack = vec![self.child.id()];
        while let Some(p) = stack.pop() {
            stack.extend(children.get(&p).cloned().unwrap_or_default());
            let field = |file: &str, key: &str| -> u64 {
                std::fs::read_to_string(format!("/proc/{p}/{file}"))
                    .ok()
                    .and_then(|s| {
                        s.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
                    })
                    .unwrap_or(0)
            };
            rss += field("status", "VmRSS:");
            pss += field("smaps_rollup", "Pss:");
        }
        (rss, pss)
    }

    /// Ends the app and every process it started, as the system would (TERM, then KILL).
    pub fn stop(mut self) -> R {
        let mut all = descendants(self.child.id());
        all.push(self.child.id());
        for signal in ["-TERM", "-KILL"] {
            for p in all.iter().filter(|p| running(**p)) {
                let _ = Command::new("kill").args([signal, &p.to_string()]).status();
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while all.iter().any(|p| running(*p)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.wait();
        Ok(())
    }
}

/// The two times in the app's paint mark, "tend: first screen painted, A ms after main[, B ms
/// after the page began]": A, and B or NaN. None for any other line.
fn paint_mark(line: &str) -> Option<(f64, f64)> {
    let rest = line.strip_prefix("tend: first screen painted, ")?;
    let mut parts = rest.split(", ");
    let ms = |part: Option<&str>, tail: &str| -> f64 {
        part.and_then(|p| p.strip_suffix(tail)).and_then(|n| n.parse().ok()).unwrap_or(f64::NAN)
    };
    Some((ms(parts.next(), " ms after main"), ms(parts.next(), " ms after the page began")))
}

fn start(cmd: &mut Command) -> R<Child> {
    Ok(cmd.env("TEND_PAINT_MARK", "1").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?)
}

#[cfg(test)]
mod tests {
    use super::paint_mark;

    #[test]
    fn the_paint_mark_is_read_with_or_without_the_page_clock() {
        let (main, page) =
            paint_mark("tend: first screen painted, 412.2 ms after main, 88.5 ms after the page began").unwrap();
        assert_eq!((main, page), (412.2, 88.5));
        let (main, page) = paint_mark("tend: first screen painted, 412.2 ms after main").unwrap();
        assert_eq!(main, 412.2);
        assert!(page.is_nan());
        assert!(paint_mark("tend: something else").is_none());
    }
}
