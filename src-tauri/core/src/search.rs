//! Search over decrypted entries, in memory only: no plaintext index ever reaches disk.
//! Matching ignores case and accents, so "cafe" finds "Café" and "TEARFUL" finds "tearful".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Entry, Vocabulary};
use crate::words::WordLists;

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
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Café CRÈME"), "cafe creme");
        assert_eq!(fold("Ångström"), "angstrom");
        assert!(matches(&fold("I felt so tender and naïve"), &terms("NAIVE tender")));
        assert!(!matches(&fold("I felt so tender"), &terms("tender lonely")));
    }
}
