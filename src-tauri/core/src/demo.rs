//! A varied, made-up year of entries for screenshots, manual trials and benchmarks: solo,
//! partnered, casual, group, remote and kink contexts, good days and heavy ones, aftercare got
//! and wanted, and next-day follow-ups. Deterministic for a given seed; nothing here is real.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::journal::Journal;
use crate::model::{Choice, EntryInput, Timing};
use crate::Result;

/// A small deterministic generator (SplitMix64): demo data needs variety, not secrecy.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn unit(&mut self) -> f64 {
        (self.below(2001) as f64 - 1000.0) / 1000.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const CONTEXTS: &[&str] = &["solo", "regular-partner", "regular-partner", "new-partner", "more-than-one", "remote"];
const BRIGHT: &[&str] = &["joyful", "playful", "affectionate", "grateful", "energised"];
const CALM: &[&str] = &["content", "tender", "safe", "relaxed", "close", "floaty"];
const HEAVY: &[&str] = &["sad", "tearful", "empty", "lonely", "disconnected", "drained", "numb"];
const TENSE: &[&str] = &["anxious", "restless", "overwhelmed", "exposed", "insecure", "guilty"];
const GOOD_CARE: &[&str] = &["cuddling", "water", "affirmation", "warmth", "lightness", "debrief", "snack"];
const WANTED_CARE: &[&str] = &["reassurance", "next-day-check-in", "debrief", "cuddling", "quiet", "space"];
const TEXTS: &[&str] = &[
    "A slow evening. Felt close and unhurried.",
    "Out of nowhere I felt teary afterwards, even though it was good.",
    "Quiet and a bit far away. Tea helped.",
    "Laughed a lot. Easy and warm.",
    "Wanted more talking afterwards than we had.",
    "Felt a little exposed, then better after a shower.",
    "Soft and sleepy. Nothing to add.",
    "The next morning was heavier than the night.",
];

/// One generated entry; `follows` is the index of an earlier entry in the same list.
pub struct DemoEntry {
    /// The entry.
    pub input: EntryInput,
    /// Index of the entry it follows up, if any.
    pub follows: Option<usize>,
}

/// About `per_week` entries a week for the year up to `today`, in time zone `tz`.
pub fn year(today: NaiveDate, tz: FixedOffset, per_week: u32, seed: u64) -> Vec<DemoEntry> {
    years(today, tz, per_week, seed, 1)
}

/// About `per_week` entries a week (several a day above seven) for `count` years up to `today`.
pub fn years(today: NaiveDate, tz: FixedOffset, per_week: u32, seed: u64, count: u32) -> Vec<DemoEntry> {
    let mut dice = Dice(seed);
    let mut out: Vec<DemoEntry> = Vec::new();
    let days = 365 * count.max(1) as i64;
    let start = today - Duration::days(days - 1);
    let slots = per_week.div_ceil(7).max(1) as u64;
    for slot in 0..days as u64 * slots {
        let date = start + Duration::days((slot / slots) as i64);
        if !dice.chance((per_week as u64 * 100 / 7 / slots).min(100)) {
            continue;
        }
        let hour = 18 + dice.below(6) as u32;
        let at: DateTime<FixedOffset> =
            match tz.from_local_datetime(&date.and_hms_opt(hour, dice.below(60) as u32, 0).unwrap_or_default()) {
                chrono::LocalResult::Single(t) => t,
                _ => continue,
            };
        let context = dice.pick(CONTEXTS);
        // Heavier evenings are more common after casual sex and without the aftercare wanted.
        let heavy_bias = if context == "new-partner" { 35 } else { 20 };
        let heavy = dice.chance(heavy_bias);
        let (p, e) = if heavy {
            (-0.2 - dice.unit().abs() * 0.7, dice.unit() * 0.8)
        } else {
            (0.15 + dice.unit().abs() * 0.8, dice.unit() * 0.8)
        };
        let mut input = EntryInput::with_mood((p * 100.0).round() / 100.0, (e * 100.0).round() / 100.0);
        input.at = Some(at);
        input.timing = Some(Timing::RightAfter);
        input.context = vec![context.into()];
        if context != "solo" && dice.chance(20) {
            input.context.push(if dice.chance(50) { "kink-bottom" } else { "kink-top" }.into());
        }
        let pool = match (p >= 0.0, e >= 0.0) {
            (true, true) => BRIGHT,
            (true, false) => CALM,
            (false, true) => TENSE,
            (false, false) => HEAVY,
        };
        input.emotions = vec![dice.pick(pool).into()];
        if dice.chance(50) {
            let second = dice.pick(pool);
            if second != input.emotions[0] {
                input.emotions.push(second.into());
            }
        }
        if context != "solo" {
            let got = if heavy { 1 } else { 2 + dice.below(2) };
            for _ in 0..got {
                let c = dice.pick(GOOD_CARE);
                if !input.aftercare_got.iter().any(|x| x == c) {
                    input.aftercare_got.push(c.into());
                }
            }
            if heavy || dice.chance(25) {
                input.aftercare_wanted.push(dice.pick(WANTED_CARE).into());
            }
            input.choice = Some(if dice.chance(95) { Choice::Yes } else { Choice::Mostly });
        }
        if heavy && dice.chance(40) {
            input.labels =
                vec![
                    if input.context.iter().any(|c| c.starts_with("kink-")) { "drop" } else { "post-sex-blues" }.into()
                ];
        }
        if dice.chance(60) {
            input.text = dice.pick(TEXTS).into();
        }
        let index = out.len();
        out.push(DemoEntry { input, follows: None });
        if heavy && dice.chance(50) {
            let mut next =
                EntryInput::with_mood(((p + 0.3 + dice.unit().abs() * 0.3).min(1.0) * 100.0).round() / 100.0, -0.2);
            next.at = Some(at + Duration::hours(14));
            next.timing = Some(Timing::NextDay);
            next.emotions = vec![dice.pick(CALM).into()];
            next.text = "Lighter today.".into();
            out.push(DemoEntry { input: next, follows: Some(index) });
        }
    }
    out
}

