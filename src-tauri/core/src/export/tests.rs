//! The export document: it reads back into equal data (entries with no mood recorded too, and
//! documents made before they could exist), its words resolve, and its files are written
//! atomically and never over something by accident.

use super::*;
use crate::care::{AftercareNeeds, SafetyPlan, SupportNumbers};
use crate::journal::Options;
use crate::keystore::NoKeyring;
use crate::model::{EntryInput, Quadrant};
use crate::secret::Passphrase;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A journal with two entries on two days, own words, settings and a full care record.
fn journal(dir: &Path) -> Journal {
    let j = Journal::with_options(dir, Box::new(NoKeyring), Options::for_tests());
    j.create(Passphrase::new("pw".into())).unwrap();
    let now = at("2026-03-03T09:00:00+01:00");
    let word = j.add_own_emotion("glimmery", Quadrant::Calm).unwrap();
    let label = j.add_own_label("the hush").unwrap();
    let mut a = EntryInput::with_mood(-0.6, -0.5);
    a.at = Some(at("2026-03-01T23:10:00+01:00"));
    a.emotions = vec!["tearful".into()];
    a.labels = vec!["post-sex-blues".into()];
    a.aftercare_got = vec!["cuddling".into()];
    a.choice = Some(Choice::Mostly);
    a.timing = Some(Timing::RightAfter);
    a.partner = Some("J".into());
    a.text = "Felt far away, then \"fine\", then, well.\n# not a heading".into();
    a.check_in = Some(CheckIn::Tomorrow);
    let first = j.add(a, now).unwrap();
    let mut b = EntryInput::with_mood(0.5, -0.4);
    b.at = Some(at("2026-03-02T10:00:00+01:00"));
    b.emotions = vec![word.id.clone()];
    b.labels = vec![label.id.clone()];
    b.follows = Some(first.id.clone());
    b.text = "lighter today".into();
    j.add(b, now).unwrap();
    let mut settings = j.settings().unwrap();
    settings.idle_minutes = 12;
    j.save_settings(settings).unwrap();
    j.save_safety_plan(SafetyPlan { what_helps: "a walk by the river".into(), ..SafetyPlan::default() }).unwrap();
    j.save_aftercare_needs(AftercareNeeds {
        items: vec!["cuddling".into()],
        words_note: "tell me it was good".into(),
        ..AftercareNeeds::default()
    })
    .unwrap();
    j.save_support_numbers(SupportNumbers { crisis_line: "116 123".into(), ..SupportNumbers::default() }, false)
        .unwrap();
    j.dismiss_check_ins(&[first.id.as_str()]).unwrap();
    j
}

#[test]
fn a_journal_exported_and_read_back_gives_equal_data() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let doc = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap();
    assert_eq!(doc.format, FORMAT);
    assert_eq!(doc.entries.len(), 2);
    assert!(doc.entries[0].entry.at < doc.entries[1].entry.at, "oldest first");

    let back = ExportDoc::parse(doc.to_json().as_bytes()).unwrap();
    assert_eq!(back, doc);
    // And it is the journal's own data, field for field.
    let mut entries: Vec<Entry> = j.with_entries(|it| it.cloned().collect()).unwrap();
    entries.reverse();
    assert_eq!(back.entries.iter().map(|x| x.entry.clone()).collect::<Vec<_>>(), entries);
    assert_eq!(back.own_words, j.vocabulary().unwrap());
    assert_eq!(back.settings, j.settings().unwrap());
    assert_eq!(back.care, j.care_record().unwrap());
    assert_eq!(back.care.check_ins_done, [entries[0].id.clone()]);
    assert_eq!(back.care.numbers.crisis_line, "116 123");
}

