//! Benchmarks that prove speed against floors measured in the same run, and print the ratio.
//! Run: `cargo bench -p tend-core --features bench` (set TEND_BENCH_BIG=0 to skip the 200,000-entry journal;
//! TEND_BENCH_ONLY=backup,import to run only the benchmarks whose names contain those).
//!
//! - unlock: time after the key is derived until every entry is decrypted and ready, against
//!   the simplest encrypted journal (dates in the clear, only the text sealed, read on one
//!   thread), beside the same entries sealed as JSON (as before the compact layout) and the
//!   earlier typed floor (raw SQLite scan + raw AES-GCM decrypt + decode, separate loops).
//! - save: p99 of one durable `add` against p99 of a raw 1 KiB append + fdatasync.
//! - search: median over 36,500 entries against a raw case-folded substring scan.
//! - lock: the time to lock 36,500 entries after a session that saved (the file is rebuilt in
//!   record-id order) and after one that saved nothing.
//! - kdf: the calibrated Argon2id time at setup (target 0.5-1 s).
//! - backup: a whole backup of 36,500 entries (export document, age, written, synced and read
//!   back) against the plain JSON export written (as `tend export` does) plus age encrypting the
//!   document in memory, each measured alone; peak memory against the document's size.
//! - restore: that backup into an empty folder against age decrypt + parse (as the restore reads
//!   it) + one AES-GCM seal per record + one SQLite transaction into a new file. Its memory is
//!   the `memory` bench's (a counting allocator, kept apart from these timings).
//! - import: a Day One export of 10,000 entries, time and peak memory.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use tend_core::envelope::{RecordContext, RecordKind};
use tend_core::journal::Options;
use tend_core::journal::{bench_support, FILE_NAME};
use tend_core::kdf::{calibrate, stretch, KdfLimits};
use tend_core::keystore::NoKeyring;
use tend_core::model::{compact, EntryPayload};
use tend_core::search::Query;
use tend_core::secret::{Passphrase, SecretKey};
use tend_core::Journal;

