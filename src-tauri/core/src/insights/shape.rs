//! What the Trends screen receives: the shapes of every insight, as they cross to the window.

use chrono::NaiveDate;
use serde::Serialize;

use super::Bucket;
use crate::model::{Quadrant, Timing};

/// A count with the mean mood of those entries: only entries with a mood are counted here.
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
    /// Entries that day, with a mood or without.
    pub count: usize,
    /// Of those, entries with no mood recorded.
    pub no_mood: usize,
    /// Quadrants of that day's entries that have a mood, in order of time.
    pub quadrants: Vec<Quadrant>,
    /// The most frequent quadrant (ties go to the latest entry's); `None` when no entry that
    /// day has a mood, so the day shows as one with entries and no colour of mood.
    pub main: Option<Quadrant>,
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
    /// Count and mean mood of the entries with it that have a mood.
    #[serde(flatten)]
    pub mean: MoodMean,
    /// Entries with it and no mood recorded: counted in how often it came up, not in the mean.
    pub no_mood: usize,
}

impl Frequency {
    /// How often it came up, entries with a mood or without.
    pub fn times(&self) -> usize {
        self.mean.count + self.no_mood
    }
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
    /// True only when each side has at least [`MIN_SAMPLE`](super::MIN_SAMPLE) entries.
    pub shown: bool,
    /// Times it was wanted.
    pub wanted: usize,
    /// Times it was wanted but not received.
    pub wanted_not_got: usize,
    /// How mood afterwards differs with it and without it, and whether that reads as a pattern.
    pub pattern: Pattern,
}

/// Whether a difference reads as a pattern. Only [`Better`](Verdict::Better) is worded "tends
/// to go with feeling better"; [`Same`](Verdict::Same) is "about the same, as far as these
/// entries show".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Pleasanter with it, beyond chance.
    Better,
    /// Less pleasant with it, beyond chance.
    Lower,
    /// No difference these entries can show: too few entries, an interval that includes zero,
    /// or a difference too small to notice.
    Same,
}

/// Mean pleasantness with something minus without it, with a 95% interval for that difference
/// (Welch's t interval, worked out in `insights/compare.rs`, which says why).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pattern {
    /// Mean pleasantness with it minus mean pleasantness without it; `None` while a side has
    /// no entries (an item only ever wanted, say).
    pub difference: Option<f64>,
    /// Low end of the 95% interval; `None` while a side has fewer than two entries.
    pub low: Option<f64>,
    /// High end of the 95% interval; `None` while a side has fewer than two entries.
    pub high: Option<f64>,
    /// What the difference reads as.
    pub verdict: Verdict,
}

/// Right after versus later.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaterChange {
    /// Follow-up pairs (an entry and the one that follows it, both with a mood).
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
    /// Entries with a mood, and their mean mood.
    pub mood: MoodMean,
    /// Entries with no mood recorded, counted apart.
    pub no_mood: usize,
    /// Entries per quadrant.
    pub quadrants: Vec<(Quadrant, usize)>,
    /// Up to three most frequent feeling words (entries with no mood count too).
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
    /// Entries in the period with a mood, and their mean mood.
    pub total: MoodMean,
    /// Entries in the period with no mood recorded: counted apart, and in no mean, quadrant
    /// count, point over time, map point, comparison or pair.
    pub no_mood: usize,
    /// Entries per quadrant.
    pub quadrants: Vec<(Quadrant, usize)>,
    /// How mood over time is grouped.
    pub bucket: Bucket,
    /// Mood over time (only buckets with entries; gaps are blank, not failures).
    pub over_time: Vec<TimePoint>,
    /// Days with entries (with a mood or without), for the calendar.
    pub calendar: Vec<DayCell>,
    /// Entries with a mood on the pleasantness x energy plane: all of them, or the latest
    /// [`MAP_LIMIT`](super::MAP_LIMIT).
    pub map: Vec<MapPoint>,
    /// How many entries with a mood the period has for the map (more than `map.len()` when capped).
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
