//! What Tend says back (CONTENT.md sections c, d and e): the shipped prompts, coping ideas,
//! explainers and safety cards, and the pure rules that choose, for one entry and its recent
//! history, one prompt, up to three coping ideas and at most one support card.
//!
//! Selection reads no clock and no text the person wrote: only the entry's mood, chosen words,
//! chips, choice check and timing (CONTENT.md e0.3: no text analysis, no risk scoring).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::model::{Choice, Entry, Quadrant, Timing, MAX_SHORT_CHARS};
use crate::words::WordLists;

/// How far back the pattern rule and the "recent history" look.
pub const WINDOW_DAYS: i64 = 14;
/// Heavy or tense entries within [`WINDOW_DAYS`] that bring the "consider talking to someone" card.
pub const PATTERN_MIN: usize = 3;
/// Days with an entry, of the [`WINDOW_DAYS`], that count as "entries on most days".
pub const MOST_DAYS: usize = 8;
/// Most coping ideas offered at once.
pub const MAX_IDEAS: usize = 3;
/// Longest safety-plan or aftercare note, in characters.
pub const MAX_NOTE_CHARS: usize = 4_000;

/// A state key (CONTENT.md c): the quadrant, plus what the words, chips and timing say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
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
    /// Heavy or mixed with numb, floaty or disconnected words.
    Numb,
    /// Ashamed, guilty, down on myself or exposed.
    Shame,
    /// Old memories came up, or feeling far away from the body.
    Activated,
    /// The choice check said "not sure" or "no".
    Consent,
    /// An aftercare item wanted and not received.
    Unmet,
    /// Logged the next day or days later.
    Later,
    /// A weekly or monthly look-back (never derived from an entry).
    Review,
    /// Planning before next time (never derived from an entry).
    Before,
    /// Right after (or timing not given): usable in the first half hour.
    Now,
    /// Suits every state.
    Any,
}

/// A context key (CONTENT.md c).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Solo / self-pleasure.
    Solo,
    /// A regular partner.
    Partner,
    /// A new or casual partner.
    Casual,
    /// More than one person.
    Multi,
    /// Remote: sexting, video, calls.
    Remote,
    /// Top or dominant in a scene (a switch is both).
    Top,
    /// Bottom or submissive in a scene (a switch is both).
    Bottom,
    /// Suits every context.
    Any,
}

/// A heading in the Care library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Need {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// One sentence under it.
    pub blurb: String,
}

/// A reflection prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Prompt {
    /// Stable id that entries store.
    pub id: String,
    /// The question.
    pub text: String,
    /// States it suits.
    pub states: Vec<State>,
    /// Contexts it suits.
    pub contexts: Vec<Context>,
    /// True when it invites open-ended writing; never offered when memories surfaced or choice is unsure.
    pub open: bool,
}

/// A coping idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CopingIdea {
    /// Stable id.
    pub id: String,
    /// The [`Need`] it is filed under.
    pub need: String,
    /// Short title.
    pub title: String,
    /// How to do it.
    pub how_to: String,
    /// Why it may help, plainly.
    pub why: String,
    /// What the research says.
    pub evidence: String,
    /// Where that comes from.
    pub source: String,
    /// Evidence grade (A strongest, D practice-based).
    pub grade: String,
    /// States it suits (`now` and `later` are timing).
    pub states: Vec<State>,
    /// Contexts it suits.
    pub contexts: Vec<Context>,
    /// Body items it answers directly (feeling cold brings warmth forward).
    #[serde(default)]
    pub body: Vec<String>,
    /// True when it asks for writing or reflecting at length.
    pub writing: bool,
}

/// A short, factual explainer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Explainer {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Text.
    pub body: String,
}

/// Which support card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardId {
    /// "Need support now?" (e1).
    Support,
    /// The gentle card after choosing "hopeless": kind words and a way to support (b2).
    GentleSupport,
    /// How to find local help (e2).
    FindHelp,
    /// Consider talking to someone (e3).
    TalkToSomeone,
    /// Consent and support (e4).
    Consent,
    /// Urgent physical care (e5).
    Medical,
}

/// One block of a card: a paragraph, a list, small print, or the place for saved numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// A paragraph (may hold `**bold**` spans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    /// A bulleted list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<Vec<String>>,
    /// Small print.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Where the person's saved numbers are drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbers: Option<bool>,
}

/// A support card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Card {
    /// Which card.
    pub id: CardId,
    /// Heading.
    pub title: String,
    /// Body.
    pub blocks: Vec<Block>,
    /// Buttons, by action id.
    pub actions: Vec<String>,
    /// The card can wait a few minutes behind the grounding exercise; the others are about safety
    /// and come first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waits: bool,
}

