//! What the command line writes to standard output: entries, pages, trends, what Tend offers,
//! the word lists, in plain lines; or, when asked, the same values as JSON.

use std::io::{Result, Write};
use std::path::Path;

use serde::Serialize;

use crate::care::{Card, Offer};
use crate::insights::{Frequency, Insights, Verdict, MIN_SAMPLE};
use crate::journal::{CheckReport, Created, Page};
use crate::model::{Entry, Quadrant, Vocabulary};
use crate::words::WordLists;

/// `value` as pretty JSON when `json` is asked for, else in lines by `words`.
pub(super) fn json_or<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    json: bool,
    value: &T,
    words: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(value).unwrap_or_default())
    } else {
        words(out)
    }
}

/// A new journal: where it is, its recovery key (shown only now) and how it is protected.
pub(super) fn created(out: &mut dyn Write, dir: &Path, c: &Created) -> Result<()> {
    writeln!(out, "Your journal is ready in {}.", dir.display())?;
    writeln!(out)?;
    writeln!(out, "Your recovery key (shown only now; keep it somewhere private, on paper or in a password manager):")?;
    writeln!(out)?;
    writeln!(out, "    {}", c.recovery_key.dangerously_expose())?;
    writeln!(out)?;
    writeln!(out, "It opens your journal if you forget your passphrase or move to a new computer.")?;
    match &c.protection.keyring_problem {
        None => writeln!(
            out,
            "Your passphrase is also tied to this computer's keyring, so a copied file can't be guessed elsewhere."
        ),
        Some(why) => writeln!(
            out,
            "This computer's keyring couldn't be used, so your journal is protected by your passphrase alone. {why}"
        ),
    }
}

/// What a new key did, and the new recovery key, shown once.
pub(super) fn rekeyed(out: &mut dyn Write, r: &crate::journal::Rekeyed) -> Result<()> {
    writeln!(out, "Your journal has a new key, and every entry has been sealed again with it.")?;
    writeln!(
        out,
        "Old passphrases, your old recovery key and old copies of this file open nothing written from now on."
    )?;
    writeln!(out)?;
    writeln!(out, "Your new recovery key (shown only now; your old one no longer works):")?;
    writeln!(out)?;
    writeln!(out, "    {}", r.recovery_key.dangerously_expose())?;
    writeln!(out)?;
    if let Some(why) = &r.protection.keyring_problem {
        writeln!(out, "This computer's keyring couldn't be used, so your passphrase alone protects it now. {why}")?;
    }
    writeln!(out, "Backups made before today still open with the old keys; keep them as private as before.")
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > max {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_owned()
    }
}

/// What shows where an entry's mood would, when it has none.
const NO_MOOD: &str = "no mood recorded";

/// One line an entry; `filtered` says whether an empty page means no match or no entries.
pub(super) fn page(out: &mut dyn Write, own: &Vocabulary, page: &Page, filtered: bool) -> Result<()> {
    if page.items.is_empty() {
        return writeln!(out, "{}", if filtered { "No entries match." } else { "No entries yet." });
    }
    for e in &page.items {
        writeln!(
            out,
            "{}  {}  {:<6}  {:<28}  {}",
            e.id,
            e.at.format("%Y-%m-%d %H:%M"),
            e.quadrant.map_or(NO_MOOD, |q| q.as_str()),
            crate::export::feeling_words(e, crate::words::shipped(), own).join(", "),
            first_line(&e.text, 50)
        )?;
    }
    if page.total > page.items.len() {
        writeln!(out, "({} of {} shown)", page.items.len(), page.total)?;
    }
    Ok(())
}

/// One entry in full.
pub(super) fn entry(out: &mut dyn Write, own: &Vocabulary, e: &Entry) -> Result<()> {
    writeln!(out, "{}  ({})", e.at.format("%A %-d %B %Y, %H:%M"), e.id)?;
    match (e.mood, e.quadrant) {
        (Some(m), Some(q)) => {
            writeln!(out, "Mood: {} (pleasantness {:+.2}, energy {:+.2})", q.as_str(), m.pleasantness, m.energy)?
        }
        _ => writeln!(out, "Mood: {NO_MOOD}")?,
    }
    let lists = [
        ("Feelings", crate::export::feeling_words(e, crate::words::shipped(), own)),
        ("Labels", e.labels.clone()),
        ("Context", e.context.clone()),
        ("Aftercare got", e.aftercare_got.clone()),
        ("Aftercare wanted", e.aftercare_wanted.clone()),
        ("Body", e.body.clone()),
    ];
    for (name, items) in lists {
        if !items.is_empty() {
            writeln!(out, "{name}: {}", items.join(", "))?;
        }
    }
    if let Some(f) = &e.follows {
        writeln!(out, "Follows: {f}")?;
    }
    if !e.text.is_empty() {
        writeln!(out, "\n{}", e.text)?;
    }
    Ok(())
}

