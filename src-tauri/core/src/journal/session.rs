//! The unlocked state: the record key, every decrypted entry and the single records (own words,
//! settings, care), held in memory only while unlocked and wiped on lock. Every save goes
//! through here: seal, put in one transaction, then remember.

use std::sync::MutexGuard;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use zeroize::{Zeroize, Zeroizing};

use super::index::{tag_of, Index, NotAsSaved};
use super::writer::WriterLock;
use super::{id_string, Protection, UnlockReport};
use crate::backup::BackupPlan;
use crate::care::{self, CareRecord, Offer};
use crate::envelope::{self, Opener, RecordContext, RecordKind};
use crate::error::{Error, Result, ValidationError, VaultError};
use crate::insights::Facts;
use crate::model::{
    compact, Entry, EntryInput, EntryPayload, Settings, Vocabulary, ENTRY_SCHEMA, JSON_ENTRY_SCHEMA, SIMPLE_SCHEMA,
};
use crate::search;
use crate::secret::SecretKey;
use crate::store::{RecordRow, Store, Writer};
use crate::vault::{self, RECORD_KEY_ID};
use crate::words::shipped;

/// Encryptions allowed under one record key: far below the 2^32 random-nonce bound.
pub const MAX_ENCRYPTIONS: u64 = 1 << 30;

/// Payload schema of the sealed index's records.
const INDEX_SCHEMA: u16 = 1;

/// Benchmarks only: leave the sealed index out, so its cost shows beside it in the same run.
#[cfg(feature = "bench")]
pub(super) static SKIP_INDEX: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(feature = "bench")]
fn skip_index() -> bool {
    SKIP_INDEX.load(std::sync::atomic::Ordering::Relaxed)
}

#[cfg(not(feature = "bench"))]
const fn skip_index() -> bool {
    false
}

/// A record of which a journal keeps one (own words, settings, care), and the id it is stored
/// under once saved.
pub(super) struct Single<T> {
    /// The record id; `None` until first saved.
    pub id: Option<[u8; 16]>,
    /// The value.
    pub value: T,
}

impl<T: Default> Default for Single<T> {
    fn default() -> Self {
        Single { id: None, value: T::default() }
    }
}

impl<T> Single<T> {
    /// The stored id, or a new one for the first save.
    fn id_or_new(&self) -> [u8; 16] {
        self.id.unwrap_or_else(vault::new_vault_id)
    }
}

/// The unlocked journal.
pub(super) struct Session {
    pub store: Store,
    pub vault_id: [u8; 16],
    pub key: SecretKey,
    pub entries: EntryMap,
    /// Entries' record ids, newest first.
    pub order: Vec<[u8; 16]>,
    pub vocab: Single<Vocabulary>,
    pub settings: Single<Settings>,
    pub damaged: Vec<String>,
    /// Folded search text of each entry, in `order`'s order (so a search reads it straight
    /// through, with no lookup per entry): built on first search, kept current by every save,
    /// wiped on lock.
    pub folded: Option<Vec<String>>,
    /// The entries in the compact form insights read, in `order`'s order: built on first use and
    /// kept current by every save and deletion (many entries at once let it go, to build again).
    pub facts: Option<Facts>,
    /// Safety plan, aftercare needs, saved numbers, pattern memory.
    pub care: Single<CareRecord>,
    /// Where backups go and the key they are sealed to.
    pub backups: Single<BackupPlan>,
    /// Entries being written when the journal locked, until each is saved or let go.
    pub drafts: Single<Vec<super::drafts::Draft>>,
    pub protection: Protection,
    /// Which version of each record was last saved, and the key's encryption count.
    pub index: Index,
    /// The index couldn't be read (or is gone): its count is unknown, so nothing more is sealed
    /// with this key until a new key is made.
    pub index_broken: bool,
    /// What the unlock found not as last saved.
    pub not_as_saved: NotAsSaved,
    /// Entries still sealed as JSON (entry schema 1), to be rewritten in the compact layout.
    pub old_payloads: Vec<[u8; 16]>,
    /// Tests and benchmarks only: seal entries as JSON, as before schema 2, and never upgrade.
    pub legacy: bool,
    /// The vault format the file says it has; raised to this version's with the first write,
    /// in that write's transaction, so an older Tend never meets a record it can't read.
    pub format: u32,
    /// The folder's writer lock; let go last, after the file is closed.
    #[allow(dead_code)] // Held, never read: dropping it lets go of the lock.
    pub writer: WriterLock,
}

