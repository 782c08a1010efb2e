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

    let median = paint_times(&app, ["month", "year"]).await?;
    eprintln!("trends screen, request to charts painted, {total} entries: median {median:.0} ms");
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

/// Time from asking for a period to its charts painted, median of 5 (after one warm-up),
/// alternating between two periods so that each request really redraws.
async fn paint_times(app: &App, periods: [&str; 2]) -> R<f64> {
    let mut times = Vec::new();
    for i in 0..6 {
        let period = periods[i % 2];
        let ms: Value = app
            .c
            .execute_async(
                "const [period, done] = arguments;
                 const total = document.querySelector('#trends-total');
                 const before = total.textContent;
                 const t0 = performance.now();
                 document.querySelector(`[data-period=\"${period}\"]`).click();
                 const wait = () => {
                   if (total.textContent !== before && document.querySelector('#chart-calendar [data-date]')) {
                     requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                   } else { setTimeout(wait, 2); }
                 };
                 wait();",
                vec![json!(period)],
            )
            .await?;
        if i > 0 {
            times.push(ms.as_f64().unwrap_or(f64::NAN));
        }
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    eprintln!("  runs: {times:?}");
    Ok(times[2])
}

/// A figure, not an assertion: twenty years at about five entries a day (~36,500 entries).
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
    let total = app.text("#trends-total").await?;
    let year = paint_times(&app, ["month", "year"]).await?;
    let all = paint_times(&app, ["all", "year"]).await?;
    println!("trends screen ({total}): request to charts painted, median of 5: month/year {year:.0} ms, year/all {all:.0} ms");
    app.finish().await
}
