//! Standard Tauri build step for the bare comparison window.
fn main() {
    tauri_build::build()
}
