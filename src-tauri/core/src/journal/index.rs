//! The sealed index: which version of every record Tend last wrote (its id and the tag of its
//! blob), sealed like any record and written in the same transaction as each save. An older blob
//! put back, a deleted record restored from an old copy, or a record taken out is then named at
//! unlock and by `check`. It also holds the record key's encryption count, so no count of saves
//! sits in the clear.
//!
//! It is split into [`PARTS`] parts by the first byte of the record id, so a save re-seals one
//! small part and the top (which names each part's own tag), not the whole list.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::envelope::RecordKind;
use crate::store::RecordRow;

/// How many parts the list of records is split into.
pub(super) const PARTS: usize = 64;
const TOP_VERSION: u8 = 1;
const PART_VERSION: u8 = 1;
const TAG: usize = 16;

type Id = [u8; 16];
type Tag = [u8; TAG];

/// The authentication tag at the end of a sealed blob: it changes with every seal, so it names
/// one version of a record.
pub(super) fn tag_of(blob: &[u8]) -> Tag {
    let mut t = [0u8; TAG];
    if let Some(tail) = blob.len().checked_sub(TAG).map(|at| &blob[at..]) {
        t.copy_from_slice(tail);
    }
    t
}

fn part_of(id: &Id) -> usize {
    usize::from(id[0]) % PARTS
}

fn random_id() -> Id {
    crate::vault::new_vault_id()
}

/// One part of the list: the record id it is stored under and the tag of its sealed blob, once
/// written, and the records it lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Part {
    stored: Option<(Id, Tag)>,
    records: BTreeMap<Id, Tag>,
}

/// The index as held while unlocked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Index {
    top_id: Id,
    /// Encryptions made with the record key so far.
    pub encryptions: u64,
    parts: Vec<Part>,
}

/// Records that are not as Tend last saved them, by id. Empty when all is well.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotAsSaved {
    /// Records put back in an older version than the one last saved.
    pub older: Vec<String>,
    /// Records Tend didn't save, or deleted: most likely restored from an older copy.
    pub unknown: Vec<String>,
    /// Records Tend saved that are gone from the file.
    pub missing: Vec<String>,
    /// The index itself was missing, unreadable, or put back in an older version, so the
    /// records above may not be all.
    pub index_changed: bool,
}

impl NotAsSaved {
    /// Nothing found.
    pub fn is_empty(&self) -> bool {
        self.older.is_empty() && self.unknown.is_empty() && self.missing.is_empty() && !self.index_changed
    }
}

/// New index rows sealed for one save, and the state they make once committed.
pub(super) struct Pending {
    /// The sealed parts and top, to write in the save's transaction.
    pub rows: Vec<RecordRow>,
    parts: Vec<(usize, Part)>,
    encryptions: u64,
}

impl Pending {
    /// The encryption count once this save commits.
    pub fn encryptions(&self) -> u64 {
        self.encryptions
    }
}

impl Index {
    /// An index of the records given (id and blob tag), with `encryptions` already made. Nothing
    /// of it is stored yet: every part it lists is written by the next [`Index::prepare_all`].
    pub fn of(records: impl IntoIterator<Item = (Id, Tag)>, encryptions: u64) -> Index {
        let mut parts = vec![Part::default(); PARTS];
        for (id, tag) in records {
            parts[part_of(&id)].records.insert(id, tag);
        }
        Index { top_id: random_id(), encryptions, parts }
    }

