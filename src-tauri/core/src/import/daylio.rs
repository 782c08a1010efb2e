//! Daylio's two ways out: the CSV export (`full_date,date,weekday,time,mood,activities,
//! note_title,note`, activities joined by ` | `) and the `.daylio` backup (a zip whose member
//! `backup.daylio` is base64 of a JSON document with `dayEntries`, `customMoods` and `tags`).
//! Read here so a Daylio user's moods and activities come along with their notes.
//!
//! From the backup, each entry's `id`, `datetime` (ms since the epoch) in its `timeZoneOffset`
//! (ms; when either is missing, the `year`, `month` (from 0), `day`, `hour` and `minute` fields in
//! that offset or the caller's), `mood` (an id into `customMoods`, whose `custom_name`, or else
//! `predefined_name_id`, names it and whose `mood_group_id` places it), `tags` (ids into `tags`,
//! Daylio's activities), `note_title`, `note`, `isFavorite`, and `assets` (photos, counted).

use std::collections::HashMap;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde_json::{Map, Value};

use super::common::{self, Builder, Fields};
use super::limits::Limits;
use super::{ImportError, MoodHint, Source};

/// Daylio's own five mood names, by group (and by `predefined_name_id`).
const MOOD_NAMES: [&str; 5] = ["rad", "good", "meh", "bad", "awful"];

const OWN_MOODS_CSV: &str = "moods of your own naming, kept as text (the CSV doesn't say where they sit)";
const MOOD_NOT_FOUND: &str = "moods not found in the backup, kept as text";
const ACTIVITY_NOT_FOUND: &str = "activities not found in the backup";

const FIELDS: Fields<'static> = Fields {
    used: &[
        "id",
        "datetime",
        "timeZoneOffset",
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "mood",
        "note",
        "note_title",
        "tags",
        "assets",
        "isFavorite",
    ],
    left_out: &[("createdAt", "when Daylio saved each entry")],
};

/// The group for one of Daylio's own mood names.
fn default_group(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    MOOD_NAMES.iter().position(|n| *n == lower).and_then(|i| u8::try_from(i + 1).ok())
}

/// The name of a group, or of a `predefined_name_id`.
fn default_name(id: i64) -> Option<&'static str> {
    usize::try_from(id).ok().and_then(|i| i.checked_sub(1)).and_then(|i| MOOD_NAMES.get(i)).copied()
}

// ---- CSV ----

/// The column names of the first line, lower-cased.
fn header(text: &str) -> Vec<String> {
    let first = text.lines().next().unwrap_or_default();
    first.split(',').map(|h| h.trim().trim_matches('"').trim().to_ascii_lowercase()).collect()
}

/// True when the first line is Daylio's CSV header.
pub(super) fn looks_like_csv(text: &str) -> bool {
    let h = header(text);
    let has = |n: &str| h.iter().any(|x| x == n);
    has("mood") && has("activities") && (has("full_date") || (has("year") && has("date")))
}

/// Reads Daylio's CSV export; it records no zone, so times are placed in `local_offset`.
pub(super) fn parse_csv(text: &str, local_offset: FixedOffset, limits: &Limits) -> Result<Builder, ImportError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let names: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|n| n.trim().to_ascii_lowercase()).collect(),
        Err(_) => return Err(ImportError::Malformed),
    };
    let col = |n: &str| names.iter().position(|x| x == n);
    let (full_date, year, date, time, mood, activities, title, note) = (
        col("full_date"),
        col("year"),
        col("date"),
        col("time"),
        col("mood"),
        col("activities"),
        col("note_title"),
        col("note"),
    );
    // Read into the item, or worked out from what is (the day's name and the date in words).
    let read: Vec<usize> =
        [full_date, year, date, time, mood, activities, title, note, col("weekday")].into_iter().flatten().collect();
    let mut b = Builder::new(Source::Daylio, limits);
    for rec in rdr.records() {
        let rec = rec.map_err(|_| ImportError::Malformed)?;
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).unwrap_or_default();
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let day = match (cell(full_date), cell(year), cell(date)) {
            (f, _, _) if !f.is_empty() => Some(common::read_day(f)?),
            (_, y, d) if !y.is_empty() && !d.is_empty() => Some(day_in_words(y, d)?),
            _ => None,
        };
        let Some(day) = day else {
            b.skip(common::NO_DATE);
            continue;
        };
        let t = cell(time);
        let t = if t.is_empty() { NaiveTime::from_hms_opt(0, 0, 0) } else { common::read_time(t) };
        let Some(at) = day.zip(t).and_then(|(d, t)| common::local(d, t, local_offset)) else {
            b.skip(common::BAD_DATE);
            continue;
        };
        let mood_name = cell(mood);
        let acts: Vec<String> =
            cell(activities).split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect();
        let title_text = common::non_empty(Some(&common::plain(cell(title))));
        let note_text = common::plain(cell(note));
        if mood_name.is_empty() && acts.is_empty() && title_text.is_none() && note_text.is_empty() {
            b.skip(common::NOTHING);
            continue;
        }
        let id = common::content_id(&[
            Value::from(cell(full_date)),
            Value::from(cell(year)),
            Value::from(cell(date)),
            Value::from(cell(time)),
            Value::from(mood_name),
            Value::from(cell(activities)),
            Value::from(cell(title)),
            Value::from(cell(note)),
        ]);
        let mut item = common::item(id, at);
        match default_group(mood_name) {
            Some(group) => item.mood = Some(MoodHint { name: mood_name.to_lowercase(), group }),
            None if !mood_name.is_empty() => {
                item.kept_as_text.push(("mood".to_owned(), mood_name.to_owned()));
                b.left_out(OWN_MOODS_CSV, 1);
            }
            None => {}
        }
        item.activities = acts;
        item.title = title_text;
        item.text = note_text;
        for (i, value) in rec.iter().enumerate() {
            if read.contains(&i) || value.trim().is_empty() {
                continue;
            }
            let name = names.get(i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
            item.kept_as_text.push((name, value.trim().to_owned()));
        }
        b.push(item)?;
    }
    Ok(b)
}

