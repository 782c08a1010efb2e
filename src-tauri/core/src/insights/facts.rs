//! The entries in the compact form the insights read: built once after unlock, with every word
//! id interned, and kept current by each save, so neither switching periods nor saving walks
//! the full entries again.

use rustc_hash::FxHashMap as HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::model::{Entry, Quadrant, Timing, YEARS};

pub(super) const NO_ENTRY: u32 = u32::MAX;

/// One entry as the insights read it: its day, mood, quadrant, timing, the entry it follows
/// (as an index) and its lists as interned ids. An entry with no mood has no quadrant, and its
/// `p` and `e` are 0 and never read.
#[derive(Debug, Clone)]
pub(super) struct Fact {
    /// Within the years Tend accepts (see [`YEARS`]): an entry saved with a far date before
    /// dates were checked would otherwise overflow the calendar arithmetic. Others are never read.
    pub(super) counted: bool,
    pub(super) day: NaiveDate,
    pub(super) at: DateTime<FixedOffset>,
    pub(super) p: f64,
    pub(super) e: f64,
    pub(super) quadrant: Option<Quadrant>,
    pub(super) timing: Option<Timing>,
    /// The place of the entry it follows, a counted one, or [`NO_ENTRY`].
    pub(super) follows: u32,
    /// Starts of emotions, context, labels, got, wanted in `Facts::items`, and the end.
    pub(super) spans: [u32; 6],
}

/// The entries in the compact form the insights read, with every word id interned, one row per
/// entry in the order given. Built once after unlock (on first use) and kept current by every
/// save and deletion ([`Facts::insert`], [`Facts::remove`]), so neither switching periods on
/// the Trends screen nor saving walks the full entries again.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub(super) names: Vec<String>,
    pub(super) rows: Vec<Fact>,
    pub(super) items: Vec<u32>,
    /// Each name's number.
    numbers: HashMap<String, u32>,
    /// Items no row reads any more, left by rows taken out; made room for once they are as
    /// many as the rest.
    spare: usize,
}

impl Facts {
    /// Reads the entries once, in the order given.
    pub fn build<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Facts {
        let all: Vec<&Entry> = entries.into_iter().collect();
        let positions: HashMap<&str, u32> = all.iter().enumerate().map(|(i, e)| (e.id.as_str(), i as u32)).collect();
        let mut f =
            Facts { items: Vec::with_capacity(all.len() * 4), rows: Vec::with_capacity(all.len()), ..Facts::default() };
        for e in &all {
            let row = f.row(e);
            f.rows.push(row);
        }
        for (at, e) in all.iter().enumerate() {
            let follows = e.follows.as_deref().and_then(|id| positions.get(id)).map(|&p| p as usize);
            f.link(at, follows);
        }
        f
    }

    /// Puts an entry in at place `at`, moving the rows from there on one place down. `follows`
    /// is the place, once it is in, of the entry it follows.
    pub fn insert(&mut self, at: usize, e: &Entry, follows: Option<usize>) {
        for r in &mut self.rows {
            if r.follows != NO_ENTRY && r.follows as usize >= at {
                r.follows += 1;
            }
        }
        debug_assert!(at <= self.rows.len(), "a place in the order");
        let row = self.row(e);
        self.rows.insert(at.min(self.rows.len()), row);
        self.link(at, follows);
    }

    /// Takes the entry at place `at` out; an entry that followed it now follows none.
    pub fn remove(&mut self, at: usize) {
        debug_assert!(at < self.rows.len(), "a place in the order");
        if at >= self.rows.len() {
            return;
        }
        let mut gone = self.rows.remove(at);
        self.spare += (gone.spans[5] - gone.spans[0]) as usize;
        blank(&mut gone);
        for r in &mut self.rows {
            if r.follows == at as u32 {
                r.follows = NO_ENTRY;
            } else if r.follows != NO_ENTRY && r.follows > at as u32 {
                r.follows -= 1;
            }
        }
        if self.spare > 1024 && self.spare * 2 >= self.items.len() {
            self.make_room();
        }
    }

    /// The row of one entry, its lists interned and put at the end of `items`; it follows none.
    fn row(&mut self, e: &Entry) -> Fact {
        let mut spans = [0u32; 6];
        for (k, list) in
            [&e.emotions, &e.context, &e.labels, &e.aftercare_got, &e.aftercare_wanted].into_iter().enumerate()
        {
            spans[k] = self.items.len() as u32;
            for id in list {
                let n = match self.numbers.get(id.as_str()) {
                    Some(&n) => n,
                    None => {
                        let n = self.names.len() as u32;
                        self.names.push(id.clone());
                        self.numbers.insert(id.clone(), n);
                        n
                    }
                };
                self.items.push(n);
            }
        }
        spans[5] = self.items.len() as u32;
        Fact {
            counted: YEARS.contains(&e.at.year()),
            day: e.at.date_naive(),
            at: e.at,
            p: e.mood.map_or(0.0, |m| m.pleasantness),
            e: e.mood.map_or(0.0, |m| m.energy),
            quadrant: e.quadrant,
            timing: e.timing,
            follows: NO_ENTRY,
            spans,
        }
    }

    /// The row at `at` follows the one at `follows`, where both are counted.
    pub fn link(&mut self, at: usize, follows: Option<usize>) {
        let counted = |p: usize| self.rows.get(p).is_some_and(|r| r.counted);
        if let Some(f) = follows.filter(|&f| counted(at) && counted(f)) {
            self.rows[at].follows = f as u32;
        }
    }

    /// Copies the items rows still read to a list of their own, leaving the spare ones out.
    fn make_room(&mut self) {
        let mut items = Vec::with_capacity(self.items.len() - self.spare);
        for r in &mut self.rows {
            let (from, to) = (r.spans[0] as usize, r.spans[5] as usize);
            let start = items.len() as u32;
            for s in &mut r.spans {
                *s = *s - from as u32 + start;
            }
            items.extend_from_slice(&self.items[from..to]);
        }
        let mut old = std::mem::replace(&mut self.items, items);
        zeroize::Zeroize::zeroize(&mut old);
        self.spare = 0;
    }

    /// Wipes what the form holds (on lock, with the entries it was read from).
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.names.zeroize();
        for (mut name, _) in self.numbers.drain() {
            name.zeroize();
        }
        self.items.zeroize();
        self.rows.iter_mut().for_each(blank);
        self.rows.clear();
        self.spare = 0;
    }

    /// The interned names (tests: a name added by hand shows the form was kept).
    #[cfg(test)]
    pub(crate) fn names_mut(&mut self) -> &mut Vec<String> {
        &mut self.names
    }

    pub(super) fn list(&self, r: &Fact, kind: usize) -> &[u32] {
        &self.items[r.spans[kind] as usize..r.spans[kind + 1] as usize]
    }
}

/// Writes over a row before it is let go. The rows hold no type `zeroize` knows: the blanks are
/// kept from being left out as never read, as far as the compiler allows without unsafe code.
fn blank(r: &mut Fact) {
    (r.p, r.e, r.follows, r.spans) = (0.0, 0.0, 0, [0; 6]);
    (r.quadrant, r.timing) = (None, None);
    r.day = NaiveDate::MIN;
    r.at = DateTime::<FixedOffset>::MIN_UTC.fixed_offset();
    std::hint::black_box(&mut *r);
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}
