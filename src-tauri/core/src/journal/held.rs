//! The opened entries as held while unlocked: side by side in one list, with their record ids
//! hashed to their places, so unlock moves each entry once and keeps no second copy of any id
//! as a key, and a lookup by id hashes 16 bytes.

use rustc_hash::FxHashMap as HashMap;
use zeroize::Zeroize;

use crate::model::Entry;

/// Every opened entry, found by id.
#[derive(Default)]
pub(crate) struct Entries {
    /// Each entry in a box of its own, made once when it is opened: unlock puts its place
    /// here, and never copies the entry again.
    #[allow(clippy::vec_box)] // Moving a boxed entry moves a pointer; see above.
    items: Vec<Box<Entry>>,
    /// The record id of each entry in `items`, at the same place.
    ids: Vec<[u8; 16]>,
    places: HashMap<[u8; 16], usize>,
}

/// The record id an entry id names, read only from the one spelling Tend writes (lower-case,
/// hyphenated): any other spelling names no entry, as it never has.
pub(super) fn record_id(id: &str) -> Option<[u8; 16]> {
    if id.len() != 36 || id.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    uuid::Uuid::parse_str(id).ok().map(|u| *u.as_bytes())
}

impl Entries {
    /// Room for `n` entries.
    pub fn with_capacity(n: usize) -> Entries {
        Entries {
            items: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
            places: HashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Room for `n` more.
    pub fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
        self.ids.reserve(n);
        self.places.reserve(n);
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.places.get(&record_id(id)?).map(|&at| &*self.items[at])
    }

    /// The entry stored under this record id.
    pub fn by_record(&self, id: &[u8; 16]) -> Option<&Entry> {
        self.places.get(id).map(|&at| &*self.items[at])
    }

    /// The entry stored under this record id, to change in place.
    pub fn by_record_mut(&mut self, id: &[u8; 16]) -> Option<&mut Entry> {
        self.places.get(id).map(|&at| &mut *self.items[at])
    }

    /// Every record id, the newest entry's first (see [`super::session::sort_key`]).
    pub fn newest_first(&self) -> Vec<[u8; 16]> {
        // The keys side by side in one list, so sorting never reaches back into the entries.
        super::session::newest_first(
            self.values().zip(&self.ids).map(|(e, id)| super::session::sort_key(e, *id)).collect(),
        )
    }

    /// Whether an entry has this id.
    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Puts `entry`, stored under record id `id`, in; an entry it replaces is wiped.
    pub fn insert(&mut self, id: [u8; 16], entry: impl Into<Box<Entry>>) {
        let entry = entry.into();
        match self.places.get(&id) {
            Some(&at) => {
                let mut old = std::mem::replace(&mut self.items[at], entry);
                old.zeroize();
            }
            None => {
                self.places.insert(id, self.items.len());
                self.items.push(entry);
                self.ids.push(id);
            }
        }
    }

    /// Takes the entry with this id out, in its box, for the caller to wipe.
    pub fn remove(&mut self, id: &str) -> Option<Box<Entry>> {
        let at = self.places.remove(&record_id(id)?)?;
        self.ids.swap_remove(at);
        let entry = self.items.swap_remove(at);
        // The last entry now fills the place taken out.
        if let Some(moved) = self.ids.get(at) {
            self.places.insert(*moved, at);
        }
        Some(entry)
    }

    /// Every entry, in no particular order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Entry> + Clone {
        self.items.iter().map(|e| &**e)
    }

    /// Every entry, to wipe.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut Entry> {
        self.items.iter_mut().map(|e| &mut **e)
    }
}

/// Whatever way the entries are let go (a lock, an unlock that fails or panics part way), each
/// is wiped first.
impl Drop for Entries {
    fn drop(&mut self) {
        self.values_mut().for_each(Zeroize::zeroize);
    }
}

impl std::ops::Index<&str> for Entries {
    type Output = Entry;

    /// The entry with this id; only for an id known to be here.
    fn index(&self, id: &str) -> &Entry {
        self.get(id).expect("an entry held")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryInput, EntryPayload};
    use chrono::{FixedOffset, TimeZone};

    fn entry(n: u8) -> ([u8; 16], Entry) {
        let id = [n; 16];
        let t = FixedOffset::east_opt(0).unwrap().timestamp_opt(i64::from(n) * 1000, 0).unwrap();
        let mut input = EntryInput::without_mood();
        input.text = format!("entry {n}");
        let p = EntryPayload { at: t, created: t, updated: t, input };
        let words = crate::words::shipped();
        (id, Entry::from_payload(super::super::id_string(&id), p, words, &Default::default()))
    }

    #[test]
    fn entries_are_found_by_their_id_after_any_removal() {
        let mut held = Entries::with_capacity(4);
        for n in 1..=5 {
            let (id, e) = entry(n);
            held.insert(id, e);
        }
        let name = |n: u8| super::super::id_string(&[n; 16]);
        assert_eq!(held.len(), 5);
        // Taking out the first moves the last into its place: both still found.
        assert_eq!(held.remove(&name(1)).unwrap().text, "entry 1");
        assert_eq!(held.remove(&name(1)).map(|e| e.text), None);
        for n in 2..=5 {
            assert_eq!(held.get(&name(n)).unwrap().text, format!("entry {n}"));
        }
        assert_eq!(held.remove(&name(5)).unwrap().text, "entry 5", "the last, taken out");
        assert_eq!(held[name(3).as_str()].text, "entry 3");
        let mut texts: Vec<_> = held.values().map(|e| e.text.clone()).collect();
        texts.sort();
        assert_eq!(texts, ["entry 2", "entry 3", "entry 4"]);
    }

    #[test]
    fn an_entry_saved_again_replaces_the_one_held() {
        let mut held = Entries::default();
        let (id, mut e) = entry(7);
        held.insert(id, e.clone());
        e.text = "edited".into();
        held.insert(id, e);
        assert_eq!(held.len(), 1);
        assert_eq!(held.values().next().unwrap().text, "edited");
    }

    proptest::proptest! {
        /// The journal's order breaks ties by record id: its bytes sort as the id's text does,
        /// as the order did when it was kept by text.
        #[test]
        fn record_ids_sort_as_their_text(a in proptest::prelude::any::<[u8; 16]>(), b in proptest::prelude::any::<[u8; 16]>()) {
            let (ta, tb) = (super::super::id_string(&a), super::super::id_string(&b));
            proptest::prop_assert_eq!(a.cmp(&b), ta.cmp(&tb));
            proptest::prop_assert_eq!(record_id(&ta), Some(a));
        }
    }

    #[test]
    fn only_the_spelling_tend_writes_names_an_entry() {
        let mut held = Entries::default();
        let (id, e) = entry(0xab);
        let name = e.id.clone();
        held.insert(id, e);
        assert!(held.contains_key(&name));
        assert!(!held.contains_key(&name.to_uppercase()));
        assert!(!held.contains_key(&name.replace('-', "")));
        assert!(!held.contains_key(&format!("{{{name}}}")));
        assert!(!held.contains_key("not an id"));
    }
}
