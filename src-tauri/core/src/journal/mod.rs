//! The journal facade: the one door the desktop shell and the command line use. It creates and
//! unlocks the vault, keeps decrypted entries in memory only while unlocked, saves each change
//! in one transaction that has committed before it returns, and forgets everything on lock.
//!
//! Its rooms: [`keys`] (make, unlock, recover, re-wrap), `rekey` (a new master key for every
//! record), `session` (the unlocked state and every
//! save), `entries` (entries, search, own words, settings), `care` (care verbs and check-ins),
//! `backups` (writing backups and bringing them back), `erase` (removing it from this computer), `import` (other journal apps' entries) and `numbers` (the support-numbers file kept
//! outside the encryption by choice).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::envelope::RecordKind;
use crate::error::{Error, Result};
use crate::keystore::DeviceKeyStore;
use crate::model::Entry;
use crate::secret::SecretText;
use crate::store::Store;
use crate::vault::SlotType;

mod backups;
mod care;
mod drafts;
mod entries;
mod erase;
mod held;
mod import;
mod index;
pub mod keys;
mod numbers;
mod rekey;
mod session;
mod writer;

pub use backups::{Backed, Restored};
pub use drafts::{Draft, MAX_DRAFTS};
pub use erase::Erased;
pub use import::{read_file as read_import_file, ImportPreview, Imported};
pub use index::NotAsSaved;
pub use keys::{KdfChoice, Options};
pub use numbers::NUMBERS_FILE;
pub use rekey::Rekeyed;
pub use session::MAX_ENCRYPTIONS;
use session::{open_row, Session};
pub use writer::LOCK_FILE;

/// The journal file's name inside the data directory.
pub const FILE_NAME: &str = "tend.db";

/// Whether a journal exists here and how it can be opened; readable while locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// A journal file exists.
    pub exists: bool,
    /// It is unlocked now.
    pub unlocked: bool,
    /// Quick unlock is set up on this computer.
    pub quick_unlock: bool,
    /// The passphrase is bound to this computer's keyring.
    pub device_bound: bool,
}

/// How the journal is protected, in terms the UI can say plainly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protection {
    /// The passphrase is mixed with a secret in this computer's keyring.
    pub device_bound: bool,
    /// Quick unlock (no passphrase on this account) is on.
    pub quick_unlock: bool,
    /// Why the keyring could not be used, when it could not.
    pub keyring_problem: Option<String>,
}

/// What `create` returns: the recovery key, to be shown once.
#[derive(Debug)]
pub struct Created {
    /// The recovery key, grouped for reading. Show it once, then drop it.
    pub recovery_key: SecretText,
    /// How the new journal is protected.
    pub protection: Protection,
}

/// What an unlock found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockReport {
    /// Entries that opened.
    pub entries: usize,
    /// Ids of records that could not be opened (left exactly as they are on disk).
    pub damaged: Vec<String>,
    /// How the journal is protected.
    pub protection: Protection,
    /// Records that are not as Tend last saved them: put back from an older copy, or gone.
    pub not_as_saved: NotAsSaved,
}

/// A page of entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// The entries on this page.
    pub items: Vec<Entry>,
    /// How many entries match in all.
    pub total: usize,
    /// The feeling words (emotion ids) used by the entries that every other part of the query
    /// matches: the choices that make sense for the feeling filter.
    pub feelings: Vec<String>,
    /// Where the words were found, for each entry on this page in order; empty when no words
    /// were asked for.
    pub found_in: Vec<Vec<crate::search::Field>>,
}

/// What `check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// Records that opened.
    pub ok: usize,
    /// Ids of records that did not.
    pub damaged: Vec<String>,
    /// SQLite's own integrity check passed.
    pub file_ok: bool,
    /// Ids of records a journal keeps one of (own words, settings, care), found again: only the
    /// first is read, so what the others hold isn't shown. Two writers at once once left these.
    pub extra: Vec<String>,
    /// Records that are not as Tend last saved them (see [`NotAsSaved`]).
    pub not_as_saved: NotAsSaved,
}

