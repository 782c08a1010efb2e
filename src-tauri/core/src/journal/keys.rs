//! Keys: making a journal, unlocking it (passphrase, quick unlock, recovery key), and changing
//! what opens it (passphrase, recovery key, quick unlock). Every change of key slots is one
//! transaction that leaves at least one way in at every moment.

use std::path::Path;
use std::time::Duration;

use super::index::tag_of;
use super::session::{install, load_session, new_index, simple_row, Session, Single};
use super::writer::WriterLock;
use super::{numbers, Created, Journal, Protection, UnlockReport};
use crate::backup::{BackupIdentity, BackupPlan};
use crate::envelope::RecordKind;
use crate::error::{Error, Result, StoreError, VaultError};
use crate::kdf::{calibrate, KdfLimits, KdfParams};
use crate::recovery;
use crate::secret::{Passphrase, SecretKey, SecretText};
use crate::store::{SlotRow, Store};
use crate::vault::{self, SlotType, VAULT_FORMAT};

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
    /// How long an unlock waits for a session open elsewhere to end before saying so.
    pub writer_wait: Duration,
    /// Refuse a passphrase guessable within a day offline when it alone guards the journal.
    pub guess_floor: bool,
    /// Tests and benchmarks only: write journals as Tend did before entry schema 2 (entries
    /// sealed as JSON, vault format 2) and never upgrade them, so what reads and upgrades them
    /// can be tested and measured.
    #[doc(hidden)]
    pub legacy_payloads: bool,
}

impl Options {
    /// Tiny key-derivation costs for tests that make and unlock many journals. The app and the
    /// command line never use them.
    #[doc(hidden)]
    pub fn for_tests() -> Options {
        Options {
            limits: KdfLimits::TEST,
            kdf: KdfChoice::Fixed(KdfLimits::TEST.floor),
            writer_wait: Duration::from_millis(100),
            // Tests choose short passphrases freely; the floor's own tests turn it on.
            guess_floor: false,
            legacy_payloads: false,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: KdfLimits::STANDARD,
            kdf: KdfChoice::Calibrate(Duration::from_millis(650)),
            writer_wait: Duration::from_secs(3),
            guess_floor: true,
            legacy_payloads: false,
        }
    }
}

impl Journal {
    /// The folder's writer lock, taken only once a key has opened: a wrong passphrase or
    /// recovery key writes nothing, not even the lock file.
    fn take_writer(&self) -> Result<WriterLock> {
        WriterLock::take(&self.dir, self.options.writer_wait)
    }

    /// Once a key has opened an existing journal: the writer lock, then the file made ready
    /// for saves (write-ahead log on, an older file migrated).
    fn writer_for(&self, store: &mut Store) -> Result<WriterLock> {
        let writer = self.take_writer()?;
        store.ready_to_write()?;
        Ok(writer)
    }

    pub(super) fn kdf_params(&self) -> KdfParams {
        match self.options.kdf {
            KdfChoice::Calibrate(target) => calibrate(&self.options.limits, target),
            KdfChoice::Fixed(p) => p,
        }
    }

    /// The device secret the keyring holds for this journal, or a fresh one stored and read
    /// back when it holds none; or why the keyring can't be used now.
    fn enrol_device_secret(&self, vault_id: &[u8; 16]) -> std::result::Result<SecretKey, String> {
        // Only a definite "nothing here" makes a secret: a keyring that didn't answer may well
        // hold one, and writing over it would lock the journal's other ways in.
        match self.keyring.get(vault_id) {
            Ok(Some(existing)) => return Ok(existing),
            Ok(None) => {}
            Err(e) => return Err(e.0),
        }
        let secret = SecretKey::random();
        self.keyring.set(vault_id, &secret).map_err(|e| e.0)?;
        match self.keyring.get(vault_id) {
            Ok(Some(back)) if back.dangerously_expose() == secret.dangerously_expose() => Ok(secret),
            Ok(_) => Err("The keyring did not keep Tend's key.".into()),
            Err(e) => Err(e.0),
        }
    }

