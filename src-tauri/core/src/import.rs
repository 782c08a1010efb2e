//! Reading other journals' exports, so a person can bring years of writing into Tend: jrnl's JSON
//! export, Day One's JSON export (a bare `Journal.json` or the zip that holds it), Daylio's CSV
//! export and `.daylio` backup, and Mini Diarium's JSON export.
//!
//! This layer only reads. It turns a file's bytes into a neutral list of [`Item`]s and says what
//! it left out and why ([`Parsed`]); writing them into a journal is done elsewhere. It is pure:
//! no clock, no time zone of the machine (a format that records no zone takes the `local_offset`
//! the caller passes), no file system, no network. Everything it reads is treated as hostile:
//! sizes are checked before reading ([`limits`]), archives are read with caps that a lying header
//! can't get past, and no input makes it panic.
//!
//! What each format brings and leaves, with the reasons:
//! - **jrnl**: title, body, date and time (local, with no zone: `local_offset`), tags (the leading
//!   `@` or `#` taken off), starred. `uuid` (present when jrnl wrote the journal from Day One) is
//!   the item's id; otherwise the id is a SHA-256 of the entry's content. `creator` is left out.
//! - **Day One**: `creationDate` (UTC) shown in the entry's own `timeZone` (the IANA database of
//!   `chrono-tz`; an entry with no zone, or one the database doesn't know, takes `local_offset`,
//!   and an unknown name is kept as text), `text` (Markdown: a leading `# ` heading becomes the
//!   title, Day One's backslash escapes are undone, photo and media references are taken out and
//!   the photos counted), `tags`, `starred`, `uuid` as the id. A place's name (place, locality,
//!   area, country) is kept as text; its coordinates and the weather are left out, counted, as are
//!   `richText` (the same words again, formatted), and the device and editing details.
//! - **Daylio** (backup): each entry's moment (`datetime` in its own `timeZoneOffset`), its mood
//!   resolved through `customMoods` to a name and a mood group ([`MoodHint`]), its activities
//!   resolved through `tags`, `note_title`, `note` (HTML turned into plain text), `isFavorite`, and
//!   its `id`. Photos are counted. **Daylio** (CSV): the same, from the named columns; the CSV
//!   records no zone (`local_offset`) and no mood group, so only Daylio's five own mood names get
//!   a hint, and a mood named by the person is kept as text.
//! - **Mini Diarium**: date (a day without a time: midday in `local_offset`, so the day never
//!   shifts), title, text (HTML turned into plain text), tags, and `id` (or the date, in the older
//!   map-by-date form) as the id.
//!
//! Every other field an item carries is kept as text beside it ([`Item::kept_as_text`]): nothing
//! is dropped without being counted in [`Parsed::left_out`].
//!
//! Dates: an item with no date, or one that can't be read, is skipped and counted
//! ([`Parsed::skipped`]). A date that reads but lies outside the years Tend keeps
//! ([`crate::model::YEARS`]) refuses the whole file ([`ImportError::DateOutOfRange`]): such a date
//! almost always means the file is misread or damaged, and importing the rest would hide that.
//! Text longer than [`MAX_TEXT_BYTES`] in one field refuses the whole file too, for the same
//! reason ([`ImportError::TextTooLong`]).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::Zeroize;

pub mod limits;
mod archive;
mod common;
mod jrnl;
mod dayone;
mod daylio;
mod minidiarium;

#[cfg(test)]
mod tests;

pub use limits::{check_size, MAX_FILE_BYTES, MAX_TEXT_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_MEMBERS};

use limits::Limits;

/// The apps Tend imports from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Source {
    /// jrnl's JSON export (`jrnl --export json`).
    Jrnl,
    /// Day One's JSON export: the zip that holds `Journal.json` (and photos), or the JSON alone.
    #[cfg_attr(feature = "cli", value(name = "dayone"))]
    DayOne,
    /// Daylio's CSV export, or its `.daylio` backup.
    Daylio,
    /// Mini Diarium's JSON export.
    #[cfg_attr(feature = "cli", value(name = "minidiarium"))]
    MiniDiarium,
}

impl Source {
    /// All four, in the order they are offered.
    pub const ALL: [Source; 4] = [Source::Jrnl, Source::DayOne, Source::Daylio, Source::MiniDiarium];

    /// The stable id, as serde writes it: `jrnl`, `dayone`, `daylio`, `minidiarium`.
    pub fn id(self) -> &'static str {
        match self {
            Source::Jrnl => "jrnl",
            Source::DayOne => "dayone",
            Source::Daylio => "daylio",
            Source::MiniDiarium => "minidiarium",
        }
    }

    /// The app's own name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Source::Jrnl => "jrnl",
            Source::DayOne => "Day One",
            Source::Daylio => "Daylio",
            Source::MiniDiarium => "Mini Diarium",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mood the source recorded, as it named it and the group it belongs to (Daylio only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Zeroize)]
