//! The one SQLite file. It holds only random ids, kinds, versions, key slots and ciphertext;
//! a save returns only after COMMIT with `synchronous=FULL`; and a file that can't be opened,
//! or that comes from a newer Tend, is refused before anything is written to it.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::StoreError;

/// A numbered migration: `user_version` becomes `version` once `sql` has run.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `user_version` after this migration.
    pub version: u32,
    /// The statements, run in one transaction.
    pub sql: &'static str,
}

/// Every migration, embedded in the binary, in order.
pub const MIGRATIONS: &[Migration] = &[Migration { version: 1, sql: include_str!("migrations/0001_init.sql") }];

/// The tables every Tend file has; a file without them is not ours.
const OUR_TABLES: &[&str] = &["key_use", "keyslots", "records", "vault"];

/// One stored record, still encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// Random id.
    pub record_id: [u8; 16],
    /// Record kind (see `envelope::RecordKind`).
    pub kind: u8,
    /// Payload schema version.
    pub schema_ver: u16,
    /// The sealed blob.
    pub blob: Vec<u8>,
}

/// The kinds of key slot, as stored in the `type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum SlotType {
    /// Opened by the passphrase (and the device secret when bound).
    Passphrase = 1,
    /// Opened by the recovery key.
    Recovery = 2,
    /// Opened by the device secret alone (opt-in quick unlock).
    Quick = 3,
}

impl TryFrom<u8> for SlotType {
    type Error = u8;

    fn try_from(v: u8) -> Result<Self, u8> {
        match v {
            1 => Ok(Self::Passphrase),
            2 => Ok(Self::Recovery),
            3 => Ok(Self::Quick),
            other => Err(other),
        }
    }
}

/// One stored key slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    /// Random id.
    pub slot_id: [u8; 16],
    /// What opens it.
    pub slot_type: SlotType,
    /// Encoded KDF parameters.
    pub kdf: Vec<u8>,
    /// The wrapped master key.
    pub wrapped: Vec<u8>,
}

/// An open journal file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Write transactions committed through this handle since it opened: kept in memory only.
    writes: u64,
}

/// The records whose ids fall in one range, read through one connection: see
/// [`Store::in_ranges`].
pub struct RecordRange<'c> {
    conn: Result<&'c Connection, StoreError>,
    /// The first byte of the range's lowest id, and of the first id past it; `None` where the
    /// range is open. The first range also holds any id that isn't a blob, to be refused.
    from: Option<u8>,
    to: Option<u8>,
}

impl RecordRange<'_> {
    /// Calls `f` for every record in the range, in id order.
    pub fn for_each(self, mut f: impl FnMut(RecordRow)) -> Result<(), StoreError> {
        const COLUMNS: &str = "SELECT record_id, kind, schema_ver, blob FROM records";
        let conn = self.conn?;
        let (sql, bounds) = match (self.from, self.to) {
            (None, None) => (format!("{COLUMNS} ORDER BY record_id"), vec![]),
            (Some(a), None) => (format!("{COLUMNS} WHERE record_id >= ?1 ORDER BY record_id"), vec![a]),
            (None, Some(b)) => (format!("{COLUMNS} WHERE record_id < ?1 ORDER BY record_id"), vec![b]),
            (Some(a), Some(b)) => {
                (format!("{COLUMNS} WHERE record_id >= ?1 AND record_id < ?2 ORDER BY record_id"), vec![a, b])
            }
        };
        let mut s = conn.prepare_cached(&sql)?;
        // A one-byte blob sorts before every id that starts with that byte.
        let mut rows = s.query(rusqlite::params_from_iter(bounds.iter().map(std::slice::from_ref)))?;
        while let Some(r) = rows.next()? {
            // The id read in place: no allocation for its 16 bytes.
            let id = r.get_ref(0)?.as_blob().ok().and_then(|b| <[u8; 16]>::try_from(b).ok());
            let record_id = id.ok_or_else(bad_id)?;
            f(RecordRow { record_id, kind: r.get(1)?, schema_ver: r.get(2)?, blob: r.get(3)? });
        }
        Ok(())
    }
}

