//! What the person keeps for hard moments (the safety plan, aftercare needs and saved numbers)
//! as the encrypted care record holds it: checked before it is saved, wiped from memory on lock.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::select::CareMemory;
use crate::error::ValidationError;
use crate::model::MAX_SHORT_CHARS;
use crate::words::WordLists;

/// Longest safety-plan or aftercare note, in characters.
pub const MAX_NOTE_CHARS: usize = 4_000;

/// A personal safety plan (Stanley & Brown), kept in the encrypted journal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct SafetyPlan {
    /// Warning signs that things are getting hard.
    pub warning_signs: String,
    /// Things that help.
    pub what_helps: String,
    /// People to contact.
    pub people: String,
    /// Professionals and services.
    pub professionals: String,
    /// Making the space safer.
    pub safer_space: String,
}

/// Closeness or space afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Closeness {
    /// Closeness.
    Closeness,
    /// Some space.
    Space,
    /// It depends.
    Depends,
}

/// "My aftercare needs": what helps this person afterwards, to read before intimacy or show a partner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct AftercareNeeds {
    // This choice and the item ids are the shipped words, not the person's: not wiped.
    /// Closeness or space.
    #[zeroize(skip)]
    pub closeness: Option<Closeness>,
    /// Aftercare item ids (from the shipped list).
    #[zeroize(skip)]
    pub items: Vec<String>,
    /// The card opens with a line for a partner ("I sometimes feel low after sex. It isn't about
    /// you. What helps me is…"); shipped words, chosen or not.
    #[zeroize(skip)]
    pub opening_line: bool,
    /// About closeness or space.
    pub closeness_note: String,
    /// About words.
    pub words_note: String,
    /// About body care.
    pub body_note: String,
    /// About later check-ins.
    pub later_note: String,
    /// Anything else.
    pub other_note: String,
}

/// Numbers the person saved for hard moments. Tend ships none as truth.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct SupportNumbers {
    /// Emergency number, checked for their country.
    pub emergency: String,
    /// Crisis or listening line.
    pub crisis_line: String,
    /// Sexual-assault support service.
    pub assault_service: String,
    /// Someone they trust.
    pub trusted_name: String,
    /// Their number.
    pub trusted_number: String,
}

impl SupportNumbers {
    /// True when nothing is saved.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.trim().is_empty())
    }

    fn fields(&self) -> [(&'static str, &String); 5] {
        [
            ("emergency", &self.emergency),
            ("crisisLine", &self.crisis_line),
            ("assaultService", &self.assault_service),
            ("trustedName", &self.trusted_name),
            ("trustedNumber", &self.trusted_number),
        ]
    }

    fn check_lengths(&self) -> Result<(), ValidationError> {
        for (field, value) in self.fields() {
            if value.trim().chars().count() > MAX_SHORT_CHARS {
                return Err(ValidationError::new(field, "at most 60 characters"));
            }
        }
        Ok(())
    }

    /// Checks what may be kept outside the encryption, where anyone using this computer account
    /// can read it: each number only phone-like text (digits, spaces and `+ - ( ) .`, with at
    /// least one digit) and the trusted person's name on one line, each at most 60 characters
    /// once trimmed. The same rules for writing the file outside and for reading it back.
    pub fn check_outside(&self) -> Result<(), ValidationError> {
        self.check_lengths()?;
        for (field, value) in self.fields() {
            let value = value.trim();
            if field == "trustedName" {
                if value.chars().any(char::is_control) {
                    return Err(ValidationError::new(
                        field,
                        "outside the journal's encryption, a name is kept on one line, without control characters",
                    ));
                }
            } else if !value.is_empty() && !phone_like(value) {
                return Err(ValidationError::new(
                    field,
                    "only phone numbers (digits, spaces and + - ( ) .) can be kept outside the journal's encryption; other words can stay inside it, encrypted",
                ));
            }
        }
        Ok(())
    }

    /// Trims each field and checks its length.
    pub fn validate(&mut self) -> Result<(), ValidationError> {
        self.check_lengths()?;
        for v in [
            &mut self.emergency,
            &mut self.crisis_line,
            &mut self.assault_service,
            &mut self.trusted_name,
            &mut self.trusted_number,
        ] {
            *v = v.trim().to_owned();
        }
        Ok(())
    }
}

