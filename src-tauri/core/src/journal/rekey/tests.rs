//! Re-keying: old ways in open nothing written after, every record survives, a crash-free
//! refusal changes nothing, and a worn-out or changed key count has a way on.

use std::path::Path;

use super::super::session::{open_row, MAX_ENCRYPTIONS};
use super::super::tests::{dir_hash, entry, journal, pass, raw_conn, t};
use super::super::{Journal, Options};
use crate::envelope::RecordKind;
use crate::kdf::KdfLimits;
use crate::keystore::DeviceKeyStore;
use crate::keystore::NoKeyring;
use crate::model::{Quadrant, Settings};
use crate::secret::SecretKey;
use crate::store::{RecordRow, SlotRow, SlotType};
use crate::vault;

fn vault_id(dir: &Path) -> [u8; 16] {
    raw_conn(dir).query_row("SELECT id FROM vault", [], |r| r.get::<_, Vec<u8>>(0)).unwrap().try_into().unwrap()
}

fn slot_rows(dir: &Path) -> Vec<SlotRow> {
    let c = raw_conn(dir);
    let mut s = c.prepare("SELECT slot_id, type, kdf, wrapped FROM keyslots").unwrap();
    let rows = s
        .query_map([], |r| {
            Ok(SlotRow {
                slot_id: r.get::<_, Vec<u8>>(0)?.try_into().unwrap(),
                slot_type: SlotType::try_from(r.get::<_, u8>(1)?).unwrap(),
                kdf: r.get(2)?,
                wrapped: r.get(3)?,
            })
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn record_rows(dir: &Path) -> Vec<RecordRow> {
    let c = raw_conn(dir);
    let mut s = c.prepare("SELECT record_id, kind, schema_ver, blob FROM records").unwrap();
    let rows = s
        .query_map([], |r| {
            Ok(RecordRow {
                record_id: r.get::<_, Vec<u8>>(0)?.try_into().unwrap(),
                kind: r.get(1)?,
                schema_ver: r.get(2)?,
                blob: r.get(3)?,
            })
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn row_of(dir: &Path, id: &str) -> RecordRow {
    let id = *uuid::Uuid::parse_str(id).unwrap().as_bytes();
    record_rows(dir).into_iter().find(|r| r.record_id == id).unwrap()
}

/// The master key that a copy of an old passphrase slot gives to someone who knew `phrase`.
fn old_slot_key(dir: &Path, slots: &[SlotRow], phrase: &str) -> SecretKey {
    let vid = vault_id(dir);
    let slot = slots.iter().find(|s| s.slot_type == SlotType::Passphrase).unwrap();
    vault::open_passphrase_slot(&KdfLimits::TEST, &vid, slot, &pass(phrase), None).unwrap()
}

fn opens(dir: &Path, mk: &SecretKey, row: &RecordRow) -> bool {
    let vid = vault_id(dir);
    open_row(&vault::record_key(mk, &vid), &vid, row).is_ok()
}

fn plain_journal(dir: &Path) -> Journal {
    Journal::with_options(dir, Box::new(NoKeyring), Options::for_tests())
}

#[test]
fn a_plain_change_keeps_the_old_key_but_a_new_key_locks_out_every_old_way_in() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    let old_rk = j.create(pass("old")).unwrap().recovery_key.dangerously_expose().to_owned();
    let first = j.add(entry("before any change"), t(1, 1)).unwrap();
    let copied = slot_rows(dir.path());

    // What a plain change does not do: someone with a copy of the old slot and the old
    // passphrase still opens what is written after it.
    j.change_passphrase(&pass("old"), &pass("middle")).unwrap();
    let second = j.add(entry("after the plain change"), t(1, 2)).unwrap();
    let old_mk = old_slot_key(dir.path(), &copied, "old");
    assert!(opens(dir.path(), &old_mk, &row_of(dir.path(), &second.id)));

    let r = j.rekey(&pass("middle"), &pass("new")).unwrap();
    let new_rk = r.recovery_key.dangerously_expose().to_owned();
    assert_ne!(new_rk, old_rk);
    let third = j.add(entry("after the new key"), t(1, 3)).unwrap();
    for e in [&first, &second, &third] {
        assert!(!opens(dir.path(), &old_mk, &row_of(dir.path(), &e.id)), "the old key still opens {}", e.text);
    }
    // Three entries and the backup plan.
    assert_eq!(j.check().unwrap().ok, 4);
    assert!(j.check().unwrap().healthy());
    j.lock();
    assert_eq!(j.unlock(&pass("old")).unwrap_err().code(), "wrong_passphrase");
    assert_eq!(j.unlock(&pass("middle")).unwrap_err().code(), "wrong_passphrase");
    assert_eq!(j.recover(&old_rk, &pass("x")).unwrap_err().code(), "wrong_recovery_key");
    let report = j.unlock(&pass("new")).unwrap();
    assert_eq!((report.entries, report.damaged.len()), (3, 0));
    assert_eq!(j.get(&first.id).unwrap().text, "before any change");
    j.lock();
    assert_eq!(j.recover(&new_rk, &pass("again")).unwrap().entries, 3);
}

#[test]
fn a_new_key_can_keep_the_same_passphrase_and_keeps_every_kind_of_record() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    j.create(pass("same")).unwrap();
    let word = j.add_own_emotion("moonlit", Quadrant::Calm).unwrap();
    let mut input = entry("my own word");
    input.emotions = vec![word.id.clone()];
    let e = j.add(input, t(2, 1)).unwrap();
    let settings = Settings { idle_minutes: 7, ..Settings::default() };
    j.save_settings(settings.clone()).unwrap();
    let before = record_rows(dir.path()).len();
    j.rekey(&pass("same"), &pass("same")).unwrap();
    assert_eq!(record_rows(dir.path()).len(), before);
    j.lock();
    j.unlock(&pass("same")).unwrap();
    let back = j.get(&e.id).unwrap();
    assert_eq!(back, e, "the entry, with its own word, reads back the same");
    assert_eq!(j.vocabulary().unwrap().emotions, vec![word]);
    assert_eq!(j.settings().unwrap(), settings);
    let sealed = record_rows(dir.path()).len() as u64;
    assert_eq!(j.encryptions(), sealed, "the new key has sealed only the records it holds, and its index");
    let clear: i64 = raw_conn(dir.path()).query_row("SELECT COUNT(*) FROM key_use", [], |r| r.get(0)).unwrap();
    assert_eq!(clear, 0, "no count of saves in the clear");
}

#[test]
fn no_old_ciphertext_or_slot_stays_in_the_folder_after_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    j.create(pass("p")).unwrap();
    for i in 0..20 {
        j.add(entry(&format!("entry {i} {}", "words ".repeat(i * 40))), t(1 + i as u32, 1)).unwrap();
    }
    let old: Vec<Vec<u8>> = record_rows(dir.path())
        .into_iter()
        .map(|r| r.blob)
        .chain(slot_rows(dir.path()).into_iter().map(|s| s.wrapped))
        .collect();
    j.rekey(&pass("p"), &pass("q")).unwrap();
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    for blob in &old {
        // The tail of each old blob: its last 32 bytes of ciphertext and tag.
        let tail = &blob[blob.len() - 32..];
        for f in &files {
            assert!(!f.windows(32).any(|w| w == tail), "old ciphertext is still in the folder");
        }
    }
}

#[test]
fn a_damaged_record_stops_a_new_key_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    j.create(pass("p")).unwrap();
    let victim = j.add(entry("to be damaged"), t(1, 1)).unwrap();
    j.add(entry("fine"), t(1, 2)).unwrap();
    j.lock();
    {
        let c = raw_conn(dir.path());
        let mut row = row_of(dir.path(), &victim.id);
        row.blob[40] ^= 0x10;
        c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![row.blob, &row.record_id[..]])
            .unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    }
    assert_eq!(j.unlock(&pass("p")).unwrap().damaged, vec![victim.id.clone()]);
    let before = dir_hash(dir.path());
    let e = j.rekey(&pass("p"), &pass("q")).unwrap_err();
    assert_eq!(e.code(), "rekey_would_lose_records");
    assert!(e.to_string().starts_with("1 record(s)"), "{e}");
    assert_eq!(dir_hash(dir.path()), before, "a refused re-key wrote to the folder");
    j.lock();
    j.unlock(&pass("p")).unwrap();
}

#[test]
fn a_wrong_current_passphrase_or_an_empty_new_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    j.create(pass("p")).unwrap();
    j.add(entry("x"), t(1, 1)).unwrap();
    j.check().unwrap();
    let before = dir_hash(dir.path());
    assert_eq!(j.rekey(&pass("nope"), &pass("q")).unwrap_err().code(), "wrong_passphrase");
    assert_eq!(j.rekey(&pass("p"), &pass("")).unwrap_err().code(), "invalid_input");
    assert_eq!(dir_hash(dir.path()), before);
}

