//! Patterns over time, computed on the device from decrypted entries: mood over time, a year
//! calendar, the mood map, words and contexts, aftercare that tends to go with feeling better,
//! right-after versus later, and gentle look-backs. Pure functions: "today" is passed in, and
//! nothing here reads the clock. No scores, no streaks; days without entries are simply blank.
//!
//! An entry belongs to the local date it was written on (its own UTC offset), so daylight-saving
//! changes and travel never move an entry to another day.
//!
//! An entry with no mood recorded (an imported one) is counted apart (`no_mood`) and left out of
//! every mean, point over time, quadrant count, the map, aftercare comparisons and follow-up
//! pairs. It still counts where nothing is averaged: how often a word, context or label came up,
//! how often an aftercare item was wanted, and its calendar day, which shows as a day with
//! entries (with no main mood when none of that day's entries has one).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::model::{Entry, Quadrant, Timing};

mod compare;
mod facts;
mod shape;

pub use facts::Facts;
use facts::{Fact, NO_ENTRY};
pub use shape::{
    AftercareComparison, DayCell, Frequency, Insights, LaterChange, LookBack, MapPoint, MoodMean, Pattern, TimePoint,
    Verdict,
};

/// Most entries placed on the mood map; beyond this the latest ones are shown, so a journal
/// of many years still draws at once.
pub const MAP_LIMIT: usize = 2000;

/// Fewest entries on each side before an aftercare comparison is shown, or can read as a
/// pattern: with fewer, the spread of a side can't be judged and its interval means little.
pub const MIN_SAMPLE: usize = 5;

/// How a chart groups time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One point per day.
    Day,
    /// One point per ISO week (starting Monday).
    Week,
    /// One point per calendar month.
    Month,
}

/// The period asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
    /// First day included (default: the first entry's day).
    pub from: Option<NaiveDate>,
    /// Last day included (default: `today`).
    pub to: Option<NaiveDate>,
    /// The person's today, in their time zone.
    pub today: NaiveDate,
}

impl Query {
    /// From optional `YYYY-MM-DD` strings, as the window sends them.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Query, crate::error::ValidationError> {
        let day = |field: &str, v: Option<&str>| -> Result<Option<NaiveDate>, crate::error::ValidationError> {
            v.filter(|s| !s.is_empty())
                .map(|s| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .map_err(|_| crate::error::ValidationError::new(field, "use a date like 2026-03-01"))
                })
                .transpose()
        };
        Ok(Query { from: day("from", from)?, to: day("to", to)?, today })
    }

    /// Checks every day of the period lies within the years Tend accepts.
    pub fn check(&self) -> Result<(), crate::error::ValidationError> {
        crate::model::check_day("today", self.today)?;
        self.from.map_or(Ok(()), |d| crate::model::check_day("from", d))?;
        self.to.map_or(Ok(()), |d| crate::model::check_day("to", d))
    }

    /// The last `days` days up to and including `today`.
    pub fn last_days(today: NaiveDate, days: i64) -> Query {
        Query { from: Some(today - Duration::days(days - 1)), to: Some(today), today }
    }
}

/// Running sums of mood (and of pleasantness squared, for the spread of a group), and apart
/// from them, how many entries had no mood.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Acc {
    n: usize,
    p: f64,
    p2: f64,
    e: f64,
    none: usize,
}

