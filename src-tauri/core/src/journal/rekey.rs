//! Re-keying: a new master key for the whole journal, so that nobody who knew an old passphrase
//! or recovery key (or kept an old copy of the key slots) can open anything written after it.
//! Every record is opened with the old key and sealed again with the new one, and every key
//! slot replaced, in one transaction: a crash at any moment leaves the old journal or the new
//! one, never a mix. It is also the way on when the key has been used as often as is safe.

use super::index::{tag_of, NotAsSaved};
use super::session::{is_index, new_index, open_row, simple_row, Session, Single};
use super::{id_string, Journal, Protection};
use crate::backup::BackupIdentity;
use crate::envelope::{self, RecordContext, RecordKind};
use crate::error::{Result, StoreError, VaultError};
use crate::recovery;
use crate::secret::{Passphrase, SecretKey, SecretText};
use crate::store::RecordRow;
use crate::vault::{self, RECORD_KEY_ID};

/// What [`Journal::rekey`] returns: the new recovery key, to be shown once.
#[derive(Debug)]
pub struct Rekeyed {
    /// The new recovery key, grouped for reading. The old one no longer opens anything.
    pub recovery_key: SecretText,
    /// How the journal is protected now.
    pub protection: Protection,
}

impl Journal {
    /// Gives the journal a new master key: every record sealed again, a new passphrase slot
    /// (`new` may equal `current`), a new recovery key, and quick unlock kept when it was on
    /// and the keyring still answers. Old passphrases, old recovery keys and copies of old key
    /// slots open nothing written from now on. One transaction; the log is folded into the file
    /// and emptied afterwards, so no old ciphertext stays beside it.
    ///
    /// Refused, changing nothing, while any record can't be opened: a new key would leave it
    /// behind for good.
    pub fn rekey(&self, current: &Passphrase, new: &Passphrase) -> Result<Rekeyed> {
        if new.is_empty() {
            return Err(VaultError::EmptyPassphrase.into());
        }
        self.with_session(|s| {
            let slots = s.store.slots()?;
            self.open_with_passphrase(&s.vault_id, &slots, current)?;
            let mk = SecretKey::random();
            let key = vault::record_key(&mk, &s.vault_id);
            let (mut rows, old_index) = reseal_all(s, &key)?;
            let (pass_slot, device, problem) = self.passphrase_slot_for(&s.vault_id, &mk, new)?;
            let (rk, rk_text) = recovery::generate();
            // Backups are sealed to the new recovery key from this transaction on.
            let mut plan = s.backups.value.clone();
            plan.recipient = Some(BackupIdentity::from_recovery_key(&rk).recipient());
            let plan_id = s.backups.id.unwrap_or_else(vault::new_vault_id);
            rows.retain(|r| r.record_id != plan_id);
            rows.push(simple_row(&key, &s.vault_id, plan_id, RecordKind::Backups, &plan)?);
            let mut new_slots = vec![pass_slot, vault::recovery_slot(&s.vault_id, &mk, &rk)];
            let quick = s.protection.quick_unlock && device.is_some();
            if let (true, Some(d)) = (quick, device.as_ref()) {
                new_slots.push(vault::quick_slot(&s.vault_id, &mk, d));
            }
            // A new index of the records as they now are, counting from the records just sealed.
            let (index, index_rows) =
                new_index(&key, &s.vault_id, rows.iter().map(|r| (r.record_id, tag_of(&r.blob))), rows.len() as u64);
            s.store.write(|w| {
                w.delete_all_slots()?;
                new_slots.iter().try_for_each(|slot| w.insert_slot(slot))?;
                old_index.iter().try_for_each(|id| w.delete_record(id).map(drop))?;
                rows.iter().try_for_each(|r| w.put_record(r))?;
                index_rows.iter().try_for_each(|r| w.put_record(r))?;
                w.set_vault_format(vault::VAULT_FORMAT)
            })?;
            let stored = s.store.slots()?;
            if !new_slots.iter().all(|n| stored.contains(n)) {
                return Err(StoreError::Io("the new key slots were not found after saving".into()).into());
            }
            s.key = key;
            s.backups = Single { id: Some(plan_id), value: plan };
            s.index = index;
            s.index_broken = false;
            s.not_as_saved = NotAsSaved::default();
            // The old ciphertext and slots must not wait in the log for the next lock.
            s.store.checkpoint()?;
            s.protection = Protection { device_bound: device.is_some(), quick_unlock: quick, keyring_problem: problem };
            Ok(Rekeyed { recovery_key: rk_text, protection: s.protection.clone() })
        })
    }
}

/// Every record opened with the session's key and sealed with `key`, bound to the same id,
/// kind and schema, and the ids of the old index's records (made again, not sealed again).
/// Errors, naming how many, when any record does not open.
fn reseal_all(s: &Session, key: &SecretKey) -> Result<(Vec<RecordRow>, Vec<[u8; 16]>)> {
    let mut rows = Vec::new();
    let mut old_index = Vec::new();
    let mut unopened = Vec::new();
    s.store.for_each_record(|row| match open_row(&s.key, &s.vault_id, &row) {
        _ if is_index(row.kind) => old_index.push(row.record_id),
        Ok((kind, plain)) => {
            let ctx =
                RecordContext { vault_id: s.vault_id, record_id: row.record_id, kind, schema_ver: row.schema_ver };
            let blob = envelope::seal(key, RECORD_KEY_ID, &ctx, &plain);
            rows.push(RecordRow { blob, ..row });
        }
        Err(_) => unopened.push(id_string(&row.record_id)),
    })?;
    if !unopened.is_empty() {
        return Err(VaultError::RekeyWouldLoseRecords(unopened.len()).into());
    }
    Ok((rows, old_index))
}

#[cfg(test)]
mod tests;