mod common;
use common::{input, journal_of, text, tiny};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p99(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[(v.len() * 99 / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// Builds a journal with `n` entries and returns it locked, with its record key for the floor.
fn build(dir: &std::path::Path, n: usize) -> Journal {
    build_with(dir, n, tiny())
}

/// As [`build`], with the journal's options: `legacy_payloads` writes entries as Tend did before
/// the compact layout (JSON), for the old figures beside the new in one run.
fn build_with(dir: &std::path::Path, n: usize, options: Options) -> Journal {
    let j = Journal::with_options(dir, Box::new(NoKeyring), options);
    j.create(Passphrase::from("bench")).unwrap();
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    for chunk in (0..n).collect::<Vec<_>>().chunks(5000) {
        j.add_many(chunk.iter().map(|&i| input(i)).collect(), now).unwrap();
    }
    j.lock();
    j
}

/// A journal's options with the key derivation every release uses at its cheapest (Argon2id,
/// 64 MiB, 3 passes): what runs beside it at unlock is then measured as a person meets it.
fn release_kdf() -> Options {
    let limits = tend_core::kdf::KdfLimits::STANDARD;
    Options { limits, kdf: tend_core::journal::KdfChoice::Fixed(limits.floor), ..tiny() }
}

/// Median of five unlocks of `j`, each timed from the moment its key was derived until every
/// entry is ready, and checked to have every entry.
fn unlock_median(j: &Journal, n: usize) -> Duration {
    median(
        (0..5)
            .map(|_| {
                let r = j.unlock(&Passphrase::from("bench")).unwrap();
                let d = bench_support::last_key_derived().expect("the unlock derived a key").elapsed();
                assert_eq!((r.entries, r.damaged.len()), (n, 0));
                j.lock();
                d
            })
            .collect(),
    )
}

/// The simplest encrypted journal: a SQLite table of `(id, at, blob)` with the date in the clear
/// and only the text sealed (AES-256-GCM, no padding). Returns the median time to read every row:
/// scan, one decrypt per row with a cipher made once, and a UTF-8 check, on one thread.
fn simplest_journal_floor(dir: &std::path::Path, n: usize) -> (Duration, f64) {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    use aes_gcm::{Aes256Gcm, Nonce};
    let path = dir.join("peer.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE entries (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, blob BLOB NOT NULL);").unwrap();
    let cipher = Aes256Gcm::new(&[7u8; 32].into());
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut put = tx.prepare("INSERT INTO entries (id, at, blob) VALUES (?1, ?2, ?3)").unwrap();
        for i in 0..n {
            let nonce = [(i % 251) as u8; 12];
            let mut blob = nonce.to_vec();
            blob.extend(cipher.encrypt(Nonce::from_slice(&nonce), text(i).as_bytes()).unwrap());
            put.execute(rusqlite::params![i as i64, 1_500_000_000 + (i as i64) * 17_280, blob]).unwrap();
        }
    }
    tx.commit().unwrap();
    drop(conn);
    let mut bytes = 0usize;
    let times = (0..5)
        .map(|_| {
            let t = Instant::now();
            let conn = rusqlite::Connection::open(&path).unwrap();
            let cipher = Aes256Gcm::new(&[7u8; 32].into());
            let mut stmt = conn.prepare("SELECT id, at, blob FROM entries").unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut texts = Vec::with_capacity(n);
            bytes = 0;
            while let Some(row) = rows.next().unwrap() {
                let (id, at): (i64, i64) = (row.get(0).unwrap(), row.get(1).unwrap());
                let blob = row.get_ref(2).unwrap().as_blob().unwrap();
                let plain =
                    cipher.decrypt(Nonce::from_slice(&blob[..12]), Payload { msg: &blob[12..], aad: &[] }).unwrap();
                bytes += plain.len();
                texts.push((id, at, String::from_utf8(plain).unwrap()));
            }
            let d = t.elapsed();
            assert_eq!(texts.len(), n);
            std::hint::black_box(texts);
            d
        })
        .collect();
    (median(times), bytes as f64 / n as f64)
}

/// Bytes decrypted per entry in the journal's file: each entry's padded plaintext.
fn bytes_per_entry(dir: &std::path::Path) -> f64 {
    let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
    // Blob: version, key id, nonce (17 bytes), then the padded plaintext's ciphertext and a tag.
    conn.query_row("SELECT AVG(LENGTH(blob) - 17 - 16) FROM records WHERE kind = 1", [], |r| r.get(0)).unwrap()
}

fn bench_unlock(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let j = build_with(&dir.path().join("new"), n, release_kdf());
    let ours = unlock_median(&j, n);
    bench_support::leave_out_index(true);
    let bare = unlock_median(&j, n);
    bench_support::leave_out_index(false);
    // The same entries as Tend wrote them before the compact layout: JSON, never upgraded.
    let legacy = Options { legacy_payloads: true, ..release_kdf() };
    let old = build_with(&dir.path().join("old"), n, legacy);
    let before = unlock_median(&old, n);
    let (simplest, peer_bytes) = simplest_journal_floor(dir.path(), n);
    // The earlier floor, kept beside: the same bytes through raw SQLite, raw AES-GCM and the
    // payload's decode, in separate loops.
    let conn = rusqlite::Connection::open(dir.path().join("new").join(FILE_NAME)).unwrap();
    let vault_id: Vec<u8> = conn.query_row("SELECT id FROM vault", [], |r| r.get(0)).unwrap();
    let vault_id: [u8; 16] = vault_id.try_into().unwrap();
    let key = floor_key(&j, &vault_id);
    let (mut scan, mut dec, mut parse) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        let rows: Vec<(Vec<u8>, u16, Vec<u8>)> = conn
            .prepare("SELECT record_id, schema_ver, blob FROM records WHERE kind = 1")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        scan.push(t.elapsed());
        let t = Instant::now();
        let plains: Vec<_> = rows
            .iter()
            .map(|(id, sv, blob)| {
                let ctx = RecordContext {
                    vault_id,
                    record_id: id[..].try_into().unwrap(),
                    kind: RecordKind::Entry,
                    schema_ver: *sv,
                };
                tend_core::envelope::open(&key, 1, &ctx, blob).unwrap()
            })
            .collect();
        dec.push(t.elapsed());
        let t = Instant::now();
        let parsed: Vec<EntryPayload> = plains.iter().map(|p| compact::decode(p).unwrap()).collect();
        parse.push(t.elapsed());
        assert_eq!(parsed.len(), n);
    }
    let typed = median(scan) + median(dec) + median(parse);
    println!(
        "unlock {n:>7} entries: {} after key derivation; floor {} (the simplest encrypted journal: scan, one AES-256-GCM decrypt of the text alone and a UTF-8 check per row); ratio {:.2}x (limit 1.2x)",
        ms(ours),
        ms(simplest),
        ratio(ours, simplest)
    );
    println!(
        "  before the compact layout (entries as JSON, same run): {}, ratio {:.2}x; now {:.2}x faster",
        ms(before),
        ratio(before, simplest),
        ratio(before, ours)
    );
    println!(
        "  bytes decrypted per entry: {:.0} as JSON, {:.0} compact, {:.0} for the simplest journal (text alone, no padding)",
        bytes_per_entry(&dir.path().join("old")),
        bytes_per_entry(&dir.path().join("new")),
        peer_bytes
    );
    println!(
        "  typed floor {} (scan + decrypt + decode of every field, one thread each, separate loops): ratio {:.2}x",
        ms(typed),
        ratio(ours, typed)
    );
    println!(
        "  of which the sealed index and its check: without them {}, ratio {:.2}x; the index adds {:+.1} ms",
        ms(bare),
        ratio(bare, simplest),
        (ours.as_secs_f64() - bare.as_secs_f64()) * 1000.0
    );
}

/// The record key of `j`, for the floor loop only (the bench knows the tiny passphrase).
fn floor_key(j: &Journal, vault_id: &[u8; 16]) -> SecretKey {
    bench_support::record_key(j, &Passphrase::from("bench"), vault_id).unwrap()
}

/// Save p99 and median, in a journal of 2,000 entries.
fn save_times() -> Vec<Duration> {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), tiny());
    j.create(Passphrase::from("bench")).unwrap();
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    j.add_many((0..2000).map(input).collect(), now).unwrap();
    (0..300)
        .map(|i| {
            let e = input(i);
            let t = Instant::now();
            j.add(e, now).unwrap();
            t.elapsed()
        })
        .collect()
}

