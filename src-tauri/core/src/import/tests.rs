//! Tests for the import readers: each fixture reads to the entries it holds, ids are stable,
//! detection tells the formats apart, and hostile input (huge, bombed, deep, damaged, out of
//! range, mislabelled) is refused with a clear message and never a panic.

use std::collections::HashSet;
use std::io::{Cursor, Write};

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::common::{BAD_DATE, NOTHING, NO_DATE, ONLY_PHOTOS};
use super::limits::Limits;
use super::*;
use crate::model::{Mood, Quadrant};

const JRNL: &[u8] = include_bytes!("../../tests/fixtures/import/jrnl.json");
const DAYONE_JSON: &[u8] = include_bytes!("../../tests/fixtures/import/dayone/Journal.json");
const DAYONE_ZIP: &[u8] = include_bytes!("../../tests/fixtures/import/dayone.zip");
const DAYLIO_CSV: &[u8] = include_bytes!("../../tests/fixtures/import/daylio.csv");
const DAYLIO_BACKUP: &[u8] = include_bytes!("../../tests/fixtures/import/daylio.daylio");
const DAYLIO_JSON: &[u8] = include_bytes!("../../tests/fixtures/import/daylio-backup.json");
const MINIDIARIUM: &[u8] = include_bytes!("../../tests/fixtures/import/minidiarium.json");
const MINIDIARY: &[u8] = include_bytes!("../../tests/fixtures/import/minidiary.json");

/// Every fixture, with the name it would have on disk and the app that made it.
const FIXTURES: [(&str, &[u8], Source); 8] = [
    ("jrnl.json", JRNL, Source::Jrnl),
    ("Journal.json", DAYONE_JSON, Source::DayOne),
    ("dayone.zip", DAYONE_ZIP, Source::DayOne),
    ("daylio.csv", DAYLIO_CSV, Source::Daylio),
    ("backup.daylio", DAYLIO_BACKUP, Source::Daylio),
    ("daylio-backup.json", DAYLIO_JSON, Source::Daylio),
    ("minidiarium.json", MINIDIARIUM, Source::MiniDiarium),
    ("minidiary.json", MINIDIARY, Source::MiniDiarium),
];

