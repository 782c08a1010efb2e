//! Table tests of the selection rules, and checks of the shipped care content.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset};

use super::select::fit;
use super::*;
use crate::model::{CheckIn, Choice, Entry, EntryInput, EntryPayload, Timing, Vocabulary};
use crate::words;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// A small builder: `e("id").mood(-0.6, -0.5).words(&["tearful"]).ctx(&["solo"])`.
#[derive(Clone)]
struct B(EntryInput, String, DateTime<FixedOffset>);

fn e(id: &str) -> B {
    B(EntryInput::with_mood(0.0, 0.0), id.to_owned(), t("2026-03-10T23:00:00+01:00"))
}

impl B {
    fn mood(mut self, p: f64, en: f64) -> B {
        self.0.mood = Some(crate::model::Mood { pleasantness: p, energy: en });
        self
    }
    fn heavy(self) -> B {
        self.mood(-0.6, -0.5)
    }
    fn tense(self) -> B {
        self.mood(-0.6, 0.5)
    }
    fn bright(self) -> B {
        self.mood(0.7, 0.6)
    }
    fn calm(self) -> B {
        self.mood(0.6, -0.5)
    }
    fn words(mut self, w: &[&str]) -> B {
        self.0.emotions = w.iter().map(|s| s.to_string()).collect();
        self
    }
    fn ctx(mut self, c: &[&str]) -> B {
        self.0.context = c.iter().map(|s| s.to_string()).collect();
        self
    }
    fn body(mut self, b: &[&str]) -> B {
        self.0.body = b.iter().map(|s| s.to_string()).collect();
        self
    }
    fn choice(mut self, c: Choice) -> B {
        self.0.choice = Some(c);
        self
    }
    fn timing(mut self, tm: Timing) -> B {
        self.0.timing = Some(tm);
        self
    }
    fn wanted(mut self, w: &[&str]) -> B {
        self.0.aftercare_wanted = w.iter().map(|s| s.to_string()).collect();
        self
    }
    fn at(mut self, s: &str) -> B {
        self.2 = t(s);
        self
    }
    fn days_before(mut self, base: &str, d: i64) -> B {
        self.2 = t(base) - Duration::days(d);
        self
    }
    fn build(self) -> Entry {
        let mut input = self.0;
        input.validate(words::shipped(), &Vocabulary::default()).expect("test entries use shipped words");
        let p = EntryPayload { at: self.2, created: self.2, updated: self.2, input };
        Entry::from_payload(self.1, p, words::shipped(), &Vocabulary::default())
    }
}

fn offer(entry: &Entry) -> Offer<'static> {
    select(shipped(), words::shipped(), entry, &[], &CareMemory::default(), entry.at)
}

