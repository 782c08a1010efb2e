//! Entries being written when the journal locked (the idle lock, quick-hide, the Lock button):
//! sealed like every record, never in the window's storage, and offered back after the next
//! unlock until each is picked up and saved, or let go. A draft picked up and locked again
//! replaces itself; a new one is kept beside the others, so nothing written is lost.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::session::Single;
use super::{id_string, Journal};
use crate::envelope::RecordKind;
use crate::error::{Error, Result, ValidationError};
use crate::model::{EntryInput, MAX_TEXT_CHARS};

/// The most ids a draft's list may hold: far more than a form offers.
const MAX_DRAFT_IDS: usize = 400;
/// The most drafts kept at once; a journal locking with more would keep the newest.
pub const MAX_DRAFTS: usize = 20;

/// The form as it was when the journal locked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Draft {
    /// Its id, given by the journal. From the window: the id of the draft the form was filled
    /// from (which this one replaces), or none for a new one.
    #[serde(default)]
    pub id: Option<String>,
    /// What was in the form.
    pub input: EntryInput,
    /// The entry being changed, when it was an edit.
    #[serde(default)]
    pub editing: Option<String>,
    /// When the journal kept it (set by the journal, not the window).
    #[serde(default)]
    pub kept_at: Option<DateTime<FixedOffset>>,
}

impl Draft {
    /// Zeroes every string it holds.
    pub fn wipe(&mut self) {
        self.input.wipe();
        self.editing.zeroize();
    }

    /// Only its size is checked: the words it names may change before it is saved, and saving
    /// checks them then.
    fn check(&self) -> Result<()> {
        let i = &self.input;
        let lists = [&i.emotions, &i.labels, &i.context, &i.aftercare_got, &i.aftercare_wanted, &i.body];
        let short = |s: &Option<String>| s.as_ref().is_none_or(|s| s.len() <= 200);
        let fits = i.text.chars().count() <= MAX_TEXT_CHARS
            && lists.iter().all(|l| l.len() <= MAX_DRAFT_IDS && l.iter().all(|x| x.len() <= 200))
            && [&i.partner, &i.prompt, &i.follows, &self.editing, &self.id].into_iter().all(short);
        if !fits {
            return Err(ValidationError::new("draft", "the unsaved entry is larger than an entry can be").into());
        }
        Ok(())
    }
}

impl Journal {
    /// Keeps `draft`, sealed: in place of the kept draft it names by `id`, else as a new one
    /// (the oldest let go beyond [`MAX_DRAFTS`]). Returns its id. Called as the journal locks.
    pub fn keep_draft(&self, mut draft: Draft, now: DateTime<FixedOffset>) -> Result<String> {
        if let Err(e) = draft.check() {
            draft.wipe();
            return Err(e);
        }
        // Locked already: nothing to keep it in, and it is wiped as it goes.
        if let Err(e) = self.with_session(|_| Ok(())) {
            draft.wipe();
            return Err(e);
        }
        self.with_session(|s| {
            let mut kept = s.drafts.value.clone();
            let replaces = draft.id.as_ref().and_then(|id| kept.iter().position(|d| d.id.as_ref() == Some(id)));
            let id = match replaces {
                Some(at) => {
                    let mut old = kept.remove(at);
                    let id = old.id.clone().unwrap_or_default();
                    old.wipe();
                    id
                }
                None => id_string(&crate::vault::new_vault_id()),
            };
            draft.id = Some(id.clone());
            draft.kept_at = Some(now);
            kept.insert(0, draft);
            for mut gone in kept.drain(MAX_DRAFTS.min(kept.len())..) {
                gone.wipe();
            }
            save_drafts(s, kept)?;
            Ok(id)
        })
    }

    /// The drafts kept, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.with_session(|s| Ok(s.drafts.value.clone()))
    }

    /// Lets the draft `id` go (saved, or let go by the person); its words are gone from the file.
    pub fn discard_draft(&self, id: &str) -> Result<()> {
        self.with_session(|s| {
            let mut kept = s.drafts.value.clone();
            let at = kept.iter().position(|d| d.id.as_deref() == Some(id)).ok_or(Error::NotFound)?;
            kept.remove(at).wipe();
            save_drafts(s, kept)?;
            // The old pages sit in the write-ahead log: fold them into the file (freed pages are
            // zeroed) now, not only at lock.
            let _ = s.store.checkpoint();
            Ok(())
        })
    }
}

/// After an entry is deleted: changes to it kept as drafts go too (its words with them).
pub(super) fn forget_drafts_of(s: &mut super::session::Session, entry_id: &str) -> Result<()> {
    if !s.drafts.value.iter().any(|d| d.editing.as_deref() == Some(entry_id)) {
        return Ok(());
    }
    let mut kept = s.drafts.value.clone();
    kept.retain_mut(|d| {
        let of_it = d.editing.as_deref() == Some(entry_id);
        if of_it {
            d.wipe();
        }
        !of_it
    });
    save_drafts(s, kept)
}

/// Saves the drafts in place of the ones held (none left: the record itself goes).
fn save_drafts(s: &mut super::session::Session, mut kept: Vec<Draft>) -> Result<()> {
    let saved = match (kept.is_empty(), s.drafts.id) {
        (true, None) => Ok(None),
        (true, Some(id)) => s.commit(&[], &[id]).map(|()| None),
        (false, id) => {
            let id = id.unwrap_or_else(crate::vault::new_vault_id);
            s.simple_row(id, RecordKind::Drafts, &kept).and_then(|row| s.put_rows(&[row])).map(|()| Some(id))
        }
    };
    match saved {
        Ok(id) => {
            let mut old = std::mem::replace(&mut s.drafts, Single { id, value: kept });
            old.value.iter_mut().for_each(Draft::wipe);
            Ok(())
        }
        Err(e) => {
            kept.iter_mut().for_each(Draft::wipe);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