impl Drop for Session {
    fn drop(&mut self) {
        // The entries wipe themselves as they are let go: now, before the file is rebuilt below.
        drop(std::mem::take(&mut self.entries));
        self.order.zeroize();
        if let Some(f) = self.folded.as_mut() {
            f.iter_mut().for_each(Zeroize::zeroize);
        }
        if let Some(f) = self.facts.as_mut() {
            f.wipe();
        }
        self.vocab.value.zeroize();
        self.settings.value.zeroize();
        self.care.value.wipe();
        self.drafts.value.iter_mut().for_each(super::drafts::Draft::wipe);
        // After any save, the file is rebuilt in record-id order, so where a long entry's bytes
        // sit no longer tells which entries are newest (see `Store::rebuild`). It costs 0.15 to
        // 0.25 s more per lock at 36,500 entries, a 30 MB file (the `lock` benchmark), growing
        // with the file. Rebuilding only after many saves would leave each short session's
        // entries at the file's end, in the order written, until then: the very leak this
        // removes; and a count kept across sessions would have to be stored somewhere. A session
        // that saved nothing changes no byte. Errors are let go: a failed rebuild leaves the
        // file as it was, and the journal locks all the same.
        let _ = if self.store.writes() > 0 { self.store.rebuild() } else { self.store.checkpoint() };
    }
}

/// Where an entry stored under record id `id` sorts: by when it was, when it was first saved,
/// then its id (whose text, lower-case hex, sorts as its bytes do).
pub(super) fn sort_key(e: &Entry, id: [u8; 16]) -> SortKey {
    (e.at, e.created, id)
}

/// Where an entry sorts: see [`sort_key`].
pub(super) type SortKey = (DateTime<FixedOffset>, DateTime<FixedOffset>, [u8; 16]);

/// Sorts keys newest first. Runs already in that order are merged, not sorted again.
pub(super) fn sort_newest_first(keys: &mut [SortKey]) {
    keys.sort_by(|a, b| b.cmp(a));
}

/// The record ids of these keys, the newest entry's first.
pub(super) fn newest_first(mut keys: Vec<SortKey>) -> Vec<[u8; 16]> {
    sort_newest_first(&mut keys);
    keys.into_iter().map(|k| k.2).collect()
}

/// Every entry by id.
pub(super) use super::held::Entries as EntryMap;

pub(super) fn install(g: &mut MutexGuard<'_, Option<Box<Session>>>, s: Box<Session>) -> UnlockReport {
    let report = UnlockReport {
        entries: s.entries.len(),
        damaged: s.damaged.clone(),
        protection: s.protection.clone(),
        not_as_saved: s.not_as_saved.clone(),
    };
    **g = Some(s);
    report
}

pub(super) fn open_row(
    key: &SecretKey,
    vault_id: &[u8; 16],
    row: &RecordRow,
) -> Result<(RecordKind, Zeroizing<Vec<u8>>)> {
    let kind = RecordKind::from_u8(row.kind).ok_or(Error::Payload)?;
    let ctx = RecordContext { vault_id: *vault_id, record_id: row.record_id, kind, schema_ver: row.schema_ver };
    let plain = envelope::open(key, RECORD_KEY_ID, &ctx, &row.blob)?;
    Ok((kind, plain))
}

/// The sealed row of one entry, in the compact layout, for a caller that seals many on several
/// threads.
pub(super) fn seal_entry(
    key: &SecretKey,
    vault_id: &[u8; 16],
    id: [u8; 16],
    payload: &EntryPayload,
) -> Result<RecordRow> {
    Ok(seal_row(key, vault_id, id, RecordKind::Entry, ENTRY_SCHEMA, &compact::encode(payload)))
}

/// The sealed row of one entry as JSON, as every entry was sealed before schema 2: for the tests
/// and benchmarks that need a journal of that time.
fn seal_entry_json(key: &SecretKey, vault_id: &[u8; 16], id: [u8; 16], payload: &EntryPayload) -> Result<RecordRow> {
    let plain = Zeroizing::new(serde_json::to_vec(payload).map_err(|_| Error::Payload)?);
    Ok(seal_row(key, vault_id, id, RecordKind::Entry, JSON_ENTRY_SCHEMA, &plain))
}

/// An entry's payload read from its decrypted bytes, by the schema its row names.
fn decode_entry(schema_ver: u16, plain: Zeroizing<Vec<u8>>) -> Option<EntryPayload> {
    match schema_ver {
        JSON_ENTRY_SCHEMA => serde_json::from_slice(&plain).ok(),
        ENTRY_SCHEMA => compact::decode_owned(plain).ok(),
        _ => None,
    }
}

