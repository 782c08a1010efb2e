//! The export document (DESIGN.md section 9): everything the journal holds, as one versioned,
//! plain JSON document that reads on its own, and the readable pages made from it (Markdown and
//! CSV). It is also what an encrypted backup carries, so it reads back into equal data.
//!
//! A plain export is not encrypted: it is the one way intimate words leave the encryption, so it
//! is only ever written where the person chose, atomically, never over a file by accident.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::care::{CareRecord, Closeness};
use crate::error::{Error, Result, ValidationError};
use crate::journal::Journal;
use crate::model::{check_day, CheckIn, Choice, Entry, Settings, Timing, Vocabulary};
use crate::words::{shipped, WordLists};

/// The document's format and version. A later version is a new name; this build reads only it.
/// An entry with no mood recorded has `"mood": null` and `"quadrant": null` (documents made
/// before that could happen always have both, and read as they did).
pub const FORMAT: &str = "tend-export/1";

/// What the readable page says where an entry has no mood.
pub const NO_MOOD: &str = "No mood recorded";

/// Which entries go out: those on or after `from` and on or before `to` (the entry's own
/// calendar day). Both unset: every entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Range {
    /// First day, if any.
    pub from: Option<NaiveDate>,
    /// Last day, if any.
    pub to: Option<NaiveDate>,
}

impl Range {
    /// Checks the days lie within the years Tend accepts (as search does), in order.
    pub fn check(&self) -> Result<(), ValidationError> {
        self.from.map_or(Ok(()), |d| check_day("from", d))?;
        self.to.map_or(Ok(()), |d| check_day("to", d))?;
        match (self.from, self.to) {
            (Some(f), Some(t)) if f > t => Err(ValidationError::new("to", "the last day comes before the first")),
            _ => Ok(()),
        }
    }

    /// True when the entry's day lies in the range.
    pub fn keeps(&self, e: &Entry) -> bool {
        let day = e.at.date_naive();
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// The plain words for an entry's ids, beside them, so the document reads without Tend.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct InWords {
    /// The feeling words.
    pub feelings: Vec<String>,
    /// The names for it (labels).
    pub labels: Vec<String>,
    /// Context.
    pub context: Vec<String>,
    /// Aftercare received.
    pub aftercare_got: Vec<String>,
    /// Aftercare wanted.
    pub aftercare_wanted: Vec<String>,
    /// Body items.
    pub body: Vec<String>,
    /// The prompt the text answers.
    pub prompt: Option<String>,
}

/// One entry: every field as stored (ids included), and the same in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportEntry {
    /// The entry, field for field.
    #[serde(flatten)]
    pub entry: Entry,
    /// Its ids in words.
    pub in_words: InWords,
}

/// The whole document. Entries run oldest first. Wiped from memory when dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExportDoc {
    /// Always [`FORMAT`].
    pub format: String,
    /// When it was made.
    pub exported_at: DateTime<FixedOffset>,
    /// The days asked for; empty for everything.
    pub range: Range,
    /// The entries in the range, oldest first.
    pub entries: Vec<ExportEntry>,
    /// The person's own feeling words and labels.
    pub own_words: Vocabulary,
    /// Settings.
    pub settings: Settings,
    /// The care record: safety plan, aftercare needs, support numbers, check-ins set aside and
    /// what the support card remembers.
    pub care: CareRecord,
}

impl ExportDoc {
    /// Writes the document as compact JSON (byte for byte what `serde_json` writes for it),
    /// moving `progress` within `share` as entries go out; stops with an error when stop is
    /// asked for.
    pub fn write_json<W: std::io::Write>(
        &self,
        out: W,
        progress: &crate::progress::Progress,
        share: (f64, f64),
    ) -> serde_json::Result<()> {
        // Every field named: a field added to the document and not here fails to compile.
        let ExportDoc { format, exported_at, range, entries, own_words, settings, care } = self;
        let watched = Watched {
            format,
            exported_at,
            range,
            entries: Ticking { entries, progress, share },
            own_words,
            settings,
            care,
        };
        serde_json::to_writer(out, &watched)
    }
}

