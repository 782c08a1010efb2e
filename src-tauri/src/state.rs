//! What the shell keeps: one `Journal`, plus the few views that gather more than one core call
//! for the webview (status with the keyring's state; shipped and own words together).

use serde::Serialize;
use tend_core::journal::{Created, Erased, Protection, Rekeyed, Status};
use tend_core::model::Vocabulary;
use tend_core::secret::SecretText;
use tend_core::words::WordLists;
use tend_core::Journal;

/// The app's state: the journal, owned for the life of the process.
pub struct AppState {
    /// The journal.
    pub journal: Journal,
    /// The person removed Tend's data: the webview's folder goes too, again as the app ends.
    erased: std::sync::atomic::AtomicBool,
    /// Where the system's save dialog last said the recovery key may go: the only place it is
    /// written, once (the window can't name a path of its own for it).
    pub recovery_key_file: std::sync::Mutex<Option<std::path::PathBuf>>,
}

impl AppState {
    /// Runs long work on the journal with a fresh bar the window can watch and cancel
    /// (`work_progress`, `cancel_work`).
    pub fn watched<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        let _watching = self.journal.watch(std::sync::Arc::new(tend_core::progress::Progress::new()));
        f(&self.journal)
    }
}

/// Status plus how the keyring looks right now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    /// See [`Status`].
    #[serde(flatten)]
    pub status: Status,
    /// Where the journal lives (shown in Settings and the README's terms).
    pub data_dir: String,
}

/// What `create` returns to the webview: the recovery key to show once, and the protection.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedView {
    /// The recovery key, in groups.
    pub recovery_key: ShownOnce,
    /// How the journal is protected.
    pub protection: Protection,
}

impl From<Created> for CreatedView {
    fn from(c: Created) -> Self {
        CreatedView { recovery_key: ShownOnce(c.recovery_key), protection: c.protection }
    }
}

/// A journal given a new key answers the same way: its new recovery key, shown once.
impl From<Rekeyed> for CreatedView {
    fn from(r: Rekeyed) -> Self {
        CreatedView { recovery_key: ShownOnce(r.recovery_key), protection: r.protection }
    }
}

/// A recovery key on its way to the window, to be shown once: sent as its text, never printed
/// in logs, and wiped from this process's memory when the answer has gone.
pub struct ShownOnce(pub SecretText);

impl Serialize for ShownOnce {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.dangerously_expose())
    }
}

impl std::fmt::Debug for ShownOnce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShownOnce(<redacted>)")
    }
}

/// The clinician summary on its way to the window: the page (sent as text, never logged) and
/// what it holds.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryView {
    /// The page, one HTML document.
    pub html: ShownOnce,
    /// Entries in the period.
    pub entries: usize,
    /// Ticked entries shown one by one.
    pub shown: usize,
}

impl From<tend_core::summary::Summary> for SummaryView {
    fn from(mut s: tend_core::summary::Summary) -> Self {
        SummaryView {
            html: ShownOnce(SecretText::from(std::mem::take(&mut *s.html))),
            entries: s.entries,
            shown: s.shown,
        }
    }
}

impl std::fmt::Debug for SummaryView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SummaryView({} entries, {} shown)", self.entries, self.shown)
    }
}

/// Shipped word lists and the person's own words.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WordsView {
    /// Shipped lists.
    pub shipped: &'static WordLists,
    /// Own words and labels (empty while locked).
    pub own: Vocabulary,
}

impl AppState {
    /// The state for one journal.
    pub fn new(journal: Journal) -> AppState {
        AppState { journal, erased: std::sync::atomic::AtomicBool::new(false), recovery_key_file: Default::default() }
    }

    /// Locks: first keeps `drafts` (what was being written), then writes an automatic backup
    /// when one is due. Neither ever stops the lock (a draft that can't be kept is let go; how
    /// a backup went is kept for Settings).
    pub fn lock(&self, now: chrono::DateTime<chrono::FixedOffset>, drafts: Vec<tend_core::journal::Draft>) {
        for d in drafts {
            let _ = self.journal.keep_draft(d, now);
        }
        let _ = self.journal.backup_if_due(now);
        self.journal.lock();
    }

    /// After a new recovery key: a fresh backup sealed to it, when automatic backups are on (how
    /// it went is kept for Settings, like any automatic backup).
    pub fn after_new_key(&self, now: chrono::DateTime<chrono::FixedOffset>) {
        let _ = self.journal.backup_after_new_key(now);
    }

    /// "Remove Tend's data from this computer": the journal's files and keyring secret (the
    /// core), then the webview's own folder (cache, storage), which is the shell's.
    pub fn erase<R: tauri::Runtime>(&self, window: &tauri::WebviewWindow<R>) -> tend_core::Result<Erased> {
        let erased = self.journal.erase()?;
        self.erased.store(true, std::sync::atomic::Ordering::SeqCst);
        use tauri::Manager;
        self.forget_webview_if_erased(window.app_handle());
        Ok(erased)
    }

    /// Removes the webview's folder after an erase (the webview may write to it until it ends,
    /// so this runs again as the app ends).
    pub fn forget_webview_if_erased<R: tauri::Runtime>(&self, app: &tauri::AppHandle<R>) {
        use tauri::Manager;
        if self.erased.load(std::sync::atomic::Ordering::SeqCst) {
            if let Ok(cache) = app.path().app_cache_dir() {
                let _ = std::fs::remove_dir_all(cache.join(crate::WEBVIEW_DIR));
            }
        }
    }

    /// Shows the person's chosen (neutral) title on the window once their settings are readable.
    pub fn apply_title<R: tauri::Runtime>(&self, window: &tauri::WebviewWindow<R>) {
        if let Ok(s) = self.journal.settings() {
            let _ = window.set_title(&s.window_title);
        }
    }

    /// Status for the first screen.
    pub fn status(&self) -> tend_core::Result<StatusView> {
        Ok(StatusView { status: self.journal.status()?, data_dir: self.journal.data_dir().display().to_string() })
    }

    /// Word lists; own words only while unlocked.
    pub fn words(&self) -> tend_core::Result<WordsView> {
        Ok(WordsView { shipped: tend_core::words::shipped(), own: self.journal.vocabulary().unwrap_or_default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tend_core::journal::Options;
    use tend_core::keystore::NoKeyring;
    use tend_core::secret::Passphrase;

    #[test]
    fn the_recovery_key_goes_to_the_window_as_a_secret_never_into_a_log() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::with_options(dir.path(), Box::new(NoKeyring), Options::for_tests());
        let created = j.create(Passphrase::from("p")).unwrap();
        let key = created.recovery_key.dangerously_expose().to_owned();
        let view = CreatedView::from(created);
        assert!(!format!("{view:?}").contains(&key[..9]), "{view:?}");
        assert_eq!(serde_json::to_value(&view).unwrap()["recoveryKey"], key.as_str());
    }
}
