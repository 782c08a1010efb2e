//! The first week, in the real window: the places new people stumbled, walked again. Nothing
//! typed is lost: the idle lock warns first ("Still here?") and keeps the half-written entry,
//! sealed, to offer back after unlock; quick-hide keeps it too; Enter on the mood grid moves on
//! to Save instead of saving a bare entry; an entry written the next morning sits on last night.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::{json, Value};
use tend_tests::{choose_in_file_dialog, pad_to_heavy, press, print_dialog_to_pdf, reveal, tend_cli, App, Home, R};

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
    // One draft left, the new entry, on the Log (the edit's own goes in a call after the save).
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut left = drafts(&app).await?;
    while left.as_array().map(Vec::len) != Some(1) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = drafts(&app).await?;
    }
    assert_eq!(left.as_array().map(Vec::len), Some(1), "{left}");
    assert!(left[0]["input"]["text"].as_str().unwrap_or("").contains("NewCanary"));
    app.click("#nav-log").await?;
    app.wait_screen("log").await?;
    assert!(!app.text("#draft-card").await?.contains("EditCanary"), "the picked-up draft is offered no more");
    app.finish().await
}

/// The local day `back` days ago, as the page counts it ("YYYY-MM-DD").
async fn day_back(app: &App, back: i64) -> R<String> {
    let v = js(
        app,
        &format!(
            "const d = new Date(); d.setDate(d.getDate() - {back}); \
             return `${{d.getFullYear()}}-${{String(d.getMonth() + 1).padStart(2, '0')}}-${{String(d.getDate()).padStart(2, '0')}}`;"
        ),
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Someone who cried after good sex last night writes about it the next morning: "Last night"
/// places the entry on yesterday, in the journal too, and says it was noted the next day (so
/// nothing meant for right after is offered); Edit moves it to another day and time.
#[tokio::test]
async fn a_next_morning_entry_lands_on_last_night() -> R {
    let home = Home::new();
    let mut app = ready(&home, "next-morning").await?;
    app.wait_text("#log-title", "How are you feeling?").await?;
    assert!(shown(&app, "[data-when=\"now\"][aria-pressed=\"true\"]").await?, "just now unless said");
    assert!(!shown(&app, "#when-date").await?, "no date to fill in unless asked for");
    let yesterday = day_back(&app, 1).await?;
    press(&app, "[data-when=\"last-night\"]").await?;
    app.wait_text("#when-note", "It will sit on").await?;
    app.shot("when-chips").await?;
    pad_to_heavy(&app).await?;
    press(&app, "[data-label=\"post-sex-blues\"]").await?;
    app.shot("when-last-night").await?;
    press(&app, "#log-save").await?;
    app.wait_text("#after-save-title", "Saved").await?;
    let e = app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?["ok"]["items"][0].clone();
    assert!(e["at"].as_str().unwrap_or("").starts_with(&format!("{yesterday}T22:00:00")), "{e}");
    // 22:00 last night, noted this morning: the next day (before 4:00, under six hours: later
    // that day).
    let hour: u32 = e["created"].as_str().and_then(|c| c.get(11..13)).and_then(|h| h.parse().ok()).unwrap_or(99);
    assert_eq!(e["timing"], if hour < 4 { "later-that-day" } else { "next-day" }, "{e}");
    let id = e["id"].as_str().unwrap().to_owned();
    press(&app, "#after-save-close").await?;
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    let card = format!(".entry-card[data-id=\"{id}\"]");
    let on_day = format!("section.day[data-day=\"{yesterday}\"] {card}");
    // The list arrives after the screen shows: wait for it.
    wait_shown(&app, &on_day, 15).await.map_err(|e| format!("the entry sits on last night's day: {e}"))?;
    app.click(&card).await?;
    app.click("#entry-edit").await?;
    app.wait_text("#entry-edit-title", "Edit this moment").await?;
    let fields =
        js(&app, "return [document.querySelector('#when-date').value, document.querySelector('#when-time').value]")
            .await?;
    assert_eq!(fields, json!([yesterday, "22:00"]));
    // Moved to three days back at noon: the core says anew how long after it was.
    let earlier = day_back(&app, 3).await?;
    app.c
        .execute(
            "const [d, t] = [document.querySelector('#when-date'), document.querySelector('#when-time')];
             d.value = arguments[0]; d.dispatchEvent(new Event('change', {bubbles: true}));
             t.value = '12:00'; t.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(earlier)],
        )
        .await?;
    app.wait_text("#when-note", "12:00").await?;
    app.shot("when-edit-moved").await?;
    press(&app, "#log-save").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = app.invoke("get_entry", json!({"id": id})).await?["ok"].clone();
        if got["at"].as_str().unwrap_or("").starts_with(&format!("{earlier}T12:00:00")) {
            assert_eq!(got["timing"], "days-later", "{got}");
            break;
        }
        assert!(Instant::now() < deadline, "the move was not saved: {got}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.finish().await
}

/// Ids of the ideas shown inside `host`.
async fn ideas_in(app: &App, host: &str) -> R<Value> {
    js(app, &format!("return Array.from(document.querySelectorAll('{host} [data-idea]')).map(e => e.dataset.idea)"))
        .await
}

/// A kink bottom two days into drop: after saving, the panel says what was set (the check-in),
/// links the explainer of the name they gave it, and says kindly that care they wanted didn't
/// come, with "My aftercare needs"; the explainer is one click away, from the entry's page too,
/// and the entry's page opens the same ideas again.
#[tokio::test]
async fn saved_entry_says_what_was_set_and_leads_to_what_its_names_mean() -> R {
    let home = Home::new();
    let mut app = ready(&home, "after-save-notes").await?;
    press(&app, "[data-when=\"days-ago\"]").await?;
    pad_to_heavy(&app).await?;
    press(&app, "[data-context=\"kink-bottom\"]").await?;
    press(&app, "[data-label=\"drop\"]").await?;
    press(&app, "[data-aftercare-wanted=\"cuddling\"]").await?;
    press(&app, "[data-check-in=\"tomorrow\"]").await?;
    press(&app, "#log-save").await?;
    app.wait_text("#after-save-check-in", "in the morning").await?;
    app.wait_text("#after-save-unmet", "didn’t come").await?;
    app.wait_text("#after-save-explain [data-explainer-link=\"drop\"]", "Drop").await?;
    app.shot("after-save-notes").await?;
    let first = ideas_in(&app, "#after-save").await?;
    let id = app.invoke("list_entries", json!({"offset": 0, "limit": 1})).await?["ok"]["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // One click from the panel to what drop means, open.
    press(&app, "#after-save-explain [data-explainer-link=\"drop\"]").await?;
    app.wait_screen("care").await?;
    wait_shown(&app, "details[data-explainer=\"drop\"][open] .care-idea-body", 10).await?;
    let first_section = js(&app, "return document.querySelector('#care-body > section').id").await?;
    assert_eq!(first_section, json!("care-explainers"), "understanding what you feel comes first");
    app.shot("care-explainer-drop").await?;
    // From the entry's page: its names lead there too, and "What might help" is the same offer.
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    app.click(&format!(".entry-card[data-id=\"{id}\"]")).await?;
    app.wait_text("#entry-explainers [data-explainer-link=\"drop\"]", "Drop").await?;
    press(&app, "#entry-offer-open").await?;
    app.wait_text("#offer-title", "What might help").await?;
    wait_shown(&app, "#entry-offer .after-save-lead", 10).await?;
    assert_eq!(ideas_in(&app, "#entry-offer").await?, first, "the same ideas, not a new draw");
    app.shot("entry-offer-again").await?;
    app.el("#offer-close").await?.send_keys(&char::from(Key::Escape).to_string()).await?;
    assert!(!shown(&app, "#entry-offer").await?, "Esc closes it");
    assert_eq!(js(&app, "return document.activeElement.id").await?, json!("entry-offer-open"));
    app.finish().await
}

/// Dark, as soon as it is picked: kept at once, on the lock screen after a lock, and after a
/// restart once the journal is open again (before that, the settings are sealed).
#[tokio::test]
async fn dark_theme_applies_when_picked_and_stays_through_a_lock() -> R {
    let home = Home::new();
    let mut app = ready(&home, "dark-theme").await?;
    let theme = "return document.documentElement.dataset.theme || null";
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    press(&app, "#theme-dark").await?;
    assert_eq!(js(&app, theme).await?, json!("dark"), "dark at once, before any Save");
    app.wait_text("#settings-theme-note", "Theme saved").await?;
    assert_eq!(app.invoke("settings", json!({})).await?["ok"]["theme"], "dark");
    // An unchosen radio is drawn from the theme, not a white disc.
    let bg = js(&app, "return getComputedStyle(document.querySelector('#theme-light')).backgroundColor").await?;
    assert_ne!(bg, json!("rgb(255, 255, 255)"), "an unchosen radio is a white disc");
    app.shot("settings-dark").await?;
    press(&app, "#lock-button").await?;
    app.wait_screen("unlock").await?;
    assert_eq!(js(&app, theme).await?, json!("dark"), "the lock screen keeps the theme");
    app.shot("lock-dark").await?;
    app.unlock(PASS).await?;
    assert_eq!(js(&app, theme).await?, json!("dark"));
    app.finish().await?;
    // A restart: open again, dark once unlocked.
    let app = App::start(&home, "dark-theme-again").await?;
    app.unlock(PASS).await?;
    assert_eq!(js(&app, theme).await?, json!("dark"), "dark after a restart");
    app.finish().await
}

/// A new passphrase is judged as the command line judges it (the core's estimate), beside the
/// field; with no keyring, where the passphrase alone guards the file, a guessable one is
/// refused kindly, saying why, and a stronger one makes the journal.
#[tokio::test]
async fn a_new_passphrase_is_judged_and_a_guessable_one_refused_when_it_stands_alone() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "passphrase-strength").await?;
    app.wait_screen("setup").await?;
    app.click("#adult-confirm").await?;
    app.click("#welcome-continue").await?;
    app.type_into("#setup-passphrase", "hunter2").await?;
    app.wait_text("#setup-strength", "could guess this in less than a second").await?;
    assert_eq!(js(&app, "return document.querySelector('#setup-strength').dataset.level").await?, json!("short"));
    app.shot("passphrase-weak").await?;
    app.type_into("#setup-passphrase-again", "hunter2").await?;
    if std::env::var("TEND_E2E_KEYRING").as_deref() == Ok("none") {
        app.click("#setup-continue").await?;
        app.wait_text("#setup-note", "Without the keyring, your passphrase alone guards this journal").await?;
        assert!(shown(&app, "#setup-passphrase").await?, "still on the step, nothing made");
        let at = js(&app, "return document.activeElement && document.activeElement.id").await?;
        assert_eq!(at, json!("setup-passphrase"), "back to the passphrase, to put it right");
        app.shot("passphrase-refused").await?;
    }
    for field in ["#setup-passphrase", "#setup-passphrase-again"] {
        app.c.execute("document.querySelector(arguments[0]).value = ''", vec![json!(field)]).await?;
        app.type_into(field, PASS).await?;
    }
    app.wait_text("#setup-strength", "Hard to guess").await?;
    app.click("#setup-continue").await?;
    app.wait_screen("recovery-key").await?;
    app.finish().await
}

/// Counts of what shows in the window.
async fn count(app: &App, css: &str) -> R<u64> {
    Ok(js(app, &format!("return document.querySelectorAll('{css}').length")).await?.as_u64().unwrap_or(0))
}

/// The log form asks less at once: every feeling word sits under its group's heading; aftercare
/// shows a short list first (the common ones, then what this person uses most) with the rest
/// under "More aftercare", and "I wanted more care than I got" opens the way to say what was
/// wanted; a new entry can say it is about an earlier moment, and Trends then has a real pair.
#[tokio::test]
async fn the_form_groups_its_words_shortens_aftercare_and_links_an_earlier_moment() -> R {
    let home = Home::new();
    let mut app = ready(&home, "form-first-week").await?;
    let earlier = app
        .invoke(
            "add_entry",
            json!({"input": {"mood": {"pleasantness": -0.5, "energy": -0.5}, "text": "EarlierCanary"}}),
        )
        .await?["ok"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Feeling words, all of them, in their groups.
    press(&app, "#emotions-show-all").await?;
    let groups = count(&app, "#emotion-chips fieldset.emotion-group legend").await?;
    assert!(groups >= 4, "every word under a heading: {groups} groups");
    let loose = js(&app, "return Array.from(document.querySelectorAll('#emotion-chips [data-emotion]')).filter(c => !c.closest('fieldset.emotion-group')).length").await?;
    assert_eq!(loose, json!(0), "no word outside a group");
    app.shot("emotion-groups").await?;
    // Aftercare: a short list first, the rest one step away.
    reveal(&app, "#aftercare-first").await?;
    let first = count(&app, "#aftercare-first [data-aftercare-got]").await?;
    let all = count(&app, "[data-aftercare-got]").await?;
    assert!((4..=10).contains(&first) && all > first + 10, "{first} first of {all}");
    assert!(!js(&app, "return document.querySelector('#aftercare-more').open").await?.as_bool().unwrap_or(true));
    press(&app, "#wanted-more").await?;
    assert!(shown(&app, "#wanted-more-hint").await?);
    assert!(js(&app, "return document.querySelector('#aftercare-more').open").await?.as_bool().unwrap_or(false));
    app.shot("aftercare-first").await?;
    // About an earlier moment: pick it from the last week's entries.
    press(&app, "#follow-pick").await?;
    let pick = format!("[data-follow=\"{earlier}\"]");
    wait_shown(&app, &pick, 10).await?;
    app.shot("follow-pick").await?;
    press(&app, &pick).await?;
    assert!(shown(&app, "#follow-note").await?);
    pad_to_heavy(&app).await?;
    press(&app, "[data-aftercare-wanted=\"cuddling\"]").await?;
    press(&app, "#log-save").await?;
    app.wait_text("#after-save-title", "Saved").await?;
    app.wait_text("#after-save-unmet", "My aftercare needs").await?;
    let items = app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?["ok"]["items"].clone();
    let newest = items.as_array().unwrap().iter().find(|e| e["id"] != json!(earlier)).unwrap().clone();
    assert_eq!(newest["follows"], json!(earlier), "{newest}");
    let trends = app.invoke("insights", json!({})).await?;
    assert_eq!(trends["ok"]["later"]["pairs"], json!(1), "{trends}");
    app.finish().await
}

/// The recovery key at setup can be kept three ways: printed (the key's page alone), copied, or
/// saved as a file chosen in the system's save dialog; the keyring sentence says one thing once.
#[tokio::test]
async fn the_recovery_key_can_be_printed_copied_or_saved_as_a_file() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "recovery-keep").await?;
    app.wait_screen("setup").await?;
    app.click("#adult-confirm").await?;
    app.click("#welcome-continue").await?;
    app.type_into("#setup-passphrase", PASS).await?;
    app.type_into("#setup-passphrase-again", PASS).await?;
    app.click("#setup-continue").await?;
    app.wait_screen("recovery-key").await?;
    let key = app.text("#recovery-key").await?.split_whitespace().collect::<Vec<_>>().join("");
    let said = app.text("#keyring-state > p").await?;
    assert_eq!(said.matches("keyring").count(), 1, "one thing, once: {said}");
    let why_open = js(&app, "const d = document.querySelector('#keyring-state details'); return !!d && d.open").await?;
    assert_eq!(why_open, json!(false), "why the keyring couldn't be used waits, folded");
    app.shot("recovery-keep").await?;
    // Saved as a file, where the person chose.
    let file = home.path("cwd").join("my-key.txt");
    app.click("#recovery-save").await?;
    let typed = file.to_str().unwrap().to_owned();
    tokio::task::spawn_blocking(move || {
        choose_in_file_dialog("Save your recovery key \\(it is not encrypted\\)", &typed)
    })
    .await??;
    app.wait_text("#recovery-keep-note", "Saved.").await?;
    assert!(std::fs::read_to_string(&file)?.contains(&key), "the file holds the key");
    // Copied.
    app.click("#recovery-copy").await?;
    app.wait_text("#recovery-keep-note", "Copied.").await?;
    // Printed: the key and what it is for, nothing else from the window.
    app.click("#recovery-print").await?;
    let printed = print_dialog_to_pdf(&home)?;
    // Every character of the key, in order (a line may wrap at a dash).
    let plain = |t: &str| t.chars().filter(char::is_ascii_alphanumeric).collect::<String>();
    assert!(plain(&printed).contains(&plain(&key)), "{printed}");
    for not_printed in ["Copy", "Save as a file", "I've kept it safe", "Need support now?", "last group"] {
        assert!(!printed.contains(not_printed), "{not_printed:?} was printed: {printed}");
    }
    std::fs::remove_file(home.path("cwd").join("output.pdf"))?;
    app.finish().await
}