/// The document by reference, its entries counted as they are written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Watched<'a> {
    format: &'a str,
    exported_at: &'a DateTime<FixedOffset>,
    range: &'a Range,
    entries: Ticking<'a>,
    own_words: &'a Vocabulary,
    settings: &'a Settings,
    care: &'a CareRecord,
}

struct Ticking<'a> {
    entries: &'a [ExportEntry],
    progress: &'a crate::progress::Progress,
    share: (f64, f64),
}

impl Serialize for Ticking<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let total = self.entries.len() as u64;
        let mut seq = s.serialize_seq(Some(self.entries.len()))?;
        for (i, e) in self.entries.iter().enumerate() {
            if i % 64 == 0 {
                if self.progress.is_cancelled() {
                    return Err(S::Error::custom("stopped"));
                }
                self.progress.at(self.share.0, self.share.1, i as u64, total);
            }
            seq.serialize_element(e)?;
        }
        self.progress.at(self.share.0, self.share.1, total, total);
        seq.end()
    }
}

impl Drop for ExportDoc {
    fn drop(&mut self) {
        for e in &mut self.entries {
            e.entry.zeroize();
            e.in_words.zeroize();
        }
        self.own_words.zeroize();
        self.settings.zeroize();
        self.care.wipe();
    }
}

/// The file kinds a plain export can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ExportFormat {
    /// The whole document, Tend's own format (pretty JSON).
    Json,
    /// One readable page, entries grouped by day, oldest first.
    #[cfg_attr(feature = "cli", value(name = "md"))]
    #[serde(rename = "md")]
    Markdown,
    /// One row per entry, one column per field, in words.
    Csv,
}

impl Journal {
    /// The export document for the entries in `range`, with everything else the journal holds.
    pub fn export(&self, range: Range, now: DateTime<FixedOffset>) -> Result<ExportDoc> {
        range.check()?;
        let own = self.vocabulary()?;
        let words = shipped();
        let mut entries = self.with_entries(|it| {
            it.filter(|e| range.keeps(e))
                .map(|e| ExportEntry { in_words: in_words(e, words, &own), entry: e.clone() })
                .collect::<Vec<_>>()
        })?;
        entries.reverse();
        Ok(ExportDoc {
            format: FORMAT.to_owned(),
            exported_at: now,
            range,
            entries,
            own_words: own,
            settings: self.settings()?,
            care: self.care_record()?,
        })
    }
}

impl Journal {
    /// Writes a plain export of the entries in `range` to `path`, atomically and never over an
    /// existing file unless `replace`; returns how many entries went out. The file is NOT
    /// encrypted: callers say so.
    pub fn export_to(
        &self,
        path: &Path,
        format: ExportFormat,
        range: Range,
        now: DateTime<FixedOffset>,
        replace: bool,
    ) -> Result<usize> {
        range.check()?;
        self.outside_data_dir(path)?;
        check_target(path, replace)?;
        let progress = self.progress();
        let doc = self.export(range, now)?;
        progress.at(0.0, 0.3, 1, 1);
        let page = doc.render(format);
        progress.at(0.0, 0.6, 1, 1);
        progress.check()?;
        write_file(path, page.as_bytes(), replace)?;
        progress.finish();
        Ok(doc.entries.len())
    }
}

fn own_or_id<'a>(found: Option<&'a str>, id: &'a str) -> String {
    found.unwrap_or(id).to_owned()
}

/// The entry's feeling words: shipped, else the person's own, else the id itself.
pub fn feeling_words(e: &Entry, words: &WordLists, own: &Vocabulary) -> Vec<String> {
    e.emotions
        .iter()
        .map(|id| {
            let w = words.emotion(id).map(|w| w.label.as_str());
            own_or_id(w.or_else(|| own.emotions.iter().find(|w| &w.id == id).map(|w| w.label.as_str())), id)
        })
        .collect()
}

