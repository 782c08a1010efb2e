//! The Trends screen in the real window, on a journal seeded through the command line: the
//! counts and calendar colours it shows match `tend trends --json`, every chart is
//! screenshotted, and the time from asking for a period to its charts being painted is printed.

use serde_json::{json, Value};
use tend_tests::{App, Home, R};

const PASS: &str = "trends passphrase";

fn tend(home: &Home, args: &[&str]) -> String {
    tend_tests::tend_cli(home, PASS, args, None)
}

#[tokio::test]
async fn a_seeded_year_shows_its_counts_and_colours() -> R {
    let home = Home::new();
    tend(&home, &["demo", "--per-week", "4", "--seed", "3"]);
    let expected: Value = serde_json::from_str(&tend(&home, &["trends", "--json"]))?;
    let total = expected["total"]["count"].as_u64().unwrap();
    assert!(total > 150);

    let mut app = App::start(&home, "trends").await?;
    app.unlock(PASS).await?;
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    app.click("[data-period=\"all\"]").await?;
    app.wait_text("#trends-total", &total.to_string()).await?;

    // Calendar colours: every day with entries carries the quadrant the core computed.
    let cells = expected["calendar"].as_array().unwrap();
    let shown: Value = app
        .c
        .execute(
            "return Array.from(document.querySelectorAll('#chart-calendar [data-date]'))
                 .filter(c => c.dataset.quadrant).map(c => [c.dataset.date, c.dataset.quadrant, Number(c.dataset.count || 0)]);",
            vec![],
        )
        .await?;
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len(), cells.len(), "one coloured cell per day with entries");
    for cell in cells {
        let date = cell["date"].as_str().unwrap();
        let got = shown.iter().find(|s| s[0] == date).unwrap_or_else(|| panic!("no cell for {date}"));
        assert_eq!(got[1], cell["main"], "{date}");
        assert_eq!(got[2], cell["count"], "{date}");
    }

    for chart in [
        "#chart-over-time",
        "#chart-calendar",
        "#chart-map",
        "#trends-words",
        "#trends-contexts",
        "#trends-aftercare",
        "#trends-later",
        "#trends-lookback",
    ] {
        app.c
            .execute("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", vec![json!(chart)])
            .await?;
        app.shot(chart.trim_start_matches('#')).await?;
        // Each chart has words for people who can't see it: a labelled SVG whose table appears
        // when "Show as a table" is opened, or the figures written out beside decorative bars.
        let alt: Value = app
            .c
            .execute_async(
                "const [css, done] = arguments;
                 const el = document.querySelector(css);
                 const svg = el.querySelector('svg[role=img][aria-label]');
                 if (!svg) return done(el.textContent.replace(/\\s+/g, ' ').trim().length > 20);
                 if (el.querySelectorAll('table tr').length > 1) return done(true);
                 const details = el.querySelector('details');
                 if (!details) return done(false);
                 details.querySelector('summary').click();
                 let tries = 0;
                 const look = () => {
                   const rows = el.querySelectorAll('table tr').length;
                   if (rows > 1) return done(true);
                   if (++tries > 200) return done(false);
                   setTimeout(look, 10);
                 };
                 look();",
                vec![json!(chart)],
            )
            .await?;
        assert_eq!(alt, true, "{chart} has no text alternative");
    }

    // Every period, as a person switches between them (each picture is audited too).
    for period in ["week", "month", "year"] {
        let before = app.text("#trends-total").await?;
        app.c.execute("window.scrollTo(0, 0)", vec![]).await?;
        app.click(&format!("[data-period=\"{period}\"]")).await?;
        app.el(&format!("[data-period=\"{period}\"][aria-pressed=\"true\"]")).await?;
        // Each period holds fewer or more entries than the one before (all, week, month, year).
        let mut tries = 0;
        while app.text("#trends-total").await? == before {
            tries += 1;
            assert!(tries < 500, "the total stayed {before:?} after choosing {period}");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        app.shot(&format!("period-{period}")).await?;
    }

    for (period, (median, shown)) in ["month", "year"].iter().zip(paint_times(&app, ["month", "year"]).await?) {
        eprintln!("trends screen, {period} ({shown}), request to charts painted: median {median:.0} ms");
    }
    app.finish().await
}

