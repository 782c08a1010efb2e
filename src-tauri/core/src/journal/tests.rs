//! Journal behaviour end to end inside the core: keys, saves, tamper, leaks and the promise that
//! nothing acknowledged is ever lost. Uses the explicit fake keyring and tiny KDF limits.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use sha2::Digest;

use super::*;
use crate::care::{self, SupportNumbers};
use crate::kdf::KdfLimits;
use crate::keystore::fake::FakeKeyring;
use crate::keystore::{DeviceKeyStore, KeyringUnavailable, NoKeyring};
use crate::model::{EntryInput, Quadrant, Settings};
use crate::search::Query;
use crate::secret::{Passphrase, SecretKey};

/// Lets a test keep a handle on the fake while the journal owns it.
pub(super) struct Shared(Arc<FakeKeyring>);
impl DeviceKeyStore for Shared {
    fn get(&self, v: &[u8; 16]) -> std::result::Result<Option<SecretKey>, KeyringUnavailable> {
        self.0.get(v)
    }
    fn set(&self, v: &[u8; 16], s: &SecretKey) -> std::result::Result<(), KeyringUnavailable> {
        self.0.set(v, s)
    }
    fn delete(&self, v: &[u8; 16]) -> std::result::Result<(), KeyringUnavailable> {
        self.0.delete(v)
    }
}

fn opts() -> Options {
    Options::for_tests()
}

pub(super) fn journal(dir: &Path) -> (Journal, Arc<FakeKeyring>) {
    let fake = Arc::new(FakeKeyring::default());
    (Journal::with_options(dir, Box::new(Shared(fake.clone())), opts()), fake)
}

pub(super) fn t(day: u32, hour: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

pub(super) fn pass(s: &str) -> Passphrase {
    Passphrase::from(s)
}

pub(super) fn entry(text: &str) -> EntryInput {
    let mut i = EntryInput::with_mood(-0.4, -0.6);
    i.text = text.into();
    i
}

/// SHA-256 of every file in the directory, by name.
pub(super) fn dir_hash(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                sha2::Sha256::digest(std::fs::read(&p).unwrap()).to_vec(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn create_add_lock_unlock_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    assert!(!j.status().unwrap().exists);
    let created = j.create(pass("first light")).unwrap();
    assert_eq!(created.recovery_key.dangerously_expose().len(), 69);
    assert!(created.protection.device_bound);
    let a = j.add(entry("felt tender"), t(1, 10)).unwrap();
    let b = j.add(entry("quiet evening"), t(2, 22)).unwrap();
    let c = j.add(entry("a little raw"), t(1, 23)).unwrap();
    let page = j.list(0, 10).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(
        page.items.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
        vec![b.id.clone(), c.id.clone(), a.id.clone()]
    );
    j.lock();
    assert!(matches!(j.list(0, 10), Err(Error::Locked)));
    assert!(matches!(j.add(entry("x"), t(3, 1)), Err(Error::Locked)));
    assert!(j.status().unwrap().exists && !j.status().unwrap().unlocked);
    let report = j.unlock(&pass("first light")).unwrap();
    assert_eq!(report.entries, 3);
    assert!(report.damaged.is_empty());
    assert_eq!(j.get(&a.id).unwrap(), a);
    assert_eq!(j.list(1, 1).unwrap().items[0].id, c.id);
}

#[test]
fn wrong_passphrase_changes_no_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("right")).unwrap();
    j.add(entry("x"), t(1, 1)).unwrap();
    j.lock();
    let before = dir_hash(dir.path());
    for wrong in ["wrong", "Right", "right ", ""] {
        let e = j.unlock(&pass(wrong)).unwrap_err();
        assert_eq!(e.code(), "wrong_passphrase", "{wrong:?}");
    }
    assert_eq!(dir_hash(dir.path()), before);
    j.unlock(&pass("right")).unwrap();
}

#[test]
fn update_delete_and_validation() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let a = j.add(entry("before"), t(1, 1)).unwrap();
    let mut edit = a.to_input();
    edit.text = "after".into();
    edit.emotions = vec!["tearful".into()];
    let b = j.update(&a.id, edit, t(1, 2)).unwrap();
    assert_eq!((b.text.as_str(), b.created, b.updated), ("after", t(1, 1), t(1, 2)));
    let mut follow = entry("next day");
    follow.follows = Some(a.id.clone());
    j.add(follow, t(2, 9)).unwrap();
    let mut bad = entry("x");
    bad.follows = Some("00000000-0000-4000-8000-000000000000".into());
    assert_eq!(j.add(bad, t(2, 9)).unwrap_err().code(), "invalid_input");
    j.delete(&a.id).unwrap();
    assert!(matches!(j.get(&a.id), Err(Error::NotFound)));
    assert!(matches!(j.delete(&a.id), Err(Error::NotFound)));
    j.lock();
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.list(0, 10).unwrap().total, 1);
}

/// An entry with no mood recorded, as an import brings: saved, read after unlock, edited and
/// found like any other, and left out of moods wherever one is needed.
#[test]
fn an_entry_without_a_mood_is_kept_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    // As the window would send it: an explicit null.
    let input: EntryInput =
        crate::model::from_json(serde_json::json!({"mood": null, "text": "From my old diary", "emotions": ["tender"]}))
            .unwrap();
    let none = j.add(input, t(2, 21)).unwrap();
    assert_eq!((none.mood, none.quadrant), (None, None));
    j.add(entry("a heavy evening"), t(3, 22)).unwrap();
    j.lock();
    j.unlock(&pass("p")).unwrap();
    let back = j.get(&none.id).unwrap();
    assert_eq!(back, none, "it reads back as saved, still without a mood");

    // An edit that gives no mood keeps none.
    let mut edit = back.to_input();
    edit.text = "From my old diary, with a note".into();
    let edited = j.update(&none.id, edit, t(4, 9)).unwrap();
    assert_eq!((edited.mood, edited.quadrant, edited.updated), (None, None, t(4, 9)));

    // Found by its words; never by a mood.
    assert_eq!(j.search(&Query::text("old DIARY").page(0, 10)).unwrap().items[0].id, none.id);
    for (moods, found) in [(vec![Quadrant::Mixed], 0), (Quadrant::ALL.to_vec(), 1)] {
        let page = j.search(&Query { moods, ..Query::default() }).unwrap();
        assert!(page.items.iter().all(|e| e.id != none.id));
        assert_eq!(page.total, found, "only the heavy evening");
    }
    assert_eq!(j.list(0, 10).unwrap().total, 2, "it shows in the journal");

    // Trends count it apart.
    let q = crate::insights::Query { from: None, to: None, today: t(31, 12).date_naive() };
    let i = j.insights(&q).unwrap();
    assert_eq!((i.total.count, i.no_mood, i.calendar.len()), (1, 1, 2));
    assert_eq!(i.emotions[0].id, "tender");

    // Care answers it without a mood to go by.
    let offer = j.care(&none.id, t(4, 10)).unwrap();
    assert!(offer.prompt.is_some());

    // An edit that gives a mood gives it one; that is the only way one appears.
    let mut with = edited.to_input();
    with.mood = Some(crate::model::Mood { pleasantness: 0.5, energy: -0.5 });
    let moved = j.update(&none.id, with, t(4, 11)).unwrap();
    assert_eq!(moved.quadrant, Some(Quadrant::Calm));
    assert_eq!(j.insights(&q).unwrap().no_mood, 0);
}

#[test]
fn search_is_case_and_accent_insensitive_across_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let mut i = entry("Un café après, très câlin");
    i.emotions = vec!["tearful".into()];
    i.context = vec!["kink-bottom".into()];
    let a = j.add(i, t(1, 1)).unwrap();
    j.add(entry("nothing here"), t(1, 2)).unwrap();
    let own = j.add_own_label("Sunday Glow").unwrap();
    let mut k = entry("later");
    k.labels = vec![own.id.clone(), "drop".into()];
    let b = j.add(k, t(1, 3)).unwrap();
    assert_eq!(j.search(&Query::text("CAFE calin").page(0, 10)).unwrap().items[0].id, a.id);
    assert_eq!(j.search(&Query::text("Tearful").page(0, 10)).unwrap().total, 1);
    assert_eq!(j.search(&Query::text("bottom").page(0, 10)).unwrap().total, 1);
    assert_eq!(j.search(&Query::text("sunday glow").page(0, 10)).unwrap().items[0].id, b.id);
    assert_eq!(j.search(&Query::text("zzz").page(0, 10)).unwrap().total, 0);
    assert_eq!(j.search(&Query::text("").page(0, 10)).unwrap().total, 3);
    // Edits show up in search at once.
    let mut edit = a.to_input();
    edit.text = "tea instead".into();
    j.update(&a.id, edit, t(1, 4)).unwrap();
    assert_eq!(j.search(&Query::text("cafe").page(0, 10)).unwrap().total, 0);
}

#[test]
fn filters_run_over_the_whole_journal_not_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    // 30 newer calm entries, then 5 older heavy "drop" entries: the filter's matches all lie
    // beyond the first page of 10.
    let mut inputs = Vec::new();
    for d in 0..5 {
        let mut i = entry(&format!("older {d}"));
        i.at = Some(t(1 + d, 9));
        i.labels = vec!["drop".into()];
        i.emotions = vec![if d % 2 == 0 { "tearful" } else { "numb" }.into()];
        inputs.push(i);
    }
    for d in 0..30 {
        let mut i = EntryInput::with_mood(0.6, -0.5);
        i.text = format!("newer {d}");
        i.at = Some(t(10 + d % 18, 8 + d / 18));
        i.emotions = vec!["content".into()];
        inputs.push(i);
    }
    j.add_many(inputs, t(28, 23)).unwrap();
    assert_eq!(j.list(0, 10).unwrap().items.iter().filter(|e| e.labels.contains(&"drop".into())).count(), 0);

    let drop = Query { labels: vec!["drop".into()], ..Query::default() }.page(0, 10);
    let page = j.search(&drop).unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(
        page.items.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["older 4", "older 3", "older 2", "older 1", "older 0"]
    );
    assert_eq!(page.feelings, ["numb", "tearful"]);

    let heavy = Query { moods: vec![Quadrant::Heavy], ..Query::default() };
    assert_eq!(j.search(&heavy).unwrap().total, 5);
    let either = Query { moods: vec![Quadrant::Heavy, Quadrant::Calm], ..Query::default() };
    assert_eq!(j.search(&either).unwrap().total, 35);

    // The feeling narrows the entries, but its choices stay those of the other filters.
    let tearful = Query { feeling: Some("tearful".into()), ..drop.clone() };
    let page = j.search(&tearful).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.feelings, ["numb", "tearful"]);

    // Days are the entry's own calendar days, both ends included.
    let days = Query { from: t(2, 0).date_naive().into(), to: t(4, 0).date_naive().into(), ..drop.clone() };
    assert_eq!(
        j.search(&days).unwrap().items.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["older 3", "older 2", "older 1"]
    );

    // Paging counts the matches, not the journal.
    let second = j.search(&drop.clone().page(3, 10)).unwrap();
    assert_eq!((second.total, second.items.len()), (5, 2));

    // Words and filters together.
    let words = Query { text: "OLDER 2".into(), ..drop };
    assert_eq!(j.search(&words).unwrap().total, 1);
    let none = Query { text: "newer".into(), labels: vec!["drop".into()], ..Query::default() };
    let page = j.search(&none).unwrap();
    assert_eq!((page.total, page.feelings.len()), (0, 0));
}

#[test]
fn keyring_bound_journal_needs_the_keyring_or_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    let created = j.create(pass("p")).unwrap();
    let rk = created.recovery_key.dangerously_expose().to_owned();
    j.add(entry("kept"), t(1, 1)).unwrap();
    j.lock();
    assert!(j.status().unwrap().device_bound);
    fake.set_off(true);
    assert_eq!(j.unlock(&pass("p")).unwrap_err().code(), "keyring_unavailable");
    fake.set_off(false);
    fake.clear();
    assert_eq!(j.unlock(&pass("p")).unwrap_err().code(), "keyring_unavailable");
    // New computer: the recovery key opens it and sets a new passphrase.
    fake.set_off(true);
    let r = j.recover(&rk, &pass("new")).unwrap();
    assert_eq!(r.entries, 1);
    assert!(!r.protection.device_bound && r.protection.keyring_problem.is_some());
    j.lock();
    assert_eq!(j.unlock(&pass("p")).unwrap_err().code(), "wrong_passphrase");
    j.unlock(&pass("new")).unwrap();
}