impl Acc {
    fn add(&mut self, p: f64, e: f64) {
        self.n += 1;
        self.p += p;
        self.p2 += p * p;
        self.e += e;
    }
    /// Adds the fact's mood, or counts it apart when it has none.
    fn add_fact(&mut self, r: &Fact) {
        if r.quadrant.is_some() {
            self.add(r.p, r.e);
        } else {
            self.none += 1;
        }
    }
    fn minus(self, o: Acc) -> Acc {
        Acc { n: self.n - o.n, p: self.p - o.p, p2: self.p2 - o.p2, e: self.e - o.e, none: self.none - o.none }
    }
    fn mean(self) -> MoodMean {
        let n = self.n.max(1) as f64;
        MoodMean { count: self.n, pleasantness: round(self.p / n), energy: round(self.e / n) }
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

const REVIEW_PROMPTS: [&str; 3] = [
    "Looking back over the last few weeks, what tends to help you feel better afterwards?",
    "Do the harder feelings show up more in some situations than others? Is there one small thing you'd like to try differently?",
    "Before next time, what aftercare would you like to ask for, or offer? Deciding while you're calm can make it easier to say.",
];

fn bucket_for(from: NaiveDate, to: NaiveDate) -> Bucket {
    match (to - from).num_days() {
        d if d <= 62 => Bucket::Day,
        d if d <= 400 => Bucket::Week,
        _ => Bucket::Month,
    }
}

fn bucket_start(d: NaiveDate, b: Bucket) -> NaiveDate {
    match b {
        Bucket::Day => d,
        Bucket::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        Bucket::Month => d.with_day(1).unwrap_or(d),
    }
}

fn quadrant_index(q: Quadrant) -> usize {
    Quadrant::ALL.iter().position(|x| *x == q).unwrap_or(4)
}

/// Sums for a look-back window, filled during the main pass.
struct Window {
    from: NaiveDate,
    to: NaiveDate,
    acc: Acc,
    quads: [usize; 5],
    words: Vec<usize>,
}

impl Window {
    fn new(from: NaiveDate, to: NaiveDate, names: usize) -> Self {
        Window { from, to, acc: Acc::default(), quads: [0; 5], words: vec![0; names] }
    }

    fn add(&mut self, r: &Fact, emotions: &[u32]) {
        if r.day < self.from || r.day > self.to {
            return;
        }
        self.acc.add_fact(r);
        if let Some(q) = r.quadrant {
            self.quads[quadrant_index(q)] += 1;
        }
        for w in emotions {
            self.words[*w as usize] += 1;
        }
    }

    fn finish(self, names: &[String], prompt: &'static str) -> LookBack {
        let mut top: Vec<(&str, usize)> =
            self.words.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| (names[i].as_str(), *n)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        LookBack {
            from: self.from,
            to: self.to,
            mood: self.acc.mean(),
            no_mood: self.acc.none,
            quadrants: Quadrant::ALL.iter().copied().zip(self.quads).collect(),
            top_emotions: top.into_iter().take(3).map(|(w, _)| w.to_owned()).collect(),
            prompt,
        }
    }
}

fn sorted_freq_dense(names: &[String], accs: Vec<Acc>) -> Vec<Frequency> {
    let mut v: Vec<Frequency> = accs
        .into_iter()
        .enumerate()
        .filter(|(_, a)| a.n + a.none > 0)
        .map(|(i, a)| Frequency { id: names[i].clone(), mean: a.mean(), no_mood: a.none })
        .collect();
    v.sort_by(|a, b| b.times().cmp(&a.times()).then_with(|| a.id.cmp(&b.id)));
    v
}

/// Computes every insight for the entries in the query's period.
pub fn compute<'a>(entries: impl IntoIterator<Item = &'a Entry>, q: &Query) -> Insights {
    compute_facts(&Facts::build(entries), q)
}

/// Computes every insight from prepared facts, in one pass over them.
pub fn compute_facts(f: &Facts, q: &Query) -> Insights {
    let all = &f.rows;
    let n_names = f.names.len();
    let first_day = all.iter().filter(|r| r.counted).map(|r| r.day).min().unwrap_or(q.today);
    let from = q.from.unwrap_or(first_day);
    let to = q.to.unwrap_or(q.today).max(from);
    let bucket = bucket_for(from, to);

    let mut week = Window::new(q.today - Duration::days(6), q.today, n_names);
    let mut month = Window::new(q.today - Duration::days(29), q.today, n_names);
    let (mut pairs, mut dp, mut de) = (0usize, 0.0, 0.0);
    let mut total = Acc::default();
    let mut quads = [0usize; 5];
    // Dense sums per bucket, indexed from the period's start.
    let week0 = bucket_start(from, Bucket::Week);
    let month0 = from.year() * 12 + from.month0() as i32;
    let bucket_index = |d: NaiveDate| -> usize {
        match bucket {
            Bucket::Day => (d - from).num_days() as usize,
            Bucket::Week => ((d - week0).num_days() / 7) as usize,
            Bucket::Month => (d.year() * 12 + d.month0() as i32 - month0) as usize,
        }
    };
    let bucket_date = |i: usize| -> NaiveDate {
        match bucket {
            Bucket::Day => from + Duration::days(i as i64),
            Bucket::Week => week0 + Duration::days(7 * i as i64),
            Bucket::Month => {
                let m = month0 + i as i32;
                NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).unwrap_or(from)
            }
        }
    };
    let mut buckets: Vec<Acc> = vec![Acc::default(); bucket_index(to) + 1];
    let mut day_items: Vec<(NaiveDate, DateTime<FixedOffset>, Option<Quadrant>)> = Vec::with_capacity(all.len());
    let mut map = Vec::with_capacity(all.len().min(4 * MAP_LIMIT));
    let mut emotions = vec![Acc::default(); n_names];
    let mut contexts = vec![Acc::default(); n_names];
    let mut labels = vec![Acc::default(); n_names];
    let mut with_aftercare = Acc::default();
    let mut got = vec![Acc::default(); n_names];
    let mut wanted = vec![(0usize, 0usize); n_names];
    let mut timing: [Acc; 4] = Default::default();

