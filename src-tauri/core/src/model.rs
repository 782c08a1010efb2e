//! The entry model (DESIGN.md section 5): one moment, with everything optional but the mood
//! point, which only an imported entry may lack ("no mood recorded", never a made-up point).
//! Input is validated here, field by field, with errors that name the field.
//!
//! An entry without a mood is written with `"mood": null` (and, once read, `"quadrant": null`);
//! a missing `mood` reads the same way, and every payload saved before moods could be absent
//! has one, so it reads as it always did.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::ValidationError;
use crate::words::WordLists;

/// Longest free text accepted, in characters (about 60 printed pages).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most items in one list field.
pub const MAX_LIST_ITEMS: usize = 40;
/// Longest partner nickname or own word.
pub const MAX_SHORT_CHARS: usize = 60;
/// The years Tend accepts for any date: far beyond any real entry, and far inside what date
/// arithmetic can hold, so no date a person or a page sends can overflow a calculation.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Checks that a day lies within [`YEARS`]; the error names the field.
pub fn check_day(field: &str, day: NaiveDate) -> Result<(), ValidationError> {
    if YEARS.contains(&day.year()) {
        Ok(())
    } else {
        Err(ValidationError::new(field, "use a date between the years 1900 and 2200"))
    }
}

/// Distance from the centre under which a mood counts as Mixed.
pub const MIXED_RADIUS: f64 = 0.2;

/// A point on the pleasantness x energy grid, each in [-1, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    /// Unpleasant (-1) to pleasant (1).
    pub pleasantness: f64,
    /// Low energy (-1) to high energy (1).
    pub energy: f64,
}

/// Neutral names for the four quadrants, plus Mixed near the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Quadrant {
    /// Pleasant, higher energy.
    Bright,
    /// Pleasant, lower energy.
    Calm,
    /// Unpleasant, higher energy.
    Tense,
    /// Unpleasant, lower energy.
    Heavy,
    /// Near the centre, or feelings on both sides.
    Mixed,
}

impl Quadrant {
    /// All five, in display order.
    pub const ALL: [Quadrant; 5] =
        [Quadrant::Bright, Quadrant::Calm, Quadrant::Tense, Quadrant::Heavy, Quadrant::Mixed];

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::Bright => "bright",
            Quadrant::Calm => "calm",
            Quadrant::Tense => "tense",
            Quadrant::Heavy => "heavy",
            Quadrant::Mixed => "mixed",
        }
    }

    /// From its lower-case name.
    pub fn parse(s: &str) -> Option<Quadrant> {
        Quadrant::ALL.into_iter().find(|q| q.as_str() == s.to_ascii_lowercase())
    }

    /// From its name, or a validation error naming the field.
    pub fn parse_field(s: &str) -> Result<Quadrant, ValidationError> {
        Quadrant::parse(s).ok_or_else(|| ValidationError::new("quadrant", "one of bright, calm, tense, heavy, mixed"))
    }

    fn pleasant_side(self) -> Option<bool> {
        match self {
            Quadrant::Bright | Quadrant::Calm => Some(true),
            Quadrant::Tense | Quadrant::Heavy => Some(false),
            Quadrant::Mixed => None,
        }
    }
}

impl Mood {
    /// The quadrant of the point alone.
    pub fn quadrant(&self) -> Quadrant {
        if self.pleasantness.hypot(self.energy) < MIXED_RADIUS {
            return Quadrant::Mixed;
        }
        match (self.pleasantness >= 0.0, self.energy >= 0.0) {
            (true, true) => Quadrant::Bright,
            (true, false) => Quadrant::Calm,
            (false, true) => Quadrant::Tense,
            (false, false) => Quadrant::Heavy,
        }
    }
}

/// "Did it all feel like your choice?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Choice {
    /// Yes.
    Yes,
    /// Mostly.
    Mostly,
    /// I'm not sure.
    Unsure,
    /// No.
    No,
}

/// When the feeling is logged relative to the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Timing {
    /// Right after.
    RightAfter,
    /// A few hours later.
    LaterThatDay,
    /// The next day.
    NextDay,
    /// Two or three days later.
    DaysLater,
}

impl Timing {
    /// How long after the moment `at` it was noted at `noted`, told the way a person would: under
    /// two hours is right after; the same day (or under six hours, across midnight) is a few hours
    /// later; the next day (or under 36 hours) is the next day; anything longer is days later.
    /// Days are calendar days as each time was lived: the moment's in its own offset, the
    /// noting's in its own (so a change of clock overnight moves neither).
    pub fn between(at: DateTime<FixedOffset>, noted: DateTime<FixedOffset>) -> Timing {
        let gap = noted.signed_duration_since(at);
        let (day, noted_day) = (at.date_naive(), noted.date_naive());
        if gap < chrono::Duration::hours(2) {
            Timing::RightAfter
        } else if day == noted_day || gap < chrono::Duration::hours(6) {
            Timing::LaterThatDay
        } else if day.succ_opt() == Some(noted_day) || gap < chrono::Duration::hours(36) {
            Timing::NextDay
        } else {
            Timing::DaysLater
        }
    }
}