fn here() -> FixedOffset {
    FixedOffset::east_opt(2 * 3600).unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn read(bytes: &[u8]) -> Parsed {
    parse(bytes, None, None, here()).unwrap()
}

fn kept<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.kept_as_text.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn skipped(p: &Parsed) -> Vec<(&str, usize)> {
    p.skipped.iter().map(|s| (s.reason.as_str(), s.count)).collect()
}

fn left_out(p: &Parsed, what: &str) -> usize {
    p.left_out.iter().find(|l| l.what == what).map_or(0, |l| l.count)
}

fn zip_of(members: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in members {
        w.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// ---- Each format ----

#[test]
fn jrnl_export_reads_every_entry_with_its_local_time_tags_and_star() {
    let p = read(JRNL);
    assert_eq!(p.source, Source::Jrnl);
    assert_eq!(p.items.len(), 5);
    assert!(p.skipped.is_empty() && p.left_out.is_empty());
    assert_eq!(p.photos_skipped, 0);

    let first = &p.items[0];
    assert_eq!(first.at, at("2019-03-02T21:14:00+02:00"));
    assert_eq!(first.title.as_deref(), Some("First evening."));
    assert_eq!(first.text, "Quiet, a little tired. @home");
    assert_eq!(first.tags, ["home"]);
    assert!(!first.starred);

    let second = &p.items[1];
    assert_eq!(second.at, at("2020-07-14T07:05:00+02:00"));
    assert_eq!(second.title.as_deref(), Some("Café au lait at dawn ☕ 🌅."));
    assert_eq!(second.text, "The body has two lines,\nand this is the second — with é and ü. @travel @home");
    assert_eq!(second.tags, ["travel", "home"]);

    let third = &p.items[2];
    assert!(third.starred);
    assert_eq!(third.title.as_deref(), Some("Last night of the year"));
    assert_eq!(third.text, "");

    assert_eq!(p.items[3].text, "A paragraph after a blank line.\n\n@work notes, and a tag in the body.");
    assert_eq!(p.items[4].at, at("2023-05-20T18:45:00+02:00"));
    for i in &p.items {
        assert_eq!(i.source_id.len(), 64, "a SHA-256 in hex");
        assert!(i.mood.is_none() && i.activities.is_empty() && i.kept_as_text.is_empty());
    }
    // Another offset moves the moment, not the wall clock.
    let utc = parse(JRNL, None, None, FixedOffset::east_opt(0).unwrap()).unwrap();
    assert_eq!(utc.items[0].at, at("2019-03-02T21:14:00Z"));
    assert_eq!(utc.items[0].source_id, p.items[0].source_id);
}

#[test]
fn day_one_json_reads_local_times_from_each_entrys_zone_and_cleans_the_text() {
    let p = read(DAYONE_JSON);
    assert_eq!(p.source, Source::DayOne);
    assert_eq!(p.items.len(), 4);
    assert_eq!(skipped(&p), [(ONLY_PHOTOS, 1), (NO_DATE, 1)]);
    assert_eq!(p.photos_skipped, 2);

    let a = &p.items[0];
    assert_eq!(a.source_id, "5F3C1A0E2B7D4C8E9A1B2C3D4E5F6A7B");
    assert_eq!(a.at, at("2019-03-02T21:14:00+01:00"), "Berlin in winter");
    assert_eq!(a.title.as_deref(), Some("First evening here ..."));
    assert_eq!(a.text, "Quiet, a little tired. Café au lait 🌙\nA second line, with an escaped bang!");
    assert_eq!(a.tags, ["home", "soirée"]);
    assert!(a.starred);
    assert_eq!(kept(a, "place"), Some("Kastanienallee, Berlin, Germany"));
    assert_eq!(a.kept_as_text.len(), 1, "{:?}", a.kept_as_text);

    let b = &p.items[1];
    assert_eq!(b.at, at("2020-07-14T07:05:00+02:00"), "Berlin in summer");
    assert_eq!(b.title, None);
    assert_eq!(b.text, "Summer morning, windows open.\n\nTwo paragraphs — and a list:\n\n- one\n- two");
    assert_eq!(kept(b, "isPinned"), Some("true"), "an unknown field is kept as text");

    let c = &p.items[2];
    assert_eq!(c.at, at("2020-12-31T23:59:00-05:00"), "New York, the day before in UTC terms");
    assert_eq!(c.tags, ["new year"]);

    let f = &p.items[3];
    assert_eq!(f.at, at("2022-02-02T14:00:00+02:00"), "an unknown zone takes the caller's offset");
    assert_eq!(kept(f, "timeZone"), Some("Mars/Olympus_Mons"));

    assert_eq!(left_out(&p, "weather"), 1);
    assert_eq!(left_out(&p, "location coordinates"), 1);
    assert_eq!(left_out(&p, "rich text formatting (the same words are kept)"), 1);
    assert_eq!(left_out(&p, "device and editing details"), 1);
}

#[test]
fn day_one_zip_reads_every_journal_in_it_and_names_them() {
    let p = read(DAYONE_ZIP);
    assert_eq!(p.source, Source::DayOne);
    assert_eq!(p.items.len(), 5);
    assert_eq!(p.photos_skipped, 2);
    assert_eq!(kept(&p.items[0], "journal"), Some("Journal"));
    let tokyo = p.items.iter().find(|i| kept(i, "journal") == Some("Travel")).unwrap();
    assert_eq!(tokyo.at, at("2023-08-10T18:30:00+09:00"));
    assert_eq!(tokyo.title.as_deref(), Some("東京"));
    assert_eq!(tokyo.text, "Rain on the window, tea in hand.");
    // The bare document's entries are the same, ids and all.
    let bare = read(DAYONE_JSON);
    let ids: Vec<_> = bare.items.iter().map(|i| &i.source_id).collect();
    assert_eq!(p.items.iter().take(4).map(|i| &i.source_id).collect::<Vec<_>>(), ids);
}

#[test]
fn daylio_csv_reads_moods_activities_and_both_clock_styles() {
    let p = parse(DAYLIO_CSV, None, Some("daylio_export.csv"), here()).unwrap();
    assert_eq!(p.source, Source::Daylio);
    assert_eq!(p.items.len(), 4);
    assert_eq!(skipped(&p), [(NO_DATE, 1)]);

    let a = &p.items[0];
    assert_eq!(a.at, at("2024-07-05T21:14:00+02:00"));
    assert_eq!(a.mood, Some(MoodHint { name: "rad".into(), group: 1 }));
    assert_eq!(a.activities, ["friends", "walk", "café ☕"]);
    assert_eq!(a.title.as_deref(), Some("Un été"));
    assert_eq!(a.text, "Long day by the lake.\nA second line, with ü and 🌊.");

    let b = &p.items[1];
    assert_eq!(b.at, at("2024-07-04T21:14:00+02:00"), "9:14 PM");
    assert_eq!(b.mood, Some(MoodHint { name: "meh".into(), group: 3 }));
    assert_eq!((b.title.as_deref(), b.text.as_str()), (None, ""));

    let c = &p.items[2];
    assert_eq!(c.at, at("2024-07-03T08:05:00+02:00"), "8:05 am");
    assert_eq!(c.mood, None, "a mood of the person's own naming has no group in the CSV");
    assert_eq!(kept(c, "mood"), Some("calm-ish"));
    assert_eq!(left_out(&p, "moods of your own naming, kept as text (the CSV doesn't say where they sit)"), 1);

    let d = &p.items[3];
    assert_eq!(d.mood.as_ref().map(|m| m.group), Some(5));
    assert_eq!(d.text, "Note with \"quotes\", and commas");
    assert_eq!(d.activities, ["bad sleep"]);
}

#[test]
fn daylio_backup_resolves_moods_and_activities_by_id_in_each_entrys_offset() {
    let p = parse(DAYLIO_BACKUP, None, Some("backup_2024_07_06.daylio"), here()).unwrap();
    assert_eq!(p.source, Source::Daylio);
    assert_eq!(p.items.len(), 3);
    assert_eq!(skipped(&p), [(NO_DATE, 1)]);
    assert_eq!(p.photos_skipped, 1);

    let a = &p.items[0];
    assert_eq!(a.source_id, "101");
    assert_eq!(a.at, at("2024-07-05T21:14:00+02:00"));
    assert_eq!(a.mood, Some(MoodHint { name: "Verliebt 💞".into(), group: 1 }), "a custom mood, in group rad");
    assert_eq!(a.activities, ["friends", "café ☕"]);
    assert_eq!(a.title.as_deref(), Some("Un été"));
    assert_eq!(a.text, "Evening with M & friends.\nSecond line — ü\n• swim\n• read");
    assert!(a.starred);
    assert!(a.kept_as_text.is_empty(), "{:?}", a.kept_as_text);

    let b = &p.items[1];
    assert_eq!(b.source_id, "102");
    assert_eq!(b.at, at("2024-01-01T00:30:00-05:00"));
    assert_eq!(b.mood, Some(MoodHint { name: "meh".into(), group: 3 }));

    let c = &p.items[2];
    assert_eq!(c.source_id, "104");
    assert_eq!(c.at, at("2023-11-19T10:45:00+02:00"), "month counts from 0; no offset: the caller's");
    assert_eq!(c.mood, Some(MoodHint { name: "bad".into(), group: 4 }));
    assert_eq!(c.activities, ["sleep early"]);
    assert_eq!(c.text, "Plain note,\nover two lines.");
    assert_eq!(kept(c, "weather"), Some("rain"));

    assert_eq!(left_out(&p, "activities not found in the backup"), 1);
    assert_eq!(left_out(&p, "when Daylio saved each entry"), 1);

    // The decoded document, read on its own, gives the same.
    let plain = read(DAYLIO_JSON);
    assert_eq!(plain.items, p.items);
}

#[test]
fn mini_diarium_reads_days_at_midday_with_html_as_plain_text() {
    let p = read(MINIDIARIUM);
    assert_eq!(p.source, Source::MiniDiarium);
    assert_eq!(p.items.iter().map(|i| i.source_id.as_str()).collect::<Vec<_>>(), ["1", "2", "5"]);
    assert_eq!(skipped(&p), [(NO_DATE, 1), (BAD_DATE, 1)]);

    let a = &p.items[0];
    assert_eq!(a.at, at("2025-01-15T12:00:00+02:00"));
    assert_eq!(a.title.as_deref(), Some("Ein Wintertag"));
    assert_eq!(a.text, "Hello world 🌍, schön & still.\nSecond paragraph.");
    assert_eq!(a.tags, ["winter", "ruhe"]);
    assert_eq!(p.items[1].title, None);
    assert_eq!(p.items[1].text, "• one\n• two");
    assert_eq!(p.items[2].text, "Line one\nline two");
    assert_eq!(kept(&p.items[2], "mood"), Some("calm"));
    assert_eq!(left_out(&p, "when each entry was last changed"), 3);
    assert_eq!(left_out(&p, "font settings"), 1);

    let legacy = read(MINIDIARY);
    assert_eq!(legacy.source, Source::MiniDiarium);
    assert_eq!(legacy.items.len(), 2);
    assert_eq!(legacy.items[0].source_id, "2019-05-01");
    assert_eq!(legacy.items[0].at, at("2019-05-01T12:00:00+02:00"));
    assert_eq!(legacy.items[0].text, "Markdown *text*, with **bold**.\nA second line.");
    assert_eq!(legacy.items[1].title, None);
}

#[test]
fn the_summary_gives_counts_days_and_what_was_skipped() {
    assert_eq!(read(JRNL).summary().to_string(), "5 entries from 2019-03-02 to 2023-05-20");
    let s = read(DAYONE_JSON).summary();
    assert_eq!(
        (s.entries, s.first, s.last),
        (4, NaiveDate::from_ymd_opt(2019, 3, 2), NaiveDate::from_ymd_opt(2022, 2, 2))
    );
    assert_eq!(
        s.to_string(),
        "4 entries from 2019-03-02 to 2022-02-02; 1 skipped because it held only photos; \
         1 skipped because it had no date; 2 photos left out"
    );
    let mut one = read(MINIDIARY);
    one.items.truncate(1);
    assert_eq!(one.summary().to_string(), "1 entry on 2019-05-01");
    let csv = "full_date,date,weekday,time,mood,activities,note_title,note\n,,,,rad,,,\n,,,,meh,,,\n";
    assert_eq!(
        read(csv.as_bytes()).summary().to_string(),
        "No entries to bring in; 2 skipped because they had no date"
    );
}

#[test]
fn the_backup_member_on_its_own_reads_like_the_whole_backup() {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(DAYLIO_JSON);
    let lines: Vec<&str> = encoded.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let member = lines.join("\n") + "\n";
    assert_eq!(detect(member.as_bytes(), None), Some(Source::Daylio));
    let p = parse(member.as_bytes(), None, Some("backup.daylio"), here()).unwrap();
    assert_eq!(p.items, read(DAYLIO_BACKUP).items);
    // Named as a backup but not one: said plainly.
    let damaged = &member[..member.len() / 2];
    let got = parse(damaged.as_bytes(), None, Some("backup.daylio"), here()).unwrap_err();
    assert_eq!(got, ImportError::BackupUnreadable);
}

#[test]
fn a_day_one_entry_with_words_only_in_rich_text_keeps_them() {
    let doc = r#"{"metadata": {"version": "1.0"}, "entries": [{"uuid": "X1", "creationDate": "2020-01-01T10:00:00Z",
        "timeZone": "UTC", "richText": "{\"contents\":[{\"text\":\"Only here,\\n\"},{\"text\":\"in rich text.\"}]}"}]}"#;
    let p = read(doc.as_bytes());
    assert_eq!(p.items[0].text, "Only here,\nin rich text.");
    assert_eq!(p.items[0].at, at("2020-01-01T10:00:00Z"));
}

