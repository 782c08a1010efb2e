//! An empty Tauri window: what any Tauri app costs before it does anything. Tend's startup time,
//! memory and binary size are reported against this, built and measured in the same run.
fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare window failed: {e}");
        std::process::exit(1);
    }
}