pub struct MoodHint {
    /// The mood's name: Daylio's own (`rad`, `good`, `meh`, `bad`, `awful`) or one the person chose.
    pub name: String,
    /// Daylio's mood group: 1 rad, 2 good, 3 meh, 4 bad, 5 awful.
    pub group: u8,
}

impl MoodHint {
    /// A point on Tend's grid, `(pleasantness, energy)`, each in [-1, 1], for the mood's group.
    ///
    /// Daylio records one scale, from awful to rad, so pleasantness follows the group: 0.8, 0.45,
    /// 0, -0.45, -0.8. It records no energy, so energy is only nudged the way the words usually
    /// lean (rad lively, good content, bad and awful low) and stays small, for the person to move:
    /// rad (0.8, 0.4) is bright, good (0.45, -0.1) calm, meh (0, 0) in the middle (mixed), bad
    /// (-0.45, -0.1) and awful (-0.8, -0.4) heavy. A group outside 1..=5 gives the middle.
    ///
    /// Call it only where a hint exists: an entry with no mood has no point, not a made-up "meh".
    pub fn point(&self) -> (f64, f64) {
        match self.group {
            1 => (0.8, 0.4),
            2 => (0.45, -0.1),
            4 => (-0.45, -0.1),
            5 => (-0.8, -0.4),
            _ => (0.0, 0.0),
        }
    }
}

/// One entry read from another journal, in a neutral form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// The source's own stable id for the entry (Day One's uuid, Daylio's entry id, Mini
    /// Diarium's id or date, jrnl's uuid), else a hex SHA-256 of the entry's content. The same
    /// bytes always give the same ids, and two items of one file never share one (a repeat gets
    /// `#2`, `#3`, ... in file order).
    pub source_id: String,
    /// When it was written, in local time with the offset it was written in.
    pub at: DateTime<FixedOffset>,
    /// Its title, if it had one.
    pub title: Option<String>,
    /// Its words, as plain text (Markdown from jrnl and Day One is left as written).
    pub text: String,
    /// Its tags, as the source named them (jrnl's leading `@` or `#` taken off).
    pub tags: Vec<String>,
    /// Starred, favourite.
    pub starred: bool,
    /// The mood the source recorded (Daylio only).
    pub mood: Option<MoodHint>,
    /// Daylio's activities, by name.
    pub activities: Vec<String>,
    /// Every other field of the entry, name and value as text, so nothing is lost unseen.
    pub kept_as_text: Vec<(String, String)>,
}

impl Drop for Item {
    fn drop(&mut self) {
        self.title.zeroize();
        self.text.zeroize();
        self.tags.zeroize();
        self.mood.zeroize();
        self.activities.zeroize();
        for (name, value) in &mut self.kept_as_text {
            name.zeroize();
            value.zeroize();
        }
    }
}

/// Whole entries left out, with why, in words that follow "N skipped because it" or "they".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Why, e.g. "had no date".
    pub reason: String,
    /// How many.
    pub count: usize,
}

/// A part of entries that was not brought over (or was kept only as text), and in how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// What, e.g. "weather".
    pub what: String,
    /// In how many entries.
    pub count: usize,
}

/// What one file held: the items, and what was left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// Which app made it.
    pub source: Source,
    /// The entries, in file order.
    pub items: Vec<Item>,
    /// Whole entries skipped, by reason.
    pub skipped: Vec<Skipped>,
    /// Photos that were not brought over (Tend keeps words only).
    pub photos_skipped: usize,
    /// Parts of entries left out, by what.
    pub left_out: Vec<LeftOut>,
}

/// The preview of a [`Parsed`]: how many entries, over which days, and what was skipped. Its
/// `Display` is the preview line, e.g. "412 entries from 2019-03-02 to 2026-10-30; 3 skipped
/// because they had no date".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Which app made the file.
    pub source: Source,
    /// Entries to import.
    pub entries: usize,
    /// The earliest entry's day (its own local day), if any.
    pub first: Option<NaiveDate>,
    /// The latest entry's day, if any.
    pub last: Option<NaiveDate>,
    /// Whole entries skipped, by reason.
    pub skipped: Vec<Skipped>,
    /// Photos not brought over.
    pub photos_skipped: usize,
}