/// The id of the journal in `dir`, as its keyring entry is named.
fn vault_id_in(dir: &Path) -> [u8; 16] {
    raw_conn(dir).query_row("SELECT id FROM vault", [], |r| r.get::<_, Vec<u8>>(0)).unwrap().try_into().unwrap()
}

fn argon2_calls() -> usize {
    crate::crypto::ARGON2_CALLS.with(|c| c.get())
}

#[test]
fn a_keyring_holding_another_secret_is_named_and_the_recovery_key_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    let rk = j.create(pass("right")).unwrap().recovery_key.dangerously_expose().to_owned();
    j.add(entry("kept"), t(1, 1)).unwrap();
    j.lock();
    let vault_id = vault_id_in(dir.path());
    // With the keyring as it was, a wrong passphrase is still just that.
    assert_eq!(j.unlock(&pass("wrong")).unwrap_err().code(), "wrong_passphrase");

    // The keyring is reset or restored, or something else writes Tend's item.
    let other = SecretKey::random();
    fake.set(&vault_id, &other).unwrap();
    let before = dir_hash(dir.path());
    let argon = argon2_calls();
    let e = j.unlock(&pass("right")).unwrap_err();
    assert_eq!(e.code(), "keyring_changed");
    assert!(!e.is_damage());
    assert!(e.to_string().contains("different key") && e.to_string().contains("recovery key"), "{e}");
    assert_eq!(argon2_calls(), argon, "the passphrase was hashed for a slot bound to another secret");
    // What's known to be wrong is the keyring, whatever was typed.
    assert_eq!(j.unlock(&pass("wrong")).unwrap_err().code(), "keyring_changed");
    assert_eq!(j.unlock_quick().unwrap_err().code(), "quick_unlock_unavailable", "quick unlock was never on");
    assert_eq!(dir_hash(dir.path()), before);

    // The recovery key opens it and binds the new passphrase to the secret the keyring holds now.
    let r = j.recover(&rk, &pass("again")).unwrap();
    assert_eq!(r.entries, 1);
    assert!(r.protection.device_bound && r.protection.keyring_problem.is_none(), "{:?}", r.protection);
    assert_eq!(fake.get(&vault_id).unwrap().unwrap().dangerously_expose(), other.dangerously_expose());
    j.lock();
    assert_eq!(j.unlock(&pass("again")).unwrap().entries, 1);
    j.lock();
    assert_eq!(j.unlock(&pass("right")).unwrap_err().code(), "wrong_passphrase");
    // A keyring with nothing in it still says the keyring isn't there.
    fake.clear();
    assert_eq!(j.unlock(&pass("again")).unwrap_err().code(), "keyring_unavailable");
}

#[test]
fn without_a_keyring_the_journal_is_passphrase_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), opts());
    let c = j.create(pass("p")).unwrap();
    assert!(!c.protection.device_bound);
    assert!(c.protection.keyring_problem.unwrap().contains("keyring"));
    j.add(entry("x"), t(1, 1)).unwrap();
    j.lock();
    assert!(!j.status().unwrap().device_bound);
    assert_eq!(j.unlock(&pass("p")).unwrap().entries, 1);
    assert_eq!(j.set_quick_unlock(&pass("p"), true).unwrap_err().code(), "quick_unlock_unavailable");
}

#[test]
fn passphrase_change_and_new_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    let c = j.create(pass("old")).unwrap();
    let old_rk = c.recovery_key.dangerously_expose().to_owned();
    let e = j.add(entry("kept"), t(1, 1)).unwrap();
    assert_eq!(j.change_passphrase(&pass("nope"), &pass("new")).unwrap_err().code(), "wrong_passphrase");
    j.change_passphrase(&pass("old"), &pass("new")).unwrap();
    let new_rk = j.new_recovery_key(&pass("new")).unwrap().dangerously_expose().to_owned();
    j.lock();
    assert_eq!(j.unlock(&pass("old")).unwrap_err().code(), "wrong_passphrase");
    assert_eq!(j.unlock(&pass("new")).unwrap().entries, 1);
    assert_eq!(j.get(&e.id).unwrap().text, "kept");
    j.lock();
    assert_eq!(j.recover(&old_rk, &pass("x")).unwrap_err().code(), "wrong_recovery_key");
    let mut typo: Vec<char> = new_rk.chars().collect();
    typo[3] = if typo[3] == 'A' { 'B' } else { 'A' };
    assert_eq!(j.recover(&typo.into_iter().collect::<String>(), &pass("x")).unwrap_err().code(), "recovery_key_typo");
    assert_eq!(j.recover(&new_rk.to_lowercase(), &pass("third")).unwrap().entries, 1);
    j.lock();
    j.unlock(&pass("third")).unwrap();
}

#[test]
fn quick_unlock_on_and_off() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    j.lock();
    assert_eq!(j.unlock_quick().unwrap_err().code(), "quick_unlock_unavailable");
    j.unlock(&pass("p")).unwrap();
    j.set_quick_unlock(&pass("p"), true).unwrap();
    j.lock();
    assert!(j.status().unwrap().quick_unlock);
    j.unlock_quick().unwrap();
    j.set_quick_unlock(&pass("p"), false).unwrap();
    j.lock();
    assert!(!j.status().unwrap().quick_unlock);
    assert_eq!(j.unlock_quick().unwrap_err().code(), "quick_unlock_unavailable");
}

#[test]
fn quick_unlock_with_another_secret_in_the_keyring_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    let rk = j.create(pass("p")).unwrap().recovery_key.dangerously_expose().to_owned();
    j.set_quick_unlock(&pass("p"), true).unwrap();
    j.lock();
    fake.replace_all();
    let e = j.unlock_quick().unwrap_err();
    assert_eq!(e.code(), "keyring_changed", "{e}");
    assert_eq!(j.unlock(&pass("p")).unwrap_err().code(), "keyring_changed");
    // The recovery key opens it; quick unlock stays on, with the secret the keyring holds now.
    let r = j.recover(&rk, &pass("new")).unwrap();
    assert!(r.protection.quick_unlock && r.protection.device_bound, "{:?}", r.protection);
    j.lock();
    j.unlock_quick().unwrap();

    // A passphrase changed while the keyring didn't answer isn't bound to it: then quick unlock
    // with another secret says to use the passphrase, which still opens.
    fake.script_reads(&[false, true]);
    let p = j.change_passphrase(&pass("new"), &pass("unbound")).unwrap();
    assert!(!p.device_bound && p.quick_unlock, "{p:?}");
    j.lock();
    fake.replace_all();
    assert_eq!(j.unlock_quick().unwrap_err().code(), "quick_unlock_unavailable");
    j.unlock(&pass("unbound")).unwrap();
}

#[test]
fn an_older_quick_slot_with_another_secret_in_the_keyring_says_so_too() {
    use crate::crypto::{aead_seal, hkdf_key};
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    let rk = j.create(pass("p")).unwrap().recovery_key.dangerously_expose().to_owned();
    j.set_quick_unlock(&pass("p"), true).unwrap();
    j.lock();
    // The quick slot written as before device checks: version 1 parameters, no check.
    let vid = vault_id_in(dir.path());
    let device = fake.get(&vid).unwrap().unwrap();
    let mk = {
        let c = raw_conn(dir.path());
        let (id, kdf, wrapped): (Vec<u8>, Vec<u8>, Vec<u8>) = c
            .query_row("SELECT slot_id, kdf, wrapped FROM keyslots WHERE type = 2", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        let row =
            crate::store::SlotRow { slot_id: id.try_into().unwrap(), slot_type: SlotType::Recovery, kdf, wrapped };
        crate::vault::open_recovery_slot(&vid, &row, &crate::recovery::parse_key(&rk).unwrap()).unwrap()
    };
    let params = [&[1u8, 0][..], &[0; 12], &[0; 16], &[1]].concat();
    let slot_id = [0x51u8; 16];
    let aad = [&b"TDKS"[..], &[1], &vid, &slot_id, &[SlotType::Quick as u8], &params].concat();
    let kek = hkdf_key(device.dangerously_expose(), &vid, b"tend/v1/slot/quick");
    let nonce = [0x17u8; 12];
    let wrapped = [&nonce[..], &aead_seal(kek.dangerously_expose(), &nonce, &aad, mk.dangerously_expose())].concat();
    raw_conn(dir.path())
        .execute(
            "UPDATE keyslots SET slot_id = ?1, kdf = ?2, wrapped = ?3 WHERE type = 3",
            rusqlite::params![&slot_id[..], params, wrapped],
        )
        .unwrap();
    j.unlock_quick().unwrap();
    j.lock();
    // The quick slot can't tell another secret, but the passphrase slot's check can.
    fake.replace_all();
    assert_eq!(j.unlock_quick().unwrap_err().code(), "keyring_changed");
}

#[test]
fn the_last_passphrase_slot_can_never_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let slots = j.slots().unwrap();
    let (pid, _) = slots.iter().find(|s| s.1 == SlotType::Passphrase).unwrap();
    assert_eq!(j.remove_slot(pid).unwrap_err().code(), "last_passphrase_slot");
    let (rid, _) = slots.iter().find(|s| s.1 == SlotType::Recovery).unwrap();
    j.remove_slot(rid).unwrap();
    j.lock();
    j.unlock(&pass("p")).unwrap();
}

pub(super) fn raw_conn(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap()
}

/// The check of every page runs beside the key derivation: a file whose pages are damaged,
/// past what opening it reads, is still refused as damaged, with the right passphrase or a
/// wrong one, and nothing is written to it.
#[test]
fn a_damaged_page_is_refused_whatever_the_passphrase_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    for i in 0..300u32 {
        j.add(entry(&format!("entry {i} {}", "words ".repeat(i as usize % 50))), t(1 + i % 28, 1)).unwrap();
    }
    j.lock();
    let path = dir.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let pages = bytes.len() / page;
    assert!(pages > 20, "a file of {pages} pages");
    // A page two thirds in: entries, far past the vault and key slots at the file's start.
    let at = (pages * 2 / 3) * page;
    bytes[at..at + page].iter_mut().enumerate().for_each(|(i, b)| *b = (i * 7 % 251) as u8);
    std::fs::write(&path, &bytes).unwrap();
    let before = dir_hash(dir.path());
    for (what, p) in [("right", "p"), ("wrong", "not it")] {
        let e = j.unlock(&pass(p)).unwrap_err();
        assert_eq!(e.code(), "damaged_file", "{what} passphrase: {e:?}");
        assert_eq!(dir_hash(dir.path()), before, "{what} passphrase: the file was written to");
    }
}

#[test]
fn one_damaged_entry_among_100_leaves_99_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let ids: Vec<String> =
        (0..100).map(|i| j.add(entry(&format!("entry {i}")), t(1 + i % 28, 1)).unwrap().id).collect();
    j.lock();
    let victim = *uuid::Uuid::parse_str(&ids[42]).unwrap().as_bytes();
    {
        let c = raw_conn(dir.path());
        let mut blob: Vec<u8> =
            c.query_row("SELECT blob FROM records WHERE record_id = ?1", [&victim[..]], |r| r.get(0)).unwrap();
        blob[40] ^= 0x08;
        c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![blob, &victim[..]]).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    }
    let before = dir_hash(dir.path());
    let r = j.unlock(&pass("p")).unwrap();
    assert_eq!(r.entries, 99);
    assert_eq!(r.damaged, vec![ids[42].clone()]);
    let check = j.check().unwrap();
    // 99 entries and the backup plan.
    assert_eq!((check.ok, check.damaged.clone(), check.file_ok), (100, vec![ids[42].clone()], true));
    assert!(matches!(j.get(&ids[42]), Err(Error::NotFound)));
    j.lock();
    assert_eq!(dir_hash(dir.path()), before, "opening a damaged journal wrote to it");
}