// ---- Ids ----

#[test]
fn the_same_bytes_give_the_same_ids_and_items_of_one_file_never_share_one() {
    for (name, bytes, _) in FIXTURES {
        let a = read(bytes);
        let b = read(bytes);
        let ids: Vec<_> = a.items.iter().map(|i| i.source_id.clone()).collect();
        assert_eq!(ids, b.items.iter().map(|i| i.source_id.clone()).collect::<Vec<_>>(), "{name}");
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "{name}: {ids:?}");
        assert!(ids.iter().all(|i| !i.is_empty()), "{name}");
    }
    // Two identical jrnl entries: the second is told apart by its place in the file.
    let twice = r#"{"tags": {}, "entries": [
        {"title": "Same", "body": "", "date": "2020-01-01", "time": "10:00", "tags": [], "starred": false},
        {"title": "Same", "body": "", "date": "2020-01-01", "time": "10:00", "tags": [], "starred": false}]}"#;
    let p = read(twice.as_bytes());
    assert_eq!(p.items[1].source_id, format!("{}#2", p.items[0].source_id));
}

// ---- Detection ----

#[test]
fn detect_knows_each_fixture_and_nothing_else() {
    for (name, bytes, source) in FIXTURES {
        assert_eq!(detect(bytes, Some(name)), Some(source), "{name}");
        assert_eq!(detect(bytes, None), Some(source), "{name}, without its name");
    }
    let unrelated: [&[u8]; 11] = [
        b"eyes closed, breathing slowly",
        b"eyJhIjogMX0=",
        b"",
        b"{\"a\": 1}",
        b"[1, 2, 3]",
        b"{\"entries\": 5}",
        b"{\"entries\": [{\"x\": 1}]}",
        b"name,age\nbob,3\n",
        b"Dear diary, today was long.",
        b"\xff\xfe\x00garbage",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    ];
    for bytes in unrelated {
        assert_eq!(detect(bytes, None), None, "{:?}", String::from_utf8_lossy(bytes));
    }
    // A zip of unrelated files is none of them; one of unrelated JSON looks like Day One's by
    // its names alone, and reading it says it isn't.
    assert_eq!(detect(&zip_of(&[("notes.txt", b"hello")], CompressionMethod::Stored), None), None);
    let json_zip = zip_of(&[("data.json", b"{\"a\": 1}")], CompressionMethod::Stored);
    assert_eq!(parse(&json_zip, None, None, here()).unwrap_err(), ImportError::Unrecognised);
    assert_eq!(parse(b"eyes closed", None, None, here()).unwrap_err(), ImportError::Unrecognised);
    assert_eq!(
        parse(b"{\"a\": 1}", None, None, here()).unwrap_err(),
        ImportError::Unrecognised,
        "nothing chosen, nothing recognised"
    );
}