/// What `tend check` found; damaged records by id.
pub(super) fn check(out: &mut dyn Write, r: &CheckReport) -> Result<()> {
    if r.healthy() {
        return writeln!(out, "All {} records open. The file is healthy.", r.ok);
    }
    if !r.damaged.is_empty() {
        writeln!(out, "{} records open; {} couldn't be opened and were left as they are:", r.ok, r.damaged.len())?;
        for d in &r.damaged {
            writeln!(out, "  {d}")?;
        }
    }
    if !r.extra.is_empty() {
        writeln!(out, "These records appear twice (own words, settings or care); only the first is read:")?;
        for d in &r.extra {
            writeln!(out, "  {d}")?;
        }
    }
    if !r.file_ok {
        writeln!(out, "SQLite's integrity check also found a problem with the file.")?;
    }
    not_as_saved(out, &r.not_as_saved)?;
    writeln!(out, "Nothing was changed. A backup can restore the damaged records.")
}

/// Records not as Tend last saved them, by id, in plain words; nothing when all is well.
pub(super) fn not_as_saved(out: &mut dyn Write, n: &crate::journal::NotAsSaved) -> Result<()> {
    let groups = [
        (&n.older, "These records are an older version than the one Tend last saved (put back from an older copy?):"),
        (&n.unknown, "These records weren't saved by Tend, or were deleted (put back from an older copy?):"),
        (&n.missing, "These records Tend saved are gone from the file:"),
    ];
    for (ids, said) in groups.into_iter().filter(|(ids, _)| !ids.is_empty()) {
        writeln!(out, "{said}")?;
        for id in ids.iter() {
            writeln!(out, "  {id}")?;
        }
    }
    if n.index_changed {
        writeln!(
            out,
            "Tend's sealed list of what it saved was missing, unreadable or older than the file, so changes may go unseen. Giving the journal a new key (`tend rekey`) makes a new list from what is there now."
        )?;
    }
    Ok(())
}

/// The figures the Trends screen draws, in lines.
pub(super) fn trends(out: &mut dyn Write, i: &Insights) -> Result<()> {
    writeln!(out, "{} to {}: {} entries", i.from, i.to, i.total.count + i.no_mood)?;
    if i.no_mood > 0 {
        writeln!(out, "{}", without_mood_words(i.no_mood))?;
    }
    if i.total.count == 0 {
        return writeln!(out, "A few more entries and patterns will show here.");
    }
    let quads: Vec<String> =
        i.quadrants.iter().filter(|q| q.1 > 0).map(|(q, n)| format!("{} {n}", q.as_str())).collect();
    writeln!(
        out,
        "Mood: {} (mean pleasantness {:+.2}, energy {:+.2})",
        quads.join(", "),
        i.total.pleasantness,
        i.total.energy
    )?;
    let top =
        |v: &[Frequency]| v.iter().take(5).map(|f| format!("{} ({})", f.id, f.times())).collect::<Vec<_>>().join(", ");
    writeln!(out, "Feelings: {}", top(&i.emotions))?;
    writeln!(out, "After each context:")?;
    for c in i.contexts.iter().take(8) {
        if c.mean.count == 0 {
            writeln!(out, "  after {:<16} {:>4} entries, none with a mood", c.id, c.times())?;
        } else {
            writeln!(out, "  after {:<16} {:>4} entries, pleasantness {:+.2}", c.id, c.times(), c.mean.pleasantness)?;
        }
    }
    writeln!(out, "Aftercare (what tends to go together, not what causes what):")?;
    for a in i.aftercare.iter().take(10) {
        let (with, without) = (&a.got, &a.not_got);
        if a.shown {
            writeln!(out, "  {:<20} {}", a.id, pattern_words(a.pattern.verdict))?;
            let difference = a.pattern.difference.map(|d| format!(": difference {d:+.2}")).unwrap_or_default();
            let interval = match (a.pattern.low, a.pattern.high) {
                (Some(low), Some(high)) => format!(", 95% interval {low:+.2} to {high:+.2}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "  {:<20} with it {:+.2} ({} entries), without {:+.2} ({}){difference}{interval}",
                "", with.pleasantness, with.count, without.pleasantness, without.count
            )?;
        } else {
            writeln!(
                out,
                "  {:<20} {} with it and {} without: too few to compare yet (at least {MIN_SAMPLE} each)",
                a.id, with.count, without.count
            )?;
        }
        if a.wanted > 0 {
            writeln!(out, "  {:<20} {}", "", wanted_words(a.wanted, a.wanted - a.wanted_not_got))?;
        }
    }
    if i.later.pairs > 0 {
        writeln!(
            out,
            "Follow-ups: {} pairs, pleasantness changed by {:+.2} on average",
            i.later.pairs, i.later.pleasantness_change
        )?;
    }
    writeln!(out, "This month: {} entries. {}", i.month.mood.count + i.month.no_mood, i.month.prompt)
}

/// The quiet line for entries left out of the figures because they have no mood.
pub(super) fn without_mood_words(n: usize) -> String {
    if n == 1 {
        "1 entry without a mood isn't in these figures.".to_owned()
    } else {
        format!("{n} entries without a mood aren't in these figures.")
    }
}

/// What a with-versus-without difference reads as, in the Trends screen's words.
fn pattern_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Better => "tends to go with feeling better afterwards",
        Verdict::Lower => "has gone with somewhat less pleasant moods so far",
        Verdict::Same => "about the same with or without it, as far as these entries show",
    }
}