#[test]
fn a_blob_moved_to_another_row_does_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let a = j.add(entry("A"), t(1, 1)).unwrap();
    let b = j.add(entry("B"), t(1, 2)).unwrap();
    j.lock();
    {
        let c = raw_conn(dir.path());
        let ida = *uuid::Uuid::parse_str(&a.id).unwrap().as_bytes();
        let idb = *uuid::Uuid::parse_str(&b.id).unwrap().as_bytes();
        let blob_a: Vec<u8> =
            c.query_row("SELECT blob FROM records WHERE record_id = ?1", [&ida[..]], |r| r.get(0)).unwrap();
        c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![blob_a, &idb[..]]).unwrap();
    }
    let r = j.unlock(&pass("p")).unwrap();
    assert_eq!(r.damaged, vec![b.id.clone()]);
    assert_eq!(j.get(&a.id).unwrap().text, "A");
}

#[test]
fn a_file_without_key_slots_or_vault_row_is_refused_without_writes() {
    for sql in ["DELETE FROM keyslots", "DELETE FROM vault", "UPDATE vault SET format = 9"] {
        let dir = tempfile::tempdir().unwrap();
        let (j, _) = journal(dir.path());
        j.create(pass("p")).unwrap();
        j.lock();
        {
            let c = raw_conn(dir.path());
            c.execute_batch(sql).unwrap();
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        }
        let before = dir_hash(dir.path());
        let e = j.unlock(&pass("p")).unwrap_err();
        assert!(["damaged_file", "newer_version"].contains(&e.code()), "{sql}: {}", e.code());
        assert_eq!(dir_hash(dir.path()), before, "{sql}");
    }
}

fn variants(canary: &str) -> Vec<Vec<u8>> {
    let utf16le: Vec<u8> = canary.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let utf16be: Vec<u8> = canary.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let mut v = vec![canary.as_bytes().to_vec(), utf16le, utf16be];
    // base64 at each of the three alignments, trimmed of the partial edges.
    for shift in 0..3 {
        let mut bytes = vec![0u8; shift];
        bytes.extend_from_slice(canary.as_bytes());
        let enc = base64_encode(&bytes);
        let skip = (shift * 4).div_ceil(3) + 1;
        v.push(enc.as_bytes()[skip..enc.len() - 4].to_vec());
    }
    v
}

fn base64_encode(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..=c.len() {
            s.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    s
}

/// Every file under `dir`, searched for every form of every canary.
pub(crate) fn assert_no_canary(dir: &Path, canaries: &[&str]) {
    let mut stack = vec![dir.to_path_buf()];
    let mut scanned = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            scanned += 1;
            for c in canaries {
                for v in variants(c) {
                    assert!(
                        !bytes.windows(v.len()).any(|w| w == v.as_slice()),
                        "canary {c:?} found in {}",
                        p.display()
                    );
                }
            }
        }
    }
    assert!(scanned >= 1);
}

#[test]
fn canaries_never_reach_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let word = j.add_own_emotion("CanaryWordQ7", Quadrant::Heavy).unwrap();
    let label = j.add_own_label("CanaryLabelZ3").unwrap();
    let mut i = entry("CanaryTextX9 felt far away");
    i.emotions = vec![word.id.clone()];
    i.labels = vec![label.id.clone()];
    i.partner = Some("CanaryNickK2".into());
    let e = j.add(i, t(1, 1)).unwrap();
    j.save_settings(Settings { window_title: "CanaryTitleW4".into(), ..Settings::default() }).unwrap();
    // While unlocked (WAL present), after an edit, and after lock.
    assert_no_canary(dir.path(), &["CanaryTextX9", "CanaryWordQ7", "CanaryLabelZ3", "CanaryNickK2", "CanaryTitleW4"]);
    let mut edit = e.to_input();
    edit.text.push_str(" and later CanaryEditV5");
    j.update(&e.id, edit, t(1, 2)).unwrap();
    j.lock();
    assert_no_canary(
        dir.path(),
        &["CanaryTextX9", "CanaryWordQ7", "CanaryLabelZ3", "CanaryNickK2", "CanaryTitleW4", "CanaryEditV5"],
    );
    // ...and the canary self-test: the scanner does find one that is there.
    std::fs::write(dir.path().join("probe"), base64_encode(b"xxCanaryTextX9xx")).unwrap();
    let found = std::panic::catch_unwind(|| assert_no_canary(dir.path(), &["CanaryTextX9"]));
    assert!(found.is_err(), "the scanner missed a base64 canary");
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.vocabulary().unwrap().emotions[0].label, "CanaryWordQ7");
    assert_eq!(j.settings().unwrap().window_title, "CanaryTitleW4");
}

#[test]
fn schema_has_only_allowed_columns_and_blobs_take_bucket_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    for n in [0, 10, 300, 5000, 20_000] {
        j.add(entry(&"x".repeat(n)), t(1, 1)).unwrap();
    }
    j.add_own_label("mine").unwrap();
    j.save_settings(Settings::default()).unwrap();
    let store = Store::open(&j.file_path()).unwrap();
    let allowed = [
        "key_use.key_id",
        "key_use.encryptions",
        "keyslots.slot_id",
        "keyslots.type",
        "keyslots.kdf",
        "keyslots.wrapped",
        "records.record_id",
        "records.kind",
        "records.schema_ver",
        "records.blob",
        "vault.id",
        "vault.format",
    ];
    let cols = store.columns().unwrap();
    assert_eq!(cols.len(), allowed.len());
    for c in &cols {
        assert!(allowed.contains(&c.as_str()), "unexpected column {c}");
    }
    let mut n = 0;
    store
        .for_each_record(|r| {
            let body = r.blob.len() - 1 - 4 - 12 - 16;
            assert!((body <= 4096 && body % 256 == 0) || body.is_power_of_two(), "length {body}");
            n += usize::from(!session::is_index(r.kind));
        })
        .unwrap();
    // Five entries, own words and settings, and the backup plan made with the journal.
    assert_eq!(n, 7 + 1);
}

#[test]
fn deleted_ciphertext_is_gone_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let e = j.add(entry("to be deleted"), t(1, 1)).unwrap();
    let id = *uuid::Uuid::parse_str(&e.id).unwrap().as_bytes();
    let blob: Vec<u8> = raw_conn(dir.path())
        .query_row("SELECT blob FROM records WHERE record_id = ?1", [&id[..]], |r| r.get(0))
        .unwrap();
    j.delete(&e.id).unwrap();
    // Gone at once, from the write-ahead log too, not only once the journal is locked.
    let left = || {
        dir_hash(dir.path())
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| std::fs::read(dir.path().join(name)).unwrap().windows(64).any(|w| w == &blob[20..84]))
            .collect::<Vec<_>>()
    };
    assert_eq!(left(), Vec::<String>::new(), "ciphertext left while unlocked");
    j.lock();
    assert_eq!(left(), Vec::<String>::new(), "ciphertext left after lock");
}

#[test]
fn the_golden_vault_still_opens() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v1");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("fixture.json")).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture.join(FILE_NAME), dir.path().join(FILE_NAME)).unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), Options::default());
    let r = j.unlock(&pass(meta["passphrase"].as_str().unwrap())).unwrap();
    assert_eq!(r.entries as u64, meta["entries"].as_u64().unwrap());
    let all = fixture_digest(&j);
    assert_eq!(all, meta["entries_sha256"].as_str().unwrap());
    j.lock();
    j.recover(meta["recovery_key"].as_str().unwrap(), &pass("after recovery, a new odd sentence")).unwrap();
}

/// A digest of the fixture's content that later versions can reproduce even as the entry model
/// grows new optional fields.
fn fixture_digest(j: &Journal) -> String {
    let lines = j
        .with_entries(|it| {
            it.map(|e| {
                // Every entry of the golden vault was saved with a mood, and still reads with it.
                let mood = e.mood.expect("a golden entry keeps its mood");
                format!(
                    "{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
                    e.id,
                    e.at.to_rfc3339(),
                    mood.pleasantness,
                    mood.energy,
                    e.emotions.join(","),
                    e.labels.join(","),
                    e.context.join(","),
                    e.aftercare_got.join(","),
                    e.aftercare_wanted.join(","),
                    e.body.join(","),
                    e.follows.clone().unwrap_or_default(),
                    e.text
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
        })
        .unwrap();
    hex::encode(sha2::Sha256::digest(lines.as_bytes()))
}

/// Writes the golden vault. Run once per format version:
/// `cargo test -p tend-core make_golden_vault -- --ignored`.
#[test]
#[ignore]
fn make_golden_vault() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v1");
    assert!(!fixture.join(FILE_NAME).exists(), "the golden vault exists; never regenerate it");
    std::fs::create_dir_all(&fixture).unwrap();
    let j = Journal::with_options(
        &fixture,
        Box::new(NoKeyring),
        Options { limits: KdfLimits::STANDARD, kdf: KdfChoice::Fixed(KdfLimits::STANDARD.floor), ..Options::default() },
    );
    let c = j.create(pass("golden ünïcode passphrase")).unwrap();
    let own = j.add_own_emotion("glowy", Quadrant::Bright).unwrap();
    let mut a = EntryInput::with_mood(-0.5, -0.7);
    a.emotions = vec!["tearful".into(), "empty".into()];
    a.labels = vec!["post-sex-blues".into()];
    a.context = vec!["regular-partner".into()];
    a.aftercare_got = vec!["cuddling".into()];
    a.aftercare_wanted = vec!["reassurance".into()];
    a.body = vec!["sleepy".into()];
    a.choice = Some(crate::model::Choice::Yes);
    a.timing = Some(crate::model::Timing::RightAfter);
    a.text = "Felt far away afterwards, then a bit better.".into();
    let first = j.add(a, t(1, 23)).unwrap();
    let mut b = EntryInput::with_mood(0.6, 0.2);
    b.emotions = vec![own.id];
    b.follows = Some(first.id);
    b.timing = Some(crate::model::Timing::NextDay);
    b.text = "Much lighter today. Café with a friend.".into();
    j.add(b, t(2, 11)).unwrap();
    j.save_settings(Settings { idle_minutes: 7, window_title: "Notes".into(), theme: crate::model::Theme::Dark })
        .unwrap();
    let all = fixture_digest(&j);
    let meta = serde_json::json!({
        "format": 1,
        "passphrase": "golden ünïcode passphrase",
        "recovery_key": c.recovery_key.dangerously_expose(),
        "entries": 2,
        "entries_sha256": all,
    });
    j.lock();
    std::fs::write(fixture.join("fixture.json"), serde_json::to_string_pretty(&meta).unwrap()).unwrap();
}

/// Every field of every entry, in the journal's order, for a golden vault's digest: what a person
/// could see change. Fields added later stay out, so the digest holds across versions.
fn fixture_digest_v2(j: &Journal) -> String {
    const KEYS: [&str; 19] = [
        "id",
        "at",
        "created",
        "updated",
        "mood",
        "quadrant",
        "emotions",
        "labels",
        "context",
        "aftercareGot",
        "aftercareWanted",
        "body",
        "choice",
        "timing",
        "follows",
        "partner",
        "prompt",
        "text",
        "checkIn",
    ];
    let lines = j
        .with_entries(|it| {
            it.map(|e| {
                let v = serde_json::to_value(e).unwrap();
                KEYS.iter().map(|k| v.get(*k).map_or("-".to_owned(), |x| x.to_string())).collect::<Vec<_>>().join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
        })
        .unwrap();
    hex::encode(sha2::Sha256::digest(lines.as_bytes()))
}

/// The entry ids a text search finds in a golden vault, in order.
fn golden_search(j: &Journal, words: &str) -> Vec<String> {
    j.search(&Query::text(words)).unwrap().items.into_iter().map(|e| e.id).collect()
}

/// The words each golden vault's searches look for.
const GOLDEN_SEARCHES: [&str; 5] = ["cafe", "kink", "aftercare", "FAR", "glowy"];

fn golden_v2() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/vault-v2")
}

/// Opens a copy of the golden vault of format 2 (entries sealed as JSON) and checks every entry
/// and search reads as it was written.
fn open_golden_v2(dir: &Path) -> (Journal, serde_json::Value) {
    let fixture = golden_v2();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("fixture.json")).unwrap()).unwrap();
    std::fs::copy(fixture.join(FILE_NAME), dir.join(FILE_NAME)).unwrap();
    let j = Journal::with_options(dir, Box::new(NoKeyring), Options::default());
    let r = j.unlock(&pass(meta["passphrase"].as_str().unwrap())).unwrap();
    assert_eq!(r.entries as u64, meta["entries"].as_u64().unwrap());
    assert!(r.damaged.is_empty(), "{:?}", r.damaged);
    assert_eq!(fixture_digest_v2(&j), meta["entries_sha256"].as_str().unwrap());
    for words in GOLDEN_SEARCHES {
        let want: Vec<String> = serde_json::from_value(meta["searches"][words].clone()).unwrap();
        assert_eq!(golden_search(&j, words), want, "search {words:?}");
    }
    (j, meta)
}

/// The entry schemas in the file, and its vault format, read raw.
fn schemas_and_format(dir: &Path) -> (Vec<u16>, u32) {
    let c = raw_conn(dir);
    let schemas = c
        .prepare("SELECT DISTINCT schema_ver FROM records WHERE kind = 1 ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<u16>>>()
        .unwrap();
    (schemas, c.query_row("SELECT format FROM vault", [], |r| r.get(0)).unwrap())
}

#[test]
fn the_golden_vault_v2_opens_edits_and_searches_and_is_rewritten_compact() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(schemas_and_format(&golden_v2()), (vec![1], 2), "the fixture is of the JSON time");
    let (j, meta) = open_golden_v2(dir.path());
    // The first unlock rewrote every entry in the compact layout, in the same transaction as the
    // format, and the journal reads exactly as before.
    assert_eq!(schemas_and_format(dir.path()), (vec![crate::model::ENTRY_SCHEMA], crate::vault::VAULT_FORMAT));
    assert!(j.check().unwrap().healthy());
    assert_eq!(j.settings().unwrap().window_title, "Notes");
    assert_eq!(j.care_record().unwrap().safety_plan.what_helps, meta["what_helps"].as_str().unwrap());
    assert_eq!(j.drafts().unwrap().len(), 1);
    j.lock();
    let (j, _) = open_golden_v2(dir.path());
    let first = golden_search(&j, "FAR")[0].clone();
    let mut input = j.get(&first).unwrap().to_input();
    input.text.push_str(" Edited after the upgrade.");
    j.update(&first, input, t(9, 9)).unwrap();
    assert_eq!(golden_search(&j, "upgrade"), vec![first.clone()]);
    j.lock();
    j.recover(meta["recovery_key"].as_str().unwrap(), &pass("after recovery, a new odd sentence")).unwrap();
    assert!(j.get(&first).unwrap().text.ends_with(" Edited after the upgrade."));
    assert_eq!(j.with_entries(|it| it.count()).unwrap(), 4);
}

#[test]
fn a_journal_with_records_not_as_saved_is_not_rewritten_until_settled() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = Options { legacy_payloads: true, ..opts() };
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), legacy);
    j.create(pass("p")).unwrap();
    let e = j.add(entry("first words"), t(1, 1)).unwrap();
    let old = blob_of(dir.path(), &e.id);
    j.update(&e.id, entry("what I meant to say"), t(1, 3)).unwrap();
    j.lock();
    let c = raw_conn(dir.path());
    let rid = *uuid::Uuid::parse_str(&e.id).unwrap().as_bytes();
    c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2", rusqlite::params![old, &rid[..]]).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(c);
    assert_eq!(schemas_and_format(dir.path()), (vec![1], 2));
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), opts());
    let r = j.unlock(&pass("p")).unwrap();
    assert_eq!(r.not_as_saved.older, vec![e.id.clone()]);
    // Rewriting now would record the older version as saved: it waits.
    assert_eq!(schemas_and_format(dir.path()), (vec![1], 2));
    assert_eq!(j.check().unwrap().not_as_saved.older, vec![e.id.clone()]);
    j.update(&e.id, entry("what I meant to say"), t(1, 4)).unwrap();
    j.lock();
    assert!(j.unlock(&pass("p")).unwrap().not_as_saved.is_empty());
    assert_eq!(schemas_and_format(dir.path()), (vec![2], 3));
    assert_eq!(j.get(&e.id).unwrap().text, "what I meant to say");
}

