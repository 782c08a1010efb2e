//! The journal facade: the one door the desktop shell and the command line use. It creates and
//! unlocks the vault, keeps decrypted entries in memory only while unlocked, saves each change
//! in one transaction that has committed before it returns, and forgets everything on lock.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use zeroize::{Zeroize, Zeroizing};

use crate::care::{self, CareRecord, CareState, DueCheckIn, Offer, SupportInfo, SupportNumbers};
use crate::envelope::{self, RecordContext, RecordKind};
use crate::error::{Error, Result, StoreError, ValidationError, VaultError};
use crate::kdf::{calibrate, KdfLimits, KdfParams};
use crate::keystore::DeviceKeyStore;
use crate::model::{
    Entry, EntryInput, EntryPayload, OwnLabel, OwnWord, Quadrant, Settings, Vocabulary, ENTRY_SCHEMA, MAX_SHORT_CHARS,
    SIMPLE_SCHEMA,
};
use crate::recovery;
use crate::search::{self, Query};
use crate::secret::{Passphrase, SecretKey, SecretText};
use crate::store::{RecordRow, SlotRow, Store};
use crate::vault::{self, SlotType, RECORD_KEY_ID, VAULT_FORMAT};
use crate::words::shipped;

/// The journal file's name inside the data directory.
pub const FILE_NAME: &str = "tend.db";
/// Saved support numbers kept outside the encryption, only when the person agreed.
pub const NUMBERS_FILE: &str = "support-numbers.json";

/// The numbers file: written from a borrow, read into owned numbers.
#[derive(Serialize, serde::Deserialize)]
struct NumbersFile<N> {
    version: u32,
    numbers: N,
}

/// Writes the numbers file atomically: a private temporary file, synced, then renamed.
fn write_numbers_file(path: &Path, numbers: &SupportNumbers) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| {
        Error::Numbers(format!(
            "Tend couldn't save the support numbers outside the journal ({e}). They are saved in your journal."
        ))
    };
    let tmp = path.with_extension("json.tmp");
    let body =
        Zeroizing::new(serde_json::to_vec_pretty(&NumbersFile { version: 1, numbers }).map_err(|_| Error::Payload)?);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = (|| {
        let mut f = opts.open(&tmp)?;
        #[cfg(unix)]
        std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        f.write_all(&body)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    sync_dir(path);
    Ok(())
}

fn sync_dir(path: &Path) {
    if let Some(d) = path.parent().and_then(|dir| std::fs::File::open(dir).ok()) {
        let _ = d.sync_all();
    }
}

fn remove_numbers_file(path: &Path) -> Result<()> {
    let _ = std::fs::remove_file(path.with_extension("json.tmp"));
    match std::fs::remove_file(path) {
        Ok(()) => {
            sync_dir(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => {
            Err(Error::Numbers(format!("Tend couldn't remove the support numbers file {} ({e}).", path.display())))
        }
    }
}

/// Encryptions allowed under one record key: far below the 2^32 random-nonce bound.
pub const MAX_ENCRYPTIONS: u64 = 1 << 30;

/// How the passphrase cost is chosen when a journal is made or its passphrase changes.
#[derive(Debug, Clone, Copy)]
pub enum KdfChoice {
    /// Calibrate on this computer toward this duration (never below the floor).
    Calibrate(Duration),
    /// Use these parameters (checked against the limits).
    Fixed(KdfParams),
}

/// Options for [`Journal::with_options`].
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Limits on the passphrase cost.
    pub limits: KdfLimits,
    /// How the cost is chosen.
    pub kdf: KdfChoice,
}

impl Default for Options {
    fn default() -> Self {
        Options { limits: KdfLimits::STANDARD, kdf: KdfChoice::Calibrate(Duration::from_millis(650)) }
    }
}

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
}

struct Session {
    store: Store,
    vault_id: [u8; 16],
    key: SecretKey,
    entries: HashMap<String, Entry>,
    /// Entry ids, newest first.
    order: Vec<String>,
    vocab: (Option<[u8; 16]>, Vocabulary),
    settings: (Option<[u8; 16]>, Settings),
    damaged: Vec<String>,
    /// Folded search text per entry id, built on first search and dropped on lock.
    folded: Option<HashMap<String, String>>,
    /// The entries in the compact form insights read, built on first use, dropped on any change.
    facts: Option<crate::insights::Facts>,
    /// Safety plan, aftercare needs, saved numbers, pattern memory.
    care: (Option<[u8; 16]>, CareRecord),
    protection: Protection,
}

impl Drop for Session {
    fn drop(&mut self) {
        for e in self.entries.values_mut() {
            e.text.zeroize();
            e.partner.zeroize();
            for list in [
                &mut e.emotions,
                &mut e.labels,
                &mut e.context,
                &mut e.aftercare_got,
                &mut e.aftercare_wanted,
                &mut e.body,
            ] {
                list.iter_mut().for_each(Zeroize::zeroize);
            }
        }
        if let Some(f) = self.folded.as_mut() {
            f.values_mut().for_each(Zeroize::zeroize);
        }
        for w in &mut self.vocab.1.emotions {
            w.label.zeroize();
        }
        for l in &mut self.vocab.1.labels {
            l.label.zeroize();
        }
        self.settings.1.window_title.zeroize();
        self.care.1.wipe();
        let _ = self.store.checkpoint();
    }
}

/// The journal. Cheap to share between threads; every method takes `&self`.
pub struct Journal {
    dir: PathBuf,
    keyring: Box<dyn DeviceKeyStore>,
    options: Options,
    state: Mutex<Option<Box<Session>>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("dir", &self.dir).finish_non_exhaustive()
    }
}