/// The Care library leads with what feelings are called and mean, has a jump list to each part,
/// and finds ideas and explanations by their words.
#[tokio::test]
async fn the_care_library_leads_with_understanding_jumps_and_finds() -> R {
    let home = Home::new();
    let mut app = ready(&home, "care-library").await?;
    app.click("#nav-care").await?;
    app.wait_screen("care").await?;
    wait_shown(&app, "#care-jump", 10).await?;
    let parts =
        js(&app, "return Array.from(document.querySelectorAll('#care-jump [data-jump]')).map(b => b.dataset.jump)")
            .await?;
    assert_eq!(parts[0], json!("care-explainers"), "understanding comes first: {parts}");
    assert!(parts.as_array().unwrap().len() >= 3, "{parts}");
    // A jump moves the keyboard to that part's heading.
    let last = parts.as_array().unwrap().last().unwrap().as_str().unwrap().to_owned();
    app.click(&format!("#care-jump [data-jump=\"{last}\"]")).await?;
    let at =
        js(&app, "return document.activeElement.closest('section') && document.activeElement.closest('section').id")
            .await?;
    assert_eq!(at, json!(last));
    // Finding by words: only what has them shows, and it says how many.
    app.type_into("#care-search", "drop").await?;
    app.wait_text("#care-search-note", "those words").await?;
    assert!(shown(&app, "details[data-explainer=\"drop\"]").await?);
    let hidden_ones = count(&app, "details.care-idea[hidden]").await?;
    assert!(hidden_ones > 5, "the rest step back: {hidden_ones}");
    app.shot("care-search-drop").await?;
    app.c
        .execute(
            "const s = document.querySelector('#care-search'); s.value = ''; s.dispatchEvent(new Event('input'));",
            vec![],
        )
        .await?;
    assert_eq!(count(&app, "details.care-idea[hidden]").await?, 0);
    app.type_into("#care-search", "zzqx").await?;
    app.wait_text("#care-search-note", "Nothing here has those words").await?;
    app.finish().await
}