/// Writes the golden vault of format 2, whose entries are sealed as JSON. Run once:
/// `cargo test -p tend-core make_golden_vault_v2 -- --ignored`.
#[test]
#[ignore]
fn make_golden_vault_v2() {
    use crate::model::{CheckIn, Choice, Timing};
    let fixture = golden_v2();
    assert!(!fixture.join(FILE_NAME).exists(), "the golden vault exists; never regenerate it");
    std::fs::create_dir_all(&fixture).unwrap();
    let j = Journal::with_options(
        &fixture,
        Box::new(NoKeyring),
        Options { limits: KdfLimits::STANDARD, kdf: KdfChoice::Fixed(KdfLimits::STANDARD.floor), ..Options::default() },
    );
    let passphrase = "a golden ünïcode passphrase, second shape";
    let c = j.create(pass(passphrase)).unwrap();
    let own = j.add_own_emotion("glowy", Quadrant::Bright).unwrap();
    let own_label = j.add_own_label("the hush after").unwrap();
    let mut a = EntryInput::with_mood(-0.5, -0.7);
    a.emotions = vec!["tearful".into(), "empty".into()];
    a.labels = vec!["post-sex-blues".into(), own_label.id.clone()];
    a.context = vec!["regular-partner".into(), "kink-bottom".into()];
    a.aftercare_got = vec!["cuddling".into()];
    a.aftercare_wanted = vec!["reassurance".into()];
    a.body = vec!["sleepy".into()];
    a.choice = Some(Choice::Mostly);
    a.timing = Some(Timing::RightAfter);
    a.partner = Some("J.".into());
    a.prompt = Some("p01".into());
    a.check_in = Some(CheckIn::Tomorrow);
    a.text = "Felt far away afterwards.\nThen a bit better — \u{201c}quiet\u{201d}.".into();
    let first = j.add(a, t(1, 23)).unwrap();
    let mut b = EntryInput::with_mood(0.6, 0.2);
    b.emotions = vec![own.id];
    b.follows = Some(first.id);
    b.timing = Some(Timing::NextDay);
    // Decomposed é (e + U+0301), as some keyboards write it.
    b.text = "Much lighter today. Cafe\u{301} with a friend. 🌿".into();
    b.at = Some(FixedOffset::west_opt(5 * 3600 + 1800).unwrap().with_ymd_and_hms(2026, 3, 1, 22, 15, 30).unwrap());
    j.add(b, t(2, 11)).unwrap();
    let mut c3 = EntryInput::without_mood();
    c3.context = vec!["kink-none".into(), "solo".into()];
    c3.choice = Some(Choice::No);
    c3.text = String::new();
    j.add(c3, t(3, 8)).unwrap();
    let mut d = EntryInput::with_mood(0.0, 0.05);
    d.emotions = vec!["playful".into(), "tearful".into()];
    d.text = "x".repeat(300);
    let d = j.add(d, t(4, 20)).unwrap();
    let mut d2 = d.to_input();
    d2.text = "Edited once: far less than I thought.".into();
    j.update(&d.id, d2, t(5, 9)).unwrap();
    j.save_settings(Settings { idle_minutes: 7, window_title: "Notes".into(), theme: crate::model::Theme::Dark })
        .unwrap();
    let what_helps = "A warm shower, then tea.";
    j.save_safety_plan(care::SafetyPlan { what_helps: what_helps.into(), ..care::SafetyPlan::default() }).unwrap();
    let mut draft_input = EntryInput::with_mood(0.3, -0.3);
    draft_input.text = "half a thought".into();
    j.keep_draft(drafts::Draft { id: None, input: draft_input, editing: None, kept_at: None }, t(6, 7)).unwrap();
    let searches: serde_json::Map<String, serde_json::Value> =
        GOLDEN_SEARCHES.iter().map(|w| ((*w).to_owned(), serde_json::json!(golden_search(&j, w)))).collect();
    let meta = serde_json::json!({
        "format": 2,
        "entry_schema": 1,
        "passphrase": passphrase,
        "recovery_key": c.recovery_key.dangerously_expose(),
        "entries": 4,
        "entries_sha256": fixture_digest_v2(&j),
        "searches": searches,
        "what_helps": what_helps,
    });
    j.lock();
    std::fs::write(fixture.join("fixture.json"), serde_json::to_string_pretty(&meta).unwrap()).unwrap();
}

// ---- State machine: no acknowledged entry is ever lost ----

#[derive(Debug, Clone)]
enum Op {
    Add(String),
    Edit(usize, String),
    Delete(usize),
    Lock,
    Unlock,
    WrongUnlock,
    Passwd(u8),
    Recover(u8),
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => "[a-zé ]{0,20}".prop_map(Op::Add),
        2 => (any::<usize>(), "[a-z]{0,10}").prop_map(|(i, s)| Op::Edit(i, s)),
        1 => any::<usize>().prop_map(Op::Delete),
        1 => Just(Op::Lock),
        2 => Just(Op::Unlock),
        1 => Just(Op::WrongUnlock),
        1 => any::<u8>().prop_map(Op::Passwd),
        1 => any::<u8>().prop_map(Op::Recover),
        1 => Just(Op::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn no_acknowledged_entry_is_ever_lost(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let fake = Arc::new(FakeKeyring::default());
        let mut j = Journal::with_options(dir.path(), Box::new(Shared(fake.clone())), opts());
        let mut passphrase = "start".to_string();
        let rk = j.create(pass(&passphrase)).unwrap().recovery_key.dangerously_expose().to_owned();
        let mut model: std::collections::BTreeMap<String, String> = Default::default();
        let mut unlocked = true;
        let mut clock = 0u32;
        for op in ops {
            clock += 1;
            let now = t(1 + clock % 28, clock % 24);
            match op {
                Op::Add(text) => match j.add(entry(&text), now) {
                    Ok(e) => { prop_assert!(unlocked); model.insert(e.id, text); }
                    Err(e) => { prop_assert!(!unlocked); prop_assert_eq!(e.code(), "locked"); }
                },
                Op::Edit(i, text) if !model.is_empty() => {
                    let id = model.keys().nth(i % model.len()).unwrap().clone();
                    match j.update(&id, entry(&text), now) {
                        Ok(_) => { model.insert(id, text); }
                        Err(e) => { prop_assert!(!unlocked); prop_assert_eq!(e.code(), "locked"); }
                    }
                }
                Op::Delete(i) if !model.is_empty() => {
                    let id = model.keys().nth(i % model.len()).unwrap().clone();
                    if j.delete(&id).is_ok() { model.remove(&id); } else { prop_assert!(!unlocked); }
                }
                Op::Lock => { j.lock(); unlocked = false; }
                Op::Unlock => { j.unlock(&pass(&passphrase)).unwrap(); unlocked = true; }
                Op::WrongUnlock => {
                    prop_assert_eq!(j.unlock(&pass("not it")).unwrap_err().code(), "wrong_passphrase");
                    unlocked = false;
                }
                Op::Passwd(n) => {
                    let new = format!("pass{n}");
                    match j.change_passphrase(&pass(&passphrase), &pass(&new)) {
                        Ok(_) => passphrase = new,
                        Err(e) => prop_assert_eq!(e.code(), "locked"),
                    }
                }
                Op::Recover(n) => {
                    passphrase = format!("rec{n}");
                    j.recover(&rk, &pass(&passphrase)).unwrap();
                    unlocked = true;
                }
                Op::Reopen => {
                    drop(j);
                    j = Journal::with_options(dir.path(), Box::new(Shared(fake.clone())), opts());
                    unlocked = false;
                }
                _ => {}
            }
            if unlocked {
                let page = j.list(0, usize::MAX).unwrap();
                let got: std::collections::BTreeMap<String, String> = page.items.into_iter().map(|e| (e.id, e.text)).collect();
                prop_assert_eq!(&got, &model);
            }
        }
        j.lock();
        j.unlock(&pass(&passphrase)).unwrap();
        let got: std::collections::BTreeMap<String, String> = j.list(0, usize::MAX).unwrap().items.into_iter().map(|e| (e.id, e.text)).collect();
        prop_assert_eq!(got, model);
    }
}

#[test]
fn insights_follow_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let q =
        crate::insights::Query { from: None, to: None, today: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap() };
    let a = j.add(entry("one"), t(1, 1)).unwrap();
    j.add(entry("two"), t(2, 1)).unwrap();
    assert_eq!(j.insights(&q).unwrap().total.count, 2);
    let c = j.add(entry("three"), t(3, 1)).unwrap();
    assert_eq!(j.insights(&q).unwrap().total.count, 3, "an add shows at once");
    j.delete(&c.id).unwrap();
    assert_eq!(j.insights(&q).unwrap().total.count, 2, "a delete shows at once");
    let mut bright = a.to_input();
    bright.mood = Some(crate::model::Mood { pleasantness: 0.8, energy: 0.8 });
    j.update(&a.id, bright, t(1, 2)).unwrap();
    let i = j.insights(&q).unwrap();
    assert_eq!(i.quadrants.iter().find(|x| x.0 == Quadrant::Bright).unwrap().1, 1, "an edit shows at once");
    j.add_many(vec![entry("four"), entry("five")], t(4, 1)).unwrap();
    assert_eq!(j.insights(&q).unwrap().total.count, 4);
    j.lock();
    assert!(matches!(j.insights(&q), Err(Error::Locked)));
}