/// A read-only connection beside a store's own, for reading on another thread.
fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    apply_pragmas(&conn)?;
    Ok(conn)
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

fn blob16(v: Vec<u8>) -> rusqlite::Result<[u8; 16]> {
    v.try_into().map_err(|_| bad_id())
}

/// The error for an id (the first column) that isn't 16 bytes.
fn bad_id() -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, "id".into(), rusqlite::types::Type::Blob)
}

/// Creates the data directory (0700 on Unix) if needed.
pub fn ensure_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    Ok(())
}

#[cfg(unix)]
fn restrict_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(())
}
#[cfg(not(unix))]
fn restrict_file(_: &Path) -> Result<(), StoreError> {
    Ok(())
}

/// True when this user may not read the file or the log files beside it.
fn permission_denied(path: &Path) -> bool {
    let beside = |end: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(end);
        PathBuf::from(p)
    };
    [path.to_owned(), beside("-wal"), beside("-shm")]
        .iter()
        .any(|p| std::fs::File::open(p).is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied))
}

/// A SQLite error met while opening `path`: a file Tend may not read or write is named as such,
/// even where SQLite can only say it "cannot open" it.
fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ffi::ErrorCode::CannotOpen) && permission_denied(path) {
        return StoreError::NoPermission;
    }
    e.into()
}