/// Seals many entries in the compact layout on every core, in the order given.
fn seal_entries(key: &SecretKey, vault_id: &[u8; 16], payloads: &[([u8; 16], EntryPayload)]) -> Result<Vec<RecordRow>> {
    crate::cores::map_on_every_core(payloads, 256, |(id, p)| seal_entry(key, vault_id, *id, p)).into_iter().collect()
}

pub(super) fn seal_row(
    key: &SecretKey,
    vault_id: &[u8; 16],
    id: [u8; 16],
    kind: RecordKind,
    schema_ver: u16,
    plain: &[u8],
) -> RecordRow {
    let ctx = RecordContext { vault_id: *vault_id, record_id: id, kind, schema_ver };
    RecordRow { record_id: id, kind: kind as u8, schema_ver, blob: envelope::seal(key, RECORD_KEY_ID, &ctx, plain) }
}

/// The sealed row of a record of which a journal keeps one (own words, settings, care, the
/// backup plan): `value` as JSON, under `key`, bound to its id and kind.
pub(super) fn simple_row<T: Serialize>(
    key: &SecretKey,
    vault_id: &[u8; 16],
    id: [u8; 16],
    kind: RecordKind,
    value: &T,
) -> Result<RecordRow> {
    let plain = Zeroizing::new(serde_json::to_vec(value).map_err(|_| Error::Payload)?);
    Ok(seal_row(key, vault_id, id, kind, SIMPLE_SCHEMA, &plain))
}

/// True for the records of the sealed index.
pub(super) fn is_index(kind: u8) -> bool {
    kind == RecordKind::Index as u8 || kind == RecordKind::IndexPart as u8
}

/// A new index of `records` (id and blob tag) with its rows sealed: every part and the top.
pub(super) fn new_index(
    key: &SecretKey,
    vault_id: &[u8; 16],
    records: impl IntoIterator<Item = ([u8; 16], [u8; 16])>,
    encryptions: u64,
) -> (Index, Vec<RecordRow>) {
    let mut index = Index::of(records, encryptions);
    let pending = index.prepare_all(&|id, kind, plain| seal_row(key, vault_id, id, kind, INDEX_SCHEMA, plain));
    let rows = pending.rows.clone();
    index.apply(pending);
    (index, rows)
}

/// The sealed index as stored, compared with the records in the file (`actual`, in id order).
/// A journal from before the index gets one now, made from what is in the file, with the count
/// kept so far. `format` is the vault format the file says it has. Returns the index, whether
/// it is broken, and what isn't as saved.
fn read_index(
    store: &mut Store,
    key: &SecretKey,
    vault_id: &[u8; 16],
    index_rows: &[RecordRow],
    actual: &[([u8; 16], [u8; 16])],
    format: u32,
) -> Result<(Index, bool, NotAsSaved)> {
    let tops: Vec<&RecordRow> = index_rows.iter().filter(|r| r.kind == RecordKind::Index as u8).collect();
    let broken = |changed| {
        let index = Index::of(actual.iter().copied(), u64::MAX);
        (index, true, NotAsSaved { index_changed: changed, ..NotAsSaved::default() })
    };
    if tops.is_empty() && format < 2 {
        let Some(count) = store.legacy_encryptions()? else { return Ok(broken(true)) };
        let (index, rows) = new_index(key, vault_id, actual.iter().copied(), count);
        store.write(|w| {
            rows.iter().try_for_each(|r| w.put_record(r))?;
            w.set_vault_format(vault::VAULT_FORMAT)?;
            w.clear_key_use()
        })?;
        return Ok((index, false, NotAsSaved::default()));
    }
    let [top] = tops[..] else { return Ok(broken(true)) };
    let Ok((_, top_plain)) = open_row(key, vault_id, top) else { return Ok(broken(true)) };
    let parts: Vec<([u8; 16], [u8; 16], Vec<u8>)> = index_rows
        .iter()
        .filter(|r| r.kind == RecordKind::IndexPart as u8)
        .filter_map(|r| {
            open_row(key, vault_id, r).ok().map(|(_, plain)| (r.record_id, tag_of(&r.blob), plain.to_vec()))
        })
        .collect();
    let Some((index, changed)) = Index::open(top.record_id, &top_plain, &parts) else { return Ok(broken(true)) };
    let found = index.compare(actual, changed);
    Ok((index, false, found))
}