fn bench_save() {
    let dir = tempfile::tempdir().unwrap();
    let ours = save_times();
    bench_support::leave_out_index(true);
    let bare = save_times();
    bench_support::leave_out_index(false);
    let path = dir.path().join("raw-append");
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
    let block = vec![0x5au8; 1024];
    let floor: Vec<Duration> = (0..300)
        .map(|_| {
            let t = Instant::now();
            f.write_all(&block).unwrap();
            f.sync_data().unwrap();
            t.elapsed()
        })
        .collect();
    let (o, fl) = (p99(ours.clone()), p99(floor.clone()));
    println!(
        "save one entry durably: p99 {} (median {}); floor p99 {} (median {}) for 1 KiB append + fdatasync; ratio {:.2}x (limit 2.5x)",
        ms(o),
        ms(median(ours)),
        ms(fl),
        ms(median(floor)),
        ratio(o, fl)
    );
    let b = p99(bare.clone());
    println!(
        "  of which the sealed index: without it p99 {} (median {}), ratio {:.2}x; the index adds {:+.2} ms at p99",
        ms(b),
        ms(median(bare)),
        ratio(b, fl),
        (o.as_secs_f64() - b.as_secs_f64()) * 1000.0
    );
}

fn bench_search(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let j = build(dir.path(), n);
    j.unlock(&Passphrase::from("bench")).unwrap();
    let texts: Vec<String> = j.with_entries(|it| it.map(|e| e.text.clone()).collect()).unwrap();
    let queries = ["cafe", "cried", "tender walk", "zzz", "Far Away"];
    let first = Instant::now();
    j.search(&Query::text("warm").page(0, 50)).unwrap();
    let first = first.elapsed();
    let mut ours = Vec::new();
    let mut floor = Vec::new();
    for _ in 0..5 {
        for q in queries {
            let t = Instant::now();
            let page = j.search(&Query::text(q).page(0, 50)).unwrap();
            ours.push(t.elapsed());
            std::hint::black_box(page.total);
            let ql = q.to_lowercase();
            let t = Instant::now();
            let hits = texts.iter().filter(|s| s.to_lowercase().contains(&ql)).count();
            floor.push(t.elapsed());
            std::hint::black_box(hits);
        }
    }
    let (o, f) = (median(ours), median(floor));
    println!(
        "search {n} entries: median {} (first search, building the in-memory folded text: {}); floor {} (raw case-folded substring scan); ratio {:.2}x (limit 2x)",
        ms(o),
        ms(first),
        ms(f),
        ratio(o, f)
    );
}

