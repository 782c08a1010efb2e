//! Patterns over time, computed on the device from decrypted entries: mood over time, a year
//! calendar, the mood map, words and contexts, aftercare that tends to go with feeling better,
//! right-after versus later, and gentle look-backs. Pure functions: "today" is passed in, and
//! nothing here reads the clock. No scores, no streaks; days without entries are simply blank.
//!
//! An entry belongs to the local date it was written on (its own UTC offset), so daylight-saving
//! changes and travel never move an entry to another day.

use rustc_hash::FxHashMap as HashMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::model::{Entry, Quadrant, Timing};

/// Most entries placed on the mood map; beyond this the latest ones are shown, so a journal
/// of many years still draws at once.
pub const MAP_LIMIT: usize = 2000;

/// Fewest entries on each side before an aftercare comparison is shown.
pub const MIN_SAMPLE: usize = 3;

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

    /// The last `days` days up to and including `today`.
    pub fn last_days(today: NaiveDate, days: i64) -> Query {
        Query { from: Some(today - Duration::days(days - 1)), to: Some(today), today }
    }
}

/// Running sums of mood.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Acc {
    n: usize,
    p: f64,
    e: f64,
}

impl Acc {
    fn add(&mut self, p: f64, e: f64) {
        self.n += 1;
        self.p += p;
        self.e += e;
    }
    fn minus(self, o: Acc) -> Acc {
        Acc { n: self.n - o.n, p: self.p - o.p, e: self.e - o.e }
    }
    fn mean(self) -> MoodMean {
        let n = self.n.max(1) as f64;
        MoodMean { count: self.n, pleasantness: round(self.p / n), energy: round(self.e / n) }
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A count with the mean mood of those entries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoodMean {
    /// How many entries.
    pub count: usize,
    /// Mean pleasantness (-1..1).
    pub pleasantness: f64,
    /// Mean energy (-1..1).
    pub energy: f64,
}

/// One point of mood over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimePoint {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// Entries and mean mood in it.
    #[serde(flatten)]
    pub mean: MoodMean,
    /// Pleasantness averaged over neighbouring buckets (weighted by count).
    pub smoothed: f64,
}

/// One calendar day with entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayCell {
    /// The day.
    pub date: NaiveDate,
    /// Entries that day.
    pub count: usize,
    /// Quadrants of that day's entries, in order of time.
    pub quadrants: Vec<Quadrant>,
    /// The most frequent quadrant (ties go to the latest entry's).
    pub main: Quadrant,
}

/// One entry on the mood map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapPoint {
    /// Local date.
    pub date: NaiveDate,
    /// Pleasantness.
    pub pleasantness: f64,
    /// Energy.
    pub energy: f64,
    /// Quadrant.
    pub quadrant: Quadrant,
}

/// How often something was chosen, and the mean mood of those entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Frequency {
    /// Word or chip id.
    pub id: String,
    /// Count and mean mood.
    #[serde(flatten)]
    pub mean: MoodMean,
}

/// Mood afterwards with and without one aftercare item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AftercareComparison {
    /// Aftercare item id.
    pub id: String,
    /// Entries where it was received.
    pub got: MoodMean,
    /// Entries (that recorded any aftercare) where it was not.
    pub not_got: MoodMean,
    /// True only when each side has at least [`MIN_SAMPLE`] entries.
    pub shown: bool,
    /// Times it was wanted.
    pub wanted: usize,
    /// Times it was wanted but not received.
    pub wanted_not_got: usize,
}

/// Right after versus later.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaterChange {
    /// Follow-up pairs (an entry and the one that follows it).
    pub pairs: usize,
    /// Mean change in pleasantness from the first entry to its follow-up.
    pub pleasantness_change: f64,
    /// Mean change in energy.
    pub energy_change: f64,
    /// Mean mood by timing (right after, later that day, next day, days later).
    pub by_timing: Vec<(Timing, MoodMean)>,
}

