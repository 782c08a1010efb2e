//! A page a person can hand to a clinician or therapist, so they need not read the journal
//! aloud: for a chosen period, mood over time, the calendar, counts per label and context,
//! aftercare with its patterns, and only the entries the person ticks (their written words only
//! when asked for).
//!
//! The page is one self-contained HTML document, made here in the core: inline CSS set for
//! print, charts as inline SVG drawn from the insights, no script and nothing fetched from
//! anywhere. The app prints it through the system's print dialog, which saves PDF on every
//! platform; the command line writes the same page as a file. So no PDF library and no fonts are
//! bundled, the file stays readable in any browser, and nothing leaves the device.
//!
//! Mood figures come only from the insights ([`Journal::insights`]), so the page says exactly
//! what the Trends screen says for the same period. Every word of the person's own is escaped.
//! Like a plain export, the page is not encrypted once written: it holds only what it lists.

use std::fmt::{self, Write as _};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Result, ValidationError};
use crate::export::{choice_words, in_words, timing_words, Range};
use crate::insights::{Bucket, Query};
use crate::journal::Journal;
use crate::model::{check_day, Entry, Vocabulary};
use crate::words::{shipped, WordLists};

mod charts;
mod page;

/// What the person asks for: a period and the entries they ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct SummaryRequest {
    /// First day of the period (default: the first entry's day).
    pub from: Option<NaiveDate>,
    /// Last day of the period (default: today).
    pub to: Option<NaiveDate>,
    /// Ids of the entries the person ticked to show one by one; each must lie in the period.
    pub entries: Vec<String>,
    /// Also show the free text (and the prompt it answers) of the ticked entries. Off unless
    /// the person turns it on.
    pub with_text: bool,
}

/// The page, and what it holds. The page is wiped from memory when dropped.
pub struct Summary {
    /// One self-contained HTML document (no script, no links, nothing fetched).
    pub html: Zeroizing<String>,
    /// Entries in the period.
    pub entries: usize,
    /// Ticked entries shown one by one.
    pub shown: usize,
}

impl fmt::Debug for Summary {
    // The page holds intimate words: never printed by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Summary")
            .field("html", &format_args!("[{} bytes]", self.html.len()))
            .field("entries", &self.entries)
            .field("shown", &self.shown)
            .finish()
    }
}

impl Journal {
    /// The summary page for `req`'s period. `today` is the person's today (the period's last day
    /// unless `req.to` says otherwise); `made_at` is printed as the day the page was made.
    ///
    /// Refused, naming the field: a day outside the years Tend accepts, a last day before the
    /// first, a ticked id that is not in the journal or whose entry lies outside the period.
    pub fn summary(&self, req: &SummaryRequest, today: NaiveDate, made_at: DateTime<FixedOffset>) -> Result<Summary> {
        Range { from: req.from, to: req.to }.check()?;
        check_day("today", today)?;
        let mut ticked: Vec<&str> = Vec::with_capacity(req.entries.len());
        for id in &req.entries {
            let id = id.trim();
            if id.is_empty() {
                return Err(ValidationError::new("entries", "an entry id is empty").into());
            }
            if !ticked.contains(&id) {
                ticked.push(id);
            }
        }
        let wanted: HashSet<&str> = ticked.iter().copied().collect();

        // First pass: the first entry's day (for a period with no first day) and where each
        // ticked entry lies.
        let (first_day, found) = self.with_entries(|it| {
            let mut first: Option<NaiveDate> = None;
            let mut found: Vec<(String, DateTime<FixedOffset>)> = Vec::new();
            for e in it {
                let day = e.at.date_naive();
                first = Some(first.map_or(day, |f| f.min(day)));
                if wanted.contains(e.id.as_str()) {
                    found.push((e.id.clone(), e.at));
                }
            }
            (first, found)
        })?;
        let to = req.to.unwrap_or(today);
        let from = req.from.unwrap_or_else(|| first_day.unwrap_or(to).min(to));
        let to = to.max(from);
        let period = Range { from: Some(from), to: Some(to) };
        for id in &ticked {
            match found.iter().find(|(f, _)| f == id) {
                None => return Err(ValidationError::new("entries", unknown_id(id)).into()),
                Some((_, at)) if at.date_naive() < from || at.date_naive() > to => {
                    let reason = format!(
                        "the entry of {} lies outside {}; choose entries within the period, or widen it",
                        at.format("%-d %B %Y, %H:%M"),
                        period_words(from, to)
                    );
                    return Err(ValidationError::new("entries", reason).into());
                }
                Some(_) => {}
            }
        }

        let insights = self.insights(&Query { from: Some(from), to: Some(to), today })?;
        let own = Zeroizing::new(self.vocabulary()?);
        let page =
            page::Page { ins: &insights, words: shipped(), own: &own, from, to, made_at, with_text: req.with_text };
        let mut html = Zeroizing::new(String::new());
        let (entries, shown) = self.with_entries(|it| {
            let mut entries = 0usize;
            let mut chosen: Vec<&Entry> = Vec::new();
            for e in it {
                if period.keeps(e) {
                    entries += 1;
                    if wanted.contains(e.id.as_str()) {
                        chosen.push(e);
                    }
                }
            }
            chosen.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
            // Reserved up front, so growing the page leaves few stray copies of it in memory.
            html.reserve(page.size_hint(&chosen));
            page.write(&mut html, entries, &chosen);
            (entries, chosen.len())
        })?;
        Ok(Summary { html, entries, shown })
    }
}