/// One entry row opened.
struct Opened {
    /// The entry, or its id when it can't be read.
    entry: std::result::Result<Box<Entry>, String>,
    record_id: [u8; 16],
    schema_ver: u16,
    /// Its quadrant waits for the person's own words.
    own: bool,
}

/// Opens and decodes one entry row. Its quadrant is worked out with the shipped words alone;
/// an entry with a word of the person's own says so, to be worked out again once their words
/// are read.
fn open_entry(opener: &Opener, vault_id: &[u8; 16], row: &RecordRow) -> Opened {
    let (record_id, schema_ver) = (row.record_id, row.schema_ver);
    let id = id_string(&record_id);
    if schema_ver > ENTRY_SCHEMA {
        return Opened { entry: Err(id), record_id, schema_ver, own: false };
    }
    let ctx = RecordContext { vault_id: *vault_id, record_id, kind: RecordKind::Entry, schema_ver };
    let words = shipped();
    match opener.open(&ctx, &row.blob).ok().and_then(|plain| decode_entry(schema_ver, plain)) {
        Some(p) => {
            let own = p.input.emotions.iter().any(|w| words.emotion(w).is_none());
            let entry = Box::new(Entry::from_payload(id, p, words, &Vocabulary::default()));
            Opened { entry: Ok(entry), record_id, schema_ver, own }
        }
        None => Opened { entry: Err(id), record_id, schema_ver, own: false },
    }
}

/// What one thread read from its range of record ids at unlock: its entries opened, and the
/// rest kept for after. Entries still held here are wiped when it is dropped.
#[derive(Default)]
struct RangeRead {
    /// Why the range couldn't be read to its end.
    error: Option<crate::error::StoreError>,
    opened: Vec<Opened>,
    /// Where each entry opened sorts, newest first.
    keys: Vec<SortKey>,
    /// The id and blob tag of every record but the index's, in id order.
    actual: Vec<([u8; 16], [u8; 16])>,
    /// The single records.
    other: Vec<RecordRow>,
    /// The sealed index's records.
    index: Vec<RecordRow>,
}

impl RangeRead {
    /// Takes in one row: an entry is opened here and now, anything else kept for after.
    fn take(&mut self, opener: &Opener, vault_id: &[u8; 16], row: RecordRow) {
        if is_index(row.kind) {
            return self.index.push(row);
        }
        self.actual.push((row.record_id, tag_of(&row.blob)));
        if row.kind != RecordKind::Entry as u8 {
            return self.other.push(row);
        }
        let opened = open_entry(opener, vault_id, &row);
        if let Ok(e) = &opened.entry {
            self.keys.push(sort_key(e, opened.record_id));
        }
        self.opened.push(opened);
    }
}

impl Drop for RangeRead {
    fn drop(&mut self) {
        for o in &mut self.opened {
            if let Ok(e) = o.entry.as_mut() {
                e.zeroize();
            }
        }
    }
}

/// The opened entries of every range put in one list, which wipes them however it is let go.
struct Placed {
    entries: EntryMap,
    /// The ids of entries that couldn't be read.
    damaged: Vec<String>,
    /// Entries still sealed as JSON.
    old_payloads: Vec<[u8; 16]>,
    /// Entries with a word of the person's own, whose quadrant waits for their words.
    own: Vec<[u8; 16]>,
}

fn place(mut reads: Vec<RangeRead>) -> Placed {
    let count = reads.iter().map(|r| r.opened.len()).sum();
    let mut placed =
        Placed { entries: EntryMap::with_capacity(count), damaged: vec![], old_payloads: vec![], own: vec![] };
    for read in &mut reads {
        // Taken one at a time, in id order: those not yet placed stay in `read`, which wipes them.
        read.opened.reverse();
        while let Some(o) = read.opened.pop() {
            match o.entry {
                Ok(e) => {
                    if o.own {
                        placed.own.push(o.record_id);
                    }
                    if o.schema_ver == JSON_ENTRY_SCHEMA {
                        // Opened and still JSON: for the upgrade to the compact layout.
                        placed.old_payloads.push(o.record_id);
                    }
                    placed.entries.insert(o.record_id, e);
                }
                Err(id) => placed.damaged.push(id),
            }
        }
    }
    placed
}