#[test]
fn saving_keeps_the_insights_form_current_without_building_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let q =
        crate::insights::Query { from: None, to: None, today: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap() };
    let mut ids = Vec::new();
    for day in 1..=12 {
        let mut e = entry(&format!("day {day}"));
        e.mood = Some(crate::model::Mood { pleasantness: f64::from(day) / 12.0 - 0.5, energy: 0.1 });
        e.emotions = vec![["content", "tender", "safe"][day as usize % 3].into()];
        ids.push(j.add(e, t(day, 9)).unwrap().id);
    }
    j.insights(&q).unwrap();
    // The form is marked: were it built again, the mark would be gone.
    let mark = |j: &Journal| {
        j.with_session(|s| Ok(s.facts.as_mut().is_some_and(|f| f.names_mut().iter().any(|n| n == "mark")))).unwrap()
    };
    let marked = |j: &Journal| {
        j.with_session(|s| {
            s.facts.as_mut().expect("built on first use").names_mut().push("mark".into());
            Ok(())
        })
        .unwrap();
    };
    marked(&j);
    // Built again from what is held, beside the form kept current, after each kind of change.
    let again = |j: &Journal| {
        let all = j.list(0, 1000).unwrap().items;
        crate::insights::compute(&all, &q)
    };
    let mut follow = entry("the day after");
    follow.follows = Some(ids[4].clone());
    follow.mood = Some(crate::model::Mood { pleasantness: 0.6, energy: -0.2 });
    let f = j.add(follow, t(6, 12)).unwrap();
    assert_eq!(j.insights(&q).unwrap(), again(&j), "a new entry that follows another");
    let mut kept = j.get(&ids[4]).unwrap().to_input();
    kept.text = "written again".into();
    j.update(&ids[4], kept, t(5, 10)).unwrap();
    assert_eq!(j.insights(&q).unwrap().later, again(&j).later, "an edit of an entry another follows");
    assert_eq!(j.insights(&q).unwrap(), again(&j));
    // An entry that follows itself (only a restore can bring one in), edited to follow another.
    let held = j.get(&ids[7]).unwrap();
    let mut input = held.to_input();
    input.follows = Some(ids[7].clone());
    let payload = crate::model::EntryPayload { at: held.at, created: held.created, updated: held.updated, input };
    j.with_session(|s| Ok(s.remember(super::held::record_id(&ids[7]).unwrap(), payload))).unwrap();
    assert_eq!(j.insights(&q).unwrap().later, again(&j).later, "an entry that follows itself");
    let mut e = j.get(&ids[7]).unwrap().to_input();
    e.follows = Some(ids[8].clone());
    j.update(&ids[7], e, t(8, 10)).unwrap();
    assert_eq!(j.insights(&q).unwrap().later, again(&j).later, "that entry edited to follow another");
    let mut moved = j.get(&ids[2]).unwrap().to_input();
    moved.at = Some(t(20, 8));
    moved.emotions = vec!["joyful".into()];
    j.update(&ids[2], moved, t(20, 9)).unwrap();
    assert_eq!(j.insights(&q).unwrap(), again(&j), "an edit that moves an entry in time");
    j.delete(&ids[4]).unwrap();
    assert_eq!(j.insights(&q).unwrap(), again(&j), "a deletion of an entry another follows");
    j.delete(&f.id).unwrap();
    assert_eq!(j.insights(&q).unwrap(), again(&j), "a deletion");
    assert!(mark(&j), "the form was kept, not built again");
    // Many at once: built again on next use.
    j.add_many(vec![entry("four"), entry("five")], t(4, 1)).unwrap();
    assert_eq!(j.insights(&q).unwrap(), again(&j));
    assert!(!mark(&j));
}

// ---- Care ----

fn care_journal(dir: &Path) -> Journal {
    let (j, _) = journal(dir);
    j.create(pass("care pass")).unwrap();
    j
}

#[test]
fn care_state_is_encrypted_and_survives_lock() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let plan = care::SafetyPlan {
        warning_signs: "CANARYWARNINGSIGN".into(),
        people: "CANARYPERSONSAM".into(),
        ..Default::default()
    };
    j.save_safety_plan(plan.clone()).unwrap();
    let needs = care::AftercareNeeds {
        closeness: Some(care::Closeness::Space),
        items: vec!["water".into(), "quiet".into()],
        words_note: "CANARYWORDSNOTE".into(),
        ..Default::default()
    };
    j.save_aftercare_needs(needs.clone()).unwrap();
    let numbers = SupportNumbers { trusted_name: "CANARYTRUSTED".into(), ..Default::default() };
    let info = j.save_support_numbers(numbers.clone(), false).unwrap();
    assert!(!info.outside);
    j.set_pattern_cards(false).unwrap();
    j.lock();
    assert!(matches!(j.care_state(), Err(Error::Locked)));
    // Locked, and not kept outside: the panel gets no numbers and is told why.
    let locked = j.support_numbers().unwrap();
    assert_eq!((locked.numbers, locked.outside, locked.locked), (None, false, true));
    assert_no_canary(dir.path(), &["CANARYWARNINGSIGN", "CANARYPERSONSAM", "CANARYWORDSNOTE", "CANARYTRUSTED"]);
    j.unlock(&pass("care pass")).unwrap();
    let s = j.care_state().unwrap();
    assert_eq!(s.safety_plan, plan);
    assert_eq!(s.aftercare_needs, needs);
    assert_eq!(s.numbers, numbers);
    assert!(!s.pattern_cards);
    assert_eq!(j.check().unwrap().damaged, Vec::<String>::new());
}

#[test]
fn a_new_journal_removes_numbers_left_by_an_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(NUMBERS_FILE), b"{\"version\":1,\"numbers\":{}}").unwrap();
    std::fs::write(dir.path().join("support-numbers.json.tmp"), b"half").unwrap();
    let j = care_journal(dir.path());
    assert!(!dir.path().join(NUMBERS_FILE).exists() && !dir.path().join("support-numbers.json.tmp").exists());
    j.lock();
    assert_eq!(j.support_numbers().unwrap().numbers, None);
}

#[cfg(unix)]
#[test]
fn the_numbers_file_is_never_written_through_a_planted_link() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("not-tend.txt");
    std::fs::write(&target, b"someone else's file").unwrap();
    let j = care_journal(dir.path());
    std::os::unix::fs::symlink(&target, dir.path().join("support-numbers.json.tmp")).unwrap();
    let numbers = SupportNumbers { crisis_line: "116 123".into(), ..Default::default() };
    j.save_support_numbers(numbers.clone(), true).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"someone else's file");
    let file = dir.path().join(NUMBERS_FILE);
    assert!(!std::fs::symlink_metadata(&file).unwrap().file_type().is_symlink());
    j.lock();
    assert_eq!(j.support_numbers().unwrap().numbers, Some(numbers));
}

#[test]
fn a_numbers_file_that_breaks_the_rules_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    j.lock();
    let long = "9".repeat(880_000);
    let planted = format!("{{\"version\":1,\"numbers\":{{\"crisisLine\":\"{long}\"}}}}");
    std::fs::write(dir.path().join(NUMBERS_FILE), planted).unwrap();
    let Err(err) = j.support_numbers() else { panic!("a planted over-long number was shown") };
    assert_eq!(err.code(), "support_numbers");
    assert!(err.to_string().contains("unlock"), "{err}");
}

#[test]
fn numbers_leave_the_encryption_only_with_consent() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let numbers = SupportNumbers { emergency: "112".into(), crisis_line: "0800 0000".into(), ..Default::default() };
    let file = dir.path().join(NUMBERS_FILE);
    j.save_support_numbers(numbers.clone(), true).unwrap();
    assert!(file.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    j.lock();
    let info = j.support_numbers().unwrap();
    assert_eq!(info.numbers.as_ref(), Some(&numbers));
    assert!(info.outside && info.locked);
    // A damaged side file is reported plainly, and the journal still opens.
    std::fs::write(&file, b"{not json").unwrap();
    let Err(err) = j.support_numbers() else { panic!("a planted over-long number was shown") };
    assert_eq!(err.code(), "support_numbers");
    assert!(err.to_string().contains("unlock"), "{err}");
    j.unlock(&pass("care pass")).unwrap();
    assert_eq!(j.support_numbers().unwrap().numbers, Some(numbers.clone()));
    // Taking consent back removes the file; the numbers stay in the journal.
    j.save_support_numbers(numbers.clone(), false).unwrap();
    assert!(!file.exists());
    assert_eq!(j.care_state().unwrap().numbers, numbers);
    // Too long a field names the field and changes nothing.
    let long = SupportNumbers { crisis_line: "9".repeat(61), ..Default::default() };
    let err = j.save_support_numbers(long, true).unwrap_err();
    assert!(matches!(err, Error::Invalid(ref v) if v.field == "crisisLine"));
    assert!(!file.exists());
}

#[test]
fn only_phone_like_text_is_kept_outside_the_encryption() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let file = dir.path().join(NUMBERS_FILE);
    let kept = SupportNumbers {
        emergency: "112".into(),
        crisis_line: "+44 (0)116-123".into(),
        trusted_name: "Robin".into(),
        trusted_number: "07700.900.123".into(),
        ..Default::default()
    };
    j.save_support_numbers(kept.clone(), true).unwrap();
    let before = std::fs::read(&file).unwrap();
    let n = |f: fn(&mut SupportNumbers, String), v: &str| {
        let mut n = kept.clone();
        f(&mut n, v.to_owned());
        n
    };
    for (bad, field) in [
        (n(|n, v| n.crisis_line = v, "call Sam, they know why"), "crisisLine"),
        (n(|n, v| n.emergency = v, "112 CANARYWORDS"), "emergency"),
        (n(|n, v| n.assault_service = v, "0800\n999"), "assaultService"),
        (n(|n, v| n.trusted_number = v, "+-()."), "trustedNumber"),
        (n(|n, v| n.trusted_number = v, &"9".repeat(61)), "trustedNumber"),
        (n(|n, v| n.trusted_name = v, "Robin\u{7}"), "trustedName"),
        (n(|n, v| n.trusted_name = v, "Robin\nand the rest of the story"), "trustedName"),
        (n(|n, v| n.trusted_name = v, &"R".repeat(61)), "trustedName"),
    ] {
        let err = j.save_support_numbers(bad.clone(), true).unwrap_err();
        assert!(matches!(err, Error::Invalid(ref v) if v.field == field), "{bad:?}: {err}");
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(std::fs::read(&file).unwrap(), before, "the file outside changed for {bad:?}");
        assert_eq!(j.care_state().unwrap().numbers, kept, "a refused save changed the journal");
    }
    // Kept in the journal only, the same words are fine: they are encrypted.
    let words = SupportNumbers { crisis_line: "Text SHOUT to 85258".into(), ..Default::default() };
    j.save_support_numbers(words.clone(), false).unwrap();
    assert_eq!(j.care_state().unwrap().numbers, words);
    assert!(!file.exists());
}