    for r in all.iter().filter(|r| r.counted) {
        let day = r.day;
        let words = f.list(r, 0);
        week.add(r, words);
        month.add(r, words);
        if day < from || day > to {
            continue;
        }
        day_items.push((day, r.at, r.quadrant));
        // Counted wherever nothing is averaged: words, contexts, labels, aftercare wanted.
        for w in words {
            emotions[*w as usize].add_fact(r);
        }
        for c in f.list(r, 1) {
            contexts[*c as usize].add_fact(r);
        }
        for l in f.list(r, 2) {
            labels[*l as usize].add_fact(r);
        }
        let (g, w) = (f.list(r, 3), f.list(r, 4));
        for a in w {
            let slot = &mut wanted[*a as usize];
            slot.0 += 1;
            if !g.contains(a) {
                slot.1 += 1;
            }
        }
        total.add_fact(r);
        // Everything below reads the mood: an entry without one stops here.
        let Some(quadrant) = r.quadrant else {
            continue;
        };
        let (p, en) = (r.p, r.e);
        if r.follows != NO_ENTRY {
            let first = &all[r.follows as usize];
            if first.quadrant.is_some() {
                pairs += 1;
                dp += p - first.p;
                de += en - first.e;
            }
        }
        quads[quadrant_index(quadrant)] += 1;
        buckets[bucket_index(day)].add(p, en);
        map.push(MapPoint { date: day, pleasantness: p, energy: en, quadrant });
        if !g.is_empty() || !w.is_empty() {
            with_aftercare.add(p, en);
            for a in g {
                got[*a as usize].add(p, en);
            }
        }
        if let Some(t) = r.timing {
            timing[t as usize].add(p, en);
        }
    }

    let map_total = map.len();
    if map_total > MAP_LIMIT {
        // Keep the latest days' points (order on the map doesn't matter).
        map.select_nth_unstable_by(MAP_LIMIT - 1, |a, b| b.date.cmp(&a.date));
        map.truncate(MAP_LIMIT);
    }