pub(super) fn load_session(
    mut store: Store,
    vault_id: [u8; 16],
    mk: &SecretKey,
    protection: Protection,
    writer: WriterLock,
) -> Result<Box<Session>> {
    let key = vault::record_key(mk, &vault_id);
    // Whatever is decrypted is wiped on every way out, a panic too: the entries as the lists
    // holding them are let go (`RangeRead`, `Entries`), and the single records are opened only
    // once nothing is left that can fail.
    let format = store.vault()?.map_or(0, |v| v.1);
    // Every core reads the records of its own range of ids, through a connection of its own,
    // and opens their entries as it goes: unlock time is what a person waits through.
    let mut reads = store.in_ranges(crate::cores::count(), |range| {
        let opener = Opener::new(&key, RECORD_KEY_ID);
        let mut read = RangeRead::default();
        read.error = range.for_each(|row| read.take(&opener, &vault_id, row)).err();
        sort_newest_first(&mut read.keys);
        read
    });
    if let Some(e) = reads.iter_mut().find_map(|r| r.error.take()) {
        return Err(e.into());
    }
    // The ranges are in id order, so these are too.
    let index_rows: Vec<RecordRow> = reads.iter_mut().flat_map(|r| std::mem::take(&mut r.index)).collect();
    let actual: Vec<_> = reads.iter_mut().flat_map(|r| std::mem::take(&mut r.actual)).collect();
    let other: Vec<RecordRow> = reads.iter_mut().flat_map(|r| std::mem::take(&mut r.other)).collect();
    let keys: Vec<SortKey> = reads.iter_mut().flat_map(|r| std::mem::take(&mut r.keys)).collect();
    // The entries are put in place on one core while the index is checked and the order sorted
    // on another. Should the check fail, the entries are wiped as they are let go.
    let (read, order, placed) = std::thread::scope(|scope| {
        let placing = scope.spawn(move || place(reads));
        let read = if skip_index() {
            Ok((Index::of([], 0), false, NotAsSaved::default()))
        } else {
            read_index(&mut store, &key, &vault_id, &index_rows, &actual, format)
        };
        let order = newest_first(keys);
        (read, order, crate::cores::joined(placing.join()))
    });
    let (index, index_broken, not_as_saved) = read?;
    let Placed { mut entries, damaged: unreadable, old_payloads, own } = placed;
    let mut vocab = Single::<Vocabulary>::default();
    let mut settings = Single::<Settings>::default();
    let mut care = Single::<CareRecord>::default();
    let mut backups = Single::<BackupPlan>::default();
    let mut drafts = Single::<Vec<super::drafts::Draft>>::default();
    let mut damaged = Vec::new();
    for row in other {
        let opened = open_row(&key, &vault_id, &row).and_then(|(kind, plain)| {
            if row.schema_ver > SIMPLE_SCHEMA {
                return Err(Error::Payload);
            }
            match kind {
                RecordKind::Vocabulary if vocab.id.is_none() => vocab = Single::open(row.record_id, &plain)?,
                RecordKind::Settings if settings.id.is_none() => settings = Single::open(row.record_id, &plain)?,
                RecordKind::Care if care.id.is_none() => care = Single::open(row.record_id, &plain)?,
                RecordKind::Backups if backups.id.is_none() => backups = Single::open(row.record_id, &plain)?,
                RecordKind::Drafts if drafts.id.is_none() => drafts = Single::open(row.record_id, &plain)?,
                _ => {}
            }
            Ok(())
        });
        if opened.is_err() {
            damaged.push(id_string(&row.record_id));
        }
    }
    // Entries with words of the person's own get their quadrants now their words are read.
    for id in own {
        if let Some(e) = entries.by_record_mut(&id) {
            e.quadrant = crate::model::quadrant_of(e.mood, &e.emotions, shipped(), &vocab.value);
        }
    }
    damaged.extend(unreadable);
    damaged.sort();
    Ok(Box::new(Session {
        store,
        vault_id,
        key,
        entries,
        order,
        vocab,
        settings,
        damaged,
        folded: None,
        facts: None,
        care,
        backups,
        drafts,
        protection,
        index,
        index_broken,
        not_as_saved,
        old_payloads,
        legacy: false,
        format,
        writer,
    }))
}

impl<T: serde::de::DeserializeOwned> Single<T> {
    /// A single record opened from its stored row.
    fn open(id: [u8; 16], plain: &[u8]) -> Result<Single<T>> {
        Ok(Single { id: Some(id), value: serde_json::from_slice(plain).map_err(|_| Error::Payload)? })
    }
}

