//! Entries and what describes them: add, edit, delete, read, search and filter, insights, the
//! person's own words, and settings. Each change is durable before it returns.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use zeroize::Zeroize;

use super::{id_string, parse_id, Journal, Page};
use crate::error::{Error, Result, ValidationError};
use crate::insights::{self, Facts, Insights};
use crate::model::{
    Entry, EntryInput, EntryPayload, OwnLabel, OwnWord, Quadrant, Settings, Timing, Vocabulary, MAX_SHORT_CHARS,
};
use crate::search::{self, Query};
use crate::vault;
use crate::words::shipped;

impl Journal {
    /// Adds an entry; returns it once it is durably stored. An entry that follows one whose
    /// check-in is due answers every check-in due at `now` (see [`Journal::due_check_ins`]).
    pub fn add(&self, mut input: EntryInput, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.with_session(|s| {
            s.validate(&mut input)?;
            moment_before(&mut input, now, now)?;
            let id = *uuid::Uuid::new_v4().as_bytes();
            let at = input.at.take().unwrap_or(now);
            let payload = EntryPayload { at, created: now, updated: now, input };
            s.save_follow_up(id, payload, now)
        })
    }

    /// Adds many entries in one transaction (imports, demo journals); all or none are saved.
    pub fn add_many(&self, inputs: Vec<EntryInput>, now: DateTime<FixedOffset>) -> Result<Vec<Entry>> {
        self.with_session(|s| {
            let mut rows = Vec::with_capacity(inputs.len());
            let mut payloads = Vec::with_capacity(inputs.len());
            for mut input in inputs {
                s.validate(&mut input)?;
                let id = *uuid::Uuid::new_v4().as_bytes();
                let at = input.at.take().unwrap_or(now);
                let payload = EntryPayload { at, created: now, updated: now, input };
                rows.push(s.seal_entry(id, &payload)?);
                payloads.push((id, payload));
            }
            s.put_rows(&rows)?;
            let ids: Vec<String> = payloads.iter().map(|(id, _)| id_string(id)).collect();
            s.remember_many(payloads);
            Ok(ids.iter().filter_map(|id| s.entries.get(id).cloned()).collect())
        })
    }

    /// Replaces an entry's content; returns it once it is durably stored.
    pub fn update(&self, id: &str, mut input: EntryInput, now: DateTime<FixedOffset>) -> Result<Entry> {
        self.with_session(|s| {
            let existing = s.entries.get(id.trim()).ok_or(Error::NotFound)?;
            let (created, was_at) = (existing.created, existing.at);
            if input.follows.as_deref() == Some(id.trim()) {
                return Err(ValidationError::new("follows", "an entry can't follow itself").into());
            }
            s.validate(&mut input)?;
            // A moment moved in time (by a minute or more) says anew how long after it was
            // noted; one left as it was keeps what it said.
            if input.at.is_some_and(|a| (a - was_at).num_seconds().abs() >= 60) {
                moment_before(&mut input, created, now)?;
            }
            let at = input.at.take().unwrap_or(was_at);
            s.save_entry(parse_id(id)?, EntryPayload { at, created, updated: now, input })
        })
    }

    /// Deletes an entry; returns once the deletion is durable.
    pub fn delete(&self, id: &str) -> Result<()> {
        self.with_session(|s| {
            let key = id.trim();
            if !s.entries.contains_key(key) {
                return Err(Error::NotFound);
            }
            let rid = parse_id(key)?;
            s.commit(&[], &[rid])?;
            // Unsaved changes to it, kept at a lock, go with it.
            let _ = super::drafts::forget_drafts_of(s, key);
            // The old pages still sit in the write-ahead log: fold it into the file (whose freed
            // pages are zeroed) and empty it now, not only at lock. At worst, lock does it.
            let _ = s.store.checkpoint();
            if let Some(mut e) = s.entries.remove(key) {
                e.zeroize();
            }
            s.forget_place(key);
            Ok(())
        })
    }

    /// One entry.
    pub fn get(&self, id: &str) -> Result<Entry> {
        self.with_session(|s| s.entries.get(id.trim()).cloned().ok_or(Error::NotFound))
    }

    /// Entries newest first, `limit` from `offset`.
    pub fn list(&self, offset: usize, limit: usize) -> Result<Page> {
        self.search(&Query::default().page(offset, limit))
    }