fn id_string(id: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*id).hyphenated().to_string()
}

fn parse_id(id: &str) -> Result<[u8; 16]> {
    uuid::Uuid::parse_str(id.trim()).map(|u| *u.as_bytes()).map_err(|_| Error::NotFound)
}

fn sort_key(e: &Entry) -> (DateTime<FixedOffset>, DateTime<FixedOffset>, &str) {
    (e.at, e.created, e.id.as_str())
}

/// Entry ids, newest first.
fn sorted_ids(entries: &HashMap<String, Entry>) -> Vec<String> {
    let mut order: Vec<&Entry> = entries.values().collect();
    order.sort_unstable_by(|a, b| sort_key(b).cmp(&sort_key(a)));
    order.into_iter().map(|e| e.id.clone()).collect()
}

fn own_id() -> String {
    format!("own-{}", &hex::encode(vault::new_vault_id())[..12])
}

impl Journal {
    /// A journal kept in `dir`, using `keyring` for the device secret.
    pub fn new(dir: impl Into<PathBuf>, keyring: Box<dyn DeviceKeyStore>) -> Journal {
        Self::with_options(dir, keyring, Options::default())
    }

    /// As [`Journal::new`], with explicit KDF options.
    pub fn with_options(dir: impl Into<PathBuf>, keyring: Box<dyn DeviceKeyStore>, options: Options) -> Journal {
        Journal { dir: dir.into(), keyring, options, state: Mutex::new(None) }
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// The journal file.
    pub fn file_path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
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
            quick_unlock: slots.iter().any(|s| s.slot_type == SlotType::Quick as u8),
            device_bound: slots
                .iter()
                .filter(|s| s.slot_type == SlotType::Passphrase as u8)
                .any(|s| vault::slot_params(s).is_ok_and(|p| p.device_bound)),
        })
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.lock_state().is_some()
    }

    fn kdf_params(&self) -> KdfParams {
        match self.options.kdf {
            KdfChoice::Calibrate(target) => calibrate(&self.options.limits, target),
            KdfChoice::Fixed(p) => p,
        }
    }

    /// A fresh device secret stored in the keyring and read back, or why that failed.
    fn enrol_device_secret(&self, vault_id: &[u8; 16]) -> std::result::Result<SecretKey, String> {
        if let Ok(Some(existing)) = self.keyring.get(vault_id) {
            return Ok(existing);
        }
        let secret = SecretKey::random();
        self.keyring.set(vault_id, &secret).map_err(|e| e.0)?;
        match self.keyring.get(vault_id) {
            Ok(Some(back)) if back.dangerously_expose() == secret.dangerously_expose() => Ok(secret),
            Ok(_) => Err("The keyring did not keep Tend's key.".into()),
            Err(e) => Err(e.0),
        }
    }

    /// The device secret, or why the keyring could not give one (the journal then goes
    /// passphrase-only and says so).
    fn device_secret_or_reason(&self, vault_id: &[u8; 16]) -> (Option<SecretKey>, Option<String>) {
        match self.enrol_device_secret(vault_id) {
            Ok(d) => (Some(d), None),
            Err(why) => (None, Some(why)),
        }
    }

    /// Makes a new journal, unlocked, and returns its recovery key (show it once).
    pub fn create(&self, passphrase: Passphrase) -> Result<Created> {
        if passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        let mut g = self.lock_state();
        let path = self.file_path();
        if path.exists() {
            return Err(StoreError::AlreadyExists.into());
        }
        let vault_id = vault::new_vault_id();
        let mk = SecretKey::random();
        let (device, problem) = self.device_secret_or_reason(&vault_id);
        let pass_slot = vault::passphrase_slot(
            &self.options.limits,
            &vault_id,
            &mk,
            &passphrase,
            self.kdf_params(),
            device.as_ref(),
        )?;
        let (rk, rk_text) = recovery::generate();
        let rec_slot = vault::recovery_slot(&vault_id, &mk, &rk);
        let mut store = Store::create(&path)?;
        // Numbers kept outside by an earlier journal in this folder belong to nobody now.
        remove_numbers_file(&self.dir.join(NUMBERS_FILE))?;
        store.write(|w| {
            w.insert_vault(&vault_id, VAULT_FORMAT)?;
            w.insert_slot(&pass_slot)?;
            w.insert_slot(&rec_slot)
        })?;
        let protection = Protection { device_bound: device.is_some(), quick_unlock: false, keyring_problem: problem };
        *g = Some(Box::new(Session {
            store,
            vault_id,
            key: vault::record_key(&mk, &vault_id),
            entries: HashMap::new(),
            order: Vec::new(),
            vocab: (None, Vocabulary::default()),
            settings: (None, Settings::default()),
            damaged: Vec::new(),
            folded: None,
            facts: None,
            care: (None, CareRecord::default()),
            protection: protection.clone(),
        }));
        Ok(Created { recovery_key: rk_text, protection })
    }

    fn open_store(&self) -> Result<(Store, [u8; 16], Vec<SlotRow>)> {
        let store = Store::open(&self.file_path())?;
        let (vault_id, format) = store.vault()?.ok_or(StoreError::Damaged)?;
        if format > VAULT_FORMAT {
            return Err(StoreError::NewerVersion.into());
        }
        let slots = store.slots()?;
        if !slots.iter().any(|s| s.slot_type == SlotType::Passphrase as u8) {
            return Err(VaultError::NoKeySlots.into());
        }
        Ok((store, vault_id, slots))
    }

    /// Tries every passphrase slot; returns the master key and whether it was device-bound.
    fn open_with_passphrase(
        &self,
        vault_id: &[u8; 16],
        slots: &[SlotRow],
        pass: &Passphrase,
    ) -> Result<(SecretKey, bool)> {
        let mut device_missing = false;
        let mut last = VaultError::WrongPassphrase;
        let mut device: Option<Option<SecretKey>> = None;
        for slot in slots.iter().filter(|s| s.slot_type == SlotType::Passphrase as u8) {
            let params = match vault::slot_params(slot) {
                Ok(p) => p,
                Err(e) => {
                    last = e;
                    continue;
                }
            };
            let secret = if params.device_bound {
                let d = device.get_or_insert_with(|| self.keyring.get(vault_id).ok().flatten());
                match d.as_ref() {
                    Some(d) => Some(d),
                    None => {
                        device_missing = true;
                        continue;
                    }
                }
            } else {
                None
            };
            match vault::open_passphrase_slot(&self.options.limits, vault_id, slot, pass, secret) {
                Ok(mk) => return Ok((mk, params.device_bound)),
                Err(e) => last = e,
            }
        }
        if device_missing && last == VaultError::WrongPassphrase {
            return Err(VaultError::DeviceSecretUnavailable.into());
        }
        Err(last.into())
    }

    fn protection_of(&self, slots: &[SlotRow], device_bound: bool, keyring_problem: Option<String>) -> Protection {
        Protection {
            device_bound,
            quick_unlock: slots.iter().any(|s| s.slot_type == SlotType::Quick as u8),
            keyring_problem,
        }
    }

    /// Unlocks with the passphrase. Wrong passphrase: nothing is written, anywhere.
    pub fn unlock(&self, passphrase: &Passphrase) -> Result<UnlockReport> {
        let mut g = self.lock_state();
        *g = None;
        let (store, vault_id, slots) = self.open_store()?;
        let (mk, bound) = self.open_with_passphrase(&vault_id, &slots, passphrase)?;
        let protection = self.protection_of(&slots, bound, None);
        let session = load_session(store, vault_id, &mk, protection)?;
        Ok(install(&mut g, session))
    }

    /// Unlocks with the device secret alone, when quick unlock is on.
    pub fn unlock_quick(&self) -> Result<UnlockReport> {
        let mut g = self.lock_state();
        *g = None;
        let (store, vault_id, slots) = self.open_store()?;
        let slot =
            slots.iter().find(|s| s.slot_type == SlotType::Quick as u8).ok_or(VaultError::QuickUnlockUnavailable)?;
        let device = self.keyring.get(&vault_id).ok().flatten().ok_or(VaultError::QuickUnlockUnavailable)?;
        let mk = vault::open_quick_slot(&vault_id, slot, &device)?;
        let bound = slots
            .iter()
            .any(|s| s.slot_type == SlotType::Passphrase as u8 && vault::slot_params(s).is_ok_and(|p| p.device_bound));
        let protection = self.protection_of(&slots, bound, None);
        Ok(install(&mut g, load_session(store, vault_id, &mk, protection)?))
    }

    /// Opens the journal with the recovery key and replaces the passphrase with a new one.
    pub fn recover(&self, recovery_key: &str, new_passphrase: &Passphrase) -> Result<UnlockReport> {
        if new_passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        let rk = recovery::parse_key(recovery_key)?;
        let mut g = self.lock_state();
        *g = None;
        let (mut store, vault_id, slots) = self.open_store()?;
        let mut found = None;
        for slot in slots.iter().filter(|s| s.slot_type == SlotType::Recovery as u8) {
            if let Ok(mk) = vault::open_recovery_slot(&vault_id, slot, &rk) {
                found = Some(mk);
                break;
            }
        }
        let mk = found.ok_or(VaultError::WrongRecoveryKey)?;
        let (device, problem) = self.device_secret_or_reason(&vault_id);
        let new_slot = vault::passphrase_slot(
            &self.options.limits,
            &vault_id,
            &mk,
            new_passphrase,
            self.kdf_params(),
            device.as_ref(),
        )?;
        replace_slots(&mut store, &slots, SlotType::Passphrase, &new_slot)?;
        let slots = store.slots()?;
        let protection = self.protection_of(&slots, device.is_some(), problem);
        Ok(install(&mut g, load_session(store, vault_id, &mk, protection)?))
    }

    /// Locks: drops the key and every decrypted entry, and folds the log into the file.
    pub fn lock(&self) {
        *self.lock_state() = None;
    }

    /// Changes the passphrase: the master key is re-wrapped; entries are untouched.
    /// At every moment at least one passphrase slot opens.
    pub fn change_passphrase(&self, current: &Passphrase, new: &Passphrase) -> Result<Protection> {
        if new.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        self.with_session(|s| {
            let slots = s.store.slots()?;
            let (mk, _) = self.open_with_passphrase(&s.vault_id, &slots, current)?;
            let (device, problem) = self.device_secret_or_reason(&s.vault_id);
            let slot = vault::passphrase_slot(
                &self.options.limits,
                &s.vault_id,
                &mk,
                new,
                self.kdf_params(),
                device.as_ref(),
            )?;
            replace_slots(&mut s.store, &slots, SlotType::Passphrase, &slot)?;
            s.protection.device_bound = device.is_some();
            s.protection.keyring_problem = problem;
            Ok(s.protection.clone())
        })
    }

    /// Replaces the recovery key with a new one and returns it (show it once).
    pub fn new_recovery_key(&self, current: &Passphrase) -> Result<SecretText> {
        self.with_session(|s| {
            let slots = s.store.slots()?;
            let (mk, _) = self.open_with_passphrase(&s.vault_id, &slots, current)?;
            let (rk, text) = recovery::generate();
            let slot = vault::recovery_slot(&s.vault_id, &mk, &rk);
            replace_slots(&mut s.store, &slots, SlotType::Recovery, &slot)?;
            Ok(text)
        })
    }

    /// Turns quick unlock on (needs the passphrase and a working keyring) or off.
    pub fn set_quick_unlock(&self, current: &Passphrase, on: bool) -> Result<Protection> {
        self.with_session(|s| {
            let slots = s.store.slots()?;
            let (mk, _) = self.open_with_passphrase(&s.vault_id, &slots, current)?;
            if on {
                let device = self.enrol_device_secret(&s.vault_id).map_err(|_| VaultError::QuickUnlockUnavailable)?;
                let slot = vault::quick_slot(&s.vault_id, &mk, &device);
                replace_slots(&mut s.store, &slots, SlotType::Quick, &slot)?;
            } else {
                let quick: Vec<[u8; 16]> =
                    slots.iter().filter(|r| r.slot_type == SlotType::Quick as u8).map(|r| r.slot_id).collect();
                s.store.write(|w| quick.iter().try_for_each(|id| w.delete_slot(id)))?;
                if !s.protection.device_bound {
                    let _ = self.keyring.delete(&s.vault_id);
                }
            }
            s.protection.quick_unlock = on;
            Ok(s.protection.clone())
        })
    }

    /// Removes one key slot by id; the last passphrase slot is never removed.
    pub fn remove_slot(&self, slot_id: &[u8; 16]) -> Result<()> {
        self.with_session(|s| {
            let slots = s.store.slots()?;
            let target = slots.iter().find(|r| &r.slot_id == slot_id).ok_or(Error::NotFound)?;
            let passphrase_slots = slots.iter().filter(|r| r.slot_type == SlotType::Passphrase as u8).count();
            if target.slot_type == SlotType::Passphrase as u8 && passphrase_slots <= 1 {
                return Err(VaultError::LastPassphraseSlot.into());
            }
            s.store.write(|w| w.delete_slot(slot_id))?;
            Ok(())
        })
    }

    /// Ids and types of the key slots (for settings screens and tests).
    pub fn slots(&self) -> Result<Vec<([u8; 16], u8)>> {
        self.with_session(|s| Ok(s.store.slots()?.into_iter().map(|r| (r.slot_id, r.slot_type)).collect()))
    }

    /// Adds an entry; returns it once it is durably stored.
    pub fn add(&self, mut input: EntryInput, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.with_session(|s| {
            s.validate(&mut input)?;
            let id = *uuid::Uuid::new_v4().as_bytes();
            let at = input.at.take().unwrap_or(now);
            let payload = EntryPayload { at, created: now, updated: now, input };
            s.save_entry(id, payload)
        })
    }

    /// Adds many entries in one transaction (imports, demo journals); all or none are saved.
    pub fn add_many(&self, inputs: Vec<EntryInput>, now: DateTime<FixedOffset>) -> Result<Vec<Entry>> {
        self.with_session(|s| {
            let mut rows = Vec::with_capacity(inputs.len());
            let mut payloads = Vec::with_capacity(inputs.len());
            for mut input in inputs {
                s.validate(&mut input)?;
                let id = *uuid::Uuid::new_v4().as_bytes();
                let at = input.at.take().unwrap_or(now);
                let payload = EntryPayload { at, created: now, updated: now, input };
                let plain = Zeroizing::new(serde_json::to_vec(&payload).map_err(|_| Error::Payload)?);
                let ctx = RecordContext {
                    vault_id: s.vault_id,
                    record_id: id,
                    kind: RecordKind::Entry,
                    schema_ver: ENTRY_SCHEMA,
                };
                let blob = envelope::seal(&s.key, RECORD_KEY_ID, &ctx, &plain);
                rows.push(RecordRow { record_id: id, kind: RecordKind::Entry as u8, schema_ver: ENTRY_SCHEMA, blob });
                payloads.push((id, payload));
            }
            let n = rows.len() as u64;
            s.store.write(|w| {
                if w.count_encryptions(RECORD_KEY_ID, n)? > MAX_ENCRYPTIONS {
                    return Err(StoreError::Io("this journal's key has reached its safe limit of uses".into()));
                }
                rows.iter().try_for_each(|r| w.put_record(r))
            })?;
            let words = shipped();
            let saved: Vec<Entry> =
                payloads.into_iter().map(|(id, p)| Entry::from_payload(id_string(&id), p, words, &s.vocab.1)).collect();
            for e in &saved {
                s.entries.insert(e.id.clone(), e.clone());
            }
            s.order = sorted_ids(&s.entries);
            s.folded = None;
            s.facts = None;
            Ok(saved)
        })
    }

    /// Replaces an entry's content; returns it once it is durably stored.
    pub fn update(&self, id: &str, mut input: EntryInput, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.with_session(|s| {
            let existing = s.entries.get(id.trim()).ok_or(Error::NotFound)?;
            let created = existing.created;
            let at = input.at.take().unwrap_or(existing.at);
            if input.follows.as_deref() == Some(id.trim()) {
                return Err(ValidationError::new("follows", "an entry can't follow itself").into());
            }
            s.validate(&mut input)?;
            s.save_entry(parse_id(id)?, EntryPayload { at, created, updated: now, input })
        })
    }

    /// Deletes an entry; returns once the deletion is durable.
    pub fn delete(&self, id: &str) -> Result<()> {
        self.with_session(|s| {
            let key = id.trim();
            if !s.entries.contains_key(key) {
                return Err(Error::NotFound);
            }
            let rid = parse_id(key)?;
            s.store.write(|w| w.delete_record(&rid))?;
            if let Some(mut e) = s.entries.remove(key) {
                e.text.zeroize();
            }
            s.order.retain(|x| x != key);
            s.facts = None;
            if let Some(f) = s.folded.as_mut() {
                f.remove(key);
            }
            Ok(())
        })
    }

    /// One entry.
    pub fn get(&self, id: &str) -> Result<Entry> {
        self.with_session(|s| s.entries.get(id.trim()).cloned().ok_or(Error::NotFound))
    }

    /// Entries newest first, `limit` from `offset`.
    pub fn list(&self, offset: usize, limit: usize) -> Result<Page> {
        self.search(&Query::default().page(offset, limit))
    }

    /// Calls `f` with every entry, newest first (for insights and export).
    pub fn with_entries<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Entry>) -> T) -> Result<T> {
        self.with_session(|s| {
            let mut it = s.order.iter().filter_map(|id| s.entries.get(id));
            Ok(f(&mut it))
        })
    }

    /// Entries that match the query over the whole journal (every word of its text, case- and
    /// accent-insensitive, over text, words, labels, context, body, aftercare and partner; and
    /// every filter set), newest first, one page of them.
    pub fn search(&self, query: &Query) -> Result<Page> {
        self.with_session(|s| {
            let terms = search::terms(&query.text);
            if !terms.is_empty() && s.folded.is_none() {
                let words = shipped();
                let own = &s.vocab.1;
                s.folded =
                    Some(s.entries.iter().map(|(id, e)| (id.clone(), search::haystack(e, words, own))).collect());
            }
            let folded = s.folded.as_ref();
            let mut feelings = BTreeSet::new();
            let mut total = 0;
            let mut items = Vec::new();
            for e in s.order.iter().filter_map(|id| s.entries.get(id)) {
                let words_match =
                    terms.is_empty() || folded.and_then(|f| f.get(&e.id)).is_some_and(|h| search::matches(h, &terms));
                if !words_match || !query.keeps_apart_from_feeling(e) {
                    continue;
                }
                feelings.extend(e.emotions.iter().map(String::as_str));
                if !query.has_feeling(e) {
                    continue;
                }
                if total >= query.offset && items.len() < query.limit {
                    items.push(e.clone());
                }
                total += 1;
            }
            Ok(Page { items, total, feelings: feelings.into_iter().map(str::to_owned).collect() })
        })
    }

    /// Every insight for the period (see [`crate::insights`]).
    pub fn insights(&self, query: &crate::insights::Query) -> Result<crate::insights::Insights> {
        self.with_session(|s| {
            if s.facts.is_none() {
                let entries = s.order.iter().filter_map(|id| s.entries.get(id));
                s.facts = Some(crate::insights::Facts::build(entries));
            }
            let facts = s.facts.as_ref().ok_or(Error::Locked)?;
            Ok(crate::insights::compute_facts(facts, query))
        })
    }

    /// Records that could not be opened at unlock.
    pub fn damaged(&self) -> Result<Vec<String>> {
        self.with_session(|s| Ok(s.damaged.clone()))
    }

    /// How the journal is protected now.
    pub fn protection(&self) -> Result<Protection> {
        self.with_session(|s| Ok(s.protection.clone()))
    }

    /// Settings.
    pub fn settings(&self) -> Result<Settings> {
        self.with_session(|s| Ok(s.settings.1.clone()))
    }

    /// Saves settings.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        settings.validate()?;
        self.with_session(|s| {
            let id = s.settings.0.unwrap_or_else(vault::new_vault_id);
            s.put_simple(id, RecordKind::Settings, &settings)?;
            s.settings = (Some(id), settings.clone());
            Ok(settings)
        })
    }

    /// The person's own words and labels.
    pub fn vocabulary(&self) -> Result<Vocabulary> {
        self.with_session(|s| Ok(s.vocab.1.clone()))
    }

    /// Adds an emotion word of the person's own (or returns the one with that name).
    pub fn add_own_emotion(&self, label: &str, quadrant: Quadrant) -> Result<OwnWord> {
        let label = check_own_label("emotion", label)?;
        self.with_session(|s| {
            let folded = search::fold(&label);
            if let Some(w) = s.vocab.1.emotions.iter().find(|w| search::fold(&w.label) == folded) {
                return Ok(w.clone());
            }
            let word = OwnWord { id: own_id(), label, quadrant };
            let mut v = s.vocab.1.clone();
            v.emotions.push(word.clone());
            s.save_vocab(v)?;
            Ok(word)
        })
    }

    /// Adds a label of the person's own (or returns the one with that name).
    pub fn add_own_label(&self, label: &str) -> Result<OwnLabel> {
        let label = check_own_label("label", label)?;
        self.with_session(|s| {
            let folded = search::fold(&label);
            if let Some(l) = s.vocab.1.labels.iter().find(|l| search::fold(&l.label) == folded) {
                return Ok(l.clone());
            }
            let own = OwnLabel { id: own_id(), label };
            let mut v = s.vocab.1.clone();
            v.labels.push(own.clone());
            s.save_vocab(v)?;
            Ok(own)
        })
    }

    /// What Tend offers for this entry at `now` (a prompt, up to three coping ideas, at most one
    /// card). Changes nothing.
    pub fn care(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        self.with_session(|s| s.offer(id, now))
    }

    /// As [`Journal::care`], right after a save: when the offer holds the "consider talking to
    /// someone" card, remembers that it was shown `now`, so it rests for the next 14 days.
    pub fn care_after_save(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        self.with_session(|s| {
            let offer = s.offer(id, now)?;
            let shown_pattern = offer.card.is_some_and(|c| c.id == care::CardId::TalkToSomeone);
            let already = s.care.1.memory.pattern_last.as_ref().is_some_and(|p| p.entry == offer.entry_id);
            if shown_pattern && !already {
                let mut record = s.care.1.clone();
                record.memory.pattern_last = Some(care::PatternShown { entry: offer.entry_id.clone(), at: now });
                s.save_care(record)?;
            }
            Ok(offer)
        })
    }

    /// Saves an answer to a prompt into the entry: it becomes the text, or a new paragraph after it.
    pub fn answer_prompt(&self, id: &str, prompt: &str, answer: &str, now: DateTime<FixedOffset>) -> Result<Entry> {
        if care::shipped().prompt(prompt).is_none() {
            return Err(ValidationError::new("prompt", "unknown prompt id").into());
        }
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(ValidationError::new("answer", "write something first, or simply skip the prompt").into());
        }
        self.with_session(|s| {
            let existing = s.entries.get(id.trim()).ok_or(Error::NotFound)?;
            let (at, created) = (existing.at, existing.created);
            let mut input = existing.to_input();
            input.at = None;
            input.text =
                if input.text.trim().is_empty() { answer.to_owned() } else { format!("{}\n\n{answer}", input.text) };
            input.prompt = Some(prompt.to_owned());
            s.validate(&mut input)?;
            s.save_entry(parse_id(id)?, EntryPayload { at, created, updated: now, input })
        })
    }

    /// The safety plan, aftercare needs, saved numbers and the pattern-card switch.
    pub fn care_state(&self) -> Result<CareState> {
        self.with_session(|s| Ok(CareState::from(&s.care.1)))
    }

    /// Saves the safety plan.
    pub fn save_safety_plan(&self, plan: care::SafetyPlan) -> Result<care::SafetyPlan> {
        plan.validate()?;
        self.with_session(|s| {
            let mut record = s.care.1.clone();
            record.safety_plan = plan.clone();
            s.save_care(record)?;
            Ok(plan)
        })
    }

    /// Saves "my aftercare needs".
    pub fn save_aftercare_needs(&self, mut needs: care::AftercareNeeds) -> Result<care::AftercareNeeds> {
        needs.validate(shipped())?;
        self.with_session(|s| {
            let mut record = s.care.1.clone();
            record.aftercare_needs = needs.clone();
            s.save_care(record)?;
            Ok(needs)
        })
    }

    /// Turns the "consider talking to someone" card on or off.
    pub fn set_pattern_cards(&self, on: bool) -> Result<CareState> {
        self.with_session(|s| {
            let mut record = s.care.1.clone();
            record.memory.pattern_cards = on;
            s.save_care(record)?;
            Ok(CareState::from(&s.care.1))
        })
    }

    /// Saves the support numbers in the encrypted journal. With `outside` (only when the person
    /// agreed) they are also kept in a small file outside the encryption, so the support panel
    /// can show them before unlocking; without it, that file is removed.
    pub fn save_support_numbers(&self, mut numbers: SupportNumbers, outside: bool) -> Result<SupportInfo> {
        numbers.validate()?;
        let path = self.dir.join(NUMBERS_FILE);
        // The file follows the choice inside the same lock, so two saves can't leave it behind.
        self.with_session(|s| {
            let mut record = s.care.1.clone();
            record.numbers = numbers.clone();
            record.numbers_outside = outside;
            s.save_care(record)?;
            if outside && !numbers.is_empty() {
                write_numbers_file(&path, &numbers)
            } else {
                remove_numbers_file(&path)
            }
        })?;
        Ok(SupportInfo { numbers: Some(numbers), outside, locked: false })
    }

    /// The saved numbers: from the journal while unlocked, else from the file kept outside the
    /// encryption (only there when the person agreed). Works while locked.
    pub fn support_numbers(&self) -> Result<SupportInfo> {
        if let Some(s) = self.lock_state().as_ref() {
            let r = &s.care.1;
            return Ok(SupportInfo { numbers: Some(r.numbers.clone()), outside: r.numbers_outside, locked: false });
        }
        let path = self.dir.join(NUMBERS_FILE);
        match std::fs::read(&path).map(Zeroizing::new) {
            Ok(bytes) => {
                let numbers = serde_json::from_slice::<NumbersFile<SupportNumbers>>(&bytes).map(|f| f.numbers).map_err(|_| {
                    Error::Numbers(format!(
                        "The saved support numbers in {} can't be read. They are also in your journal: unlock to see them, and save them again.",
                        path.display()
                    ))
                })?;
                Ok(SupportInfo { numbers: Some(numbers), outside: true, locked: true })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(SupportInfo { numbers: None, outside: false, locked: true })
            }
            Err(e) => Err(Error::Numbers(format!(
                "The saved support numbers can't be read ({e}). They are also in your journal: unlock to see them."
            ))),
        }
    }

    /// Entries whose "check in with me later" is due at `now`, newest first.
    pub fn due_check_ins(&self, now: DateTime<FixedOffset>) -> Result<Vec<DueCheckIn>> {
        self.with_session(|s| Ok(care::due_check_ins(s.entries.values(), &s.care.1.check_ins_done, now)))
    }

    /// Stops asking about these entries' check-ins, in one save: one "how are you now?" or one
    /// "No, thanks" covers every check-in that was due. An entry deleted meanwhile is passed
    /// over; if none of them is in the journal, [`Error::NotFound`].
    pub fn dismiss_check_ins<S: AsRef<str>>(&self, ids: &[S]) -> Result<()> {
        self.with_session(|s| {
            let known: BTreeSet<&str> =
                ids.iter().map(|i| i.as_ref().trim()).filter(|i| s.entries.contains_key(*i)).collect();
            if known.is_empty() {
                return Err(Error::NotFound);
            }
            let done = &s.care.1.check_ins_done;
            let new: Vec<String> =
                known.into_iter().filter(|i| !done.iter().any(|d| d == i)).map(str::to_owned).collect();
            if new.is_empty() {
                return Ok(());
            }
            let mut record = s.care.1.clone();
            record.check_ins_done.extend(new);
            s.save_care(record)
        })
    }

    /// Opens every record again from disk and reports the damaged ones. Changes nothing.
    pub fn check(&self) -> Result<CheckReport> {
        self.with_session(|s| {
            let (mut ok, mut damaged) = (0, Vec::new());
            let vault_id = s.vault_id;
            let key = &s.key;
            s.store.for_each_record(|row| match open_row(key, &vault_id, &row) {
                Ok(_) => ok += 1,
                Err(_) => damaged.push(id_string(&row.record_id)),
            })?;
            Ok(CheckReport { ok, damaged, file_ok: s.store.integrity_ok()? })
        })
    }
}