#[test]
fn the_document_has_its_shape_and_words_beside_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let doc = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["care", "entries", "exportedAt", "format", "ownWords", "range", "settings"]);
    let text = doc.to_json();
    assert!(text.starts_with("{\n  \"format\": \"tend-export/1\",\n  \"exportedAt\""), "format first: {}", &text[..60]);
    assert_eq!(v["format"], "tend-export/1");
    assert_eq!(v["exportedAt"], "2026-03-04T08:00:00+01:00");
    let first = &v["entries"][0];
    assert_eq!(first["emotions"][0], "tearful");
    assert_eq!(first["inWords"]["labels"][0], "post-sex blues");
    assert_eq!(
        first["inWords"]["aftercareGot"][0],
        shipped().aftercare.iter().find(|c| c.id == "cuddling").unwrap().label
    );
    let second = &v["entries"][1];
    assert!(second["emotions"][0].as_str().unwrap().starts_with("own-"));
    assert_eq!(second["inWords"]["feelings"][0], "glimmery", "own words resolved");
    assert_eq!(second["inWords"]["labels"][0], "the hush");
    assert_eq!(v["settings"]["idleMinutes"], 12);
    assert_eq!(v["care"]["safetyPlan"]["whatHelps"], "a walk by the river");
}

#[test]
fn reading_back_refuses_other_formats_and_unknown_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let doc = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["format"] = "tend-export/2".into();
    assert_eq!(ExportDoc::parse(v.to_string().as_bytes()).unwrap_err().field, "format");
    assert_eq!(ExportDoc::parse(b"not json").unwrap_err().field, "format");
    v["format"] = FORMAT.into();
    v["surprise"] = true.into();
    assert_eq!(ExportDoc::parse(v.to_string().as_bytes()).unwrap_err().field, "export");
}

#[test]
fn a_range_keeps_its_days_and_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let now = at("2026-03-04T08:00:00+01:00");
    let only = |from: Option<&str>, to: Option<&str>| {
        let r = Range { from: from.map(day), to: to.map(day) };
        j.export(r, now).unwrap().entries.iter().map(|x| x.entry.text.clone()).collect::<Vec<_>>()
    };
    assert_eq!(only(Some("2026-03-02"), None), ["lighter today"]);
    assert_eq!(only(None, Some("2026-03-01")).len(), 1);
    assert_eq!(only(Some("2026-03-01"), Some("2026-03-02")).len(), 2);
    assert!(only(Some("2026-03-03"), None).is_empty());
    let bad = |from: &str, to: &str| j.export(Range { from: Some(day(from)), to: Some(day(to)) }, now).unwrap_err();
    assert_eq!(bad("1899-12-31", "2026-01-01").code(), "invalid_input");
    assert!(bad("2026-01-01", "2201-01-01").to_string().starts_with("to: use a date between"));
    assert!(bad("2026-03-02", "2026-03-01").to_string().contains("before the first"));
}

#[test]
fn markdown_reads_in_words_by_day_oldest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let md = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap().to_markdown();
    let sunday = md.find("## Sunday 1 March 2026").unwrap();
    let monday = md.find("## Monday 2 March 2026").unwrap();
    assert!(sunday < monday);
    assert!(md.contains("not encrypted"));
    assert!(md.contains("- Names for it: post-sex blues"));
    assert!(md.contains("- Feelings: glimmery"), "own words in words: {}", &*md);
    assert!(md.contains("- Names for it: the hush"));
    assert!(md.contains("- Did it all feel like my choice: mostly"));
    assert!(md.contains("- Follows: the entry of 1 March 2026, 23:10"));
    assert!(md.contains("> # not a heading"), "the person's lines are quoted");
    assert!(!md.contains("own-"), "no ids for own words");
    assert!(md.contains("## My safety plan") && md.contains("a walk by the river"));
    assert!(md.contains("- Words: tell me it was good"));
    assert!(md.contains("- Crisis line: 116 123"));
}

#[test]
fn csv_has_one_row_per_entry_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let csv = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap().to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER.join(","));
    assert_eq!(lines.len(), 4, "header, two rows, and the last line ending: {:?}", lines);
    assert!(lines[1].contains(",-0.6,-0.5,heavy,tearful,post-sex blues,"), "{}", lines[1]);
    assert!(lines[1].contains(",\"Felt far away, then \"\"fine\"\", then, well.\n# not a heading\","), "{}", lines[1]);
    assert!(lines[2].contains(",glimmery,the hush,"), "{}", lines[2]);
}