/// An unknown id, named (shortened, as it may be anything).
fn unknown_id(id: &str) -> String {
    let short: String = id.chars().take(40).collect();
    let more = if short.len() < id.len() { "…" } else { "" };
    format!("there is no entry '{short}{more}' in your journal (it may have been deleted)")
}

/// Text escaped for HTML, in element content and in quoted attributes alike.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// A day in full words: "1 March 2026".
fn day_words(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// A period in words: "4 March 2026", "1 to 31 March 2026", "1 March to 2 May 2026", or
/// "1 March 2025 to 28 February 2026".
pub fn period_words(from: NaiveDate, to: NaiveDate) -> String {
    use chrono::Datelike;
    if from == to {
        day_words(from)
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{} to {}", from.format("%-d"), day_words(to))
    } else if from.year() == to.year() {
        format!("{} to {}", from.format("%-d %B"), day_words(to))
    } else {
        format!("{} to {}", day_words(from), day_words(to))
    }
}

/// A mean on the -1..1 scale: sign always shown, a true minus sign (read as "minus"), and no
/// "-0.00".
fn signed(x: f64) -> String {
    let s = format!("{x:+.2}");
    match s.as_str() {
        "+0.00" | "-0.00" => "0.00".to_owned(),
        _ => s.replacen('-', "\u{2212}", 1),
    }
}

/// How the insights group time, as a table heading and a phrase.
fn bucket_words(b: Bucket) -> (&'static str, &'static str) {
    match b {
        Bucket::Day => ("Day", "day"),
        Bucket::Week => ("Week starting", "week"),
        Bucket::Month => ("Month", "month"),
    }
}

/// A label's words: shipped, else the person's own, else its id.
fn label_word<'a>(id: &'a str, words: &'a WordLists, own: &'a Vocabulary) -> &'a str {
    words
        .labels
        .iter()
        .find(|l| l.id == id)
        .map(|l| l.label.as_str())
        .or_else(|| own.labels.iter().find(|l| l.id == id).map(|l| l.label.as_str()))
        .unwrap_or(id)
}

/// A chip's words (context, aftercare), else its id.
fn chip_word<'a>(list: &'a [crate::words::Chip], id: &'a str) -> &'a str {
    list.iter().find(|c| c.id == id).map_or(id, |c| c.label.as_str())
}

/// Appends one ticked entry: its time, then what was noted, in words; its free text only with
/// `with_text`.
fn write_entry(h: &mut String, e: &Entry, words: &WordLists, own: &Vocabulary, with_text: bool) {
    let mut w = in_words(e, words, own);
    let _ = write!(h, "<article class=\"entry\">\n<h3>{}</h3>\n", e.at.format("%A %-d %B %Y, %H:%M"));
    let choice = e.choice.map(|c| vec![choice_words(c).to_owned()]).unwrap_or_default();
    let timing = e.timing.map(|t| vec![timing_words(t).to_owned()]).unwrap_or_default();
    let rows: [(&str, &Vec<String>); 7] = [
        ("Feelings", &w.feelings),
        ("Labels", &w.labels),
        ("Context", &w.context),
        ("Aftercare received", &w.aftercare_got),
        ("Aftercare wanted", &w.aftercare_wanted),
        ("Felt like their choice", &choice),
        ("Written", &timing),
    ];
    if rows.iter().all(|(_, v)| v.is_empty()) {
        h.push_str("<p>No words, labels or context were noted with this entry.</p>\n");
    } else {
        h.push_str("<dl>\n");
        for (name, items) in rows {
            if items.is_empty() {
                continue;
            }
            let _ = write!(h, "<dt>{name}</dt><dd>");
            for (i, item) in items.iter().enumerate() {
                let _ = write!(h, "{}{}", if i > 0 { ", " } else { "" }, Esc(item));
            }
            h.push_str("</dd>\n");
        }
        h.push_str("</dl>\n");
    }
    if with_text && !e.text.trim().is_empty() {
        h.push_str("<h4>In their words</h4>\n");
        if let Some(p) = &w.prompt {
            let _ = writeln!(h, "<p class=\"prompt\">Answering: {}</p>", Esc(p));
        }
        let _ = writeln!(h, "<blockquote>{}</blockquote>", Esc(e.text.trim_end()));
    }
    h.push_str("</article>\n");
    w.zeroize();
}

#[cfg(test)]
mod tests;
