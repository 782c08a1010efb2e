//! The summary page: it says what the insights say for the same period, shows only the ticked
//! entries (their text only when asked), escapes every word of the person's own, fetches and runs
//! nothing, and reads calmly when the period is empty.

use super::*;
use crate::error::Error;
use crate::insights::Verdict;
use crate::journal::Options;
use crate::keystore::NoKeyring;
use crate::model::{EntryInput, Quadrant};
use crate::secret::Passphrase;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn made() -> DateTime<FixedOffset> {
    at("2026-04-04T09:30:00+02:00")
}

fn march() -> SummaryRequest {
    SummaryRequest { from: Some(day("2026-03-01")), to: Some(day("2026-03-31")), ..SummaryRequest::default() }
}

fn open(dir: &std::path::Path) -> Journal {
    let j = Journal::with_options(dir, Box::new(NoKeyring), Options::for_tests());
    j.create(Passphrase::new("pw".into())).unwrap();
    j
}

/// One entry: when, a mood, and lists; every entry's text is a canary naming it.
#[allow(clippy::too_many_arguments)]
fn add(
    j: &Journal,
    when: &str,
    p: f64,
    e: f64,
    emotions: &[&str],
    labels: &[&str],
    context: &[&str],
    got: &[&str],
    wanted: &[&str],
) -> Entry {
    let mut i = EntryInput::with_mood(p, e);
    i.at = Some(at(when));
    let v = |x: &[&str]| x.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    i.emotions = v(emotions);
    i.labels = v(labels);
    i.context = v(context);
    i.aftercare_got = v(got);
    i.aftercare_wanted = v(wanted);
    i.partner = Some(format!("PARTNER-CANARY-{}", &when[..10]));
    i.text = format!("TEXT-CANARY-{}", &when[..16]);
    j.add(i, at(when)).unwrap()
}

/// A journal with February and March entries: labels, contexts and enough aftercare in March
/// for a pattern (cuddling with six entries, other aftercare with six).
fn journal(dir: &std::path::Path) -> Journal {
    let j = open(dir);
    add(&j, "2026-02-20T22:00:00+01:00", -0.7, -0.6, &["sad"], &["drop"], &["solo"], &[], &[]);
    for k in 0..6 {
        let when = format!("2026-03-{:02}T22:{:02}:00+01:00", 2 + 2 * k, 10 + k);
        let p = 0.5 + 0.05 * k as f64;
        let label: &[&str] = if k % 2 == 0 { &["post-sex-blues"] } else { &[] };
        add(&j, &when, p, -0.3, &["tender"], label, &["regular-partner"], &["cuddling"], &["reassurance"]);
    }
    for k in 0..6 {
        let when = format!("2026-03-{:02}T08:{:02}:00+01:00", 3 + 2 * k, 10 + k);
        let p = -0.6 + 0.04 * k as f64;
        add(&j, &when, p, 0.4, &["anxious"], &["drop"], &["new-partner"], &["water"], &["cuddling"]);
    }
    j
}

fn ticked(j: &Journal, req: &SummaryRequest) -> Summary {
    j.summary(req, day("2026-04-04"), made()).unwrap()
}