#[test]
fn csv_cells_are_quoted_and_formulas_stay_text() {
    let cell = |s: &str, guard: bool| {
        let mut out = String::new();
        csv_cell(&mut out, s, guard);
        out
    };
    assert_eq!(cell("plain", true), "plain");
    assert_eq!(cell("a, b", true), "\"a, b\"");
    assert_eq!(cell("say \"hi\"", true), "\"say \"\"hi\"\"\"");
    assert_eq!(cell("two\nlines", true), "\"two\nlines\"");
    assert_eq!(cell(" padded", true), "\" padded\"");
    assert_eq!(cell("=HYPERLINK(\"x\")", true), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(cell("+1 555", true), "'+1 555");
    assert_eq!(cell("-J", true), "'-J");
    assert_eq!(cell("@SUM(A1)", true), "'@SUM(A1)");
    assert_eq!(cell("\tx", true), "'\tx");
    assert_eq!(cell("-0.6", false), "-0.6", "numbers Tend writes are not the person's text");
}

#[test]
fn a_file_is_written_whole_and_never_over_another() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("journal.md");
    write_file(&out, b"first", false).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"first");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let err = write_file(&out, b"second", false).unwrap_err();
    assert_eq!(err.code(), "export_exists");
    assert_eq!(std::fs::read(&out).unwrap(), b"first", "left untouched");
    write_file(&out, b"second", true).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"second");
    let missing = tmp.path().join("no such folder").join("x.csv");
    assert_eq!(write_file(&missing, b"x", false).unwrap_err().code(), "export_not_written");
    // A folder in the way is refused, replace or not, and no temporary file is left anywhere.
    let folder = tmp.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(write_file(&folder, b"x", false).unwrap_err().code(), "export_exists");
    assert_eq!(write_file(&folder, b"x", true).unwrap_err().code(), "export_not_written");
    let mut names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["folder", "journal.md"]);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_way_is_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("elsewhere.txt");
    std::fs::write(&target, b"keep me").unwrap();
    let out = tmp.path().join("export.json");
    std::os::unix::fs::symlink(&target, &out).unwrap();
    assert_eq!(write_file(&out, b"secret", false).unwrap_err().code(), "export_exists");
    write_file(&out, b"secret", true).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me", "the link was replaced, not followed");
    assert!(!std::fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_temporary_name_is_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("elsewhere.txt");
    std::fs::write(&target, b"keep me").unwrap();
    let planted = tmp.path().join(".export.json.planted.tmp");
    std::os::unix::fs::symlink(&target, &planted).unwrap();
    let out = tmp.path().join("export.json");
    for replace in [false, true] {
        let err = write_via(&out, &planted, tmp.path(), b"secret", replace).unwrap_err();
        assert_eq!(err.code(), "export_not_written");
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    assert!(std::fs::symlink_metadata(&planted).unwrap().file_type().is_symlink(), "not ours to remove");
    assert!(std::fs::symlink_metadata(&out).is_err(), "nothing written");
}

/// A document exactly as Tend made it before an entry could lack a mood: every entry has its
/// mood and quadrant.
const OLD_DOC: &str = r#"{
  "format": "tend-export/1",
  "exportedAt": "2026-03-04T08:00:00+01:00",
  "range": {"from": null, "to": null},
  "entries": [
    {
      "id": "0b9f6a5c-3d2e-4f71-8293-a4b5c6d7e8f9",
      "at": "2026-03-01T23:10:00+01:00",
      "created": "2026-03-03T09:00:00+01:00",
      "updated": "2026-03-03T09:00:00+01:00",
      "mood": {"pleasantness": -0.6, "energy": -0.5},
      "quadrant": "heavy",
      "emotions": ["tearful"],
      "labels": ["post-sex-blues"],
      "context": [],
      "aftercareGot": ["cuddling"],
      "aftercareWanted": [],
      "body": [],
      "choice": "mostly",
      "timing": "right-after",
      "follows": null,
      "partner": "J",
      "prompt": null,
      "text": "quiet",
      "checkIn": null,
      "inWords": {"feelings": ["tearful"], "labels": ["post-sex blues"], "context": [], "aftercareGot": ["cuddling"], "aftercareWanted": [], "body": [], "prompt": null}
    }
  ],
  "ownWords": {"emotions": [], "labels": []},
  "settings": {"idleMinutes": 5, "windowTitle": "Notes", "theme": "system"},
  "care": {}
}"#;