/// Years of days are drawn as a few paths rather than an element per day: each day's piece is
/// read back from its place in the strip and must carry the colour the core computed.
#[tokio::test]
async fn years_of_days_show_each_day_in_its_colour() -> R {
    let home = Home::new();
    tend(&home, &["demo", "--per-week", "4", "--years", "3", "--seed", "7"]);
    let expected: Value = serde_json::from_str(&tend(&home, &["trends", "--json"]))?;
    let total = expected["total"]["count"].as_u64().unwrap();
    let from = expected["from"].as_str().unwrap().to_string();
    let to = expected["to"].as_str().unwrap().to_string();

    let mut app = App::start(&home, "trends-years").await?;
    let days = app
        .c
        .execute(
            "const [a, b] = arguments; return (Date.parse(b) - Date.parse(a)) / 86400000 + 1;",
            vec![json!(from), json!(to)],
        )
        .await?
        .as_i64()
        .unwrap();
    assert!(days > 1000, "{days} days: long enough to be drawn as paths");
    app.unlock(PASS).await?;
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    app.click("[data-period=\"all\"]").await?;
    app.wait_text("#trends-total", &total.to_string()).await?;
    // The earlier years are drawn just after the chart shows.
    let mut tries = 0;
    while app.c.execute("return document.querySelectorAll('#chart-calendar .cal-block:empty').length", vec![]).await?
        != json!(0)
    {
        tries += 1;
        assert!(tries < 250, "the calendar's earlier years were never drawn");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        app.c.execute("return document.querySelectorAll('#chart-calendar [data-date]').length", vec![]).await?,
        json!(0),
        "no element per day"
    );
    // Each piece starts at its cell's top edge, 2 units in (the rounded corner); cells are 12
    // apart from (30, 32), Monday at the top of each week's column.
    let shown: Value = app
        .c
        .execute(
            "const [from] = arguments;
             const first = Date.parse(from + 'T00:00:00Z');
             const monday = first - ((new Date(first).getUTCDay() + 6) % 7) * 86400000;
             const out = [];
             for (const p of document.querySelectorAll('#chart-calendar path.cal-cell')) {
               for (const m of p.getAttribute('d').matchAll(/M([-\\d.]+) ([-\\d.]+)/g)) {
                 const col = Math.round((Number(m[1]) - 2 - 30) / 12);
                 const row = Math.round((Number(m[2]) - 32) / 12);
                 out.push([new Date(monday + (col * 7 + row) * 86400000).toISOString().slice(0, 10), p.dataset.quadrant ?? '']);
               }
             }
             return out;",
            vec![json!(from)],
        )
        .await?;
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len() as i64, days, "one piece per day of the period");
    let by_date: std::collections::HashMap<&str, &str> =
        shown.iter().map(|s| (s[0].as_str().unwrap(), s[1].as_str().unwrap())).collect();
    assert_eq!(by_date.len() as i64, days, "no day drawn twice");
    let cells = expected["calendar"].as_array().unwrap();
    for cell in cells {
        let date = cell["date"].as_str().unwrap();
        let want = cell["main"].as_str().unwrap_or("none");
        assert_eq!(by_date.get(date).copied(), Some(want), "{date}");
    }
    let blank = by_date.values().filter(|k| k.is_empty()).count();
    assert_eq!(blank, days as usize - cells.len(), "every other day is blank");
    app.c.execute("document.querySelector('#trends-days').scrollIntoView()", vec![]).await?;
    app.shot("years").await?;
    app.finish().await
}