/// The older CSV's day: a year column and the date in words ("18 May" or "May 18").
fn day_in_words(year: &str, date: &str) -> Result<Option<NaiveDate>, ImportError> {
    let Ok(y) = year.parse::<i32>() else {
        return Ok(None);
    };
    common::check_year(y)?;
    let s = format!("{date} {y}");
    Ok(["%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"].iter().find_map(|f| NaiveDate::parse_from_str(&s, f).ok()))
}

// ---- Backup ----

/// True when the file's name is a Daylio backup's (`.daylio`).
pub(super) fn named_as_backup(file_name: Option<&str>) -> bool {
    file_name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".daylio"))
}

/// True when the text looks like the `backup.daylio` member itself: base64 (in lines) of a JSON
/// object, whose first characters are `ey` or `ew` (`{"`, `{ ` or `{` and a line break).
pub(super) fn looks_like_backup_text(text: &str, file_name: Option<&str>) -> bool {
    let t = text.trim();
    let mut head = t.bytes().filter(|b| *b != b'\n' && *b != b'\r').take(64).peekable();
    let starts = t.starts_with("ey") || t.starts_with("ew") || named_as_backup(file_name);
    starts && head.peek().is_some() && head.all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

/// The JSON inside `backup.daylio`: base64 (line breaks allowed), or plain JSON.
pub(super) fn decode_backup(bytes: &[u8], limits: &Limits) -> Result<Value, ImportError> {
    let trimmed = common::trim_start(common::strip_bom(bytes));
    let json = if trimmed.first() == Some(&b'{') {
        trimmed.to_vec()
    } else {
        let compact: Vec<u8> = trimmed.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
        let engine = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        engine.decode(compact).map_err(|_| ImportError::BackupUnreadable)?
    };
    limits.check_size(json.len() as u64)?;
    let value = common::parse_json(&json).map_err(|e| match e {
        ImportError::TooDeep => ImportError::TooDeep,
        _ => ImportError::BackupUnreadable,
    })?;
    if value.get("dayEntries").is_some_and(Value::is_array) {
        Ok(value)
    } else {
        Err(ImportError::BackupUnreadable)
    }
}

/// [`decode_backup`] for the member read as text on its own.
pub(super) fn decode_backup_text(text: &str, limits: &Limits) -> Result<Value, ImportError> {
    decode_backup(text.as_bytes(), limits)
}

/// A number field as an integer (whole floats too).
fn int(o: &Map<String, Value>, k: &str) -> Option<i64> {
    let v = o.get(k)?;
    v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
}

/// Reads the backup's JSON document.
pub(super) fn parse_backup(doc: &Value, local_offset: FixedOffset, limits: &Limits) -> Result<Builder, ImportError> {
    let entries = doc.get("dayEntries").and_then(Value::as_array).ok_or(ImportError::NotThisFormat(Source::Daylio))?;
    let mut moods: HashMap<i64, (String, Option<u8>)> = HashMap::new();
    for m in doc.get("customMoods").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        let Some(id) = int(m, "id") else { continue };
        let group = int(m, "mood_group_id").filter(|g| (1..=5).contains(g)).and_then(|g| u8::try_from(g).ok());
        let name = common::non_empty(common::str_field(m, "custom_name"))
            .or_else(|| int(m, "predefined_name_id").and_then(default_name).map(str::to_owned))
            .or_else(|| group.and_then(|g| default_name(g.into())).map(str::to_owned))
            .unwrap_or_else(|| id.to_string());
        moods.insert(id, (name, group));
    }
    let mut tags: HashMap<i64, String> = HashMap::new();
    for t in doc.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        if let (Some(id), Some(name)) = (int(t, "id"), common::non_empty(common::str_field(t, "name"))) {
            tags.insert(id, name);
        }
    }

    let mut b = Builder::new(Source::Daylio, limits);
    for e in entries {
        let Some(o) = e.as_object() else {
            b.skip(common::NOT_AN_ENTRY);
            continue;
        };
        let at = match moment(o, local_offset)? {
            Moment::At(at) => at,
            Moment::None => {
                b.skip(common::NO_DATE);
                continue;
            }
            Moment::Unreadable => {
                b.skip(common::BAD_DATE);
                continue;
            }
        };
        let mut kept: Vec<(String, String)> = Vec::new();
        let mood = match int(o, "mood") {
            None => None,
            Some(id) => {
                let found =
                    moods.get(&id).cloned().or_else(|| default_name(id).map(|n| (n.to_owned(), u8::try_from(id).ok())));
                match found {
                    Some((name, Some(group))) => Some(MoodHint { name, group }),
                    Some((name, None)) => {
                        kept.push(("mood".to_owned(), name));
                        None
                    }
                    None => {
                        kept.push(("mood".to_owned(), id.to_string()));
                        b.left_out(MOOD_NOT_FOUND, 1);
                        None
                    }
                }
            }
        };
        let mut activities = Vec::new();
        let mut lost = false;
        for t in o.get("tags").and_then(Value::as_array).into_iter().flatten() {
            match t.as_i64().and_then(|id| tags.get(&id)) {
                Some(name) => activities.push(name.clone()),
                None => lost = true,
            }
        }
        if lost {
            b.left_out(ACTIVITY_NOT_FOUND, 1);
        }
        b.photos(o.get("assets").and_then(Value::as_array).map_or(0, Vec::len));
        let title = common::non_empty(Some(&common::plain(common::str_field(o, "note_title").unwrap_or_default())));
        let note = common::plain(common::str_field(o, "note").unwrap_or_default());
        if mood.is_none() && kept.is_empty() && activities.is_empty() && title.is_none() && note.is_empty() {
            b.skip(common::NOTHING);
            continue;
        }
        let id = match o.get("id").filter(|v| !common::is_blank(v)) {
            Some(v) => common::value_text(v),
            None => common::content_id(&[
                o.get("datetime").cloned().unwrap_or_default(),
                o.get("note").cloned().unwrap_or_default(),
            ]),
        };
        let mut item = common::item(id, at);
        item.mood = mood;
        item.activities = activities;
        item.title = title;
        item.text = note;
        item.starred = o.get("isFavorite").and_then(Value::as_bool).unwrap_or(false);
        item.kept_as_text = kept;
        FIELDS.keep_rest(o, &mut item, &mut b);
        b.push(item)?;
    }
    Ok(b)
}

