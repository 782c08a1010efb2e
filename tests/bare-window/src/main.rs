//! An empty Tauri window: what any Tauri app costs before it does anything. Tend's startup time,
//! memory and binary size are reported against this, built and measured in the same run. Like
//! Tend, it says when its page is first painted when `TEND_PAINT_MARK` is set.

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

#[tauri::command]
fn first_paint(page_ms: Option<f64>) {
    if std::env::var_os("TEND_PAINT_MARK").is_some() {
        let ms = STARTED.get().map(|t| t.elapsed().as_secs_f64() * 1000.0).unwrap_or(f64::NAN);
        match page_ms {
            Some(page) => {
                eprintln!("tend: first screen painted, {ms:.1} ms after main, {page:.1} ms after the page began")
            }
            None => eprintln!("tend: first screen painted, {ms:.1} ms after main"),
        }
    }
}

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    let app = tauri::Builder::default().invoke_handler(tauri::generate_handler![first_paint]);
    if let Err(e) = app.run(tauri::generate_context!()) {
        eprintln!("bare window failed: {e}");
        std::process::exit(1);
    }
}
