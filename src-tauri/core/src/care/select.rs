//! The rules that choose, for one entry and its recent history, one prompt, up to three coping
//! ideas and at most one card: pure functions of the entry, so each case is a table test and no
//! clock or written text is read.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::content::{Card, CardId, CareContent, Context, CopingIdea, Prompt, State};
use crate::model::{Choice, Entry, Quadrant, Timing};
use crate::words::WordLists;

/// How far back the pattern rule and the "recent history" look.
pub const WINDOW_DAYS: i64 = 14;
/// Heavy or tense entries within [`WINDOW_DAYS`] that bring the "consider talking to someone" card.
pub const PATTERN_MIN: usize = 3;
/// Days with an entry, of the [`WINDOW_DAYS`], that count as "entries on most days".
pub const MOST_DAYS: usize = 8;
/// Most coping ideas offered at once.
pub const MAX_IDEAS: usize = 3;

/// What the pattern rule remembers between entries (kept in the encrypted care record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CareMemory {
    /// The "consider talking to someone" card may show.
    pub pattern_cards: bool,
    /// The entry the card was last shown after, and when.
    pub pattern_last: Option<PatternShown>,
}

impl Default for CareMemory {
    fn default() -> Self {
        CareMemory { pattern_cards: true, pattern_last: None }
    }
}

/// When the pattern card was last shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatternShown {
    /// The entry it was shown after.
    pub entry: String,
    /// When it was shown.
    pub at: DateTime<FixedOffset>,
}

/// What Tend offers for one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer<'a> {
    /// The entry.
    pub entry_id: String,
    /// The state keys the entry has.
    pub states: Vec<State>,
    /// The context keys the entry has.
    pub contexts: Vec<Context>,
    /// Show grounding before any writing box.
    pub grounding_first: bool,
    /// One prompt.
    pub prompt: Option<&'a Prompt>,
    /// Up to three coping ideas.
    pub coping: Vec<&'a CopingIdea>,
    /// At most one support card.
    pub card: Option<&'a Card>,
    /// "Hopeless" was chosen but a stronger card took the one place: offer support beside it.
    pub support_too: bool,
    /// An urgent body item was chosen but the consent card took the one place: the medical card,
    /// to show beside it, so a body that needs care is never passed over.
    pub medical_too: Option<&'a Card>,
}

const NUMB_WORDS: [&str; 3] = ["numb", "floaty", "disconnected"];
const SHAME_WORDS: [&str; 4] = ["ashamed", "guilty", "down-on-myself", "exposed"];
const ACTIVATED_BODY: [&str; 2] = ["memories", "not-in-body"];
/// Body items met with kindness first, never with trauma care: the be-kind ideas that answer them
/// lead (gender dysphoria after sex is not a memory surfacing).
const KINDNESS_BODY: [&str; 1] = ["dysphoria"];
/// The body item that brings the calm card on PEP, emergency contraception and testing.
const BARRIER_BODY: &str = "risk-worry";

/// The body items of an entry as the rules read them. The retired "feeling far away, floaty or
/// not in my body" said two things at once; an entry that has it is read by its own mood:
/// floaty in a good way when the mood was pleasant, far away and unsettling otherwise, and
/// unsettling too when no mood was recorded (the safer reading: it brings grounding).
fn body_of(entry: &Entry) -> Vec<&str> {
    entry
        .body
        .iter()
        .map(|b| match b.as_str() {
            "far-away" if matches!(entry.quadrant, Some(Quadrant::Bright | Quadrant::Calm)) => "floaty-spacey",
            "far-away" => "not-in-body",
            other => other,
        })
        .collect()
}