/// Reads a file without any write and says whether Tend may open it for writing.
/// Returns its `user_version`.
fn inspect_read_only(path: &Path, newest: u32) -> Result<u32, StoreError> {
    // Anything that stops a read is damage, except a permission: a file, or a folder, Tend may
    // not use is not damaged.
    let damaged = |e| match open_error(path, e) {
        s @ (StoreError::ReadOnly | StoreError::NoPermission) => s,
        _ => StoreError::Damaged,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(damaged)?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(damaged)?;
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(damaged)?;
    tables.retain(|t: &String| !t.starts_with("sqlite_"));
    if version > newest {
        return Err(StoreError::NewerVersion);
    }
    if tables.is_empty() && version == 0 {
        // An empty or zero-length file where a journal should be: damaged, never re-initialised.
        return Err(StoreError::Damaged);
    }
    if !OUR_TABLES.iter().all(|t| tables.iter().any(|have| have == t)) {
        return Err(StoreError::UnknownFile);
    }
    // A healthy file is a whole number of pages; a cut-off tail is damage even where SQLite
    // would read the missing bytes as zeros.
    let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(damaged)?;
    let file_len = std::fs::metadata(path)?.len();
    if page_size == 0 || file_len % page_size != 0 {
        return Err(StoreError::Damaged);
    }
    Ok(version)
}

/// SQLite's check of every page of the file, read-only, on a connection of its own: tens of
/// milliseconds for a large journal, so an unlock runs it beside the key derivation.
fn check_pages(path: &Path) -> Result<(), StoreError> {
    let damaged = |e| match open_error(path, e) {
        s @ (StoreError::ReadOnly | StoreError::NoPermission) => s,
        _ => StoreError::Damaged,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(damaged)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(damaged)?;
    if check != "ok" {
        return Err(StoreError::Damaged);
    }
    Ok(())
}

/// Puts the file in write-ahead-log mode, which is kept in the file itself: a write, so it
/// happens only once a key has opened (see [`Store::ready_to_write`]) or for a new file.
fn use_wal(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    }
    Ok(())
}

/// The newest schema version these migrations reach.
fn newest(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

/// The connection's own settings; none of them writes to the file.
fn apply_pragmas(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA trusted_schema = OFF;
         PRAGMA cell_size_check = ON;",
    )?;
    Ok(())
}

impl Store {
    /// Opens an existing journal file for reading; nothing is written to it, or beside it,
    /// until [`Store::ready_to_write`], which the journal calls only once a key has opened.
    /// A file that isn't readable, isn't ours, or comes from a newer version is refused.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_reading(path, MIGRATIONS)
    }

    /// Opens as [`Store::open`] does, but runs the check of every page on another thread while
    /// `work` reads with the store (an unlock's key derivation takes far longer than the check,
    /// so the person never waits for it). `work` must not write: a file that fails the check
    /// is refused as damaged whatever `work` returned, and what it returned is dropped.
    pub fn open_checking_beside<T>(path: &Path, work: impl FnOnce(&Store) -> T) -> Result<(Store, T), StoreError> {
        let store = Self::open_unchecked(path, MIGRATIONS)?;
        std::thread::scope(|scope| {
            let check = scope.spawn(|| check_pages(path));
            let done = work(&store);
            crate::cores::joined(check.join())?;
            Ok((store, done))
        })
    }

    fn open_reading(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound);
        }
        inspect_read_only(path, newest(migrations))?;
        check_pages(path)?;
        Self::connect(path)
    }

    /// Every check of [`Store::open`] but the one of every page.
    fn open_unchecked(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound);
        }
        inspect_read_only(path, newest(migrations))?;
        Self::connect(path)
    }

    /// The connection every open store reads and writes with.
    fn connect(path: &Path) -> Result<Store, StoreError> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| open_error(path, e))?;
        apply_pragmas(&conn)?;
        Ok(Store { conn, path: path.to_owned(), writes: 0 })
    }

    /// Makes an opened file ready for saves: write-ahead log on, and an older file migrated
    /// after a copy is taken.
    pub fn ready_to_write(&mut self) -> Result<(), StoreError> {
        self.ready_with(MIGRATIONS)
    }

    pub(crate) fn ready_with(&mut self, migrations: &[Migration]) -> Result<(), StoreError> {
        use_wal(&self.conn)?;
        let version = self.user_version()?;
        if version < newest(migrations) {
            self.backup_before_migrating(version)?;
            self.migrate(migrations)?;
        }
        Ok(())
    }

    /// Opens and readies a file in one step, with the given migrations (the migration tests).
    #[cfg(test)]
    pub(crate) fn open_with(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        let mut store = Self::open_reading(path, migrations)?;
        store.ready_with(migrations)?;
        Ok(store)
    }

    /// Creates a new journal file; refuses if one is already there.
    pub fn create(path: &Path) -> Result<Store, StoreError> {
        Self::create_with(path, MIGRATIONS)
    }

    pub(crate) fn create_with(path: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists);
        }
        if let Some(dir) = path.parent() {
            ensure_dir(dir)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        restrict_file(path)?;
        use_wal(&conn)?;
        apply_pragmas(&conn)?;
        let mut store = Store { conn, path: path.to_owned(), writes: 0 };
        store.migrate(migrations)?;
        Ok(store)
    }

    fn user_version(&self) -> Result<u32, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn backup_before_migrating(&self, from: u32) -> Result<(), StoreError> {
        let name =
            format!("{}.pre-v{}.bak", self.path.file_name().and_then(|n| n.to_str()).unwrap_or("journal"), from + 1);
        let copy = self.path.with_file_name(name);
        if !copy.exists() {
            self.conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])?;
            restrict_file(&copy)?;
        }
        Ok(())
    }

    fn migrate(&mut self, migrations: &[Migration]) -> Result<(), StoreError> {
        let current = self.user_version()?;
        for m in migrations.iter().filter(|m| m.version > current) {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(m.sql)?;
            tx.pragma_update(None, "user_version", m.version)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `f` in one IMMEDIATE transaction and returns only after COMMIT.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let out = f(&Writer { tx: &tx })?;
        tx.commit().map_err(StoreError::from)?;
        self.writes += 1;
        Ok(out)
    }

    /// Write transactions committed through this handle since it opened.
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// The vault row: id and format.
    pub fn vault(&self) -> Result<Option<([u8; 16], u32)>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id, format FROM vault", [], |r| Ok((blob16(r.get(0)?)?, r.get(1)?)))
            .optional()?)
    }

    /// All key slots of the kinds this version knows; a kind from a newer version is passed
    /// over (and left in the file), as no key of this version could open it.
    pub fn slots(&self) -> Result<Vec<SlotRow>, StoreError> {
        let mut s = self.conn.prepare("SELECT slot_id, type, kdf, wrapped FROM keyslots")?;
        let rows = s.query_map([], |r| {
            let Ok(slot_type) = SlotType::try_from(r.get::<_, u8>(1)?) else { return Ok(None) };
            Ok(Some(SlotRow { slot_id: blob16(r.get(0)?)?, slot_type, kdf: r.get(2)?, wrapped: r.get(3)? }))
        })?;
        let known: Vec<Option<SlotRow>> = rows.collect::<Result<_, _>>()?;
        Ok(known.into_iter().flatten().collect())
    }

    /// The clear count of encryptions a journal from before the sealed index kept: the largest
    /// of its rows, zero when none; `None` when a count is no count at all (negative, or not a
    /// whole number): it was changed.
    pub fn legacy_encryptions(&self) -> Result<Option<u64>, StoreError> {
        let mut s = self.conn.prepare("SELECT encryptions FROM key_use")?;
        let values: Vec<rusqlite::types::Value> = s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut most = 0u64;
        for v in values {
            match v {
                rusqlite::types::Value::Integer(i) if i >= 0 => most = most.max(i as u64),
                _ => return Ok(None),
            }
        }
        Ok(Some(most))
    }

    /// Calls `f` for every record, in id order.
    pub fn for_each_record(&self, f: impl FnMut(RecordRow)) -> Result<(), StoreError> {
        RecordRange { conn: Ok(&self.conn), from: None, to: None }.for_each(f)
    }

    /// Reads the records in `ranges` ranges of ids at once (split by the id's first byte), each
    /// on a thread and a connection of its own, the first on this store's: `read` is called once
    /// per range, and what it returns comes back in id order. Unlock reads a journal on every
    /// core this way. Nothing is written; a connection that can't be opened is the error its
    /// range's [`RecordRange::for_each`] returns. A panic in `read` is carried on here.
    pub fn in_ranges<T: Send>(&self, ranges: usize, read: impl Fn(RecordRange<'_>) -> T + Sync) -> Vec<T> {
        let ranges = ranges.clamp(1, 256);
        let bound = |i: usize| (i > 0 && i < ranges).then(|| (i * 256 / ranges) as u8);
        let (read, path) = (&read, &self.path);
        std::thread::scope(|scope| {
            let others: Vec<_> = (1..ranges)
                .map(|i| {
                    scope.spawn(move || {
                        let (from, to) = (bound(i), bound(i + 1));
                        match open_reader(path) {
                            Ok(conn) => read(RecordRange { conn: Ok(&conn), from, to }),
                            Err(e) => read(RecordRange { conn: Err(e), from, to }),
                        }
                    })
                })
                .collect();
            let first = read(RecordRange { conn: Ok(&self.conn), from: None, to: bound(1) });
            std::iter::once(first).chain(others.into_iter().map(|h| crate::cores::joined(h.join()))).collect()
        })
    }

    /// Folds the write-ahead log into the main file (on lock and exit).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Rewrites the whole file in record-id order, then folds the log into it.
    ///
    /// A record too long for its b-tree page ends in overflow pages, which SQLite takes from
    /// the end of the file in the order records are written: left alone, the file's tail would
    /// list long entries from oldest to newest. Ids are random, so after this the place of every
    /// byte follows the ids and says nothing about time. `VACUUM` runs as one transaction: on
    /// any failure (no room for the copy, which needs about the file's size again in the log
    /// and, with `temp_store = MEMORY`, in memory rather than a temporary file) the file stays
    /// exactly as it was. It copies only what the file already holds: ids and ciphertext.
    pub fn rebuild(&self) -> Result<(), StoreError> {
        let vacuumed = self.conn.execute_batch("VACUUM").map_err(StoreError::from);
        // Fold the log into the file either way, as every lock does.
        self.checkpoint()?;
        vacuumed
    }

    /// Puts a file built whole under another name in place, and keeps it open there: folds the
    /// log in, closes it, links it under `to` (never over a file already there: then
    /// [`StoreError::AlreadyExists`]), lets go of the first name (while nothing holds the file
    /// open, which some systems need), and opens it again under `to`. On an error this handle is
    /// closed and only good for dropping; once linked, the file at `to` is complete either way.
    pub fn link_to(&mut self, to: &Path) -> Result<(), StoreError> {
        self.checkpoint()?;
        let built = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        built.close().map_err(|(_, e)| StoreError::from(e))?;
        std::fs::hard_link(&self.path, to).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists,
            _ => StoreError::from(e),
        })?;
        let _ = std::fs::remove_file(&self.path);
        // Makes the new name durable where a folder can be synced (not every system opens one).
        if let Some(dir) = to.parent() {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(to, flags).map_err(|e| open_error(to, e))?;
        apply_pragmas(&conn)?;
        use_wal(&conn)?;
        self.conn = conn;
        self.path = to.to_owned();
        Ok(())
    }

    /// Says that everything written through this handle went in record-id order (a journal
    /// built whole, its records sorted by id): the file is laid out as a rebuild would leave it,
    /// so locking needs no rebuild.
    pub fn written_in_id_order(&mut self) {
        self.writes = 0;
    }

    /// Full `integrity_check`; `true` when it says ok.
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let s: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }

    /// Every column of every table, as `table.column`: for the schema allow-list test.
    #[cfg(test)]
    pub(crate) fn columns(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for t in tables {
            let cols: Vec<String> = self
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            out.extend(cols.into_iter().map(|c| format!("{t}.{c}")));
        }
        Ok(out)
    }

    /// The schema as SQL text, for the migration snapshot test.
    #[cfg(test)]
    pub(crate) fn schema_sql(&self) -> Result<String, StoreError> {
        let rows: Vec<String> = self
            .conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows.join(";\n"))
    }
}