/// The entry's ids in words: shipped words, else the person's own, else the id itself.
pub fn in_words(e: &Entry, words: &WordLists, own: &Vocabulary) -> InWords {
    let chip = |list: &[crate::words::Chip], ids: &[String]| -> Vec<String> {
        ids.iter().map(|id| own_or_id(list.iter().find(|c| &c.id == id).map(|c| c.label.as_str()), id)).collect()
    };
    InWords {
        feelings: feeling_words(e, words, own),
        labels: e
            .labels
            .iter()
            .map(|id| {
                let l = words.labels.iter().find(|l| &l.id == id).map(|l| l.label.as_str());
                own_or_id(l.or_else(|| own.labels.iter().find(|l| &l.id == id).map(|l| l.label.as_str())), id)
            })
            .collect(),
        context: chip(&words.contexts, &e.context),
        aftercare_got: chip(&words.aftercare, &e.aftercare_got),
        aftercare_wanted: chip(&words.aftercare, &e.aftercare_wanted),
        body: e.body.iter().map(|id| own_or_id(words.body_item(id).map(|b| b.label.as_str()), id)).collect(),
        prompt: e.prompt.as_ref().map(|p| own_or_id(crate::care::shipped().prompt(p).map(|p| p.text.as_str()), p)),
    }
}

/// Refuses a document of any other format or version, before it is read whole.
fn check_format(bytes: &[u8]) -> Result<(), ValidationError> {
    let format = serde_json::from_slice::<FormatOnly>(bytes).map(|f| f.format).unwrap_or_default();
    if format != FORMAT {
        return Err(ValidationError::new(
            "format",
            "this isn't a Tend export, or it was made by a newer version of Tend (update Tend to read it)",
        ));
    }
    Ok(())
}

/// A document as the restore reads it: every field of [`ExportDoc`], its entries without their
/// ids in words (made from the ids, so never read back). About a third less to hold than the whole
/// document while a backup is brought in. Wiped from memory when dropped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RestoreDoc {
    /// Always [`FORMAT`].
    pub format: String,
    /// When it was made.
    pub exported_at: DateTime<FixedOffset>,
    /// The days asked for; empty for everything.
    pub range: Range,
    /// The entries, field for field (their `inWords` are skipped).
    pub entries: Vec<Entry>,
    /// The person's own feeling words and labels.
    pub own_words: Vocabulary,
    /// Settings.
    pub settings: Settings,
    /// The care record.
    pub care: CareRecord,
}

impl Drop for RestoreDoc {
    fn drop(&mut self) {
        self.entries.iter_mut().for_each(Zeroize::zeroize);
        self.own_words.zeroize();
        self.settings.zeroize();
        self.care.wipe();
    }
}

/// A document type a backup can be read into.
pub trait Readable: Sized {
    /// Reads a document back, refusing any other format or version and any field it doesn't know.
    fn parse(bytes: &[u8]) -> Result<Self, ValidationError>;
}

impl Readable for ExportDoc {
    fn parse(bytes: &[u8]) -> Result<Self, ValidationError> {
        ExportDoc::parse(bytes)
    }
}

impl Readable for RestoreDoc {
    fn parse(bytes: &[u8]) -> Result<Self, ValidationError> {
        check_format(bytes)?;
        serde_json::from_slice(bytes).map_err(|e| ValidationError::new("export", e.to_string()))
    }
}

impl ExportDoc {
    /// Reads a document back, refusing any other format or version and any field it doesn't know.
    pub fn parse(bytes: &[u8]) -> Result<ExportDoc, ValidationError> {
        check_format(bytes)?;
        serde_json::from_slice(bytes).map_err(|e| ValidationError::new("export", e.to_string()))
    }