/// Digits, spaces and `+ - ( ) .` only, with at least one digit.
fn phone_like(v: &str) -> bool {
    v.bytes().any(|b| b.is_ascii_digit()) && v.bytes().all(|b| b.is_ascii_digit() || b" +-().".contains(&b))
}

fn check_note(field: &str, text: &str) -> Result<(), ValidationError> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(ValidationError::new(field, format!("at most {MAX_NOTE_CHARS} characters")));
    }
    Ok(())
}

impl SafetyPlan {
    /// Checks each field's length.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_note("warningSigns", &self.warning_signs)?;
        check_note("whatHelps", &self.what_helps)?;
        check_note("people", &self.people)?;
        check_note("professionals", &self.professionals)?;
        check_note("saferSpace", &self.safer_space)
    }
}

impl AftercareNeeds {
    /// Checks the items against the shipped list and each note's length; removes duplicates.
    pub fn validate(&mut self, words: &WordLists) -> Result<(), ValidationError> {
        let mut seen = BTreeSet::new();
        self.items.retain(|i| seen.insert(i.clone()));
        if let Some(bad) = self.items.iter().find(|i| !words.has_aftercare(i)) {
            return Err(ValidationError::new("items", format!("unknown aftercare item '{bad}'")));
        }
        check_note("closenessNote", &self.closeness_note)?;
        check_note("wordsNote", &self.words_note)?;
        check_note("bodyNote", &self.body_note)?;
        check_note("laterNote", &self.later_note)?;
        check_note("otherNote", &self.other_note)
    }
}

/// The care record: one encrypted record per journal. Every field is wiped on lock unless it is
/// marked `#[zeroize(skip)]`, so a field added later is wiped without being listed anywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Zeroize)]
#[serde(default, rename_all = "camelCase")]
pub struct CareRecord {
    /// The safety plan.
    pub safety_plan: SafetyPlan,
    /// My aftercare needs.
    pub aftercare_needs: AftercareNeeds,
    /// Saved numbers.
    pub numbers: SupportNumbers,
    /// The person agreed to keep the numbers outside the encryption too.
    #[zeroize(skip)]
    pub numbers_outside: bool,
    /// What the pattern rule remembers.
    #[zeroize(skip)]
    pub memory: CareMemory,
    /// Entries whose check-in was answered elsewhere or set aside.
    #[zeroize(skip)]
    pub check_ins_done: Vec<String>,
}

/// What the Care screens read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareState {
    /// The safety plan.
    pub safety_plan: SafetyPlan,
    /// My aftercare needs.
    pub aftercare_needs: AftercareNeeds,
    /// Saved numbers.
    pub numbers: SupportNumbers,
    /// Kept outside the encryption (with consent).
    pub numbers_outside: bool,
    /// The pattern card may show.
    pub pattern_cards: bool,
}

impl From<&CareRecord> for CareState {
    fn from(r: &CareRecord) -> Self {
        CareState {
            safety_plan: r.safety_plan.clone(),
            aftercare_needs: r.aftercare_needs.clone(),
            numbers: r.numbers.clone(),
            numbers_outside: r.numbers_outside,
            pattern_cards: r.memory.pattern_cards,
        }
    }
}

impl CareRecord {
    /// Overwrites every personal string in memory: the safety plan, the aftercare notes and the
    /// saved numbers, field by field as the derived [`Zeroize`] lists them.
    pub fn wipe(&mut self) {
        self.zeroize();
    }
}

/// Saved numbers as the support panel reads them, locked or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportInfo {
    /// The numbers, when readable now.
    pub numbers: Option<SupportNumbers>,
    /// They are kept outside the encryption (the person agreed).
    pub outside: bool,
    /// The journal is locked.
    pub locked: bool,
    /// Unlocked, with the numbers kept outside too: the copy outside no longer matches the one
    /// in the journal (someone changed or removed it). Saving the numbers again sets it right.
    pub outside_differs: bool,
}
