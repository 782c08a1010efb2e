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
    /// Any of these contexts (context chip ids: the kind of intimacy, a kink role, what was
    /// around it).
    pub contexts: Vec<String>,
    /// Only entries where some aftercare was wanted and didn't come.
    pub unmet: bool,
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
            contexts: Vec::new(),
            unmet: false,
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

    /// True when `e` passes the mood, name, context, care and date filters (not the words, nor
    /// the feeling).
    pub fn keeps_apart_from_feeling(&self, e: &Entry) -> bool {
        let day = e.at.date_naive();
        (self.moods.is_empty() || e.quadrant.is_some_and(|q| self.moods.contains(&q)))
            && (self.labels.is_empty() || e.labels.iter().any(|l| self.labels.contains(l)))
            && (self.contexts.is_empty() || e.context.iter().any(|c| self.contexts.contains(c)))
            && (!self.unmet || e.aftercare_wanted.iter().any(|w| !e.aftercare_got.contains(w)))
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
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`. ASCII is lowercased as it is; only the runs of other
/// characters go through decomposition. That is the same as decomposing the whole: every ASCII
/// character is a starter that neither decomposes nor reorders with what follows it, so
/// decomposition never reaches across one.
pub fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        // An ASCII byte is always the start of a character, so this cut is on a boundary.
        let other = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        for c in rest[..other].nfd().filter(|c| !is_combining_mark(*c)) {
            out.extend(c.to_lowercase());
        }
        rest = &rest[other..];
    }
}

/// The parts of an entry words are found in, as the window names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// What was written.
    Text,
    /// Feeling words.
    Feelings,
    /// Names for it.
    Names,
    /// What it was (kind of intimacy, kink role, what was around it).
    Context,
    /// Aftercare got or wanted.
    Aftercare,
    /// In the body.
    Body,
    /// The partner's initials or nickname.
    Partner,
}

/// Each searchable part of an entry in words (unfolded), with the field it belongs to. Group
/// words count as their items: any aftercare item also reads "aftercare", and any kink role
/// also reads "kink", so a search for either finds every entry with one ("no kink scene" is
/// left out, so it isn't found by "kink").
fn parts<'a>(e: &'a Entry, words: &'a WordLists, own: &'a Vocabulary) -> Vec<(Field, &'a str)> {
    // Room for every part at once: the text, each word, the group words and the partner.
    let words_in = e.emotions.len() + e.labels.len() + 2 * e.context.len();
    let care = e.aftercare_got.len() + e.aftercare_wanted.len() + e.body.len();
    let mut out = Vec::with_capacity(words_in + care + 3);
    out.push((Field::Text, e.text.as_str()));
    for id in &e.emotions {
        let label = words.emotion(id).map(|w| w.label.as_str());
        out.push((
            Field::Feelings,
            label.or_else(|| own.emotions.iter().find(|w| &w.id == id).map(|w| w.label.as_str())).unwrap_or(id),
        ));
    }
    for id in &e.labels {
        let label = words.label(id).map(|l| l.label.as_str());
        out.push((
            Field::Names,
            label.or_else(|| own.labels.iter().find(|l| &l.id == id).map(|l| l.label.as_str())).unwrap_or(id),
        ));
    }
    for id in &e.context {
        // "No kink scene" says what wasn't: it isn't found by the word "kink".
        if id == "kink-none" {
            continue;
        }
        let chip = words.context(id);
        out.push((Field::Context, chip.map_or(id.as_str(), |c| c.label.as_str())));
        if chip.is_some_and(|c| c.group == "kink") {
            out.push((Field::Context, "kink"));
        }
    }
    for id in e.aftercare_got.iter().chain(&e.aftercare_wanted) {
        out.push((Field::Aftercare, words.aftercare_item(id).map_or(id.as_str(), |c| c.label.as_str())));
    }
    if !e.aftercare_got.is_empty() || !e.aftercare_wanted.is_empty() {
        out.push((Field::Aftercare, "aftercare"));
    }
    for id in &e.body {
        out.push((Field::Body, words.body_item(id).map_or(id.as_str(), |c| c.label.as_str())));
    }
    if let Some(p) = &e.partner {
        out.push((Field::Partner, p));
    }
    out
}

/// Everything searchable in an entry, folded: text, words, labels, context, body, aftercare,
/// partner, and the group words "aftercare" and "kink" where they apply.
pub fn haystack(e: &Entry, words: &WordLists, own: &Vocabulary) -> String {
    let parts = parts(e, words, own);
    let mut h = String::with_capacity(parts.iter().map(|(_, s)| s.len() + 1).sum());
    for (i, (_, s)) in parts.iter().enumerate() {
        if i > 0 {
            h.push('\n');
        }
        fold_into(s, &mut h);
    }
    h
}

/// The folded search text of each entry, in the order given, made on every core: the first
/// search after unlock waits for it.
pub fn haystacks(entries: &[&Entry], words: &WordLists, own: &Vocabulary) -> Vec<String> {
    // A thread that panics carries its panic on: the texts must line up with the entries.
    crate::cores::map_on_every_core(entries, 1024, |e| haystack(e, words, own))
}

/// Which parts of `e` hold any of the terms, in the window's order, once each: so a list of
/// found entries can say where the words were.
pub fn found_in(e: &Entry, words: &WordLists, own: &Vocabulary, terms: &[String]) -> Vec<Field> {
    let mut found: Vec<Field> = parts(e, words, own)
        .into_iter()
        .filter(|(_, s)| {
            let f = fold(s);
            terms.iter().any(|t| f.contains(t.as_str()))
        })
        .map(|(field, _)| field)
        .collect();
    found.sort();
    found.dedup();
    found
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
    use proptest::prelude::*;

    /// Folding as it was first written: the whole string decomposed at once.
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
            out.extend(c.to_lowercase());
        }
        out
    }

    proptest! {
        #[test]
        fn folding_by_runs_is_folding_the_whole(s in "(\\PC|[A-Za-z \u{300}-\u{36f}\u{1e00}-\u{1eff}])*") {
            prop_assert_eq!(fold(&s), fold_reference(&s));
        }
    }

    #[test]
    fn folding_by_runs_keeps_marks_after_ascii_and_hangul_apart() {
        for s in ["Cafe\u{301}", "CAFÉ", "ǅungla", "İstanbul", "한국어 Ko", "A\u{328}\u{301}b", "ﬁ ẞ Ω"] {
            assert_eq!(fold(s), fold_reference(s), "{s:?}");
        }
    }

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

    /// "aftercare" and "kink" find entries with any item of the group; a context filter and the
    /// care that didn't come narrow the list; and a found entry says where its words were.
    #[test]
    fn group_words_contexts_care_that_didnt_come_and_where_words_were_found() {
        use crate::model::{EntryInput, EntryPayload};
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T22:00:00+01:00").unwrap();
        let words = crate::words::shipped();
        let own = Vocabulary::default();
        let make = |f: &dyn Fn(&mut EntryInput)| {
            let mut i = EntryInput::with_mood(-0.3, -0.3);
            f(&mut i);
            Entry::from_payload("e".into(), EntryPayload { at, created: at, updated: at, input: i }, words, &own)
        };
        let bottom = make(&|i| {
            i.context = vec!["kink-bottom".into()];
            i.aftercare_wanted = vec!["cuddling".into()];
            i.text = "It was lovely, then I felt far away".into();
        });
        let plain = make(&|i| i.context = vec!["kink-none".into(), "solo".into()]);
        let held = make(&|i| {
            i.aftercare_got = vec!["cuddling".into()];
            i.aftercare_wanted = vec!["cuddling".into()];
        });
        let hay = |e: &Entry| haystack(e, words, &own);
        assert!(matches(&hay(&bottom), &terms("kink")) && matches(&hay(&bottom), &terms("Aftercare")));
        assert!(!matches(&hay(&plain), &terms("aftercare")));
        assert!(!matches(&hay(&plain), &terms("kink")), "no kink scene isn't found by kink");
        assert!(matches(&hay(&held), &terms("aftercare")));
        let solo = Query { contexts: vec!["solo".into(), "kink-top".into()], ..Query::default() };
        assert!(solo.keeps_apart_from_feeling(&plain) && !solo.keeps_apart_from_feeling(&bottom));
        let unmet = Query { unmet: true, ..Query::default() };
        assert!(unmet.keeps_apart_from_feeling(&bottom) && !unmet.keeps_apart_from_feeling(&held));
        assert!(!unmet.keeps_apart_from_feeling(&plain));
        assert_eq!(found_in(&bottom, words, &own, &terms("far")), [Field::Text]);
        assert_eq!(found_in(&bottom, words, &own, &terms("held far")), [Field::Text, Field::Aftercare]);
        assert_eq!(found_in(&bottom, words, &own, &terms("kink")), [Field::Context]);
        let q: Query = serde_json::from_value(serde_json::json!({"contexts": ["solo"], "unmet": true})).unwrap();
        assert_eq!((q.contexts.len(), q.unmet), (1, true));
    }
}