    /// The document in the chosen format.
    pub fn render(&self, format: ExportFormat) -> Zeroizing<String> {
        match format {
            ExportFormat::Json => self.to_json(),
            ExportFormat::Markdown => self.to_markdown(),
            ExportFormat::Csv => self.to_csv(),
        }
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> Zeroizing<String> {
        // Every field is a plain value or string: serialising can't fail.
        let mut s = Zeroizing::new(serde_json::to_string_pretty(self).unwrap_or_default());
        s.push('\n');
        s
    }

    /// One readable page: entries grouped by day, oldest first, in words; then the person's own
    /// words, aftercare needs, safety plan and support numbers when there are any.
    pub fn to_markdown(&self) -> Zeroizing<String> {
        let mut md = Zeroizing::new(String::new());
        let m = &mut *md;
        let _ = writeln!(m, "# Tend journal\n");
        let range = match (self.range.from, self.range.to) {
            (None, None) => "every entry".to_owned(),
            (Some(f), None) => format!("entries from {f}"),
            (None, Some(t)) => format!("entries up to {t}"),
            (Some(f), Some(t)) => format!("entries from {f} to {t}"),
        };
        let _ = writeln!(
            m,
            "Exported {}: {range}, {} in all, oldest first.\n",
            self.exported_at.format("%-d %B %Y, %H:%M"),
            self.entries.len()
        );
        let _ = writeln!(m, "**This file is not encrypted.** Anyone who can open it can read it.\n");
        let mut day = None;
        for x in &self.entries {
            let e = &x.entry;
            if day != Some(e.at.date_naive()) {
                day = Some(e.at.date_naive());
                let _ = writeln!(m, "## {}\n", e.at.format("%A %-d %B %Y"));
            }
            match (e.mood, e.quadrant) {
                (Some(mood), Some(q)) => {
                    let _ = writeln!(m, "### {}, {}\n", e.at.format("%H:%M"), q.as_str());
                    let _ = writeln!(
                        m,
                        "- Mood: {} (pleasantness {:+.2}, energy {:+.2})",
                        q.as_str(),
                        mood.pleasantness,
                        mood.energy
                    );
                }
                _ => {
                    let _ = writeln!(m, "### {}\n", e.at.format("%H:%M"));
                    let _ = writeln!(m, "- {NO_MOOD}");
                }
            }
            let w = &x.in_words;
            for (name, items) in [
                ("Feelings", &w.feelings),
                ("Names for it", &w.labels),
                ("Context", &w.context),
                ("Aftercare I got", &w.aftercare_got),
                ("Aftercare I wanted", &w.aftercare_wanted),
                ("Body", &w.body),
            ] {
                if !items.is_empty() {
                    let _ = writeln!(m, "- {name}: {}", items.join(", "));
                }
            }
            if let Some(c) = e.choice {
                let _ = writeln!(m, "- Did it all feel like my choice: {}", choice_words(c));
            }
            if let Some(t) = e.timing {
                let _ = writeln!(m, "- Written: {}", timing_words(t));
            }
            if let Some(f) = &e.follows {
                let _ = writeln!(m, "- Follows: {}", self.entry_name(f));
            }
            if let Some(p) = &e.partner {
                let _ = writeln!(m, "- Partner: {p}");
            }
            if let Some(c) = e.check_in {
                let _ = writeln!(m, "- Check in with me: {}", check_in_words(c));
            }
            m.push('\n');
            if let Some(p) = &w.prompt {
                let _ = writeln!(m, "*{p}*\n");
            }
            if !e.text.is_empty() {
                // Quoted line by line, so a line of the person's own can't turn into a heading.
                for line in e.text.lines() {
                    let _ = writeln!(m, "> {line}");
                }
                m.push('\n');
            }
        }
        self.care_markdown(m);
        md
    }

    fn care_markdown(&self, m: &mut String) {
        let own = &self.own_words;
        if !own.emotions.is_empty() || !own.labels.is_empty() {
            let _ = writeln!(m, "## My own words\n");
            for w in &own.emotions {
                let _ = writeln!(m, "- Feeling: {} ({})", w.label, w.quadrant.as_str());
            }
            for l in &own.labels {
                let _ = writeln!(m, "- Name for it: {}", l.label);
            }
            m.push('\n');
        }
        let n = &self.care.aftercare_needs;
        let notes = [
            ("Closeness or space", &n.closeness_note),
            ("Words", &n.words_note),
            ("Body care", &n.body_note),
            ("Later", &n.later_note),
            ("Anything else", &n.other_note),
        ];
        if n.closeness.is_some() || !n.items.is_empty() || notes.iter().any(|(_, v)| !v.is_empty()) {
            let _ = writeln!(m, "## My aftercare needs\n");
            if let Some(c) = n.closeness {
                let c = match c {
                    Closeness::Closeness => "closeness",
                    Closeness::Space => "some space",
                    Closeness::Depends => "it depends",
                };
                let _ = writeln!(m, "- Afterwards I usually want: {c}");
            }
            if !n.items.is_empty() {
                let items: Vec<String> = n
                    .items
                    .iter()
                    .map(|id| own_or_id(shipped().aftercare.iter().find(|c| &c.id == id).map(|c| c.label.as_str()), id))
                    .collect();
                let _ = writeln!(m, "- What helps: {}", items.join(", "));
            }
            section_lines(m, &notes);
        }
        let p = &self.care.safety_plan;
        section(
            m,
            "My safety plan",
            &[
                ("Warning signs", &p.warning_signs),
                ("What helps", &p.what_helps),
                ("People I can contact", &p.people),
                ("Professionals and services", &p.professionals),
                ("Making my space safer", &p.safer_space),
            ],
        );
        let s = &self.care.numbers;
        section(
            m,
            "My support numbers",
            &[
                ("Emergency", &s.emergency),
                ("Crisis line", &s.crisis_line),
                ("Sexual-assault support", &s.assault_service),
                ("Someone I trust", &s.trusted_name),
                ("Their number", &s.trusted_number),
            ],
        );
    }

    /// An entry named by its time, for "follows"; its id when it isn't in this export.
    fn entry_name(&self, id: &str) -> String {
        match self.entries.iter().find(|x| x.entry.id == id) {
            Some(x) => format!("the entry of {}", x.entry.at.format("%-d %B %Y, %H:%M")),
            None => format!("entry {id}"),
        }
    }

    /// One row per entry (oldest first), one column per field, lists joined with "; ", in
    /// words; an entry with no mood leaves its pleasantness, energy and mood cells empty.
    /// Quoted as RFC 4180 says, and a cell of the person's that starts like a spreadsheet
    /// formula (`=`, `+`, `-`, `@`, tab, carriage return) starts with `'` so it stays text.
    pub fn to_csv(&self) -> Zeroizing<String> {
        let mut csv = Zeroizing::new(String::new());
        let c = &mut *csv;
        c.push_str(CSV_HEADER.join(",").as_str());
        c.push_str("\r\n");
        for x in &self.entries {
            let (e, w) = (&x.entry, &x.in_words);
            let opt = |o: Option<&str>| o.unwrap_or("").to_owned();
            let raw = [
                e.id.clone(),
                e.at.to_rfc3339(),
                e.created.to_rfc3339(),
                e.updated.to_rfc3339(),
                e.mood.map(|m| m.pleasantness.to_string()).unwrap_or_default(),
                e.mood.map(|m| m.energy.to_string()).unwrap_or_default(),
                e.quadrant.map(|q| q.as_str().to_owned()).unwrap_or_default(),
            ];
            let text = [
                w.feelings.join("; "),
                w.labels.join("; "),
                w.context.join("; "),
                w.aftercare_got.join("; "),
                w.aftercare_wanted.join("; "),
                w.body.join("; "),
                opt(e.choice.map(choice_words)),
                opt(e.timing.map(timing_words)),
                opt(e.follows.as_deref()),
                opt(e.partner.as_deref()),
                opt(w.prompt.as_deref()),
                e.text.clone(),
                opt(e.check_in.map(check_in_words)),
            ];
            for (i, cell) in raw.iter().enumerate() {
                if i > 0 {
                    c.push(',');
                }
                csv_cell(c, cell, false);
            }
            for mut cell in text {
                c.push(',');
                csv_cell(c, &cell, true);
                cell.zeroize();
            }
            c.push_str("\r\n");
        }
        csv
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 20] = [
    "id",
    "at",
    "created",
    "updated",
    "pleasantness",
    "energy",
    "mood",
    "feelings",
    "labels",
    "context",
    "aftercareGot",
    "aftercareWanted",
    "body",
    "choice",
    "timing",
    "follows",
    "partner",
    "prompt",
    "text",
    "checkIn",
];

#[derive(Deserialize)]
struct FormatOnly {
    #[serde(default)]
    format: String,
}

fn section(m: &mut String, title: &str, lines: &[(&str, &String)]) {
    if lines.iter().any(|(_, v)| !v.trim().is_empty()) {
        let _ = writeln!(m, "## {title}\n");
        section_lines(m, lines);
    }
}

fn section_lines(m: &mut String, lines: &[(&str, &String)]) {
    for (name, v) in lines {
        if !v.trim().is_empty() {
            let _ = writeln!(m, "- {name}: {}", v.trim().replace('\n', "\n  "));
        }
    }
    m.push('\n');
}

/// Appends one CSV cell. With `guard`, a cell starting like a formula gets a leading `'`.
pub fn csv_cell(out: &mut String, s: &str, guard: bool) {
    let formula = guard && s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for ch in s.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if quote {
        out.push('"');
    }
}

/// The answer to "Did it all feel like your choice?", in words.
pub(crate) fn choice_words(c: Choice) -> &'static str {
    match c {
        Choice::Yes => "yes",
        Choice::Mostly => "mostly",
        Choice::Unsure => "not sure",
        Choice::No => "no",
    }
}

/// When the entry was written, relative to the moment, in words.
pub(crate) fn timing_words(t: Timing) -> &'static str {
    match t {
        Timing::RightAfter => "right after",
        Timing::LaterThatDay => "later that day",
        Timing::NextDay => "the next day",
        Timing::DaysLater => "days later",
    }
}

