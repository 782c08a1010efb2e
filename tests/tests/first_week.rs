//! The first week, in the real window: the places new people stumbled, walked again. Nothing
//! typed is lost: the idle lock warns first ("Still here?") and keeps the half-written entry,
//! sealed, to offer back after unlock; quick-hide keeps it too; Enter on the mood grid moves on
//! to Save instead of saving a bare entry.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::{json, Value};
use tend_tests::{pad_to_heavy, press, reveal, tend_cli, App, Home, R};

const PASS: &str = "first week passphrase";

/// A journal made by the command line, opened in the real window.
async fn ready(home: &Home, name: &str) -> R<App> {
    tend_cli(home, PASS, &["init"], None);
    let app = App::start(home, name).await?;
    app.unlock(PASS).await?;
    Ok(app)
}

async fn js(app: &App, script: &str) -> R<Value> {
    Ok(app.c.execute(script, vec![]).await?)
}

async fn shown(app: &App, css: &str) -> R<bool> {
    let v = app
        .c
        .execute(
            "const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;",
            vec![json!(css)],
        )
        .await?;
    Ok(v == json!(true))
}

/// Waits (up to `secs`) until `css` is shown.
async fn wait_shown(app: &App, css: &str, secs: u64) -> R {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !shown(app, css).await? {
        if Instant::now() > deadline {
            return Err(format!("{css} never showed").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

async fn drafts(app: &App) -> R<Value> {
    Ok(app.invoke("drafts", json!({})).await?["ok"].clone())
}

async fn total(app: &App) -> R<Value> {
    Ok(app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?["ok"]["total"].clone())
}

/// Someone who cried after good sex last night starts writing, then walks away.
#[tokio::test]
async fn a_draft_survives_the_idle_lock_after_a_calm_warning() -> R {
    let home = Home::new();
    let mut app = ready(&home, "idle-draft").await?;
    // The shortest idle time, one minute, read at the next unlock.
    let mut settings = app.invoke("settings", json!({})).await?["ok"].clone();
    settings["idleMinutes"] = json!(1);
    assert!(app.invoke("save_settings", json!({"settings": settings})).await?["ok"].is_object());
    press(&app, "#lock-button").await?;
    app.unlock(PASS).await?;

    pad_to_heavy(&app).await?;
    press(&app, "[data-emotion=\"tearful\"]").await?;
    reveal(&app, "#log-text").await?;
    app.type_into("#log-text", "I cried after, and it was good sex").await?;
    // "Still here?" about half a minute before the lock; a key keeps Tend open.
    wait_shown(&app, "#idle-warning", 45).await?;
    app.wait_text("#idle-warning", "Still here?").await?;
    app.shot("idle-warning").await?;
    app.el("#log-text").await?.send_keys(" ").await?;
    assert!(!shown(&app, "#idle-warning").await?, "a key keeps Tend open");
    // Then nothing more: the warning again, then the lock.
    wait_shown(&app, "#idle-warning", 45).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let screen = app.c.execute("return document.body ? (document.body.dataset.screen || '') : ''", vec![]).await;
        if matches!(screen, Ok(ref s) if s == "unlock") {
            break;
        }
        assert!(Instant::now() < deadline, "the idle lock never came");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert!(!app.html().await?.contains("good sex"), "the words are gone from the page");
    assert_eq!(app.invoke("drafts", json!({})).await?["err"]["code"], "locked");

    app.unlock(PASS).await?;
    app.wait_text("#draft-card", "You were writing when Tend locked").await?;
    app.wait_text("#draft-card", "I cried after, and it was good sex").await?;
    app.shot("draft-offered").await?;
    press(&app, ".draft-resume").await?;
    let text = js(&app, "return document.querySelector('#log-text').value").await?;
    assert_eq!(text, json!("I cried after, and it was good sex "), "picked up where it was left");
    let pressed =
        js(&app, "return document.querySelector('[data-emotion=\"tearful\"]').getAttribute('aria-pressed')").await?;
    assert_eq!(pressed, json!("true"), "the chosen word is back too");
    assert!(!shown(&app, "#draft-card").await?);
    press(&app, "#log-save").await?;
    app.wait_text("#live", "Saved").await?;
    assert_eq!(total(&app).await?, 1);
    // Saved: the draft is let go.
    let deadline = Instant::now() + Duration::from_secs(10);
    while drafts(&app).await? != json!([]) {
        assert!(Instant::now() < deadline, "the saved draft was kept");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.finish().await
}

/// Quick-hide still hides and locks at once, and keeps what was being written.
#[tokio::test]
async fn quick_hide_keeps_the_draft_and_it_can_be_let_go() -> R {
    let home = Home::new();
    let mut app = ready(&home, "quick-hide-draft").await?;
    pad_to_heavy(&app).await?;
    reveal(&app, "#log-text").await?;
    app.type_into("#log-text", "DraftCanary two days into drop").await?;
    app.chord(&[Key::Control, Key::Shift], "h").await?;
    assert!(!app.html().await?.contains("DraftCanary"), "hidden at once");
    app.wait_screen("unlock").await?;
    app.unlock(PASS).await?;
    app.wait_text("#draft-card", "DraftCanary two days into drop").await?;
    press(&app, ".draft-discard").await?;
    app.wait_text("#live", "Let go").await?;
    assert!(!shown(&app, "#draft-card").await?);
    assert_eq!(drafts(&app).await?, json!([]));
    assert_eq!(total(&app).await?, 0, "nothing was saved as an entry");
    app.shot("draft-let-go").await?;
    app.finish().await
}

/// Enter on the mood grid moves to Save; it never saves a bare entry by itself.
#[tokio::test]
async fn enter_on_the_mood_grid_moves_to_save() -> R {
    let home = Home::new();
    let app = ready(&home, "grid-enter").await?;
    let pad = pad_to_heavy(&app).await?;
    pad.send_keys(&char::from(Key::Enter).to_string()).await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(total(&app).await?, 0, "Enter on the grid saved an entry");
    assert_eq!(js(&app, "return document.activeElement && document.activeElement.id").await?, json!("log-save"));
    // Enter on Save saves.
    app.el("#log-save").await?.send_keys(&char::from(Key::Enter).to_string()).await?;
    app.wait_text("#live", "Saved").await?;
    assert_eq!(total(&app).await?, 1);
    app.finish().await
}

/// Someone unsure whether they wanted what happened: after saving, the form steps back while
/// the panel shows, and "Need support now?" opens at "Something happened that I didn't want",
/// with the consent card, not words about self-harm. Locked, it asks first, and leads there too.
#[tokio::test]
async fn support_fits_the_moment_after_an_unsure_choice() -> R {
    let home = Home::new();
    let mut app = ready(&home, "support-fits").await?;
    pad_to_heavy(&app).await?;
    press(&app, "[data-choice=\"unsure\"]").await?;
    press(&app, "#log-save").await?;
    app.wait_text("#after-save-title", "Saved").await?;
    assert!(!shown(&app, "#log-save").await?, "no live, empty form under the saved panel");
    app.shot("after-save-unsure").await?;
    app.click("#support-button").await?;
    app.wait_text("#support-panel [data-card=\"consent\"]", "it is not your fault").await?;
    let pressed =
        js(&app, "return document.querySelector('[data-support-choice=\"unwanted\"]').getAttribute('aria-pressed')")
            .await?;
    assert_eq!(pressed, json!("true"));
    assert!(!app.text("#support-panel").await?.contains("You deserve support right now."));
    app.shot("support-after-unsure").await?;
    // Scrolled far down a long page, the button is still in view.
    app.click("#support-close").await?;
    press(&app, "#after-save-done").await?;
    assert!(shown(&app, "#log-save").await?, "the form is back");
    js(&app, "window.scrollTo(0, document.body.scrollHeight)").await?;
    let scrolled = js(&app, "return window.scrollY").await?;
    assert!(scrolled.as_f64().unwrap_or(0.0) > 200.0, "the page is long enough to scroll: {scrolled}");
    let top = js(&app, "return document.querySelector('#support-button').getBoundingClientRect().top").await?;
    assert!(top.as_f64().unwrap_or(-1.0) >= 0.0, "the support button scrolled away: {top}");
    app.shot("support-button-in-view").await?;
    app.finish().await
}

/// Quick-hide while changing an entry in the journal, with a new entry half written on the Log:
/// both are kept. The changes open on their entry, are saved there, and are offered no more.
#[tokio::test]
async fn quick_hide_keeps_an_edit_and_a_new_entry_both() -> R {
    let home = Home::new();
    let mut app = ready(&home, "quick-hide-edit").await?;
    let added = app
        .invoke("add_entry", json!({"input": {"mood": {"pleasantness": -0.4, "energy": -0.5}, "text": "First words."}}))
        .await?;
    let id = added["ok"]["id"].as_str().unwrap().to_owned();
    pad_to_heavy(&app).await?;
    reveal(&app, "#log-text").await?;
    app.type_into("#log-text", "NewCanary half a thought").await?;
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    let card = format!(".entry-card[data-id=\"{id}\"]");
    app.click(&card).await?;
    app.click("#entry-edit").await?;
    reveal(&app, "#log-text").await?;
    app.type_into("#log-text", "First words. EditCanary, more now").await?;
    app.chord(&[Key::Control, Key::Shift], "h").await?;
    app.wait_screen("unlock").await?;
    app.unlock(PASS).await?;
    app.wait_text("#draft-card", "You were writing 2 things").await?;
    app.wait_text("#draft-card", "NewCanary").await?;
    app.shot("two-drafts").await?;
    let resume_edit = "[data-draft] .draft-resume";
    // The edit's row says so; pick it up.
    let rows = js(&app, "return Array.from(document.querySelectorAll('.draft-row')).map(r => r.textContent)").await?;
    let edit_row =
        rows.as_array().unwrap().iter().position(|r| r.as_str().unwrap_or("").contains("EditCanary")).unwrap();
    app.c
        .execute(
            "document.querySelectorAll(arguments[0])[arguments[1]].click()",
            vec![json!(resume_edit), json!(edit_row)],
        )
        .await?;
    app.wait_screen("journal").await?;
    app.wait_text("#entry-edit-title", "Edit this moment").await?;
    let text = js(&app, "return document.querySelector('#log-text').value").await?;
    assert_eq!(text, json!("First words. EditCanary, more now"));
    assert!(!shown(&app, "#journal-list").await?, "only the edit form shows");
    press(&app, "#log-save").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let e = app.invoke("get_entry", json!({"id": id})).await?;
        if e["ok"]["text"] == "First words. EditCanary, more now" {
            break;
        }
        assert!(Instant::now() < deadline, "the edit was not saved: {e}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // One draft left, the new entry, on the Log.
    let left = drafts(&app).await?;
    assert_eq!(left.as_array().map(Vec::len), Some(1), "{left}");
    assert!(left[0]["input"]["text"].as_str().unwrap_or("").contains("NewCanary"));
    app.click("#nav-log").await?;
    app.wait_screen("log").await?;
    assert!(!app.text("#draft-card").await?.contains("EditCanary"), "the picked-up draft is offered no more");
    app.finish().await
}
