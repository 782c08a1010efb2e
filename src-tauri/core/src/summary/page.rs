//! The page itself, section by section: a plain header, the period at a glance, mood over time,
//! the calendar, labels, context, aftercare, the ticked entries and one footer line.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::charts;
use super::{chip_word, day_words, label_word, period_words, signed, write_entry, Esc};
use crate::insights::{Frequency, Insights, Verdict, MIN_SAMPLE};
use crate::model::{Entry, Quadrant, Vocabulary};
use crate::words::WordLists;

/// The footer every page ends with.
pub(super) const FOOTER: &str = "From Tend, a private journal. Only what the person chose to share is on this page.";

/// Print first: black on white, nothing that needs background colours to read, sections kept
/// whole where they fit, table headings repeated over pages. No `@page` size, so the paper
/// chosen in the print dialog (A4 or Letter) wins; the margins suit both.
const STYLE: &str = "\
@page { margin: 16mm 15mm; }
:root { color-scheme: light; }
html { background: #fff; color: #000; }
body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; padding-bottom: .1rem; border-bottom: 1px solid #000; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
h4 { font-size: .95rem; margin: .5rem 0 .2rem; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: .3rem 0 .6rem; }
.meta { font-size: 1rem; }
.note, figcaption { font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .9rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { text-align: left; padding: .2rem .6rem .2rem 0; border-bottom: 1px solid #999; vertical-align: top; }
thead th { border-bottom: 1.5px solid #000; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.bar { width: 11rem; }
thead { display: table-header-group; }
tr, figure, .entry, .keep { break-inside: avoid; page-break-inside: avoid; }
figure { margin: .5rem 0 1rem; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; fill: #000; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
blockquote { margin: .3rem 0 .6rem; padding-left: .8rem; border-left: 2px solid #000; white-space: pre-wrap; }
.prompt { font-style: italic; }
footer { margin-top: 2rem; padding-top: .4rem; border-top: 1px solid #000; font-size: .9rem; }
@media print { body { max-width: none; padding: 0; } }
";

/// What a page is made from; the entries come with [`Page::write`].
pub(super) struct Page<'a> {
    pub(super) ins: &'a Insights,
    pub(super) words: &'a WordLists,
    pub(super) own: &'a Vocabulary,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) made_at: DateTime<FixedOffset>,
    pub(super) with_text: bool,
}

impl Page<'_> {
    /// About how long the page will be, so its buffer is allocated once.
    pub(super) fn size_hint(&self, chosen: &[&Entry]) -> usize {
        let i = self.ins;
        let days = (self.to - self.from).num_days().max(0) as usize + 1;
        let text: usize = if self.with_text { chosen.iter().map(|e| e.text.len() * 6 + 400).sum() } else { 0 };
        16_384
            + days * 220
            + i.over_time.len() * 320
            + (i.labels.len() + i.contexts.len()) * 400
            + i.aftercare.len() * 1_200
            + chosen.len() * 1_500
            + text
    }

    /// Writes the whole document for `entries` entries in the period and the `chosen` ones.
    pub(super) fn write(&self, h: &mut String, entries: usize, chosen: &[&Entry]) {
        let period = period_words(self.from, self.to);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light\">\n\
             <title>Tend — summary for {period}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
             <header>\n<h1>Tend — summary for {period}</h1>\n\
             <p class=\"meta\">Period: {period}. {entries} {}. Made on {}.</p>\n",
            if entries == 1 { "entry" } else { "entries" },
            day_words(self.made_at.date_naive()),
        );
        if entries == 0 {
            h.push_str("</header>\n<p>No entries in this period.</p>\n");
        } else {
            h.push_str(
                "<p class=\"note\">Each entry notes how the person felt after intimacy: a mood point from \
                 unpleasant (−1) to pleasant (+1) and from low (−1) to high energy (+1), and any feelings, \
                 labels, context and aftercare they chose. The figures show what went together, not what \
                 caused what.</p>\n</header>\n",
            );
            self.at_a_glance(h);
            self.mood_over_time(h);
            self.calendar(h);
            self.counts(h, ["Labels", "Label", "label"], &self.ins.labels, |id| label_word(id, self.words, self.own));
            self.counts(h, ["Context", "Context", "context"], &self.ins.contexts, |id| {
                chip_word(&self.words.contexts, id)
            });
            self.aftercare(h);
            self.chosen(h, chosen);
        }
        let _ = write!(h, "</main>\n<footer>\n<p>{FOOTER}</p>\n</footer>\n</body>\n</html>\n");
    }

    fn at_a_glance(&self, h: &mut String) {
        let t = &self.ins.total;
        h.push_str("<section class=\"keep\">\n<h2>At a glance</h2>\n");
        if t.count > 0 {
            let _ = writeln!(
                h,
                "<p>Mean mood over the period, from {} {}: pleasantness {}, energy {}.</p>",
                t.count,
                if t.count == 1 { "entry" } else { "entries" },
                signed(t.pleasantness),
                signed(t.energy)
            );
        }
        if self.ins.no_mood > 0 {
            let n = self.ins.no_mood;
            let _ = writeln!(
                h,
                "<p>{n} {} without a mood recorded {} not in the mood figures.</p>",
                if n == 1 { "entry" } else { "entries" },
                if n == 1 { "is" } else { "are" }
            );
        }
        h.push_str(
            "<table>\n<caption>Entries by mood area</caption>\n<thead><tr><th scope=\"col\">Mood area</th>\
             <th scope=\"col\">Where it lies</th><th scope=\"col\">Entries</th></tr></thead>\n<tbody>\n",
        );
        for (q, n) in &self.ins.quadrants {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"n\">{n}</td></tr>",
                charts::area_name(*q),
                area_meaning(*q)
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn mood_over_time(&self, h: &mut String) {
        h.push_str("<section>\n<h2>Mood over time</h2>\n");
        if self.ins.over_time.is_empty() {
            h.push_str("<p>No mood was recorded in this period.</p>\n</section>\n");
            return;
        }
        charts::mood_over_time(h, self.ins);
        h.push_str("</section>\n");
    }

    fn calendar(&self, h: &mut String) {
        h.push_str("<section>\n<h2>Calendar</h2>\n");
        charts::calendar(h, self.ins);
        h.push_str("</section>\n");
    }

    /// Counts per label or context, most frequent first, each with a bar (the number beside it
    /// carries the meaning; the bar only shows size at a glance). `names`: the section's title,
    /// the column's heading, and one of them in a sentence.
    fn counts<'w>(&self, h: &mut String, names: [&str; 3], list: &'w [Frequency], word: impl Fn(&'w str) -> &'w str) {
        let [title, column, what] = names;
        let _ = write!(h, "<section>\n<h2>{title}</h2>\n");
        if list.is_empty() {
            let _ = write!(h, "<p>No {what} was noted in this period.</p>\n</section>\n");
            return;
        }
        let most = list.iter().map(|f| f.times()).max().unwrap_or(1);
        let _ = write!(
            h,
            "<table>\n<caption>Entries per {what}, most frequent first</caption>\n<thead><tr>\
             <th scope=\"col\">{column}</th><th scope=\"col\">Entries</th><th scope=\"col\">\
             <span class=\"note\">Relative</span></th></tr></thead>\n<tbody>\n"
        );
        for f in list {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"bar\">{}</td></tr>",
                Esc(word(&f.id)),
                f.times(),
                charts::bar(f.times(), 0, most)
            );
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn aftercare(&self, h: &mut String) {
        h.push_str("<section>\n<h2>Aftercare</h2>\n");
        let list = &self.ins.aftercare;
        if list.is_empty() {
            h.push_str("<p>No aftercare was noted in this period.</p>\n</section>\n");
            return;
        }
        let name = |id: &str| Esc(chip_word(&self.words.aftercare, id)).to_string();
        let most = list.iter().map(|a| a.got.count.max(a.wanted_not_got)).max().unwrap_or(1);
        h.push_str(
            "<table>\n<caption>Received, and wanted but not received</caption>\n<thead><tr>\
             <th scope=\"col\">Aftercare</th><th scope=\"col\">Received</th><th scope=\"col\">Wanted</th>\
             <th scope=\"col\">Wanted, not received</th><th scope=\"col\"><span class=\"note\">Relative \
             (filled: received; outlined: wanted, not received)</span></th></tr></thead>\n<tbody>\n",
        );
        for a in list {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"bar\">{}</td></tr>",
                name(&a.id),
                a.got.count,
                a.wanted,
                a.wanted_not_got,
                charts::bar(a.got.count, a.wanted_not_got, most)
            );
        }
        h.push_str("</tbody>\n</table>\n");
        let _ = write!(
            h,
            "<table>\n<caption>Mood afterwards with and without each item</caption>\n<thead><tr>\
             <th scope=\"col\">Aftercare</th><th scope=\"col\">With it</th><th scope=\"col\">Without it</th>\
             <th scope=\"col\">Difference (95% interval)</th><th scope=\"col\">What it reads as</th></tr></thead>\n\
             <tbody>\n"
        );
        for a in list {
            let side = |m: &crate::insights::MoodMean| {
                if m.count == 0 {
                    "no entries".to_owned()
                } else {
                    format!(
                        "{} ({} {})",
                        signed(m.pleasantness),
                        m.count,
                        if m.count == 1 { "entry" } else { "entries" }
                    )
                }
            };
            let (difference, reads) = if a.shown {
                let d = a.pattern.difference.map(signed).unwrap_or_else(|| "—".to_owned());
                let interval = match (a.pattern.low, a.pattern.high) {
                    (Some(l), Some(hi)) => format!(" ({} to {})", signed(l), signed(hi)),
                    _ => String::new(),
                };
                (format!("{d}{interval}"), verdict_words(a.pattern.verdict).to_owned())
            } else {
                ("—".to_owned(), format!("too few entries to compare (fewer than {MIN_SAMPLE} on a side)"))
            };
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{difference}</td><td>{reads}</td></tr>",
                name(&a.id),
                side(&a.got),
                side(&a.not_got)
            );
        }
        let _ = write!(
            h,
            "</tbody>\n</table>\n<p class=\"note\">Mean pleasantness afterwards (−1 to +1), compared among \
             entries that noted any aftercare. A difference reads as a pattern only when each side has at \
             least {MIN_SAMPLE} entries, its 95% interval leaves out zero, and it is large enough to notice; \
             otherwise it reads as about the same. What went together, not what caused what.</p>\n</section>\n"
        );
    }

    fn chosen(&self, h: &mut String, chosen: &[&Entry]) {
        h.push_str("<section>\n<h2>Entries chosen to share</h2>\n");
        if chosen.is_empty() {
            h.push_str("<p>No single entries were chosen for this page.</p>\n</section>\n");
            return;
        }
        if !self.with_text {
            h.push_str("<p class=\"note\">What was noted with each entry, in words. Written text is left out.</p>\n");
        }
        for e in chosen {
            write_entry(h, e, self.words, self.own, self.with_text);
        }
        h.push_str("</section>\n");
    }
}

/// Where a mood area lies on the grid.
fn area_meaning(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Bright => "pleasant, higher energy",
        Quadrant::Calm => "pleasant, lower energy",
        Quadrant::Tense => "unpleasant, higher energy",
        Quadrant::Heavy => "unpleasant, lower energy",
        Quadrant::Mixed => "near the middle, or feelings on both sides",
    }
}

/// A with-versus-without verdict in the Trends screen's words, said of the person.
fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Better => "tends to go with feeling better afterwards",
        Verdict::Lower => "has gone with somewhat less pleasant moods so far",
        Verdict::Same => "about the same with or without it, as far as these entries show",
    }
}