fn check_in_words(c: CheckIn) -> &'static str {
    match c {
        CheckIn::FewHours => "in a few hours",
        CheckIn::Tomorrow => "the next morning",
    }
}

/// Refuses early when `path` already exists (a file, a folder or a link) and `replace` is off.
pub fn check_target(path: &Path, replace: bool) -> Result<()> {
    if !replace && std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::ExportExists(path.display().to_string()));
    }
    Ok(())
}

/// Writes `body` to `path` atomically: a new private temporary file (0600, made exclusively, so
/// never through a link) in the same folder, synced, then moved into place. On any failure the
/// temporary file is removed and whatever was at `path` is left as it was. Without `replace`, an
/// existing `path` is never overwritten, even one that appears while writing.
pub fn write_file(path: &Path, body: &[u8], replace: bool) -> Result<()> {
    use std::io::Write;
    check_target(path, replace)?;
    let placed = place(path, replace, |f| f.write_all(body));
    export_outcome(path, placed)
}

fn export_outcome(path: &Path, placed: std::io::Result<bool>) -> Result<()> {
    match placed {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::ExportExists(path.display().to_string())),
        Err(e) => Err(Error::ExportWrite(path.display().to_string(), e.to_string())),
    }
}

/// [`write_file`]'s way of writing, for any writer: `fill` writes the whole file into the new
/// temporary file. `Ok(false)` when something already sits at `path` (and `replace` is off).
pub(crate) fn place(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "that is a folder, not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", &uuid::Uuid::new_v4().simple().to_string()[..12]));
    place_via(path, &dir.join(tmp_name), &dir, replace, fill)
}