/// A need noted as wanted, and how often getting it was noted too, as plain counts.
pub(super) fn wanted_words(wanted: usize, got: usize) -> String {
    let times = match wanted {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    match got {
        0 if wanted == 1 => "wanted once; getting it wasn't noted that time".to_owned(),
        0 => format!("wanted {times}; getting it wasn't noted those times"),
        g if g == wanted && wanted == 1 => "wanted once, and you noted getting it".to_owned(),
        g if g == wanted && wanted == 2 => "wanted twice, and you noted getting it both times".to_owned(),
        g if g == wanted => format!("wanted {times}, and you noted getting it each time"),
        1 => format!("wanted {times}, and you noted getting it once"),
        g => format!("wanted {times}, and you noted getting it {g} of those times"),
    }
}

/// What Tend offers for an entry, in the app's order.
pub(super) fn care(out: &mut dyn Write, offer: &Offer<'_>) -> Result<()> {
    // As in the app: safety cards come before the grounding exercise; a card that can wait, after.
    let grounding_leads = offer.grounding_first && offer.card.is_none_or(|c| c.waits);
    if grounding_leads {
        grounding(out, "First, if it helps")?;
    }
    if let Some(c) = offer.card {
        card(out, c)?;
    }
    if let Some(c) = offer.medical_too {
        card(out, c)?;
    }
    if offer.grounding_first && !grounding_leads {
        grounding(out, "If it helps")?;
    }
    if offer.support_too {
        writeln!(out, "Support: if it would help to talk to someone now, see Need support now? in the app.")?;
        writeln!(out)?;
    }
    if let Some(p) = offer.prompt {
        writeln!(out, "Prompt ({}): {}", p.id, p.text)?;
    }
    for c in &offer.coping {
        writeln!(out, "Idea ({}): {}. {}", c.id, c.title, c.how_to)?;
    }
    Ok(())
}

fn grounding(out: &mut dyn Write, lead: &str) -> Result<()> {
    let g = &crate::care::shipped().grounding;
    writeln!(out, "{lead}: {}", g.title)?;
    for step in &g.steps {
        writeln!(out, "  - {step}")?;
    }
    writeln!(out)
}

fn card(out: &mut dyn Write, c: &Card) -> Result<()> {
    let id = serde_json::to_value(c.id).unwrap_or_default();
    writeln!(out, "Card ({}): {}", id.as_str().unwrap_or(""), c.title)?;
    for b in &c.blocks {
        // The command line never shows saved numbers, so the fact for when none show is said.
        if let Some(p) = b.p.as_deref().or(b.no_number.as_deref()).or(b.hint.as_deref()) {
            writeln!(out, "  {}", p.replace("**", ""))?;
        }
        for item in b.list.iter().flatten() {
            writeln!(out, "  - {}", item.replace("**", ""))?;
        }
    }
    writeln!(out)
}

/// The ids each option takes, grouped as the app shows them.
pub(super) fn words(out: &mut dyn Write, w: &WordLists) -> Result<()> {
    writeln!(out, "Emotion words (--emotion):")?;
    for q in Quadrant::ALL {
        let ids: Vec<&str> = w.offered_in(q).map(|e| e.id.as_str()).collect();
        writeln!(out, "  {:<7} {}", q.as_str(), ids.join(" "))?;
    }
    writeln!(out, "Labels (--label): {}", w.labels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(" "))?;
    grouped(out, "Context (--context)", w.contexts.iter().map(|c| (c.group.as_str(), c.id.as_str())))?;
    grouped(
        out,
        "Aftercare (--aftercare-got / --aftercare-wanted)",
        w.aftercare.iter().map(|c| (c.group.as_str(), c.id.as_str())),
    )?;
    // A retired body item is still read in old entries, but not offered.
    grouped(out, "Body (--body)", w.body.iter().filter(|c| !c.retired).map(|c| (c.group.as_str(), c.id.as_str())))
}

/// (group, id) pairs under a title, a line a group.
fn grouped<'a>(out: &mut dyn Write, title: &str, items: impl Iterator<Item = (&'a str, &'a str)>) -> Result<()> {
    writeln!(out, "{title}:")?;
    let mut last = "";
    for (g, id) in items {
        if g != last {
            write!(out, "\n  {g:<13}")?;
            last = g;
        }
        write!(out, " {id}")?;
    }
    writeln!(out)
}