/// A week or month in brief, ending with one reflective prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LookBack {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Entries and mean mood.
    pub mood: MoodMean,
    /// Entries per quadrant.
    pub quadrants: Vec<(Quadrant, usize)>,
    /// Up to three most frequent feeling words.
    pub top_emotions: Vec<String>,
    /// One question to reflect on.
    pub prompt: &'static str,
}

/// Everything the Trends screen draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Entries in the period, with mean mood.
    pub total: MoodMean,
    /// Entries per quadrant.
    pub quadrants: Vec<(Quadrant, usize)>,
    /// How mood over time is grouped.
    pub bucket: Bucket,
    /// Mood over time (only buckets with entries; gaps are blank, not failures).
    pub over_time: Vec<TimePoint>,
    /// Days with entries, for the calendar.
    pub calendar: Vec<DayCell>,
    /// Entries on the pleasantness x energy plane: all of them, or the latest [`MAP_LIMIT`].
    pub map: Vec<MapPoint>,
    /// How many entries the period has for the map (more than `map.len()` when capped).
    pub map_total: usize,
    /// Feeling words by frequency.
    pub emotions: Vec<Frequency>,
    /// Contexts by frequency, with mood afterwards.
    pub contexts: Vec<Frequency>,
    /// Labels by frequency.
    pub labels: Vec<Frequency>,
    /// Aftercare items, got versus not got.
    pub aftercare: Vec<AftercareComparison>,
    /// Right after versus later.
    pub later: LaterChange,
    /// The last seven days up to today.
    pub week: LookBack,
    /// The last thirty days up to today.
    pub month: LookBack,
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
        self.acc.add(r.p, r.e);
        self.quads[quadrant_index(r.quadrant)] += 1;
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
            quadrants: Quadrant::ALL.iter().copied().zip(self.quads).collect(),
            top_emotions: top.into_iter().take(3).map(|(w, _)| w.to_owned()).collect(),
            prompt,
        }
    }
}

const NO_ENTRY: u32 = u32::MAX;

/// One entry as the insights read it: its day, mood, quadrant, timing, the entry it follows
/// (as an index) and its lists as interned ids.
#[derive(Debug, Clone)]
struct Fact {
    day: NaiveDate,
    at: DateTime<FixedOffset>,
    p: f64,
    e: f64,
    quadrant: Quadrant,
    timing: Option<Timing>,
    follows: u32,
    /// Starts of emotions, context, labels, got, wanted in `Facts::items`, and the end.
    spans: [u32; 6],
}

/// The entries in the compact form the insights read, with every word id interned. Built once
/// after unlock (on first use) and kept until the journal changes, so switching periods on
/// the Trends screen doesn't walk the full entries again.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    names: Vec<String>,
    rows: Vec<Fact>,
    items: Vec<u32>,
}

impl Facts {
    /// Reads the entries once.
    pub fn build<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Facts {
        let all: Vec<&Entry> = entries.into_iter().collect();
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<&'a str, u32> = HashMap::default();
        let positions: HashMap<&str, u32> = all.iter().enumerate().map(|(i, e)| (e.id.as_str(), i as u32)).collect();
        let mut items: Vec<u32> = Vec::with_capacity(all.len() * 4);
        let mut rows = Vec::with_capacity(all.len());
        for e in &all {
            let mut spans = [0u32; 6];
            for (k, list) in
                [&e.emotions, &e.context, &e.labels, &e.aftercare_got, &e.aftercare_wanted].into_iter().enumerate()
            {
                spans[k] = items.len() as u32;
                for id in list {
                    let n = *index.entry(id.as_str()).or_insert_with(|| {
                        names.push(id.clone());
                        (names.len() - 1) as u32
                    });
                    items.push(n);
                }
            }
            spans[5] = items.len() as u32;
            rows.push(Fact {
                day: e.at.date_naive(),
                at: e.at,
                p: e.mood.pleasantness,
                e: e.mood.energy,
                quadrant: e.quadrant,
                timing: e.timing,
                follows: e.follows.as_deref().and_then(|f| positions.get(f).copied()).unwrap_or(NO_ENTRY),
                spans,
            });
        }
        Facts { names, rows, items }
    }

