//! One writer per data folder: a session holds an OS lock on a small file beside the journal,
//! so the app and the command line (or two windows) never both write and lose each other's
//! changes. The OS lets go when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result, StoreError};

/// The lock file's name inside the data directory. It holds nothing.
pub const LOCK_FILE: &str = "tend.lock";

/// The lock, held while a session lives.
pub(super) struct WriterLock(#[allow(dead_code)] File);

impl WriterLock {
    /// Takes the folder's lock, waiting up to `wait` for another session to end; then says
    /// plainly that the journal is open elsewhere.
    pub fn take(dir: &Path, wait: Duration) -> Result<WriterLock> {
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(dir.join(LOCK_FILE)).map_err(StoreError::from)?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriterLock(file)),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => return Err(Error::OpenElsewhere),
                Err(TryLockError::Error(e)) => return Err(StoreError::from(e).into()),
            }
        }
    }
}