/// [`place`]'s work, through the temporary file `tmp` in `dir`.
fn place_via(
    path: &Path,
    tmp: &Path,
    dir: &Path,
    replace: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    // Made exclusively: if anything (a leftover, or a link) sits at the name, this fails and
    // nothing is written through it; the name was never ours to remove.
    let mut f = opts.open(tmp)?;
    let placed = (|| {
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        if replace {
            return std::fs::rename(tmp, path).map(|()| true);
        }
        // A hard link never replaces: the one move that can't overwrite a file made meanwhile.
        match std::fs::hard_link(tmp, path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            // Folders without hard links (some USB sticks): checked, then moved.
            Err(_) if std::fs::symlink_metadata(path).is_ok() => Ok(false),
            Err(_) => std::fs::rename(tmp, path).map(|()| true),
        }
    })();
    let _ = std::fs::remove_file(tmp);
    if let Ok(true) = placed {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    placed
}

/// For the test that plants a link at the temporary name.
#[cfg(test)]
fn write_via(path: &Path, tmp: &Path, dir: &Path, body: &[u8], replace: bool) -> Result<()> {
    use std::io::Write;
    export_outcome(path, place_via(path, tmp, dir, replace, |f| f.write_all(body)))
}

#[cfg(test)]
mod tests;