    /// A new passphrase slot for `mk`, bound to this computer's keyring when it answers; with
    /// the device secret it used (for a quick slot) or why the keyring couldn't be used (the
    /// journal then goes passphrase-only and says so). Passphrase-only, a passphrase guessable
    /// within a day offline is refused.
    pub(super) fn passphrase_slot_for(
        &self,
        vault_id: &[u8; 16],
        mk: &SecretKey,
        pass: &Passphrase,
    ) -> Result<(SlotRow, Option<SecretKey>, Option<String>)> {
        let (device, problem) = match self.enrol_device_secret(vault_id) {
            Ok(d) => (Some(d), None),
            Err(why) => (None, Some(why)),
        };
        // Without this computer's secret, the passphrase alone guards the file: one guessable
        // within a day is refused (before anything is written), saying why.
        if device.is_none() && self.options.guess_floor {
            if let Some(why) = crate::strength::refusal_alone(pass) {
                return Err(VaultError::GuessablePassphrase(why).into());
            }
        }
        let slot =
            vault::passphrase_slot(&self.options.limits, vault_id, mk, pass, self.kdf_params(), device.as_ref())?;
        Ok((slot, device, problem))
    }

    /// Makes a new journal, unlocked, and returns its recovery key (show it once).
    pub fn create(&self, passphrase: Passphrase) -> Result<Created> {
        let mut g = self.lock_state();
        let path = self.file_path();
        if path.exists() {
            return Err(StoreError::AlreadyExists.into());
        }
        let (session, created) = self.make(&path, &passphrase, None)?;
        *g = Some(session);
        Ok(created)
    }

    /// Makes a new journal file at `path` and its open session: a new master key, a passphrase
    /// slot, and a recovery slot for `recovery` (a new key when `None`), with the backup key
    /// made from it, in one transaction.
    pub(super) fn make(
        &self,
        path: &Path,
        passphrase: &Passphrase,
        recovery: Option<SecretKey>,
    ) -> Result<(Box<Session>, Created)> {
        if passphrase.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        let vault_id = vault::new_vault_id();
        let mk = SecretKey::random();
        let (pass_slot, device, problem) = self.passphrase_slot_for(&vault_id, &mk, passphrase)?;
        let (rk, rk_text) = match recovery {
            Some(rk) => {
                let text = recovery::format_key(rk.dangerously_expose());
                (rk, text)
            }
            None => recovery::generate(),
        };
        let rec_slot = vault::recovery_slot(&vault_id, &mk, &rk);
        let plan =
            BackupPlan { recipient: Some(BackupIdentity::from_recovery_key(&rk).recipient()), ..BackupPlan::default() };
        crate::store::ensure_dir(&self.dir)?;
        let writer = self.take_writer()?;
        let mut store = Store::create(path)?;
        // Numbers kept outside by an earlier journal in this folder belong to nobody now.
        numbers::remove(&self.dir.join(numbers::NUMBERS_FILE))?;
        let key = vault::record_key(&mk, &vault_id);
        let plan_id = vault::new_vault_id();
        let plan_row = simple_row(&key, &vault_id, plan_id, RecordKind::Backups, &plan)?;
        let (index, index_rows) = new_index(&key, &vault_id, [(plan_id, tag_of(&plan_row.blob))], 1);
        store.write(|w| {
            w.insert_vault(&vault_id, if self.options.legacy_payloads { 2 } else { VAULT_FORMAT })?;
            w.insert_slot(&pass_slot)?;
            w.insert_slot(&rec_slot)?;
            w.put_record(&plan_row)?;
            index_rows.iter().try_for_each(|r| w.put_record(r))
        })?;
        let protection = Protection { device_bound: device.is_some(), quick_unlock: false, keyring_problem: problem };
        let mut session = Box::new(Session::empty(store, vault_id, key, protection.clone(), index, writer));
        session.legacy = self.options.legacy_payloads;
        session.format = if session.legacy { 2 } else { VAULT_FORMAT };
        session.backups = Single { id: Some(plan_id), value: plan };
        Ok((session, Created { recovery_key: rk_text, protection }))
    }

    /// A session just loaded, with its entries rewritten in the compact layout if any were still
    /// JSON. Best effort: a journal that can't be rewritten now (a full disk, a key whose count
    /// is unknown) opens all the same, reads the same, and is tried again at the next unlock.
    fn upgraded(&self, mut session: Box<Session>) -> Box<Session> {
        session.legacy = self.options.legacy_payloads;
        let _ = session.upgrade_payloads();
        session
    }

    pub(super) fn open_store(&self) -> Result<(Store, [u8; 16], Vec<SlotRow>)> {
        let store = Store::open(&self.file_path())?;
        let (vault_id, slots) = read_slots(&store)?;
        Ok((store, vault_id, slots))
    }
}

/// The journal's id and key slots, from a file [`Store`] has opened.
fn read_slots(store: &Store) -> Result<([u8; 16], Vec<SlotRow>)> {
    let (vault_id, format) = store.vault()?.ok_or(StoreError::Damaged)?;
    if format > VAULT_FORMAT {
        return Err(StoreError::NewerVersion.into());
    }
    let slots = store.slots()?;
    if !slots.iter().any(|s| s.slot_type == SlotType::Passphrase) {
        return Err(VaultError::NoKeySlots.into());
    }
    Ok((vault_id, slots))
}