/// "Check in with me later": when Tend asks "how are you now?" after this entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum CheckIn {
    /// In about three hours.
    FewHours,
    /// The next morning.
    Tomorrow,
}

impl CheckIn {
    /// When the check-in is due, counted from when the entry was first saved. "Tomorrow" is
    /// 9:00 the next day, or the same day when the entry was saved in the small hours.
    pub fn due(self, saved: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        use chrono::{Duration, Timelike};
        match self {
            CheckIn::FewHours => saved + Duration::hours(3),
            CheckIn::Tomorrow => {
                let day = if saved.hour() < 4 { saved.date_naive() } else { saved.date_naive() + Duration::days(1) };
                let nine = day.and_hms_opt(9, 0, 0).unwrap_or_default();
                // Same offset as when it was saved; an offset change overnight moves it by at most an hour.
                nine.and_local_timezone(*saved.offset()).single().unwrap_or(saved + Duration::hours(12))
            }
        }
    }
}

/// What a person enters. Every field is optional to the core; the window and the command line
/// always give a new entry its `mood`, and only an imported entry comes without one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EntryInput {
    /// When it happened (local time with offset); defaults to now.
    #[serde(default)]
    pub at: Option<DateTime<FixedOffset>>,
    /// The mood point; `None` (written `null`) when none was recorded.
    #[serde(default)]
    pub mood: Option<Mood>,
    /// Emotion word ids (shipped or the person's own).
    #[serde(default)]
    pub emotions: Vec<String>,
    /// Label ids (post-sex-blues, postcoital-dysphoria, drop, or the person's own).
    #[serde(default)]
    pub labels: Vec<String>,
    /// Context chip ids.
    #[serde(default)]
    pub context: Vec<String>,
    /// Aftercare items received.
    #[serde(default)]
    pub aftercare_got: Vec<String>,
    /// Aftercare items wanted.
    #[serde(default)]
    pub aftercare_wanted: Vec<String>,
    /// Body item ids.
    #[serde(default)]
    pub body: Vec<String>,
    /// The gentle choice check.
    #[serde(default)]
    pub choice: Option<Choice>,
    /// Timing relative to the moment.
    #[serde(default)]
    pub timing: Option<Timing>,
    /// An earlier entry this one follows up.
    #[serde(default)]
    pub follows: Option<String>,
    /// A partner's initials or nickname; never required.
    #[serde(default)]
    pub partner: Option<String>,
    /// The id of the prompt the text answers.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Free text.
    #[serde(default)]
    pub text: String,
    /// Ask "how are you now?" later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in: Option<CheckIn>,
}

impl EntryInput {
    /// Zeroes every string it holds (what was written, words, names), before it is let go.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.text.zeroize();
        self.partner.zeroize();
        self.prompt.zeroize();
        self.follows.zeroize();
        for list in [
            &mut self.emotions,
            &mut self.labels,
            &mut self.context,
            &mut self.aftercare_got,
            &mut self.aftercare_wanted,
            &mut self.body,
        ] {
            list.zeroize();
        }
    }
}

/// A stored entry: the input plus its id and times.
/// Wiped whole on lock (see the journal's session): every field that can be is zeroed; the
/// times and chosen options, which can't, go with the entry's memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Random id.
    pub id: String,
    /// When it happened.
    #[zeroize(skip)]
    pub at: DateTime<FixedOffset>,
    /// When it was first saved.
    #[zeroize(skip)]
    pub created: DateTime<FixedOffset>,
    /// When it was last saved.
    #[zeroize(skip)]
    pub updated: DateTime<FixedOffset>,
    /// The mood point; `None` (written `null`) when none was recorded.
    #[serde(default)]
    pub mood: Option<Mood>,
    /// Quadrant, derived from mood and words; `None` exactly when there is no mood.
    #[serde(default)]
    #[zeroize(skip)]
    pub quadrant: Option<Quadrant>,
    /// Emotion word ids.
    pub emotions: Vec<String>,
    /// Label ids.
    pub labels: Vec<String>,
    /// Context chip ids.
    pub context: Vec<String>,
    /// Aftercare received.
    pub aftercare_got: Vec<String>,
    /// Aftercare wanted.
    pub aftercare_wanted: Vec<String>,
    /// Body item ids.
    pub body: Vec<String>,
    /// Choice check.
    #[zeroize(skip)]
    pub choice: Option<Choice>,
    /// Timing.
    #[zeroize(skip)]
    pub timing: Option<Timing>,
    /// Entry this follows up.
    pub follows: Option<String>,
    /// Partner nickname.
    pub partner: Option<String>,
    /// Prompt id the text answers.
    pub prompt: Option<String>,
    /// Free text.
    pub text: String,
    /// A later check-in the entry asked for.
    #[zeroize(skip)]
    pub check_in: Option<CheckIn>,
}