    // Mood over time, smoothed over neighbouring buckets that have entries.
    let points: Vec<(NaiveDate, Acc)> =
        buckets.into_iter().enumerate().filter(|(_, a)| a.n > 0).map(|(i, a)| (bucket_date(i), a)).collect();
    let reach = match bucket {
        Bucket::Day => 3,
        Bucket::Week => 2,
        Bucket::Month => 1,
    };
    let over_time = points
        .iter()
        .enumerate()
        .map(|(i, (start, acc))| {
            let lo = i.saturating_sub(reach);
            let hi = (i + reach + 1).min(points.len());
            let (mut n, mut sum) = (0usize, 0.0);
            for (_, a) in &points[lo..hi] {
                n += a.n;
                sum += a.p;
            }
            TimePoint { start: *start, mean: acc.mean(), smoothed: round(sum / n.max(1) as f64) }
        })
        .collect();

    // Calendar: entries grouped by day in time order (journal order is newest first, so a
    // reversal usually sorts them; anything else is sorted).
    let ordered = |v: &[(NaiveDate, DateTime<FixedOffset>, Option<Quadrant>)]| {
        v.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1))
    };
    if !ordered(&day_items) {
        day_items.reverse();
        if !ordered(&day_items) {
            day_items.sort_unstable_by_key(|x| (x.0, x.1));
        }
    }
    let mut calendar: Vec<DayCell> = Vec::new();
    for group in day_items.chunk_by(|a, b| a.0 == b.0) {
        let quadrants: Vec<Quadrant> = group.iter().filter_map(|i| i.2).collect();
        let mut counts = [0usize; 5];
        for q in &quadrants {
            counts[quadrant_index(*q)] += 1;
        }
        // The main mood among the day's entries that have one; a day of entries without a
        // mood has none, and still shows as a day with entries.
        let main = quadrants.last().map(|&latest| {
            let best = *counts.iter().max().unwrap_or(&0);
            if counts[quadrant_index(latest)] == best {
                latest
            } else {
                Quadrant::ALL[counts.iter().position(|c| *c == best).unwrap_or(4)]
            }
        });
        calendar.push(DayCell {
            date: group[0].0,
            count: group.len(),
            no_mood: group.len() - quadrants.len(),
            quadrants,
            main,
        });
    }

    let mut aftercare: Vec<AftercareComparison> = (0..n_names)
        .filter(|i| got[*i].n > 0 || wanted[*i].0 > 0)
        .map(|i| {
            let g = got[i];
            let not = with_aftercare.minus(g);
            let (w, wn) = wanted[i];
            AftercareComparison {
                id: f.names[i].clone(),
                got: g.mean(),
                not_got: not.mean(),
                shown: g.n >= MIN_SAMPLE && not.n >= MIN_SAMPLE,
                wanted: w,
                wanted_not_got: wn,
                pattern: compare::pattern(g, not),
            }
        })
        .collect();
    aftercare.sort_by(|a, b| (b.got.count + b.wanted).cmp(&(a.got.count + a.wanted)).then_with(|| a.id.cmp(&b.id)));

    // Follow-ups were paired in the pass: an entry and the earlier one it names (which may lie
    // outside the period).
    let timings = [Timing::RightAfter, Timing::LaterThatDay, Timing::NextDay, Timing::DaysLater];
    let later = LaterChange {
        pairs,
        pleasantness_change: round(dp / pairs.max(1) as f64),
        energy_change: round(de / pairs.max(1) as f64),
        by_timing: timings.iter().map(|t| (*t, timing[*t as usize].mean())).filter(|(_, m)| m.count > 0).collect(),
    };

    let week = week.finish(&f.names, REVIEW_PROMPTS[(q.today.ordinal0() as usize / 7) % 3]);
    let month = month.finish(&f.names, REVIEW_PROMPTS[(q.today.month0() as usize) % 3]);

    Insights {
        from,
        to,
        total: total.mean(),
        no_mood: total.none,
        quadrants: Quadrant::ALL.iter().copied().zip(quads).collect(),
        bucket,
        over_time,
        calendar,
        map,
        map_total,
        emotions: sorted_freq_dense(&f.names, emotions),
        contexts: sorted_freq_dense(&f.names, contexts),
        labels: sorted_freq_dense(&f.names, labels),
        aftercare,
        later,
        week,
        month,
    }
}

#[cfg(test)]
mod tests;
