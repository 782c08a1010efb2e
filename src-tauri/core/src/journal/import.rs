//! Bringing in another journal's entries (jrnl, Day One, Daylio, Mini Diarium): the file is read
//! by [`crate::import`], shown as a preview, then saved in one transaction. Each entry's id is
//! made from where it came from (the app and its own id for the entry), so a second import of
//! the same file adds nothing. Nothing is dropped unseen: titles, tags, activities and every
//! other field go into the entry's words; entries without a mood keep none.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{id_string, Journal};
use crate::error::{Result, ValidationError};
use crate::import::{self, Item, Parsed, Skipped, Source};
use crate::model::{EntryInput, EntryPayload, Mood, MAX_TEXT_CHARS};
use crate::words::{shipped, WordLists};

/// What a file would bring, before anything is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Which app made the file.
    pub source: Source,
    /// Entries in the file that can come in.
    pub entries: usize,
    /// Of those, entries already in this journal (from an earlier import of the same file).
    pub already_here: usize,
    /// The earliest and latest days.
    pub first: Option<NaiveDate>,
    /// The latest day.
    pub last: Option<NaiveDate>,
    /// Whole entries the file holds that can't come in, and why.
    pub skipped: Vec<Skipped>,
    /// Photos not brought (Tend keeps words only).
    pub photos_skipped: usize,
    /// The preview in one line, e.g. "412 entries from 2019-03-02 to 2026-10-30; 3 skipped
    /// because they had no date".
    pub line: String,
}

/// What an import saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// Entries added.
    pub added: usize,
    /// Entries that were here already, left as they are.
    pub already_here: usize,
}

impl Journal {
    /// Reads a file from another journal app and says what it would bring. Saves nothing.
    pub fn import_preview(
        &self,
        bytes: &[u8],
        source: Option<Source>,
        file_name: Option<&str>,
        local_offset: FixedOffset,
    ) -> Result<ImportPreview> {
        self.preview_parsed(&import::parse(bytes, source, file_name, local_offset)?)
    }

    /// [`Journal::import_preview`] of a file already read.
    pub fn preview_parsed(&self, parsed: &Parsed) -> Result<ImportPreview> {
        let ids = entry_ids(parsed);
        let already_here = self.with_session(|s| Ok(ids.iter().filter(|id| s.entries.contains_key(id)).count()))?;
        let summary = parsed.summary();
        Ok(ImportPreview {
            source: parsed.source,
            entries: summary.entries,
            already_here,
            first: summary.first,
            last: summary.last,
            line: summary.to_string(),
            skipped: summary.skipped,
            photos_skipped: summary.photos_skipped,
        })
    }

    /// Brings the file's entries in, in one transaction: all or none. Entries already here (the
    /// same file imported before) are left as they are.
    pub fn import(
        &self,
        bytes: &[u8],
        source: Option<Source>,
        file_name: Option<&str>,
        local_offset: FixedOffset,
        now: DateTime<FixedOffset>,
    ) -> Result<Imported> {
        self.import_parsed(&import::parse(bytes, source, file_name, local_offset)?, now)
    }

    /// [`Journal::import`] of a file already read (the one its preview was made from).
    pub fn import_parsed(&self, parsed: &Parsed, now: DateTime<FixedOffset>) -> Result<Imported> {
        let progress = self.progress();
        let words = shipped();
        let mut inputs = Vec::with_capacity(parsed.items.len());
        for (item, id) in parsed.items.iter().zip(entry_ids(parsed)) {
            inputs.push((id, to_input(item, words)?));
        }
        self.with_session(|s| {
            let mut rows = Vec::new();
            let mut payloads = Vec::new();
            let mut already_here = 0;
            let mut seen = std::collections::HashSet::with_capacity(inputs.len());
            let total = inputs.len() as u64;
            for (n, (id, mut input)) in inputs.into_iter().enumerate() {
                if n % 256 == 0 {
                    progress.check()?;
                    progress.at(0.5, 0.9, n as u64, total);
                }
                if s.entries.contains_key(&id) || !seen.insert(id.clone()) {
                    already_here += 1;
                    continue;
                }
                input.validate(words, &s.vocab.value)?;
                let at = input.at.take().unwrap_or(now);
                let rid = super::parse_id(&id)?;
                let payload = EntryPayload { at, created: now, updated: now, input };
                rows.push(s.seal_entry(rid, &payload)?);
                payloads.push((rid, payload));
            }
            progress.commit_point()?;
            if !rows.is_empty() {
                s.commit(&rows, &[])?;
            }
            let added = s.remember_many(payloads);
            progress.finish();
            Ok(Imported { added, already_here })
        })
    }
}