    /// Reads a stored index: the top's plaintext, and each part row (id, blob tag, plaintext).
    /// Returns `None` when the top can't be read; otherwise the index and whether any part
    /// differs from what the top names (missing, older or unreadable).
    pub fn open(top_id: Id, top: &[u8], parts: &[(Id, Tag, Vec<u8>)]) -> Option<(Index, bool)> {
        let (encryptions, named) = decode_top(top)?;
        let mut changed = false;
        let mut out = vec![Part::default(); PARTS];
        for (n, expected) in named.into_iter().enumerate() {
            let Some((pid, ptag)) = expected else { continue };
            out[n].stored = Some((pid, ptag));
            match parts.iter().find(|(id, _, _)| *id == pid) {
                Some((_, tag, plain)) if *tag == ptag => match decode_part(plain) {
                    Some((no, records)) if no == n => out[n].records = records,
                    _ => changed = true,
                },
                _ => changed = true,
            }
        }
        // A part the top doesn't name: an older part put back beside the current one.
        changed |= parts.iter().any(|(id, _, _)| !out.iter().any(|p| p.stored.map(|s| s.0) == Some(*id)));
        Some((Index { top_id, encryptions, parts: out }, changed))
    }

    /// Compares the records in the file (id and blob tag, sorted by id, as the file lists them)
    /// with the index: part by part, both lists walked side by side in id order, so each record
    /// is looked at once.
    pub fn compare(&self, actual: &[(Id, Tag)], index_changed: bool) -> NotAsSaved {
        use std::cmp::Ordering::{Equal, Greater, Less};
        debug_assert!(actual.windows(2).all(|w| w[0].0 < w[1].0), "sorted by id");
        let mut found = NotAsSaved { index_changed, ..NotAsSaved::default() };
        // The file's records split by part; each part's list stays in id order.
        let mut in_file: Vec<Vec<(Id, Tag)>> =
            std::iter::repeat_with(|| Vec::with_capacity(actual.len() / PARTS + 8)).take(PARTS).collect();
        for r in actual {
            in_file[part_of(&r.0)].push(*r);
        }
        for (part, file) in self.parts.iter().zip(&in_file) {
            let (mut kept, mut file) = (part.records.iter().peekable(), file.iter().peekable());
            loop {
                let (k, f) = (kept.peek().copied(), file.peek().copied());
                let step = match (k, f) {
                    (None, None) => break,
                    (Some(_), None) => Less,
                    (None, Some(_)) => Greater,
                    (Some((k, _)), Some((f, _))) => k.cmp(f),
                };
                match (step, k, f) {
                    (Less, Some((k, _)), _) => found.missing.push(super::id_string(k)),
                    (Greater, _, Some((f, _))) => found.unknown.push(super::id_string(f)),
                    (Equal, Some((_, kept_tag)), Some((f, file_tag))) if kept_tag != file_tag => {
                        found.older.push(super::id_string(f));
                    }
                    _ => {}
                }
                if step != Greater {
                    kept.next();
                }
                if step != Less {
                    file.next();
                }
            }
        }
        found.older.sort();
        found.unknown.sort();
        found.missing.sort();
        found
    }

    /// Seals the parts that `written` and `deleted` touch, and the top, counting every
    /// encryption of this save (`written` and the index rows). `seal` seals one record.
    pub fn prepare(
        &self,
        written: &[RecordRow],
        deleted: &[Id],
        seal: &dyn Fn(Id, RecordKind, &[u8]) -> RecordRow,
    ) -> Pending {
        let mut touched: BTreeMap<usize, Part> = BTreeMap::new();
        for r in written {
            let n = part_of(&r.record_id);
            touched.entry(n).or_insert_with(|| self.parts[n].clone()).records.insert(r.record_id, tag_of(&r.blob));
        }
        for id in deleted {
            let n = part_of(id);
            touched.entry(n).or_insert_with(|| self.parts[n].clone()).records.remove(id);
        }
        self.seal_parts(touched, written.len() as u64, seal)
    }

    /// Seals every part and the top: for an index made by [`Index::of`].
    pub fn prepare_all(&self, seal: &dyn Fn(Id, RecordKind, &[u8]) -> RecordRow) -> Pending {
        let all = self.parts.iter().cloned().enumerate().filter(|(_, p)| !p.records.is_empty()).collect();
        self.seal_parts(all, 0, seal)
    }

