//! The shipped word lists (CONTENT.md, section b): emotion words by quadrant, context chips,
//! aftercare items, body items with urgent flags, and the first-class labels. Every item has a
//! stable id that entries store, so wording can improve without touching a single entry.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::Quadrant;

/// An emotion word.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EmotionWord {
    /// Stable id.
    pub id: String,
    /// Shown text.
    pub label: String,
    /// Quadrant it belongs to.
    pub quadrant: Quadrant,
    /// Offered under every quadrant, not only its own ("hopeless" can come with any energy).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub everywhere: bool,
}

/// A chip in a named group (context, aftercare).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Chip {
    /// Stable id.
    pub id: String,
    /// Shown text.
    pub label: String,
    /// Group it is shown under.
    pub group: String,
}

/// A body item; `urgent` ones bring the medical card after saving.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BodyItem {
    /// Stable id.
    pub id: String,
    /// Shown text.
    pub label: String,
    /// Group it is shown under.
    pub group: String,
    /// True for items that need prompt medical attention.
    pub urgent: bool,
    /// No longer offered for new entries, but still read in entries that have it (its id and
    /// label stay, so what the person once chose reads as they chose it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

/// A label such as "post-sex blues".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Label {
    /// Stable id.
    pub id: String,
    /// Shown text.
    pub label: String,
}

/// Every shipped list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WordLists {
    /// Version of the content file.
    pub version: u32,
    /// Emotion words.
    pub emotions: Vec<EmotionWord>,
    /// Context chips (kind of intimacy, kink scene, circumstances).
    pub contexts: Vec<Chip>,
    /// Aftercare items.
    pub aftercare: Vec<Chip>,
    /// Body items.
    pub body: Vec<BodyItem>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Where each id sits in its list, made on first use: unlock and search look up every word
    /// of every entry.
    #[serde(skip)]
    ids: OnceLock<Ids>,
}

/// Each list's ids and their places in it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Ids {
    emotions: FxHashMap<String, usize>,
    contexts: FxHashMap<String, usize>,
    aftercare: FxHashMap<String, usize>,
    body: FxHashMap<String, usize>,
    labels: FxHashMap<String, usize>,
}

fn places<'a>(ids: impl Iterator<Item = &'a String>) -> FxHashMap<String, usize> {
    // The first of an id twice over wins, as a search of the list would find it.
    let mut m = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        m.entry(id.clone()).or_insert(i);
    }
    m
}

/// The lists compiled into this build.
pub fn shipped() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        serde_json::from_str(include_str!("../content/words.json")).expect("content/words.json is checked by tests")
    })
}

impl WordLists {
    fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| Ids {
            emotions: places(self.emotions.iter().map(|w| &w.id)),
            contexts: places(self.contexts.iter().map(|c| &c.id)),
            aftercare: places(self.aftercare.iter().map(|c| &c.id)),
            body: places(self.body.iter().map(|b| &b.id)),
            labels: places(self.labels.iter().map(|l| &l.id)),
        })
    }
    /// The emotion word with this id.
    pub fn emotion(&self, id: &str) -> Option<&EmotionWord> {
        self.ids().emotions.get(id).map(|&i| &self.emotions[i])
    }
    /// The emotion words offered when the point is in `q`: the quadrant's own, and those
    /// offered everywhere.
    pub fn offered_in(&self, q: Quadrant) -> impl Iterator<Item = &EmotionWord> {
        self.emotions.iter().filter(move |w| w.quadrant == q || w.everywhere)
    }
    /// The context chip with this id.
    pub fn context(&self, id: &str) -> Option<&Chip> {
        self.ids().contexts.get(id).map(|&i| &self.contexts[i])
    }
    /// True when `id` is a context chip.
    pub fn has_context(&self, id: &str) -> bool {
        self.context(id).is_some()
    }
    /// The aftercare item with this id.
    pub fn aftercare_item(&self, id: &str) -> Option<&Chip> {
        self.ids().aftercare.get(id).map(|&i| &self.aftercare[i])
    }
    /// True when `id` is an aftercare item.
    pub fn has_aftercare(&self, id: &str) -> bool {
        self.aftercare_item(id).is_some()
    }
    /// The body item with this id.
    pub fn body_item(&self, id: &str) -> Option<&BodyItem> {
        self.ids().body.get(id).map(|&i| &self.body[i])
    }
    /// The shipped label with this id.
    pub fn label(&self, id: &str) -> Option<&Label> {
        self.ids().labels.get(id).map(|&i| &self.labels[i])
    }
    /// True when `id` is a shipped label.
    pub fn has_label(&self, id: &str) -> bool {
        self.label(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_ids_are_unique_and_stable_looking() {
        let w = shipped();
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(w.emotions.iter().map(|x| x.id.as_str()));
        ids.extend(w.contexts.iter().map(|x| x.id.as_str()));
        ids.extend(w.aftercare.iter().map(|x| x.id.as_str()));
        ids.extend(w.body.iter().map(|x| x.id.as_str()));
        ids.extend(w.labels.iter().map(|x| x.id.as_str()));
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "duplicate ids");
        assert!(ids.iter().all(|i| i.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
        for q in [Quadrant::Bright, Quadrant::Calm, Quadrant::Tense, Quadrant::Heavy, Quadrant::Mixed] {
            assert!(w.emotions.iter().filter(|e| e.quadrant == q).count() >= 3, "{q:?}");
        }
        for l in ["post-sex-blues", "postcoital-dysphoria", "drop"] {
            assert!(w.has_label(l));
        }
        assert!(
            w.emotion("hopeless").is_some() && w.emotion("tearful").is_some() && w.emotion("not-sure-yet").is_some()
        );
        assert!(w.body.iter().filter(|b| b.urgent).count() >= 6);
        for k in ["solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom"] {
            assert!(w.has_context(k), "{k}");
        }
    }
}
