//! The entries in the compact form the insights read: built once after unlock, with every word
//! id interned, so switching periods never walks the full entries again.

use rustc_hash::FxHashMap as HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::model::{Entry, Quadrant, Timing, YEARS};

pub(super) const NO_ENTRY: u32 = u32::MAX;

/// One entry as the insights read it: its day, mood, quadrant, timing, the entry it follows
/// (as an index) and its lists as interned ids. An entry with no mood has no quadrant, and its
/// `p` and `e` are 0 and never read.
#[derive(Debug, Clone)]
pub(super) struct Fact {
    pub(super) day: NaiveDate,
    pub(super) at: DateTime<FixedOffset>,
    pub(super) p: f64,
    pub(super) e: f64,
    pub(super) quadrant: Option<Quadrant>,
    pub(super) timing: Option<Timing>,
    pub(super) follows: u32,
    /// Starts of emotions, context, labels, got, wanted in `Facts::items`, and the end.
    pub(super) spans: [u32; 6],
}

/// The entries in the compact form the insights read, with every word id interned. Built once
/// after unlock (on first use) and kept until the journal changes, so switching periods on
/// the Trends screen doesn't walk the full entries again.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub(super) names: Vec<String>,
    pub(super) rows: Vec<Fact>,
    pub(super) items: Vec<u32>,
}

impl Facts {
    /// Reads the entries once.
    pub fn build<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Facts {
        // Only days within the years Tend accepts: an entry saved with a far date before dates
        // were checked would otherwise overflow the calendar arithmetic.
        let all: Vec<&Entry> = entries.into_iter().filter(|e| YEARS.contains(&e.at.year())).collect();
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
                p: e.mood.map_or(0.0, |m| m.pleasantness),
                e: e.mood.map_or(0.0, |m| m.energy),
                quadrant: e.quadrant,
                timing: e.timing,
                follows: e.follows.as_deref().and_then(|f| positions.get(f).copied()).unwrap_or(NO_ENTRY),
                spans,
            });
        }
        Facts { names, rows, items }
    }

    pub(super) fn list(&self, r: &Fact, kind: usize) -> &[u32] {
        &self.items[r.spans[kind] as usize..r.spans[kind + 1] as usize]
    }
}
