//! Drafts kept at lock come back after unlock, sealed on disk; a draft picked up and kept again
//! replaces itself, a new one is kept beside it, and each goes once let go. They never travel in
//! exports or backups.

use super::Draft;
use crate::journal::tests::{entry, journal, pass, raw_conn, t};

fn draft(text: &str) -> Draft {
    Draft { id: None, input: entry(text), editing: None, kept_at: None }
}

fn draft_records(dir: &std::path::Path) -> i64 {
    raw_conn(dir).query_row("SELECT count(*) FROM records WHERE kind = 8", [], |r| r.get(0)).unwrap()
}

#[test]
fn drafts_kept_at_lock_come_back_after_unlock_and_go_when_let_go() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("pw")).unwrap();
    assert!(j.drafts().unwrap().is_empty());
    let first = j.keep_draft(draft("half a sentence about last nig"), t(3, 22)).unwrap();
    j.lock();
    // Sealed: the words are nowhere on disk in the clear.
    for f in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains("half a sentence"));
    }
    j.unlock(&pass("pw")).unwrap();
    let back = j.drafts().unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].input, entry("half a sentence about last nig"));
    assert_eq!((back[0].id.as_deref(), back[0].kept_at), (Some(first.as_str()), Some(t(3, 22))));
    assert!(j.check().unwrap().damaged.is_empty());

    // Picked up and kept again: it replaces itself. A new one (an edit) is kept beside it.
    let mut again = draft("half a sentence about last night, finished");
    again.id = Some(first.clone());
    assert_eq!(j.keep_draft(again, t(3, 23)).unwrap(), first);
    let mut edit = draft("changed my mind about the words");
    edit.editing = Some("an-entry-id".into());
    let second = j.keep_draft(edit, t(3, 23)).unwrap();
    assert_ne!(second, first);
    j.lock();
    assert_eq!(draft_records(dir.path()), 1, "all drafts in one record");
    j.unlock(&pass("pw")).unwrap();
    let back = j.drafts().unwrap();
    let texts: Vec<&str> = back.iter().map(|d| d.input.text.as_str()).collect();
    assert_eq!(texts, ["changed my mind about the words", "half a sentence about last night, finished"]);
    assert_eq!(back[0].editing.as_deref(), Some("an-entry-id"));

    // Let go, one by one: gone from memory and, with the last, from the file.
    j.discard_draft(&first).unwrap();
    assert_eq!(j.drafts().unwrap().len(), 1);
    assert_eq!(j.discard_draft(&first).unwrap_err().code(), "not_found");
    j.discard_draft(&second).unwrap();
    assert!(j.drafts().unwrap().is_empty());
    j.lock();
    assert_eq!(draft_records(dir.path()), 0);
    j.unlock(&pass("pw")).unwrap();
    assert!(j.drafts().unwrap().is_empty());
}

#[test]
fn drafts_stay_out_of_exports_and_come_through_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("pw")).unwrap();
    j.add(entry("saved words"), t(2, 9)).unwrap();
    j.keep_draft(draft("unsaved words"), t(3, 22)).unwrap();
    let doc = serde_json::to_string(&j.export(Default::default(), t(4, 9)).unwrap()).unwrap();
    assert!(doc.contains("saved words") && !doc.contains("unsaved words"));
    j.rekey(&pass("pw"), &pass("new")).unwrap();
    j.lock();
    j.unlock(&pass("new")).unwrap();
    assert_eq!(j.drafts().unwrap()[0].input.text, "unsaved words");
}

#[test]
fn too_large_a_draft_is_refused_and_no_more_than_the_cap_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("pw")).unwrap();
    j.keep_draft(draft("the one kept"), t(3, 22)).unwrap();
    let huge = draft(&"x".repeat(crate::model::MAX_TEXT_CHARS + 1));
    assert_eq!(j.keep_draft(huge, t(3, 23)).unwrap_err().code(), "invalid_input");
    let mut many = draft("many");
    many.input.emotions = vec!["tender".into(); 500];
    assert!(j.keep_draft(many, t(3, 23)).is_err());
    assert_eq!(j.drafts().unwrap().len(), 1);
    for i in 0..super::MAX_DRAFTS + 3 {
        j.keep_draft(draft(&format!("draft {i}")), t(4, 9)).unwrap();
    }
    let kept = j.drafts().unwrap();
    assert_eq!(kept.len(), super::MAX_DRAFTS);
    assert_eq!(kept[0].input.text, format!("draft {}", super::MAX_DRAFTS + 2), "the newest first");
    j.lock();
    assert_eq!(j.keep_draft(draft("x"), t(3, 23)).unwrap_err().code(), "locked");
}

#[test]
fn deleting_an_entry_lets_its_kept_changes_go() {
    let dir = tempfile::tempdir().unwrap();
    let (j, _) = journal(dir.path());
    j.create(pass("pw")).unwrap();
    let e = j.add(entry("the saved words"), t(2, 9)).unwrap();
    let mut edit = draft("changes to the saved words");
    edit.editing = Some(e.id.clone());
    j.keep_draft(edit, t(3, 9)).unwrap();
    j.keep_draft(draft("a new one"), t(3, 10)).unwrap();
    j.delete(&e.id).unwrap();
    let left: Vec<String> = j.drafts().unwrap().into_iter().map(|d| d.input.text.clone()).collect();
    assert_eq!(left, ["a new one"]);
}
