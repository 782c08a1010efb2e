//! Backups from the journal: sealed to the recovery key from the first day, written whole and
//! atomically, kept to the chosen number, and brought back whole or merged, twice adding nothing;
//! a wrong key or a bad file changes nothing.

use std::path::Path;

use super::super::tests::{dir_hash, entry, journal, pass, t};
use crate::backup::{self, BackupIdentity, Every};
use crate::care::SafetyPlan;
use crate::model::Settings;
use crate::recovery;

fn with_entries(dir: &Path, n: usize) -> (crate::Journal, String) {
    let (j, _) = journal(dir);
    let c = j.create(pass("pw")).unwrap();
    for i in 0..n {
        j.add(entry(&format!("entry {i} ✨")), t(1 + (i % 27) as u32, 10)).unwrap();
    }
    (j, c.recovery_key.dangerously_expose().to_owned())
}

#[test]
fn a_new_journal_backs_up_with_no_prompt_and_the_recovery_key_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, rk) = with_entries(&tmp.path().join("a"), 3);
    j.add_own_label("after the party").unwrap();
    j.save_safety_plan(SafetyPlan { what_helps: "tea, a blanket".into(), ..Default::default() }).unwrap();
    let out = tmp.path().join("b.age");
    let b = j.backup_to(&out, t(28, 9), false).unwrap();
    assert_eq!(b.entries, 3);
    let bytes = std::fs::read(&out).unwrap();
    for secret in ["entry 0", "tea, a blanket", "after the party", "tend-export"] {
        assert!(!String::from_utf8_lossy(&bytes).contains(secret), "{secret} in the clear");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let rk = recovery::parse_key(&rk).unwrap();
    let doc = backup::open(&bytes[..], &BackupIdentity::from_recovery_key(&rk)).unwrap();
    assert_eq!(doc, j.export(Default::default(), t(28, 9)).unwrap());
    // Never over a file already there; nothing else left in the folder.
    assert_eq!(j.backup_to(&out, t(28, 9), false).unwrap_err().code(), "export_exists");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn restore_into_an_empty_folder_gives_everything_back_and_keeps_the_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, rk) = with_entries(&tmp.path().join("old"), 5);
    let own = j.add_own_emotion("glowy", crate::model::Quadrant::Bright).unwrap();
    let mut e = entry("with my own word");
    e.emotions = vec![own.id.clone()];
    let first = j.add(e, t(3, 3)).unwrap();
    let mut follow = entry("the next morning");
    follow.follows = Some(first.id.clone());
    j.add(follow, t(4, 9)).unwrap();
    j.save_settings(Settings { idle_minutes: 12, ..Settings::default() }).unwrap();
    j.save_safety_plan(SafetyPlan { people: "Sam".into(), ..Default::default() }).unwrap();
    let file = tmp.path().join("b.age");
    j.backup_to(&file, t(28, 9), false).unwrap();
    let before = j.export(Default::default(), t(28, 9)).unwrap();
    j.lock();

    let (fresh, _) = journal(&tmp.path().join("new"));
    // A wrong key, a typo and a damaged file change nothing, and leave no journal behind.
    let (_, other) = recovery::generate();
    for (key, code) in [(other.dangerously_expose(), "backup_wrong_key"), ("ABCD-EFGH", "recovery_key_typo")] {
        assert_eq!(fresh.restore(&file, key, &pass("new")).unwrap_err().code(), code);
    }
    let cut = tmp.path().join("cut.age");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() - 30]).unwrap();
    assert_eq!(fresh.restore(&cut, &rk, &pass("new")).unwrap_err().code(), "backup_damaged");
    assert!(!fresh.status().unwrap().exists);

    let r = fresh.restore(&file, &rk, &pass("new")).unwrap();
    assert_eq!(r.added, 7);
    let after = fresh.export(Default::default(), t(28, 9)).unwrap();
    assert_eq!(after.entries, before.entries, "every entry, field for field, ids kept");
    assert_eq!(after.own_words, before.own_words);
    assert_eq!(after.settings, before.settings);
    assert_eq!(after.care, before.care);
    let names: Vec<_> = std::fs::read_dir(tmp.path().join("new")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!names.iter().any(|n| n.to_string_lossy().contains("restoring")), "{names:?}");
    // The new passphrase opens it; the same recovery key still does, and its backups still read.
    fresh.lock();
    fresh.unlock(&pass("new")).unwrap();
    fresh.backup_to(&tmp.path().join("c.age"), t(28, 10), false).unwrap();
    fresh.lock();
    fresh.recover(&rk, &pass("newer")).unwrap();
    // A folder with a journal in it is never restored over.
    assert_eq!(fresh.restore(&file, &rk, &pass("x")).unwrap_err().code(), "restore_needs_empty_folder");
}