/// What is sealed for an entry (in the compact layout since schema 2; as JSON in schema 1). The id lives in the row, not here.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryPayload {
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// First saved.
    pub created: DateTime<FixedOffset>,
    /// Last saved.
    pub updated: DateTime<FixedOffset>,
    /// The content; its own `at` is unused here (always `None`).
    pub input: EntryInput,
}

/// Schema version of [`EntryPayload`] as sealed today: the compact layout ([`compact`]).
pub const ENTRY_SCHEMA: u16 = 2;
/// Schema version of an [`EntryPayload`] sealed as JSON, as every entry was before schema 2.
/// Still read; rewritten in the compact layout at the first unlock.
pub const JSON_ENTRY_SCHEMA: u16 = 1;

/// An emotion word of the person's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Zeroize)]
pub struct OwnWord {
    /// Stable id (`own-...`).
    pub id: String,
    /// The word.
    pub label: String,
    /// Its quadrant.
    #[zeroize(skip)]
    pub quadrant: Quadrant,
}

/// A label of the person's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Zeroize)]
pub struct OwnLabel {
    /// Stable id (`own-...`).
    pub id: String,
    /// The label.
    pub label: String,
}

/// The person's own words and labels (one encrypted record).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Zeroize)]
pub struct Vocabulary {
    /// Own emotion words.
    #[serde(default)]
    pub emotions: Vec<OwnWord>,
    /// Own labels.
    #[serde(default)]
    pub labels: Vec<OwnLabel>,
}

/// Schema version of [`Vocabulary`] and [`Settings`] payloads.
pub const SIMPLE_SCHEMA: u16 = 1;

pub mod compact;
mod settings;
pub use settings::{Settings, Theme};

fn check_list(field: &str, items: &mut Vec<String>, known: impl Fn(&str) -> bool) -> Result<(), ValidationError> {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
    if items.len() > MAX_LIST_ITEMS {
        return Err(ValidationError::new(field, format!("at most {MAX_LIST_ITEMS} items")));
    }
    if let Some(bad) = items.iter().find(|i| !known(i)) {
        return Err(ValidationError::new(field, format!("unknown item '{bad}' (see `tend words`)")));
    }
    Ok(())
}

/// Reads a JSON value (as sent by the window) into `T`, naming the offending field on failure.
pub fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationError> {
    serde_json::from_value(value).map_err(|e| {
        let msg = e.to_string();
        let field = msg.split('`').nth(1).unwrap_or("input").to_owned();
        ValidationError::new(field, msg)
    })
}

impl EntryInput {
    /// A minimal input with only a mood.
    pub fn with_mood(pleasantness: f64, energy: f64) -> Self {
        EntryInput { mood: Some(Mood { pleasantness, energy }), ..EntryInput::without_mood() }
    }

    /// A minimal input with nothing at all: "no mood recorded", as an imported entry may be.
    pub fn without_mood() -> Self {
        EntryInput {
            at: None,
            mood: None,
            emotions: vec![],
            labels: vec![],
            context: vec![],
            aftercare_got: vec![],
            aftercare_wanted: vec![],
            body: vec![],
            choice: None,
            timing: None,
            follows: None,
            partner: None,
            prompt: None,
            text: String::new(),
            check_in: None,
        }
    }

