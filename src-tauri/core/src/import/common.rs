//! What every format shares: reading JSON within its limits, telling the JSON formats apart,
//! dates within Tend's years, plain text from HTML, content ids, and the builder that gathers
//! items and counts what was left out, so each format's reader stays about its own fields.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::limits::Limits;
use super::{ImportError, Item, LeftOut, Parsed, Skipped, Source};
use crate::model::YEARS;

/// Skip reasons, in words that follow "N skipped because it" (or "they").
pub(super) const NO_DATE: &str = "had no date";
/// See [`NO_DATE`].
pub(super) const BAD_DATE: &str = "had a date Tend couldn't read";
/// See [`NO_DATE`].
pub(super) const NOTHING: &str = "held nothing to bring in";
/// See [`NO_DATE`].
pub(super) const ONLY_PHOTOS: &str = "held only photos";
/// See [`NO_DATE`].
pub(super) const NOT_AN_ENTRY: &str = "had a shape Tend couldn't read";

/// The bytes without a leading UTF-8 byte order mark.
pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The bytes without leading ASCII whitespace.
pub(super) fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    bytes.get(n..).unwrap_or_default()
}

/// One JSON document, UTF-8 checked first; serde_json's nesting limit (128) becomes
/// [`ImportError::TooDeep`], any other fault [`ImportError::Malformed`].
pub(super) fn parse_json(bytes: &[u8]) -> Result<Value, ImportError> {
    let text = std::str::from_utf8(strip_bom(bytes)).map_err(|_| ImportError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ImportError::TooDeep
        } else {
            ImportError::Malformed
        }
    })
}

/// Which app wrote this JSON document, from its shape: the first few entries decide.
pub(super) fn detect_json(v: &Value) -> Option<Source> {
    let obj = v.as_object()?;
    if obj.get("dayEntries").is_some_and(Value::is_array) {
        return Some(Source::Daylio);
    }
    let metadata = obj.get("metadata").and_then(Value::as_object);
    let app = metadata.and_then(|m| m.get("application")).and_then(Value::as_str).unwrap_or_default();
    if app.to_lowercase().contains("mini diar") {
        return Some(Source::MiniDiarium);
    }
    match obj.get("entries")? {
        Value::Array(entries) => {
            for e in entries.iter().take(16).filter_map(Value::as_object) {
                if e.contains_key("creationDate") {
                    return Some(Source::DayOne);
                }
                if e.contains_key("body") {
                    return Some(Source::Jrnl);
                }
                if e.contains_key("dateUpdated") || (e.contains_key("date") && e.contains_key("text")) {
                    return Some(Source::MiniDiarium);
                }
            }
            if !entries.is_empty() {
                None
            } else if obj.get("tags").is_some_and(Value::is_object) && metadata.is_none() {
                Some(Source::Jrnl)
            } else if metadata.is_some_and(|m| m.contains_key("version")) && !obj.contains_key("tags") {
                Some(Source::DayOne)
            } else {
                None
            }
        }
        // Mini Diary's and older Mini Diarium's form: entries keyed by their day.
        Value::Object(days) => {
            let dated = days.iter().take(16).all(|(k, e)| read_day(k).is_ok() && e.is_object());
            (dated && (!days.is_empty() || metadata.is_some())).then_some(Source::MiniDiarium)
        }
        _ => None,
    }
}

/// A `YYYY-MM-DD` day: `Ok(None)` when it doesn't read as one, [`ImportError::DateOutOfRange`]
/// when its year lies outside [`YEARS`].
pub(super) fn read_day(s: &str) -> Result<Option<NaiveDate>, ImportError> {
    let mut parts = s.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let all_digits = |p: &str| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return Ok(None);
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Ok(None);
    };
    check_year(y)?;
    Ok(NaiveDate::from_ymd_opt(y, m, d))
}

/// [`ImportError::DateOutOfRange`] for a year outside [`YEARS`].
pub(super) fn check_year(year: i32) -> Result<(), ImportError> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(ImportError::DateOutOfRange)
    }
}

/// A clock time as `21:14`, `21:14:05`, `9:14 PM` or `9:14 pm`.
pub(super) fn read_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let (clock, pm) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim_end(), Some(true))
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim_end(), Some(false))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next()?.trim().parse().ok()?;
    let sec: u32 = match parts.next() {
        Some(p) => p.trim().parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match pm {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
    };
    NaiveTime::from_hms_opt(h, m, sec)
}

