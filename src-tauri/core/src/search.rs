//! Search and filters over decrypted entries, in memory only: no plaintext index ever reaches
//! disk. Matching ignores case and accents, so "cafe" finds "Café" and "TEARFUL" finds
//! "tearful". Every filter runs here, over the whole journal, never over one loaded page.

use chrono::NaiveDate;
use serde::Deserialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Entry, Quadrant, Vocabulary};
use crate::words::WordLists;

/// What the journal list asks for: words to find, filters and a page. Empty fields don't filter;
/// an entry shows when it matches every field that is set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Query {
    /// Words that must all appear (case- and accent-insensitive) in the text, words, labels,
    /// context, body, aftercare or partner.
    pub text: String,
    /// Any of these moods (an entry with no mood recorded matches none of them).
    pub moods: Vec<Quadrant>,
    /// Any of these names for it (label ids, shipped or own).
    pub labels: Vec<String>,
    /// This feeling word (emotion id, shipped or own).
    pub feeling: Option<String>,
    /// On or after this day (the entry's own calendar day).
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// Entries to skip, newest first.
    pub offset: usize,
    /// Most entries to return.
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            moods: Vec::new(),
            labels: Vec::new(),
            feeling: None,
            from: None,
            to: None,
            offset: 0,
            limit: usize::MAX,
        }
    }
}

impl Query {
    /// Every entry containing all the words of `text`.
    pub fn text(text: &str) -> Query {
        Query { text: text.to_owned(), ..Query::default() }
    }

    /// The same query, `limit` entries from `offset`.
    pub fn page(mut self, offset: usize, limit: usize) -> Query {
        self.offset = offset;
        self.limit = limit;
        self
    }

    /// Checks the days asked for lie within the years Tend accepts.
    pub fn check(&self) -> Result<(), crate::error::ValidationError> {
        self.from.map_or(Ok(()), |d| crate::model::check_day("from", d))?;
        self.to.map_or(Ok(()), |d| crate::model::check_day("to", d))
    }

    /// True when `e` passes the mood, name and date filters (not the words, nor the feeling).
    pub fn keeps_apart_from_feeling(&self, e: &Entry) -> bool {
        let day = e.at.date_naive();
        (self.moods.is_empty() || e.quadrant.is_some_and(|q| self.moods.contains(&q)))
            && (self.labels.is_empty() || e.labels.iter().any(|l| self.labels.contains(l)))
            && self.from.is_none_or(|f| day >= f)
            && self.to.is_none_or(|t| day <= t)
    }

    /// True when `e` has the feeling asked for, or none was asked for.
    pub fn has_feeling(&self, e: &Entry) -> bool {
        self.feeling.as_ref().is_none_or(|f| e.emotions.contains(f))
    }
}

/// Case- and accent-folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        out.extend(c.to_lowercase());
    }
    out
}

/// Everything searchable in an entry, folded: text, words, labels, context, body, aftercare, partner.
pub fn haystack(e: &Entry, words: &WordLists, own: &Vocabulary) -> String {
    let mut h = String::with_capacity(e.text.len() + 64);
    h.push_str(&e.text);
    let mut push = |s: &str| {
        h.push('\n');
        h.push_str(s);
    };
    for id in &e.emotions {
        let label = words.emotion(id).map(|w| w.label.as_str());
        push(label.or_else(|| own.emotions.iter().find(|w| &w.id == id).map(|w| w.label.as_str())).unwrap_or(id));
    }
    for id in &e.labels {
        let label = words.labels.iter().find(|l| &l.id == id).map(|l| l.label.as_str());
        push(label.or_else(|| own.labels.iter().find(|l| &l.id == id).map(|l| l.label.as_str())).unwrap_or(id));
    }
    for id in &e.context {
        push(words.contexts.iter().find(|c| &c.id == id).map_or(id.as_str(), |c| c.label.as_str()));
    }
    for id in e.aftercare_got.iter().chain(&e.aftercare_wanted) {
        push(words.aftercare.iter().find(|c| &c.id == id).map_or(id.as_str(), |c| c.label.as_str()));
    }
    for id in &e.body {
        push(words.body_item(id).map_or(id.as_str(), |c| c.label.as_str()));
    }
    if let Some(p) = &e.partner {
        push(p);
    }
    fold(&h)
}

/// The folded words of a query; an entry matches when its haystack contains every one.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

/// True when `hay` contains every term.
pub fn matches(hay: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| hay.contains(t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_reads_the_window_shape_and_refuses_unknown_fields() {
        let q: Query = serde_json::from_value(serde_json::json!({
            "text": "warm", "moods": ["heavy", "tense"], "labels": ["drop"], "feeling": "tearful",
            "from": "2026-01-02", "to": "2026-02-03", "offset": 5, "limit": 10
        }))
        .unwrap();
        assert_eq!(q.moods, [Quadrant::Heavy, Quadrant::Tense]);
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2026, 1, 2));
        assert_eq!((q.offset, q.limit), (5, 10));
        let empty: Query = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(empty, Query::default());
        assert!(serde_json::from_value::<Query>(serde_json::json!({"mood": "heavy"})).is_err());
    }

    #[test]
    fn a_mood_filter_never_matches_an_entry_with_no_mood() {
        use crate::model::{EntryInput, EntryPayload};
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00").unwrap();
        let make = |input: EntryInput| {
            let p = EntryPayload { at, created: at, updated: at, input };
            Entry::from_payload("e".into(), p, crate::words::shipped(), &Vocabulary::default())
        };
        let mut none = EntryInput::without_mood();
        none.text = "An imported evening".into();
        let none = make(none);
        let heavy = make(EntryInput::with_mood(-0.5, -0.5));
        for moods in [vec![Quadrant::Mixed], Quadrant::ALL.to_vec()] {
            let q = Query { moods, ..Query::default() };
            assert!(!q.keeps_apart_from_feeling(&none), "{:?}", q.moods);
            assert!(q.keeps_apart_from_feeling(&heavy) == q.moods.contains(&Quadrant::Heavy));
        }
        // With no mood filter it is kept, and its words are found as any entry's are.
        assert!(Query::default().keeps_apart_from_feeling(&none));
        let hay = haystack(&none, crate::words::shipped(), &Vocabulary::default());
        assert!(matches(&hay, &terms("imported EVENING")));
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Café CRÈME"), "cafe creme");
        assert_eq!(fold("Ångström"), "angstrom");
        assert!(matches(&fold("I felt so tender and naïve"), &terms("NAIVE tender")));
        assert!(!matches(&fold("I felt so tender"), &terms("tender lonely")));
    }
}