#[test]
fn a_numbers_file_holding_words_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    j.lock();
    for planted in [
        serde_json::json!({"crisisLine": "meet me at the usual place"}),
        serde_json::json!({"trustedName": "Sam\u{1b}[2J"}),
    ] {
        let body = serde_json::json!({"version": 1, "numbers": planted});
        std::fs::write(dir.path().join(NUMBERS_FILE), serde_json::to_vec(&body).unwrap()).unwrap();
        let Err(err) = j.support_numbers() else { panic!("planted words were shown: {planted}") };
        assert_eq!(err.code(), "support_numbers");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn the_numbers_file_gives_back_whatever_it_takes(
        fields in proptest::collection::vec("[0-9 +().a-z\\-\n\u{7}]{0,70}", 5),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NUMBERS_FILE);
        std::fs::write(&path, b"before").unwrap();
        let n = SupportNumbers {
            emergency: fields[0].clone(),
            crisis_line: fields[1].clone(),
            assault_service: fields[2].clone(),
            trusted_name: fields[3].clone(),
            trusted_number: fields[4].clone(),
        };
        match numbers::write(&path, &n) {
            Ok(()) => {
                let mut trimmed = n.clone();
                trimmed.validate().unwrap();
                prop_assert_eq!(numbers::read(&path).unwrap(), Some(trimmed));
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_input");
                prop_assert_eq!(std::fs::read(&path).unwrap(), b"before".to_vec());
            }
        }
    }
}

#[test]
fn the_pattern_card_is_remembered_after_save_and_rests() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let heavy = |day: u32| {
        let mut i = EntryInput::with_mood(-0.6, -0.5);
        i.at = Some(t(day, 22));
        i
    };
    let a = j.add(heavy(1), t(1, 22)).unwrap();
    assert!(j.care_after_save(&a.id, a.at).unwrap().card.is_none());
    j.add(heavy(2), t(2, 22)).unwrap();
    let c = j.add(heavy(3), t(3, 22)).unwrap();
    // Looking does not count as showing.
    assert_eq!(j.care(&c.id, c.at).unwrap().card.map(|c| c.id), Some(care::CardId::TalkToSomeone));
    assert_eq!(j.care_after_save(&c.id, c.at).unwrap().card.map(|c| c.id), Some(care::CardId::TalkToSomeone));
    // The same entry keeps it; the next heavy days within 14 days do not get it.
    assert_eq!(j.care(&c.id, c.at).unwrap().card.map(|c| c.id), Some(care::CardId::TalkToSomeone));
    let d = j.add(heavy(4), t(4, 22)).unwrap();
    assert!(j.care_after_save(&d.id, d.at).unwrap().card.is_none());
    // Remembered across lock and unlock.
    j.lock();
    j.unlock(&pass("care pass")).unwrap();
    let e = j.add(heavy(10), t(10, 22)).unwrap();
    assert!(j.care_after_save(&e.id, e.at).unwrap().card.is_none());
    // Day 16: 13 days after it showed, still resting. Day 17: 14 days on, with days 4, 10 and 17
    // heavy in the window, it may come back once.
    let f = j.add(heavy(16), t(16, 22)).unwrap();
    assert_eq!(j.care_after_save(&f.id, f.at).unwrap().card.map(|c| c.id), None);
    let g = j.add(heavy(17), t(17, 22)).unwrap();
    assert_eq!(j.care_after_save(&g.id, g.at).unwrap().card.map(|c| c.id), Some(care::CardId::TalkToSomeone));
    let g2 = j.add(heavy(18), t(18, 22)).unwrap();
    assert_eq!(j.care_after_save(&g2.id, g2.at).unwrap().card.map(|c| c.id), None);
    // The rest is measured in real time: an entry dated weeks ahead, saved a day after the card
    // showed, doesn't bring it back.
    let far = j.add(heavy(28), t(28, 22)).unwrap();
    assert_eq!(j.care_after_save(&far.id, t(19, 8)).unwrap().card.map(|c| c.id), None);
    // "Don't show these again".
    j.set_pattern_cards(false).unwrap();
    let h = j.add(heavy(28), t(28, 22)).unwrap();
    j.add(heavy(27), t(28, 23)).unwrap();
    j.add(heavy(26), t(28, 23)).unwrap();
    assert!(j.care(&h.id, h.at).unwrap().card.is_none());
    assert!(matches!(j.care("nope", t(1, 1)), Err(Error::NotFound)));
}

#[test]
fn the_offer_after_a_save_comes_even_when_its_memory_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let heavy = |day: u32| {
        let mut i = EntryInput::with_mood(-0.6, -0.5);
        i.at = Some(t(day, 22));
        i
    };
    j.add(heavy(1), t(1, 22)).unwrap();
    j.add(heavy(2), t(2, 22)).unwrap();
    let c = j.add(heavy(3), t(3, 22)).unwrap();
    j.set_encryptions(MAX_ENCRYPTIONS);
    assert_eq!(j.save_settings(Settings::default()).unwrap_err().code(), "key_worn_out");
    let offer = j.care_after_save(&c.id, c.at).unwrap();
    assert_eq!(offer.card.map(|c| c.id), Some(care::CardId::TalkToSomeone));
    assert_eq!(offer, j.care(&c.id, c.at).unwrap(), "the same offer as looking");
}

#[test]
fn a_prompt_answer_is_saved_into_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let a = j.add(entry(""), t(1, 22)).unwrap();
    let offer = j.care(&a.id, a.at).unwrap();
    let prompt = offer.prompt.unwrap().id.clone();
    let e = j.answer_prompt(&a.id, &prompt, "  warmth and quiet  ", t(1, 23)).unwrap();
    assert_eq!((e.text.as_str(), e.prompt.as_deref()), ("warmth and quiet", Some(prompt.as_str())));
    let b = j.add(entry("first words"), t(2, 22)).unwrap();
    let e = j.answer_prompt(&b.id, "p33", "a bath", t(2, 23)).unwrap();
    assert_eq!(e.text, "first words\n\na bath");
    assert_eq!(e.created, b.created);
    assert!(matches!(j.answer_prompt(&b.id, "p99", "x", t(2, 23)), Err(Error::Invalid(ref v)) if v.field == "prompt"));
    assert!(
        matches!(j.answer_prompt(&b.id, "p33", "   ", t(2, 23)), Err(Error::Invalid(ref v)) if v.field == "answer")
    );
    assert_eq!(j.search(&Query::text("bath").page(0, 10)).unwrap().total, 1);
    j.lock();
    j.unlock(&pass("care pass")).unwrap();
    assert_eq!(j.get(&b.id).unwrap().text, "first words\n\na bath");
    // The input refuses a prompt id that isn't shipped.
    let mut bad = entry("x");
    bad.prompt = Some("P01".into());
    assert!(matches!(j.add(bad, t(3, 1)), Err(Error::Invalid(ref v)) if v.field == "prompt"));
}

/// Entries saved at these times, each asking to check in a few hours later.
fn asking<const N: usize>(j: &Journal, times: [DateTime<FixedOffset>; N]) -> [Entry; N] {
    times.map(|at| {
        let mut i = entry("asked");
        i.check_in = Some(crate::model::CheckIn::FewHours);
        j.add(i, at).unwrap()
    })
}

#[test]
fn check_ins_are_asked_once_due_and_end_when_answered_or_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let [a, b] = asking(&j, [t(1, 22), t(1, 23)]);
    assert_eq!(j.due_check_ins(t(1, 23)).unwrap(), vec![]);
    let due: Vec<String> = j.due_check_ins(t(2, 2)).unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(due, vec![b.id.clone(), a.id.clone()]);
    // Answering links a new entry to the first.
    let mut answer = entry("better now");
    answer.follows = Some(a.id.clone());
    answer.timing = Some(crate::model::Timing::LaterThatDay);
    j.add(answer, t(2, 3)).unwrap();
    j.dismiss_check_ins(&[&b.id]).unwrap();
    assert_eq!(j.due_check_ins(t(3, 0)).unwrap(), vec![]);
    j.lock();
    j.unlock(&pass("care pass")).unwrap();
    assert_eq!(j.due_check_ins(t(9, 0)).unwrap(), vec![]);
    assert!(matches!(j.dismiss_check_ins(&["nope"]), Err(Error::NotFound)));
}

#[test]
fn one_answer_sets_aside_every_check_in_due_in_one_save() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let [a, b, gone] = asking(&j, [t(1, 21), t(1, 22), t(1, 23)]);
    assert_eq!(j.due_check_ins(t(2, 2)).unwrap().len(), 3);
    // One deleted while the card was open is passed over; the others are set aside together,
    // and asking again changes nothing.
    j.delete(&gone.id).unwrap();
    j.dismiss_check_ins(&[a.id.as_str(), gone.id.as_str(), b.id.as_str(), a.id.as_str()]).unwrap();
    assert_eq!(j.due_check_ins(t(2, 3)).unwrap(), vec![]);
    j.dismiss_check_ins(&[&a.id]).unwrap();
    assert!(matches!(j.dismiss_check_ins(&[gone.id.as_str()]), Err(Error::NotFound)));
    assert!(matches!(j.dismiss_check_ins::<&str>(&[]), Err(Error::NotFound)));
    j.lock();
    j.unlock(&pass("care pass")).unwrap();
    assert_eq!(j.due_check_ins(t(2, 3)).unwrap(), vec![]);
}

#[test]
fn a_follow_up_answers_every_check_in_due_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let [a, b, later] = asking(&j, [t(1, 21), t(1, 22), t(2, 1)]);
    assert_eq!(j.due_check_ins(t(2, 2)).unwrap().len(), 2, "the newest isn't due yet");
    let mut answer = entry("better now");
    answer.follows = Some(b.id.clone());
    let answer = j.add(answer, t(2, 2)).unwrap();
    // Both due check-ins are answered, and stay so when the answer is deleted or after a lock;
    // the one not yet due still comes.
    j.delete(&answer.id).unwrap();
    j.lock();
    j.unlock(&pass("care pass")).unwrap();
    let due: Vec<String> = j.due_check_ins(t(2, 6)).unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(due, [later.id]);
    // Following an entry whose check-in isn't due sets nothing aside.
    let mut aside = entry("about the first");
    aside.follows = Some(a.id.clone());
    j.add(aside, t(2, 6)).unwrap();
    assert_eq!(j.due_check_ins(t(2, 7)).unwrap().len(), 1);
}

#[test]
fn a_worn_out_key_says_so_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let kept = j.add(entry("before"), t(1, 1)).unwrap();
    j.set_encryptions(MAX_ENCRYPTIONS);
    let one = j.add(entry("after"), t(1, 2)).unwrap_err();
    assert_eq!(one.code(), "key_worn_out");
    assert!(!one.to_string().contains("disk"), "{one}");
    assert_eq!(j.add_many(vec![entry("a"), entry("b")], t(1, 3)).unwrap_err().code(), "key_worn_out");
    assert_eq!(j.save_settings(Settings::default()).unwrap_err().code(), "key_worn_out");
    j.lock();
    j.unlock(&pass("p")).unwrap();
    let all = j.list(0, 10).unwrap();
    assert_eq!((all.total, all.items[0].id.as_str()), (1, kept.id.as_str()), "nothing after the limit was saved");
}