impl Session {
    /// The session of a journal just made: no records yet.
    pub fn empty(
        store: Store,
        vault_id: [u8; 16],
        key: SecretKey,
        protection: Protection,
        index: Index,
        writer: WriterLock,
    ) -> Session {
        Session {
            store,
            vault_id,
            key,
            entries: EntryMap::default(),
            order: Vec::new(),
            vocab: Single::default(),
            settings: Single::default(),
            damaged: Vec::new(),
            folded: None,
            facts: None,
            care: Single::default(),
            backups: Single::default(),
            drafts: Single::default(),
            protection,
            index,
            index_broken: false,
            not_as_saved: NotAsSaved::default(),
            old_payloads: Vec::new(),
            legacy: false,
            format: vault::VAULT_FORMAT,
            writer,
        }
    }

    pub fn validate(&self, input: &mut EntryInput) -> Result<()> {
        input.validate(shipped(), &self.vocab.value)?;
        care::shipped().check_refs(input)?;
        if let Some(f) = &input.follows {
            if !self.entries.contains_key(f.trim()) {
                return Err(ValidationError::new("follows", "no entry with that id").into());
            }
        }
        Ok(())
    }

    /// Seals one record under the record key, bound to its id, kind and schema.
    pub fn seal(&self, id: [u8; 16], kind: RecordKind, schema_ver: u16, plain: &[u8]) -> RecordRow {
        seal_row(&self.key, &self.vault_id, id, kind, schema_ver, plain)
    }

    /// Writes sealed rows in one transaction, counting their encryptions against the key's
    /// limit; all or none are saved, and durably so before this returns.
    pub fn put_rows(&mut self, rows: &[RecordRow]) -> Result<()> {
        self.commit(rows, &[])
    }

    /// Writes `rows` and deletes `deleted` in one transaction, with the sealed index brought up
    /// to date in the same transaction. Refused when the key has sealed as much as is safe, or
    /// when its count can't be known.
    pub fn commit(&mut self, rows: &[RecordRow], deleted: &[[u8; 16]]) -> Result<()> {
        self.commit_with(rows, deleted, |_| Ok(()))
    }

    /// [`Session::commit`], with `also` (key slot changes) in the same transaction.
    pub fn commit_with(
        &mut self,
        rows: &[RecordRow],
        deleted: &[[u8; 16]],
        also: impl FnOnce(&Writer<'_>) -> Result<()>,
    ) -> Result<()> {
        if self.index_broken {
            return Err(VaultError::KeyCountChanged.into());
        }
        let raise = !self.legacy && self.format < vault::VAULT_FORMAT;
        let raise_format = |w: &Writer<'_>| -> Result<()> {
            if raise {
                w.set_vault_format(vault::VAULT_FORMAT)?;
            }
            Ok(())
        };
        if skip_index() {
            self.store.write(|w| {
                rows.iter().try_for_each(|r| w.put_record(r))?;
                deleted.iter().try_for_each(|id| w.delete_record(id).map(drop))?;
                raise_format(w)?;
                also(w)
            })?;
        } else {
            let pending =
                self.index.prepare(rows, deleted, &|id, kind, plain| self.seal(id, kind, INDEX_SCHEMA, plain));
            if pending.encryptions() > MAX_ENCRYPTIONS {
                return Err(VaultError::KeyWornOut.into());
            }
            self.store.write(|w| {
                rows.iter().try_for_each(|r| w.put_record(r))?;
                deleted.iter().try_for_each(|id| w.delete_record(id).map(drop))?;
                pending.rows.iter().try_for_each(|r| w.put_record(r))?;
                raise_format(w)?;
                also(w)
            })?;
            self.index.apply(pending);
        }
        if raise {
            self.format = vault::VAULT_FORMAT;
        }
        Ok(())
    }

    /// The sealed row of one entry.
    pub fn seal_entry(&self, id: [u8; 16], payload: &EntryPayload) -> Result<RecordRow> {
        if self.legacy {
            return seal_entry_json(&self.key, &self.vault_id, id, payload);
        }
        seal_entry(&self.key, &self.vault_id, id, payload)
    }