#[test]
fn merging_a_backup_twice_adds_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, rk) = with_entries(&tmp.path().join("a"), 4);
    let file = tmp.path().join("b.age");
    j.backup_to(&file, t(28, 9), false).unwrap();
    let gone = j.list(0, 10).unwrap().items[0].id.clone();
    j.delete(&gone).unwrap();
    j.add(entry("only here"), t(27, 9)).unwrap();
    let r = j.merge_backup(&file, &rk).unwrap();
    assert_eq!((r.added, r.already_here), (1, 3));
    assert!(j.get(&gone).is_ok(), "the deleted entry is back");
    let dir = tmp.path().join("a");
    j.lock();
    j.unlock(&pass("pw")).unwrap();
    assert_eq!(j.list(0, 10).unwrap().total, 5);
    let before = dir_hash(&dir);
    let r = j.merge_backup(&file, &rk).unwrap();
    assert_eq!((r.added, r.already_here), (0, 4));
    assert_eq!(dir_hash(&dir), before, "nothing written");
    let (_, wrong) = recovery::generate();
    assert_eq!(j.merge_backup(&file, wrong.dangerously_expose()).unwrap_err().code(), "backup_wrong_key");
    assert_eq!(dir_hash(&dir), before);
}

#[test]
fn a_new_recovery_key_or_a_new_key_moves_backups_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, old) = with_entries(&tmp.path().join("a"), 2);
    let read_with = |file: &Path, key: &str| {
        let rk = recovery::parse_key(key).unwrap();
        backup::open(std::fs::File::open(file).unwrap(), &BackupIdentity::from_recovery_key(&rk))
    };
    let new = j.new_recovery_key(&pass("pw")).unwrap();
    j.backup_to(&tmp.path().join("1.age"), t(28, 9), false).unwrap();
    assert!(read_with(&tmp.path().join("1.age"), new.dangerously_expose()).is_ok());
    assert_eq!(read_with(&tmp.path().join("1.age"), &old).unwrap_err().code(), "backup_wrong_key");
    assert!(j.backup_after_new_key(t(28, 9)).is_none(), "backups off: nothing written");
    let folder = tmp.path().join("auto");
    std::fs::create_dir(&folder).unwrap();
    j.save_backup_plan(Some(folder.display().to_string()), Every::Weekly, 10).unwrap();
    let fresh = j.backup_after_new_key(t(28, 9)).expect("backups on").unwrap();
    assert!(read_with(Path::new(&fresh.file), new.dangerously_expose()).is_ok());
    let rekeyed = j.rekey(&pass("pw"), &pass("pw2")).unwrap();
    j.backup_to(&tmp.path().join("2.age"), t(28, 9), false).unwrap();
    assert!(read_with(&tmp.path().join("2.age"), rekeyed.recovery_key.dangerously_expose()).is_ok());
    // And after a lock, as stored.
    j.lock();
    j.unlock(&pass("pw2")).unwrap();
    j.backup_to(&tmp.path().join("3.age"), t(28, 9), false).unwrap();
    assert!(read_with(&tmp.path().join("3.age"), rekeyed.recovery_key.dangerously_expose()).is_ok());
}

#[test]
fn a_journal_from_before_backups_asks_for_its_recovery_key_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, rk) = with_entries(&tmp.path().join("a"), 1);
    // As a journal made before backups existed: no plan at all.
    let mut plan = j.backup_plan().unwrap();
    plan.recipient = None;
    j.with_session(|s| s.save_backups(plan)).unwrap();
    let out = tmp.path().join("b.age");
    assert_eq!(j.backup_to(&out, t(28, 9), false).unwrap_err().code(), "backup_needs_recovery_key");
    assert!(!out.exists());
    let (_, wrong) = recovery::generate();
    assert_eq!(j.set_backup_key(wrong.dangerously_expose()).unwrap_err().code(), "wrong_recovery_key");
    j.set_backup_key(&rk).unwrap();
    j.backup_to(&out, t(28, 9), false).unwrap();
}