fn bench_insights(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let j = build(dir.path(), n);
    j.unlock(&Passphrase::from("bench")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
    let q = tend_core::insights::Query { from: None, to: None, today };
    let t = Instant::now();
    j.insights(&q).unwrap();
    let first = t.elapsed();
    let mut ours = Vec::new();
    let mut floor = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let i = j.insights(&q).unwrap();
        ours.push(t.elapsed());
        assert_eq!(i.total.count, n);
        // Floor: one pass that reads every field the insights read (day, mood, quadrant, lists).
        let t = Instant::now();
        let sum = j
            .with_entries(|it| {
                let mut acc = (0usize, 0.0f64, 0i64);
                for e in it {
                    acc.0 += e.emotions.len()
                        + e.context.len()
                        + e.labels.len()
                        + e.aftercare_got.len()
                        + e.aftercare_wanted.len();
                    acc.0 += e.quadrant.map_or(5, |q| q as usize)
                        + e.follows.as_ref().map_or(0, |f| f.len())
                        + e.timing.map_or(0, |t| t as usize);
                    acc.1 += e.mood.map_or(0.0, |m| m.pleasantness + m.energy);
                    acc.2 += chrono::Datelike::num_days_from_ce(&e.at.date_naive()) as i64;
                }
                acc
            })
            .unwrap();
        floor.push(t.elapsed());
        std::hint::black_box(sum);
    }
    // Each save keeps the in-memory form current: the next call after a save builds nothing.
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    let after_save: Vec<Duration> = (0..7)
        .map(|i| {
            j.add(input(i), now).unwrap();
            let t = Instant::now();
            j.insights(&q).unwrap();
            t.elapsed()
        })
        .collect();
    let (o, f) = (median(ours), median(floor));
    println!(
        "insights {n} entries: median {} (first call, which also builds the compact in-memory form: {}); floor {} (one pass over the decrypted entries); ratio {:.2}x (limit 1.2x)",
        ms(o),
        ms(first),
        ms(f),
        ratio(o, f)
    );
    println!(
        "  the call right after a save: median {} (the form is kept current, not built again)",
        ms(median(after_save))
    );
}

fn bench_lock(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let j = build(dir.path(), n);
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    let timed = |write: bool| {
        median(
            (0..5)
                .map(|i| {
                    j.unlock(&Passphrase::from("bench")).unwrap();
                    if write {
                        j.add(input(i), now).unwrap();
                    }
                    let t = Instant::now();
                    j.lock();
                    t.elapsed()
                })
                .collect(),
        )
    };
    let (quiet, written) = (timed(false), timed(true));
    let size = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap().len();
    println!(
        "lock {n} entries ({:.1} MB): {} after a session that saved, which rebuilds the file; {} after one that saved nothing",
        size as f64 / 1e6,
        ms(written),
        ms(quiet)
    );
}

fn bench_kdf() {
    let limits = KdfLimits::STANDARD;
    let t = Instant::now();
    let params = calibrate(&limits, Duration::from_millis(650));
    let calibration = t.elapsed();
    let times: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            stretch(&limits, &params, &Passphrase::from("bench"), &[1; 16]).unwrap();
            t.elapsed()
        })
        .collect();
    println!(
        "kdf: calibrated to m={} MiB t={} p={}; one derivation {} (target 500-1000 ms); calibration itself took {}",
        params.m_kib / 1024,
        params.t,
        params.p,
        ms(median(times)),
        ms(calibration)
    );
}

