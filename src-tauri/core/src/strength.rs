//! How hard a passphrase is to guess, estimated once here (with zxcvbn) so the window and the
//! command line say the same thing, and refuse the same passphrases when the passphrase alone
//! guards the journal (no keyring to add this computer's secret).
//!
//! The estimate is of someone holding a copy of the journal file and guessing offline at
//! 10,000 guesses a second, zxcvbn's rate for a slow hash (Tend's Argon2id is slower still per
//! guess on one machine; a well-equipped guesser may run many). What it can't see, it doesn't
//! claim: the words are "about", and a long passphrase is judged by its first 100 characters,
//! which can only make the estimate lower than the whole's. zxcvbn works on copies of the text
//! that it doesn't wipe; they stay in this process's memory only, never on disk.

use serde::Serialize;

use crate::secret::Passphrase;

/// Guessed within a day offline is too little to guard a journal alone.
pub const ALONE_FLOOR_SECONDS: f64 = 86_400.0;

/// Characters judged: zxcvbn's matching grows quickly with length.
const JUDGED_CHARS: usize = 100;

/// How guessable a passphrase is, in words a person can use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// 0 (very guessable) to 4 (very hard to guess), zxcvbn's scale.
    pub score: u8,
    /// About how long a guesser with a copy of the file would need, in words ("about 2 hours",
    /// "centuries", "less than a second").
    pub offline: String,
    /// The same, in seconds.
    pub offline_seconds: f64,
    /// Hard enough to guard the journal alone: not guessable within a day offline.
    pub enough_alone: bool,
    /// One plain sentence to show beside the field.
    pub says: String,
}

/// Estimates how guessable `pass` is.
pub fn estimate(pass: &Passphrase) -> Strength {
    let text = pass.text();
    if text.is_empty() {
        return Strength {
            score: 0,
            offline: "no time".into(),
            offline_seconds: 0.0,
            enough_alone: false,
            says: "A few unrelated words, like a short odd sentence, are easy to remember and hard to guess.".into(),
        };
    }
    let judged: String = text.chars().take(JUDGED_CHARS).collect();
    let e = zxcvbn::zxcvbn(&judged, &[]);
    let t = e.crack_times().offline_slow_hashing_1e4_per_second();
    let offline_seconds = std::time::Duration::from(t).as_secs_f64();
    let offline = t.to_string();
    // "about 2 hours", but "less than a second" and "centuries" as they are.
    let about =
        if offline.starts_with("less than") || offline == "centuries" { offline } else { format!("about {offline}") };
    let enough_alone = offline_seconds >= ALONE_FLOOR_SECONDS;
    let score = u8::from(e.score());
    let says = if !enough_alone {
        format!(
            "Someone with a copy of your journal file could guess this in {about}. A few more unrelated words, like a short odd sentence, would make it much harder."
        )
    } else if score < 4 {
        format!("Someone with a copy of your journal file would need {about} to guess this. Another word or two would make it harder still.")
    } else {
        format!(
            "Hard to guess: {about} for someone with a copy of your journal file. Make sure it's one you'll remember."
        )
    };
    Strength { score, offline: about, offline_seconds, enough_alone, says }
}

/// Why a passphrase is refused when it alone would guard the journal, or `None` when it will do.
pub fn refusal_alone(pass: &Passphrase) -> Option<String> {
    let s = estimate(pass);
    (!s.enough_alone).then(|| {
        format!(
            "Without the keyring, your passphrase alone guards this journal, and this one could be guessed in {} by someone with a copy of the file. Add a few unrelated words (a short odd sentence works well) and try again.",
            s.offline
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guessable_ones_are_said_plainly_and_long_odd_sentences_are_enough_alone() {
        for weak in ["p", "hunter2", "swordfish", "password1", "ten entries", "qwertyuiop"] {
            let s = estimate(&weak.into());
            assert!(!s.enough_alone && s.offline_seconds < ALONE_FLOOR_SECONDS, "{weak}: {s:?}");
            assert!(s.says.contains("could guess this"), "{weak}: {}", s.says);
            assert!(refusal_alone(&weak.into()).is_some_and(|r| r.contains(&s.offline)));
        }
        for strong in ["a calm evening by the sea", "quiet evening tea lamp", "first week passphrase"] {
            let s = estimate(&strong.into());
            assert!(s.enough_alone && s.score == 4, "{strong}: {s:?}");
            assert!(refusal_alone(&strong.into()).is_none());
        }
        let empty = estimate(&"".into());
        assert!(!empty.enough_alone && empty.score == 0);
    }

    /// A very long passphrase is judged quickly, by its start, and never reads as weaker for
    /// being long.
    #[test]
    fn a_long_passphrase_is_judged_by_its_start() {
        let long = "tide lamp orchard ".repeat(200);
        let s = estimate(&long.as_str().into());
        assert!(s.enough_alone, "{s:?}");
        let start: String = long.chars().take(JUDGED_CHARS).collect();
        assert_eq!(s, estimate(&start.as_str().into()));
    }
}