fn field_of(e: Error) -> String {
    match e {
        Error::Invalid(v) => v.field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn the_page_holds_the_counts_insights_give_for_the_same_period() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let s = ticked(&j, &march());
    assert_eq!((s.entries, s.shown), (12, 0), "February's entry is outside the period");
    let ins = j.insights(&Query { from: march().from, to: march().to, today: day("2026-04-04") }).unwrap();
    let h = &*s.html;
    let words = shipped();
    let own = j.vocabulary().unwrap();
    assert!(!ins.labels.is_empty() && !ins.contexts.is_empty());
    for f in &ins.labels {
        let row =
            format!("<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td>", label_word(&f.id, words, &own), f.times());
        assert!(h.contains(&row), "{row}");
    }
    for f in &ins.contexts {
        let row = format!(
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td>",
            chip_word(&words.contexts, &f.id),
            f.times()
        );
        assert!(h.contains(&row), "{row}");
    }
    assert!(h.contains("<th scope=\"row\">post-sex blues</th><td class=\"n\">3</td>"), "shipped words, not ids");
    assert!(h.contains("<th scope=\"row\">drop</th><td class=\"n\">6</td>"), "February's drop is not counted");

    // Aftercare: got and wanted-but-not-got counts, and the pattern with its verdict.
    let cuddling = ins.aftercare.iter().find(|a| a.id == "cuddling").unwrap();
    assert_eq!((cuddling.got.count, cuddling.wanted, cuddling.wanted_not_got), (6, 6, 6));
    assert!(cuddling.shown && cuddling.pattern.verdict == Verdict::Better, "{cuddling:?}");
    let name = chip_word(&words.aftercare, "cuddling");
    assert!(h.contains(&format!(
        "<th scope=\"row\">{name}</th><td class=\"n\">6</td><td class=\"n\">6</td><td class=\"n\">6</td>"
    )));
    assert!(h.contains(&signed(cuddling.pattern.difference.unwrap())));
    assert!(h.contains("tends to go with feeling better afterwards"));

    // Mood over time: one row per point the insights give, with the same means.
    for p in &ins.over_time {
        let row = format!(
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            day_words(p.start),
            p.mean.count,
            signed(p.mean.pleasantness),
            signed(p.mean.energy)
        );
        assert!(h.contains(&row), "{row}");
    }
    // Calendar: every day of March drawn, days with entries marked; the table counts them.
    assert!(h.contains("<title id=\"cal-2026-title\">Calendar, 1 to 31 March 2026</title>"));
    assert!(h.contains("12 days with entries, 12 entries in all."));
    assert!(h.contains(
        "<tr><th scope=\"row\">March 2026</th><td class=\"n\">12</td><td class=\"n\">12</td><td>2 (calm); 3 (tense);"
    ));
    let mean = format!("pleasantness {}, energy {}", signed(ins.total.pleasantness), signed(ins.total.energy));
    assert!(h.contains(&mean), "{mean}");
    let calm = ins.quadrants.iter().find(|q| q.0 == Quadrant::Calm).unwrap().1;
    assert!(h.contains(&format!(
        "<tr><th scope=\"row\">Calm</th><td>pleasant, lower energy</td><td class=\"n\">{calm}</td></tr>"
    )));
}

#[test]
fn only_ticked_entries_show_and_no_free_text_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let all: Vec<Entry> = j.with_entries(|it| it.cloned().collect()).unwrap();
    let pick = all.iter().find(|e| e.at == at("2026-03-04T22:11:00+01:00")).unwrap();
    let s = ticked(&j, &SummaryRequest { entries: vec![format!(" {} ", pick.id)], ..march() });
    assert_eq!(s.shown, 1);
    let h = &*s.html;
    assert!(h.contains("<h3>Wednesday 4 March 2026, 22:11</h3>"), "the ticked entry, by its own time");
    assert_eq!(h.matches("<article class=\"entry\">").count(), 1, "only the ticked one");
    assert!(
        h.contains("<dt>Feelings</dt><dd>tender</dd>") && h.contains("<dt>Context</dt><dd>with a regular partner</dd>")
    );
    assert!(h.contains("Written text is left out."));
    for e in &all {
        assert!(!h.contains(e.text.as_str()), "free text stays out by default: {}", e.text);
        assert!(!h.contains(e.partner.as_deref().unwrap()), "partners never appear");
        assert!(!h.contains(&e.id), "ids never appear");
    }

    let s = ticked(&j, &SummaryRequest { entries: vec![pick.id.clone(), pick.id.clone()], with_text: true, ..march() });
    assert_eq!(s.shown, 1, "a tick twice shows once");
    let h = &*s.html;
    assert!(h.contains(&format!("<blockquote>{}</blockquote>", pick.text)), "asked for: the ticked entry's text");
    for e in all.iter().filter(|e| e.id != pick.id) {
        assert!(!h.contains(e.text.as_str()), "never an unticked entry's text: {}", e.text);
    }
    assert!(!h.contains("PARTNER-CANARY"));
}