/// Peak memory (VmHWM) since the last reset, and the memory held now (VmRSS), in KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Starts counting peak memory again from what is held now (Linux: clear_refs 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn bench_backup_restore(n: usize) {
    use tend_core::backup::BackupIdentity;
    let dir = tempfile::tempdir().unwrap();
    let (j, rk, now) = journal_of(dir.path(), n);
    let out = dir.path().join("backups");
    std::fs::create_dir(&out).unwrap();
    let identity = BackupIdentity::from_recovery_key(&tend_core::recovery::parse_key(&rk).unwrap());
    let recipient: age::x25519::Recipient = identity.recipient().parse().unwrap();

    // Floor, in two parts measured alone: the export document written as a plain JSON export
    // (made, written, synced, as `tend export` does), and age encrypting those bytes in memory.
    let mut doc_bytes = 0;
    let written = median(
        (0..5)
            .map(|i| {
                let path = out.join(format!("plain-{i}.json"));
                let t = Instant::now();
                j.export_to(&path, tend_core::export::ExportFormat::Json, Default::default(), now, false).unwrap();
                t.elapsed()
            })
            .collect(),
    );
    // And the stricter floor that never touches the disk: the document made as compact JSON in
    // memory, then encrypted.
    let made = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                let json = serde_json::to_vec(&j.export(Default::default(), now).unwrap()).unwrap();
                let d = t.elapsed();
                drop(json);
                d
            })
            .collect(),
    );
    let json = serde_json::to_vec(&j.export(Default::default(), now).unwrap()).unwrap();
    let encrypted = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
                let mut sealed = Vec::with_capacity(json.len() + 4096);
                let mut w = enc.wrap_output(&mut sealed).unwrap();
                w.write_all(&json).unwrap();
                w.finish().unwrap();
                doc_bytes = json.len();
                t.elapsed()
            })
            .collect(),
    );
    drop(json);
    let floor = written + encrypted;
    let (_, held) = memory();
    reset_peak();
    let mut files = Vec::new();
    let ours = median(
        (0..5)
            .map(|i| {
                let path = out.join(format!("b{i}.age"));
                let t = Instant::now();
                j.backup_to(&path, now, false).unwrap();
                let d = t.elapsed();
                files.push(path);
                d
            })
            .collect(),
    );
    let (peak, _) = memory();
    let extra_kib = peak.saturating_sub(held);
    let in_memory = made + encrypted;
    println!(
        "backup {n} entries: {} (export, age, write, fsync, read back); floor {} (the plain JSON export written {} + age encryption alone {}); ratio {:.2}x (limit 1.5x)",
        ms(ours),
        ms(floor),
        ms(written),
        ms(encrypted),
        ratio(ours, floor)
    );
    println!(
        "  against the document made and encrypted in memory alone, never written ({}): {:.2}x; the rest is the file written, synced and read back",
        ms(in_memory),
        ratio(ours, in_memory)
    );
    println!(
        "  memory: peak {:.1} MiB above what the open journal held, for a {:.1} MiB document: {:.2}x its size (limit 2x); file {:.1} MiB",
        extra_kib as f64 / 1024.0,
        doc_bytes as f64 / 1_048_576.0,
        (extra_kib * 1024) as f64 / doc_bytes as f64,
        std::fs::metadata(&files[0]).unwrap().len() as f64 / 1_048_576.0
    );
    j.lock();

    // Restore: into a new empty folder each time.
    let ours = median(
        (0..3)
            .map(|i| {
                let target =
                    Journal::with_options(dir.path().join(format!("restored-{i}")), Box::new(NoKeyring), tiny());
                let t = Instant::now();
                let r = target.restore(&files[0], &rk, &Passphrase::from("bench")).unwrap();
                let d = t.elapsed();
                assert_eq!(r.added, n);
                target.lock();
                d
            })
            .collect(),
    );
    // Floor: age decrypt + parse, one AES-GCM seal per entry, one SQLite transaction, synced.
    let floor = median(
        (0..3)
            .map(|i| {
                let t = Instant::now();
                let bytes = std::fs::read(&files[0]).unwrap();
                let dec = age::Decryptor::new_buffered(&bytes[..]).unwrap();
                let mut plain = Vec::new();
                std::io::Read::read_to_end(
                    &mut dec.decrypt(std::iter::once(&age_identity(&rk) as &dyn age::Identity)).unwrap(),
                    &mut plain,
                )
                .unwrap();
                // Read as the restore reads it: the entries without their ids in words.
                let doc = <tend_core::export::RestoreDoc as tend_core::export::Readable>::parse(&plain).unwrap();
                let key = SecretKey::random();
                let vault_id = [7u8; 16];
                let rows: Vec<([u8; 16], Vec<u8>)> = doc
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(k, e)| {
                        let mut id = [0u8; 16];
                        id[..8].copy_from_slice(&(k as u64).to_le_bytes());
                        let ctx = RecordContext { vault_id, record_id: id, kind: RecordKind::Entry, schema_ver: 1 };
                        let payload = serde_json::to_vec(e).unwrap();
                        (id, tend_core::envelope::seal(&key, 1, &ctx, &payload))
                    })
                    .collect();
                let mut conn = rusqlite::Connection::open(dir.path().join(format!("floor-{i}.db"))).unwrap();
                conn.execute_batch(
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE r (id BLOB PRIMARY KEY, blob BLOB)",
                )
                .unwrap();
                let tx = conn.transaction().unwrap();
                {
                    let mut st = tx.prepare("INSERT INTO r VALUES (?1, ?2)").unwrap();
                    for (id, blob) in &rows {
                        st.execute(rusqlite::params![&id[..], blob]).unwrap();
                    }
                }
                tx.commit().unwrap();
                t.elapsed()
            })
            .collect(),
    );
    println!(
        "restore {n} entries into an empty folder: {} (then open); floor {} (decrypt, parse, seal each, one transaction); ratio {:.2}x (limit 1.5x)",
        ms(ours),
        ms(floor),
        ratio(ours, floor)
    );
}

