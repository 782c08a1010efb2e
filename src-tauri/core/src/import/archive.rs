//! Zip archives (Day One's export, Daylio's `.daylio` backup), read within caps: the member count
//! is checked before any member is opened, each member's declared size before it is read, and
//! every read is cut one byte past what is left of the budget, so a header that lies about sizes
//! (a zip bomb) is caught by what actually comes out.

use std::io::{Cursor, Read};

use chrono::FixedOffset;
use serde_json::Value;
use zip::ZipArchive;

use super::common::{self, Builder};
use super::limits::Limits;
use super::{daylio, dayone, ImportError, Source};

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ImportError> {
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::BadZip)?;
    if archive.len() > limits.zip_members {
        return Err(ImportError::ZipTooManyFiles);
    }
    Ok(archive)
}

/// The members' names, in the archive's order.
fn member_names(archive: &Archive<'_>) -> Result<Vec<String>, ImportError> {
    archive.file_names().map(|n| n.map(|n| n.into_owned()).map_err(|_| ImportError::BadZip)).collect()
}

/// Daylio's backup member, at the top or in one folder.
fn is_daylio_backup(name: &str) -> bool {
    name == "backup.daylio" || name.ends_with("/backup.daylio")
}

/// A journal document in Day One's export (not macOS's resource-fork copies).
fn is_json(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or_default();
    lower.ends_with(".json") && !lower.starts_with("__macosx/") && !base.starts_with("._")
}

/// The journal's name, from its document's file name.
fn journal_name(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.get(..base.len().saturating_sub(5)).unwrap_or(base)
}

/// Reads one member within what is left of `budget`, and takes what it used from it.
fn read_member(archive: &mut Archive<'_>, name: &str, budget: &mut u64) -> Result<Vec<u8>, ImportError> {
    let file = archive.by_name(name).map_err(|_| ImportError::BadZip)?;
    if file.size() > *budget {
        return Err(ImportError::ZipTooBig);
    }
    // The declared size is only a hint, and never trusted for more than 16 MB up front.
    let hint = usize::try_from(file.size().min(16 * 1024 * 1024)).unwrap_or(0);
    let mut out = Vec::with_capacity(hint);
    file.take(budget.saturating_add(1)).read_to_end(&mut out).map_err(|_| ImportError::BadZip)?;
    let used = out.len() as u64;
    if used > *budget {
        return Err(ImportError::ZipTooBig);
    }
    *budget -= used;
    Ok(out)
}

/// Which app made the archive, from its members' names alone.
pub(super) fn detect(bytes: &[u8], limits: &Limits) -> Option<Source> {
    let names = member_names(&open(bytes, limits).ok()?).ok()?;
    if names.iter().any(|n| is_daylio_backup(n)) {
        Some(Source::Daylio)
    } else if names.iter().any(|n| is_json(n)) {
        Some(Source::DayOne)
    } else {
        None
    }
}

/// Reads the archive as `chosen`'s, or as whichever app its members' names point to.
pub(super) fn parse(
    bytes: &[u8],
    chosen: Option<Source>,
    local_offset: FixedOffset,
    limits: &Limits,
) -> Result<Builder, ImportError> {
    let mut archive = open(bytes, limits)?;
    let names = member_names(&archive)?;
    let backup = names.iter().find(|n| is_daylio_backup(n)).cloned();
    let mut jsons: Vec<&String> = names.iter().filter(|n| is_json(n)).collect();
    jsons.sort();
    let source = match chosen {
        Some(s) => s,
        None if backup.is_some() => Source::Daylio,
        None if !jsons.is_empty() => Source::DayOne,
        None => return Err(ImportError::Unrecognised),
    };
    let mut budget = limits.unzipped_bytes;
    match source {
        Source::Daylio => {
            let name = backup.ok_or(ImportError::NotThisFormat(Source::Daylio))?;
            let raw = read_member(&mut archive, &name, &mut budget)?;
            let doc = daylio::decode_backup(&raw, limits)?;
            daylio::parse_backup(&doc, local_offset, limits)
        }
        Source::DayOne => {
            let mut docs: Vec<(&str, Value)> = Vec::new();
            for name in jsons {
                let raw = read_member(&mut archive, name, &mut budget)?;
                let doc = match common::parse_json(&raw) {
                    Err(ImportError::Empty) => continue,
                    other => other?,
                };
                let day_one = match common::detect_json(&doc) {
                    Some(s) => s == Source::DayOne,
                    None => doc.get("entries").is_some_and(Value::is_array),
                };
                if day_one {
                    docs.push((journal_name(name), doc));
                }
            }
            if docs.is_empty() {
                return Err(chosen.map_or(ImportError::Unrecognised, ImportError::NotThisFormat));
            }
            let several = docs.len() > 1;
            let named: Vec<(Option<&str>, &Value)> = docs.iter().map(|(n, d)| (several.then_some(*n), d)).collect();
            dayone::parse(&named, local_offset, limits)
        }
        // jrnl and Mini Diarium export a bare JSON document, never an archive.
        other => Err(ImportError::NotThisFormat(other)),
    }
}