fn check_own_label(field: &str, label: &str) -> Result<String> {
    let t = label.trim();
    if t.is_empty() || t.chars().count() > MAX_SHORT_CHARS {
        return Err(ValidationError::new(field, "use 1 to 60 characters").into());
    }
    Ok(t.to_owned())
}

/// Inserts `new` and removes the other slots of `kind`, in one transaction, then checks the new
/// slot is on disk. A crash at any point leaves either the old slots or the new one.
fn replace_slots(store: &mut Store, old: &[SlotRow], kind: SlotType, new: &SlotRow) -> Result<()> {
    store.write(|w| {
        w.insert_slot(new)?;
        old.iter().filter(|s| s.slot_type == kind as u8).try_for_each(|s| w.delete_slot(&s.slot_id))
    })?;
    if !store.slots()?.iter().any(|s| s == new) {
        return Err(StoreError::Io("the new key slot was not found after saving".into()).into());
    }
    Ok(())
}

fn install(g: &mut MutexGuard<'_, Option<Box<Session>>>, s: Box<Session>) -> UnlockReport {
    let report =
        UnlockReport { entries: s.entries.len(), damaged: s.damaged.clone(), protection: s.protection.clone() };
    **g = Some(s);
    report
}

fn open_row(key: &SecretKey, vault_id: &[u8; 16], row: &RecordRow) -> Result<(RecordKind, Zeroizing<Vec<u8>>)> {
    let kind = RecordKind::from_u8(row.kind).ok_or(Error::Payload)?;
    let ctx = RecordContext { vault_id: *vault_id, record_id: row.record_id, kind, schema_ver: row.schema_ver };
    let plain = envelope::open(key, RECORD_KEY_ID, &ctx, &row.blob)?;
    Ok((kind, plain))
}