/// Finding things again: the journal filters by what it was (a kink role too) and by care that
/// didn't come; "aftercare" and "kink" find any entry with an item of that group, and each found
/// entry says where its words were; a count in Trends opens the journal filtered to it.
#[tokio::test]
async fn the_journal_finds_by_context_care_and_group_words_and_trends_counts_open_it() -> R {
    let home = Home::new();
    let app = ready(&home, "finding-again").await?;
    let add = |input: Value| app.invoke("add_entry", json!({ "input": input }));
    let bottom = add(json!({"mood": {"pleasantness": -0.5, "energy": -0.4}, "context": ["kink-bottom"],
        "aftercareWanted": ["cuddling"], "text": "Far away today"}))
    .await?["ok"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let solo =
        add(json!({"mood": {"pleasantness": 0.5, "energy": -0.4}, "context": ["solo"], "aftercareGot": ["water"]}))
            .await?["ok"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
    add(json!({"mood": {"pleasantness": 0.2, "energy": 0.4}, "text": "A plain evening"})).await?;
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    let ids = |app: &App| {
        let c = app.c.clone();
        async move {
            let v = c
                .execute(
                    "return Array.from(document.querySelectorAll('.entry-card')).map(c => c.dataset.id).sort()",
                    vec![],
                )
                .await?;
            R::<Value>::Ok(v)
        }
    };
    let mut both = vec![bottom.clone(), solo.clone()];
    both.sort();
    // "aftercare" finds both entries with any aftercare, and says where.
    app.type_into("#journal-search", "aftercare").await?;
    app.wait_text("#journal-count", "2 entries match").await?;
    assert_eq!(ids(&app).await?, json!(both));
    app.wait_text(&format!(".entry-card[data-id=\"{solo}\"] .entry-found"), "Found in aftercare").await?;
    // "kink" finds the kink scene.
    app.c.execute("const s = document.querySelector('#journal-search'); s.value = 'kink far'; s.dispatchEvent(new Event('input'));", vec![]).await?;
    app.wait_text("#journal-count", "1 entry match").await?;
    app.wait_text(".entry-found", "what you wrote, what it was").await?;
    app.c
        .execute(
            "const s = document.querySelector('#journal-search'); s.value = ''; s.dispatchEvent(new Event('input'));",
            vec![],
        )
        .await?;
    app.wait_text("#journal-count", "3 entries").await?;
    // Care that didn't come.
    press(&app, "[data-filter-unmet=\"unmet\"]").await?;
    app.wait_text("#journal-count", "1 entry match").await?;
    assert_eq!(ids(&app).await?, json!([bottom.clone()]));
    press(&app, "#journal-clear-filters").await?;
    app.wait_text("#journal-count", "3 entries.").await?;
    // What it was: a kink role.
    app.c.execute("const s = document.querySelector('#journal-filter-context'); s.value = 'kink-bottom'; s.dispatchEvent(new Event('change'));", vec![]).await?;
    app.wait_text("#journal-count", "1 entry match").await?;
    assert_eq!(ids(&app).await?, json!([bottom.clone()]));
    // From Trends: the count beside "I was bottom" opens those entries.
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    press(&app, "#trends-contexts-list [data-key=\"kink-bottom\"] .bar-open").await?;
    app.wait_screen("journal").await?;
    app.wait_text("#journal-count", "1 entry match").await?;
    assert_eq!(ids(&app).await?, json!([bottom]));
    assert_eq!(js(&app, "return document.querySelector('#journal-filter-context').value").await?, json!("kink-bottom"));
    app.finish().await
}