fn prompt_id(o: &Offer<'_>) -> &'static str {
    let id = o.prompt.expect("every entry gets a prompt").id.as_str();
    shipped().prompt(id).unwrap().id.as_str()
}

fn idea_ids(o: &Offer<'_>) -> Vec<String> {
    o.coping.iter().map(|c| c.id.clone()).collect()
}

fn card(o: &Offer<'_>) -> Option<CardId> {
    o.card.map(|c| c.id)
}

#[test]
fn state_keys_come_from_the_entry() {
    let cases: Vec<(Entry, &[State])> = vec![
        (e("a").bright().build(), &[State::Bright, State::Now]),
        (e("a").calm().timing(Timing::LaterThatDay).build(), &[State::Calm]),
        (e("a").tense().timing(Timing::NextDay).build(), &[State::Tense, State::Later]),
        (e("a").heavy().words(&["numb"]).timing(Timing::DaysLater).build(), &[State::Heavy, State::Numb, State::Later]),
        (e("a").words(&["floaty"]).build(), &[State::Mixed, State::Numb, State::Now]),
        (e("a").calm().words(&["floaty"]).build(), &[State::Calm, State::Now]),
        (e("a").tense().words(&["ashamed"]).build(), &[State::Tense, State::Shame, State::Now]),
        (e("a").heavy().words(&["down-on-myself"]).build(), &[State::Heavy, State::Shame, State::Now]),
        (e("a").bright().body(&["memories"]).build(), &[State::Bright, State::Activated, State::Now]),
        (e("a").calm().body(&["not-in-body"]).build(), &[State::Calm, State::Activated, State::Now]),
        (e("a").calm().ctx(&["kink-bottom"]).body(&["floaty-spacey"]).build(), &[State::Calm, State::Now]),
        // The retired item that said both is read by the entry's mood.
        (e("a").calm().body(&["far-away"]).build(), &[State::Calm, State::Now]),
        (e("a").heavy().body(&["far-away"]).build(), &[State::Heavy, State::Activated, State::Now]),
        (e("a").heavy().choice(Choice::Unsure).build(), &[State::Heavy, State::Consent, State::Now]),
        (e("a").heavy().choice(Choice::No).build(), &[State::Heavy, State::Consent, State::Now]),
        (e("a").heavy().choice(Choice::Mostly).build(), &[State::Heavy, State::Now]),
        (e("a").calm().wanted(&["cuddling"]).build(), &[State::Calm, State::Unmet, State::Now]),
        // Words on both sides make it Mixed.
        (e("a").bright().words(&["joyful", "sad"]).build(), &[State::Mixed, State::Now]),
    ];
    for (entry, want) in cases {
        let got: Vec<State> = states_of(&entry).into_iter().collect();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{:?} {:?}", entry.emotions, entry.body);
    }
    // Got and wanted the same: nothing unmet.
    let mut met = e("a").calm().wanted(&["cuddling"]).build();
    met.aftercare_got = vec!["cuddling".into()];
    assert!(!states_of(&met).contains(&State::Unmet));
}

#[test]
fn context_keys_come_from_the_chips() {
    let cases: [(&[&str], &[Context]); 11] = [
        (&["solo"], &[Context::Solo]),
        (&["regular-partner"], &[Context::Partner]),
        (&["new-partner"], &[Context::Casual]),
        (&["more-than-one"], &[Context::Multi]),
        (&["remote"], &[Context::Remote]),
        (&["kink-top"], &[Context::Top]),
        (&["kink-bottom"], &[Context::Bottom]),
        (&["kink-switch"], &[Context::Top, Context::Bottom]),
        (&["making-out", "kink-none", "very-tired"], &[]),
        (&["alcohol"], &[Context::Substances]),
        (&["other-substances", "alcohol"], &[Context::Substances]),
    ];
    for (chips, want) in cases {
        let got: Vec<Context> = contexts_of(&e("a").ctx(chips).build()).into_iter().collect();
        assert_eq!(got, want.to_vec(), "{chips:?}");
    }
}

/// Every quadrant, and every context alone, gets a prompt that suits it, and each context key
/// gets a prompt written for that context somewhere across the quadrants.
#[test]
fn every_state_and_context_gets_a_fitting_prompt() {
    let moods: [(&str, f64, f64); 5] =
        [("bright", 0.7, 0.6), ("calm", 0.6, -0.5), ("tense", -0.6, 0.5), ("heavy", -0.6, -0.5), ("mixed", 0.0, 0.05)];
    let chips: [(&str, Context); 8] = [
        ("", Context::Any),
        ("solo", Context::Solo),
        ("regular-partner", Context::Partner),
        ("new-partner", Context::Casual),
        ("more-than-one", Context::Multi),
        ("remote", Context::Remote),
        ("kink-top", Context::Top),
        ("kink-bottom", Context::Bottom),
    ];
    for (chip, key) in chips {
        let mut written_for_it = false;
        for (name, p, en) in moods {
            for id in ["e1", "e2", "e3", "e4"] {
                let mut b = e(id).mood(p, en);
                if !chip.is_empty() {
                    b = b.ctx(&[chip]);
                }
                let entry = b.build();
                let o = offer(&entry);
                let pr = o.prompt.unwrap_or_else(|| panic!("no prompt for {name}/{chip}"));
                let st = states_of(&entry);
                let cx = contexts_of(&entry);
                written_for_it |= pr.contexts.contains(&key);
                assert!(!o.coping.is_empty() && o.coping.len() <= MAX_IDEAS, "{name}/{chip}");
                for c in &o.coping {
                    assert!(fit(&c.states, &c.contexts, &st, &cx).is_some(), "{} does not suit {name}/{chip}", c.id);
                }
                assert_eq!(o.card, None, "{name}/{chip}: no card without a reason");
            }
        }
        assert!(written_for_it, "no prompt written for {key:?} was ever chosen");
    }
}

#[test]
fn fitting_prompts_for_each_context_and_state() {
    // (entry, prompts that fit best: the choice must be one of them)
    let cases: Vec<(Entry, &[&str])> = vec![
        (e("x").heavy().words(&["tearful"]).build(), &["p04", "p05", "p06", "p08", "p26"]),
        (e("x").calm().ctx(&["solo"]).build(), &["p17"]),
        (e("x").heavy().words(&["ashamed"]).ctx(&["solo"]).build(), &["p18"]),
        (e("x").tense().words(&["ashamed"]).ctx(&["regular-partner"]).build(), &["p09"]),
        (e("x").tense().ctx(&["new-partner"]).build(), &["p19", "p09"]),
        (e("x").calm().ctx(&["new-partner"]).build(), &["p20"]),
        (e("x").tense().ctx(&["more-than-one"]).build(), &["p23", "p09"]),
        (e("x").calm().ctx(&["remote"]).build(), &["p24"]),
        (e("x").heavy().ctx(&["kink-top"]).build(), &["p22"]),
        (e("x").calm().ctx(&["kink-bottom"]).build(), &["p21"]),
        (e("x").calm().ctx(&["regular-partner"]).wanted(&["cuddling"]).build(), &["p14", "p15"]),
        (e("x").bright().build(), &["p13", "p16"]),
        (e("x").calm().build(), &["p12", "p13", "p16"]),
        (e("x").mood(0.0, 0.05).words(&["bittersweet"]).build(), &["p03", "p02"]),
        (e("x").tense().words(&["irritable"]).build(), &["p07", "p08", "p09", "p10", "p11"]),
        (e("x").mood(0.3, 0.3).timing(Timing::NextDay).build(), &["p25", "p06", "p13", "p16"]),
        (e("x").heavy().words(&["drained"]).timing(Timing::NextDay).build(), &["p06", "p26"]),
    ];
    for (entry, want) in cases {
        let o = offer(&entry);
        assert!(want.contains(&prompt_id(&o)), "{:?} {:?} got {}", o.states, o.contexts, prompt_id(&o));
    }
}

/// Memories surfacing or an unsure choice: never an open-ended prompt, grounding first, no writing
/// exercises; and an unsure or "no" choice always brings the consent card.
#[test]
fn guarded_moments_get_grounding_and_never_open_writing() {
    let content = shipped();
    let mut n = 0;
    for (mname, p, en) in [("bright", 0.7, 0.6), ("calm", 0.6, -0.5), ("tense", -0.6, 0.5), ("heavy", -0.6, -0.5)] {
        for chip in ["", "solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom"]
        {
            for guard in ["memories", "not-in-body", "unsure", "no", "memories+unsure"] {
                for id in ["a1", "b2", "c3"] {
                    let mut b = e(id).mood(p, en).words(&["raw"]);
                    if !chip.is_empty() {
                        b = b.ctx(&[chip]);
                    }
                    if guard.contains("memories") {
                        b = b.body(&["memories"]);
                    }
                    if guard == "not-in-body" {
                        b = b.body(&["not-in-body"]);
                    }
                    if guard.contains("unsure") {
                        b = b.choice(Choice::Unsure);
                    }
                    if guard == "no" {
                        b = b.choice(Choice::No);
                    }
                    let o = offer(&b.build());
                    let case = format!("{mname}/{chip}/{guard}");
                    assert!(o.grounding_first, "{case}");
                    let pr = o.prompt.unwrap_or_else(|| panic!("{case}: no prompt"));
                    assert!(!pr.open, "{case}: open prompt {}", pr.id);
                    assert!(o.coping.iter().all(|c| !c.writing && c.need != "make-sense"), "{case}");
                    let first = o.coping.first().unwrap_or_else(|| panic!("{case}: no ideas"));
                    assert_eq!(first.need, "settle-body", "{case}: grounding first");
                    assert!(first.states.contains(&State::Activated), "{case}: {} is not grounding", first.id);
                    let same = content.grounding.idea.as_deref().unwrap();
                    assert!(!idea_ids(&o).iter().any(|i| i == same), "{case}: the exercise twice");
                    if guard.contains("unsure") || guard == "no" {
                        assert_eq!(card(&o), Some(CardId::Consent), "{case}");
                        assert_eq!(pr.id, "p29", "{case}");
                        assert!(idea_ids(&o).contains(&"c27".to_owned()), "{case}");
                    } else {
                        assert!(["p07", "p27", "p28"].contains(&pr.id.as_str()), "{case}: {}", pr.id);
                        assert_eq!(card(&o), None, "{case}");
                    }
                    n += 1;
                }
            }
        }
    }
    assert_eq!(n, 4 * 8 * 5 * 3);
    // The prompts the guarded moments draw on are all closed.
    for p in &content.prompts {
        if p.states.contains(&State::Activated) || p.states.contains(&State::Consent) {
            assert!(!p.open, "{}", p.id);
        }
    }
}

#[test]
fn cards_follow_the_entry_one_at_most_in_order() {
    let urgent: Vec<&str> = words::shipped().body.iter().filter(|b| b.urgent).map(|b| b.id.as_str()).collect();
    assert!(urgent.len() >= 6);
    // Only the pattern card waits behind grounding; every other card is about safety.
    let waits: Vec<CardId> = shipped().cards.iter().filter(|c| c.waits).map(|c| c.id).collect();
    assert_eq!(waits, [CardId::TalkToSomeone]);
    for u in &urgent {
        assert_eq!(card(&offer(&e("x").calm().body(&[u]).build())), Some(CardId::Medical), "{u}");
    }
    assert_eq!(card(&offer(&e("x").calm().body(&["sore", "marks"]).build())), None);
    let hopeless = offer(&e("x").heavy().words(&["hopeless"]).build());
    assert_eq!(card(&hopeless), Some(CardId::GentleSupport));
    assert!(!hopeless.support_too);
    assert!(hopeless.card.unwrap().actions.contains(&"support".to_owned()), "a way to support from the gentle card");
    assert_eq!(card(&offer(&e("x").heavy().words(&["sad"]).build())), None);
    // Order: consent, then medical, then support.
    // A stronger card takes the one place; "hopeless" then still gets a way to support beside it.
    let all = offer(&e("x").heavy().words(&["hopeless"]).body(&["bleeding"]).choice(Choice::Unsure).build());
    assert_eq!(
        (card(&all), all.support_too, all.medical_too.map(|c| c.id)),
        (Some(CardId::Consent), true, Some(CardId::Medical))
    );
    let two = offer(&e("x").heavy().words(&["hopeless"]).body(&["bleeding"]).build());
    assert_eq!((card(&two), two.support_too, two.medical_too.map(|c| c.id)), (Some(CardId::Medical), true, None));
    let consent = offer(&e("x").heavy().choice(Choice::No).build());
    assert_eq!(
        (card(&consent), consent.support_too, consent.medical_too.map(|c| c.id)),
        (Some(CardId::Consent), false, None)
    );
    // The consent card with an urgent body item: the medical words come beside it, for every
    // urgent item and both choice answers that bring the consent card.
    for u in &urgent {
        for c in [Choice::Unsure, Choice::No] {
            let both = offer(&e("x").heavy().body(&[u]).choice(c).build());
            assert_eq!(
                (card(&both), both.medical_too.map(|c| c.id)),
                (Some(CardId::Consent), Some(CardId::Medical)),
                "{u} {c:?}"
            );
        }
    }
    assert!(offer(&e("x").heavy().body(&["sore"]).choice(Choice::Unsure).build()).medical_too.is_none());
    assert_eq!(card(&offer(&e("x").heavy().choice(Choice::Mostly).build())), None);
    assert_eq!(card(&offer(&e("x").heavy().choice(Choice::Yes).build())), None);
}

const BASE: &str = "2026-03-20T22:00:00+01:00";

/// Across every body item, choice answer and quadrant, with and without "hopeless": the extras
/// beside a card only ever come with the stronger card that took their place.
#[test]
fn extras_come_only_beside_a_stronger_card() {
    let choices = [None, Some(Choice::Yes), Some(Choice::Mostly), Some(Choice::Unsure), Some(Choice::No)];
    let mut seen = (0, 0);
    for b in &words::shipped().body {
        for c in choices {
            for hopeless in [false, true] {
                for q in [B::heavy, B::tense, B::calm, B::bright] {
                    let mut x = q(e("x")).body(&[b.id.as_str()]);
                    if let Some(c) = c {
                        x = x.choice(c);
                    }
                    if hopeless {
                        x = x.words(&["hopeless"]);
                    }
                    let o = offer(&x.build());
                    let consent = matches!(c, Some(Choice::Unsure | Choice::No));
                    if let Some(m) = o.medical_too {
                        seen.0 += 1;
                        assert_eq!((m.id, card(&o)), (CardId::Medical, Some(CardId::Consent)), "{} {c:?}", b.id);
                    }
                    assert_eq!(o.medical_too.is_some(), b.urgent && consent, "{} {c:?}", b.id);
                    if o.support_too {
                        seen.1 += 1;
                        assert!(
                            matches!(card(&o), Some(CardId::Consent | CardId::Medical | CardId::SaferSex)),
                            "{} {c:?}",
                            b.id
                        );
                    }
                    // A broken barrier brings its own calm card, which takes the place too.
                    let barrier = b.id == "risk-worry";
                    assert_eq!(o.support_too, hopeless && (consent || b.urgent || barrier), "{} {c:?}", b.id);
                }
            }
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
}

fn heavy_days(days: &[i64]) -> Vec<Entry> {
    days.iter().map(|d| e(&format!("h{d}")).heavy().days_before(BASE, *d).build()).collect()
}

#[test]
fn the_pattern_card_needs_three_heavy_or_tense_in_fourteen_days() {
    let mem = CareMemory::default();
    let now = e("now").heavy().at(BASE).build();
    let pick = |history: &[Entry], entry: &Entry, mem: &CareMemory| {
        let refs: Vec<&Entry> = history.iter().collect();
        card(&select(shipped(), words::shipped(), entry, &refs, mem, entry.at))
    };
    // Two before plus this one: fires.
    assert_eq!(pick(&heavy_days(&[1, 13]), &now, &mem), Some(CardId::TalkToSomeone));
    // One before: not enough.
    assert_eq!(pick(&heavy_days(&[1]), &now, &mem), None);
    // Outside the window (14 days or more ago) does not count.
    assert_eq!(pick(&heavy_days(&[1, 14]), &now, &mem), None);
    // Entries after this one do not count.
    assert_eq!(pick(&heavy_days(&[1, -1]), &now, &mem), None);
    // Tense counts like heavy; bright and calm do not.
    let mut mixed = heavy_days(&[2]);
    mixed.push(e("t").tense().days_before(BASE, 3).build());
    assert_eq!(pick(&mixed, &now, &mem), Some(CardId::TalkToSomeone));
    let mut light = heavy_days(&[2]);
    light.push(e("b").bright().days_before(BASE, 3).build());
    light.push(e("c").calm().days_before(BASE, 4).build());
    assert_eq!(pick(&light, &now, &mem), None);
    // A bright entry after heavy days does not bring it.
    let bright_now = e("now").bright().at(BASE).build();
    assert_eq!(pick(&heavy_days(&[1, 2, 3]), &bright_now, &mem), None);
    // "Don't show these again".
    let off = CareMemory { pattern_cards: false, pattern_last: None };
    assert_eq!(pick(&heavy_days(&[1, 2, 3]), &now, &off), None);
    // A stronger card wins over it.
    let hopeless = e("now").heavy().words(&["hopeless"]).at(BASE).build();
    assert_eq!(pick(&heavy_days(&[1, 2]), &hopeless, &mem), Some(CardId::GentleSupport));
}

/// The second pattern rule: entries on most days of the 14, whatever their mood, and this one
/// heavy or tense.
#[test]
fn the_pattern_card_also_fires_for_entries_on_most_days() {
    let mem = CareMemory::default();
    let pick = |days: &[i64], entry: &Entry| {
        let history: Vec<Entry> =
            days.iter().map(|d| e(&format!("c{d}")).calm().days_before(BASE, *d).build()).collect();
        let refs: Vec<&Entry> = history.iter().collect();
        card(&select(shipped(), words::shipped(), entry, &refs, &mem, entry.at))
    };
    let heavy = e("now").heavy().at(BASE).build();
    // Seven calm days before and this one: eight days of fourteen.
    assert_eq!(pick(&[1, 2, 3, 5, 8, 10, 13], &heavy), Some(CardId::TalkToSomeone));
    // Seven days in all is not most.
    assert_eq!(pick(&[1, 2, 3, 5, 8, 10], &heavy), None);
    // Several entries on one day count as one day.
    let same_day: Vec<Entry> = (0..9i64)
        .map(|i| {
            let mut x = e(&format!("s{i}")).calm().days_before(BASE, 1).build();
            x.at += Duration::minutes(i);
            x
        })
        .collect();
    let refs: Vec<&Entry> = same_day.iter().collect();
    assert_eq!(card(&select(shipped(), words::shipped(), &heavy, &refs, &mem, heavy.at)), None);
    // Days outside the window do not count.
    assert_eq!(pick(&[1, 2, 3, 5, 8, 10, 14], &heavy), None);
    // A calm or bright entry never brings it, however often the person writes.
    let calm = e("now").calm().at(BASE).build();
    assert_eq!(pick(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], &calm), None);
    // The switch turns this rule off too.
    let off = CareMemory { pattern_cards: false, pattern_last: None };
    let history: Vec<Entry> = (1..14).map(|d| e(&format!("c{d}")).calm().days_before(BASE, d).build()).collect();
    let refs: Vec<&Entry> = history.iter().collect();
    assert_eq!(card(&select(shipped(), words::shipped(), &heavy, &refs, &off, heavy.at)), None);
}

/// Shown once, then it rests for 14 days; the same entry keeps its card when looked at again.
#[test]
fn the_pattern_card_rests_for_fourteen_days_after_showing() {
    let history = heavy_days(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    let refs: Vec<&Entry> = history.iter().collect();
    let first = &history[history.len() - 1]; // 24 days before BASE
    let mut mem = CareMemory::default();
    let mut shown = Vec::new();
    // Walk forward in time as a person would: one heavy entry a day.
    let mut by_time: Vec<&Entry> = refs.clone();
    by_time.sort_by_key(|e| e.at);
    for entry in by_time {
        let o = select(shipped(), words::shipped(), entry, &refs, &mem, entry.at);
        if card(&o) == Some(CardId::TalkToSomeone) {
            shown.push(entry.id.clone());
            mem.pattern_last = Some(PatternShown { entry: entry.id.clone(), at: entry.at });
        }
    }
    // Third heavy day (22 days before) fires; it rests until 14 days later (8 days before).
    assert_eq!(shown, vec!["h22".to_owned(), "h8".to_owned()], "first was {}", first.id);
    // Looking at the entry it was shown after again still shows it; others in the rest do not.
    let again = refs.iter().find(|e| e.id == "h8").unwrap();
    assert_eq!(card(&select(shipped(), words::shipped(), again, &refs, &mem, again.at)), Some(CardId::TalkToSomeone));
    let later = refs.iter().find(|e| e.id == "h7").unwrap();
    assert_eq!(card(&select(shipped(), words::shipped(), later, &refs, &mem, later.at)), None);
}

#[test]
fn recent_answers_make_room_for_other_prompts() {
    let entry = e("x").calm().ctx(&["solo"]).build();
    let first = prompt_id(&offer(&entry));
    let mut before = e("y").calm().days_before("2026-03-10T23:00:00+01:00", 1).build();
    before.prompt = Some(first.to_owned());
    let o = select(shipped(), words::shipped(), &entry, &[&before], &CareMemory::default(), entry.at);
    assert_ne!(prompt_id(&o), first);
}

#[test]
fn selection_is_stable_and_varies_between_entries() {
    let a = e("11111111-0000-0000-0000-000000000000").heavy().words(&["tearful"]).build();
    assert_eq!(offer(&a), offer(&a.clone()));
    let prompts: BTreeSet<&str> = (0..40)
        .map(|i| {
            let entry = e(&format!("{i:08}-aaaa-bbbb-cccc-dddddddddddd")).heavy().words(&["tearful"]).build();
            prompt_id(&offer(&entry))
        })
        .collect();
    assert!(prompts.len() >= 3, "heavy entries always meet the same prompt: {prompts:?}");
}

#[test]
fn ideas_are_varied_and_fit_the_moment() {
    let o = offer(&e("x").heavy().words(&["tearful"]).build());
    let needs: BTreeSet<&str> = o.coping.iter().map(|c| c.need.as_str()).collect();
    assert_eq!(o.coping.len(), 3);
    assert!(needs.len() >= 2, "{:?}", idea_ids(&o));
    // Writing and "make sense" ideas wait for later.
    assert!(o.coping.iter().all(|c| c.need != "make-sense"));
    let later = offer(&e("x").mood(0.0, 0.05).words(&["bittersweet"]).timing(Timing::NextDay).build());
    assert!(
        later.coping.iter().any(|c| c.need == "make-sense" || c.states.contains(&State::Later)),
        "{:?}",
        idea_ids(&later)
    );
    // Review and planning ideas are never offered for an entry.
    for entry in [e("x").heavy().build(), e("x").calm().ctx(&["regular-partner"]).build()] {
        for c in offer(&entry).coping {
            assert!(!["c16", "c23", "c26", "c28"].contains(&c.id.as_str()), "{}", c.id);
        }
    }
}

#[test]
fn what_the_body_says_brings_fitting_ideas_forward() {
    let answered: BTreeSet<&str> = shipped().coping.iter().flat_map(|c| c.body.iter().map(String::as_str)).collect();
    assert!(answered.len() >= 15);
    for body in answered {
        for (id, mood) in [("a", (-0.6, -0.5)), ("b", (-0.6, 0.5)), ("c", (0.6, -0.5)), ("d", (0.6, 0.5))] {
            let entry = e(id).mood(mood.0, mood.1).ctx(&["kink-bottom"]).body(&[body]).build();
            let o = offer(&entry);
            let guarded = o.grounding_first;
            assert!(
                o.coping.iter().any(|c| c.body.iter().any(|b| b == body)) || guarded,
                "{body} {mood:?}: {:?}",
                idea_ids(&o)
            );
        }
    }
    // Extra support steps back for a single heavy entry.
    for id in ["a", "b", "c", "d", "e", "f"] {
        assert!(!idea_ids(&offer(&e(id).heavy().words(&["drained"]).build())).contains(&"c25".to_owned()));
    }
}

/// Words about the moment just past ("tonight", "as your body comes back") are not offered days
/// later; the day-after prompts are.
#[test]
fn later_entries_never_meet_words_for_right_after() {
    let chips = ["", "solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom"];
    let mut later_prompts = BTreeSet::new();
    for (i, (p, en)) in [(0.7, 0.6), (0.6, -0.5), (-0.6, 0.5), (-0.6, -0.5), (0.0, 0.05)].into_iter().enumerate() {
        for chip in chips {
            for timing in [Timing::NextDay, Timing::DaysLater] {
                for k in 0..3 {
                    let mut b = e(&format!("{i}{chip}{k}")).mood(p, en).timing(timing);
                    if !chip.is_empty() {
                        b = b.ctx(&[chip]);
                    }
                    let o = offer(&b.build());
                    let pr = o.prompt.unwrap();
                    assert!(!pr.states.contains(&State::Now), "{} offered {timing:?} for {chip}", pr.id);
                    assert!(o.coping.iter().all(|c| !c.states.contains(&State::Now)), "{chip} {timing:?}");
                    later_prompts.insert(pr.id.clone());
                }
            }
        }
    }
    assert!(later_prompts.contains("p25"), "{later_prompts:?}");
    for id in ["p17", "p20", "p21"] {
        assert!(shipped().prompt(id).unwrap().states.contains(&State::Now), "{id} speaks of right after");
    }
}

#[test]
fn stale_check_ins_are_not_asked_about() {
    let mut old = e("old").heavy().at("2026-03-01T22:00:00+01:00").build();
    old.check_in = Some(CheckIn::FewHours);
    let due = |now: &str| due_check_ins([old.clone()].iter(), &[], t(now)).len();
    assert_eq!(due("2026-03-02T01:00:00+01:00"), 1);
    assert_eq!(due("2026-03-05T00:59:00+01:00"), 1);
    assert_eq!(due("2026-03-05T01:00:00+01:00"), 0, "three days after it fell due");
    // It says when it stops being asked about: the first moment it is no longer due.
    let until = due_check_ins([old.clone()].iter(), &[], t("2026-03-02T01:00:00+01:00"))[0].until;
    assert_eq!(until, t("2026-03-05T01:00:00+01:00"));
}

/// Entries and the aftercare card store ids; an id once shipped never disappears, so every id in
/// `content/ids.txt` must still exist, and every shipped id must be listed there.
#[test]
fn shipped_ids_never_disappear() {
    let listed: BTreeSet<&str> = include_str!("../../content/ids.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let w = words::shipped();
    let c = shipped();
    let mut now: BTreeSet<String> = BTreeSet::new();
    now.extend(w.emotions.iter().map(|x| format!("emotion:{}", x.id)));
    now.extend(w.contexts.iter().map(|x| format!("context:{}", x.id)));
    now.extend(w.aftercare.iter().map(|x| format!("aftercare:{}", x.id)));
    now.extend(w.body.iter().map(|x| format!("body:{}", x.id)));
    now.extend(w.labels.iter().map(|x| format!("label:{}", x.id)));
    now.extend(c.prompts.iter().map(|x| format!("prompt:{}", x.id)));
    now.extend(c.coping.iter().map(|x| format!("idea:{}", x.id)));
    now.extend(c.explainers.iter().map(|x| format!("explainer:{}", x.id)));
    for id in &listed {
        assert!(now.contains(*id), "{id} was shipped once and is gone");
    }
    for id in &now {
        assert!(listed.contains(id.as_str()), "{id} is new: add it to content/ids.txt");
    }
}

#[test]
fn check_ins_fall_due_and_end_when_answered_or_set_aside() {
    let saved = t("2026-03-10T23:00:00+01:00");
    assert_eq!(CheckIn::FewHours.due(saved), t("2026-03-11T02:00:00+01:00"));
    assert_eq!(CheckIn::Tomorrow.due(saved), t("2026-03-11T09:00:00+01:00"));
    assert_eq!(CheckIn::Tomorrow.due(t("2026-03-11T01:30:00+01:00")), t("2026-03-11T09:00:00+01:00"));
    assert_eq!(CheckIn::Tomorrow.due(t("2026-12-31T20:00:00-05:00")), t("2027-01-01T09:00:00-05:00"));

    let mut first = e("first").heavy().build();
    first.check_in = Some(CheckIn::Tomorrow);
    let mut other = e("other").calm().at("2026-03-09T20:00:00+01:00").build();
    other.check_in = Some(CheckIn::FewHours);
    let entries = vec![first.clone(), other.clone()];
    let ids = |now: &str, list: &[Entry], done: &[String]| -> Vec<String> {
        due_check_ins(list.iter(), done, t(now)).into_iter().map(|d| d.id).collect()
    };
    assert_eq!(ids("2026-03-09T21:00:00+01:00", &entries, &[]), Vec::<String>::new());
    assert_eq!(ids("2026-03-10T23:30:00+01:00", &entries, &[]), vec!["other"]);
    assert_eq!(ids("2026-03-11T09:00:00+01:00", &entries, &[]), vec!["first", "other"]);
    assert_eq!(ids("2026-03-11T09:00:00+01:00", &entries, &["other".to_owned()]), vec!["first"]);
    let mut answer = e("answer").calm().at("2026-03-11T10:00:00+01:00").build();
    answer.follows = Some("first".into());
    let with_answer = vec![first, other, answer];
    assert_eq!(ids("2026-03-11T11:00:00+01:00", &with_answer, &[]), vec!["other"]);
}

// ---- Content checks ----

fn all_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

#[test]
fn content_ids_are_unique_stable_and_complete() {
    let c = shipped();
    assert_eq!(c.version, 1);
    let mut ids: Vec<&str> = Vec::new();
    ids.extend(c.needs.iter().map(|x| x.id.as_str()));
    ids.extend(c.prompts.iter().map(|x| x.id.as_str()));
    ids.extend(c.coping.iter().map(|x| x.id.as_str()));
    ids.extend(c.explainers.iter().map(|x| x.id.as_str()));
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");
    assert!(ids.iter().all(|i| i.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
    assert_eq!(c.prompts.len(), 34);
    assert_eq!(c.coping.len(), 35);
    let cards: std::collections::HashSet<CardId> = c.cards.iter().map(|x| x.id).collect();
    assert_eq!(cards.len(), 7);
    assert_eq!(c.cards.len(), 7);
    for id in ["post-sex-blues", "drop", "aftercare", "consent"] {
        assert!(c.explainers.iter().any(|x| x.id == id), "{id}");
    }
    // An explainer leads on only to other explainers that are shipped.
    for x in &c.explainers {
        for to in &x.see {
            assert!(to != &x.id && c.explainers.iter().any(|y| &y.id == to), "{} leads to {to}", x.id);
        }
    }
    // References resolve: every idea's need exists, and every need has ideas.
    let needs: BTreeSet<&str> = c.needs.iter().map(|x| x.id.as_str()).collect();
    for idea in &c.coping {
        assert!(needs.contains(idea.need.as_str()), "{}: {}", idea.id, idea.need);
    }
    for need in &c.needs {
        assert!(c.coping.iter().any(|i| i.need == need.id), "{} is empty", need.id);
    }
    // Body items an idea answers are shipped body items.
    for idea in &c.coping {
        for b in &idea.body {
            assert!(words::shipped().body_item(b).is_some(), "{}: unknown body item {b}", idea.id);
        }
    }
    // Card actions are ones the app knows; the support card has a place for saved numbers.
    let known = ["safety-plan", "grounding", "back", "numbers", "coping", "not-now", "never", "support"];
    for card in &c.cards {
        assert!(card.actions.iter().all(|a| known.contains(&a.as_str())), "{:?}", card.id);
        assert!(!card.blocks.is_empty());
        for b in &card.blocks {
            let kinds = [b.p.is_some(), b.list.is_some(), b.hint.is_some(), b.numbers.is_some(), b.no_number.is_some()];
            assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "{:?}: one kind per block", card.id);
        }
    }
    let support = c.card(CardId::Support).unwrap();
    assert_eq!(support.blocks.iter().filter(|b| b.numbers == Some(true)).count(), 1);
    // "Need support now?" asks first: three choices, each leading with a card that exists or
    // with grounding; self-harm, something unwanted, and settling, in that order.
    let ask = &c.support;
    let ids: Vec<&str> = ask.choices.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["harm", "unwanted", "settle"]);
    for choice in &ask.choices {
        assert!(choice.card.is_some() != choice.grounding, "{}: one lead", choice.id);
        assert!(choice.card.is_none_or(|id| c.card(id).is_some()), "{}", choice.id);
    }
    assert_eq!(ask.choices[0].card, Some(CardId::Support));
    assert_eq!(ask.choices[1].card, Some(CardId::Consent));
    assert!(
        !ask.danger.contains("harm") && ask.danger.contains("emergency"),
        "the first line is for danger, not self-harm"
    );
    // The grounding exercise names the idea it is, and that idea is a grounding one.
    let same = c.grounding.idea.as_deref().expect("the grounding exercise names its idea");
    let idea = c.coping.iter().find(|i| i.id == same).unwrap_or_else(|| panic!("unknown idea {same}"));
    assert_eq!(idea.need, "settle-body");
    // Every prompt and idea can be reached: each is chosen for some entry, or is a look-back or
    // planning item for those screens.
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let moods = [(0.7, 0.6), (0.6, -0.5), (-0.6, 0.5), (-0.6, -0.5), (0.0, 0.05)];
    let chips =
        ["", "solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom", "alcohol"];
    let extras: [&[&str]; 6] = [&[], &["ashamed"], &["numb"], &["hopeless"], &["tearful"], &["bittersweet"]];
    for (i, (p, en)) in moods.iter().enumerate() {
        for chip in chips {
            for w in extras {
                for timing in [None, Some(Timing::NextDay)] {
                    for unmet in [false, true] {
                        for guard in ["", "memories", "unsure"] {
                            for k in 0..3 {
                                let mut b = e(&format!("{i}-{chip}-{k}-{guard}")).mood(*p, *en).words(w);
                                if !chip.is_empty() {
                                    b = b.ctx(&[chip]);
                                }
                                if let Some(tm) = timing {
                                    b = b.timing(tm);
                                }
                                if unmet {
                                    b = b.wanted(&["cuddling"]);
                                }
                                if guard == "memories" {
                                    b = b.body(&["memories"]);
                                } else if guard == "unsure" {
                                    b = b.choice(Choice::Unsure);
                                }
                                // A person who answers prompts meets others in turn.
                                let entry = b.build();
                                let mut answered: Vec<Entry> = Vec::new();
                                for round in 0..4 {
                                    let refs: Vec<&Entry> = answered.iter().collect();
                                    let o = select(
                                        shipped(),
                                        words::shipped(),
                                        &entry,
                                        &refs,
                                        &CareMemory::default(),
                                        entry.at,
                                    );
                                    reached.extend(o.coping.iter().map(|c| c.id.clone()));
                                    let Some(p) = o.prompt else { break };
                                    reached.insert(p.id.clone());
                                    let mut before = e(&format!("r{round}")).at("2026-03-10T20:00:00+01:00").build();
                                    before.prompt = Some(p.id.clone());
                                    answered.push(before);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // Ideas written for a body item are reached through it.
    for b in &words::shipped().body {
        for (i, (p, en)) in moods.iter().enumerate() {
            let o = offer(&e(&format!("{i}-{}", b.id)).mood(*p, *en).body(&[b.id.as_str()]).build());
            reached.extend(o.coping.iter().map(|c| c.id.clone()));
        }
    }
    let for_screens =
        |states: &[State]| !states.is_empty() && states.iter().all(|s| matches!(s, State::Review | State::Before));
    for p in &c.prompts {
        assert!(reached.contains(&p.id) || for_screens(&p.states), "prompt {} is never offered", p.id);
    }
    for idea in &c.coping {
        assert!(reached.contains(&idea.id) || for_screens(&idea.states), "idea {} is never offered", idea.id);
    }
}

#[test]
fn prompts_are_short_single_questions_and_ideas_cite_their_evidence() {
    let c = shipped();
    for p in &c.prompts {
        let words = p.text.split_whitespace().count();
        assert!(words <= 30, "{}: {words} words", p.id);
        assert_eq!(p.text.matches('?').count(), 1, "{}: one question", p.id);
        assert!(!p.states.is_empty() && !p.contexts.is_empty(), "{}", p.id);
    }
    for idea in &c.coping {
        assert!(!idea.source.trim().is_empty(), "{} has no source", idea.id);
        assert!(idea.grade.trim().starts_with(['A', 'B', 'C', 'D']), "{} has no grade A-D: {}", idea.id, idea.grade);
        assert!(!idea.how_to.trim().is_empty() && !idea.why.trim().is_empty() && !idea.evidence.trim().is_empty());
    }
}

/// The window offers a closed prompt's way onward (grounding comes first, so no writing box) by
/// what the content says the prompt leads to, never by its id.
#[test]
fn prompts_say_what_they_lead_to() {
    let c = shipped();
    let leads: Vec<(&str, LeadsTo)> = c.prompts.iter().filter_map(|p| Some((p.id.as_str(), p.leads_to?))).collect();
    assert_eq!(leads, [("p27", LeadsTo::Grounding), ("p29", LeadsTo::Support)]);
    for p in c.prompts.iter().filter(|p| p.leads_to.is_some()) {
        // Only the closed prompts of a guarded moment are shown without a writing box.
        assert!(!p.open, "{}", p.id);
        assert!(p.states.iter().any(|s| matches!(s, State::Activated | State::Consent)), "{}", p.id);
    }
    // On the wire: camelCase, and absent where a prompt leads nowhere.
    let wire = |id: &str| serde_json::to_value(c.prompt(id).unwrap()).unwrap();
    assert_eq!(wire("p27")["leadsTo"], "grounding");
    assert_eq!(wire("p29")["leadsTo"], "support");
    assert!(wire("p28").get("leadsTo").is_none());
    // A way the window doesn't know is refused when the content loads.
    let unknown =
        r#"{"id": "x", "text": "?", "states": ["any"], "contexts": ["any"], "open": false, "leadsTo": "elsewhere"}"#;
    assert!(serde_json::from_str::<Prompt>(unknown).is_err());
}

#[test]
fn shipped_words_are_gentle() {
    let v: serde_json::Value = serde_json::from_str(include_str!("../../content/care.json")).unwrap();
    let w: serde_json::Value = serde_json::from_str(include_str!("../../content/words.json")).unwrap();
    let mut strings = Vec::new();
    all_strings(&v, &mut strings);
    all_strings(&w, &mut strings);
    assert!(strings.len() > 300);
    let banned = [
        "should",
        "must",
        "streak",
        "streaks",
        "missed",
        "fail",
        "failed",
        "failure",
        "lazy",
        "selfish",
        "pathetic",
        "dirty",
        "slutty",
        "overreacting",
        "disorder",
        "abnormal",
        "committed suicide",
    ];
    for s in &strings {
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower.split(|ch: char| !ch.is_alphanumeric()).filter(|x| !x.is_empty()).collect();
        for b in banned {
            let hit = if b.contains(' ') { lower.contains(b) } else { words.contains(&b) };
            assert!(!hit, "'{b}' in shipped text: {s}");
        }
        // Only one number is shipped as a fact, and never as a number to rely on.
        assert!(!s.contains("http") && !s.contains("www."), "no addresses: {s}");
    }
    let help = serde_json::to_string(shipped().card(CardId::FindHelp).unwrap()).unwrap();
    assert!(help.contains("112") && help.to_lowercase().contains("check"), "112 with 'check for your country'");
    let digits: Vec<String> = strings
        .iter()
        .flat_map(|s| {
            s.split(|c: char| !c.is_ascii_digit()).filter(|d| d.len() >= 3).map(str::to_owned).collect::<Vec<_>>()
        })
        .collect();
    for d in digits {
        // The emergency numbers named in the 112 fact, and the years of the sources and review.
        let year = d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1950..=2030).contains(&y));
        assert!(["112", "911", "999"].contains(&d.as_str()) || year, "a number shipped as a contact: {d}");
    }
}

#[test]
fn the_support_numbers_are_checked() {
    let mut n = SupportNumbers { emergency: "  112 ".into(), ..Default::default() };
    n.validate().unwrap();
    assert_eq!(n.emergency, "112");
    assert!(!n.is_empty());
    let mut long = SupportNumbers { trusted_name: "x".repeat(61), ..Default::default() };
    assert_eq!(long.validate().unwrap_err().field, "trustedName");
    let mut needs = AftercareNeeds { items: vec!["cuddling".into(), "cuddling".into()], ..Default::default() };
    needs.validate(words::shipped()).unwrap();
    assert_eq!(needs.items, vec!["cuddling"]);
    let mut bad = AftercareNeeds { items: vec!["nope".into()], ..Default::default() };
    assert_eq!(bad.validate(words::shipped()).unwrap_err().field, "items");
    let plan = SafetyPlan { people: "x".repeat(MAX_NOTE_CHARS + 1), ..Default::default() };
    assert_eq!(plan.validate().unwrap_err().field, "people");
}

#[test]
fn secrets_in_the_care_record_are_wiped() {
    let mut r = CareRecord::default();
    r.safety_plan.people = "Sam 0123".into();
    r.numbers.trusted_number = "0123".into();
    r.aftercare_needs.words_note = "tell me".into();
    r.wipe();
    assert!(
        r.safety_plan.people.is_empty()
            && r.numbers.trusted_number.is_empty()
            && r.aftercare_needs.words_note.is_empty()
    );
}

/// Every string the care record holds by default is the person's own text: a wipe leaves none of
/// it, including in a field added later (without `Zeroize`, or skipped, this fails).
#[test]
fn a_wipe_clears_every_text_field_of_the_care_record() {
    const CANARY: &str = "canary 0123 tell me";
    fn fill(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) => {
                *s = CANARY.to_owned();
                1
            }
            serde_json::Value::Array(a) => a.iter_mut().map(fill).sum(),
            serde_json::Value::Object(o) => o.values_mut().map(fill).sum(),
            _ => 0,
        }
    }
    let mut v = serde_json::to_value(CareRecord::default()).unwrap();
    let filled = fill(&mut v);
    assert!(filled >= 15, "the plan, the aftercare notes and the numbers: {filled} strings");
    let mut r: CareRecord = serde_json::from_value(v).unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap().matches(CANARY).count(), filled);
    r.wipe();
    let after = serde_json::to_string(&r).unwrap();
    assert!(!after.contains(CANARY), "left after a wipe: {after}");
}

#[test]
fn an_entry_saved_with_a_far_date_before_dates_were_checked_still_gets_care() {
    let mut far = e("far").heavy().build();
    far.at = chrono::NaiveDate::MIN.and_hms_opt(0, 0, 0).unwrap().and_utc().fixed_offset();
    let mut late = e("late").heavy().build();
    late.at = chrono::NaiveDate::MAX.and_hms_opt(23, 0, 0).unwrap().and_utc().fixed_offset();
    let memory =
        CareMemory { pattern_last: Some(PatternShown { entry: "other".into(), at: far.at }), ..CareMemory::default() };
    for entry in [&far, &late] {
        let o = select(shipped(), words::shipped(), entry, &[&far, &late], &memory, late.at);
        assert!(o.prompt.is_some(), "{}", entry.id);
    }
}

// ---- Care, second pass: safety ----

/// Every word a card says, title and blocks, without the bold marks.
fn card_text(c: &Card) -> String {
    let mut out = Vec::new();
    all_strings(&serde_json::to_value(c).unwrap(), &mut out);
    out.join(" ").replace("**", "")
}

/// Every word shipped in the care content, without the bold marks.
fn shipped_text() -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(include_str!("../../content/care.json")).unwrap();
    let mut out = Vec::new();
    all_strings(&v, &mut out);
    out.into_iter().map(|s| s.replace("**", "")).collect()
}

/// Medicine that only works within a window says its window, the same everywhere: PEP within
/// 72 hours (sooner is better, from a clinic or emergency department rather than a pharmacy),
/// emergency contraception as soon as possible and up to 3 to 5 days. No forensic-exam window.
#[test]
fn time_critical_medicine_says_its_limits() {
    let consent = card_text(shipped().card(CardId::Consent).unwrap()).to_lowercase();
    for said in [
        "72 hours",
        "sooner is better",
        "sexual-health clinic",
        "emergency department",
        "pharmacies",
        "as soon as possible",
        "3 to 5 days",
    ] {
        assert!(consent.contains(said), "the consent card leaves out '{said}': {consent}");
    }
    for s in shipped_text() {
        let lower = s.to_lowercase();
        assert!(!lower.contains("sooner is often better for some options"), "vague about time: {s}");
        assert!(!lower.contains("work best soon"), "vague about time: {s}");
        assert!(!lower.contains("forensic") && !lower.contains("96 hours"), "a forensic window: {s}");
        // Wherever PEP is named, its limit is too.
        if s.contains("PEP") {
            assert!(s.contains("72 hours") && s.contains("sooner is better"), "PEP without its limit: {s}");
        }
        if lower.contains("emergency contraception") && !lower.contains("talk about") {
            assert!(s.contains("3 to 5 days"), "emergency contraception without its limit: {s}");
        }
    }
    // An unsure choice brings it, whatever else was noted.
    for c in [Choice::Unsure, Choice::No] {
        for q in [B::heavy, B::tense, B::calm, B::bright] {
            let o = offer(&q(e("x")).choice(c).build());
            assert!(card_text(o.card.unwrap()).contains("72 hours"), "{c:?}");
        }
    }
}

/// With nothing saved, or while locked, the crisis card still says how to reach emergency
/// services: right after the place for saved numbers, before the homework of finding them.
#[test]
fn the_crisis_card_carries_the_emergency_fact_when_no_number_shows() {
    let support = serde_json::to_value(shipped().card(CardId::Support).unwrap()).unwrap();
    let blocks = support["blocks"].as_array().unwrap();
    let at = blocks.iter().position(|b| b["numbers"] == true).unwrap();
    let next = blocks[at + 1]["noNumber"].as_str().unwrap_or_else(|| panic!("no emergency fact after: {support}"));
    assert!(next.contains("local emergency number (such as 911, 112 or 999)"), "{next}");
    let homework = blocks.iter().position(|b| b["hint"].as_str().is_some_and(|h| h.contains("calm day"))).unwrap();
    assert!(homework > at + 1, "the homework comes after the fact");
    // Several countries use separate numbers: never say that most have one.
    for s in shipped_text() {
        assert!(!s.to_lowercase().contains("most countries have one"), "{s}");
    }
}

/// "Hopeless" can be felt with any energy: it is offered under every mood, and brings the gentle
/// support card from every mood.
#[test]
fn hopeless_is_offered_and_answered_in_every_quadrant() {
    let lists = serde_json::to_value(words::shipped()).unwrap();
    let hopeless = lists["emotions"].as_array().unwrap().iter().find(|w| w["id"] == "hopeless").unwrap();
    assert_eq!(hopeless["everywhere"], true, "{hopeless}");
    let moods: [fn(B) -> B; 5] = [B::heavy, B::tense, B::calm, B::bright, |b| b.mood(0.0, 0.05)];
    for q in moods {
        let o = offer(&q(e("x")).words(&["hopeless"]).build());
        assert_eq!(card(&o), Some(CardId::GentleSupport), "{:?}", o.states);
        assert!(!o.support_too);
    }
}

/// Floaty or spacey in a good way (as after a scene) is not dissociation: no grounding first, no
/// prompt about memories. Far away and unsettling keeps that care. The old item that said both
/// is still read: by the entry's own mood.
#[test]
fn floaty_is_not_routed_as_dissociation() {
    let bodies = words::shipped();
    assert_eq!(bodies.body_item("floaty-spacey").unwrap().label, "floaty or spacey, in a good way");
    assert_eq!(bodies.body_item("not-in-body").unwrap().label, "far away or not in my body, and it feels unsettling");
    let old = serde_json::to_value(bodies.body_item("far-away").unwrap()).unwrap();
    assert_eq!(old["retired"], true, "the old item is read, not offered: {old}");
    let trauma = |o: &Offer<'_>| {
        o.grounding_first
            || o.states.contains(&State::Activated)
            || o.prompt.is_some_and(|p| ["p27", "p28"].contains(&p.id.as_str()))
            || o.coping.iter().any(|c| c.states.contains(&State::Activated))
    };
    let chips = ["", "kink-bottom", "kink-top", "kink-switch", "regular-partner", "solo"];
    for (i, q) in [B::calm, B::bright, B::heavy, B::tense].into_iter().enumerate() {
        for chip in chips {
            for k in 0..3 {
                let b = |body: &str| {
                    let mut x = q(e(&format!("{i}{chip}{k}"))).body(&[body]);
                    if !chip.is_empty() {
                        x = x.ctx(&[chip]);
                    }
                    x.build()
                };
                let floaty = offer(&b("floaty-spacey"));
                assert!(
                    !trauma(&floaty),
                    "floaty {i} {chip}: {:?} {:?}",
                    floaty.prompt.map(|p| &p.id),
                    idea_ids(&floaty)
                );
                assert_eq!(floaty.card, None);
                let away = offer(&b("not-in-body"));
                assert!(away.grounding_first && away.states.contains(&State::Activated), "unsettling {i} {chip}");
                // The old item: pleasant moods read it as floaty, the others as unsettling.
                let old = offer(&b("far-away"));
                let pleasant = i < 2;
                assert_eq!(trauma(&old), !pleasant, "far-away {i} {chip}");
            }
        }
    }
}

/// Red flags that need a check today, even without pain now, bring the medical card, and the
/// card names each of them.
#[test]
fn red_flags_bring_the_medical_card_for_today() {
    let flags = ["neck-pressure", "sudden-headache-chest-pain", "rope-weakness", "dark-urine", "stuck-inside"];
    for f in flags {
        let item = words::shipped().body_item(f).unwrap_or_else(|| panic!("{f} is not a body item"));
        assert!(item.urgent && item.group == "urgent", "{f}");
        for q in [B::heavy, B::tense, B::calm, B::bright] {
            let o = offer(&q(e("x")).ctx(&["kink-bottom"]).body(&[f]).build());
            assert_eq!(card(&o), Some(CardId::Medical), "{f}");
        }
    }
    let medical = card_text(shipped().card(CardId::Medical).unwrap()).to_lowercase();
    assert!(medical.contains("get checked today, even if you feel fine"), "{medical}");
    for said in [
        "neck",
        "choking",
        "voice",
        "swallowing",
        "vision",
        "confus",
        "headache",
        "chest pain",
        "rope",
        "wrist",
        "urine",
        "stuck inside",
    ] {
        assert!(medical.contains(said), "the medical card leaves out '{said}'");
    }
}

/// A card's id as the window sees it.
fn card_name(o: &Offer<'_>) -> Option<String> {
    o.card.map(|c| serde_json::to_value(c.id).unwrap().as_str().unwrap().to_owned())
}

/// A barrier that broke or slipped gets a calm card of its own, with the time limits, never the
/// bleeding alarm; beside a stronger card, the time limits are still there.
#[test]
fn a_broken_barrier_gets_its_own_calm_card() {
    let item = words::shipped().body_item("risk-worry").unwrap();
    assert_eq!(item.label, "barrier broke or slipped (condom, dam, glove)");
    for q in [B::heavy, B::tense, B::calm, B::bright] {
        let o = offer(&q(e("x")).body(&["risk-worry"]).build());
        assert_eq!(card_name(&o).as_deref(), Some("safer-sex"), "{:?}", o.states);
        assert!(o.medical_too.is_none());
        let text = card_text(o.card.unwrap());
        assert!(!text.contains("Bleeding") && !text.contains("medical attention"), "{text}");
        for said in ["72 hours", "3 to 5 days", "test"] {
            assert!(text.contains(said), "{said}: {text}");
        }
        // "Hopeless" too: the calm card keeps its place, and a way to support comes beside it.
        let both = offer(&q(e("x")).words(&["hopeless"]).body(&["risk-worry"]).build());
        assert_eq!((card_name(&both).as_deref(), both.support_too), (Some("safer-sex"), true));
    }
    // With bleeding, or an unsure choice, the stronger card still says the limits.
    for o in [
        offer(&e("x").heavy().body(&["risk-worry", "bleeding"]).build()),
        offer(&e("x").heavy().body(&["risk-worry"]).choice(Choice::Unsure).build()),
    ] {
        let mut text = card_text(o.card.unwrap());
        text.extend(o.medical_too.map(card_text));
        assert!(text.contains("72 hours") && text.contains("3 to 5 days"), "{text}");
    }
}

/// The consent path: no washing is suggested, a neutral word about evidence, reporting put
/// honestly, and an explainer that names pressure and capacity.
#[test]
fn the_consent_path_is_careful_about_washing_and_choice() {
    let washing = |s: &str| {
        let l = s.to_lowercase();
        ["shower", "bath", "wash"].iter().any(|w| l.contains(w)) && !l.contains("not washing")
    };
    for (i, q) in [B::heavy, B::tense, B::calm, B::bright].into_iter().enumerate() {
        for chip in ["", "kink-bottom", "solo", "new-partner", "regular-partner"] {
            for body in ["", "cold", "shaky", "sore", "marks", "skin-irritation", "crying", "sleepy"] {
                for c in [Choice::Unsure, Choice::No] {
                    let mut b = q(e(&format!("{i}{chip}{body}"))).choice(c);
                    if !chip.is_empty() {
                        b = b.ctx(&[chip]);
                    }
                    if !body.is_empty() {
                        b = b.body(&[body]);
                    }
                    let o = offer(&b.build());
                    for idea in &o.coping {
                        assert!(
                            !washing(&idea.how_to) && !washing(&idea.title),
                            "{} offered: {}",
                            idea.id,
                            idea.how_to
                        );
                    }
                    assert!(!washing(&o.prompt.unwrap().text));
                }
            }
        }
    }
    let consent = card_text(shipped().card(CardId::Consent).unwrap());
    assert!(consent.contains("not washing"), "{consent}");
    assert!(consent.contains("If you already have, you can still get care"), "{consent}");
    for s in shipped_text() {
        if s.contains("without reporting") {
            assert!(s.contains("In many places"), "{s}");
        }
    }
    let explainer = &shipped().explainers.iter().find(|x| x.id == "consent").unwrap().body;
    for said in ["too drunk, asleep or pressured", "isn't a free choice", "even if you've done it before"] {
        assert!(explainer.contains(said), "{said}: {explainer}");
    }
    let c27 = shipped().idea("c27").unwrap();
    assert!(format!("{} {}", c27.how_to, c27.why).contains("every gender"), "{}", c27.how_to);
}

// ---- Care, second pass: words ----

/// No review date is claimed before a clinical review has happened (CONTENT.md e0.1). When one
/// has, the content says when and names the reviewer's role, both or neither.
#[test]
fn no_review_is_claimed_until_one_happens() {
    let v: serde_json::Value = serde_json::from_str(include_str!("../../content/care.json")).unwrap();
    assert!(v.get("reviewed").is_none(), "a review date with no review behind it: {}", v["reviewed"]);
    if let Some(review) = v.get("review") {
        let date = review["date"].as_str().unwrap_or_default();
        assert!(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(), "{review}");
        assert!(!review["reviewer"].as_str().unwrap_or_default().trim().is_empty(), "whose review: {review}");
    }
    assert_eq!(shipped().review, None);
    // The place for it: a date and the reviewer's role, both or the content doesn't load.
    let one: Review =
        serde_json::from_str(r#"{"date": "2027-01-15", "reviewer": "a sex-therapy-aware clinical psychologist"}"#)
            .unwrap();
    assert_eq!(one.reviewer, "a sex-therapy-aware clinical psychologist");
    assert!(serde_json::from_str::<Review>(r#"{"date": "2027-01-15"}"#).is_err());
    let mut old: serde_json::Value = serde_json::from_str(include_str!("../../content/care.json")).unwrap();
    old["reviewed"] = "2026-11-28".into();
    assert!(serde_json::from_value::<CareContent>(old).is_err(), "a bare date is not a review");
}

/// Reassurance that can't be promised isn't: feeling low after sex isn't, on its own, a sign
/// that anyone did something wrong, and if something didn't feel okay, the consent words are a
/// step away. Strong feelings can ease; the doctor has both of her names; and each figure says
/// how strong the study behind it is.
#[test]
fn reassurance_is_honest_and_figures_say_their_strength() {
    let v: serde_json::Value = serde_json::from_str(include_str!("../../content/care.json")).unwrap();
    for s in shipped_text() {
        let lower = s.to_lowercase();
        if lower.contains("isn't a sign that") {
            assert!(lower.contains("on its own"), "too absolute: {s}");
        }
        assert!(!lower.contains("do ease"), "a promise: {s}");
        if s.split(|c: char| !c.is_alphanumeric()).any(|w| w == "GP") {
            assert!(s.contains("GP or family doctor"), "not everyone says GP: {s}");
        }
    }
    let blues = v["explainers"].as_array().unwrap().iter().find(|x| x["id"] == "post-sex-blues").unwrap();
    let body = blues["body"].as_str().unwrap();
    assert!(body.contains("On its own, it isn't") && body.contains("If something didn't feel okay, that matters too"));
    assert_eq!(blues["see"], serde_json::json!(["consent"]), "a way to the consent words");
    let support = card_text(shipped().card(CardId::Support).unwrap());
    assert!(support.contains("Feelings this strong can ease"), "{support}");
    let evidence = |id: &str| shipped().idea(id).unwrap().evidence.clone();
    assert!(evidence("c13").contains("about 3 to 8 %"), "{}", evidence("c13"));
    assert!(evidence("c20").contains("one small online study"), "{}", evidence("c20"));
    assert!(
        evidence("c28").contains("about halved") && evidence("c28").contains("non-randomised"),
        "{}",
        evidence("c28")
    );
}

// ---- Care, second pass: bodies and abilities ----

/// Grounding works for every body: seeing can be hearing or touching, feet on the floor can be
/// wherever you're supported, and breath-focused ideas offer looking around the room instead.
#[test]
fn grounding_and_breathing_fit_every_body() {
    let mut seen = (0, 0);
    for s in shipped_text() {
        let lower = s.to_lowercase();
        if lower.contains("things you can see") {
            seen.0 += 1;
            assert!(lower.contains("or hear, or touch"), "only seeing: {s}");
        }
        if lower.contains("feet on the floor") || lower.contains("feet into the floor") {
            seen.1 += 1;
            assert!(lower.contains("wherever you're supported"), "only standing or sitting: {s}");
        }
    }
    // The crisis card, the exercise and 5-4-3-2-1; the exercise, p27 and grounding through the body.
    assert!(seen.0 >= 3 && seen.1 >= 3, "{seen:?}");
    for idea in &shipped().coping {
        let breath = ["breath", "sigh"].iter().any(|w| idea.title.to_lowercase().contains(w));
        if breath {
            assert!(
                idea.how_to.contains("If focusing on your breath feels worse, look around the room instead."),
                "{}: {}",
                idea.id,
                idea.how_to
            );
        }
    }
    for id in ["c01", "c02"] {
        assert!(shipped().idea(id).unwrap().how_to.contains("look around the room instead"), "{id}");
    }
}

/// Gender dysphoria after sex is met with kindness: no grounding first, no memories prompt, no
/// card; the ideas written for it lead, whatever the mood or context. Beside memories or an
/// unsure choice, those still come first.
#[test]
fn dysphoria_is_met_with_kindness_not_trauma_care() {
    let item = words::shipped().body_item("dysphoria").expect("a body item for dysphoria");
    assert!(!item.urgent && !item.retired, "{item:?}");
    let answering: Vec<&str> =
        shipped().coping.iter().filter(|c| c.body.iter().any(|b| b == "dysphoria")).map(|c| c.id.as_str()).collect();
    assert!(answering.len() >= 2, "{answering:?}");
    for id in &answering {
        assert_eq!(shipped().idea(id).unwrap().need, "be-kind", "{id}");
    }
    let chips = ["", "solo", "regular-partner", "new-partner", "more-than-one", "remote", "kink-top", "kink-bottom"];
    let moods: [fn(B) -> B; 5] = [B::heavy, B::tense, B::calm, B::bright, |b| b.mood(0.0, 0.05)];
    for (i, q) in moods.into_iter().enumerate() {
        for chip in chips {
            for k in 0..3 {
                let mut b = q(e(&format!("{i}{chip}{k}"))).body(&["dysphoria"]);
                if !chip.is_empty() {
                    b = b.ctx(&[chip]);
                }
                let o = offer(&b.build());
                let case = format!("{i} {chip} {k}: {:?} {:?}", o.prompt.map(|p| &p.id), idea_ids(&o));
                assert!(!o.grounding_first && !o.states.contains(&State::Activated), "{case}");
                assert!(!o.prompt.is_some_and(|p| ["p27", "p28"].contains(&p.id.as_str())), "{case}");
                assert_eq!(o.card, None, "{case}");
                let first: Vec<String> = idea_ids(&o).into_iter().take(answering.len()).collect();
                let mut want: Vec<String> = answering.iter().map(|s| s.to_string()).collect();
                let mut got = first.clone();
                want.sort();
                got.sort();
                assert_eq!(got, want, "the kind ideas lead: {case}");
            }
        }
    }
    // Memories too: grounding still comes first; an unsure choice still brings the consent card.
    let both = offer(&e("x").heavy().body(&["dysphoria", "memories"]).build());
    assert!(both.grounding_first && both.coping[0].states.contains(&State::Activated), "{:?}", idea_ids(&both));
    let unsure = offer(&e("x").heavy().body(&["dysphoria"]).choice(Choice::Unsure).build());
    assert_eq!(card(&unsure), Some(CardId::Consent));
}

// ---- Care, second pass: plain reading ----

/// Syllables in a word, by a simple rule: groups of vowels (y counts), less a silent final "e"
/// (but not "-le"), at least one. A number counts a syllable a digit.
fn syllables(word: &str) -> usize {
    let letters: String = word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if letters.is_empty() {
        return word.chars().filter(char::is_ascii_digit).count().max(1);
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut last = false;
    for c in letters.chars() {
        let v = vowel(c);
        groups += usize::from(v && !last);
        last = v;
    }
    if letters.ends_with('e') && !letters.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// The Flesch–Kincaid grade of some text: 0.39 × words a sentence + 11.8 × syllables a word −
/// 15.59. Sentences end at `.`, `!` or `?` before a space or the end; each part (a paragraph or a
/// list item) ends one too.
fn reading_grade(parts: &[&str]) -> f64 {
    let (mut sentences, mut words, mut syl) = (0usize, 0usize, 0usize);
    for part in parts {
        let mut in_sentence = 0;
        for token in part.replace("**", "").split_whitespace() {
            if token.chars().any(char::is_alphanumeric) {
                words += 1;
                in_sentence += 1;
                syl += syllables(token);
            }
            if in_sentence > 0 && token.trim_end_matches(['"', ')', '\'']).ends_with(['.', '!', '?']) {
                sentences += 1;
                in_sentence = 0;
            }
        }
        sentences += usize::from(in_sentence > 0);
    }
    assert!(words > 0 && sentences > 0, "no text: {parts:?}");
    0.39 * words as f64 / sentences as f64 + 11.8 * syl as f64 / words as f64 - 15.59
}

/// The highest reading grade an explainer or a card may need: about grade 6, plain enough to
/// take in on a hard day.
const MAX_GRADE: f64 = 7.0;

#[test]
fn the_reading_grade_is_measured_as_intended() {
    assert_eq!(
        ["cat", "the", "make", "little", "people", "reading", "every", "72", "emergency"].map(syllables),
        [1, 1, 1, 2, 2, 2, 3, 2, 4]
    );
    // Short words in short sentences read young; long words in a long sentence read old.
    assert!(reading_grade(&["The cat sat. It was warm."]) < 1.0);
    let hard = "Postcoital dysphoria encompasses heterogeneous psychological manifestations, \
                including irritability, tearfulness and generalised dissatisfaction, irrespective of consensuality.";
    assert!(reading_grade(&[hard]) > 15.0, "{}", reading_grade(&[hard]));
    // A list item ends a sentence of its own.
    assert!(reading_grade(&["Some options:", "rest", "water"]) < reading_grade(&["Some options: rest, water"]) + 1.0);
}

/// Explainers and cards read at about grade 6 (Flesch–Kincaid, with the syllable rule above).
#[test]
fn explainers_and_cards_read_plainly() {
    let c = shipped();
    let mut over = Vec::new();
    for x in &c.explainers {
        let g = reading_grade(&[x.body.as_str()]);
        if g > MAX_GRADE {
            over.push(format!("explainer {}: grade {g:.1}", x.id));
        }
    }
    for card in &c.cards {
        let mut parts: Vec<&str> = Vec::new();
        for b in &card.blocks {
            parts.extend(b.p.as_deref().or(b.hint.as_deref()).or(b.no_number.as_deref()));
            parts.extend(b.list.iter().flatten().map(String::as_str));
        }
        let g = reading_grade(&parts);
        if g > MAX_GRADE {
            over.push(format!("card {:?}: grade {g:.1}", card.id));
        }
    }
    assert!(over.is_empty(), "above grade {MAX_GRADE}:\n{}", over.join("\n"));
}

// ---- Care, second pass: partners ----

/// The aftercare card can open with a line for a partner ("I sometimes feel low after sex. It
/// isn't about you."): a choice kept with the aftercare needs, off unless chosen, and off for a
/// record saved before it existed.
#[test]
fn the_aftercare_card_can_open_with_a_line_for_a_partner() {
    let on: AftercareNeeds =
        serde_json::from_value(serde_json::json!({"items": ["cuddling"], "openingLine": true})).unwrap();
    assert!(on.opening_line);
    assert_eq!(serde_json::to_value(&on).unwrap()["openingLine"], true);
    let before: AftercareNeeds =
        serde_json::from_value(serde_json::json!({"items": ["cuddling"], "wordsNote": "x"})).unwrap();
    assert!(!before.opening_line);
    assert!(!AftercareNeeds::default().opening_line);
    // It is the person's choice of shipped words, like closeness: a wipe leaves it.
    let mut r = CareRecord { aftercare_needs: on.clone(), ..CareRecord::default() };
    r.wipe();
    assert!(r.aftercare_needs.opening_line);
}

/// For partners: an explainer on a partner who feels low after sex (it isn't about you; ask,
/// don't press for reasons; stay close if they want), and an idea offered after a good moment
/// with a partner, or after topping, never alone.
#[test]
fn partners_get_words_for_a_partner_who_feels_low() {
    let c = shipped();
    let x = c.explainers.iter().find(|x| x.id == "partner-low").expect("an explainer for partners");
    assert_eq!(x.title, "If your partner feels low after sex");
    for said in ["take it personally", "isn't about you", "ask", "reason", "stay close"] {
        assert!(x.body.to_lowercase().contains(said), "{said}: {}", x.body);
    }
    let idea = c.coping.iter().find(|i| i.title == "If your partner feels low after sex").expect("an idea too");
    assert_eq!(idea.need, "connect");
    let offered = |b: fn(B) -> B, chip: &str| {
        (0..8).any(|k| {
            let mut x = b(e(&format!("p{k}")));
            if !chip.is_empty() {
                x = x.ctx(&[chip]);
            }
            idea_ids(&offer(&x.build())).contains(&idea.id)
        })
    };
    for (b, chip) in [
        (B::calm as fn(B) -> B, "regular-partner"),
        (B::bright, "regular-partner"),
        (B::calm, "kink-top"),
        (B::bright, "more-than-one"),
    ] {
        assert!(offered(b, chip), "{chip}");
    }
    for chip in ["", "solo", "remote"] {
        for b in [B::calm as fn(B) -> B, B::bright, B::heavy, B::tense] {
            assert!(!offered(b, chip), "{chip}");
        }
    }
}

// ---- Care, second pass: more explainers, ideas and prompts ----

/// The shipped explainer with this id.
fn explainer(id: &str) -> &'static Explainer {
    shipped().explainers.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no explainer {id}"))
}

/// "Is this normal?": crying after good sex, after masturbation, two days after a scene; what it
/// usually says about a relationship (nothing); and when to talk to a professional.
#[test]
fn is_this_normal_answers_the_usual_worries() {
    let x = explainer("is-this-normal");
    assert_eq!(x.title, "Is this normal?");
    let body = x.body.to_lowercase();
    for said in [
        "crying after sex that felt good",
        "masturbat",
        "two days after a scene",
        "usually says nothing about your relationship",
        "two weeks",
        "counsellor",
    ] {
        assert!(body.contains(said), "{said}: {}", x.body);
    }
    assert!(x.see.contains(&"post-sex-blues".to_owned()) && x.see.contains(&"drop".to_owned()), "{:?}", x.see);
}

/// The shipped idea with this title.
fn idea_titled(title: &str) -> &'static CopingIdea {
    shipped().coping.iter().find(|i| i.title == title).unwrap_or_else(|| panic!("no idea '{title}'"))
}

/// Whether `idea` is offered for some of eight entries built by `b` (entries differ by id only).
fn offered_for_some(idea: &str, b: impl Fn(B) -> B) -> bool {
    (0..8).any(|k| idea_ids(&offer(&b(e(&format!("k{k}"))).build())).iter().any(|i| i == idea))
}

/// Repair after a scene or a time together that went wrong, for whoever is worried they crossed
/// a line, and for whoever was hurt; offered after guilt or shame, or unmet care, with others.
/// Never on the consent path or when memories surfaced: nobody is nudged to talk to someone who
/// may have harmed them.
#[test]
fn repair_is_offered_after_something_went_wrong_never_on_the_consent_path() {
    let repair = idea_titled("Repair after something went wrong");
    let text = repair.how_to.to_lowercase();
    for said in ["scene", "crossed a line", "sorry", "next time", "you choose"] {
        assert!(text.contains(said), "{said}: {}", repair.how_to);
    }
    assert!(repair.avoid.contains(&State::Consent) && repair.avoid.contains(&State::Activated), "{:?}", repair.avoid);
    for chip in ["kink-top", "kink-bottom", "kink-switch", "regular-partner", "new-partner", "more-than-one"] {
        let guilty = |b: B| b.tense().words(&["guilty"]).ctx(&[chip]);
        assert!(offered_for_some(&repair.id, guilty), "a top worried they crossed a line: {chip}");
        let unmet = |b: B| b.heavy().wanted(&["debrief"]).ctx(&[chip]);
        assert!(offered_for_some(&repair.id, unmet), "care that didn't come: {chip}");
    }
    assert!(!offered_for_some(&repair.id, |b| b.tense().words(&["guilty"]).ctx(&["solo"])));
    for chip in ["kink-top", "kink-bottom", "regular-partner", "new-partner", "more-than-one"] {
        for q in [B::heavy, B::tense, B::calm, B::bright] {
            for c in [Choice::Unsure, Choice::No] {
                let unsure = |b: B| q(b).words(&["guilty", "ashamed"]).wanted(&["debrief"]).ctx(&[chip]).choice(c);
                assert!(!offered_for_some(&repair.id, unsure), "{chip} {c:?}");
            }
            let memories = |b: B| q(b).words(&["guilty"]).wanted(&["debrief"]).ctx(&[chip]).body(&["memories"]);
            assert!(!offered_for_some(&repair.id, memories), "{chip} memories");
        }
    }
}

/// Alcohol or other substances: a neutral word that they can deepen a low the next day, chemsex
/// included, offered when the chips say so, never as a warning and never on the consent path.
#[test]
fn substances_get_a_neutral_word_on_the_next_day() {
    let idea = idea_titled("After alcohol or other substances");
    let text = format!("{} {}", idea.how_to, idea.why).to_lowercase();
    for said in ["next day", "chemsex", "deepen"] {
        assert!(text.contains(said), "{said}: {text}");
    }
    for warning in ["avoid", "too much", "stop", "risk", "dangerous", "careful"] {
        assert!(!text.contains(warning), "a warning: {warning}");
    }
    assert_eq!(idea.contexts, [Context::Substances]);
    for chip in ["alcohol", "other-substances"] {
        let next_day = |b: B| b.heavy().ctx(&[chip, "regular-partner"]).timing(Timing::NextDay);
        assert!(offered_for_some(&idea.id, next_day), "{chip}");
        assert!(offered_for_some(&idea.id, |b| b.tense().ctx(&[chip, "more-than-one"])), "{chip}");
        let unsure = |b: B| b.heavy().ctx(&[chip]).choice(Choice::Unsure);
        assert!(!offered_for_some(&idea.id, unsure), "{chip}: the consent path");
    }
    assert!(!offered_for_some(&idea.id, |b| b.heavy().ctx(&["regular-partner"]).timing(Timing::NextDay)));
}

/// Willing but not wanting: sex chosen without desire (as many asexual and sex-averse people
/// do) can be a real choice, with limits and a way back to the consent words.
#[test]
fn willing_but_not_wanting_is_explained() {
    let x = explainer("willing-not-wanting");
    let body = x.body.to_lowercase();
    for said in ["asexual", "sex-averse", "real choice", "change your mind", "pressure"] {
        assert!(body.contains(said), "{said}: {}", x.body);
    }
    assert_eq!(x.see, ["consent"]);
}

/// Several partners and metamours: an idea for care across more than one relationship, offered
/// when more than one person was there and something felt hard or care didn't come.
#[test]
fn several_partners_and_metamours_have_an_idea() {
    let idea = idea_titled("Care with more than one partner");
    assert!(idea.how_to.to_lowercase().contains("metamour"), "{}", idea.how_to);
    let moods: [fn(B) -> B; 4] = [B::heavy, B::tense, |b| b.mood(0.0, 0.05), |b| b.calm().wanted(&["reassurance"])];
    for (i, q) in moods.into_iter().enumerate() {
        assert!(offered_for_some(&idea.id, |b| q(b).ctx(&["more-than-one"])), "{i}");
        assert!(!offered_for_some(&idea.id, |b| q(b).ctx(&["solo"])), "{i}");
        assert!(!offered_for_some(&idea.id, |b| q(b).ctx(&["regular-partner"])), "{i}");
    }
}

/// Performance worries and saying what you like: an idea for each, offered with others, and the
/// reassurance that you are good enough and kinks are normal as a prompt too, not only an idea.
#[test]
fn performance_worries_and_saying_what_you_like() {
    let worry = idea_titled("If you worry about how you did");
    let both = format!("{} {}", worry.how_to, worry.why);
    assert!(both.contains("Bodies don't always respond") && both.contains("good enough"), "{both}");
    let say = idea_titled("Say what you like");
    assert!(
        say.how_to.contains("\"I really like that\"") && say.how_to.contains("can you do this instead"),
        "{}",
        say.how_to
    );
    for chip in ["regular-partner", "new-partner", "more-than-one", "kink-top", "kink-bottom"] {
        assert!(offered_for_some(&worry.id, |b| b.tense().words(&["anxious"]).ctx(&[chip])), "{chip}");
        assert!(offered_for_some(&worry.id, |b| b.heavy().words(&["exposed"]).ctx(&[chip])), "{chip}");
        assert!(offered_for_some(&say.id, |b| b.calm().wanted(&["debrief"]).ctx(&[chip])), "{chip}");
        assert!(offered_for_some(&say.id, |b| b.bright().ctx(&[chip])), "{chip}");
    }
    for q in [B::heavy, B::tense, B::calm, B::bright] {
        assert!(!offered_for_some(&worry.id, |b| q(b).words(&["anxious"]).ctx(&["solo"])));
        assert!(!offered_for_some(&say.id, |b| q(b).ctx(&["solo"])));
    }
    let p = shipped().prompts.iter().find(|p| p.text.contains("good enough")).expect("a prompt for it");
    assert!(p.text.contains("kinks are a normal part of sex") && p.open, "{}", p.text);
    let met = |b: &dyn Fn(B) -> B| (0..8).any(|k| prompt_id(&offer(&b(e(&format!("m{k}"))).build())) == p.id);
    assert!(met(&|b| b.tense().words(&["ashamed"])));
    assert!(met(&|b| b.tense().words(&["exposed"]).ctx(&["kink-bottom"])));
    assert!(met(&|b| b.tense().words(&["guilty"]).ctx(&["remote"])));
}

// ---- No mood recorded ----

impl B {
    /// An entry with no mood recorded, as an import may bring.
    fn no_mood(mut self) -> B {
        self.0.mood = None;
        self
    }
}

/// An imported entry may have no mood: nothing is routed by a mood it doesn't have, its words,
/// chips and timing still are, and nothing fails.
#[test]
fn an_entry_without_a_mood_is_routed_by_the_rest_alone() {
    let cases: Vec<(Entry, &[State])> = vec![
        (e("a").no_mood().build(), &[State::Now]),
        (e("a").no_mood().timing(Timing::NextDay).build(), &[State::Later]),
        // Numbness is read with the quadrant, so not without one; shame needs no mood.
        (e("a").no_mood().words(&["numb", "ashamed"]).build(), &[State::Shame, State::Now]),
        // Words on both sides make no mood up either.
        (e("a").no_mood().words(&["joyful", "sad"]).build(), &[State::Now]),
        (e("a").no_mood().body(&["memories"]).build(), &[State::Activated, State::Now]),
        (e("a").no_mood().choice(Choice::Unsure).build(), &[State::Consent, State::Now]),
        (e("a").no_mood().wanted(&["cuddling"]).build(), &[State::Unmet, State::Now]),
        // The retired far-away item, with no mood to read it by, is read the safer way.
        (e("a").no_mood().body(&["far-away"]).build(), &[State::Activated, State::Now]),
    ];
    for (entry, want) in cases {
        assert_eq!((entry.mood, entry.quadrant), (None, None));
        let got: Vec<State> = states_of(&entry).into_iter().collect();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{:?} {:?}", entry.emotions, entry.body);
        // Every entry still gets a prompt, and the offer reads without a mood.
        let o = offer(&entry);
        assert!(o.prompt.is_some(), "{:?}", o.states);
        let quadrant_states = [State::Bright, State::Calm, State::Tense, State::Heavy, State::Mixed, State::Numb];
        assert!(!o.states.iter().any(|s| quadrant_states.contains(s)), "{:?}", o.states);
    }
    // Far away with no mood: grounding first, as for the unsettling item itself.
    let away = offer(&e("b").no_mood().body(&["far-away"]).build());
    assert!(away.grounding_first, "{:?}", away.states);
    // Cards that don't read the mood still come.
    assert_eq!(card(&offer(&e("c").no_mood().choice(Choice::No).build())), Some(CardId::Consent));
    assert_eq!(card(&offer(&e("d").no_mood().words(&["hopeless"]).build())), Some(CardId::GentleSupport));
    assert_eq!(card(&offer(&e("f").no_mood().body(&["rope-weakness"]).build())), Some(CardId::Medical));
}

#[test]
fn entries_without_a_mood_never_make_a_heavy_pattern() {
    let mem = CareMemory::default();
    let pick = |history: &[Entry], entry: &Entry| {
        let refs: Vec<&Entry> = history.iter().collect();
        card(&select(shipped(), words::shipped(), entry, &refs, &mem, entry.at))
    };
    let none_days = |days: &[i64]| -> Vec<Entry> {
        days.iter().map(|d| e(&format!("n{d}")).no_mood().days_before(BASE, *d).build()).collect()
    };
    let heavy = e("now").heavy().at(BASE).build();
    // Two no-mood entries are not two heavy ones.
    assert_eq!(pick(&none_days(&[1, 2]), &heavy), None);
    // An entry with no mood never brings the card, whatever came before it.
    let none_now = e("now").no_mood().at(BASE).build();
    assert_eq!(pick(&heavy_days(&[1, 2, 3]), &none_now), None);
    assert!(!pattern_fires(&none_now, &heavy_days(&[1, 2, 3]).iter().collect::<Vec<_>>(), &mem, none_now.at));
    // Their days still count as days with an entry (the rule reads no mood there).
    assert_eq!(pick(&none_days(&[1, 2, 3, 5, 8, 10, 13]), &heavy), Some(CardId::TalkToSomeone));
}

#[test]
fn a_check_in_without_a_mood_is_due_with_no_quadrant() {
    let mut x = e("x").no_mood().build();
    x.check_in = Some(CheckIn::FewHours);
    let due = due_check_ins([x].iter(), &[], t("2026-03-11T03:00:00+01:00"));
    assert_eq!((due.len(), due[0].quadrant), (1, None));
    assert_eq!(serde_json::to_value(&due[0]).unwrap()["quadrant"], serde_json::Value::Null);
}
