//! End-to-end tests for Tend live in `tests/`: they drive the real debug build of the app in a
//! real window (Xvfb) through tauri-driver and WebKitWebDriver, with a fresh data folder each.