/// Fills an unlocked journal with about `per_week` made-up entries a week for `count` years up
/// to `now`, in `now`'s time zone, and returns how many it added. Two saves: the first entries,
/// then the follow-ups, each linked to the entry it follows.
pub fn fill(j: &Journal, now: DateTime<FixedOffset>, per_week: u32, seed: u64, count: u32) -> Result<usize> {
    let items = years(now.date_naive(), *now.offset(), per_week, seed, count);
    let (firsts, follows): (Vec<_>, Vec<_>) = items.into_iter().enumerate().partition(|(_, d)| d.follows.is_none());
    // Where each first entry stands in the list (ascending), so a follow-up finds its saved id.
    let first_index: Vec<usize> = firsts.iter().map(|(i, _)| *i).collect();
    let saved = j.add_many(firsts.into_iter().map(|(_, d)| d.input).collect(), now)?;
    let id_of = |i: usize| first_index.binary_search(&i).ok().map(|p| saved[p].id.clone());
    let later: Vec<EntryInput> = follows
        .into_iter()
        .map(|(_, mut d)| {
            d.input.follows = d.follows.and_then(id_of);
            d.input
        })
        .collect();
    let more = j.add_many(later, now)?;
    Ok(saved.len() + more.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vocabulary;
    use crate::words::shipped;

    #[test]
    fn a_demo_year_is_varied_valid_and_repeatable() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let year1 = year(today, tz, 4, 7);
        assert_eq!(year1.len(), year(today, tz, 4, 7).len());
        assert!((150..=320).contains(&year1.len()), "{}", year1.len());
        for d in &year1 {
            let mut i = d.input.clone();
            i.validate(shipped(), &Vocabulary::default()).unwrap();
            if let Some(f) = d.follows {
                assert!(f < year1.len());
            }
        }
        let contexts: std::collections::BTreeSet<&str> =
            year1.iter().flat_map(|d| d.input.context.iter().map(String::as_str)).collect();
        for c in ["solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom"] {
            assert!(contexts.contains(c), "{c}");
        }
        assert!(year1.iter().any(|d| d.follows.is_some()));
        assert!(
            year1.iter().any(|d| d.input.mood.is_some_and(|m| m.pleasantness < 0.0))
                && year1.iter().any(|d| d.input.mood.is_some_and(|m| m.pleasantness > 0.0))
        );
    }

    #[test]
    fn a_filled_journal_links_each_follow_up_to_its_entry() {
        use crate::journal::Options;
        use crate::keystore::NoKeyring;
        use crate::secret::Passphrase;

        let tmp = tempfile::tempdir().unwrap();
        let j = Journal::with_options(tmp.path().to_path_buf(), Box::new(NoKeyring), Options::for_tests());
        j.create(Passphrase::new("demo".into())).unwrap();
        let now = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        let made = years(now.date_naive(), *now.offset(), 6, 3, 1);
        assert_eq!(fill(&j, now, 6, 3, 1).unwrap(), made.len());
        let entries = j.with_entries(|it| it.cloned().collect::<Vec<_>>()).unwrap();
        assert_eq!(entries.len(), made.len());
        let follow_ups: Vec<_> = entries.iter().filter(|e| e.follows.is_some()).collect();
        assert_eq!(follow_ups.len(), made.iter().filter(|d| d.follows.is_some()).count());
        for f in follow_ups {
            let first = entries.iter().find(|e| Some(&e.id) == f.follows.as_ref()).expect("follows a saved entry");
            assert_eq!(f.at - first.at, Duration::hours(14), "a follow-up comes the next day");
        }
    }
}
