//! The SQLite file's own tests: refusals byte for byte, durability, migrations and the schema.
use super::*;

fn sha(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn migrations_on_an_empty_file_give_the_snapshot_schema() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::create(&dir.path().join("t.db")).unwrap();
    assert_eq!(s.user_version().unwrap(), 1);
    // The snapshot holds the schema every Tend file has at version 1. Changing it means a new
    // migration, never an edit to an old one.
    assert_eq!(s.schema_sql().unwrap(), SCHEMA_V1.trim());
}
const SCHEMA_V1: &str = r#"
CREATE TABLE key_use (
    key_id      INTEGER PRIMARY KEY,
    encryptions INTEGER NOT NULL
);
CREATE TABLE keyslots (
    slot_id BLOB PRIMARY KEY,
    type    INTEGER NOT NULL,
    kdf     BLOB NOT NULL,
    wrapped BLOB NOT NULL
);
CREATE TABLE records (
    record_id  BLOB PRIMARY KEY,
    kind       INTEGER NOT NULL,
    schema_ver INTEGER NOT NULL,
    blob       BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE vault (
    id      BLOB PRIMARY KEY,
    format  INTEGER NOT NULL
)
"#;

#[test]
fn pragmas_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::create(&dir.path().join("t.db")).unwrap();
    let q = |p: &str| s.conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, rusqlite::types::Value>(0)).unwrap();
    assert_eq!(q("journal_mode"), rusqlite::types::Value::Text("wal".into()));
    assert_eq!(q("synchronous"), rusqlite::types::Value::Integer(2));
    assert_eq!(q("secure_delete"), rusqlite::types::Value::Integer(1));
    assert_eq!(q("foreign_keys"), rusqlite::types::Value::Integer(1));
    assert_eq!(q("temp_store"), rusqlite::types::Value::Integer(2));
}

#[cfg(unix)]
#[test]
fn permissions_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let _s = Store::create(&data.join("t.db")).unwrap();
    assert_eq!(std::fs::metadata(&data).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(std::fs::metadata(data.join("t.db")).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn newer_version_is_refused_without_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let s = Store::create(&path).unwrap();
        s.conn.pragma_update(None, "user_version", 99).unwrap();
        s.checkpoint().unwrap();
    }
    let before = sha(&path);
    assert!(matches!(Store::open(&path), Err(StoreError::NewerVersion)));
    assert_eq!(sha(&path), before);
}

#[test]
fn garbage_empty_truncated_and_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.db");
    {
        let mut s = Store::create(&good).unwrap();
        s.write(|w| w.insert_vault(&[1; 16], 1)).unwrap();
        s.checkpoint().unwrap();
    }
    let bytes = std::fs::read(&good).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("garbage", (0..9000u32).map(|i| (i * 7919 % 251) as u8).collect()),
        ("header only", bytes[..100].to_vec()),
    ];
    for cut in [4096, bytes.len() / 2, bytes.len() - 1] {
        cases.push(("truncated", bytes[..cut].to_vec()));
    }
    for (what, content) in cases {
        let p = dir.path().join(format!("{what}-{}.db", content.len()));
        std::fs::write(&p, &content).unwrap();
        let r = Store::open(&p);
        assert!(matches!(r, Err(StoreError::Damaged) | Err(StoreError::UnknownFile)), "{what}: {r:?}");
        assert_eq!(std::fs::read(&p).unwrap(), content, "{what} was modified");
    }
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE notes (x TEXT)").unwrap();
    let before = sha(&foreign);
    assert!(matches!(Store::open(&foreign), Err(StoreError::UnknownFile)));
    assert_eq!(sha(&foreign), before);
}

#[test]
fn older_files_are_copied_then_migrated_in_one_transaction_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::create(&path).unwrap();
        s.write(|w| w.insert_vault(&[1; 16], 1)).unwrap();
    }
    let v2 = [MIGRATIONS[0], Migration { version: 2, sql: "CREATE TABLE extra_probe (x INTEGER);" }];
    // A failing migration leaves the file at the old version, with the copy beside it.
    let broken = [MIGRATIONS[0], Migration { version: 2, sql: "CREATE TABLE a_probe (x); THIS IS NOT SQL;" }];
    assert!(Store::open_with(&path, &broken).is_err());
    let s = Store::open(&path).unwrap();
    assert_eq!(s.user_version().unwrap(), 1);
    assert!(!s.schema_sql().unwrap().contains("a_probe"));
    drop(s);
    assert!(dir.path().join("t.db.pre-v2.bak").exists());
    let s = Store::open_with(&path, &v2).unwrap();
    assert_eq!(s.user_version().unwrap(), 2);
    assert!(s.schema_sql().unwrap().contains("extra_probe"));
    assert_eq!(s.vault().unwrap().unwrap().0, [1; 16], "data survives migration");
}