#[test]
fn source_ids_are_lowercase_and_stable() {
    let ids: Vec<String> = Source::ALL.iter().map(|s| serde_json::to_string(s).unwrap()).collect();
    assert_eq!(ids, ["\"jrnl\"", "\"dayone\"", "\"daylio\"", "\"minidiarium\""]);
    for s in Source::ALL {
        assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.id()));
        assert_eq!(serde_json::from_str::<Source>(&format!("\"{}\"", s.id())).unwrap(), s);
    }
}

// ---- Moods ----

#[test]
fn mood_points_sit_on_the_grid_where_the_words_lean() {
    let quadrant = |group: u8| {
        let (pleasantness, energy) = MoodHint { name: String::new(), group }.point();
        assert!((-1.0..=1.0).contains(&pleasantness) && (-1.0..=1.0).contains(&energy));
        Mood { pleasantness, energy }.quadrant()
    };
    assert_eq!(quadrant(1), Quadrant::Bright);
    assert_eq!(quadrant(2), Quadrant::Calm);
    assert_eq!(quadrant(3), Quadrant::Mixed);
    assert_eq!(quadrant(4), Quadrant::Heavy);
    assert_eq!(quadrant(5), Quadrant::Heavy);
    let p = |g: u8| MoodHint { name: String::new(), group: g }.point().0;
    assert!(p(1) > p(2) && p(2) > p(3) && p(3) > p(4) && p(4) > p(5), "pleasantness follows the groups");
}

