//! What Tend says back (CONTENT.md sections c, d and e): the shipped prompts, coping ideas,
//! explainers and safety cards, and the pure rules that choose, for one entry and its recent
//! history, one prompt, up to three coping ideas and at most one support card.
//!
//! Selection reads no clock and no text the person wrote: only the entry's mood, chosen words,
//! chips, choice check and timing (CONTENT.md e0.3: no text analysis, no risk scoring). An entry
//! with no mood recorded is routed by the rest alone, never by a mood made up for it.
//!
//! Its rooms: `content` (the shipped content and [`shipped`]), `select` (state and context keys,
//! fit, the pattern rule and [`select()`]), `record` (the care record the person keeps) and
//! `check_ins` (the check-ins due now). Everything is used from here, as `care::X`.

mod check_ins;
mod content;
mod record;
mod select;

pub use check_ins::{due_check_ins, DueCheckIn, CHECK_IN_STALE_DAYS};
pub use content::{
    shipped, Block, Card, CardId, CareContent, Context, CopingIdea, Explainer, Grounding, LeadsTo, Need, Prompt,
    Review, State, SupportAsk, SupportChoice,
};
pub use record::{
    AftercareNeeds, CareRecord, CareState, Closeness, SafetyPlan, SupportInfo, SupportNumbers, MAX_NOTE_CHARS,
};
pub use select::{
    contexts_of, pattern_fires, select, states_of, window_start, CareMemory, Offer, PatternShown, MAX_IDEAS, MOST_DAYS,
    PATTERN_MIN, WINDOW_DAYS,
};

#[cfg(test)]
mod tests;
