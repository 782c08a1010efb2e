//! The Journal's filters in the real window ask the core over the whole journal: on a journal of
//! more than 1,200 entries, a filter whose matches are all older than the first loaded page finds
//! every one of them, and the feeling filter offers words only those old entries use.

use serde_json::{json, Value};
use tend_tests::{App, Home, R};

const PASS: &str = "filters passphrase";

fn tend(home: &Home, args: &[&str]) -> String {
    tend_tests::tend_cli(home, PASS, args, None)
}

/// How many entry cards the list shows now.
async fn cards(app: &App) -> R<u64> {
    let n: Value =
        app.c.execute("return document.querySelectorAll('#journal-list .entry-card').length;", vec![]).await?;
    Ok(n.as_u64().unwrap_or(0))
}

#[tokio::test]
async fn filters_find_matches_older_than_the_first_page() -> R {
    let home = Home::new();
    tend(&home, &["demo", "--per-week", "24", "--seed", "11"]);
    // Three moments from years before the demo's year, named in a way the demo never uses;
    // two of them with a feeling word the demo never uses either.
    for (at, extra) in [
        ("2019-02-01T22:00:00+01:00", Some("ashamed")),
        ("2019-03-01T22:00:00+01:00", None),
        ("2019-04-01T22:00:00+01:00", Some("ashamed")),
    ] {
        let mut args = vec![
            "add",
            "--pleasantness",
            "-0.6",
            "--energy",
            "-0.5",
            "--label",
            "postcoital-dysphoria",
            "--text",
            "An older moment",
            "--at",
            at,
        ];
        if let Some(word) = extra {
            args.extend(["--emotion", word]);
        }
        tend(&home, &args);
    }
    let all: Value = serde_json::from_str(&tend(&home, &["list", "--json", "--limit", "1"]))?;
    let total = all["total"].as_u64().unwrap();
    assert!(total > 1200, "{total} entries");

    let mut app = App::start(&home, "journal-filters").await?;
    app.unlock(PASS).await?;
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    app.wait_text("#journal-count", &format!("{total} entries.")).await?;
    assert_eq!(cards(&app).await?, 500, "the first page");
    let offered: Value = app
        .c
        .execute(
            "return Array.from(document.querySelectorAll('#journal-filter-emotion option')).map(o => o.value);",
            vec![],
        )
        .await?;
    assert!(offered.as_array().unwrap().contains(&json!("ashamed")), "every feeling in use is offered: {offered}");

    app.click("[data-filter-label=\"postcoital-dysphoria\"]").await?;
    app.wait_text("#journal-count", "3 entries match.").await?;
    assert_eq!(cards(&app).await?, 3);
    app.shot("journal-filtered").await?;

    // The feeling narrows it further, still over the whole journal.
    app.c
        .execute(
            "const s = document.querySelector('#journal-filter-emotion'); s.focus(); s.value = 'ashamed';
             s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await?;
    app.wait_text("#journal-count", "2 entries match.").await?;
    assert_eq!(cards(&app).await?, 2);

    // A mood that none of them has: nothing, said calmly; clearing brings the whole journal back.
    app.click("[data-filter-quadrant=\"bright\"]").await?;
    app.wait_text("#journal-count", "No entries match these filters.").await?;
    app.click("#journal-clear-filters").await?;
    app.wait_text("#journal-count", &format!("{total} entries.")).await?;
    app.finish().await
}