// ---- Hostile input ----

#[test]
fn a_file_past_200_mb_is_refused_by_its_length_before_reading() {
    assert_eq!(check_size(201 * 1024 * 1024), Err(ImportError::TooBig));
    assert_eq!(check_size(MAX_FILE_BYTES + 1), Err(ImportError::TooBig));
    assert_eq!(check_size(MAX_FILE_BYTES), Ok(()));
    // parse checks the same cap first, whatever the bytes are.
    let small = Limits { file_bytes: 16, ..Limits::DEFAULT };
    assert_eq!(parse_with(JRNL, None, None, here(), &small).unwrap_err(), ImportError::TooBig);
    assert_eq!(detect_with(JRNL, None, &small), None);
}

#[test]
fn a_zip_member_that_inflates_past_the_cap_is_refused() {
    let zeros = vec![0u8; 1024 * 1024];
    let bomb = zip_of(&[("backup.daylio", &zeros)], CompressionMethod::Deflated);
    assert!(bomb.len() < 16 * 1024, "it packs small: {}", bomb.len());
    let capped = Limits { unzipped_bytes: 64 * 1024, ..Limits::DEFAULT };
    assert_eq!(parse_with(&bomb, None, None, here(), &capped).unwrap_err(), ImportError::ZipTooBig);

    // Across members: each fits, together they don't.
    let mut half = b"{\"metadata\": {\"version\": \"1.0\"}, \"entries\": []}".to_vec();
    half.resize(40 * 1024, b' ');
    let two = zip_of(&[("a.json", &half), ("b.json", &half)], CompressionMethod::Deflated);
    assert_eq!(parse_with(&two, Some(Source::DayOne), None, here(), &capped).unwrap_err(), ImportError::ZipTooBig);
}