/// A local day and time in a fixed offset.
pub(super) fn local(day: NaiveDate, time: NaiveTime, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    offset.from_local_datetime(&day.and_time(time)).single()
}

/// A value as text: strings as they are, other scalars as JSON, arrays and objects as compact JSON.
pub(super) fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// True for a value that carries nothing: null, "", [] or {}.
pub(super) fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A string field, if present and a string.
pub(super) fn str_field<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    o.get(k).and_then(Value::as_str)
}

/// The non-blank strings of an array field.
pub(super) fn strings(o: &Map<String, Value>, k: &str) -> Vec<String> {
    match o.get(k) {
        Some(Value::Array(a)) => {
            a.iter().filter_map(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        }
        _ => Vec::new(),
    }
}

/// Hex SHA-256 of the parts, joined unambiguously (as a JSON array).
pub(super) fn content_id(parts: &[Value]) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(parts).unwrap_or_default()))
}

/// A new item with only its id and moment; the reader fills in the rest.
pub(super) fn item(source_id: String, at: DateTime<FixedOffset>) -> Item {
    Item {
        source_id,
        at,
        title: None,
        text: String::new(),
        tags: Vec::new(),
        starred: false,
        mood: None,
        activities: Vec::new(),
        kept_as_text: Vec::new(),
    }
}

/// Empty strings as `None`, others trimmed.
pub(super) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// How a format treats an entry's fields other than those it reads.
pub(super) struct Fields<'a> {
    /// Read into the item.
    pub used: &'a [&'a str],
    /// Known, and left out on purpose: the field and what [`Parsed::left_out`] calls it.
    pub left_out: &'a [(&'a str, &'a str)],
}

impl Fields<'_> {
    /// Keeps every field that is neither used nor left out as text on the item (blank ones carry
    /// nothing and are passed by), and counts those left out.
    pub fn keep_rest(&self, o: &Map<String, Value>, item: &mut Item, b: &mut Builder) {
        let mut counted: Vec<&str> = Vec::new();
        for (k, v) in o {
            if self.used.contains(&k.as_str()) || is_blank(v) {
                continue;
            }
            if let Some((_, what)) = self.left_out.iter().find(|(f, _)| f == k) {
                if !counted.contains(what) {
                    counted.push(what);
                    b.left_out(what, 1);
                }
                continue;
            }
            item.kept_as_text.push((k.clone(), value_text(v)));
        }
    }
}

/// Counts by name, in the order first seen, so the same file always reads the same way.
#[derive(Debug, Default)]
pub(super) struct Tally {
    order: Vec<String>,
    counts: HashMap<String, usize>,
}

impl Tally {
    fn add(&mut self, what: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.counts.get_mut(what) {
            Some(c) => *c = c.saturating_add(n),
            None => {
                self.order.push(what.to_owned());
                self.counts.insert(what.to_owned(), n);
            }
        }
    }

    fn pairs(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        self.order.iter().map(|k| (k.clone(), self.counts.get(k).copied().unwrap_or(0)))
    }
}

/// Gathers one file's items and counts; [`Builder::finish`] checks them as a whole.
pub(super) struct Builder {
    source: Source,
    limits: Limits,
    items: Vec<Item>,
    skipped: Tally,
    left_out: Tally,
    photos: usize,
}

impl Builder {
    /// An empty gathering for `source`.
    pub fn new(source: Source, limits: &Limits) -> Self {
        Builder {
            source,
            limits: *limits,
            items: Vec::new(),
            skipped: Tally::default(),
            left_out: Tally::default(),
            photos: 0,
        }
    }

    /// One entry skipped, for `reason` (one of the constants above).
    pub fn skip(&mut self, reason: &str) {
        self.skipped.add(reason, 1);
    }

    /// `n` entries had `what` left out.
    pub fn left_out(&mut self, what: &str, n: usize) {
        self.left_out.add(what, n);
    }

    /// `n` photos not brought over.
    pub fn photos(&mut self, n: usize) {
        self.photos = self.photos.saturating_add(n);
    }

