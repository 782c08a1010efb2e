//! Care verbs: what Tend offers after an entry, answers to prompts, the safety plan, aftercare
//! needs, saved support numbers and check-ins. The rules live in [`crate::care`]; this room
//! keeps their records encrypted and saved.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use super::{numbers as numbers_file, parse_id, Journal};
use crate::care::{self, CareState, DueCheckIn, Offer, SupportInfo, SupportNumbers};
use crate::error::{Error, Result, ValidationError};
use crate::model::{Entry, EntryPayload};
use crate::words::shipped;

impl Journal {
    /// What Tend offers for this entry at `now` (a prompt, up to three coping ideas, at most one
    /// card). Changes nothing.
    pub fn care(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        self.with_session(|s| s.offer(id, now))
    }

    /// As [`Journal::care`], right after a save: when the offer holds the "consider talking to
    /// someone" card, remembers that it was shown `now`, so it rests for the next 14 days. The
    /// offer comes whether or not that memory could be saved: a person is never left without it
    /// (at worst, the card may come again sooner).
    pub fn care_after_save(&self, id: &str, now: DateTime<FixedOffset>) -> Result<Offer<'static>> {
        self.with_session(|s| {
            let offer = s.offer(id, now)?;
            let shown_pattern = offer.card.is_some_and(|c| c.id == care::CardId::TalkToSomeone);
            let already = s.care.value.memory.pattern_last.as_ref().is_some_and(|p| p.entry == offer.entry_id);
            if shown_pattern && !already {
                let mut record = s.care.value.clone();
                record.memory.pattern_last = Some(care::PatternShown { entry: offer.entry_id.clone(), at: now });
                // The entry is saved already; only the card's rest would be lost.
                let _ = s.save_care(record);
            }
            Ok(offer)
        })
    }

    /// Saves an answer to a prompt into the entry: it becomes the text, or a new paragraph after it.
    pub fn answer_prompt(&self, id: &str, prompt: &str, answer: &str, now: DateTime<FixedOffset>) -> Result<Entry> {
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(ValidationError::new("answer", "write something first, or simply skip the prompt").into());
        }
        self.with_session(|s| {
            let existing = s.entries.get(id.trim()).ok_or(Error::NotFound)?;
            let (at, created) = (existing.at, existing.created);
            let mut input = existing.to_input();
            input.at = None;
            input.text =
                if input.text.trim().is_empty() { answer.to_owned() } else { format!("{}\n\n{answer}", input.text) };
            input.prompt = Some(prompt.to_owned());
            s.validate(&mut input)?;
            s.save_entry(parse_id(id)?, EntryPayload { at, created, updated: now, input })
        })
    }

    /// The safety plan, aftercare needs, saved numbers and the pattern-card switch.
    pub fn care_state(&self) -> Result<CareState> {
        self.with_session(|s| Ok(CareState::from(&s.care.value)))
    }

    /// The whole care record, as the export document carries it: what [`Journal::care_state`]
    /// shows, and which check-ins were set aside and what the support card remembers.
    pub fn care_record(&self) -> Result<care::CareRecord> {
        self.with_session(|s| Ok(s.care.value.clone()))
    }

    /// Saves the safety plan.
    pub fn save_safety_plan(&self, plan: care::SafetyPlan) -> Result<care::SafetyPlan> {
        plan.validate()?;
        self.with_session(|s| {
            let mut record = s.care.value.clone();
            record.safety_plan = plan.clone();
            s.save_care(record)?;
            Ok(plan)
        })
    }

    /// Saves "my aftercare needs".
    pub fn save_aftercare_needs(&self, mut needs: care::AftercareNeeds) -> Result<care::AftercareNeeds> {
        needs.validate(shipped())?;
        self.with_session(|s| {
            let mut record = s.care.value.clone();
            record.aftercare_needs = needs.clone();
            s.save_care(record)?;
            Ok(needs)
        })
    }

    /// Turns the "consider talking to someone" card on or off.
    pub fn set_pattern_cards(&self, on: bool) -> Result<CareState> {
        self.with_session(|s| {
            let mut record = s.care.value.clone();
            record.memory.pattern_cards = on;
            s.save_care(record)?;
            Ok(CareState::from(&s.care.value))
        })
    }

    /// Saves the support numbers in the encrypted journal. With `outside` (only when the person
    /// agreed) they are also kept in a small file outside the encryption, so the support panel
    /// can show them before unlocking; without it, that file is removed. Kept outside, they are
    /// held to [`SupportNumbers::check_outside`] before anything is saved.
    pub fn save_support_numbers(&self, mut numbers: SupportNumbers, outside: bool) -> Result<SupportInfo> {
        numbers.validate()?;
        // Checked here as well as by the file's writer, so a refusal leaves the journal unchanged too.
        if outside {
            numbers.check_outside()?;
        }
        let path = self.dir.join(numbers_file::NUMBERS_FILE);
        // The file follows the choice inside the same lock, so two saves can't leave it behind.
        self.with_session(|s| {
            let mut record = s.care.value.clone();
            record.numbers = numbers.clone();
            record.numbers_outside = outside;
            s.save_care(record)?;
            if outside && !numbers.is_empty() {
                numbers_file::write(&path, &numbers)
            } else {
                numbers_file::remove(&path)
            }
        })?;
        Ok(SupportInfo { numbers: Some(numbers), outside, locked: false, outside_differs: false })
    }

    /// The saved numbers: from the journal while unlocked, else from the file kept outside the
    /// encryption (only there when the person agreed). Works while locked.
    pub fn support_numbers(&self) -> Result<SupportInfo> {
        if let Some(s) = self.lock_state().as_ref() {
            let r = &s.care.value;
            let outside_differs = r.numbers_outside
                && numbers_file::read(&self.dir.join(numbers_file::NUMBERS_FILE))
                    .map_or(true, |kept| kept.as_ref() != Some(&r.numbers));
            return Ok(SupportInfo {
                numbers: Some(r.numbers.clone()),
                outside: r.numbers_outside,
                locked: false,
                outside_differs,
            });
        }
        let numbers = numbers_file::read(&self.dir.join(numbers_file::NUMBERS_FILE))?;
        Ok(SupportInfo { outside: numbers.is_some(), numbers, locked: true, outside_differs: false })
    }

    /// Entries whose "check in with me later" is due at `now`, newest first.
    pub fn due_check_ins(&self, now: DateTime<FixedOffset>) -> Result<Vec<DueCheckIn>> {
        self.with_session(|s| Ok(care::due_check_ins(s.entries.values(), &s.care.value.check_ins_done, now)))
    }

    /// Stops asking about these entries' check-ins, in one save: one "how are you now?" or one
    /// "No, thanks" covers every check-in that was due. An entry deleted meanwhile is passed
    /// over; if none of them is in the journal, [`Error::NotFound`].
    pub fn dismiss_check_ins<S: AsRef<str>>(&self, ids: &[S]) -> Result<()> {
        self.with_session(|s| {
            let known: BTreeSet<&str> =
                ids.iter().map(|i| i.as_ref().trim()).filter(|i| s.entries.contains_key(i)).collect();
            if known.is_empty() {
                return Err(Error::NotFound);
            }
            let done = &s.care.value.check_ins_done;
            let new: Vec<String> =
                known.into_iter().filter(|i| !done.iter().any(|d| d == i)).map(str::to_owned).collect();
            if new.is_empty() {
                return Ok(());
            }
            let mut record = s.care.value.clone();
            record.check_ins_done.extend(new);
            s.save_care(record)
        })
    }
}