    /// Checks every field against the word lists and the person's own words; removes duplicates.
    pub fn validate(&mut self, words: &WordLists, own: &Vocabulary) -> Result<(), ValidationError> {
        if let Some(m) = self.mood {
            for (field, v) in [("pleasantness", m.pleasantness), ("energy", m.energy)] {
                if !v.is_finite() || !(-1.0..=1.0).contains(&v) {
                    return Err(ValidationError::new(field, "use a number from -1 to 1"));
                }
            }
        }
        check_list("emotions", &mut self.emotions, |i| {
            words.emotion(i).is_some() || own.emotions.iter().any(|w| w.id == i)
        })?;
        check_list("labels", &mut self.labels, |i| words.has_label(i) || own.labels.iter().any(|l| l.id == i))?;
        check_list("context", &mut self.context, |i| words.has_context(i))?;
        check_list("aftercareGot", &mut self.aftercare_got, |i| words.has_aftercare(i))?;
        check_list("aftercareWanted", &mut self.aftercare_wanted, |i| words.has_aftercare(i))?;
        check_list("body", &mut self.body, |i| words.body_item(i).is_some())?;
        if let Some(at) = self.at {
            check_day("at", at.date_naive())?;
        }
        if self.text.chars().count() > MAX_TEXT_CHARS {
            return Err(ValidationError::new("text", format!("at most {MAX_TEXT_CHARS} characters")));
        }
        if let Some(p) = &self.partner {
            if p.chars().count() > MAX_SHORT_CHARS {
                return Err(ValidationError::new("partner", "initials or a short nickname, at most 60 characters"));
            }
        }
        Ok(())
    }

    /// The quadrant: from the point, or Mixed when the chosen words fall on both sides; `None`
    /// when there is no mood (words alone never make one up).
    pub fn quadrant(&self, words: &WordLists, own: &Vocabulary) -> Option<Quadrant> {
        quadrant_of(self.mood, &self.emotions, words, own)
    }
}

/// The quadrant of a mood with these emotion words: from the point, or Mixed when the words fall
/// on both sides; `None` when there is no mood.
pub(crate) fn quadrant_of(
    mood: Option<Mood>,
    emotions: &[String],
    words: &WordLists,
    own: &Vocabulary,
) -> Option<Quadrant> {
    let base = mood?.quadrant();
    let (mut pleasant, mut unpleasant) = (false, false);
    for id in emotions {
        let q = words
            .emotion(id)
            .map(|w| w.quadrant)
            .or_else(|| own.emotions.iter().find(|w| &w.id == id).map(|w| w.quadrant));
        match q.and_then(Quadrant::pleasant_side) {
            Some(true) => pleasant = true,
            Some(false) => unpleasant = true,
            None => {}
        }
    }
    Some(if pleasant && unpleasant { Quadrant::Mixed } else { base })
}

impl Entry {
    pub(crate) fn from_payload(id: String, p: EntryPayload, words: &WordLists, own: &Vocabulary) -> Entry {
        let quadrant = p.input.quadrant(words, own);
        let i = p.input;
        Entry {
            id,
            at: p.at,
            created: p.created,
            updated: p.updated,
            mood: i.mood,
            quadrant,
            emotions: i.emotions,
            labels: i.labels,
            context: i.context,
            aftercare_got: i.aftercare_got,
            aftercare_wanted: i.aftercare_wanted,
            body: i.body,
            choice: i.choice,
            timing: i.timing,
            follows: i.follows,
            partner: i.partner,
            prompt: i.prompt,
            text: i.text,
            check_in: i.check_in,
        }
    }

    /// The entry's content moved out as an input, leaving this one empty (bringing a backup in
    /// without a second copy of every entry).
    pub fn take_input(&mut self) -> EntryInput {
        use std::mem::take;
        EntryInput {
            at: Some(self.at),
            mood: self.mood,
            emotions: take(&mut self.emotions),
            labels: take(&mut self.labels),
            context: take(&mut self.context),
            aftercare_got: take(&mut self.aftercare_got),
            aftercare_wanted: take(&mut self.aftercare_wanted),
            body: take(&mut self.body),
            choice: self.choice,
            timing: self.timing,
            follows: take(&mut self.follows),
            partner: take(&mut self.partner),
            prompt: take(&mut self.prompt),
            text: take(&mut self.text),
            check_in: self.check_in,
        }
    }

    /// What is sealed for this entry: its times and its content.
    pub(crate) fn payload(&self) -> EntryPayload {
        let mut input = self.to_input();
        input.at = None;
        EntryPayload { at: self.at, created: self.created, updated: self.updated, input }
    }

    /// The entry's content as an input, for editing.
    pub fn to_input(&self) -> EntryInput {
        EntryInput {
            at: Some(self.at),
            mood: self.mood,
            emotions: self.emotions.clone(),
            labels: self.labels.clone(),
            context: self.context.clone(),
            aftercare_got: self.aftercare_got.clone(),
            aftercare_wanted: self.aftercare_wanted.clone(),
            body: self.body.clone(),
            choice: self.choice,
            timing: self.timing,
            follows: self.follows.clone(),
            partner: self.partner.clone(),
            prompt: self.prompt.clone(),
            text: self.text.clone(),
            check_in: self.check_in,
        }
    }
}

#[cfg(test)]
mod tests;