/// Writes inside one transaction (see [`Store::write`]).
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
}

impl Writer<'_> {
    /// Inserts the vault row.
    pub fn insert_vault(&self, id: &[u8; 16], format: u32) -> Result<(), StoreError> {
        self.tx.execute("INSERT INTO vault (id, format) VALUES (?1, ?2)", params![&id[..], format])?;
        Ok(())
    }

    /// Inserts a key slot.
    pub fn insert_slot(&self, s: &SlotRow) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO keyslots (slot_id, type, kdf, wrapped) VALUES (?1, ?2, ?3, ?4)",
            params![&s.slot_id[..], s.slot_type as u8, s.kdf, s.wrapped],
        )?;
        Ok(())
    }

    /// Deletes a key slot.
    pub fn delete_slot(&self, slot_id: &[u8; 16]) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM keyslots WHERE slot_id = ?1", [&slot_id[..]])?;
        Ok(())
    }

    /// Inserts or replaces a record.
    pub fn put_record(&self, r: &RecordRow) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT OR REPLACE INTO records (record_id, kind, schema_ver, blob) VALUES (?1, ?2, ?3, ?4)",
            params![&r.record_id[..], r.kind, r.schema_ver, r.blob],
        )?;
        Ok(())
    }

    /// Deletes a record; `false` when there was none.
    pub fn delete_record(&self, id: &[u8; 16]) -> Result<bool, StoreError> {
        Ok(self.tx.execute("DELETE FROM records WHERE record_id = ?1", [&id[..]])? > 0)
    }

    /// Sets the vault's format (a journal given its sealed index).
    pub fn set_vault_format(&self, format: u32) -> Result<(), StoreError> {
        self.tx.execute("UPDATE vault SET format = ?1", [format])?;
        Ok(())
    }

    /// Empties the clear count of encryptions kept by journals from before the sealed index,
    /// which holds the count from then on.
    pub fn clear_key_use(&self) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM key_use", [])?;
        Ok(())
    }

    /// Deletes every key slot, of every kind (a re-key, which inserts the new ones).
    pub fn delete_all_slots(&self) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM keyslots", [])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
