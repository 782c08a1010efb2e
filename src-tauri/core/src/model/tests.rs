//! The entry model's own tests: validation names its field, moods find their quadrant, and an
//! entry may have no mood (written null) while payloads saved before still read with theirs.
use super::*;
use crate::words::shipped;

#[test]
fn quadrants_from_the_point() {
    let q = |p, e| Mood { pleasantness: p, energy: e }.quadrant();
    assert_eq!(q(0.5, 0.5), Quadrant::Bright);
    assert_eq!(q(0.5, -0.5), Quadrant::Calm);
    assert_eq!(q(-0.5, 0.5), Quadrant::Tense);
    assert_eq!(q(-0.5, -0.5), Quadrant::Heavy);
    assert_eq!(q(0.1, -0.1), Quadrant::Mixed);
    assert_eq!(q(0.0, 0.0), Quadrant::Mixed);
}

#[test]
fn words_on_both_sides_make_it_mixed() {
    let mut i = EntryInput::with_mood(0.6, -0.5);
    i.emotions = vec!["tender".into(), "tearful".into()];
    assert_eq!(i.quadrant(shipped(), &Vocabulary::default()), Some(Quadrant::Mixed));
    i.emotions = vec!["tender".into(), "raw".into()];
    assert_eq!(i.quadrant(shipped(), &Vocabulary::default()), Some(Quadrant::Calm));
}

#[test]
fn without_a_mood_there_is_no_quadrant_whatever_the_words() {
    let mut i = EntryInput::without_mood();
    assert_eq!(i.quadrant(shipped(), &Vocabulary::default()), None);
    i.emotions = vec!["tender".into(), "tearful".into()];
    assert_eq!(i.quadrant(shipped(), &Vocabulary::default()), None, "words never make a mood up");
    i.validate(shipped(), &Vocabulary::default()).unwrap();
    assert_eq!(i.mood, None);
}

#[test]
fn validation_names_the_field() {
    let own = Vocabulary::default();
    type Mutation = Box<dyn Fn(&mut EntryInput)>;
    let cases: Vec<(&str, Mutation)> = vec![
        ("pleasantness", Box::new(|i| i.mood = Some(Mood { pleasantness: 1.5, energy: 0.0 }))),
        ("energy", Box::new(|i| i.mood = Some(Mood { pleasantness: 0.0, energy: f64::NAN }))),
        ("emotions", Box::new(|i| i.emotions = vec!["nope".into()])),
        ("labels", Box::new(|i| i.labels = vec!["nope".into()])),
        ("context", Box::new(|i| i.context = vec!["nope".into()])),
        ("aftercareGot", Box::new(|i| i.aftercare_got = vec!["nope".into()])),
        ("body", Box::new(|i| i.body = vec!["nope".into()])),
        ("text", Box::new(|i| i.text = "a".repeat(MAX_TEXT_CHARS + 1))),
        ("partner", Box::new(|i| i.partner = Some("x".repeat(61)))),
    ];
    for (field, f) in cases {
        let mut i = EntryInput::with_mood(0.0, 0.0);
        f(&mut i);
        assert_eq!(i.validate(shipped(), &own).unwrap_err().field, field);
    }
    let mut ok = EntryInput::with_mood(-1.0, 1.0);
    ok.emotions = vec!["tearful".into(), "tearful".into()];
    ok.validate(shipped(), &own).unwrap();
    assert_eq!(ok.emotions, vec!["tearful"], "duplicates removed");
}