fn load_session(store: Store, vault_id: [u8; 16], mk: &SecretKey, protection: Protection) -> Result<Box<Session>> {
    let key = vault::record_key(mk, &vault_id);
    let mut rows = Vec::new();
    store.for_each_record(|row| rows.push(row))?;
    let mut vocab = (None, Vocabulary::default());
    let mut settings = (None, Settings::default());
    let mut care = (None, CareRecord::default());
    let mut damaged = Vec::new();
    // The person's own words first: entries need them to name their quadrant.
    let (entry_rows, other_rows): (Vec<RecordRow>, Vec<RecordRow>) =
        rows.into_iter().partition(|r| r.kind == RecordKind::Entry as u8);
    for row in other_rows {
        let opened = open_row(&key, &vault_id, &row).and_then(|(kind, plain)| {
            if row.schema_ver > SIMPLE_SCHEMA {
                return Err(Error::Payload);
            }
            match kind {
                RecordKind::Vocabulary if vocab.0.is_none() => {
                    vocab = (Some(row.record_id), serde_json::from_slice(&plain).map_err(|_| Error::Payload)?)
                }
                RecordKind::Settings if settings.0.is_none() => {
                    settings = (Some(row.record_id), serde_json::from_slice(&plain).map_err(|_| Error::Payload)?)
                }
                RecordKind::Care if care.0.is_none() => {
                    care = (Some(row.record_id), serde_json::from_slice(&plain).map_err(|_| Error::Payload)?)
                }
                _ => {}
            }
            Ok(())
        });
        if opened.is_err() {
            damaged.push(id_string(&row.record_id));
        }
    }
    // Entries are opened on every core: unlock time is what a person waits through.
    let words = shipped();
    let open_entry = |row: &RecordRow| -> std::result::Result<Entry, String> {
        let id = id_string(&row.record_id);
        if row.schema_ver > ENTRY_SCHEMA {
            return Err(id);
        }
        match open_row(&key, &vault_id, row) {
            Ok((_, plain)) => match serde_json::from_slice::<EntryPayload>(&plain) {
                Ok(p) => Ok(Entry::from_payload(id, p, words, &vocab.1)),
                Err(_) => Err(id),
            },
            Err(_) => Err(id),
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = entry_rows.len().div_ceil(threads).max(1024);
    let results: Vec<Vec<std::result::Result<Entry, String>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = entry_rows
            .chunks(chunk)
            .map(|c| scope.spawn(move || c.iter().map(open_entry).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut entries = HashMap::with_capacity(entry_rows.len());
    for r in results.into_iter().flatten() {
        match r {
            Ok(e) => {
                entries.insert(e.id.clone(), e);
            }
            Err(id) => damaged.push(id),
        }
    }
    let order = sorted_ids(&entries);
    damaged.sort();
    Ok(Box::new(Session {
        store,
        vault_id,
        key,
        entries,
        order,
        vocab,
        settings,
        damaged,
        folded: None,
        facts: None,
        care,
        protection,
    }))
}

impl Session {
    fn validate(&self, input: &mut EntryInput) -> Result<()> {
        input.validate(shipped(), &self.vocab.1)?;
        if let Some(f) = &input.follows {
            if !self.entries.contains_key(f.trim()) {
                return Err(ValidationError::new("follows", "no entry with that id").into());
            }
        }
        Ok(())
    }

    fn seal_and_put(&mut self, id: [u8; 16], kind: RecordKind, schema_ver: u16, plain: &[u8]) -> Result<()> {
        let ctx = RecordContext { vault_id: self.vault_id, record_id: id, kind, schema_ver };
        let blob = envelope::seal(&self.key, RECORD_KEY_ID, &ctx, plain);
        let row = RecordRow { record_id: id, kind: kind as u8, schema_ver, blob };
        self.store.write(|w| {
            if w.count_encryptions(RECORD_KEY_ID, 1)? > MAX_ENCRYPTIONS {
                return Err(StoreError::Io("this journal's key has reached its safe limit of uses".into()));
            }
            w.put_record(&row)
        })?;
        Ok(())
    }

    fn save_entry(&mut self, id: [u8; 16], payload: EntryPayload) -> Result<Entry> {
        let plain = Zeroizing::new(serde_json::to_vec(&payload).map_err(|_| Error::Payload)?);
        self.seal_and_put(id, RecordKind::Entry, ENTRY_SCHEMA, &plain)?;
        Ok(self.remember(id, payload))
    }

    /// Puts a saved entry into the in-memory view (order and search cache).
    fn remember(&mut self, id: [u8; 16], payload: EntryPayload) -> Entry {
        let sid = id_string(&id);
        let entry = Entry::from_payload(sid.clone(), payload, shipped(), &self.vocab.1);
        self.order.retain(|x| x != &sid);
        let key = sort_key(&entry);
        let pos = self.order.partition_point(|x| sort_key(&self.entries[x]) > key);
        self.order.insert(pos, sid.clone());
        self.facts = None;
        if let Some(f) = self.folded.as_mut() {
            f.insert(sid.clone(), search::haystack(&entry, shipped(), &self.vocab.1));
        }
        self.entries.insert(sid, entry.clone());
        entry
    }

    fn put_simple<T: Serialize>(&mut self, id: [u8; 16], kind: RecordKind, value: &T) -> Result<()> {
        let plain = Zeroizing::new(serde_json::to_vec(value).map_err(|_| Error::Payload)?);
        self.seal_and_put(id, kind, SIMPLE_SCHEMA, &plain)
    }

    fn save_care(&mut self, mut record: CareRecord) -> Result<()> {
        let id = self.care.0.unwrap_or_else(vault::new_vault_id);
        if let Err(e) = self.put_simple(id, RecordKind::Care, &record) {
            // Not kept: the copy with the new words is overwritten before it is let go.
            record.wipe();
            return Err(e);
        }
        let mut old = std::mem::replace(&mut self.care, (Some(id), record));
        old.1.wipe();
        Ok(())
    }

    /// What Tend offers for one entry, from the entries in the window before it.
    fn offer(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        let entry = self.entries.get(id.trim()).ok_or(Error::NotFound)?;
        let from = entry.at - chrono::Duration::days(care::WINDOW_DAYS);
        let recent: Vec<&Entry> = self.entries.values().filter(|e| e.at > from && e.at <= entry.at).collect();
        Ok(care::select(care::shipped(), shipped(), entry, &recent, &self.care.1.memory, now))
    }

    fn save_vocab(&mut self, v: Vocabulary) -> Result<()> {
        let id = self.vocab.0.unwrap_or_else(vault::new_vault_id);
        self.put_simple(id, RecordKind::Vocabulary, &v)?;
        self.vocab = (Some(id), v);
        self.folded = None;
        Ok(())
    }
}

/// For benchmarks that measure a floor beside the journal: the record key, derived the same way
/// an unlock derives it. Needs the passphrase, so it opens nothing a caller couldn't already.
#[doc(hidden)]
pub mod bench_support {
    use super::*;

    /// The record key of `j`'s vault.
    pub fn record_key(j: &Journal, pass: &Passphrase, vault_id: &[u8; 16]) -> Result<SecretKey> {
        let (_, vid, slots) = j.open_store()?;
        if &vid != vault_id {
            return Err(Error::NotFound);
        }
        let (mk, _) = j.open_with_passphrase(&vid, &slots, pass)?;
        Ok(vault::record_key(&mk, &vid))
    }
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