/// The zip with every declared uncompressed size of its one member set to `size`.
fn lie_about_size(zip: &[u8], size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let le = size.to_le_bytes();
    let find = |out: &[u8], sig: &[u8; 4]| out.windows(4).position(|w| w == sig).unwrap();
    let local = find(&out, b"PK\x03\x04");
    out[local + 22..local + 26].copy_from_slice(&le);
    let central = find(&out, b"PK\x01\x02");
    out[central + 24..central + 28].copy_from_slice(&le);
    out
}

#[test]
fn a_zip_header_that_lies_about_sizes_gets_nowhere() {
    let zeros = vec![0u8; 1024 * 1024];
    let bomb = zip_of(&[("backup.daylio", &zeros)], CompressionMethod::Deflated);
    // Declares 100 bytes, inflates to 1 MB. The zip crate (9.8) itself stops at the declared size
    // and calls the member damaged; were it to read on, the read cut one byte past the budget
    // would stop it as too big. Either way nothing past the cap is read.
    let capped = Limits { unzipped_bytes: 64 * 1024, ..Limits::DEFAULT };
    let liar = lie_about_size(&bomb, 100);
    let got = parse_with(&liar, None, None, here(), &capped).unwrap_err();
    assert!(matches!(got, ImportError::ZipTooBig | ImportError::BadZip), "{got:?}");
    // Declares more than the cap: refused before a byte is inflated, with the real caps.
    let huge = lie_about_size(&bomb, 300 * 1024 * 1024);
    assert_eq!(parse(&huge, None, None, here()).unwrap_err(), ImportError::ZipTooBig);
}

