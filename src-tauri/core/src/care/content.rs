//! The shipped care content, read once from `content/care.json` into the types that the rules,
//! the window and `tend care` share, so a wrong key or field fails the tests, never a person.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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
    /// Alcohol or other substances were part of it.
    Substances,
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
    /// What it offers a way to, for a closed prompt shown when grounding comes first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leads_to: Option<LeadsTo>,
}

/// What a prompt offers a way to when grounding comes first and there is no writing box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LeadsTo {
    /// The grounding exercise.
    Grounding,
    /// The support options.
    Support,
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
    /// States in which it is never offered, however well it fits otherwise (repair with a
    /// partner is not suggested when a choice didn't feel free).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<State>,
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
    /// Other explainers it leads on to, by id ("if something didn't feel okay" leads to consent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<String>,
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
    /// Urgent physical care (e5): get help promptly, or get checked today.
    Medical,
    /// A barrier broke or slipped: calm words on testing and the time limits of PEP and
    /// emergency contraception (b5).
    SaferSex,
}

/// One block of a card: a paragraph, a list, small print, the place for saved numbers, or the
/// paragraph for when no saved number shows.
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
    /// A paragraph shown only when no saved emergency number can be shown (none saved, or
    /// locked): how to reach emergency services anyway.
    #[serde(default, rename = "noNumber", skip_serializing_if = "Option::is_none")]
    pub no_number: Option<String>,
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

/// A clinical review of the shipped text: when, and by whom (named by role, such as "a clinical
/// psychologist who is sex-therapy and kink-aware").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Review {
    /// When (YYYY-MM-DD).
    pub date: String,
    /// The reviewer's role.
    pub reviewer: String,
}

/// What "Need support now?" asks first, so it leads with what fits: no one who is unsure what
/// happened is met with words about self-harm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SupportAsk {
    /// Shown before anything is chosen: how to reach help in danger.
    pub danger: String,
    /// The question over the choices.
    pub question: String,
    /// The choices, in order.
    pub choices: Vec<SupportChoice>,
}

/// One answer to "what's happening?" and what it leads with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SupportChoice {
    /// Stable id (the window opens at `unwanted` after an entry with an unsure or no choice).
    pub id: String,
    /// The words on the button.
    pub label: String,
    /// The card it leads with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardId>,
    /// Leads with the grounding exercise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grounding: bool,
}

/// Everything in `content/care.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CareContent {
    /// Version of the content file.
    pub version: u32,
    /// The clinical review of the safety and consent text, once one has happened; until then
    /// none is claimed (CONTENT.md e0.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// The line under every screen.
    pub footer: String,
    /// What "Need support now?" asks first.
    pub support: SupportAsk,
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
        serde_json::from_str(include_str!("../../content/care.json")).expect("content/care.json is checked by tests")
    })
}

impl CareContent {
    /// Checks what an entry refers to in the care content (today: the prompt its text
    /// answers). The one place such references are checked.
    pub fn check_refs(&self, input: &crate::model::EntryInput) -> Result<(), crate::error::ValidationError> {
        match input.prompt.as_deref() {
            Some(p) if self.prompt(p).is_none() => {
                Err(crate::error::ValidationError::new("prompt", "unknown prompt id"))
            }
            _ => Ok(()),
        }
    }

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