    fn seal_parts(
        &self,
        touched: BTreeMap<usize, Part>,
        written: u64,
        seal: &dyn Fn(Id, RecordKind, &[u8]) -> RecordRow,
    ) -> Pending {
        let mut rows = Vec::with_capacity(touched.len() + 1);
        let mut parts = Vec::with_capacity(touched.len());
        for (n, mut part) in touched {
            let id = part.stored.map_or_else(random_id, |(id, _)| id);
            let row = seal(id, RecordKind::IndexPart, &encode_part(n, &part.records));
            part.stored = Some((id, tag_of(&row.blob)));
            rows.push(row);
            parts.push((n, part));
        }
        let encryptions = self.encryptions.saturating_add(written + rows.len() as u64 + 1);
        let named: Vec<Option<(Id, Tag)>> = (0..PARTS)
            .map(|n| parts.iter().find(|(m, _)| *m == n).map_or(self.parts[n].stored, |(_, p)| p.stored))
            .collect();
        rows.push(seal(self.top_id, RecordKind::Index, &encode_top(encryptions, &named)));
        Pending { rows, parts, encryptions }
    }

    /// Takes in a save that has committed.
    pub fn apply(&mut self, p: Pending) {
        for (n, part) in p.parts {
            self.parts[n] = part;
        }
        self.encryptions = p.encryptions;
    }

    /// Sets the count (tests of a worn-out key).
    #[cfg(test)]
    pub fn set_encryptions(&mut self, n: u64) {
        self.encryptions = n;
    }
}

/// `ver ‖ encryptions u64 ‖ PARTS × (stored u8 ‖ id ‖ tag)`.
fn encode_top(encryptions: u64, parts: &[Option<(Id, Tag)>]) -> Vec<u8> {
    let mut v = Vec::with_capacity(9 + PARTS * 33);
    v.push(TOP_VERSION);
    v.extend_from_slice(&encryptions.to_be_bytes());
    for p in parts {
        let (id, tag) = p.unwrap_or(([0; 16], [0; TAG]));
        v.push(u8::from(p.is_some()));
        v.extend_from_slice(&id);
        v.extend_from_slice(&tag);
    }
    v
}

type Named = Vec<Option<(Id, Tag)>>;

fn decode_top(b: &[u8]) -> Option<(u64, Named)> {
    if b.len() != 9 + PARTS * 33 || b[0] != TOP_VERSION {
        return None;
    }
    let encryptions = u64::from_be_bytes(b[1..9].try_into().ok()?);
    let mut named = Vec::with_capacity(PARTS);
    for c in b[9..].chunks_exact(33) {
        match c[0] {
            0 => named.push(None),
            1 => named.push(Some((c[1..17].try_into().ok()?, c[17..33].try_into().ok()?))),
            _ => return None,
        }
    }
    Some((encryptions, named))
}

/// `ver ‖ part u8 ‖ count u32 ‖ count × (id ‖ tag)`.
fn encode_part(n: usize, records: &BTreeMap<Id, Tag>) -> Vec<u8> {
    let mut v = Vec::with_capacity(6 + records.len() * 32);
    v.push(PART_VERSION);
    v.push(n as u8);
    v.extend_from_slice(&(records.len() as u32).to_be_bytes());
    for (id, tag) in records {
        v.extend_from_slice(id);
        v.extend_from_slice(tag);
    }
    v
}