impl Parsed {
    /// The counts and first and last days, for a preview.
    pub fn summary(&self) -> Summary {
        let days = self.items.iter().map(|i| i.at.date_naive());
        Summary {
            source: self.source,
            entries: self.items.len(),
            first: days.clone().min(),
            last: days.max(),
            skipped: self.skipped.clone(),
            photos_skipped: self.photos_skipped,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.entries, self.first, self.last) {
            (0, _, _) | (_, None, _) | (_, _, None) => f.write_str("No entries to bring in")?,
            (n, Some(a), Some(b)) => {
                let noun = if n == 1 { "entry" } else { "entries" };
                if a == b {
                    write!(f, "{n} {noun} on {a}")?;
                } else {
                    write!(f, "{n} {noun} from {a} to {b}")?;
                }
            }
        }
        for s in &self.skipped {
            let who = if s.count == 1 { "it" } else { "they" };
            write!(f, "; {} skipped because {who} {}", s.count, s.reason)?;
        }
        match self.photos_skipped {
            0 => Ok(()),
            1 => f.write_str("; 1 photo left out"),
            n => write!(f, "; {n} photos left out"),
        }
    }
}

/// Why a file was not read. Each message says what happened and what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is larger than [`MAX_FILE_BYTES`]; refused before reading.
    #[error("This file is larger than Tend reads for an import (200 MB), so it was left unread. Export a shorter range of dates, or without photos, and try again.")]
    TooBig,
    /// The file holds nothing, or no entries at all.
    #[error("This file holds no entries to bring in. Check it is the export itself, and try again.")]
    Empty,
    /// No format could be recognised, and none was chosen.
    #[error("Tend can't tell which app made this file. Choose the app it came from, or check it is a jrnl or Mini Diarium JSON export, a Day One JSON export (zip or JSON), or a Daylio CSV export or backup.")]
    Unrecognised,
    /// The format chosen doesn't match the file.
    #[error("This file doesn't look like a {0} export. Check the file, or choose the app it came from.")]
    NotThisFormat(Source),
    /// The file is damaged, cut short or not the structure its format has.
    #[error("Part of this file can't be read: it may be damaged or cut short, so nothing was taken from it. Export it again and try once more.")]
    Malformed,
    /// JSON nested far deeper than any export.
    #[error("This file is nested far deeper than any journal export, so Tend left it unread. Check it is the export file itself.")]
    TooDeep,
    /// The text is not UTF-8.
    #[error("This file's text isn't in UTF-8, the encoding these exports use, so it was left unread. Export it again, or save it as UTF-8, and try again.")]
    NotUtf8,
    /// The zip archive can't be opened or read.
    #[error("This archive can't be opened: it may be damaged or cut short. Export it again and try once more.")]
    BadZip,
    /// A zip member unpacks past [`MAX_UNZIPPED_BYTES`] (or says it would).
    #[error("This archive unpacks to more than Tend reads for an import (256 MB), so it was left unread. Export a shorter range of dates, or without photos, and try again.")]
    ZipTooBig,
    /// The zip holds more than [`MAX_ZIP_MEMBERS`] files.
    #[error("This archive holds far more files than a journal export, so Tend left it unread. Check it is the export itself.")]
    ZipTooManyFiles,
    /// Daylio's backup inside the `.daylio` file is not readable base64 and JSON.
    #[error("The backup inside this .daylio file can't be read: it may be damaged. Make a new backup in Daylio and try again.")]
    BackupUnreadable,
    /// A date lies outside the years Tend keeps ([`crate::model::YEARS`]).
    #[error("Some dates in this file lie outside the years 1900 to 2200, so nothing was imported: the file may be damaged or misread. Check its dates, export again, and try once more.")]
    DateOutOfRange,
    /// One text field is longer than [`MAX_TEXT_BYTES`].
    #[error("An entry in this file is longer than Tend takes in one piece (1 MB of text), so nothing was imported. Split that entry in the app it came from, export again, and try once more.")]
    TextTooLong,
}

impl ImportError {
    /// A stable code for the UI to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooBig => "import_too_big",
            ImportError::Empty => "import_empty",
            ImportError::Unrecognised => "import_unrecognised",
            ImportError::NotThisFormat(_) => "import_not_this_format",
            ImportError::Malformed => "import_damaged",
            ImportError::TooDeep => "import_too_deep",
            ImportError::NotUtf8 => "import_not_utf8",
            ImportError::BadZip => "import_damaged_archive",
            ImportError::ZipTooBig => "import_archive_too_big",
            ImportError::ZipTooManyFiles => "import_archive_too_many_files",
            ImportError::BackupUnreadable => "import_backup_unreadable",
            ImportError::DateOutOfRange => "import_date_out_of_range",
            ImportError::TextTooLong => "import_text_too_long",
        }
    }
}

