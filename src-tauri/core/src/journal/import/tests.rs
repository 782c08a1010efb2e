//! Importing from other journal apps into the journal: a preview that saves nothing, one
//! transaction, a second import of the same file adding nothing, and a bad file changing nothing.

use chrono::FixedOffset;

use super::super::tests::{dir_hash, journal, pass, t};
use crate::import::Source;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)).unwrap()
}

fn here() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

#[test]
fn jrnl_comes_in_once_with_its_words_tags_and_times_and_no_made_up_mood() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(tmp.path());
    j.create(pass("pw")).unwrap();
    let bytes = fixture("jrnl.json");
    let before = dir_hash(tmp.path());
    let p = j.import_preview(&bytes, None, Some("jrnl.json"), here()).unwrap();
    assert_eq!((p.source, p.entries, p.already_here), (Source::Jrnl, 5, 0));
    assert!(p.line.starts_with("5 entries from 2019-03-02 to 2023-05-20"), "{}", p.line);
    assert_eq!(dir_hash(tmp.path()), before, "a preview saves nothing");

    let r = j.import(&bytes, None, Some("jrnl.json"), here(), t(28, 9)).unwrap();
    assert_eq!((r.added, r.already_here), (5, 0));
    let all = j.list(0, 10).unwrap();
    assert_eq!(all.total, 5);
    assert!(all.items.iter().all(|e| e.mood.is_none() && e.quadrant.is_none()), "no made-up mood");
    let oldest = all.items.last().unwrap();
    assert_eq!(oldest.at.date_naive().to_string(), "2019-03-02");
    assert!(all.items.iter().any(|e| e.text.contains("Tags: ")), "tags kept in the words");
    assert!(all.items.iter().any(|e| e.text.contains("Starred")));

    // The same file again adds nothing; its preview says so.
    let p = j.import_preview(&bytes, Some(Source::Jrnl), None, here()).unwrap();
    assert_eq!(p.already_here, 5);
    let again = j.import(&bytes, Some(Source::Jrnl), None, here(), t(28, 10)).unwrap();
    assert_eq!((again.added, again.already_here), (0, 5));
    j.lock();
    j.unlock(&pass("pw")).unwrap();
    assert_eq!(j.list(0, 10).unwrap().total, 5, "durable, once");
}

#[test]
fn daylio_and_day_one_come_in_with_moods_where_the_app_kept_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(tmp.path());
    j.create(pass("pw")).unwrap();
    let daylio = j.import(&fixture("daylio.daylio"), None, Some("daylio.daylio"), here(), t(28, 9)).unwrap();
    assert!(daylio.added > 0);
    let with_mood = j.list(0, 100).unwrap().items.iter().filter(|e| e.mood.is_some()).count();
    assert!(with_mood > 0, "Daylio's moods are on the grid");
    let dayone = j.import(&fixture("dayone.zip"), None, Some("dayone.zip"), here(), t(28, 9)).unwrap();
    assert!(dayone.added > 0);
    let total = j.list(0, 100).unwrap().total;
    assert_eq!(total, daylio.added + dayone.added);
    let ins = j.insights(&crate::insights::Query { from: None, to: None, today: t(28, 9).date_naive() }).unwrap();
    assert_eq!(ins.no_mood, dayone.added, "Day One entries are counted apart");
}

#[test]
fn a_bad_file_is_named_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(tmp.path());
    j.create(pass("pw")).unwrap();
    j.lock();
    j.unlock(&pass("pw")).unwrap();
    let before = dir_hash(tmp.path());
    for (bytes, code) in [
        (b"\xff\xfe not text".to_vec(), "import_not_utf8"),
        ([b"[".repeat(10_000), b"]".repeat(10_000)].concat(), "import_too_deep"),
        (b"{\"entries\": 3}".to_vec(), ""),
    ] {
        let e = j.import(&bytes, Some(Source::Jrnl), None, here(), t(28, 9)).unwrap_err();
        assert!(code.is_empty() || e.code() == code, "{} {e}", e.code());
        assert!(e.code().starts_with("import_"), "{}", e.code());
    }
    assert_eq!(dir_hash(tmp.path()), before);
    assert_eq!(j.list(0, 10).unwrap().total, 0);
}

#[test]
fn an_import_stopped_part_way_writes_nothing_and_the_same_file_comes_in_after() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, _) = journal(&tmp.path().join("j"));
    j.create(pass("pw")).unwrap();
    j.lock();
    j.unlock(&pass("pw")).unwrap();
    let entries: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            serde_json::json!({"title": format!("evening {i}"), "body": "quiet", "date": format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "time": format!("{:02}:{:02}", i % 24, i % 60), "tags": [], "starred": false})
        })
        .collect();
    let file = tmp.path().join("jrnl.json");
    std::fs::write(&file, serde_json::to_vec(&serde_json::json!({"tags": {}, "entries": entries})).unwrap()).unwrap();
    let before = dir_hash(&tmp.path().join("j"));
    // Stopped while reading the file, and while checking its entries.
    for at in [0.1, 0.7] {
        let p = std::sync::Arc::new(crate::progress::Progress::new());
        p.cancel_at(at);
        let watching = j.watch(p.clone());
        let e = j.import_file(&file, Some(Source::Jrnl), here(), t(28, 9)).unwrap_err();
        drop(watching);
        assert_eq!(e.code(), "cancelled", "at {at}: {e}");
        assert!(p.view().fraction < 0.9, "at {at}: {:?}", p.view());
        assert_eq!(dir_hash(&tmp.path().join("j")), before, "at {at}");
        assert_eq!(j.list(0, 1).unwrap().total, 0);
    }
    let p = std::sync::Arc::new(crate::progress::Progress::new());
    let watching = j.watch(p.clone());
    assert_eq!(j.import_file(&file, Some(Source::Jrnl), here(), t(28, 9)).unwrap().added, 1000);
    drop(watching);
    assert_eq!(p.view().fraction, 1.0);
}