#[test]
fn a_zip_with_too_many_members_is_refused_before_any_is_read() {
    let members: Vec<(String, Vec<u8>)> = (0..5).map(|i| (format!("photos/{i}.jpeg"), vec![1u8])).collect();
    let refs: Vec<(&str, &[u8])> = members.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    let mut all = refs.clone();
    all.push(("Journal.json", DAYONE_JSON));
    let zip = zip_of(&all, CompressionMethod::Stored);
    let few = Limits { zip_members: 3, ..Limits::DEFAULT };
    assert_eq!(parse_with(&zip, None, None, here(), &few).unwrap_err(), ImportError::ZipTooManyFiles);
    assert_eq!(read(&zip).items.len(), 4, "within the cap it reads");
}

#[test]
fn deep_nesting_is_refused_as_too_deep() {
    let deep = "[".repeat(10_000);
    assert_eq!(parse(deep.as_bytes(), None, None, here()).unwrap_err(), ImportError::TooDeep);
    let inside = format!("{{\"entries\": {}", "[".repeat(10_000));
    assert_eq!(parse(inside.as_bytes(), Some(Source::Jrnl), None, here()).unwrap_err(), ImportError::TooDeep);
    assert_eq!(detect(deep.as_bytes(), None), None);
}

#[test]
fn text_that_is_not_utf8_is_refused_as_such() {
    let mut bad = JRNL.to_vec();
    let at = bad.windows(5).position(|w| w == b"Quiet").unwrap();
    bad[at] = 0xFF;
    assert_eq!(parse(&bad, None, None, here()).unwrap_err(), ImportError::NotUtf8);
    let mut csv = DAYLIO_CSV.to_vec();
    csv.extend_from_slice(b"2024-07-01,July 1,Monday,10:00,good,,,\xC3\x28\n");
    assert_eq!(parse(&csv, Some(Source::Daylio), None, here()).unwrap_err(), ImportError::NotUtf8);
}

