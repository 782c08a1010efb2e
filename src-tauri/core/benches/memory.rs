//! Memory a restore holds, counted on the heap: its peak, and what the open journal keeps after
//! (the restored session, as after an unlock); the restore's own is the difference, against the
//! size of the backup's document. And what an unlock holds: its peak, and what stays held after
//! it and after the first search, for entries sealed compact and, beside them, as JSON (before
//! the compact layout). Apart from the timing benches, whose figures the counting
//! allocator would touch. Run: `cargo bench -p tend-core --features bench --bench memory`.

use peak_alloc::PeakAlloc;
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::search::Query;
use tend_core::secret::Passphrase;
use tend_core::Journal;

mod common;
use common::{journal_of, tiny};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn mib(b: usize) -> f64 {
    b as f64 / 1_048_576.0
}

/// Heap an unlock of `n` entries peaks at and keeps, then keeps after the first search.
fn unlock_memory(dir: &std::path::Path, n: usize, options: Options, what: &str) {
    {
        let j = Journal::with_options(dir, Box::new(NoKeyring), options);
        j.create(Passphrase::from("bench")).unwrap();
        let now =
            chrono::TimeZone::timestamp_opt(&chrono::FixedOffset::east_opt(0).unwrap(), 1_800_000_000, 0).unwrap();
        for chunk in (0..n).collect::<Vec<_>>().chunks(5000) {
            j.add_many(chunk.iter().map(|&i| common::input(i)).collect(), now).unwrap();
        }
        j.lock();
    }
    let j = Journal::with_options(dir, Box::new(NoKeyring), options);
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    assert_eq!(j.unlock(&Passphrase::from("bench")).unwrap().entries, n);
    let peak = HEAP.peak_usage().saturating_sub(before);
    let kept = HEAP.current_usage().saturating_sub(before);
    j.search(&Query::text("warm").page(0, 50)).unwrap();
    let searched = HEAP.current_usage().saturating_sub(before);
    println!(
        "unlock {n} entries {what}, heap: peak {:.1} MiB, held after {:.1} MiB, and after the first search {:.1} MiB",
        mib(peak),
        mib(kept),
        mib(searched)
    );
    j.lock();
}

fn main() {
    let n = 36_500;
    let dir = tempfile::tempdir().unwrap();
    unlock_memory(&dir.path().join("compact"), n, tiny(), "sealed compact");
    unlock_memory(&dir.path().join("json"), n, Options { legacy_payloads: true, ..tiny() }, "sealed as JSON (before)");
    let dir = tempfile::tempdir().unwrap();
    let (j, rk, now) = journal_of(dir.path(), n);
    let file = dir.path().join("b.age");
    j.backup_to(&file, now, false).unwrap();
    let doc_bytes = serde_json::to_vec(&j.export(Default::default(), now).unwrap()).unwrap().len();
    j.lock();
    drop(j);

    let target = Journal::with_options(dir.path().join("restored"), Box::new(NoKeyring), tiny());
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let r = target.restore(&file, &rk, &Passphrase::from("bench")).unwrap();
    assert_eq!(r.added, n);
    let peak = HEAP.peak_usage().saturating_sub(before);
    let kept = HEAP.current_usage().saturating_sub(before);
    let own = peak.saturating_sub(kept);
    println!(
        "restore {n} entries, heap: peak {:.1} MiB; the open journal keeps {:.1} MiB after, so the restore's own is {:.1} MiB for a {:.1} MiB document: {:.2}x its size (limit 2x)",
        mib(peak),
        mib(kept),
        mib(own),
        mib(doc_bytes),
        own as f64 / doc_bytes as f64
    );
    target.lock();
}
