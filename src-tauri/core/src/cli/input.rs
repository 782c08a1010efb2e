//! What the command line reads: passphrases, from the terminal or a line each from standard
//! input, and the words people type, turned into what the core takes (an entry, a query). Words
//! are found by id or by their words, shipped first, then the person's own.

use chrono::DateTime;
use zeroize::Zeroizing;

use super::args::{EntryArgs, FilterArgs};
use super::{Fail, Io, R};
use crate::journal::Journal;
use crate::model::{Entry, EntryInput, Mood, Quadrant};
use crate::search::{fold, Query};
use crate::secret::Passphrase;
use crate::words::shipped;

/// Every item of a word list as (id, words); every list's items have both.
macro_rules! named {
    ($items:expr) => {
        $items.iter().map(|x| (x.id.as_str(), x.label.as_str()))
    };
}

impl Io<'_> {
    /// A secret: typed without echo on a terminal, else the next line of standard input.
    pub(super) fn secret(&mut self, prompt: &str) -> R<Zeroizing<String>> {
        if self.interactive {
            return Ok(Zeroizing::new(rpassword::prompt_password(prompt)?));
        }
        let mut line = Zeroizing::new(String::new());
        if self.stdin.read_line(&mut line)? == 0 {
            return Err(Fail(
                1,
                format!("expected a line on standard input for: {}", prompt.trim_end_matches([':', ' '])),
            ));
        }
        let trimmed = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line).to_owned();
        Ok(Zeroizing::new(trimmed))
    }

    /// The passphrase that opens the journal.
    pub(super) fn passphrase(&mut self, prompt: &str) -> R<Passphrase> {
        Ok(Passphrase::new(self.secret(prompt)?.to_string()))
    }

    /// A new passphrase; on a terminal it is typed twice, so a slip doesn't lock anyone out.
    pub(super) fn new_passphrase(&mut self) -> R<Passphrase> {
        let first = self.secret("Choose a passphrase: ")?;
        if self.interactive {
            let again = self.secret("Type it once more: ")?;
            if *again != *first {
                return Err(Fail(1, "The two passphrases differ. Nothing was changed; try again.".into()));
            }
        }
        Ok(Passphrase::new(first.to_string()))
    }
}

/// Finds an item by id or by its words.
fn resolve<'a>(items: impl Iterator<Item = (&'a str, &'a str)>, wanted: &str) -> Option<String> {
    let w = fold(wanted.trim());
    let mut by_label = None;
    for (id, label) in items {
        if id == wanted.trim() {
            return Some(id.to_owned());
        }
        if fold(label) == w || fold(&id.replace('-', " ")) == w {
            by_label = Some(id.to_owned());
        }
    }
    by_label
}

/// A word's id among the shipped words, else among the person's own.
fn find<'a>(
    shipped: impl Iterator<Item = (&'a str, &'a str)>,
    own: impl Iterator<Item = (&'a str, &'a str)>,
    value: &str,
) -> Option<String> {
    resolve(shipped, value).or_else(|| resolve(own, value))
}

/// The id found, else a new item of the person's own made by `add` (and says so).
fn found_or_own(
    io: &mut Io<'_>,
    found: Option<String>,
    add: impl FnOnce() -> crate::Result<(String, String)>,
    noun: &str,
) -> R<String> {
    if let Some(id) = found {
        return Ok(id);
    }
    let (id, label) = add()?;
    writeln!(io.err, "Added '{label}' to your own {noun}.")?;
    Ok(id)
}

/// Replaces `list` with the values given, if any: each one of `items`, by id or words.
fn known<'a>(
    list: &mut Vec<String>,
    field: &str,
    given: Vec<String>,
    items: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> R<()> {
    if !given.is_empty() {
        *list = given
            .into_iter()
            .map(|v| {
                resolve(items.clone(), &v)
                    .ok_or_else(|| Fail(1, format!("{field}: unknown item '{v}' (see `tend words`)")))
            })
            .collect::<R<_>>()?;
    }
    Ok(())
}