impl Journal {
    /// Tries every passphrase slot; returns the master key and whether it was device-bound.
    /// When none opens and one was bound to a secret the keyring no longer holds, says that
    /// (another secret there, or none) rather than calling the passphrase wrong.
    pub(super) fn open_with_passphrase(
        &self,
        vault_id: &[u8; 16],
        slots: &[SlotRow],
        pass: &Passphrase,
    ) -> Result<(SecretKey, bool)> {
        let mut device_missing = false;
        let mut device_changed = false;
        let mut last = VaultError::WrongPassphrase;
        let mut device: Option<Option<SecretKey>> = None;
        for slot in slots.iter().filter(|s| s.slot_type == SlotType::Passphrase) {
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
                Err(VaultError::KeyringChanged) => device_changed = true,
                Err(e) => last = e,
            }
        }
        if last == VaultError::WrongPassphrase {
            if device_changed {
                return Err(VaultError::KeyringChanged.into());
            }
            if device_missing {
                return Err(VaultError::DeviceSecretUnavailable.into());
            }
        }
        Err(last.into())
    }

    fn protection_of(&self, slots: &[SlotRow], device_bound: bool, keyring_problem: Option<String>) -> Protection {
        Protection { device_bound, quick_unlock: slots.iter().any(|s| s.slot_type == SlotType::Quick), keyring_problem }
    }

    /// Unlocks with the passphrase. Wrong passphrase: nothing is written, anywhere (the file is
    /// made ready for saves, and the writer lock taken, only once the key has opened).
    pub fn unlock(&self, passphrase: &Passphrase) -> Result<UnlockReport> {
        let mut g = self.lock_state();
        *g = None;
        // The check of every page of the file runs beside the key derivation, which takes far
        // longer; a file that fails it is refused as damaged all the same.
        let (mut store, opened) = Store::open_checking_beside(&self.file_path(), |store| {
            let (vault_id, slots) = read_slots(store)?;
            let (mk, bound) = self.open_with_passphrase(&vault_id, &slots, passphrase)?;
            #[cfg(feature = "bench")]
            super::bench_support::key_derived();
            Ok::<_, Error>((vault_id, slots, mk, bound))
        })?;
        let (vault_id, slots, mk, bound) = opened?;
        let writer = self.writer_for(&mut store)?;
        let protection = self.protection_of(&slots, bound, None);
        Ok(install(&mut g, self.upgraded(load_session(store, vault_id, &mk, protection, writer)?)))
    }

    /// Unlocks with the device secret alone, when quick unlock is on. When the keyring holds
    /// another secret than quick unlock was set up with, says so if the passphrase can't open
    /// the journal here either, and to use the passphrase if it can.
    pub fn unlock_quick(&self) -> Result<UnlockReport> {
        let mut g = self.lock_state();
        *g = None;
        let (mut store, vault_id, slots) = self.open_store()?;
        let slot = slots.iter().find(|s| s.slot_type == SlotType::Quick).ok_or(VaultError::QuickUnlockUnavailable)?;
        let device = self.keyring.get(&vault_id).ok().flatten().ok_or(VaultError::QuickUnlockUnavailable)?;
        let mk = vault::open_quick_slot(&vault_id, slot, &device)
            .map_err(|e| quick_unlock_failure(e, &vault_id, &slots, &device))?;
        let writer = self.writer_for(&mut store)?;
        let protection = self.protection_of(&slots, bound_to_device(&slots), None);
        Ok(install(&mut g, self.upgraded(load_session(store, vault_id, &mk, protection, writer)?)))
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
        for slot in slots.iter().filter(|s| s.slot_type == SlotType::Recovery) {
            if let Ok(mk) = vault::open_recovery_slot(&vault_id, slot, &rk) {
                found = Some(mk);
                break;
            }
        }
        let mk = found.ok_or(VaultError::WrongRecoveryKey)?;
        // The new passphrase is judged (and its slot made) before anything in the file changes.
        let (new_slot, device, problem) = self.passphrase_slot_for(&vault_id, &mk, new_passphrase)?;
        let writer = self.writer_for(&mut store)?;
        replace_slots(&mut store, &slots, SlotType::Passphrase, &new_slot)?;
        // Quick unlock stays on; when the keyring now holds another secret, it is bound to that.
        if let Some(d) = device.as_ref() {
            if slots.iter().any(|s| s.slot_type == SlotType::Quick && vault::open_quick_slot(&vault_id, s, d).is_err())
            {
                replace_slots(&mut store, &slots, SlotType::Quick, &vault::quick_slot(&vault_id, &mk, d))?;
            }
        }
        let slots = store.slots()?;
        let protection = self.protection_of(&slots, device.is_some(), problem);
        let mut session = self.upgraded(load_session(store, vault_id, &mk, protection, writer)?);
        // The key that opened the journal is its recovery key: backups are sealed to it. Best
        // effort: a journal whose index needs a new key saves nothing until then.
        let _ = session.backup_to_key(&rk);
        Ok(install(&mut g, session))
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
            let (slot, device, problem) = self.passphrase_slot_for(&s.vault_id, &mk, new)?;
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
            // The slot and the key backups are sealed to change together.
            let mut plan = s.backups.value.clone();
            plan.recipient = Some(BackupIdentity::from_recovery_key(&rk).recipient());
            let (plan_id, plan_row) = s.backups_row(&plan)?;
            s.commit_with(std::slice::from_ref(&plan_row), &[], |w| {
                w.insert_slot(&slot)?;
                slots
                    .iter()
                    .filter(|old| old.slot_type == SlotType::Recovery)
                    .try_for_each(|old| w.delete_slot(&old.slot_id))
                    .map_err(Error::from)
            })?;
            if !s.store.slots()?.contains(&slot) {
                return Err(StoreError::Io("the new key slot was not found after saving".into()).into());
            }
            s.backups = Single { id: Some(plan_id), value: plan };
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
                    slots.iter().filter(|r| r.slot_type == SlotType::Quick).map(|r| r.slot_id).collect();
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
    #[cfg(test)]
    pub(super) fn remove_slot(&self, slot_id: &[u8; 16]) -> Result<()> {
        self.with_session(|s| {
            let slots = s.store.slots()?;
            let target = slots.iter().find(|r| &r.slot_id == slot_id).ok_or(crate::Error::NotFound)?;
            let passphrase_slots = slots.iter().filter(|r| r.slot_type == SlotType::Passphrase).count();
            if target.slot_type == SlotType::Passphrase && passphrase_slots <= 1 {
                return Err(VaultError::LastPassphraseSlot.into());
            }
            s.store.write(|w| w.delete_slot(slot_id))?;
            Ok(())
        })
    }

    /// Ids and types of the key slots.
    #[cfg(test)]
    pub(super) fn slots(&self) -> Result<Vec<([u8; 16], SlotType)>> {
        self.with_session(|s| Ok(s.store.slots()?.into_iter().map(|r| (r.slot_id, r.slot_type)).collect()))
    }
}