    /// Calls `f` with every entry, newest first (for insights and export).
    pub fn with_entries<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Entry>) -> T) -> Result<T> {
        self.with_session(|s| {
            let mut it = s.order.iter().filter_map(|id| s.entries.by_record(id));
            Ok(f(&mut it))
        })
    }

    /// Entries that match the query over the whole journal (every word of its text, case- and
    /// accent-insensitive, over text, words, labels, context, body, aftercare and partner; and
    /// every filter set), newest first, one page of them.
    pub fn search(&self, query: &Query) -> Result<Page> {
        query.check()?;
        self.with_session(|s| {
            let terms = search::terms(&query.text);
            if !terms.is_empty() && s.folded.is_none() {
                let in_order: Vec<&Entry> = s.order.iter().filter_map(|id| s.entries.by_record(id)).collect();
                // Every id in the order has its entry; were one missing, the texts wouldn't line
                // up, so none are kept and each search below finds nothing by words.
                if in_order.len() == s.order.len() {
                    s.folded = Some(search::haystacks(&in_order, shipped(), &s.vocab.value));
                }
            }
            let folded = s.folded.as_deref();
            let mut feelings = BTreeSet::new();
            let mut total = 0;
            let mut items = Vec::new();
            for (i, id) in s.order.iter().enumerate() {
                // The words first: the folded texts are read straight through, and only an entry
                // whose words match is looked up.
                if !terms.is_empty() && !folded.and_then(|f| f.get(i)).is_some_and(|h| search::matches(h, &terms)) {
                    continue;
                }
                let Some(e) = s.entries.by_record(id) else { continue };
                if !query.keeps_apart_from_feeling(e) {
                    continue;
                }
                feelings.extend(e.emotions.iter().map(String::as_str));
                if !query.has_feeling(e) {
                    continue;
                }
                if total >= query.offset && items.len() < query.limit {
                    items.push(e.clone());
                }
                total += 1;
            }
            let found_in = if terms.is_empty() {
                Vec::new()
            } else {
                items.iter().map(|e| search::found_in(e, shipped(), &s.vocab.value, &terms)).collect()
            };
            Ok(Page { items, total, feelings: feelings.into_iter().map(str::to_owned).collect(), found_in })
        })
    }

    /// Every insight for the period (see [`crate::insights`]).
    pub fn insights(&self, query: &insights::Query) -> Result<Insights> {
        query.check()?;
        self.with_session(|s| {
            if s.facts.is_none() {
                let entries = s.order.iter().filter_map(|id| s.entries.by_record(id));
                s.facts = Some(Facts::build(entries));
            }
            let facts = s.facts.as_ref().ok_or(Error::Locked)?;
            Ok(insights::compute_facts(facts, query))
        })
    }

    /// Settings.
    pub fn settings(&self) -> Result<Settings> {
        self.with_session(|s| Ok(s.settings.value.clone()))
    }

    /// Saves settings.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        settings.validate()?;
        self.with_session(|s| {
            s.save_settings(settings.clone())?;
            Ok(settings)
        })
    }

    /// The person's own words and labels.
    pub fn vocabulary(&self) -> Result<Vocabulary> {
        self.with_session(|s| Ok(s.vocab.value.clone()))
    }

    /// Adds an emotion word of the person's own (or returns the one with that name).
    pub fn add_own_emotion(&self, label: &str, quadrant: Quadrant) -> Result<OwnWord> {
        let label = check_own_label("emotion", label)?;
        self.with_session(|s| {
            let folded = search::fold(&label);
            if let Some(w) = s.vocab.value.emotions.iter().find(|w| search::fold(&w.label) == folded) {
                return Ok(w.clone());
            }
            let word = OwnWord { id: own_id(), label, quadrant };
            let mut v = s.vocab.value.clone();
            v.emotions.push(word.clone());
            s.save_vocab(v)?;
            Ok(word)
        })
    }

    /// Adds a label of the person's own (or returns the one with that name).
    pub fn add_own_label(&self, label: &str) -> Result<OwnLabel> {
        let label = check_own_label("label", label)?;
        self.with_session(|s| {
            let folded = search::fold(&label);
            if let Some(l) = s.vocab.value.labels.iter().find(|l| search::fold(&l.label) == folded) {
                return Ok(l.clone());
            }
            let own = OwnLabel { id: own_id(), label };
            let mut v = s.vocab.value.clone();
            v.labels.push(own.clone());
            s.save_vocab(v)?;
            Ok(own)
        })
    }
}

fn check_own_label(field: &str, label: &str) -> Result<String> {
    let t = label.trim();
    if t.is_empty() || t.chars().count() > MAX_SHORT_CHARS {
        return Err(ValidationError::new(field, "use 1 to 60 characters").into());
    }
    Ok(t.to_owned())
}

fn own_id() -> String {
    format!("own-{}", &hex::encode(vault::new_vault_id())[..12])
}

/// Checks a moment the person placed in time (`at`): it can't be still to come at `now` (a
/// few minutes' clock difference aside), and unless they said how long after it was, the
/// moment and when it was first `noted` say it.
fn moment_before(input: &mut EntryInput, noted: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> Result<()> {
    let Some(at) = input.at else { return Ok(()) };
    if at > now + chrono::Duration::minutes(5) {
        return Err(
            ValidationError::new("at", "that time hasn't come yet: choose a moment that has already happened").into()
        );
    }
    if input.timing.is_none() {
        input.timing = Some(Timing::between(at, noted));
    }
    Ok(())
}