#[test]
fn unknown_fields_are_refused() {
    let e = serde_json::from_str::<EntryInput>(r#"{"mood":{"pleasantness":0,"energy":0},"score":3}"#).unwrap_err();
    assert!(e.to_string().contains("score"));
    let e = serde_json::from_str::<EntryInput>(r#"{"mood":{"pleasantness":0,"energy":0,"x":1}}"#).unwrap_err();
    assert!(e.to_string().contains("x"));
}

#[test]
fn wiping_an_entry_or_own_words_leaves_no_text() {
    let e: Entry = serde_json::from_value(serde_json::json!({
        "id": "canary-id", "at": "2026-03-01T22:00:00+01:00", "created": "2026-03-01T22:00:00+01:00",
        "updated": "2026-03-01T22:00:00+01:00", "mood": {"pleasantness": -0.5, "energy": 0.25}, "quadrant": "heavy",
        "emotions": ["canary-e"], "labels": ["canary-l"], "context": ["canary-c"], "aftercareGot": ["canary-g"],
        "aftercareWanted": ["canary-w"], "body": ["canary-b"], "choice": "yes", "timing": "next-day",
        "follows": "canary-f", "partner": "canary-p", "prompt": "canary-q", "text": "canary-t", "checkIn": null
    }))
    .unwrap();
    let mut wiped = e.clone();
    wiped.zeroize();
    let after = serde_json::to_string(&wiped).unwrap();
    assert!(serde_json::to_string(&e).unwrap().contains("canary"));
    assert!(!after.contains("canary"), "{after}");
    assert_eq!(wiped.mood, None, "the point is wiped, then let go");

    let mut own = Vocabulary {
        emotions: vec![OwnWord { id: "own-1".into(), label: "canary".into(), quadrant: Quadrant::Calm }],
        labels: vec![OwnLabel { id: "own-2".into(), label: "canary".into() }],
    };
    own.zeroize();
    assert!(!serde_json::to_string(&own).unwrap().contains("canary"));
    let mut settings = Settings { window_title: "canary".into(), ..Settings::default() };
    settings.zeroize();
    assert!(settings.window_title.is_empty());
}

#[test]
fn dates_stay_within_the_years_tend_accepts() {
    let at = |s: &str| {
        let mut i = EntryInput::with_mood(0.0, 0.0);
        i.at = Some(DateTime::parse_from_rfc3339(s).unwrap());
        i.validate(shipped(), &Vocabulary::default())
    };
    assert!(at("1900-01-01T00:00:00+00:00").is_ok());
    assert!(at("2200-12-31T23:59:59+00:00").is_ok());
    for far in ["1899-12-31T23:59:59+00:00", "2201-01-01T00:00:00+00:00"] {
        assert_eq!(at(far).unwrap_err().field, "at", "{far}");
    }
    // Years beyond four digits come through JSON from the window too.
    let mut i: EntryInput =
        serde_json::from_str(r#"{"mood":{"pleasantness":0,"energy":0},"at":"-262143-01-01T00:00:00+00:00"}"#).unwrap();
    assert_eq!(i.validate(shipped(), &Vocabulary::default()).unwrap_err().field, "at");
}

/// A payload exactly as Tend wrote it before an entry could lack a mood: the mood is always an
/// object, and reads as one.
const OLD_PAYLOAD: &str = r#"{"at":"2026-03-01T22:10:00+01:00","created":"2026-03-01T22:12:00+01:00","updated":"2026-03-01T22:12:00+01:00","input":{"at":null,"mood":{"pleasantness":-0.4,"energy":-0.6},"emotions":["tearful"],"labels":["post-sex-blues"],"context":["solo"],"aftercareGot":[],"aftercareWanted":["water"],"body":[],"choice":"yes","timing":"right-after","follows":null,"partner":null,"prompt":null,"text":"quiet evening"}}"#;

#[test]
fn a_payload_saved_before_moods_could_be_absent_still_has_its_mood() {
    let p: EntryPayload = serde_json::from_str(OLD_PAYLOAD).unwrap();
    assert_eq!(p.input.mood, Some(Mood { pleasantness: -0.4, energy: -0.6 }));
    let e = Entry::from_payload("old".into(), p, shipped(), &Vocabulary::default());
    assert_eq!(e.mood, Some(Mood { pleasantness: -0.4, energy: -0.6 }));
    assert_eq!(e.quadrant, Some(Quadrant::Heavy));
    assert_eq!(e.text, "quiet evening");
    // Written again, the mood is the same object it was.
    let again = serde_json::to_value(EntryPayload {
        at: e.at,
        created: e.created,
        updated: e.updated,
        input: EntryInput { at: None, ..e.to_input() },
    })
    .unwrap();
    assert_eq!(again["input"]["mood"], serde_json::json!({"pleasantness": -0.4, "energy": -0.6}));
}

#[test]
fn no_mood_is_written_as_null_and_read_back_from_null_or_absence() {
    let mut i = EntryInput::without_mood();
    i.text = "imported".into();
    let v = serde_json::to_value(&i).unwrap();
    assert_eq!(v["mood"], serde_json::Value::Null, "written, as null");
    assert_eq!(serde_json::from_value::<EntryInput>(v).unwrap(), i);
    let absent: EntryInput = serde_json::from_str(r#"{"text":"imported"}"#).unwrap();
    assert_eq!(absent, i);

    let e = Entry::from_payload(
        "x".into(),
        EntryPayload { at: t0(), created: t0(), updated: t0(), input: i },
        shipped(),
        &Vocabulary::default(),
    );
    assert_eq!((e.mood, e.quadrant), (None, None));
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!((&v["mood"], &v["quadrant"]), (&serde_json::Value::Null, &serde_json::Value::Null));
    assert_eq!(serde_json::from_value::<Entry>(v).unwrap(), e);
    // A half mood is not "no mood": it is refused, naming what is missing.
    let half = serde_json::from_str::<EntryInput>(r#"{"mood":{"pleasantness":0.2}}"#).unwrap_err();
    assert!(half.to_string().contains("energy"), "{half}");
}

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00").unwrap()
}

/// How long after, from the two times, as a person would say it.
#[test]
fn timing_between_two_times_is_said_plainly() {
    use chrono::{FixedOffset, TimeZone};
    let at = |d: u32, h: u32, m: u32| {
        FixedOffset::east_opt(-5 * 3600).unwrap().with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap()
    };
    let cases = [
        (at(4, 22, 0), at(4, 22, 0), Timing::RightAfter),
        (at(4, 22, 0), at(4, 23, 59), Timing::RightAfter),
        (at(4, 9, 0), at(4, 20, 0), Timing::LaterThatDay),
        (at(4, 22, 0), at(5, 1, 0), Timing::LaterThatDay),
        (at(4, 22, 0), at(5, 9, 0), Timing::NextDay),
        (at(4, 7, 0), at(5, 18, 0), Timing::NextDay),
        (at(3, 23, 0), at(5, 9, 0), Timing::NextDay),
        (at(3, 21, 0), at(5, 10, 0), Timing::DaysLater),
        (at(1, 21, 0), at(5, 10, 0), Timing::DaysLater),
    ];
    for (from, to, want) in cases {
        assert_eq!(Timing::between(from, to), want, "{from} to {to}");
    }
    // Each time's day is its own: a clock change overnight (23:30 at +01:00, noted 09:00 at
    // +02:00) is still the next day.
    let winter = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap();
    let summer = FixedOffset::east_opt(7200).unwrap().with_ymd_and_hms(2026, 3, 29, 9, 0, 0).unwrap();
    assert_eq!(Timing::between(winter, summer), Timing::NextDay);
    // A moment after it was noted (moved later in an edit) reads as right after.
    assert_eq!(Timing::between(at(5, 9, 0), at(4, 22, 0)), Timing::RightAfter);
}