#[tokio::test]
async fn an_empty_journal_gets_a_kind_word() -> R {
    let home = Home::new();
    tend(&home, &["init"]);
    let app = App::start(&home, "trends-empty").await?;
    app.unlock(PASS).await?;
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    // The kind word comes once the (empty) figures have arrived.
    let text = app.wait_text("main", "Nothing here yet").await?;
    assert!(!text.to_lowercase().contains("missed") && !text.to_lowercase().contains("streak"));
    app.finish().await
}

/// Time from asking for a period to its charts painted, as the median of 5 for each of the two
/// periods (after one warm-up), alternating between them so that each request really redraws.
/// Returns each period's median with the total it showed.
async fn paint_times(app: &App, periods: [&str; 2]) -> R<[(f64, String); 2]> {
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut totals = [String::new(), String::new()];
    for i in 0..12 {
        let which = i % 2;
        let period = periods[which];
        let ms: Value = app
            .c
            .execute_async(
                "const [period, done] = arguments;
                 const total = document.querySelector('#trends-total');
                 const before = total.textContent;
                 const t0 = performance.now();
                 document.querySelector(`[data-period=\"${period}\"]`).click();
                 const wait = () => {
                   if (total.textContent !== before && document.querySelector('#chart-calendar svg')) {
                     requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                   } else { setTimeout(wait, 2); }
                 };
                 wait();",
                vec![json!(period)],
            )
            .await?;
        if i >= 2 {
            times[which].push(ms.as_f64().unwrap_or(f64::NAN));
            totals[which] = app.text("#trends-total").await?;
        }
    }
    let mut out = Vec::new();
    for (which, mut runs) in times.into_iter().enumerate() {
        eprintln!("  {} runs, in order: {runs:?}", periods[which]);
        runs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        out.push((runs[runs.len() / 2], std::mem::take(&mut totals[which])));
    }
    let second = out.pop().expect("two periods");
    let first = out.pop().expect("two periods");
    Ok([first, second])
}

/// The floor for the figures above, in the same window: the time from changing the screen's
/// background (so the whole screen is painted again, with no data asked for and nothing built)
/// to two frames later, median of 5.
async fn repaint_floor(app: &App) -> R<f64> {
    let mut times = Vec::new();
    for _ in 0..5 {
        let ms: Value = app
            .c
            .execute_async(
                "const done = arguments[0];
                 const main = document.querySelector('main');
                 const t0 = performance.now();
                 main.style.backgroundColor = main.style.backgroundColor ? '' : 'rgb(250, 250, 249)';
                 requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));",
                vec![],
            )
            .await?;
        times.push(ms.as_f64().unwrap_or(f64::NAN));
    }
    eprintln!("  floor runs, in order: {times:?}");
    times.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Ok(times[2])
}

/// A figure, not an assertion: twenty years at about four entries a day (~31,000 entries).
/// "All" is the period that draws all twenty years; the month and year are there for scale.
#[tokio::test]
#[ignore = "a figure for the record; run by .ci/figures"]
async fn twenty_years_of_entries_paint_time() -> R {
    let home = Home::new();
    tend(&home, &["demo", "--per-week", "30", "--years", "20", "--seed", "5"]);
    let app = App::start(&home, "trends-big").await?;
    let long = Some(std::time::Duration::from_secs(300));
    app.c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(long, long, None)).await?;
    app.unlock(PASS).await?;
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    app.wait_text("#trends-total", "entries").await?;
    println!("trends screen, request to charts painted, median of 5 each:");
    let [(all, all_shown), (year, year_shown)] = paint_times(&app, ["all", "year"]).await?;
    let [(month, month_shown), _] = paint_times(&app, ["month", "year"]).await?;
    let floor = repaint_floor(&app).await?;
    println!("  all ({all_shown}): {all:.0} ms, {:.2}x the floor", all / floor);
    println!("  year ({year_shown}): {year:.0} ms, {:.2}x the floor", year / floor);
    println!("  month ({month_shown}): {month:.0} ms, {:.2}x the floor", month / floor);
    println!("  floor, the same screen repainted with nothing new to show: {floor:.0} ms");
    app.finish().await
}
