//! Tend's desktop shell: one window onto `tend_core`, with nothing but our own commands allowed,
//! a strict CSP, and navigation away from the bundled UI refused.

mod commands;
pub mod dialogs;
pub mod error;
pub mod instance;
pub mod state;

use tauri::{Runtime, Url, WebviewWindowBuilder};
use tend_core::Journal;

pub use state::AppState;

/// The webview's own folder (storage, cache) inside the app's cache folder.
pub(crate) const WEBVIEW_DIR: &str = "webview";

/// True for the only origins the window may show: the UI bundled in the binary.
pub fn is_bundled_origin(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// `base` with our state and commands, generic over the runtime so tests can use the mock.
pub fn builder<R: Runtime>(base: tauri::Builder<R>, journal: Journal) -> tauri::Builder<R> {
    base.manage(AppState::new(journal)).invoke_handler(tauri::generate_handler![
        commands::status,
        commands::passphrase_strength,
        commands::create,
        commands::save_recovery_key,
        commands::unlock,
        commands::unlock_quick,
        commands::recover,
        commands::lock,
        commands::drafts,
        commands::discard_draft,
        commands::backup_plan,
        commands::save_backup_plan,
        commands::set_backup_key,
        commands::backup_now,
        commands::merge_backup,
        commands::restore_backup,
        commands::export_journal,
        commands::erase_data,
        commands::import_preview,
        commands::import_file,
        commands::work_progress,
        commands::cancel_work,
        commands::choose_path,
        commands::summary,
        commands::add_entry,
        commands::update_entry,
        commands::delete_entry,
        commands::get_entry,
        commands::list_entries,
        commands::search_entries,
        commands::words,
        commands::add_own_emotion,
        commands::add_own_label,
        commands::settings,
        commands::save_settings,
        commands::change_passphrase,
        commands::new_recovery_key,
        commands::rekey,
        commands::set_quick_unlock,
        commands::insights,
        commands::care_content,
        commands::care_after_save,
        commands::care_for_entry,
        commands::answer_prompt,
        commands::care_state,
        commands::save_safety_plan,
        commands::save_aftercare_needs,
        commands::save_support_numbers,
        commands::support_numbers,
        commands::set_pattern_cards,
        commands::due_check_ins,
        commands::dismiss_check_in,
        commands::print_page,
        commands::first_paint,
    ])
}

/// Opens the main window from its config, refusing navigation away from the bundled UI and
/// any new window. The webview keeps its own data (caches, storage) in a folder of its own
/// under the cache folder, never beside the journal.
pub fn open_main_window<R: Runtime, M: tauri::Manager<R>>(manager: &M) -> tauri::Result<tauri::WebviewWindow<R>> {
    let config = manager.config().app.windows.iter().find(|w| w.label == "main").cloned().unwrap_or_default();
    let mut window = WebviewWindowBuilder::from_config(manager, &config)?;
    if let Ok(cache) = manager.path().app_cache_dir() {
        let dir = cache.join(WEBVIEW_DIR);
        private_dir(&dir)?;
        window = window.data_directory(dir);
    }
    window.on_navigation(is_bundled_origin).on_new_window(|_, _| tauri::webview::NewWindowResponse::Deny).build()
}

/// Makes `dir` (and any missing parents) and keeps it to this account alone (0700).
fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Builds the app on any runtime; the tests call this.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>, context: tauri::Context<R>) -> tauri::Result<tauri::App<R>> {
    run_app_for(builder, context, None)
}

/// Holds the app's claim on its data folder (see [`instance`]) for as long as it runs.
struct Claimed(#[allow(dead_code)] std::fs::File);

/// Builds the app; with `data_dir`, first claims the one window for that journal folder: when
/// another app already shows it, that one is asked to come forward and this process ends.
fn run_app_for<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
    data_dir: Option<std::path::PathBuf>,
) -> tauri::Result<tauri::App<R>> {
    builder
        .setup(move |app| {
            use tauri::Manager;
            if let (Some(data_dir), Ok(cache)) = (data_dir, app.path().app_cache_dir()) {
                let dir = cache.join("instances").join(folder_key(&data_dir));
                let handle = app.handle().clone();
                match instance::claim(&dir, move || come_forward(&handle)) {
                    instance::Claim::Second => std::process::exit(0),
                    instance::Claim::First(lock) => {
                        app.manage(Claimed(lock));
                    }
                    instance::Claim::Unknown => {}
                }
            }
            open_main_window(app)?;
            Ok(())
        })
        .build(context)
}

/// A short name for a journal folder, the same in every start of this build; it names no path.
fn folder_key(dir: &std::path::Path) -> String {
    use std::hash::{Hash, Hasher};
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let mut h = std::hash::DefaultHasher::new();
    dir.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Brings the main window forward (a second start of the app asked for it); false when the
/// app's main loop didn't get to it within two seconds.
fn come_forward<R: Runtime>(handle: &tauri::AppHandle<R>) -> bool {
    use tauri::Manager;
    let (done, came) = std::sync::mpsc::channel();
    let h = handle.clone();
    let asked = handle.run_on_main_thread(move || {
        if let Some(w) = h.get_webview_window("main") {
            let _ = w.unminimize();
            let _ = w.show();
            let _ = w.set_focus();
        }
        let _ = done.send(());
    });
    asked.is_ok() && came.recv_timeout(std::time::Duration::from_secs(2)).is_ok()
}

/// Starts the desktop app on the default data directory and the OS keyring.
pub fn run() {
    commands::started();
    let data_dir = tend_core::paths::default_data_dir();
    let journal = Journal::new(data_dir.clone(), tend_core::keystore::platform_default());
    let app = run_app_for(builder(tauri::Builder::default(), journal), tauri::generate_context!(), Some(data_dir));
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                let state = handle.state::<AppState>();
                state.lock(commands::now(), Vec::new());
                state.forget_webview_if_erased(handle);
            }
        }),
        Err(e) => {
            eprintln!("Tend couldn't start its window: {e}");
            std::process::exit(1);
        }
    }
}