impl CheckReport {
    /// Nothing damaged, nothing extra, and the file itself sound.
    pub fn healthy(&self) -> bool {
        self.damaged.is_empty() && self.extra.is_empty() && self.file_ok && self.not_as_saved.is_empty()
    }
}

/// The journal. Cheap to share between threads; every method takes `&self`.
pub struct Journal {
    dir: PathBuf,
    keyring: Box<dyn DeviceKeyStore>,
    options: Options,
    state: Mutex<Option<Box<Session>>>,
    /// Where long work (backup, restore, import, export) reports, while someone watches.
    work: Mutex<Option<std::sync::Arc<crate::progress::Progress>>>,
}

/// While it lives, long work on the journal reports to the progress given to
/// [`Journal::watch`].
#[must_use = "the progress is watched only while this lives"]
pub struct Watching<'a>(&'a Journal, std::sync::Arc<crate::progress::Progress>);

impl Drop for Watching<'_> {
    fn drop(&mut self) {
        // Only its own: work started after it, and watched still, stays watched.
        let mut slot = self.0.work.lock().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|p| std::sync::Arc::ptr_eq(p, &self.1)) {
            *slot = None;
        }
    }
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("dir", &self.dir).finish_non_exhaustive()
    }
}

pub(crate) fn id_string(id: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*id).hyphenated().to_string()
}

pub(crate) fn parse_id(id: &str) -> Result<[u8; 16]> {
    uuid::Uuid::parse_str(id.trim()).map(|u| *u.as_bytes()).map_err(|_| Error::NotFound)
}

impl Journal {
    /// A journal kept in `dir`, using `keyring` for the device secret.
    pub fn new(dir: impl Into<PathBuf>, keyring: Box<dyn DeviceKeyStore>) -> Journal {
        Self::with_options(dir, keyring, Options::default())
    }

    /// As [`Journal::new`], with explicit KDF options.
    pub fn with_options(dir: impl Into<PathBuf>, keyring: Box<dyn DeviceKeyStore>, options: Options) -> Journal {
        Journal { dir: dir.into(), keyring, options, state: Mutex::new(None), work: Mutex::new(None) }
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// The journal file.
    pub fn file_path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Long work started while the guard lives reports to `progress`, and stops when it is
    /// cancelled (see [`crate::progress`]).
    pub fn watch(&self, progress: std::sync::Arc<crate::progress::Progress>) -> Watching<'_> {
        *self.work.lock().unwrap_or_else(|p| p.into_inner()) = Some(progress.clone());
        Watching(self, progress)
    }