#[test]
fn a_keyring_hiccup_never_replaces_the_device_secret() {
    let dir = tempfile::tempdir().unwrap();
    let (j, fake) = journal(dir.path());
    let rk = j.create(pass("first")).unwrap().recovery_key.dangerously_expose().to_owned();
    assert!(j.set_quick_unlock(&pass("first"), true).unwrap().quick_unlock);
    let vault_id: [u8; 16] = {
        let c = rusqlite::Connection::open(dir.path().join(FILE_NAME)).unwrap();
        c.query_row("SELECT id FROM vault", [], |r| r.get::<_, Vec<u8>>(0)).unwrap().try_into().unwrap()
    };
    let before = *fake.get(&vault_id).unwrap().unwrap().dangerously_expose();
    // The keyring doesn't answer once, while the passphrase changes: the journal goes
    // passphrase-only for now and says why; the secret in the keyring is left as it was.
    // (The first read opens the current passphrase's slot; the second is the one that fails.)
    fake.script_reads(&[false, true]);
    let p = j.change_passphrase(&pass("first"), &pass("second")).unwrap();
    assert!(!p.device_bound && p.keyring_problem.is_some(), "{p:?}");
    assert_eq!(*fake.get(&vault_id).unwrap().unwrap().dangerously_expose(), before);
    // Quick unlock still opens, and so does the new passphrase.
    j.lock();
    j.unlock_quick().unwrap();
    j.lock();
    j.unlock(&pass("second")).unwrap();
    // The same hiccup during recovery doesn't replace it either.
    j.lock();
    fake.script_reads(&[true]);
    let r = j.recover(&rk, &pass("third")).unwrap();
    assert!(!r.protection.device_bound && r.protection.keyring_problem.is_some());
    assert_eq!(*fake.get(&vault_id).unwrap().unwrap().dangerously_expose(), before);
    j.lock();
    j.unlock_quick().unwrap();
}

#[test]
fn one_writer_at_a_time_and_the_other_is_told_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let first = Journal::with_options(dir.path(), Box::new(NoKeyring), Options::for_tests());
    first.create(pass("p")).unwrap();
    let second = Journal::with_options(dir.path(), Box::new(NoKeyring), Options::for_tests());
    let busy = second.unlock(&pass("p")).unwrap_err();
    assert_eq!(busy.code(), "open_elsewhere");
    assert!(busy.to_string().contains("open in another"), "{busy}");
    // A wrong passphrase is still said as such, and changes nothing.
    assert_eq!(second.unlock(&pass("nope")).unwrap_err().code(), "wrong_passphrase");
    first.lock();
    second.unlock(&pass("p")).unwrap();
    assert_eq!(first.unlock(&pass("p")).unwrap_err().code(), "open_elsewhere");
    // Dropping the journal (or the process ending) lets go as well.
    drop(second);
    first.unlock(&pass("p")).unwrap();
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let wait = Options { writer_wait: std::time::Duration::from_secs(20), ..Options::for_tests() };
    Journal::with_options(dir.path(), Box::new(NoKeyring), wait).create(pass("p")).unwrap();
    let words: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|n| {
                let path = dir.path().to_owned();
                scope.spawn(move || {
                    let j = Journal::with_options(path, Box::new(NoKeyring), wait);
                    j.unlock(&pass("p")).unwrap();
                    let w = j.add_own_emotion(&format!("newword{n}"), Quadrant::Calm).unwrap();
                    let mut i = entry("mine");
                    i.emotions = vec![w.id.clone()];
                    j.add(i, t(1, 1)).unwrap();
                    w.id
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), wait);
    j.unlock(&pass("p")).unwrap();
    let own: Vec<String> = j.vocabulary().unwrap().emotions.into_iter().map(|w| w.id).collect();
    for w in &words {
        assert!(own.contains(w), "{w} lost: {own:?}");
    }
    assert_eq!(j.list(0, 10).unwrap().total, 4);
}

#[test]
fn check_names_a_single_record_found_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    j.add_own_label("mine").unwrap();
    assert!(j.check().unwrap().healthy());
    // What two writers at once used to leave: a second own-words record.
    let extra = crate::vault::new_vault_id();
    j.with_session(|s| {
        let row = s.seal(extra, crate::envelope::RecordKind::Vocabulary, crate::model::SIMPLE_SCHEMA, b"{}");
        s.put_rows(&[row])
    })
    .unwrap();
    let r = j.check().unwrap();
    assert!(!r.healthy());
    assert_eq!((r.extra.len(), r.damaged.len(), r.file_ok), (1, 0, true));
}

#[test]
fn a_refused_unlock_changes_nothing_even_in_a_file_not_yet_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    j.add(entry("kept"), t(1, 1)).unwrap();
    j.lock();
    // A journal whose file uses SQLite's rollback journal (as a copy from another tool may).
    let c = rusqlite::Connection::open(dir.path().join(FILE_NAME)).unwrap();
    c.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())).unwrap();
    drop(c);
    let before = dir_hash(dir.path());
    assert!(j.status().unwrap().exists);
    assert_eq!(j.unlock(&pass("wrong")).unwrap_err().code(), "wrong_passphrase");
    assert_eq!(dir_hash(dir.path()), before, "a refused unlock wrote to the folder");
    // The right passphrase opens it, and only then is it made ready for writing.
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.list(0, 5).unwrap().total, 1);
    j.add(entry("after"), t(1, 2)).unwrap();
}

#[test]
fn after_unlock_a_changed_copy_outside_the_journal_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let j = care_journal(dir.path());
    let numbers = SupportNumbers { crisis_line: "116 123".into(), ..Default::default() };
    j.save_support_numbers(numbers.clone(), true).unwrap();
    assert!(!j.support_numbers().unwrap().outside_differs);
    j.lock();
    // Someone with access to the folder writes other numbers into the file.
    let planted = SupportNumbers { crisis_line: "555-0100".into(), ..Default::default() };
    let body = serde_json::json!({"version": 1, "numbers": planted});
    std::fs::write(dir.path().join(NUMBERS_FILE), serde_json::to_vec(&body).unwrap()).unwrap();
    let shown = j.support_numbers().unwrap();
    assert!(shown.locked && shown.outside, "before unlock it is shown as kept outside");
    j.unlock(&pass("care pass")).unwrap();
    let info = j.support_numbers().unwrap();
    assert!(info.outside_differs);
    assert_eq!(info.numbers, Some(numbers.clone()), "the journal's own copy is shown");
    // A missing file is a difference too; saving again sets both right.
    std::fs::remove_file(dir.path().join(NUMBERS_FILE)).unwrap();
    assert!(j.support_numbers().unwrap().outside_differs);
    j.save_support_numbers(numbers, true).unwrap();
    assert!(!j.support_numbers().unwrap().outside_differs);
}

/// One record's stored blob, by entry id.
fn blob_of(dir: &Path, id: &str) -> Vec<u8> {
    let rid = *uuid::Uuid::parse_str(id).unwrap().as_bytes();
    raw_conn(dir).query_row("SELECT blob FROM records WHERE record_id = ?1", [&rid[..]], |r| r.get(0)).unwrap()
}

fn put_blob(dir: &Path, id: &str, kind: u8, blob: &[u8]) {
    let rid = *uuid::Uuid::parse_str(id).unwrap().as_bytes();
    let c = raw_conn(dir);
    c.execute(
        "INSERT OR REPLACE INTO records (record_id, kind, schema_ver, blob) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![&rid[..], kind, if kind == 1 { crate::model::ENTRY_SCHEMA } else { 1 }, blob],
    )
    .unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

#[test]
fn an_older_version_put_back_is_named_at_unlock_and_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let e = j.add(entry("first words"), t(1, 1)).unwrap();
    let other = j.add(entry("untouched"), t(1, 2)).unwrap();
    let old = blob_of(dir.path(), &e.id);
    j.update(&e.id, entry("what I meant to say"), t(1, 3)).unwrap();
    j.lock();
    put_blob(dir.path(), &e.id, 1, &old);

    let r = j.unlock(&pass("p")).unwrap();
    assert_eq!(r.not_as_saved.older, vec![e.id.clone()]);
    assert!(r.not_as_saved.unknown.is_empty() && r.not_as_saved.missing.is_empty() && !r.not_as_saved.index_changed);
    assert!(r.damaged.is_empty(), "the older version opens; it is named, not hidden");
    let check = j.check().unwrap();
    assert!(!check.healthy());
    assert_eq!(check.not_as_saved.older, vec![e.id.clone()]);
    assert_eq!(j.get(&other.id).unwrap().text, "untouched");
    // Saving the entry again settles it.
    j.update(&e.id, entry("what I meant to say"), t(1, 4)).unwrap();
    assert!(j.check().unwrap().healthy());
    j.lock();
    assert!(j.unlock(&pass("p")).unwrap().not_as_saved.is_empty());
}

#[test]
fn a_deleted_entry_put_back_or_an_entry_taken_out_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let gone = j.add(entry("deleted on purpose"), t(1, 1)).unwrap();
    let taken = j.add(entry("taken out behind Tend's back"), t(1, 2)).unwrap();
    let old = blob_of(dir.path(), &gone.id);
    j.delete(&gone.id).unwrap();
    j.lock();
    put_blob(dir.path(), &gone.id, 1, &old);
    let rid = *uuid::Uuid::parse_str(&taken.id).unwrap().as_bytes();
    raw_conn(dir.path()).execute("DELETE FROM records WHERE record_id = ?1", [&rid[..]]).unwrap();

    let r = j.unlock(&pass("p")).unwrap();
    assert_eq!(r.not_as_saved.unknown, vec![gone.id.clone()]);
    assert_eq!(r.not_as_saved.missing, vec![taken.id.clone()]);
    assert_eq!(j.check().unwrap().not_as_saved, r.not_as_saved);
    // Deleting the restored one again settles that half.
    j.delete(&gone.id).unwrap();
    let check = j.check().unwrap();
    assert!(check.not_as_saved.unknown.is_empty());
    assert_eq!(check.not_as_saved.missing, vec![taken.id.clone()]);
}

#[test]
fn an_older_index_put_back_with_an_older_entry_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let e = j.add(entry("first"), t(1, 1)).unwrap();
    j.lock();
    let old_copy: Vec<(Vec<u8>, u8, Vec<u8>)> = {
        let c = raw_conn(dir.path());
        let mut s = c.prepare("SELECT record_id, kind, blob FROM records WHERE kind = 6").unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let old_entry = blob_of(dir.path(), &e.id);
    j.unlock(&pass("p")).unwrap();
    j.update(&e.id, entry("second"), t(1, 2)).unwrap();
    j.lock();
    // The entry and the part of the index that lists it, both from the older copy.
    put_blob(dir.path(), &e.id, 1, &old_entry);
    let c = raw_conn(dir.path());
    for (id, kind, blob) in &old_copy {
        c.execute("UPDATE records SET blob = ?1 WHERE record_id = ?2 AND kind = ?3", rusqlite::params![blob, id, kind])
            .unwrap();
    }
    drop(c);
    let r = j.unlock(&pass("p")).unwrap();
    assert!(r.not_as_saved.index_changed, "{:?}", r.not_as_saved);
    assert!(!j.check().unwrap().healthy());
}

/// Spearman's rank correlation of two lists of distinct values.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let ranks = |v: &[f64]| {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&i, &k| v[i].total_cmp(&v[k]));
        let mut r = vec![0.0; v.len()];
        idx.iter().enumerate().for_each(|(rank, &i)| r[i] = rank as f64);
        r
    };
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let d2: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - y).powi(2)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

#[test]
fn spearman_sees_order_and_its_absence() {
    let up: Vec<f64> = (0..50).map(f64::from).collect();
    let down: Vec<f64> = up.iter().rev().copied().collect();
    assert!((spearman(&up, &up) - 1.0).abs() < 1e-9);
    assert!((spearman(&up, &down) + 1.0).abs() < 1e-9);
    let mixed: Vec<f64> = (0..50).map(|i| f64::from((i * 37) % 50)).collect();
    assert!(spearman(&up, &mixed).abs() < 0.2);
}

#[test]
fn after_lock_where_an_entry_sits_in_the_file_says_nothing_of_when_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    // 500 entries, oldest first, from a few words to several KB.
    let mut ids = Vec::new();
    let mut len = 7usize;
    for i in 0..500 {
        len = (len * 7919 + 104_729) % 9000;
        let text: String = "a quiet evening, ".chars().cycle().take(10 + len).collect();
        let at = t(1, 0) + chrono::Duration::hours(i);
        ids.push(j.add(entry(&text), at).unwrap().id);
    }
    j.lock();
    assert_file_order_says_nothing_of(dir.path(), &ids);
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.list(0, 1).unwrap().total, 500);
}