/// Inserts `new` and removes the other slots of `kind`, in one transaction, then checks the new
/// slot is on disk. A crash at any point leaves either the old slots or the new one.
fn replace_slots(store: &mut Store, old: &[SlotRow], kind: SlotType, new: &SlotRow) -> Result<()> {
    store.write(|w| {
        w.insert_slot(new)?;
        old.iter().filter(|s| s.slot_type == kind).try_for_each(|s| w.delete_slot(&s.slot_id))
    })?;
    if !store.slots()?.iter().any(|s| s == new) {
        return Err(StoreError::Io("the new key slot was not found after saving".into()).into());
    }
    Ok(())
}

/// What a quick unlock that failed with the keyring's secret says: that the keyring holds another
/// secret only when the passphrase can't open the journal here either (its slot bound to the
/// keyring, and not to the secret there now); otherwise, to use the passphrase.
fn quick_unlock_failure(e: VaultError, vault_id: &[u8; 16], slots: &[SlotRow], device: &SecretKey) -> VaultError {
    let mut passphrase = slots.iter().filter(|s| s.slot_type == SlotType::Passphrase);
    let opens_here = |s: &SlotRow| match vault::slot_params(s) {
        Ok(p) => !p.device_bound || vault::bound_to_another_secret(s, vault_id, device) == Some(false),
        Err(_) => false,
    };
    if passphrase.clone().any(opens_here) {
        return VaultError::QuickUnlockUnavailable;
    }
    if e == VaultError::KeyringChanged
        || passphrase.any(|s| vault::bound_to_another_secret(s, vault_id, device) == Some(true))
    {
        return VaultError::KeyringChanged;
    }
    VaultError::QuickUnlockUnavailable
}

/// True when a passphrase slot is bound to this computer's keyring.
pub(super) fn bound_to_device(slots: &[SlotRow]) -> bool {
    slots
        .iter()
        .filter(|s| s.slot_type == SlotType::Passphrase)
        .any(|s| vault::slot_params(s).is_ok_and(|p| p.device_bound))
}