/// Which app made these bytes, from their content (the file name only breaks a tie), or `None`
/// when they look like none of them. Reads the whole file for a JSON document; a zip only by its
/// list of members.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Option<Source> {
    detect_with(bytes, file_name, &Limits::DEFAULT)
}

/// Reads one export into items. `source` is the app chosen by the person, or `None` to detect it;
/// a chosen app that doesn't match the file gives [`ImportError::NotThisFormat`]. `local_offset`
/// is the offset for formats that record a local time with no zone (jrnl, Daylio's CSV, Mini
/// Diarium): the caller's, as the core never reads the clock or the machine's zone.
pub fn parse(
    bytes: &[u8],
    source: Option<Source>,
    file_name: Option<&str>,
    local_offset: FixedOffset,
) -> Result<Parsed, ImportError> {
    parse_with(bytes, source, file_name, local_offset, &Limits::DEFAULT)
}

/// What the bytes are, before any format is read.
enum Shape {
    Zip,
    Json,
    Text,
}

fn shape(bytes: &[u8]) -> Shape {
    if bytes.starts_with(b"PK") {
        return Shape::Zip;
    }
    let trimmed = common::trim_start(common::strip_bom(bytes));
    match trimmed.first() {
        Some(b'{') | Some(b'[') => Shape::Json,
        _ => Shape::Text,
    }
}

fn detect_with(bytes: &[u8], file_name: Option<&str>, limits: &Limits) -> Option<Source> {
    if limits.check_size(bytes.len() as u64).is_err() {
        return None;
    }
    match shape(bytes) {
        Shape::Zip => archive::detect(bytes, limits),
        Shape::Json => common::parse_json(bytes).ok().and_then(|v| common::detect_json(&v)),
        Shape::Text => {
            let text = std::str::from_utf8(common::strip_bom(bytes)).ok()?;
            let backup =
                || daylio::looks_like_backup_text(text, file_name) && daylio::decode_backup_text(text, limits).is_ok();
            (daylio::looks_like_csv(text) || backup()).then_some(Source::Daylio)
        }
    }
}

fn parse_with(
    bytes: &[u8],
    chosen: Option<Source>,
    file_name: Option<&str>,
    local_offset: FixedOffset,
    limits: &Limits,
) -> Result<Parsed, ImportError> {
    limits.check_size(bytes.len() as u64)?;
    if common::trim_start(common::strip_bom(bytes)).is_empty() {
        return Err(ImportError::Empty);
    }
    let out = match shape(bytes) {
        Shape::Zip => archive::parse(bytes, chosen, local_offset, limits)?,
        Shape::Json => {
            let value = common::parse_json(bytes)?;
            let source = match (chosen, common::detect_json(&value)) {
                (Some(c), Some(d)) if c != d => return Err(ImportError::NotThisFormat(c)),
                (Some(c), _) => c,
                (None, Some(d)) => d,
                (None, None) => return Err(ImportError::Unrecognised),
            };
            parse_json_value(source, &value, local_offset, limits)?
        }
        Shape::Text => {
            let text = std::str::from_utf8(common::strip_bom(bytes)).map_err(|_| ImportError::NotUtf8)?;
            match chosen {
                Some(Source::Daylio) | None if daylio::looks_like_csv(text) => {
                    daylio::parse_csv(text, local_offset, limits)?
                }
                Some(Source::Daylio) | None if daylio::looks_like_backup_text(text, file_name) => {
                    match daylio::decode_backup_text(text, limits) {
                        Ok(value) => daylio::parse_backup(&value, local_offset, limits)?,
                        // Named as a backup, or chosen as Daylio's: say the backup is unreadable.
                        Err(e) if chosen.is_some() || daylio::named_as_backup(file_name) => return Err(e),
                        Err(_) => return Err(ImportError::Unrecognised),
                    }
                }
                Some(Source::Daylio) => return Err(ImportError::NotThisFormat(Source::Daylio)),
                Some(other) => return Err(ImportError::NotThisFormat(other)),
                None => return Err(ImportError::Unrecognised),
            }
        }
    };
    out.finish()
}

/// Reads a JSON document already known (or chosen) to be `source`'s.
fn parse_json_value(
    source: Source,
    value: &serde_json::Value,
    local_offset: FixedOffset,
    limits: &Limits,
) -> Result<common::Builder, ImportError> {
    match source {
        Source::Jrnl => jrnl::parse(value, local_offset, limits),
        Source::DayOne => dayone::parse(&[(None, value)], local_offset, limits),
        Source::Daylio => daylio::parse_backup(value, local_offset, limits),
        Source::MiniDiarium => minidiarium::parse(value, local_offset, limits),
    }
}
