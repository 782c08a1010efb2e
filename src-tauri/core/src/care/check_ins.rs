//! Which "check in with me later" questions are due now. Apart from the rules that choose words,
//! because it reads the whole journal and the clock's `now`, not one entry.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset};
use serde::Serialize;

use crate::model::{Entry, Quadrant};

/// An entry whose "check in with me later" is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueCheckIn {
    /// The entry.
    pub id: String,
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// Its quadrant; `None` when it has no mood recorded.
    pub quadrant: Option<Quadrant>,
    /// What was asked for.
    pub check_in: crate::model::CheckIn,
    /// When it became due.
    pub due: DateTime<FixedOffset>,
    /// When it stops being asked about, if it is left alone.
    pub until: DateTime<FixedOffset>,
}

/// A check-in not answered within this many days of falling due is no longer asked about: an old
/// question would read as a reminder of something missed.
pub const CHECK_IN_STALE_DAYS: i64 = 3;

/// Entries whose check-in is due at `now`, newest first: asked for, due within the last
/// [`CHECK_IN_STALE_DAYS`], not set aside, and not yet answered by an entry that follows them.
pub fn due_check_ins<'e>(
    entries: impl Iterator<Item = &'e Entry> + Clone,
    done: &[String],
    now: DateTime<FixedOffset>,
) -> Vec<DueCheckIn> {
    let answered: BTreeSet<&str> = entries.clone().filter_map(|e| e.follows.as_deref()).collect();
    let mut due: Vec<DueCheckIn> = entries
        .filter_map(|e| {
            let c = e.check_in?;
            let at = c.due(e.created);
            let fresh = now - at < Duration::days(CHECK_IN_STALE_DAYS);
            (at <= now && fresh && !answered.contains(e.id.as_str()) && !done.contains(&e.id)).then(|| DueCheckIn {
                id: e.id.clone(),
                at: e.at,
                quadrant: e.quadrant,
                check_in: c,
                due: at,
                until: at + Duration::days(CHECK_IN_STALE_DAYS),
            })
        })
        .collect();
    due.sort_by_key(|d| std::cmp::Reverse(d.at));
    due
}