#[test]
fn every_word_of_the_persons_own_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let j = open(tmp.path());
    let label = j.add_own_label("<script>alert('l')</script>").unwrap();
    let word = j.add_own_emotion("<b onmouseover=\"x\">me</b>", Quadrant::Calm).unwrap();
    let mut i = EntryInput::with_mood(0.4, -0.4);
    i.at = Some(at("2026-03-05T21:00:00+01:00"));
    i.labels = vec![label.id.clone()];
    i.emotions = vec![word.id.clone()];
    i.text = "</blockquote><script>alert(1)</script> & <img src=x onerror=alert(2)>".into();
    let e = j.add(i, at("2026-03-05T21:00:00+01:00")).unwrap();
    let s = ticked(&j, &SummaryRequest { entries: vec![e.id], with_text: true, ..march() });
    let h = &*s.html;
    // Only the markup is gone: the words themselves stay readable ("src=" among them).
    assert!(
        !h.contains("<script") && !h.contains("<b ") && !h.contains("<img") && !h.contains("</blockquote><"),
        "{h}"
    );
    assert!(h.contains("<th scope=\"row\">&lt;script&gt;alert(&#39;l&#39;)&lt;/script&gt;</th>"), "the label, counted");
    assert!(h.contains("<dd>&lt;b onmouseover=&quot;x&quot;&gt;me&lt;/b&gt;</dd>"), "the own feeling word");
    assert!(h.contains("&lt;/blockquote&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x"));
    assert_eq!(Esc("a<b>&\"'c").to_string(), "a&lt;b&gt;&amp;&quot;&#39;c");
}

#[test]
fn the_page_fetches_nothing_runs_nothing_and_reads_without_sight_or_colour() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let first = j.with_entries(|it| it.map(|e| e.id.clone()).last()).unwrap().unwrap();
    // A long period: weeks, a calendar per year.
    let req = SummaryRequest { from: Some(day("2025-11-01")), to: None, entries: vec![first], with_text: true };
    let s = ticked(&j, &req);
    let h = s.html.to_ascii_lowercase();
    for bad in [
        "http", "src=", "<script", "url(", "<link", "@import", "<img", "<iframe", "<object", "<embed", "href",
        "onload=", "onerror=", "onclick=",
    ] {
        assert!(!h.contains(bad), "{bad:?} in the page");
    }
    assert!(h.starts_with("<!doctype html>\n<html lang=\"en\">"));
    // Every drawing is either a described image or decoration beside its own number.
    let svgs: Vec<&str> = h.split("<svg").skip(1).collect();
    assert!(svgs.len() > 4);
    for svg in svgs {
        let open = &svg[..svg.find('>').unwrap()];
        if open.contains("aria-hidden=\"true\"") {
            continue;
        }
        assert!(open.contains("role=\"img\"") && open.contains("aria-labelledby="), "{open}");
        assert!(svg.contains("<title id=") && svg.contains("<desc id="), "{open}");
    }
    assert_eq!(h.matches("<title id=\"cal-").count(), 2, "one calendar per year: 2025 and 2026");
    assert!(h.contains("<th scope=\"col\">week starting</th>"), "a text twin for mood over time");
    assert!(h.contains("<caption>days with entries, by month</caption>"), "a text twin for the calendar");
    // Headings in order, and every element opened is closed.
    assert_eq!(h.matches("<h1>").count(), 1);
    for tag in
        ["main", "section", "table", "figure", "svg", "article", "dl", "footer", "header", "thead", "tbody", "tr"]
    {
        let opened = h.matches(&format!("<{tag}>")).count() + h.matches(&format!("<{tag} ")).count();
        assert_eq!(opened, h.matches(&format!("</{tag}>")).count(), "<{tag}>");
    }
}

