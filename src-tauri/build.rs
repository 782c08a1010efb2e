//! Declares the app's own commands so each gets a permission and every one is denied unless a
//! capability allows it.
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
        "status",
        "create",
        "unlock",
        "unlock_quick",
        "recover",
        "lock",
        "add_entry",
        "update_entry",
        "delete_entry",
        "get_entry",
        "list_entries",
        "search_entries",
        "words",
        "add_own_emotion",
        "add_own_label",
        "settings",
        "save_settings",
        "change_passphrase",
        "new_recovery_key",
        "set_quick_unlock",
        "insights",
    ])))
    .expect("tauri build step failed");
}