impl Journal {
    /// [`Journal::import_preview`] of a file on disk (its size checked before it is read).
    pub fn import_preview_file(
        &self,
        path: &std::path::Path,
        source: Option<Source>,
        local_offset: FixedOffset,
    ) -> Result<ImportPreview> {
        let bytes = read_file(path)?;
        self.import_preview(&bytes, source, file_name(path), local_offset)
    }

    /// [`Journal::import`] of a file on disk.
    pub fn import_file(
        &self,
        path: &std::path::Path,
        source: Option<Source>,
        local_offset: FixedOffset,
        now: DateTime<FixedOffset>,
    ) -> Result<Imported> {
        let progress = self.progress();
        let bytes = read_watched(path, &progress)?;
        let parsed = import::parse(&bytes, source, file_name(path), local_offset)?;
        progress.at(0.0, 0.5, 1, 1);
        self.import_parsed(&parsed, now)
    }
}

fn file_name(path: &std::path::Path) -> Option<&str> {
    path.file_name().and_then(|n| n.to_str())
}

/// Reads another app's file whole, after checking its size (a file over the cap is never read).
pub fn read_file(path: &std::path::Path) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    read_watched(path, &crate::progress::Progress::new())
}

/// [`read_file`], moving `progress` over the first third of the bar as bytes come in.
fn read_watched(path: &std::path::Path, progress: &crate::progress::Progress) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| -> crate::Error {
        crate::backup::BackupError::NotRead(path.display().to_string(), e.kind().to_string()).into()
    };
    let f = std::fs::File::open(path).map_err(unreadable)?;
    let total = f.metadata().map_err(unreadable)?.len();
    import::check_size(total)?;
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(total as usize));
    let mut reading = crate::progress::Reading { inner: f, progress, read: 0, total, share: (0.0, 0.3) };
    reading.read_to_end(&mut bytes).map_err(|e| {
        if progress.is_cancelled() {
            crate::Error::Cancelled
        } else {
            unreadable(e)
        }
    })?;
    Ok(bytes)
}

/// Each item's entry id: made from the app and the item's own id, so the same item always gets
/// the same id (a UUID, version 8: made here, not random).
fn entry_ids(parsed: &Parsed) -> Vec<String> {
    parsed
        .items
        .iter()
        .map(|item| {
            let mut h = Sha256::new();
            h.update(b"tend import v1\0");
            h.update(parsed.source.id().as_bytes());
            h.update(b"\0");
            h.update(item.source_id.as_bytes());
            let d = h.finalize();
            let mut b = [0u8; 16];
            b.copy_from_slice(&d[..16]);
            b[6] = (b[6] & 0x0f) | 0x80;
            b[8] = (b[8] & 0x3f) | 0x80;
            id_string(&b)
        })
        .collect()
}

/// An item as an entry: its time, its mood when the app recorded one, Daylio activities that
/// name one of Tend's context chips as that chip, and everything else in its words.
fn to_input(item: &Item, words: &WordLists) -> Result<EntryInput> {
    let mut input = EntryInput::without_mood();
    input.at = Some(item.at);
    input.mood = item.mood.as_ref().map(|m| {
        let (pleasantness, energy) = m.point();
        Mood { pleasantness, energy }
    });
    let mut text = String::new();
    if let Some(t) = item.title.as_deref().filter(|t| !t.trim().is_empty()) {
        text.push_str(t.trim());
        text.push_str("\n\n");
    }
    text.push_str(item.text.trim_end());
    let mut extra: Vec<String> = Vec::new();
    if let Some(m) = &item.mood {
        extra.push(format!("Mood: {}", m.name));
    }
    let mut other = Vec::new();
    for a in &item.activities {
        match words.contexts.iter().find(|c| c.label.eq_ignore_ascii_case(a.trim()) || c.id == a.trim()) {
            Some(c) if !input.context.contains(&c.id) => input.context.push(c.id.clone()),
            Some(_) => {}
            None => other.push(a.as_str()),
        }
    }
    if !other.is_empty() {
        extra.push(format!("Activities: {}", other.join(", ")));
    }
    if !item.tags.is_empty() {
        extra.push(format!("Tags: {}", item.tags.join(", ")));
    }
    if item.starred {
        extra.push("Starred".to_owned());
    }
    extra.extend(item.kept_as_text.iter().map(|(k, v)| format!("{k}: {v}")));
    if !extra.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&extra.join("\n"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ValidationError::new(
            "text",
            format!(
                "the entry of {} is longer than Tend keeps in one entry ({MAX_TEXT_CHARS} characters), so nothing was \
                 imported. Shorten that entry in the other app, or split it, then import again",
                item.at.format("%Y-%m-%d %H:%M")
            ),
        )
        .into());
    }
    input.text = text;
    Ok(input)
}

#[cfg(test)]
mod tests;