    /// Rewrites every entry still sealed as JSON in the compact layout, and marks the journal as
    /// of the format that has it, all in one transaction: a crash leaves the file as it was or
    /// wholly rewritten, never a mix (which would also tell, in the clear, which entries were
    /// saved since). Returns how many were rewritten. A journal whose key count is unknown is
    /// left as it is (it reads the same, only slower) until a new key is made; so is one where
    /// the unlock found records not as last saved, so the rewrite never makes an older version
    /// put back look as saved.
    pub fn upgrade_payloads(&mut self) -> Result<usize> {
        if self.legacy || self.old_payloads.is_empty() || self.index_broken || !self.not_as_saved.is_empty() {
            return Ok(0);
        }
        let mut payloads: Vec<([u8; 16], EntryPayload)> = self
            .old_payloads
            .iter()
            .filter_map(|id| self.entries.get(&id_string(id)).map(|e| (*id, e.payload())))
            .collect();
        let rows = seal_entries(&self.key, &self.vault_id, &payloads);
        payloads.iter_mut().for_each(|(_, p)| p.input.wipe());
        let rows = rows?;
        // The format is raised in the same transaction (see `commit_with`).
        self.commit(&rows, &[])?;
        self.old_payloads.clear();
        // The rewritten rows leave the write-ahead log now, not at lock.
        self.store.checkpoint()?;
        Ok(rows.len())
    }

    /// Saves one entry, then puts it into the in-memory view.
    pub fn save_entry(&mut self, id: [u8; 16], payload: EntryPayload) -> Result<Entry> {
        let row = self.seal_entry(id, &payload)?;
        self.put_rows(std::slice::from_ref(&row))?;
        Ok(self.remember(id, payload))
    }

    /// Lets go of the folded search text, wiped; the next search makes it again.
    pub fn forget_search_text(&mut self) {
        if let Some(mut f) = self.folded.take() {
            f.iter_mut().for_each(Zeroize::zeroize);
        }
    }

    /// Takes an entry out of the order, and its search text (wiped) and insights row with it.
    /// Says whether it was there.
    pub fn forget_place(&mut self, id: &str) -> bool {
        let Some(id) = super::held::record_id(id) else { return false };
        let Some(p) = self.order.iter().position(|x| *x == id) else { return false };
        self.order.remove(p);
        if let Some(f) = self.facts.as_mut() {
            f.remove(p);
        }
        if let Some(mut h) = self.folded.as_mut().map(|f| f.remove(p)) {
            h.zeroize();
        }
        true
    }

    /// Puts a saved entry into the in-memory view: the order, and the search text and insights
    /// row where they are built.
    pub fn remember(&mut self, id: [u8; 16], payload: EntryPayload) -> Entry {
        let sid = id_string(&id);
        let entry = Entry::from_payload(sid.clone(), payload, shipped(), &self.vocab.value);
        let edited = self.forget_place(&sid);
        let key = sort_key(&entry, id);
        let pos = self.order.partition_point(|x| self.entries.by_record(x).map(|e| sort_key(e, *x)) > Some(key));
        self.order.insert(pos, id);
        if let Some(facts) = self.facts.as_mut() {
            let place_of = |id: [u8; 16]| self.order.iter().position(|x| *x == id);
            let follows = entry.follows.as_deref().and_then(super::held::record_id).and_then(place_of);
            facts.insert(pos, &entry, follows);
            // Entries that follow an edited one, unlinked when it was taken out, are linked
            // again (the edited entry itself, still held as it was, has its link already).
            let follows_this = |at: usize, other: &[u8; 16]| {
                at != pos && self.entries.by_record(other).is_some_and(|e| e.follows.as_deref() == Some(sid.as_str()))
            };
            for (at, _) in self.order.iter().enumerate().filter(|(at, other)| edited && follows_this(*at, other)) {
                facts.link(at, Some(pos));
            }
        }
        if let Some(f) = self.folded.as_mut() {
            f.insert(pos, search::haystack(&entry, shipped(), &self.vocab.value));
        }
        self.entries.insert(id, entry.clone());
        entry
    }

    /// [`simple_row`] under the session's key.
    pub fn simple_row<T: Serialize>(&self, id: [u8; 16], kind: RecordKind, value: &T) -> Result<RecordRow> {
        simple_row(&self.key, &self.vault_id, id, kind, value)
    }

    fn put_simple<T: Serialize>(&mut self, id: [u8; 16], kind: RecordKind, value: &T) -> Result<()> {
        let row = self.simple_row(id, kind, value)?;
        self.put_rows(std::slice::from_ref(&row))
    }

    /// Saves the care record in place of the one held.
    pub fn save_care(&mut self, record: CareRecord) -> Result<()> {
        self.save_care_with(record, Vec::new())
    }