#[test]
fn quick_unlock_and_the_keyring_binding_come_through_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    j.create(pass("p")).unwrap();
    j.set_quick_unlock(&pass("p"), true).unwrap();
    let vid = vault_id(dir.path());
    let secret = *fake.get(&vid).unwrap().unwrap().dangerously_expose();
    let r = j.rekey(&pass("p"), &pass("q")).unwrap();
    assert!(r.protection.quick_unlock && r.protection.device_bound, "{:?}", r.protection);
    assert_eq!(*fake.get(&vid).unwrap().unwrap().dangerously_expose(), secret, "the keyring's secret is kept");
    let kinds: Vec<SlotType> = slot_rows(dir.path()).iter().map(|s| s.slot_type).collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    j.lock();
    j.unlock_quick().unwrap();
    j.lock();
    j.unlock(&pass("q")).unwrap();
}

#[test]
fn a_worn_out_key_or_an_unreadable_count_has_its_own_words_and_a_new_key_saves_again() {
    for code in ["key_worn_out", "key_count_changed"] {
        let dir = tempfile::tempdir().unwrap();
        let j = plain_journal(dir.path());
        j.create(pass("p")).unwrap();
        j.add(entry("before"), t(1, 1)).unwrap();
        if code == "key_worn_out" {
            j.set_encryptions(MAX_ENCRYPTIONS);
        } else {
            // The sealed count is in the index's top record: damage it.
            j.lock();
            let c = raw_conn(dir.path());
            let top = record_rows(dir.path()).into_iter().find(|r| r.kind == RecordKind::Index as u8).unwrap();
            let mut blob = top.blob.clone();
            blob[30] ^= 1;
            c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![blob, &top.record_id[..]])
                .unwrap();
            let r = j.unlock(&pass("p")).unwrap();
            assert!(r.not_as_saved.index_changed, "{:?}", r.not_as_saved);
        }
        let e = j.add(entry("refused"), t(1, 2)).unwrap_err();
        assert_eq!(e.code(), code);
        assert!(!e.to_string().contains("disk"), "{e}");
        assert!(e.to_string().contains("tend rekey"), "{e}");
        j.rekey(&pass("p"), &pass("p")).unwrap();
        j.add(entry("after the new key"), t(1, 3)).unwrap();
        j.lock();
        let r = j.unlock(&pass("p")).unwrap();
        assert_eq!(r.entries, 2);
        assert!(r.not_as_saved.is_empty(), "{:?}", r.not_as_saved);
        assert!(j.check().unwrap().healthy());
    }
}