#[test]
fn the_header_and_footer_say_what_the_page_is_and_nothing_more() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let s = ticked(&j, &march());
    let h = &*s.html;
    assert!(h.contains("<title>Tend — summary for 1 to 31 March 2026</title>"));
    assert!(h.contains("<h1>Tend — summary for 1 to 31 March 2026</h1>"));
    assert!(h.contains("Period: 1 to 31 March 2026. 12 entries. Made on 4 April 2026."));
    assert!(h.contains(&format!("<footer>\n<p>{}</p>", page::FOOTER)));
    assert!(h.contains("No single entries were chosen for this page."));
    assert!(!format!("{s:?}").contains("<html"), "Debug never prints the page");

    // No period: from the first entry to today.
    let s = ticked(&j, &SummaryRequest::default());
    assert!(s.html.contains("<h1>Tend — summary for 20 February to 4 April 2026</h1>"));
    assert_eq!(s.entries, 13);
}

#[test]
fn an_empty_period_reads_calmly() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let req =
        SummaryRequest { from: Some(day("2025-06-01")), to: Some(day("2025-06-30")), ..SummaryRequest::default() };
    let s = ticked(&j, &req);
    assert_eq!((s.entries, s.shown), (0, 0));
    assert!(s.html.contains("Period: 1 to 30 June 2025. 0 entries."));
    assert!(s.html.contains("<p>No entries in this period.</p>"));
    assert!(s.html.contains(page::FOOTER));
    assert!(!s.html.contains("<svg") && !s.html.contains("<table"), "no empty charts");

    let empty = tempfile::tempdir().unwrap();
    let s = open(empty.path()).summary(&SummaryRequest::default(), day("2026-04-04"), made()).unwrap();
    assert!(
        s.html.contains("<h1>Tend — summary for 4 April 2026</h1>") && s.html.contains("No entries in this period.")
    );
}

#[test]
fn days_out_of_range_unknown_ids_and_entries_outside_the_period_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let j = journal(tmp.path());
    let sum = |req: SummaryRequest| j.summary(&req, day("2026-04-04"), made()).unwrap_err();
    let e = sum(SummaryRequest { from: Some(day("1899-12-31")), ..SummaryRequest::default() });
    assert!(e.to_string().contains("between the years 1900 and 2200"), "{e}");
    assert_eq!(field_of(e), "from");
    assert_eq!(field_of(sum(SummaryRequest { to: Some(day("2201-01-01")), ..SummaryRequest::default() })), "to");
    let e =
        sum(SummaryRequest { from: Some(day("2026-03-02")), to: Some(day("2026-03-01")), ..SummaryRequest::default() });
    assert!(e.to_string().contains("before the first"), "{e}");
    assert_eq!(field_of(j.summary(&SummaryRequest::default(), day("1800-01-01"), made()).unwrap_err()), "today");

    let e = sum(SummaryRequest { entries: vec!["not-an-entry".into()], ..march() });
    assert!(e.to_string().contains("no entry 'not-an-entry'"), "{e}");
    assert_eq!(field_of(e), "entries");
    assert_eq!(field_of(sum(SummaryRequest { entries: vec!["  ".into()], ..march() })), "entries");
    let feb = j.with_entries(|it| it.map(|e| e.id.clone()).last()).unwrap().unwrap();
    let e = sum(SummaryRequest { entries: vec![feb], ..march() });
    assert!(e.to_string().contains("20 February 2026, 22:00 lies outside 1 to 31 March 2026"), "{e}");

    j.lock();
    assert!(matches!(j.summary(&march(), day("2026-04-04"), made()), Err(Error::Locked)));
}

#[test]
fn periods_and_numbers_read_in_words() {
    assert_eq!(period_words(day("2026-03-04"), day("2026-03-04")), "4 March 2026");
    assert_eq!(period_words(day("2026-03-01"), day("2026-03-31")), "1 to 31 March 2026");
    assert_eq!(period_words(day("2026-03-01"), day("2026-05-02")), "1 March to 2 May 2026");
    assert_eq!(period_words(day("2025-03-01"), day("2026-02-28")), "1 March 2025 to 28 February 2026");
    assert_eq!(signed(0.5), "+0.50");
    assert_eq!(signed(-0.25), "\u{2212}0.25");
    assert_eq!(signed(-0.001), "0.00");
}