    /// Adds an item, after checking its year and the length of each of its texts.
    pub fn push(&mut self, item: Item) -> Result<(), ImportError> {
        check_year(item.at.year())?;
        let l = &self.limits;
        l.check_text(&item.text)?;
        item.title.as_deref().map_or(Ok(()), |t| l.check_text(t))?;
        for s in item.tags.iter().chain(&item.activities) {
            l.check_text(s)?;
        }
        item.mood.as_ref().map_or(Ok(()), |m| l.check_text(&m.name))?;
        for (k, v) in &item.kept_as_text {
            l.check_text(k)?;
            l.check_text(v)?;
        }
        self.items.push(item);
        Ok(())
    }

    /// The result: [`ImportError::Empty`] when the file held no entries at all; ids made unique
    /// within the file (a repeat gets `#2`, `#3`, ... in file order).
    pub fn finish(mut self) -> Result<Parsed, ImportError> {
        if self.items.is_empty() && self.skipped.order.is_empty() {
            return Err(ImportError::Empty);
        }
        let mut taken: HashSet<String> = HashSet::with_capacity(self.items.len());
        let mut repeats: HashMap<String, usize> = HashMap::new();
        for item in &mut self.items {
            if taken.insert(item.source_id.clone()) {
                continue;
            }
            let n = repeats.entry(item.source_id.clone()).or_insert(1);
            loop {
                *n += 1;
                let id = format!("{}#{n}", item.source_id);
                if taken.insert(id.clone()) {
                    item.source_id = id;
                    break;
                }
            }
        }
        Ok(Parsed {
            source: self.source,
            skipped: self.skipped.pairs().map(|(reason, count)| Skipped { reason, count }).collect(),
            left_out: self.left_out.pairs().map(|(what, count)| LeftOut { what, count }).collect(),
            photos_skipped: self.photos,
            items: std::mem::take(&mut self.items),
        })
    }
}

/// True when the text looks like HTML from a rich editor (Daylio's newer notes, Mini Diarium).
pub(super) fn looks_like_html(s: &str) -> bool {
    const TAGS: [&str; 22] = [
        "<br",
        "<div",
        "<p>",
        "<p ",
        "</p>",
        "<b>",
        "<i>",
        "<u>",
        "<ul",
        "<ol",
        "<li",
        "<span",
        "<strong",
        "<em>",
        "<h1",
        "<h2",
        "<h3",
        "<blockquote",
        "<s>",
        "<code",
        "<mark",
        "<a ",
    ];
    if !s.contains('<') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    TAGS.iter().any(|t| lower.contains(t))
}

/// Plain text from simple HTML: line breaks and blocks become new lines, list items get a bullet,
/// other tags go, and character references are decoded.
pub(super) fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let after = rest.get(1..).unwrap_or_default();
            let starts_tag = after.chars().next().is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
            if let (true, Some(end)) = (starts_tag, after.find('>')) {
                let inner = after.get(..end).unwrap_or_default().trim().to_ascii_lowercase();
                let closing = inner.starts_with('/');
                let name: String =
                    inner.trim_start_matches('/').chars().take_while(|ch| ch.is_ascii_alphanumeric()).collect();
                let block =
                    matches!(name.as_str(), "div" | "p" | "li" | "ul" | "ol" | "blockquote" | "pre" | "tr" | "h1")
                        || (name.len() == 2
                            && name.starts_with('h')
                            && name.as_bytes().get(1).is_some_and(u8::is_ascii_digit));
                let ends_block = block && (closing || name != "li") && !out.is_empty() && !out.ends_with('\n');
                if name == "br" || ends_block {
                    out.push('\n');
                }
                if name == "li" && !closing {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str("• ");
                }
                rest = after.get(end + 1..).unwrap_or_default();
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, used)) = entity(rest) {
                out.push(decoded);
                rest = rest.get(used..).unwrap_or_default();
                continue;
            }
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    tidy_lines(&out)
}

/// A character reference at the start of `s`: the character and the bytes it took.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = s.get(1..end)?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Trailing spaces off each line, no more than one blank line in a row, no blank start or end.
pub(super) fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Plain text from a note that may be HTML.
pub(super) fn plain(s: &str) -> String {
    if looks_like_html(s) {
        html_to_text(s)
    } else {
        s.trim().to_owned()
    }
}