/// A journal from before the sealed index: format 1, no index records, a clear count.
fn as_before_the_index(dir: &Path, count: i64) {
    let c = raw_conn(dir);
    c.execute_batch("DELETE FROM records WHERE kind IN (5, 6); UPDATE vault SET format = 1;").unwrap();
    c.execute("INSERT OR REPLACE INTO key_use (key_id, encryptions) VALUES (1, ?1)", [count]).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

#[test]
fn a_journal_from_before_the_index_gets_one_and_its_count_leaves_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    let j = plain_journal(dir.path());
    j.create(pass("p")).unwrap();
    let e = j.add(entry("older journal"), t(1, 1)).unwrap();
    j.lock();
    as_before_the_index(dir.path(), 40);
    let r = j.unlock(&pass("p")).unwrap();
    assert!(r.not_as_saved.is_empty(), "{:?}", r.not_as_saved);
    assert!(j.encryptions() > 40, "the count carries on from the clear one");
    let c = raw_conn(dir.path());
    assert_eq!(c.query_row("SELECT COUNT(*) FROM key_use", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
    assert_eq!(
        c.query_row("SELECT format FROM vault", [], |r| r.get::<_, u32>(0)).unwrap(),
        crate::vault::VAULT_FORMAT
    );
    j.add(entry("and on"), t(1, 2)).unwrap();
    j.lock();
    assert!(j.unlock(&pass("p")).unwrap().not_as_saved.is_empty());
    assert_eq!(j.get(&e.id).unwrap().text, "older journal");

    // A changed clear count in such a journal: its own words, and the new key as the way on.
    j.lock();
    as_before_the_index(dir.path(), -5);
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.add(entry("refused"), t(1, 3)).unwrap_err().code(), "key_count_changed");
    j.rekey(&pass("p"), &pass("p")).unwrap();
    j.add(entry("saved again"), t(1, 4)).unwrap();
}