#[test]
fn a_document_made_before_moods_could_be_absent_still_reads() {
    let doc = ExportDoc::parse(OLD_DOC.as_bytes()).unwrap();
    let e = &doc.entries[0].entry;
    assert_eq!(e.mood, Some(crate::model::Mood { pleasantness: -0.6, energy: -0.5 }));
    assert_eq!(e.quadrant, Some(Quadrant::Heavy));
    assert_eq!(e.text, "quiet");
    // Written again, the entry's mood and quadrant are as they were.
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(v["entries"][0]["mood"], serde_json::json!({"pleasantness": -0.6, "energy": -0.5}));
    assert_eq!(v["entries"][0]["quadrant"], "heavy");
    // And it comes back into a journal with its mood.
    let tmp = tempfile::tempdir().unwrap();
    let j = merged(tmp.path(), &doc);
    let back = j.get(&e.id).unwrap();
    assert_eq!((back.mood, back.quadrant), (e.mood, e.quadrant));
}

/// A new journal with `doc` merged in, as from a backup sealed to its recovery key.
fn merged(dir: &Path, doc: &ExportDoc) -> Journal {
    let j = Journal::with_options(dir.join("j"), Box::new(NoKeyring), Options::for_tests());
    let c = j.create(Passphrase::new("pw".into())).unwrap();
    let rk = c.recovery_key.dangerously_expose().to_owned();
    let key = crate::recovery::parse_key(&rk).unwrap();
    let recipient = crate::backup::BackupIdentity::from_recovery_key(&key).recipient();
    let file = dir.join("b.age");
    crate::backup::seal(doc, &recipient, std::fs::File::create(&file).unwrap()).unwrap();
    assert_eq!(j.merge_backup(&file, &rk).unwrap().added, doc.entries.len());
    j
}

/// The export journal, plus an imported-style entry with no mood (and a feeling word).
fn journal_with_no_mood(dir: &Path) -> (Journal, String) {
    let j = journal(dir);
    let mut none = EntryInput::without_mood();
    none.at = Some(at("2026-03-02T21:30:00+01:00"));
    none.emotions = vec!["tender".into()];
    none.text = "Written in another journal".into();
    let e = j.add(none, at("2026-03-03T09:30:00+01:00")).unwrap();
    (j, e.id)
}

#[test]
fn an_entry_without_a_mood_goes_out_and_reads_back_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (j, id) = journal_with_no_mood(tmp.path());
    let doc = j.export(Range::default(), at("2026-03-04T08:00:00+01:00")).unwrap();
    assert_eq!(doc.entries.len(), 3);
    let back = ExportDoc::parse(doc.to_json().as_bytes()).unwrap();
    assert_eq!(back, doc);
    let none = back.entries.iter().find(|x| x.entry.id == id).unwrap();
    assert_eq!((none.entry.mood, none.entry.quadrant), (None, None));

    // In the document: both written, as null.
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let x = v["entries"].as_array().unwrap().iter().find(|x| x["id"] == id.as_str()).unwrap();
    let obj = x.as_object().unwrap();
    assert!(obj.contains_key("mood") && obj.contains_key("quadrant"), "{x}");
    assert_eq!((&x["mood"], &x["quadrant"]), (&serde_json::Value::Null, &serde_json::Value::Null));

    // The readable page says so plainly, and makes no point up.
    let md = doc.to_markdown();
    assert!(md.contains("### 21:30\n\n- No mood recorded\n- Feelings: tender"), "{}", &*md);
    assert_eq!(md.matches("- Mood: ").count(), 2, "the two entries with a mood keep their line");

    // The CSV leaves its pleasantness, energy and mood cells empty.
    let csv = doc.to_csv();
    let cells = |id: &str| -> Vec<String> {
        let row = csv.lines().find(|l| l.starts_with(id)).unwrap();
        row.split(',').map(str::to_owned).collect()
    };
    assert_eq!(&cells(&id)[4..8], ["", "", "", "tender"]);
    for x in doc.entries.iter().filter(|x| x.entry.id != id) {
        assert_eq!(cells(&x.entry.id)[6], x.entry.quadrant.unwrap().as_str(), "entries with a mood keep it");
    }

    // Brought back from a backup, it is still without a mood.
    let tmp2 = tempfile::tempdir().unwrap();
    let restored = merged(tmp2.path(), &back).get(&id).unwrap();
    assert_eq!((restored.mood, restored.quadrant, restored.text.as_str()), (None, None, "Written in another journal"));
}