#[test]
fn automatic_backups_keep_the_chosen_number_and_touch_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = with_entries(&tmp.path().join("a"), 1);
    let folder = tmp.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), b"mine").unwrap();
    std::fs::write(folder.join("tend-backup-old.age"), b"not one of ours by name").unwrap();
    assert_eq!(j.save_backup_plan(None, Every::Daily, 3).unwrap_err().code(), "backup_no_folder");
    assert_eq!(j.save_backup_plan(Some("relative".into()), Every::Daily, 3).unwrap_err().code(), "invalid_input");
    j.save_backup_plan(Some(folder.display().to_string()), Every::Daily, 3).unwrap();
    let mut made = Vec::new();
    for day in 1..=5 {
        let b = j.backup_if_due(t(day, 22)).expect("due once a day").unwrap();
        assert!(j.backup_if_due(t(day, 23)).is_none(), "not twice a day");
        made.push(b.file);
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "notes.txt",
            "tend-backup-20260303-2200.age",
            "tend-backup-20260304-2200.age",
            "tend-backup-20260305-2200.age",
            "tend-backup-old.age"
        ]
    );
    let plan = j.backup_plan().unwrap();
    assert_eq!(plan.last_good, Some(t(5, 22)));
    assert_eq!(plan.last_file.as_deref(), made.last().map(String::as_str));
    // A folder that went away: the failure is remembered calmly, the backups there are kept.
    let gone = tmp.path().join("usb");
    j.save_backup_plan(Some(gone.display().to_string()), Every::Daily, 3).unwrap();
    let err = j.backup_now(t(6, 22)).unwrap_err();
    assert_eq!(err.code(), "backup_not_written");
    let plan = j.backup_plan().unwrap();
    assert!(plan.problem.is_some() && plan.last_good == Some(t(5, 22)), "{plan:?}");
    // Two in one minute both land.
    j.save_backup_plan(Some(folder.display().to_string()), Every::Off, 10).unwrap();
    let a = j.backup_now(t(7, 22)).unwrap();
    let b = j.backup_now(t(7, 22)).unwrap();
    assert_ne!(a.file, b.file);
    assert!(j.backup_plan().unwrap().problem.is_none());
}

#[test]
fn a_backup_with_its_own_passphrase_opens_with_that_passphrase_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, rk) = with_entries(&tmp.path().join("a"), 3);
    let file = tmp.path().join("for-a-friend.age");
    j.backup_to_with_passphrase(&file, &pass("our shared words"), t(28, 9)).unwrap();
    let before = j.export(Default::default(), t(28, 9)).unwrap();
    assert!(backup::has_own_passphrase(&file));
    let f = || std::fs::File::open(&file).unwrap();
    let doc = backup::open_with_passphrase(f(), &pass("our shared words")).unwrap();
    assert_eq!(doc.entries, before.entries);
    assert_eq!(backup::open_with_passphrase(f(), &pass("other")).unwrap_err().code(), "backup_wrong_passphrase");
    // The recovery key doesn't open it, and says why.
    let id = BackupIdentity::from_recovery_key(&recovery::parse_key(&rk).unwrap());
    assert_eq!(backup::open(f(), &id).unwrap_err().code(), "backup_has_own_passphrase");
    assert_eq!(j.merge_backup(&file, &rk).unwrap_err().code(), "backup_has_own_passphrase");
    // A recovery-key backup, the other way round.
    let usual = tmp.path().join("usual.age");
    j.backup_to(&usual, t(28, 9), false).unwrap();
    let u = std::fs::File::open(&usual).unwrap();
    assert_eq!(backup::open_with_passphrase(u, &pass("x")).unwrap_err().code(), "backup_opens_with_recovery_key");
    j.lock();

    // A new folder: restored with the backup's passphrase, and a new recovery key to keep.
    let (fresh, _) = journal(&tmp.path().join("new"));
    assert_eq!(
        fresh.restore_with_passphrase(&file, &pass("nope"), &pass("mine")).unwrap_err().code(),
        "backup_wrong_passphrase"
    );
    assert!(!fresh.status().unwrap().exists);
    let (r, new_rk) = fresh.restore_with_passphrase(&file, &pass("our shared words"), &pass("mine")).unwrap();
    assert_eq!(r.added, 3);
    assert_eq!(fresh.export(Default::default(), t(28, 9)).unwrap().entries, before.entries);
    assert_ne!(new_rk.dangerously_expose(), rk);
    fresh.lock();
    fresh.recover(new_rk.dangerously_expose(), &pass("again")).unwrap();
    assert_eq!(fresh.merge_backup_with_passphrase(&file, &pass("our shared words")).unwrap().added, 0);
}

#[test]
fn a_restored_file_says_nothing_of_when_its_entries_were_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(&tmp.path().join("old"));
    let rk = j.create(pass("pw")).unwrap().recovery_key.dangerously_expose().to_owned();
    let mut ids = Vec::new();
    let mut len = 7usize;
    for i in 0..500 {
        len = (len * 7919 + 104_729) % 9000;
        let text: String = "a quiet evening, ".chars().cycle().take(10 + len).collect();
        ids.push(j.add(entry(&text), t(1, 0) + chrono::Duration::hours(i)).unwrap().id);
    }
    let file = tmp.path().join("b.age");
    j.backup_to(&file, t(28, 9), false).unwrap();
    let new_dir = tmp.path().join("new");
    let (k, _) = journal(&new_dir);
    assert_eq!(k.restore(&file, &rk, &pass("new")).unwrap().added, 500);
    // Open at once, with nothing left beside the journal.
    assert_eq!(k.list(0, 1).unwrap().total, 500);
    k.lock();
    super::super::tests::assert_file_order_says_nothing_of(&new_dir, &ids);
    let names: Vec<_> = std::fs::read_dir(&new_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!names.iter().any(|n| n.to_string_lossy().contains("restoring")), "{names:?}");
    k.unlock(&pass("new")).unwrap();
    assert_eq!(k.list(0, 1).unwrap().total, 500);
}