/// The short grounding exercise cards link to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Grounding {
    /// Heading.
    pub title: String,
    /// One sentence before the steps.
    pub intro: String,
    /// The steps.
    pub steps: Vec<String>,
    /// The coping idea this exercise is: when the exercise is shown, the idea isn't offered too.
    #[serde(default)]
    pub idea: Option<String>,
}

/// Everything in `content/care.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CareContent {
    /// Version of the content file.
    pub version: u32,
    /// When the safety text was last reviewed (YYYY-MM-DD).
    pub reviewed: String,
    /// The line under every screen.
    pub footer: String,
    /// Library headings.
    pub needs: Vec<Need>,
    /// Reflection prompts.
    pub prompts: Vec<Prompt>,
    /// Coping ideas.
    pub coping: Vec<CopingIdea>,
    /// Explainers.
    pub explainers: Vec<Explainer>,
    /// Support cards.
    pub cards: Vec<Card>,
    /// The grounding exercise.
    pub grounding: Grounding,
}

/// The content compiled into this build.
pub fn shipped() -> &'static CareContent {
    static CONTENT: OnceLock<CareContent> = OnceLock::new();
    CONTENT.get_or_init(|| {
        serde_json::from_str(include_str!("../content/care.json")).expect("content/care.json is checked by tests")
    })
}

impl CareContent {
    /// The prompt with this id.
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }
    /// The coping idea with this id.
    pub fn idea(&self, id: &str) -> Option<&CopingIdea> {
        self.coping.iter().find(|c| c.id == id)
    }
    /// The card with this id.
    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }
}

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
const ACTIVATED_BODY: [&str; 2] = ["memories", "far-away"];

/// The state keys of an entry.
pub fn states_of(entry: &Entry) -> BTreeSet<State> {
    let mut s = BTreeSet::new();
    s.insert(match entry.quadrant {
        Quadrant::Bright => State::Bright,
        Quadrant::Calm => State::Calm,
        Quadrant::Tense => State::Tense,
        Quadrant::Heavy => State::Heavy,
        Quadrant::Mixed => State::Mixed,
    });
    let has = |list: &[String], set: &[&str]| list.iter().any(|w| set.contains(&w.as_str()));
    if matches!(entry.quadrant, Quadrant::Heavy | Quadrant::Mixed) && has(&entry.emotions, &NUMB_WORDS) {
        s.insert(State::Numb);
    }
    if has(&entry.emotions, &SHAME_WORDS) {
        s.insert(State::Shame);
    }
    if has(&entry.body, &ACTIVATED_BODY) {
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
            _ => &[][..],
        })
        .copied()
        .collect()
}

