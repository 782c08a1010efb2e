//! The page's charts as inline SVG, drawn from the insights: mood over time and the calendar,
//! each a described image followed by a table saying the same in numbers, and the small bars
//! beside counts. Drawn to read in black and white: lines told apart by dashes and markers,
//! days by letters, never by colour alone.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::FxHashMap as HashMap;

use super::{bucket_words, day_words, period_words, signed};
use crate::insights::{Bucket, DayCell, Insights, TimePoint};
use crate::model::Quadrant;

/// A mood area's name, capitalised.
pub(super) fn area_name(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Bright => "Bright",
        Quadrant::Calm => "Calm",
        Quadrant::Tense => "Tense",
        Quadrant::Heavy => "Heavy",
        Quadrant::Mixed => "Mixed",
    }
}

/// The letter that marks a day in the calendar.
fn area_letter(q: Quadrant) -> char {
    area_name(q).chars().next().unwrap_or('M')
}

// Mood over time: the drawing's size and margins, in SVG units.
const W: f64 = 640.0;
const H: f64 = 230.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// The first day of the bucket after the one starting on `start`.
fn next_bucket(start: NaiveDate, b: Bucket) -> NaiveDate {
    match b {
        Bucket::Day => start + Duration::days(1),
        Bucket::Week => start + Duration::days(7),
        Bucket::Month => {
            let (y, m) = if start.month() == 12 { (start.year() + 1, 1) } else { (start.year(), start.month() + 1) };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start + Duration::days(31))
        }
    }
}

/// Mean pleasantness and energy per bucket as two lines over the period, broken where buckets
/// have no entries, then the same as a table.
pub(super) fn mood_over_time(h: &mut String, ins: &Insights) {
    let (from, to) = (ins.from, ins.to);
    let span = (to - from).num_days().max(1) as f64;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |p: &TimePoint| {
        // The middle of the bucket, kept inside the period.
        let mid = p.start + (next_bucket(p.start, ins.bucket) - p.start) / 2;
        let mid = mid.clamp(from, to);
        if from == to {
            LEFT + pw / 2.0
        } else {
            LEFT + pw * (mid - from).num_days() as f64 / span
        }
    };
    let y = |v: f64| TOP + ph * (1.0 - v.clamp(-1.0, 1.0)) / 2.0;
    let (_, per) = bucket_words(ins.bucket);
    let pts = &ins.over_time;
    let (lo, hi) =
        pts.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.mean.pleasantness), hi.max(p.mean.pleasantness)));
    let described = format!(
        "Mean pleasantness and energy per {per}, {}: {} {per}{} with entries. Mean pleasantness ranged from {} to {}.",
        period_words(from, to),
        pts.len(),
        if pts.len() == 1 { "" } else { "s" },
        signed(lo),
        signed(hi)
    );
    let _ = write!(
        h,
        "<figure>\n<svg role=\"img\" aria-labelledby=\"mood-title mood-desc\" viewBox=\"0 0 {W} {H}\" \
         width=\"{W}\" height=\"{H}\">\n<title id=\"mood-title\">Mood over time</title>\n\
         <desc id=\"mood-desc\">{described}</desc>\n"
    );
    // Scale: a line at every half, the middle line stronger.
    for v in [1.0, 0.5, 0.0, -0.5, -1.0] {
        let (stroke, width) = if v == 0.0 { ("#000", 1.0) } else { ("#bbb", 0.6) };
        let _ = writeln!(
            h,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 3.5,
            if v == 0.0 { "0".to_owned() } else { signed(v).replace(".50", ".5").replace(".00", "") },
            yy = y(v),
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{:.1}\" font-size=\"10\" \
         text-anchor=\"end\">{}</text>",
        H - 8.0,
        from.format("%-d %b %Y"),
        W - RIGHT,
        H - 8.0,
        to.format("%-d %b %Y")
    );
    // Time ticks between the two ends: Mondays over a short period, months over a year or two,
    // years beyond; none close enough to an end to crowd its date.
    for (tick, label) in ticks(from, to) {
        let tx = LEFT + pw * (tick - from).num_days() as f64 / span;
        if tx - LEFT < 80.0 || W - RIGHT - tx < 80.0 {
            continue;
        }
        let _ = writeln!(
            h,
            "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#000\" stroke-width=\"0.8\"/>\
             <text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{label}</text>",
            TOP + ph,
            TOP + ph + 4.0,
            H - 8.0
        );
    }
    // Lines: pleasantness solid with filled circles, energy dashed with open squares.
    for (energy, stroke, dash) in [(false, "#000", ""), (true, "#444", " stroke-dasharray=\"5 3\"")] {
        let value = |p: &TimePoint| if energy { p.mean.energy } else { p.mean.pleasantness };
        let mut d = String::new();
        for (i, p) in pts.iter().enumerate() {
            let joined = i > 0 && next_bucket(pts[i - 1].start, ins.bucket) >= p.start;
            let _ = write!(d, "{}{:.1} {:.1} ", if joined { "L" } else { "M" }, x(p), y(value(p)));
        }
        let _ =
            writeln!(h, "<path d=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.6\"{dash}/>", d.trim_end());
        for p in pts {
            let (cx, cy) = (x(p), y(value(p)));
            if energy {
                let _ = writeln!(
                    h,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"#fff\" stroke=\"#444\" \
                     stroke-width=\"1.3\"/>",
                    cx - 3.0,
                    cy - 3.0
                );
            } else {
                let _ = writeln!(h, "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"3.2\" fill=\"#000\"/>");
            }
        }
    }
    let _ = writeln!(
        h,
        "</svg>\n<figcaption>Solid line, filled circles: mean pleasantness. Dashed line, open squares: mean \
         energy. Both run from −1 (unpleasant, or low energy) to +1 (pleasant, or high energy). A {per} \
         with no entries leaves a gap.</figcaption>\n</figure>"
    );
    let (heading, _) = bucket_words(ins.bucket);
    let _ = writeln!(
        h,
        "<table>\n<caption>Mood over time, as numbers</caption>\n<thead><tr><th scope=\"col\">{heading}</th>\
         <th scope=\"col\">Entries</th><th scope=\"col\">Mean pleasantness</th><th scope=\"col\">Mean energy</th>\
         </tr></thead>\n<tbody>"
    );
    for p in pts {
        let when = match ins.bucket {
            Bucket::Month => p.start.format("%B %Y").to_string(),
            _ => day_words(p.start),
        };
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{when}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            p.mean.count,
            signed(p.mean.pleasantness),
            signed(p.mean.energy)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Days to mark on the time axis, with their labels.
fn ticks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let span = (to - from).num_days();
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let mark = match span {
            0..=62 => (d.weekday() == chrono::Weekday::Mon).then(|| d.format("%-d %b").to_string()),
            63..=800 => (d.day() == 1).then(|| d.format(if d.month() == 1 { "%b %Y" } else { "%b" }).to_string()),
            _ => (d.ordinal() == 1).then(|| d.format("%Y").to_string()),
        };
        if let Some(label) = mark {
            out.push((d, label));
        }
        d += Duration::days(1);
    }
    out
}

