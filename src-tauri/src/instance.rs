//! One window at a time: a second start of the app asks the first to come forward, then ends,
//! instead of opening a second session on the same journal. Local only and without D-Bus: a
//! lock file the system frees when the first app ends, and a Unix socket, both in the app's
//! private cache folder (0700). Nothing but the word "show" is ever read from the socket. A
//! first app that doesn't answer within a few seconds (stuck) doesn't keep the person out: the
//! new start opens as usual, and the journal's own writer lock keeps the two apart.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's and the socket's names in the folder given to [`claim`].
pub const LOCK: &str = "instance.lock";
/// See [`LOCK`].
pub const SOCKET: &str = "instance.sock";

/// What a start of the app found.
#[derive(Debug)]
pub enum Claim {
    /// This is the only app running: it holds the lock (for as long as this value lives) and
    /// answers later starts.
    First(#[allow(dead_code)] std::fs::File),
    /// Another app is running and has been asked to come forward: this one should end.
    Second,
    /// Couldn't tell (no such folder, another system): start as usual.
    Unknown,
}

/// Claims the app's place in `dir`. When first, `come_forward` runs each time a later start
/// asks for the window (from a background thread); it returns whether the window came forward.
pub fn claim(dir: &Path, come_forward: impl Fn() -> bool + Send + 'static) -> Claim {
    match try_claim(dir, come_forward) {
        Ok(c) => c,
        Err(_) => Claim::Unknown,
    }
}

#[cfg(unix)]
fn try_claim(dir: &Path, come_forward: impl Fn() -> bool + Send + 'static) -> std::io::Result<Claim> {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::{UnixListener, UnixStream};

    crate::private_dir(dir)?;
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK))?;
    let socket: PathBuf = dir.join(SOCKET);
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            // The first app may still be starting: give its socket a moment to appear.
            let deadline = Instant::now() + Duration::from_secs(3);
            loop {
                match UnixStream::connect(&socket) {
                    Ok(mut s) => {
                        s.write_all(b"show\n")?;
                        s.set_read_timeout(Some(Duration::from_secs(4)))?;
                        let mut answer = [0u8; 3];
                        return Ok(match s.read_exact(&mut answer) {
                            Ok(()) if &answer == b"ok\n" => Claim::Second,
                            _ => Claim::Unknown,
                        });
                    }
                    Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                    Err(e) => return Err(e),
                }
            }
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    // A socket left by an app that ended without tidying up: nobody listens on it.
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket)?;
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o600))?;
    std::thread::Builder::new().name("tend-instance".into()).spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
            let mut word = [0u8; 5];
            if stream.read_exact(&mut word).is_ok() && &word == b"show\n" && come_forward() {
                let _ = stream.write_all(b"ok\n");
            }
        }
    })?;
    Ok(Claim::First(lock))
}

#[cfg(not(unix))]
fn try_claim(_: &Path, _: impl Fn() -> bool + Send + 'static) -> std::io::Result<Claim> {
    Ok(Claim::Unknown)
}

#[cfg(all(test, unix))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    #[test]
    fn a_second_start_asks_the_first_to_come_forward_and_stands_down() {
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().join("cache");
        let called = Arc::new(AtomicUsize::new(0));
        let seen = called.clone();
        let first = claim(&here, move || seen.fetch_add(1, Ordering::SeqCst) < 1);
        assert!(matches!(first, Claim::First(_)), "{first:?}");
        // Another open of the lock file holds its own lock, as another process would.
        assert!(matches!(claim(&here, || true), Claim::Second));
        let deadline = Instant::now() + Duration::from_secs(5);
        while called.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(called.load(Ordering::SeqCst), 1);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(here.join(SOCKET)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // Anything but the one word is ignored.
        let mut s = std::os::unix::net::UnixStream::connect(here.join(SOCKET)).unwrap();
        s.write_all(b"open /etc/passwd\n").unwrap();
        drop(s);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(called.load(Ordering::SeqCst), 1);
        // A first app whose window doesn't come forward (stuck) doesn't keep the next start out.
        assert!(matches!(claim(&here, || true), Claim::Unknown));
        // Once the first has ended, the next start is first again.
        drop(first);
        assert!(matches!(claim(&here, || true), Claim::First(_)));
    }
}