/// How well an item's states and contexts fit the entry, or `None` when it does not suit.
/// A matched specific state counts 2, a matched context 3 (a context the person chose deserves
/// words that fit it), and `now` 1 when the entry is fresh.
fn fit(states: &[State], contexts: &[Context], st: &BTreeSet<State>, cx: &BTreeSet<Context>) -> Option<i32> {
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

/// The heavy or tense entries among `recent` and `entry` within [`WINDOW_DAYS`] before it.
fn heavy_or_tense_in_window(entry: &Entry, recent: &[&Entry]) -> usize {
    let from = entry.at - Duration::days(WINDOW_DAYS);
    let heavy = |e: &Entry| matches!(e.quadrant, Quadrant::Heavy | Quadrant::Tense);
    usize::from(heavy(entry))
        + recent.iter().filter(|e| e.id != entry.id && e.at > from && e.at <= entry.at && heavy(e)).count()
}

/// The calendar days (in each entry's own offset) with an entry among `recent` and `entry`
/// within [`WINDOW_DAYS`] before it.
fn days_with_entries_in_window(entry: &Entry, recent: &[&Entry]) -> usize {
    let from = entry.at - Duration::days(WINDOW_DAYS);
    std::iter::once(entry)
        .chain(recent.iter().copied().filter(|e| e.id != entry.id && e.at > from && e.at <= entry.at))
        .map(|e| e.at.date_naive())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Whether the "consider talking to someone" card fires for `entry` (CONTENT.md e0.3): the entry
/// is heavy or tense, and either there are at least [`PATTERN_MIN`] such entries in the
/// [`WINDOW_DAYS`] up to it, or entries on at least [`MOST_DAYS`] of those days; the card is on,
/// and it was last shown (after another entry) at least [`WINDOW_DAYS`] before `now`.
pub fn pattern_fires(entry: &Entry, recent: &[&Entry], memory: &CareMemory, now: DateTime<FixedOffset>) -> bool {
    if !memory.pattern_cards || !matches!(entry.quadrant, Quadrant::Heavy | Quadrant::Tense) {
        return false;
    }
    let rested = match &memory.pattern_last {
        None => true,
        Some(last) => last.entry == entry.id || now - last.at >= Duration::days(WINDOW_DAYS),
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
///   item the person chose (cold, thirsty, racing heart) comes forward whatever the mood.
/// - Cards, at most one, in this order: consent (choice unsure or no), medical (an urgent body
///   flag), support (hopeless), then the pattern card.
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
    let guarded = st.contains(&State::Consent) || st.contains(&State::Activated);
    let from = entry.at - Duration::days(WINDOW_DAYS);
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
        .filter_map(|c| {
            // What the body says is answered whatever the mood or context: cold brings warmth.
            let answers_body = c.body.iter().any(|b| entry.body.contains(b));
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
            Some((score + 2 * i32::from(answers_body), spread(&entry.id, &c.id), c, answers_body))
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

/// A personal safety plan (Stanley & Brown), kept in the encrypted journal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct AftercareNeeds {
    /// Closeness or space.
    pub closeness: Option<Closeness>,
    /// Aftercare item ids (from the shipped list).
    pub items: Vec<String>,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

    /// Trims each field and checks its length.
    pub fn validate(&mut self) -> Result<(), ValidationError> {
        for (field, value) in self.fields() {
            if value.trim().chars().count() > MAX_SHORT_CHARS {
                return Err(ValidationError::new(field, "at most 60 characters"));
            }
        }
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

/// The care record: one encrypted record per journal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CareRecord {
    /// The safety plan.
    pub safety_plan: SafetyPlan,
    /// My aftercare needs.
    pub aftercare_needs: AftercareNeeds,
    /// Saved numbers.
    pub numbers: SupportNumbers,
    /// The person agreed to keep the numbers outside the encryption too.
    pub numbers_outside: bool,
    /// What the pattern rule remembers.
    pub memory: CareMemory,
    /// Entries whose check-in was answered elsewhere or set aside.
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
    /// Overwrites every personal string in memory.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        let p = &mut self.safety_plan;
        for s in [&mut p.warning_signs, &mut p.what_helps, &mut p.people, &mut p.professionals, &mut p.safer_space] {
            s.zeroize();
        }
        let n = &mut self.aftercare_needs;
        for s in [&mut n.closeness_note, &mut n.words_note, &mut n.body_note, &mut n.later_note, &mut n.other_note] {
            s.zeroize();
        }
        let n = &mut self.numbers;
        for s in
            [&mut n.emergency, &mut n.crisis_line, &mut n.assault_service, &mut n.trusted_name, &mut n.trusted_number]
        {
            s.zeroize();
        }
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
}

/// An entry whose "check in with me later" is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueCheckIn {
    /// The entry.
    pub id: String,
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// Its quadrant.
    pub quadrant: Quadrant,
    /// What was asked for.
    pub check_in: crate::model::CheckIn,
    /// When it became due.
    pub due: DateTime<FixedOffset>,
    /// When it stops being asked about, if it is left alone.
    pub until: DateTime<FixedOffset>,
}

/// A check-in not answered within this many days of falling due is no longer asked about: an old
/// question would read as a reminder of something missed.
pub const CHECK_IN_STALE_DAYS: i64 = 3;

/// Entries whose check-in is due at `now`, newest first: asked for, due within the last
/// [`CHECK_IN_STALE_DAYS`], not set aside, and not yet answered by an entry that follows them.
pub fn due_check_ins<'e>(
    entries: impl Iterator<Item = &'e Entry> + Clone,
    done: &[String],
    now: DateTime<FixedOffset>,
) -> Vec<DueCheckIn> {
    let answered: BTreeSet<&str> = entries.clone().filter_map(|e| e.follows.as_deref()).collect();
    let mut due: Vec<DueCheckIn> = entries
        .filter_map(|e| {
            let c = e.check_in?;
            let at = c.due(e.created);
            let fresh = now - at < Duration::days(CHECK_IN_STALE_DAYS);
            (at <= now && fresh && !answered.contains(e.id.as_str()) && !done.contains(&e.id)).then(|| DueCheckIn {
                id: e.id.clone(),
                at: e.at,
                quadrant: e.quadrant,
                check_in: c,
                due: at,
                until: at + Duration::days(CHECK_IN_STALE_DAYS),
            })
        })
        .collect();
    due.sort_by_key(|d| std::cmp::Reverse(d.at));
    due
}

#[cfg(test)]
mod tests;