/// The state keys of an entry. An entry with no mood recorded has no quadrant's state (nor
/// numbness, which is read from the quadrant too); what its words, chips and timing say still
/// count.
pub fn states_of(entry: &Entry) -> BTreeSet<State> {
    let mut s = BTreeSet::new();
    if let Some(q) = entry.quadrant {
        s.insert(match q {
            Quadrant::Bright => State::Bright,
            Quadrant::Calm => State::Calm,
            Quadrant::Tense => State::Tense,
            Quadrant::Heavy => State::Heavy,
            Quadrant::Mixed => State::Mixed,
        });
    }
    let has = |list: &[String], set: &[&str]| list.iter().any(|w| set.contains(&w.as_str()));
    if matches!(entry.quadrant, Some(Quadrant::Heavy | Quadrant::Mixed)) && has(&entry.emotions, &NUMB_WORDS) {
        s.insert(State::Numb);
    }
    if has(&entry.emotions, &SHAME_WORDS) {
        s.insert(State::Shame);
    }
    if body_of(entry).iter().any(|b| ACTIVATED_BODY.contains(b)) {
        s.insert(State::Activated);
    }
    if matches!(entry.choice, Some(Choice::Unsure | Choice::No)) {
        s.insert(State::Consent);
    }
    if entry.aftercare_wanted.iter().any(|w| !entry.aftercare_got.contains(w)) {
        s.insert(State::Unmet);
    }
    match entry.timing {
        Some(Timing::NextDay | Timing::DaysLater) => {
            s.insert(State::Later);
        }
        None | Some(Timing::RightAfter) => {
            s.insert(State::Now);
        }
        Some(Timing::LaterThatDay) => {}
    }
    s
}

/// The context keys of an entry.
pub fn contexts_of(entry: &Entry) -> BTreeSet<Context> {
    entry
        .context
        .iter()
        .flat_map(|c| match c.as_str() {
            "solo" => &[Context::Solo][..],
            "regular-partner" => &[Context::Partner][..],
            "new-partner" => &[Context::Casual][..],
            "more-than-one" => &[Context::Multi][..],
            "remote" => &[Context::Remote][..],
            "kink-top" => &[Context::Top][..],
            "kink-bottom" => &[Context::Bottom][..],
            "kink-switch" => &[Context::Top, Context::Bottom][..],
            "alcohol" | "other-substances" => &[Context::Substances][..],
            _ => &[][..],
        })
        .copied()
        .collect()
}

/// How well an item's states and contexts fit the entry, or `None` when it does not suit.
/// A matched specific state counts 2, a matched context 3 (a context the person chose deserves
/// words that fit it), and `now` 1 when the entry is fresh.
pub(super) fn fit(states: &[State], contexts: &[Context], st: &BTreeSet<State>, cx: &BTreeSet<Context>) -> Option<i32> {
    let specific: Vec<State> = states.iter().copied().filter(|s| !matches!(s, State::Any | State::Now)).collect();
    // Look-back and planning items belong to those screens, not to an entry.
    if !states.contains(&State::Any)
        && !specific.is_empty()
        && specific.iter().all(|s| matches!(s, State::Review | State::Before))
    {
        return None;
    }
    let matched = specific.iter().filter(|s| st.contains(s)).count() as i32;
    let wants_now = states.contains(&State::Now);
    // Words about the moment just past ("tonight", "as your body comes back") don't fit days later.
    if wants_now && st.contains(&State::Later) {
        return None;
    }
    let state_ok =
        states.contains(&State::Any) || matched > 0 || (specific.is_empty() && wants_now && st.contains(&State::Now));
    if !state_ok {
        return None;
    }
    let context_score = if contexts.contains(&Context::Any) {
        0
    } else if contexts.iter().any(|c| cx.contains(c)) {
        3
    } else {
        return None;
    };
    Some(2 * matched + context_score + i32::from(wants_now && st.contains(&State::Now)))
}