fn decode_part(b: &[u8]) -> Option<(usize, BTreeMap<Id, Tag>)> {
    if b.len() < 6 || b[0] != PART_VERSION {
        return None;
    }
    let count = u32::from_be_bytes(b[2..6].try_into().ok()?) as usize;
    if b.len() != 6 + count.checked_mul(32)? {
        return None;
    }
    let records = b[6..].chunks_exact(32).map(|c| (c[..16].try_into().unwrap(), c[16..].try_into().unwrap())).collect();
    Some((usize::from(b[1]), records))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_top_read_back_what_was_written() {
        let records: Vec<(Id, Tag)> = (0..300u16).map(|i| (random_id(), [i as u8; 16])).collect();
        let index = Index::of(records.clone(), 7);
        let seal = |id: Id, kind: RecordKind, plain: &[u8]| {
            let mut blob = plain.to_vec();
            blob.extend_from_slice(&random_id());
            RecordRow { record_id: id, kind: kind as u8, schema_ver: 1, blob }
        };
        let p = index.prepare_all(&seal);
        let rows = p.rows.clone();
        let top = rows.last().unwrap();
        let parts: Vec<(Id, Tag, Vec<u8>)> = rows[..rows.len() - 1]
            .iter()
            .map(|r| (r.record_id, tag_of(&r.blob), r.blob[..r.blob.len() - 16].to_vec()))
            .collect();
        let (back, changed) = Index::open(top.record_id, &top.blob[..top.blob.len() - 16], &parts).unwrap();
        assert!(!changed);
        let mut expected = index.clone();
        expected.apply(p);
        assert_eq!(back, expected);
        assert_eq!(back.encryptions, 7 + parts.len() as u64 + 1);
        let mut actual = records;
        actual.sort();
        assert!(back.compare(&actual, false).is_empty());
        // One part left out: the index says so.
        let (_, changed) = Index::open(top.record_id, &top.blob[..top.blob.len() - 16], &parts[1..]).unwrap();
        assert!(changed);
        assert!(Index::open(top.record_id, b"\x01short", &parts).is_none());
    }

    #[test]
    fn the_file_compared_with_the_index_names_each_record_not_as_saved() {
        // Ids in several parts, some sharing one (part 1: first bytes 1 and 65).
        let id = |first: u8, n: u8| {
            let mut id = [n; 16];
            id[0] = first;
            id
        };
        let saved: Vec<(Id, Tag)> =
            [(1, 1), (1, 2), (65, 3), (2, 4), (3, 5), (200, 6)].iter().map(|&(f, n)| (id(f, n), [n; 16])).collect();
        let index = Index::of(saved.clone(), 0);
        let mut file: Vec<(Id, Tag)> = saved.clone();
        file[1].1 = [99; 16]; // put back older
        file.retain(|r| r.0 != id(65, 3) && r.0 != id(200, 6)); // gone
        file.extend([(id(65, 9), [9; 16]), (id(0, 7), [7; 16])]); // never saved
        file.sort();
        let found = index.compare(&file, false);
        let names = |ids: &[Id]| {
            let mut v: Vec<String> = ids.iter().map(super::super::id_string).collect();
            v.sort();
            v
        };
        assert_eq!(found.older, names(&[id(1, 2)]));
        assert_eq!(found.missing, names(&[id(65, 3), id(200, 6)]));
        assert_eq!(found.unknown, names(&[id(65, 9), id(0, 7)]));
        assert!(!found.index_changed);
        let mut all = saved;
        all.sort();
        assert!(index.compare(&all, false).is_empty());
        assert!(Index::of([], 0).compare(&[], true).index_changed);
    }

    #[test]
    fn decoding_refuses_wrong_lengths_and_versions() {
        let mut records = BTreeMap::new();
        records.insert([1; 16], [2; 16]);
        let part = encode_part(3, &records);
        assert_eq!(decode_part(&part), Some((3, records)));
        assert_eq!(decode_part(&part[..part.len() - 1]), None);
        let mut v2 = part.clone();
        v2[0] = 2;
        assert_eq!(decode_part(&v2), None);
        let top = encode_top(5, &vec![None; PARTS]);
        assert_eq!(decode_top(&top).map(|t| t.0), Some(5));
        let mut bad = top.clone();
        bad[9] = 2;
        assert_eq!(decode_top(&bad), None);
    }
}