/// The core's query from the command line's words: moods by name, labels and feeling words by
/// id or words, shipped or the person's own (never added here).
pub(super) fn query(j: &Journal, text: String, f: FilterArgs) -> R<Query> {
    let w = shipped();
    let vocab = j.vocabulary()?;
    let moods = f
        .moods
        .iter()
        .map(|m| Quadrant::parse_field(m.trim()).map_err(|e| Fail(1, format!("--mood: {}", e.reason))))
        .collect::<R<Vec<_>>>()?;
    let known = |flag: &str, value: &str, found: Option<String>| {
        found.ok_or_else(|| Fail(1, format!("{flag}: no word '{value}' in your journal (see `tend words`)")))
    };
    let labels = f
        .labels
        .iter()
        .map(|l| known("--label", l, find(named!(w.labels), named!(vocab.labels), l)))
        .collect::<R<Vec<_>>>()?;
    let feeling =
        f.feeling.map(|e| known("--emotion", &e, find(named!(w.emotions), named!(vocab.emotions), &e))).transpose()?;
    Ok(Query { text, moods, labels, feeling, from: f.from, to: f.to, ..Query::default() })
}

/// The entry to save: `base` (when editing) with every field given replaced. A new feeling
/// word or label becomes the person's own; other lists take shipped items only. An entry with
/// no mood recorded keeps none unless both pleasantness and energy are given.
pub(super) fn entry(io: &mut Io<'_>, j: &Journal, base: Option<&Entry>, a: EntryArgs) -> R<EntryInput> {
    let w = shipped();
    let mut input = match base {
        Some(e) => e.to_input(),
        None => {
            let p = a.pleasantness.ok_or_else(|| Fail(1, "pleasantness: required, a number from -1 to 1".into()))?;
            let e = a.energy.ok_or_else(|| Fail(1, "energy: required, a number from -1 to 1".into()))?;
            EntryInput::with_mood(p, e)
        }
    };
    match (&mut input.mood, a.pleasantness, a.energy) {
        (Some(m), p, e) => {
            m.pleasantness = p.unwrap_or(m.pleasantness);
            m.energy = e.unwrap_or(m.energy);
        }
        (None, Some(pleasantness), Some(energy)) => input.mood = Some(Mood { pleasantness, energy }),
        (None, None, None) => {}
        (None, p, _) => {
            let field = if p.is_some() { "energy" } else { "pleasantness" };
            return Err(Fail(
                1,
                format!("{field}: this entry has no mood yet; give both --pleasantness and --energy to add one"),
            ));
        }
    }
    if !a.emotions.is_empty() || !a.labels.is_empty() {
        let vocab = j.vocabulary()?;
        let quadrant = input.mood.map(|m| m.quadrant());
        let mut emotions = Vec::new();
        for word in a.emotions {
            let found = find(named!(w.emotions), named!(vocab.emotions), &word);
            // A new word of the person's own is placed by the entry's mood; without one, it can't be.
            let id = match (found, quadrant) {
                (Some(id), _) => id,
                (None, Some(q)) => {
                    let add = || j.add_own_emotion(&word, q).map(|o| (o.id, o.label));
                    found_or_own(io, None, add, &format!("words ({})", q.as_str()))?
                }
                (None, None) => {
                    return Err(Fail(
                        1,
                        format!(
                            "--emotion: '{word}' isn't one of your words yet, and a new one is placed by the entry's mood, which this entry doesn't have; give --pleasantness and --energy too, or choose a word from `tend words`"
                        ),
                    ))
                }
            };
            emotions.push(id);
        }
        let mut labels = Vec::new();
        for label in a.labels {
            let found = find(named!(w.labels), named!(vocab.labels), &label);
            labels.push(found_or_own(io, found, || j.add_own_label(&label).map(|o| (o.id, o.label)), "labels")?);
        }
        if !emotions.is_empty() {
            input.emotions = emotions;
        }
        if !labels.is_empty() {
            input.labels = labels;
        }
    }
    known(&mut input.context, "context", a.context, named!(w.contexts))?;
    known(&mut input.aftercare_got, "aftercareGot", a.aftercare_got, named!(w.aftercare))?;
    known(&mut input.aftercare_wanted, "aftercareWanted", a.aftercare_wanted, named!(w.aftercare))?;
    known(&mut input.body, "body", a.body, named!(w.body))?;
    input.choice = a.choice.or(input.choice);
    input.timing = a.timing.or(input.timing);
    input.check_in = a.check_in.or(input.check_in);
    input.follows = a.follows.or(input.follows);
    if let Some(p) = a.partner {
        input.partner = Some(p).filter(|p| !p.trim().is_empty());
    }
    if let Some(t) = a.text {
        input.text = t;
    }
    if let Some(at) = a.at {
        input.at = Some(
            DateTime::parse_from_rfc3339(&at)
                .map_err(|_| Fail(1, "at: use RFC 3339, for example 2026-03-01T23:10:00+01:00".into()))?,
        );
    }
    Ok(input)
}
