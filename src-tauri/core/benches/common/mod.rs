//! What the benchmarks share: entries of the sizes people write, and a journal's options with
//! a key derivation cheap enough to measure everything else.

use chrono::{DateTime, FixedOffset, TimeZone};
use tend_core::journal::Options;
use tend_core::keystore::NoKeyring;
use tend_core::model::EntryInput;
use tend_core::secret::Passphrase;
use tend_core::Journal;

/// An open journal of `n` entries in `dir`/journal, its recovery key, and the time it was
/// written at.
pub fn journal_of(dir: &std::path::Path, n: usize) -> (Journal, String, DateTime<FixedOffset>) {
    let j = Journal::with_options(dir.join("journal"), Box::new(NoKeyring), tiny());
    let rk = j.create(Passphrase::from("bench")).unwrap().recovery_key.dangerously_expose().to_owned();
    let now = FixedOffset::east_opt(0).unwrap().timestamp_opt(1_800_000_000, 0).unwrap();
    for chunk in (0..n).collect::<Vec<_>>().chunks(5000) {
        j.add_many(chunk.iter().map(|&i| input(i)).collect(), now).unwrap();
    }
    (j, rk, now)
}

const WORDS: &[&str] = &[
    "tender",
    "quiet",
    "close",
    "far away",
    "lighter",
    "tired",
    "warm",
    "café",
    "talked",
    "slept",
    "cried a little",
    "laughed",
    "held",
    "walk",
    "tea",
    "shower",
    "music",
    "raw",
    "okay",
    "better",
    "strange",
    "soft",
    "heavy",
];

pub fn text(i: usize) -> String {
    let n = 8 + i % 40;
    (0..n).map(|k| WORDS[(i * 7 + k * 13) % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

pub fn input(i: usize) -> EntryInput {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let mut e = EntryInput::with_mood(((i % 21) as f64 - 10.0) / 10.0, ((i % 17) as f64 - 8.0) / 8.0);
    e.at = Some(tz.timestamp_opt(1_500_000_000 + (i as i64) * 17_280, 0).unwrap());
    e.emotions = vec![["tearful", "tender", "content", "anxious", "raw"][i % 5].into()];
    if i.is_multiple_of(3) {
        e.context = vec!["regular-partner".into()];
        e.aftercare_got = vec!["cuddling".into(), "water".into()];
    }
    if i.is_multiple_of(4) {
        e.labels = vec!["post-sex-blues".into()];
    }
    e.text = text(i);
    e
}

pub fn tiny() -> Options {
    Options::for_tests()
}
