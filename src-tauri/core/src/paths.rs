//! Where the journal lives by default: the per-user local data directory, under a neutral name
//! that says nothing about what is inside. `TEND_DATA_DIR` overrides it (tests, portable use).

use std::path::PathBuf;

/// The app's neutral identifier, used for the data folder and keyring entries.
pub const APP_ID: &str = "app.tend";

/// `TEND_DATA_DIR` if set, else the local data directory plus [`APP_ID`]
/// (`~/.local/share/app.tend` on Linux, `%LOCALAPPDATA%\app.tend` on Windows,
/// `~/Library/Application Support/app.tend` on macOS).
pub fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("TEND_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    dirs::data_local_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_ID)
}