    fn list(&self, r: &Fact, kind: usize) -> &[u32] {
        &self.items[r.spans[kind] as usize..r.spans[kind + 1] as usize]
    }
}

fn sorted_freq_dense(names: &[String], accs: Vec<Acc>) -> Vec<Frequency> {
    let mut v: Vec<Frequency> = accs
        .into_iter()
        .enumerate()
        .filter(|(_, a)| a.n > 0)
        .map(|(i, a)| Frequency { id: names[i].clone(), mean: a.mean() })
        .collect();
    v.sort_by(|a, b| b.mean.count.cmp(&a.mean.count).then_with(|| a.id.cmp(&b.id)));
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
    let first_day = all.iter().map(|r| r.day).min().unwrap_or(q.today);
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
    let mut day_items: Vec<(NaiveDate, DateTime<FixedOffset>, Quadrant)> = Vec::with_capacity(all.len());
    let mut map = Vec::with_capacity(all.len().min(4 * MAP_LIMIT));
    let mut emotions = vec![Acc::default(); n_names];
    let mut contexts = vec![Acc::default(); n_names];
    let mut labels = vec![Acc::default(); n_names];
    let mut with_aftercare = Acc::default();
    let mut got = vec![Acc::default(); n_names];
    let mut wanted = vec![(0usize, 0usize); n_names];
    let mut timing: [Acc; 4] = Default::default();

    for r in all {
        let day = r.day;
        let words = f.list(r, 0);
        week.add(r, words);
        month.add(r, words);
        if day < from || day > to {
            continue;
        }
        let (p, en) = (r.p, r.e);
        if r.follows != NO_ENTRY {
            let first = &all[r.follows as usize];
            pairs += 1;
            dp += p - first.p;
            de += en - first.e;
        }
        total.add(p, en);
        quads[quadrant_index(r.quadrant)] += 1;
        buckets[bucket_index(day)].add(p, en);
        day_items.push((day, r.at, r.quadrant));
        map.push(MapPoint { date: day, pleasantness: p, energy: en, quadrant: r.quadrant });
        for w in words {
            emotions[*w as usize].add(p, en);
        }
        for c in f.list(r, 1) {
            contexts[*c as usize].add(p, en);
        }
        for l in f.list(r, 2) {
            labels[*l as usize].add(p, en);
        }
        let (g, w) = (f.list(r, 3), f.list(r, 4));
        if !g.is_empty() || !w.is_empty() {
            with_aftercare.add(p, en);
            for a in g {
                got[*a as usize].add(p, en);
            }
            for a in w {
                let slot = &mut wanted[*a as usize];
                slot.0 += 1;
                if !g.contains(a) {
                    slot.1 += 1;
                }
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
    let ordered =
        |v: &[(NaiveDate, DateTime<FixedOffset>, Quadrant)]| v.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1));
    if !ordered(&day_items) {
        day_items.reverse();
        if !ordered(&day_items) {
            day_items.sort_unstable_by_key(|x| (x.0, x.1));
        }
    }
    let mut calendar: Vec<DayCell> = Vec::new();
    for group in day_items.chunk_by(|a, b| a.0 == b.0) {
        let mut counts = [0usize; 5];
        for item in group {
            counts[quadrant_index(item.2)] += 1;
        }
        let latest = group.last().map_or(Quadrant::Mixed, |i| i.2);
        let best = *counts.iter().max().unwrap_or(&0);
        let main = if counts[quadrant_index(latest)] == best {
            latest
        } else {
            Quadrant::ALL[counts.iter().position(|c| *c == best).unwrap_or(4)]
        };
        calendar.push(DayCell {
            date: group[0].0,
            count: group.len(),
            quadrants: group.iter().map(|i| i.2).collect(),
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