#[test]
fn a_write_to_a_read_only_file_is_named_as_such_not_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::create(&path).unwrap();
        s.write(|w| w.insert_vault(&[1; 16], 1)).unwrap();
        s.checkpoint().unwrap();
    }
    let before = sha(&path);
    // A connection SQLite itself keeps read-only: the write is refused with SQLITE_READONLY.
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let refused = conn.execute("INSERT INTO key_use (key_id, encryptions) VALUES (1, 1)", []).unwrap_err();
    assert_eq!(refused.sqlite_error_code(), Some(rusqlite::ffi::ErrorCode::ReadOnly));
    let err = crate::Error::from(refused);
    assert_eq!(err.code(), "read_only");
    assert!(!err.is_damage());
    let said = err.to_string();
    assert!(said.contains("read-only") && said.contains("safe and unchanged"), "{said}");
    for wrong in ["damaged", "move", "space"] {
        assert!(!said.contains(wrong), "{said}");
    }
    assert_eq!(sha(&path), before);
}

#[test]
fn permission_errors_from_the_system_are_not_called_a_full_disk() {
    use std::io::{Error, ErrorKind};
    for (kind, code) in [(ErrorKind::PermissionDenied, "read_only"), (ErrorKind::ReadOnlyFilesystem, "read_only")] {
        let err = crate::Error::from(StoreError::from(Error::from(kind)));
        assert_eq!(err.code(), code, "{kind:?}");
        assert!(!err.is_damage() && !err.to_string().contains("space"), "{kind:?}: {err}");
    }
    assert_eq!(crate::Error::from(StoreError::from(Error::from(ErrorKind::StorageFull))).code(), "io");
}

#[test]
fn a_rebuild_that_cannot_run_leaves_the_file_and_its_log_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let wal = dir.path().join("t.db-wal");
    let mut s = Store::create(&path).unwrap();
    for i in 0..40u8 {
        let row = RecordRow { record_id: [i; 16], kind: 1, schema_ver: 1, blob: vec![i; 6000] };
        s.write(|w| w.put_record(&row)).unwrap();
    }
    s.checkpoint().unwrap();
    // Another writer holds the file, so the copy can't be written back (as with a full disk).
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.conn.busy_timeout(std::time::Duration::ZERO).unwrap();
    let before = (sha(&path), sha(&wal));
    assert!(s.rebuild().is_err());
    assert_eq!((sha(&path), sha(&wal)), before);
    other.execute_batch("ROLLBACK").unwrap();
    let mut n = 0;
    s.for_each_record(|r| {
        assert_eq!(r.blob, vec![r.record_id[0]; 6000]);
        n += 1;
    })
    .unwrap();
    assert_eq!(n, 40);
    s.rebuild().unwrap();
    assert!(s.integrity_ok().unwrap());
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "the log is folded in and emptied");
}

#[test]
fn ranges_read_every_record_once_in_id_order_each_on_its_own_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = Store::create(&path).unwrap();
    // Ids on both sides of every split this test uses, and at the ends of the id space.
    let mut ids: Vec<[u8; 16]> = [0x00u8, 0x01, 0x3f, 0x40, 0x55, 0x56, 0x7f, 0x80, 0xaa, 0xab, 0xfe, 0xff]
        .iter()
        .flat_map(|&b| {
            [[b; 16], {
                let mut id = [0u8; 16];
                id[0] = b;
                id
            }]
        })
        .collect();
    ids.sort();
    ids.dedup();
    s.write(|w| {
        ids.iter()
            .try_for_each(|id| w.put_record(&RecordRow { record_id: *id, kind: 1, schema_ver: 1, blob: id.to_vec() }))
    })
    .unwrap();
    let main_thread = std::thread::current().id();
    for ranges in [1, 2, 3, 7, 256, 1000] {
        let read = s.in_ranges(ranges, |range| {
            let mut got = Vec::new();
            range.for_each(|r| got.push(r.record_id)).unwrap();
            (got, std::thread::current().id())
        });
        assert_eq!(read.len(), ranges.min(256));
        assert_eq!(read[0].1, main_thread, "the first range is read on the store's own connection");
        assert!(read[1..].iter().all(|(_, t)| *t != main_thread));
        let all: Vec<[u8; 16]> = read.into_iter().flat_map(|(got, _)| got).collect();
        assert_eq!(all, ids, "{ranges} ranges");
    }
}

#[test]
fn an_id_that_is_not_sixteen_bytes_is_refused_in_whichever_range_it_falls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let s = Store::create(&path).unwrap();
    s.conn
        .execute_batch(
            "INSERT INTO records VALUES (x'0102', 1, 1, x'00');
             INSERT INTO records VALUES (x'90', 1, 1, x'00');
             INSERT INTO records VALUES ('text', 1, 1, x'00');
             INSERT INTO records VALUES (7, 1, 1, x'00');",
        )
        .unwrap();
    let errors = |ranges| s.in_ranges(ranges, |range| range.for_each(|_| {}).is_err());
    assert_eq!(errors(1), vec![true]);
    // Text and numbers sort before every blob, so the first range holds them too.
    assert_eq!(errors(2), vec![true, true]);
    s.conn.execute_batch("DELETE FROM records WHERE typeof(record_id) != 'blob'").unwrap();
    assert_eq!(errors(4), vec![true, false, true, false]);
}