/// The backup identity as age's own type, for the floor.
fn age_identity(rk: &str) -> age::x25519::Identity {
    let id = tend_core::backup::BackupIdentity::from_recovery_key(&tend_core::recovery::parse_key(rk).unwrap());
    id.to_text().dangerously_expose().parse().unwrap()
}

fn bench_import_day_one(n: usize) {
    const ZONES: [&str; 3] = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"];
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let zone = ZONES[i % 3];
            serde_json::json!({
                "uuid": format!("{i:032X}"),
                "creationDate": format!("20{:02}-{:02}-{:02}T21:{:02}:00Z", 10 + i % 16, 1 + i % 12, 1 + i % 28, i % 60),
                "timeZone": zone,
                "text": text(i),
                "tags": ["after", "evening"],
                "starred": i % 9 == 0,
            })
        })
        .collect();
    let bytes = serde_json::to_vec(&serde_json::json!({"metadata": {"version": "1.0"}, "entries": entries})).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::with_options(dir.path(), Box::new(NoKeyring), tiny());
    j.create(Passphrase::from("bench")).unwrap();
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    let (_, held) = memory();
    reset_peak();
    let t = Instant::now();
    let p = j.import_preview(&bytes, None, Some("Journal.json"), *now.offset()).unwrap();
    let preview = t.elapsed();
    let t = Instant::now();
    let r = j.import(&bytes, None, Some("Journal.json"), *now.offset(), now).unwrap();
    let import = t.elapsed();
    let (peak, _) = memory();
    assert_eq!((p.entries, r.added), (n, n));
    println!(
        "import a Day One export of {n} entries ({:.1} MiB): preview {}, import {} (one transaction); peak memory {:.1} MiB above the empty journal",
        bytes.len() as f64 / 1_048_576.0,
        ms(preview),
        ms(import),
        peak.saturating_sub(held) as f64 / 1024.0
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // TEND_BENCH_ONLY=backup,import runs only the benchmarks whose names contain one of those.
    let only = std::env::var("TEND_BENCH_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only.split(',').any(|o| !o.is_empty() && name.contains(o.trim()));
    let big = std::env::var("TEND_BENCH_BIG").map_or(true, |v| v != "0");
    let benches: [(&str, &dyn Fn()); 9] = [
        ("kdf", &bench_kdf),
        ("save", &bench_save),
        ("unlock", &|| bench_unlock(36_500)),
        ("search", &|| bench_search(36_500)),
        ("insights", &|| bench_insights(36_500)),
        ("lock", &|| bench_lock(36_500)),
        ("backup-restore", &|| bench_backup_restore(36_500)),
        ("import", &|| bench_import_day_one(10_000)),
        ("unlock-big", &|| {
            if big {
                bench_unlock(200_000)
            }
        }),
    ];
    for (name, bench) in benches {
        if run(name) {
            bench();
        }
    }
}