    /// Saves the care record and `rows` in one transaction, then holds the new record. A record
    /// that wasn't saved is wiped before it is let go.
    fn save_care_with(&mut self, mut record: CareRecord, mut rows: Vec<RecordRow>) -> Result<()> {
        let id = self.care.id_or_new();
        let sealed = self.simple_row(id, RecordKind::Care, &record).and_then(|row| {
            rows.push(row);
            self.put_rows(&rows)
        });
        if let Err(e) = sealed {
            record.wipe();
            return Err(e);
        }
        let mut old = std::mem::replace(&mut self.care, Single { id: Some(id), value: record });
        old.value.wipe();
        Ok(())
    }

    /// Saves one entry that follows an earlier one. When the entry it follows had a check-in
    /// due at `now`, the entry answers that check-in and every other one due with it, so Tend
    /// stops asking about them all: they are set aside in the same transaction as the entry.
    pub fn save_follow_up(&mut self, id: [u8; 16], payload: EntryPayload, now: DateTime<FixedOffset>) -> Result<Entry> {
        let follows = payload.input.follows.as_deref().map(str::trim).unwrap_or_default();
        let due = care::due_check_ins(self.entries.values(), &self.care.value.check_ins_done, now);
        if !due.iter().any(|d| d.id == follows) {
            return self.save_entry(id, payload);
        }
        let mut record = self.care.value.clone();
        record.check_ins_done.extend(due.into_iter().map(|d| d.id));
        let row = self.seal_entry(id, &payload)?;
        self.save_care_with(record, vec![row])?;
        Ok(self.remember(id, payload))
    }

    /// Saves the settings in place of the ones held.
    pub fn save_settings(&mut self, settings: Settings) -> Result<()> {
        let id = self.settings.id_or_new();
        self.put_simple(id, RecordKind::Settings, &settings)?;
        self.settings = Single { id: Some(id), value: settings };
        Ok(())
    }

    /// What Tend offers for one entry, from the entries in the window before it.
    pub fn offer(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        let entry = self.entries.get(id.trim()).ok_or(Error::NotFound)?;
        let from = care::window_start(entry.at);
        let recent: Vec<&Entry> = self.entries.values().filter(|e| e.at > from && e.at <= entry.at).collect();
        Ok(care::select(care::shipped(), shipped(), entry, &recent, &self.care.value.memory, now))
    }

    /// The sealed row of the backup plan, under its id (new on first save).
    pub fn backups_row(&self, plan: &BackupPlan) -> Result<([u8; 16], RecordRow)> {
        let id = self.backups.id_or_new();
        Ok((id, self.simple_row(id, RecordKind::Backups, plan)?))
    }

    /// Puts entries just committed into the in-memory view (ids with their payloads), sorts it
    /// again and lets go of the derived forms, made again on next use: many entries at once
    /// (an import, a restore) are quicker read again whole than put in one by one. Returns how
    /// many.
    pub fn remember_many(&mut self, payloads: Vec<([u8; 16], EntryPayload)>) -> usize {
        let words = shipped();
        let n = payloads.len();
        // Room for all at once: a map grown step by step briefly holds two copies of itself.
        self.entries.reserve(n);
        for (id, p) in payloads {
            let e = Entry::from_payload(id_string(&id), p, words, &self.vocab.value);
            self.entries.insert(id, e);
        }
        self.order = self.entries.newest_first();
        self.forget_search_text();
        if let Some(mut f) = self.facts.take() {
            f.wipe();
        }
        n
    }

    /// Seals backups to the key made from `rk` (the journal's recovery key) from now on.
    pub fn backup_to_key(&mut self, rk: &SecretKey) -> Result<()> {
        let recipient = crate::backup::BackupIdentity::from_recovery_key(rk).recipient();
        if self.backups.value.recipient.as_deref() == Some(recipient.as_str()) {
            return Ok(());
        }
        let mut plan = self.backups.value.clone();
        plan.recipient = Some(recipient);
        self.save_backups(plan)
    }

    /// Saves the backup plan in place of the one held.
    pub fn save_backups(&mut self, plan: BackupPlan) -> Result<()> {
        let (id, row) = self.backups_row(&plan)?;
        self.put_rows(std::slice::from_ref(&row))?;
        self.backups = Single { id: Some(id), value: plan };
        Ok(())
    }

    /// Saves the person's own words in place of the ones held.
    pub fn save_vocab(&mut self, v: Vocabulary) -> Result<()> {
        let id = self.vocab.id_or_new();
        self.put_simple(id, RecordKind::Vocabulary, &v)?;
        self.vocab = Single { id: Some(id), value: v };
        self.forget_search_text();
        Ok(())
    }
}