fn stopping_at(
    j: &crate::Journal,
    at: f64,
) -> (std::sync::Arc<crate::progress::Progress>, crate::journal::Watching<'_>) {
    let p = std::sync::Arc::new(crate::progress::Progress::new());
    p.cancel_at(at);
    let w = j.watch(p.clone());
    (p, w)
}

#[test]
fn a_backup_or_restore_stopped_part_way_leaves_everything_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(&tmp.path().join("old"));
    let rk = j.create(pass("pw")).unwrap().recovery_key.dangerously_expose().to_owned();
    j.add_many((0..1000).map(|i| entry(&format!("evening {i}"))).collect(), t(2, 9)).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A backup stopped half way: no file, not even a temporary one.
    {
        let (p, _w) = stopping_at(&j, 0.5);
        let e = j.backup_to(&out.join("b.age"), t(28, 9), false).unwrap_err();
        assert_eq!(e.code(), "cancelled", "{e}");
        assert!(p.view().fraction < 0.9);
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let file = out.join("b.age");
    {
        let p = std::sync::Arc::new(crate::progress::Progress::new());
        let _w = j.watch(p.clone());
        j.backup_to(&file, t(28, 9), false).unwrap();
        assert_eq!(p.view().fraction, 1.0);
    }
    // A restore stopped while reading the file, and while checking its entries: the folder
    // holds no journal and nothing beside it, and the next restore works.
    let new_dir = tmp.path().join("new");
    let (k, _) = journal(&new_dir);
    for at in [0.2, 0.7] {
        let (_p, _w) = stopping_at(&k, at);
        let e = k.restore(&file, &rk, &pass("new")).unwrap_err();
        assert_eq!(e.code(), "cancelled", "at {at}: {e}");
        assert!(!k.status().unwrap().exists);
        let names: Vec<_> =
            std::fs::read_dir(&new_dir).map(|d| d.map(|e| e.unwrap().file_name()).collect()).unwrap_or_default();
        assert!(names.iter().all(|n| n == "tend.lock"), "only the writer lock: {names:?}");
    }
    assert_eq!(k.restore(&file, &rk, &pass("new")).unwrap().added, 1000);
    // Merging into a journal, stopped: nothing added.
    let (m, _) = journal(&tmp.path().join("merge"));
    m.create(pass("pw")).unwrap();
    for at in [0.2, 0.7] {
        let (_p, _w) = stopping_at(&m, at);
        assert_eq!(m.merge_backup(&file, &rk).unwrap_err().code(), "cancelled");
        assert_eq!(m.list(0, 1).unwrap().total, 0);
    }
    assert_eq!(m.merge_backup(&file, &rk).unwrap().added, 1000);
}

#[test]
fn the_document_written_with_progress_is_byte_for_byte_the_plain_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = with_entries(tmp.path(), 130);
    j.save_safety_plan(SafetyPlan { what_helps: "tea".into(), ..Default::default() }).unwrap();
    let doc = j.export(Default::default(), t(28, 9)).unwrap();
    let mut ours = Vec::new();
    doc.write_json(&mut ours, &crate::progress::Progress::new(), (0.0, 1.0)).unwrap();
    assert_eq!(ours, serde_json::to_vec(&doc).unwrap());
}

#[test]
fn a_stopped_backup_is_no_problem_and_only_its_own_bar_is_let_go() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = with_entries(&tmp.path().join("j"), 300);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    j.save_backup_plan(Some(out.display().to_string()), Every::Off, 10).unwrap();
    {
        let (_p, _w) = stopping_at(&j, 0.3);
        assert_eq!(j.backup_now(t(28, 9)).unwrap_err().code(), "cancelled");
    }
    let plan = j.backup_plan().unwrap();
    assert_eq!((plan.problem, plan.last_good), (None, None), "a stop is not a failed backup");
    // Two watched at once: letting go of the first leaves the second watched.
    let first = std::sync::Arc::new(crate::progress::Progress::new());
    let second = std::sync::Arc::new(crate::progress::Progress::new());
    let w1 = j.watch(first);
    let w2 = j.watch(second.clone());
    drop(w1);
    j.cancel_work();
    assert!(second.is_cancelled(), "the newest work is the one watched");
    drop(w2);
    assert!(j.work_progress().is_none());
}