    /// How far the watched work has come; `None` when nothing is watched.
    pub fn work_progress(&self) -> Option<crate::progress::ProgressView> {
        self.work.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|p| p.view())
    }

    /// Asks the watched work to stop, if it still can without a change.
    pub fn cancel_work(&self) {
        if let Some(p) = self.work.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            p.cancel();
        }
    }

    /// What long work reports to: the watched progress, or one nobody looks at.
    pub(crate) fn progress(&self) -> std::sync::Arc<crate::progress::Progress> {
        let watched = self.work.lock().unwrap_or_else(|p| p.into_inner()).clone();
        watched.unwrap_or_else(|| std::sync::Arc::new(crate::progress::Progress::new()))
    }

    fn lock_state(&self) -> MutexGuard<'_, Option<Box<Session>>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        let mut g = self.lock_state();
        let s = g.as_mut().ok_or(Error::Locked)?;
        f(s)
    }

    /// Whether a journal exists and how it opens. Reads only; an unreadable file is an error.
    pub fn status(&self) -> Result<Status> {
        if let Some(s) = self.lock_state().as_ref() {
            return Ok(Status {
                exists: true,
                unlocked: true,
                quick_unlock: s.protection.quick_unlock,
                device_bound: s.protection.device_bound,
            });
        }
        let path = self.file_path();
        if !path.exists() {
            return Ok(Status { exists: false, unlocked: false, quick_unlock: false, device_bound: false });
        }
        let store = Store::open(&path)?;
        let slots = store.slots()?;
        Ok(Status {
            exists: true,
            unlocked: false,
            quick_unlock: slots.iter().any(|s| s.slot_type == SlotType::Quick),
            device_bound: keys::bound_to_device(&slots),
        })
    }

    /// Locks: drops the key and every decrypted entry, and folds the log into the file; after
    /// a session that saved, the file is first rebuilt in record-id order.
    pub fn lock(&self) {
        *self.lock_state() = None;
    }
    /// Opens every record again from disk and reports the damaged ones. Changes nothing.
    pub fn check(&self) -> Result<CheckReport> {
        self.with_session(|s| {
            let (mut ok, mut damaged, mut extra) = (0, Vec::new(), Vec::new());
            let mut singles = std::collections::HashSet::new();
            // In id order, as the file lists them.
            let mut actual = Vec::new();
            let vault_id = s.vault_id;
            let key = &s.key;
            s.store.for_each_record(|row| match open_row(key, &vault_id, &row) {
                // The index is read at unlock; here it is what the records are compared with.
                _ if session::is_index(row.kind) => {}
                Ok((kind, _)) => {
                    ok += 1;
                    actual.push((row.record_id, index::tag_of(&row.blob)));
                    let single = matches!(
                        kind,
                        RecordKind::Vocabulary
                            | RecordKind::Settings
                            | RecordKind::Care
                            | RecordKind::Backups
                            | RecordKind::Drafts
                    );
                    if single && !singles.insert(kind as u8) {
                        extra.push(id_string(&row.record_id));
                    }
                }
                Err(_) => {
                    actual.push((row.record_id, index::tag_of(&row.blob)));
                    damaged.push(id_string(&row.record_id));
                }
            })?;
            let not_as_saved = s.index.compare(&actual, s.not_as_saved.index_changed || s.index_broken);
            Ok(CheckReport { ok, damaged, file_ok: s.store.integrity_ok()?, extra, not_as_saved })
        })
    }
}

/// For benchmarks that measure a floor beside the journal: the record key, derived the same way
/// an unlock derives it. Needs the passphrase, so it opens nothing a caller couldn't already.
/// Built only with the `bench` feature.
#[cfg(feature = "bench")]
#[doc(hidden)]
pub mod bench_support {
    use super::*;
    use crate::secret::{Passphrase, SecretKey};

    /// Leaves the sealed index out of every save and unlock from now on (`true`), or puts it
    /// back: the benches measure its cost beside it in the same run.
    pub fn leave_out_index(on: bool) {
        super::session::SKIP_INDEX.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    static KEY_DERIVED: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

    /// Notes the moment the last unlock by passphrase had its key derived.
    pub(crate) fn key_derived() {
        *KEY_DERIVED.lock().unwrap() = Some(std::time::Instant::now());
    }

    /// When the last unlock by passphrase had its key derived: the unlock bench times what a
    /// person waits through after that.
    pub fn last_key_derived() -> Option<std::time::Instant> {
        *KEY_DERIVED.lock().unwrap()
    }

    /// The record key of `j`'s vault.
    pub fn record_key(j: &Journal, pass: &Passphrase, vault_id: &[u8; 16]) -> Result<SecretKey> {
        let (_, vid, slots) = j.open_store()?;
        if &vid != vault_id {
            return Err(Error::NotFound);
        }
        let (mk, _) = j.open_with_passphrase(&vid, &slots, pass)?;
        Ok(crate::vault::record_key(&mk, &vid))
    }
}

/// The sealed encryption count, read and set by tests (a worn-out key takes 2^30 saves).
#[cfg(test)]
impl Journal {
    pub(crate) fn encryptions(&self) -> u64 {
        self.with_session(|s| Ok(s.index.encryptions)).unwrap()
    }

    pub(crate) fn set_encryptions(&self, n: u64) {
        self.with_session(|s| {
            s.index.set_encryptions(n);
            Ok(())
        })
        .unwrap()
    }
}

#[cfg(test)]
mod tests;