/// A stable tie-break so that different entries meet different, equally fitting words.
fn spread(entry_id: &str, item_id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in entry_id.bytes().chain([0]).chain(item_id.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The start of the [`WINDOW_DAYS`] before `at`; the earliest time there is, for a date saved
/// before dates were checked that lies too far back to count from.
pub fn window_start(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at.checked_sub_signed(Duration::days(WINDOW_DAYS)).unwrap_or(at)
}

/// The heavy or tense entries among `recent` and `entry` within [`WINDOW_DAYS`] before it.
fn heavy_or_tense_in_window(entry: &Entry, recent: &[&Entry]) -> usize {
    let from = window_start(entry.at);
    let heavy = |e: &Entry| matches!(e.quadrant, Some(Quadrant::Heavy | Quadrant::Tense));
    usize::from(heavy(entry))
        + recent.iter().filter(|e| e.id != entry.id && e.at > from && e.at <= entry.at && heavy(e)).count()
}

/// The calendar days (in each entry's own offset) with an entry among `recent` and `entry`
/// within [`WINDOW_DAYS`] before it.
fn days_with_entries_in_window(entry: &Entry, recent: &[&Entry]) -> usize {
    let from = window_start(entry.at);
    std::iter::once(entry)
        .chain(recent.iter().copied().filter(|e| e.id != entry.id && e.at > from && e.at <= entry.at))
        .map(|e| e.at.date_naive())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Whether the "consider talking to someone" card fires for `entry` (CONTENT.md e0.3): the entry
/// is heavy or tense, and either there are at least [`PATTERN_MIN`] such entries in the
/// [`WINDOW_DAYS`] up to it, or entries on at least [`MOST_DAYS`] of those days; the card is on,
/// and it was last shown (after another entry) at least [`WINDOW_DAYS`] before `now`. An entry
/// with no mood recorded is neither heavy nor tense: it never brings the card, nor counts
/// towards the heavy or tense ones (though its day counts as a day with an entry).
pub fn pattern_fires(entry: &Entry, recent: &[&Entry], memory: &CareMemory, now: DateTime<FixedOffset>) -> bool {
    if !memory.pattern_cards || !matches!(entry.quadrant, Some(Quadrant::Heavy | Quadrant::Tense)) {
        return false;
    }
    let rested = match &memory.pattern_last {
        None => true,
        Some(last) => last.entry == entry.id || now.signed_duration_since(last.at) >= Duration::days(WINDOW_DAYS),
    };
    rested
        && (heavy_or_tense_in_window(entry, recent) >= PATTERN_MIN
            || days_with_entries_in_window(entry, recent) >= MOST_DAYS)
}

/// Chooses what Tend offers for `entry`, given the entries `recent`ly before it (any order; only
/// those in the [`WINDOW_DAYS`] before it count), what the pattern rule remembers, and `now`
/// (only the pattern card's rest is measured from it).
///
/// - Memories surfaced, or a choice check of "not sure" or "no": grounding first, only the prompts
///   written for that moment (never an open-ended one), and no writing exercises.
/// - Ideas: the best fits by state and context, varied across needs; an idea that answers a body
///   item the person chose (cold, thirsty, racing heart) comes forward whatever the mood, and
///   for gender dysphoria the kind ideas written for it lead. An idea is never offered in a state
///   it avoids (repair with a partner when a choice didn't feel free).
/// - Cards, at most one, in this order: consent (choice unsure or no), medical (an urgent body
///   flag), safer sex (a barrier broke or slipped), support (hopeless), then the pattern card.
///   The consent and medical cards say the time limits of PEP and emergency contraception too,
///   so a broken barrier beside them is never passed over.
pub fn select<'a>(
    content: &'a CareContent,
    words: &WordLists,
    entry: &Entry,
    recent: &[&Entry],
    memory: &CareMemory,
    now: DateTime<FixedOffset>,
) -> Offer<'a> {
    let st = states_of(entry);
    let cx = contexts_of(entry);
    let body = body_of(entry);
    let guarded = st.contains(&State::Consent) || st.contains(&State::Activated);
    let kindness_first = body.iter().any(|b| KINDNESS_BODY.contains(b));
    let from = window_start(entry.at);
    let answered: BTreeSet<&str> = recent
        .iter()
        .filter(|e| e.id != entry.id && e.at > from && e.at <= entry.at)
        .filter_map(|e| e.prompt.as_deref())
        .collect();

    let prompt = content
        .prompts
        .iter()
        .filter(|p| {
            if !guarded {
                return true;
            }
            let own_state = if st.contains(&State::Consent) { State::Consent } else { State::Activated };
            !p.open && p.states.contains(&own_state)
        })
        .filter_map(|p| {
            // A prompt answered in the last two weeks steps back, so others get their turn.
            let score = fit(&p.states, &p.contexts, &st, &cx)? - 3 * i32::from(answered.contains(p.id.as_str()));
            Some((score, spread(&entry.id, &p.id), p))
        })
        .max_by_key(|(score, tie, _)| (*score, *tie))
        .map(|(_, _, p)| p);

    let fresh = st.contains(&State::Now);
    let mut candidates: Vec<(i32, u64, &CopingIdea, bool)> = content
        .coping
        .iter()
        .filter(|c| !(guarded && c.writing))
        // Grounding first shows the exercise itself; the same idea again would only repeat it.
        .filter(|c| !(guarded && content.grounding.idea.as_deref() == Some(c.id.as_str())))
        .filter(|c| !(c.need == "make-sense" && (fresh || guarded)))
        // Some ideas don't belong to some moments, however well they fit otherwise.
        .filter(|c| !c.avoid.iter().any(|s| st.contains(s)))
        .filter_map(|c| {
            // What the body says is answered whatever the mood or context: cold brings warmth.
            let answers_body = c.body.iter().any(|b| body.contains(&b.as_str()));
            let fits = fit(&c.states, &c.contexts, &st, &cx).or(answers_body.then_some(0));
            let score = if guarded {
                // Grounding first (whatever the mood), then what was written for this moment.
                let grounding = c.need == "settle-body" && c.states.contains(&State::Activated);
                let for_consent = st.contains(&State::Consent) && c.states.contains(&State::Consent);
                let for_memories = st.contains(&State::Activated) && c.states.contains(&State::Activated);
                if grounding {
                    100 + fits.unwrap_or(0)
                } else if for_consent {
                    60 + fits.unwrap_or(0)
                } else if for_memories {
                    50 + fits.unwrap_or(0)
                } else {
                    fits?
                }
            } else {
                // Extra support is in the library and the cards; for a single entry it steps
                // back behind ideas for the moment itself.
                fits? - i32::from(c.need == "extra-support")
            };
            // Kindness first for what asks for it, though never before grounding or consent care.
            let kind = 20 * i32::from(kindness_first && answers_body && c.need == "be-kind");
            Some((score + 2 * i32::from(answers_body) + kind, spread(&entry.id, &c.id), c, answers_body))
        })
        .collect();
    // Prefer variety: each idea already taken from a need lowers the next one from it, unless
    // the idea answers something the body said.
    let mut coping: Vec<&CopingIdea> = Vec::new();
    while coping.len() < MAX_IDEAS && !candidates.is_empty() {
        let (best, _) = candidates
            .iter()
            .enumerate()
            .map(|(i, (score, tie, c, answers_body))| {
                let same = coping.iter().filter(|x| x.need == c.need).count() as i32;
                (i, (score - if *answers_body { 0 } else { 3 * same }, *tie))
            })
            .max_by_key(|(_, key)| *key)
            .unwrap_or((0, (0, 0)));
        coping.push(candidates.remove(best).2);
    }

    let urgent = entry.body.iter().any(|b| words.body_item(b).is_some_and(|i| i.urgent));
    let hopeless = entry.emotions.iter().any(|e| e == "hopeless");
    let card_id = if st.contains(&State::Consent) {
        Some(CardId::Consent)
    } else if urgent {
        Some(CardId::Medical)
    } else if body.contains(&BARRIER_BODY) {
        Some(CardId::SaferSex)
    } else if hopeless {
        Some(CardId::GentleSupport)
    } else if pattern_fires(entry, recent, memory, now) {
        Some(CardId::TalkToSomeone)
    } else {
        None
    };

    Offer {
        entry_id: entry.id.clone(),
        states: st.into_iter().collect(),
        contexts: cx.into_iter().collect(),
        grounding_first: guarded,
        prompt,
        coping,
        card: card_id.and_then(|id| content.card(id)),
        support_too: hopeless && card_id != Some(CardId::GentleSupport),
        medical_too: if urgent && card_id != Some(CardId::Medical) { content.card(CardId::Medical) } else { None },
    }
}