#[test]
fn dates_outside_the_years_tend_keeps_refuse_the_whole_file() {
    let jrnl = String::from_utf8(JRNL.to_vec()).unwrap().replace("2021-12-31", "3000-12-31");
    assert_eq!(parse(jrnl.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
    let day_one = String::from_utf8(DAYONE_JSON.to_vec()).unwrap().replace("2020-07-14T05", "3000-07-14T05");
    assert_eq!(parse(day_one.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
    let daylio = String::from_utf8(DAYLIO_JSON.to_vec()).unwrap().replace("1704087000000", "32503680000000");
    assert_eq!(parse(daylio.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
    let beyond = String::from_utf8(DAYLIO_JSON.to_vec()).unwrap().replace("1704087000000", "9223372036854775807");
    assert_eq!(parse(beyond.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
    let mini = String::from_utf8(MINIDIARIUM.to_vec()).unwrap().replace("2024-02-29", "1899-02-28");
    assert_eq!(parse(mini.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
    let csv = String::from_utf8(DAYLIO_CSV.to_vec()).unwrap().replace("2024-07-02", "3000-07-02");
    assert_eq!(parse(csv.as_bytes(), None, None, here()).unwrap_err(), ImportError::DateOutOfRange);
}

#[test]
fn a_cut_short_zip_is_refused_as_damaged() {
    for cut in [DAYONE_ZIP.len() / 2, DAYONE_ZIP.len() - 10, 4] {
        assert_eq!(parse(&DAYONE_ZIP[..cut], None, None, here()).unwrap_err(), ImportError::BadZip, "cut at {cut}");
    }
}

#[test]
fn a_daylio_backup_with_bad_base64_is_refused_clearly() {
    let bad = zip_of(&[("backup.daylio", b"!!! this is not base64 !!!")], CompressionMethod::Deflated);
    assert_eq!(parse(&bad, None, None, here()).unwrap_err(), ImportError::BackupUnreadable);
    // Base64 of something that isn't Daylio's document.
    let other = zip_of(&[("backup.daylio", b"eyJhIjogMX0=")], CompressionMethod::Deflated);
    assert_eq!(parse(&other, None, None, here()).unwrap_err(), ImportError::BackupUnreadable);
}

#[test]
fn a_format_chosen_that_does_not_match_says_so() {
    let cases = [
        (JRNL, Source::DayOne),
        (DAYONE_JSON, Source::Jrnl),
        (DAYONE_ZIP, Source::Jrnl),
        (DAYONE_ZIP, Source::Daylio),
        (DAYLIO_BACKUP, Source::DayOne),
        (DAYLIO_CSV, Source::MiniDiarium),
        (MINIDIARIUM, Source::Daylio),
    ];
    for (bytes, chosen) in cases {
        assert_eq!(parse(bytes, Some(chosen), None, here()).unwrap_err(), ImportError::NotThisFormat(chosen));
    }
    for (name, bytes, source) in FIXTURES {
        assert!(parse(bytes, Some(source), Some(name), here()).is_ok(), "{name}");
    }
}

#[test]
fn text_past_the_cap_refuses_the_file() {
    let tight = Limits { text_bytes: 20, ..Limits::DEFAULT };
    assert_eq!(parse_with(JRNL, None, None, here(), &tight).unwrap_err(), ImportError::TextTooLong);
}

#[test]
fn an_empty_file_or_one_without_entries_says_it_is_empty() {
    for bytes in [&b""[..], b"  \n", b"\xEF\xBB\xBF", b"{\"tags\": {}, \"entries\": []}"] {
        assert_eq!(parse(bytes, None, None, here()).unwrap_err(), ImportError::Empty, "{bytes:?}");
    }
    let header_only = b"full_date,date,weekday,time,mood,activities,note_title,note\n";
    assert_eq!(parse(header_only, None, None, here()).unwrap_err(), ImportError::Empty);
}

#[test]
fn every_message_is_gentle_and_says_what_to_do() {
    let all = [
        ImportError::TooBig,
        ImportError::Empty,
        ImportError::Unrecognised,
        ImportError::NotThisFormat(Source::DayOne),
        ImportError::Malformed,
        ImportError::TooDeep,
        ImportError::NotUtf8,
        ImportError::BadZip,
        ImportError::ZipTooBig,
        ImportError::ZipTooManyFiles,
        ImportError::BackupUnreadable,
        ImportError::DateOutOfRange,
        ImportError::TextTooLong,
    ];
    let banned = ["fail", "failed", "failure", "must", "should", "invalid", "error", "missed", "illegal", "bad"];
    let mut codes = HashSet::new();
    for e in &all {
        let m = e.to_string();
        let words: Vec<String> = m.to_lowercase().split(|c: char| !c.is_alphanumeric()).map(str::to_owned).collect();
        assert!(!banned.iter().any(|b| words.iter().any(|w| w == b)), "{m}");
        assert!(m.ends_with('.') && m.split(". ").count() >= 2, "says what happened and what to do: {m}");
        assert!(codes.insert(e.code()), "codes are distinct");
    }
    let skip_words = [NO_DATE, BAD_DATE, NOTHING, ONLY_PHOTOS, super::common::NOT_AN_ENTRY];
    assert!(skip_words.iter().all(|s| !banned.iter().any(|b| s.contains(b))));
}

// ---- Never a panic ----

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = detect(&bytes, None);
        for chosen in [None, Some(Source::Jrnl), Some(Source::DayOne), Some(Source::Daylio), Some(Source::MiniDiarium)] {
            let _ = parse(&bytes, chosen, Some("x.daylio"), here());
        }
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (name, bytes, source) = FIXTURES[which];
        let mut b = bytes.to_vec();
        for (at, byte, how) in edits {
            if b.is_empty() {
                b.push(byte);
                continue;
            }
            let i = at.index(b.len());
            match how {
                0 => b[i] = byte,
                1 => b.insert(i, byte),
                _ => { b.remove(i); }
            }
        }
        if let Some(cut) = cut {
            let n = cut.index(b.len() + 1);
            b.truncate(n);
        }
        let _ = detect(&b, Some(name));
        let _ = parse(&b, None, Some(name), here());
        let _ = parse(&b, Some(source), Some(name), here());
    }
}