/// Where each entry's blob sits in the journal file (its first and last 32 bytes: a long blob
/// starts in its b-tree cell and ends in overflow pages) against `ids`, in the order they were
/// written: no rank correlation either way.
pub(super) fn assert_file_order_says_nothing_of(dir: &Path, ids: &[String]) {
    let c = raw_conn(dir);
    let blobs: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| {
            let rid = *uuid::Uuid::parse_str(id).unwrap().as_bytes();
            c.query_row("SELECT blob FROM records WHERE record_id = ?1", [&rid[..]], |r| r.get(0)).unwrap()
        })
        .collect();
    drop(c);
    let file = std::fs::read(dir.join(FILE_NAME)).unwrap();
    let order: Vec<f64> = (0..blobs.len()).map(|i| i as f64).collect();
    type Piece = fn(&[u8]) -> &[u8];
    let parts: [(&str, Piece); 2] = [("first", |b| &b[17..49]), ("last", |b| &b[b.len() - 32..])];
    for (part, piece) in parts {
        let wanted: rustc_hash::FxHashMap<&[u8], usize> =
            blobs.iter().enumerate().map(|(i, b)| (piece(b), i)).collect();
        let mut offset = vec![None; blobs.len()];
        for (at, w) in file.windows(32).enumerate() {
            if let Some(&i) = wanted.get(w) {
                offset[i].get_or_insert(at as f64);
            }
        }
        let offset: Vec<f64> = offset.into_iter().map(|o| o.expect("every blob is in the file")).collect();
        let rho = spearman(&order, &offset);
        eprintln!("spearman rho between save order and offset of each blob's {part} 32 bytes: {rho:.3}");
        assert!(rho.abs() < 0.2, "file order follows save order ({part} 32 bytes): rho {rho:.3}");
    }
}

/// "Last night", said the next morning: the entry sits on last night's day, says it was noted
/// the next day, and so is never offered words meant for right after; moving it in time later
/// says anew how long after it was, and a moment that hasn't come yet is refused.
#[test]
fn a_moment_placed_earlier_sits_on_its_day_and_says_how_long_after() {
    use crate::care::State;
    use crate::model::Timing;
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let morning = t(5, 9);
    let mut input = entry("cried after, and it was good");
    input.at = Some(t(4, 22));
    let e = j.add(input, morning).unwrap();
    assert_eq!((e.at, e.created, e.timing), (t(4, 22), morning, Some(Timing::NextDay)));
    let newer = j.add(entry("now"), t(5, 8)).unwrap();
    assert_eq!(newer.timing, None, "just now says nothing it wasn't told");
    let page = j.list(0, 10).unwrap();
    assert_eq!(page.items.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), [newer.id.as_str(), e.id.as_str()]);
    let offer = j.care_after_save(&e.id, morning).unwrap();
    assert!(offer.states.contains(&State::Later) && !offer.states.contains(&State::Now), "{:?}", offer.states);
    assert!(offer.prompt.iter().all(|p| !p.states.contains(&State::Now)));
    assert!(offer.coping.iter().all(|c| !c.states.contains(&State::Now)));

    // An edit that keeps the moment keeps what it said; one that moves it says anew.
    let mut same = entry("cried after, and it was good");
    same.at = Some(e.at);
    same.timing = Some(Timing::LaterThatDay);
    assert_eq!(j.update(&e.id, same, t(5, 10)).unwrap().timing, Some(Timing::LaterThatDay));
    let mut moved = entry("cried after, and it was good");
    moved.at = Some(t(2, 23));
    let m = j.update(&e.id, moved, t(5, 11)).unwrap();
    assert_eq!((m.at, m.created, m.timing), (t(2, 23), morning, Some(Timing::DaysLater)));

    let mut later = entry("not yet");
    later.at = Some(t(6, 9));
    match j.add(later, morning) {
        Err(Error::Invalid(v)) => assert_eq!(v.field, "at"),
        other => panic!("a moment to come was taken: {other:?}"),
    }
    assert_eq!(j.list(0, 10).unwrap().total, 2);
    j.lock();
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.get(&e.id).unwrap().timing, Some(Timing::DaysLater));
}

/// Without the keyring, the passphrase alone guards the file: one guessable within a day is
/// refused, saying how long and what to do, and nothing is written; a strong one is taken.
/// With this computer's secret added, the passphrase is the person's to choose.
#[test]
fn a_guessable_passphrase_is_refused_only_when_it_alone_guards_the_journal() {
    let floor = Options { guess_floor: true, ..Options::for_tests() };
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), floor);
    match j.create(pass("hunter2")) {
        Err(e) => {
            assert_eq!(e.code(), "guessable_passphrase");
            let m = e.to_string();
            assert!(m.contains("less than a second") && m.contains("Add a few unrelated words"), "{m}");
        }
        Ok(_) => panic!("a guessable passphrase guards a journal alone"),
    }
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0, "nothing written");
    let created = j.create(pass("tide lamp orchard quietly")).unwrap();
    assert!(!created.protection.device_bound);
    let refused = j.change_passphrase(&pass("tide lamp orchard quietly"), &pass("swordfish")).unwrap_err();
    assert_eq!(refused.code(), "guessable_passphrase");
    j.lock();
    j.unlock(&pass("tide lamp orchard quietly")).unwrap();

    let bound = tempfile::tempdir().unwrap();
    let fake = Arc::new(FakeKeyring::default());
    let k = Journal::with_options(bound.path(), Box::new(Shared(fake)), floor);
    assert!(k.create(pass("hunter2")).unwrap().protection.device_bound);
}

/// An edit may move a moment to any time that has passed, even after the entry was first
/// written; the same minute typed again (an old entry's time has seconds) keeps what it said.
#[test]
fn an_edit_moves_a_moment_to_any_past_time_and_the_same_minute_keeps_its_timing() {
    use crate::model::Timing;
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let mut first = entry("noted the next day");
    first.timing = Some(Timing::NextDay);
    let e = j.add(first, t(4, 9) + chrono::Duration::seconds(42)).unwrap();
    let mut same = entry("noted the next day");
    same.at = Some(t(4, 9));
    same.timing = None;
    assert_eq!(j.update(&e.id, same, t(4, 12)).unwrap().timing, None, "none was sent, none is made up");
    let mut keep = entry("noted the next day");
    keep.at = Some(t(4, 9));
    keep.timing = Some(Timing::NextDay);
    let kept = j.update(&e.id, keep, t(4, 12)).unwrap();
    assert_eq!((kept.at, kept.timing), (t(4, 9), Some(Timing::NextDay)));
    let mut later = entry("noted the next day");
    later.at = Some(t(4, 11));
    let moved = j.update(&e.id, later, t(4, 12)).unwrap();
    assert_eq!((moved.at, moved.timing), (t(4, 11), Some(Timing::RightAfter)), "after it was written, before now");
    let mut future = entry("noted the next day");
    future.at = Some(t(4, 14));
    assert!(matches!(j.update(&e.id, future, t(4, 12)), Err(Error::Invalid(ref v)) if v.field == "at"));
}

/// The recovery key is saved only as this journal's key, in its own shape, never into Tend's
/// data folder (where it could replace the journal); an export can't go there either; a
/// backup's own passphrase, which alone guards the copy, has the same floor as a journal's.
#[test]
fn a_key_file_or_export_never_lands_in_the_data_folder_and_a_backup_passphrase_has_a_floor() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(&dir.path().join("data"));
    let created = j.create(pass("p")).unwrap();
    let key = created.recovery_key.dangerously_expose().to_owned();
    let journal_file = j.file_path();
    let before = std::fs::read(&journal_file).unwrap();
    assert_eq!(j.save_recovery_key_file(&journal_file, &key).unwrap_err().code(), "inside_data_folder");
    let export = j.export_to(&journal_file, crate::export::ExportFormat::Json, Default::default(), t(1, 9), true);
    assert_eq!(export.unwrap_err().code(), "inside_data_folder");
    assert_eq!(std::fs::read(&journal_file).unwrap(), before, "the journal is as it was");
    let out = dir.path().join("key.txt");
    let spaced = format!("  {}  ", key.replace('-', " - "));
    j.save_recovery_key_file(&out, &spaced).unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().contains(&key), "written in its own shape");
    let other = crate::recovery::generate().1;
    let wrong = j.save_recovery_key_file(&dir.path().join("other.txt"), other.dangerously_expose()).unwrap_err();
    assert_eq!(wrong.code(), "wrong_recovery_key");
    assert!(!dir.path().join("other.txt").exists());

    let floor = Options { guess_floor: true, ..Options::for_tests() };
    let k = Journal::with_options(dir.path().join("floor"), Box::new(NoKeyring), floor);
    k.create(pass("tide lamp orchard quietly")).unwrap();
    let weak = k.backup_to_with_passphrase(&dir.path().join("b.age"), &pass("hunter2"), t(1, 9)).unwrap_err();
    assert_eq!(weak.code(), "guessable_passphrase");
    assert!(weak.to_string().contains("guards this backup"), "{weak}");
    assert!(!dir.path().join("b.age").exists());
    k.backup_to_with_passphrase(&dir.path().join("b.age"), &pass("shared words for a friend"), t(1, 9)).unwrap();
}

#[test]
fn an_own_word_still_names_the_quadrant_after_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("p")).unwrap();
    let heavy = j.add_own_emotion("leaden", Quadrant::Heavy).unwrap();
    let mut i = EntryInput::with_mood(0.6, 0.5);
    i.emotions = vec!["joyful".into(), heavy.id.clone()];
    let mixed = j.add(i, t(1, 1)).unwrap();
    let mut i = EntryInput::with_mood(0.6, 0.5);
    i.emotions = vec![heavy.id];
    let alone = j.add(i, t(1, 2)).unwrap();
    assert_eq!((mixed.quadrant, alone.quadrant), (Some(Quadrant::Mixed), Some(Quadrant::Bright)));
    j.lock();
    j.unlock(&pass("p")).unwrap();
    assert_eq!(j.get(&mixed.id).unwrap().quadrant, Some(Quadrant::Mixed), "the own word is read with the entry");
    assert_eq!(j.get(&alone.id).unwrap().quadrant, Some(Quadrant::Bright));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]
    /// The search text kept beside the order, changed by every save, finds exactly what the same
    /// journal finds with its search text made afresh.
    #[test]
    fn the_kept_search_text_stays_in_step_with_every_save(
        ops in proptest::collection::vec((0u8..3, any::<usize>(), "(apple|pear|plum|fig)( (apple|pear|plum|fig)){0,2}", 1u32..28), 1..30)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (j, _) = journal(dir.path());
        j.create(pass("p")).unwrap();
        for i in 0..6 {
            j.add(entry(["apple", "pear", "plum"][i % 3]), t(1 + i as u32, 3)).unwrap();
        }
        let words = ["apple", "pear", "plum", "fig", "apple pear"];
        let found = |j: &Journal| -> Vec<Vec<String>> {
            words.iter().map(|w| golden_search(j, w)).collect()
        };
        found(&j);
        for (op, pick, text, day) in ops {
            let ids: Vec<String> = j.with_entries(|it| it.map(|e| e.id.clone()).collect()).unwrap();
            match op {
                0 => {
                    let mut i = entry(&text);
                    i.at = Some(t(day, 5));
                    j.add(i, t(28, 23)).unwrap();
                }
                1 if !ids.is_empty() => {
                    let id = &ids[pick % ids.len()];
                    let mut i = j.get(id).unwrap().to_input();
                    i.text = text;
                    i.at = Some(t(day, 7));
                    j.update(id, i, t(28, 23)).unwrap();
                }
                _ if !ids.is_empty() => j.delete(&ids[pick % ids.len()]).unwrap(),
                _ => {}
            }
        }
        let kept = found(&j);
        j.lock();
        j.unlock(&pass("p")).unwrap();
        prop_assert_eq!(kept, found(&j));
    }
}