enum Moment {
    At(DateTime<FixedOffset>),
    None,
    Unreadable,
}

/// When a backup entry was written: `datetime` in its `timeZoneOffset` when it has both, else
/// its local fields in that offset (or the caller's), else `datetime` in the caller's offset.
fn moment(o: &Map<String, Value>, local_offset: FixedOffset) -> Result<Moment, ImportError> {
    let offset = int(o, "timeZoneOffset")
        .filter(|ms| ms.abs() < 86_400_000)
        .and_then(|ms| i32::try_from(ms / 1000).ok())
        .and_then(FixedOffset::east_opt);
    let instant = match int(o, "datetime") {
        Some(ms) => Some(DateTime::from_timestamp_millis(ms).ok_or(ImportError::DateOutOfRange)?),
        None => None,
    };
    if let Some(i) = instant {
        common::check_year(i.year())?;
    }
    if let (Some(i), Some(off)) = (instant, offset) {
        return Ok(Moment::At(i.with_timezone(&off)));
    }
    let fields = (int(o, "year"), int(o, "month"), int(o, "day"), int(o, "hour"), int(o, "minute"));
    if let (Some(y), Some(m), Some(d), Some(h), Some(min)) = fields {
        let y = i32::try_from(y).map_err(|_| ImportError::DateOutOfRange)?;
        common::check_year(y)?;
        let day =
            u32::try_from(m).ok().and_then(|m| NaiveDate::from_ymd_opt(y, m.checked_add(1)?, u32::try_from(d).ok()?));
        let time =
            u32::try_from(h).ok().zip(u32::try_from(min).ok()).and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
        let off = offset.unwrap_or(local_offset);
        return Ok(match day.zip(time).and_then(|(d, t)| off.from_local_datetime(&d.and_time(t)).single()) {
            Some(at) => Moment::At(at),
            None => Moment::Unreadable,
        });
    }
    Ok(match instant {
        Some(i) => Moment::At(i.with_timezone(&local_offset)),
        None if ["datetime", "year", "month", "day"].iter().any(|k| o.contains_key(*k)) => Moment::Unreadable,
        None => Moment::None,
    })
}
