//! One person's computer for a test: a temporary folder holding the app's data, caches, config,
//! working directory and temp files, kept across app starts so a test can restart the app.

use std::path::PathBuf;

/// One person's computer: the folders the app writes to. Reused across app starts.
pub struct Home {
    /// The temporary home folder, removed when dropped.
    pub dir: tempfile::TempDir,
}

impl Home {
    /// A fresh, empty home in a new temporary folder.
    pub fn new() -> Home {
        Home { dir: tempfile::Builder::new().prefix("tend-e2e-").tempdir().unwrap() }
    }
    /// The folder `sub` of this home, made if it is not there yet.
    pub fn path(&self, sub: &str) -> PathBuf {
        let p = self.dir.path().join(sub);
        std::fs::create_dir_all(&p).unwrap();
        p
    }
    /// The journal folder the app uses for this home.
    pub fn data_dir(&self) -> PathBuf {
        self.path("data").join("app.tend")
    }
}

impl Default for Home {
    fn default() -> Home {
        Home::new()
    }
}
