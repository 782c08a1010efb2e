//! Day One's JSON export: `{"metadata": {...}, "entries": [{"uuid", "creationDate" (UTC),
//! "timeZone" (IANA), "text" (Markdown), "tags", "starred", "photos", "location", "weather", ...}]}`,
//! one document per journal. Read here so Day One's entries arrive at the local time they were
//! written, with their words cleaned of Day One's own markup.

use chrono::{DateTime, Datelike, FixedOffset, Utc};
use serde_json::{Map, Value};

use super::common::{self, Builder, Fields};
use super::limits::Limits;
use super::{ImportError, Source};

const DETAILS: &str = "device and editing details";

const FIELDS: Fields<'static> = Fields {
    used: &["uuid", "creationDate", "timeZone", "text", "tags", "starred", "photos", "location"],
    left_out: &[
        ("weather", "weather"),
        ("richText", "rich text formatting (the same words are kept)"),
        ("userActivity", "motion and step counts"),
        ("videos", "videos"),
        ("audios", "audio recordings"),
        ("pdfAttachments", "PDF attachments"),
        ("modifiedDate", DETAILS),
        ("creationDevice", DETAILS),
        ("creationDeviceType", DETAILS),
        ("creationDeviceModel", DETAILS),
        ("creationOSName", DETAILS),
        ("creationOSVersion", DETAILS),
        ("editingTime", DETAILS),
        ("duration", DETAILS),
    ],
};

/// Reads one or more Day One journal documents (from one zip), each with its journal's name
/// when the zip holds several.
pub(super) fn parse(
    docs: &[(Option<&str>, &Value)],
    local_offset: FixedOffset,
    limits: &Limits,
) -> Result<Builder, ImportError> {
    let mut b = Builder::new(Source::DayOne, limits);
    for (journal, doc) in docs {
        let entries = doc.get("entries").and_then(Value::as_array).ok_or(ImportError::NotThisFormat(Source::DayOne))?;
        for e in entries {
            match e.as_object() {
                Some(o) => entry(o, *journal, local_offset, &mut b)?,
                None => b.skip(common::NOT_AN_ENTRY),
            }
        }
    }
    Ok(b)
}

fn entry(
    o: &Map<String, Value>,
    journal: Option<&str>,
    local_offset: FixedOffset,
    b: &mut Builder,
) -> Result<(), ImportError> {
    let Some(created) = common::str_field(o, "creationDate").filter(|d| !d.trim().is_empty()) else {
        b.skip(common::NO_DATE);
        return Ok(());
    };
    let Ok(created) = DateTime::parse_from_rfc3339(created.trim()) else {
        b.skip(common::BAD_DATE);
        return Ok(());
    };
    let utc = created.with_timezone(&Utc);
    common::check_year(utc.year())?;
    let zone_name = common::non_empty(common::str_field(o, "timeZone"));
    let zone = zone_name.as_deref().and_then(|n| n.parse::<chrono_tz::Tz>().ok());
    let at = match zone {
        Some(tz) => utc.with_timezone(&tz).fixed_offset(),
        None => utc.with_timezone(&local_offset),
    };

    // Some entries carry their words only in `richText`.
    let rich;
    let raw = match common::str_field(o, "text").filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => {
            rich = rich_text_words(o).unwrap_or_default();
            rich.as_str()
        }
    };
    let (text, photo_refs) = strip_moments(raw);
    let (title, body) = split_title(&text);
    let title = title.map(|t| unescape(&t)).filter(|t| !t.is_empty());
    let body = common::tidy_lines(&unescape(&body));
    let photos = o.get("photos").and_then(Value::as_array).map_or(0, Vec::len).max(photo_refs);
    b.photos(photos);
    if title.is_none() && body.is_empty() {
        b.skip(if photos > 0 { common::ONLY_PHOTOS } else { common::NOTHING });
        return Ok(());
    }

    let id = match common::non_empty(common::str_field(o, "uuid")) {
        Some(uuid) => uuid,
        None => common::content_id(&[Value::from(common::str_field(o, "creationDate")), Value::from(raw)]),
    };
    let mut item = common::item(id, at);
    item.title = title;
    item.text = body;
    item.tags = common::strings(o, "tags");
    item.starred = o.get("starred").and_then(Value::as_bool).unwrap_or(false);
    if let (Some(name), None) = (&zone_name, zone) {
        item.kept_as_text.push(("timeZone".to_owned(), name.clone()));
    }
    if let Some(loc) = o.get("location").and_then(Value::as_object) {
        if let Some(place) = place(loc) {
            item.kept_as_text.push(("place".to_owned(), place));
        }
        if ["latitude", "longitude", "region"].iter().any(|k| loc.contains_key(*k)) {
            b.left_out("location coordinates", 1);
        }
    }
    if let Some(j) = journal {
        item.kept_as_text.push(("journal".to_owned(), j.to_owned()));
    }
    FIELDS.keep_rest(o, &mut item, b);
    b.push(item)
}

/// The words of `richText` (a JSON document in a string: `contents[].text`), for an entry
/// without `text`.
fn rich_text_words(o: &Map<String, Value>) -> Option<String> {
    let doc: Value = serde_json::from_str(common::str_field(o, "richText")?).ok()?;
    let words: String =
        doc.get("contents")?.as_array()?.iter().filter_map(|c| c.get("text").and_then(Value::as_str)).collect();
    Some(words)
}

/// The place's name, from the most to the least precise, without repeats.
fn place(loc: &Map<String, Value>) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for k in ["placeName", "localityName", "administrativeArea", "country"] {
        if let Some(p) = common::str_field(loc, k).map(str::trim).filter(|p| !p.is_empty()) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The text without Day One's media references (`![](dayone-moment://ID)`,
/// `![](dayone-moment:/video/ID)`, ...) and object replacement characters, and how many of the
/// references were photos.
fn strip_moments(s: &str) -> (String, usize) {
    const OPEN: &str = "![](dayone-moment:";
    let mut out = String::with_capacity(s.len());
    let mut photos = 0;
    let mut rest = s;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + OPEN.len()..).unwrap_or_default();
        match after.find(')') {
            Some(end) => {
                if after.starts_with("//") {
                    photos += 1;
                }
                rest = after.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(rest.get(start..).unwrap_or_default());
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out.replace('\u{FFFC}', ""), photos)
}

/// A leading `# ` heading as the title, and the rest.
fn split_title(s: &str) -> (Option<String>, String) {
    let trimmed = s.trim_start();
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    match first.strip_prefix("# ") {
        Some(t) => (Some(t.trim().to_owned()), rest.to_owned()),
        None => (None, s.to_owned()),
    }
}

/// Markdown's backslash escapes undone (`\.` to `.`, `\!` to `!`, ...), as Day One writes them
/// before any punctuation.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}
