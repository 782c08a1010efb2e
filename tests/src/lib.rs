//! The end-to-end harness for Tend: each test in `tests/` drives the real debug build of the app
//! in a real window (Xvfb) through tauri-driver and WebKitWebDriver, with a fresh home each. This
//! library starts the app and drives it ([`App`]), makes its home ([`Home`]), seeds journals
//! through the command line ([`tend_cli`]), prints through the system dialog, and checks that
//! nothing leaves the machine (strace, when `TEND_E2E_STRACE=1`) or reaches the disk in the clear.

use std::path::{Path, PathBuf};

mod app;
mod audit;
mod cli;
mod files;
mod home;
mod page;
mod file_dialog;
mod print;
mod started;
mod trace;

pub use app::App;
pub use cli::tend_cli;
pub use file_dialog::choose_in_file_dialog;
pub use files::files_containing;
pub use home::Home;
pub use page::{pad_to_heavy, press, reveal};
pub use print::print_dialog_to_pdf;
pub use started::Started;

/// What the tests and helpers return: a value, or any error with its message.
pub type R<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The workspace's target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The app binary under test (build it first: `cargo build -p tend`).
pub fn app_binary() -> PathBuf {
    let p = std::env::var_os("TEND_APP").map(PathBuf::from).unwrap_or_else(|| target_dir().join("debug/tend"));
    let p = std::fs::canonicalize(&p)
        .unwrap_or_else(|_| panic!("no app at {}: run `cargo build -p tend` first", p.display()));
    p
}