// Calendar: one drawing per year, up to four months a row.
const CELL: f64 = 20.0;
const MONTH_W: f64 = 7.0 * CELL;
const MONTH_GAP: f64 = 16.0;
const MONTH_H: f64 = 18.0 + 14.0 + 6.0 * CELL;
const ROW_GAP: f64 = 14.0;
const PER_ROW: usize = 4;

/// The first of each month that overlaps the period.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut m = from.with_day(1).unwrap_or(from);
    let mut out = Vec::new();
    while m <= to {
        out.push(m);
        m = next_bucket(m, Bucket::Month);
    }
    out
}

/// Days of the period, month by month (one drawing per year): days with entries shaded, outlined
/// and marked with the letter of the mood area most often noted that day; other days show their
/// date. Then a table: per month, the days with entries and their mood areas.
pub(super) fn calendar(h: &mut String, ins: &Insights) {
    let (from, to) = (ins.from, ins.to);
    let cells: HashMap<NaiveDate, &DayCell> = ins.calendar.iter().map(|c| (c.date, c)).collect();
    let all = months(from, to);
    for year in all.chunk_by(|a, b| a.year() == b.year()) {
        let y0 = year[0].year();
        let days = ins.calendar.iter().filter(|c| c.date.year() == y0).count();
        let entries: usize = ins.calendar.iter().filter(|c| c.date.year() == y0).map(|c| c.count).sum();
        let cols = year.len().min(PER_ROW);
        let rows = year.len().div_ceil(PER_ROW);
        let w = cols as f64 * (MONTH_W + MONTH_GAP) - MONTH_GAP;
        let hh = rows as f64 * (MONTH_H + ROW_GAP) - ROW_GAP;
        let first = year[0].max(from);
        let last = year.last().map_or(to, |m| (next_bucket(*m, Bucket::Month) - Duration::days(1)).min(to));
        let _ = write!(
            h,
            "<figure>\n<svg role=\"img\" aria-labelledby=\"cal-{y0}-title cal-{y0}-desc\" viewBox=\"0 0 {w} {hh}\" \
             width=\"{w}\" height=\"{hh}\">\n<title id=\"cal-{y0}-title\">Calendar, {}</title>\n\
             <desc id=\"cal-{y0}-desc\">{days} {} with entries, {entries} {} in all.</desc>\n",
            period_words(first, last),
            if days == 1 { "day" } else { "days" },
            if entries == 1 { "entry" } else { "entries" },
        );
        for (i, m) in year.iter().enumerate() {
            let ox = (i % PER_ROW) as f64 * (MONTH_W + MONTH_GAP);
            let oy = (i / PER_ROW) as f64 * (MONTH_H + ROW_GAP);
            let _ = writeln!(
                h,
                "<text x=\"{ox}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"bold\">{}</text>",
                oy + 12.0,
                m.format("%B")
            );
            for (k, d) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
                let _ = write!(
                    h,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"middle\">{d}</text>",
                    ox + (k as f64 + 0.5) * CELL,
                    oy + 28.0
                );
            }
            h.push('\n');
            let lead = m.weekday().num_days_from_monday() as i64;
            let mut day = *m;
            while day.month() == m.month() {
                if day >= from && day <= to {
                    let n = (day - *m).num_days() + lead;
                    let (cx, cy) = (ox + (n % 7) as f64 * CELL, oy + 32.0 + (n / 7) as f64 * CELL);
                    match cells.get(&day) {
                        Some(c) => {
                            let _ = writeln!(
                                h,
                                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{}\" height=\"{}\" fill=\"#ddd\" stroke=\"#000\" \
                                 stroke-width=\"1.2\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" font-weight=\"bold\" \
                                 text-anchor=\"middle\">{}</text>",
                                cx + 1.0,
                                cy + 1.0,
                                CELL - 2.0,
                                CELL - 2.0,
                                cx + CELL / 2.0,
                                cy + CELL / 2.0 + 3.5,
                                c.main.map_or('-', area_letter)
                            );
                        }
                        None => {
                            let _ = writeln!(
                                h,
                                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#aaa\" \
                                 stroke-width=\"0.6\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"7\" fill=\"#666\" \
                                 text-anchor=\"middle\">{}</text>",
                                cx + 1.0,
                                cy + 1.0,
                                CELL - 2.0,
                                CELL - 2.0,
                                cx + CELL / 2.0,
                                cy + CELL / 2.0 + 2.5,
                                day.day()
                            );
                        }
                    }
                }
                day += Duration::days(1);
            }
        }
        let _ = writeln!(h, "</svg>\n<figcaption>Calendar, {}</figcaption>\n</figure>", period_words(first, last));
    }
    h.push_str(
        "<p class=\"note\">Days with entries are shaded, outlined and marked with the mood area noted most that \
         day: B bright, C calm, T tense, H heavy, M mixed. Other days show their date.</p>\n",
    );
    h.push_str(
        "<table>\n<caption>Days with entries, by month</caption>\n<thead><tr><th scope=\"col\">Month</th>\
         <th scope=\"col\">Days with entries</th><th scope=\"col\">Entries</th>\
         <th scope=\"col\">Days, with each entry's mood area</th></tr></thead>\n<tbody>\n",
    );
    for m in &all {
        let in_month: Vec<&DayCell> =
            ins.calendar.iter().filter(|c| (c.date.year(), c.date.month()) == (m.year(), m.month())).collect();
        let list = if in_month.is_empty() {
            "none".to_owned()
        } else {
            in_month
                .iter()
                .map(|c| {
                    let areas: Vec<&str> = c.quadrants.iter().map(|q| q.as_str()).collect();
                    format!("{} ({})", c.date.day(), areas.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{list}</td></tr>",
            m.format("%B %Y"),
            in_month.len(),
            in_month.iter().map(|c| c.count).sum::<usize>()
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// A small bar beside a count, decorative (hidden from screen readers: the number says it): a
/// filled bar for `filled`, and below it an outlined one for `outlined` when that is non-zero,
/// both scaled to `most`.
pub(super) fn bar(filled: usize, outlined: usize, most: usize) -> String {
    const BW: f64 = 160.0;
    let scale = |n: usize| if n == 0 { 0.0 } else { (BW * n as f64 / most.max(1) as f64).max(2.0) };
    let two = outlined > 0;
    let height = if two { 20 } else { 10 };
    let mut s = format!(
        "<svg aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 {BW} {height}\" width=\"{BW}\" height=\"{height}\">"
    );
    if filled > 0 {
        let _ = write!(s, "<rect x=\"0\" y=\"1\" width=\"{:.1}\" height=\"8\" fill=\"#333\"/>", scale(filled));
    }
    if two {
        let _ = write!(
            s,
            "<rect x=\"0.6\" y=\"11.6\" width=\"{:.1}\" height=\"6.8\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.2\"/>",
            (scale(outlined) - 1.2).max(1.0)
        );
    }
    s.push_str("</svg>");
    s
}
