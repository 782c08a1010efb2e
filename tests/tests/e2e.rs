//! Tend end to end, in the real window: first run, logging, journal, edit, search, delete,
//! restart and unlock, recovery, quick-hide, keyring state, canary scan and the webview's
//! refusals. Run by `.ci/run` under Xvfb and a private D-Bus session, one test at a time.

use fantoccini::key::Key;
use serde_json::json;
use tend_tests::{choose_in_file_dialog, files_containing, pad_to_heavy, press, reveal, App, Home, R};

const PASS: &str = "a calm evening by the sea";

/// Welcome, passphrase, recovery key confirmed; returns the recovery key.
async fn first_run(app: &mut App) -> R<String> {
    app.wait_screen("setup").await?;
    app.shot("welcome").await?;
    app.click("#adult-confirm").await?;
    app.click("#welcome-continue").await?;
    app.type_into("#setup-passphrase", PASS).await?;
    app.type_into("#setup-passphrase-again", PASS).await?;
    app.shot("choose-passphrase").await?;
    app.click("#setup-continue").await?;
    app.wait_screen("recovery-key").await?;
    let key = app.text("#recovery-key").await?.split_whitespace().collect::<Vec<_>>().join("");
    assert_eq!(key.len(), 69, "recovery key shown in groups: {key}");
    app.shot("recovery-key").await?;
    app.type_into("#recovery-check", key.rsplit('-').next().unwrap()).await?;
    app.click("#recovery-done").await?;
    app.wait_screen("log").await?;
    Ok(key)
}

/// Logs a Heavy mood by keyboard on the pad, with emotion words and a sentence.
async fn log_entry(app: &mut App, text: &str, emotions: &[&str]) -> R {
    app.wait_screen("log").await?;
    let pad = pad_to_heavy(app).await?;
    let spoken = pad.attr("aria-valuetext").await?.unwrap_or_default();
    assert!(spoken.to_lowercase().contains("heavy"), "pad speaks its position: {spoken:?}");
    for e in emotions {
        press(app, &format!("[data-emotion=\"{e}\"]")).await?;
    }
    reveal(app, "#log-text").await?;
    app.type_into("#log-text", text).await?;
    app.shot("log-filled").await?;
    press(app, "#log-save").await?;
    app.wait_text("#live", "Saved").await?;
    Ok(())
}

async fn entries(app: &App) -> R<serde_json::Value> {
    let v = app.invoke("list_entries", json!({"offset": 0, "limit": 100})).await?;
    Ok(v["ok"].clone())
}

#[tokio::test]
async fn first_run_log_edit_search_delete() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "journal").await?;
    first_run(&mut app).await?;
    app.shot("log-empty").await?;
    log_entry(&mut app, "Felt far away after, then a Café with tea helped.", &["tearful", "empty"]).await?;
    let list = entries(&app).await?;
    assert_eq!(list["total"], 1);
    let e = &list["items"][0];
    assert_eq!(e["emotions"], json!(["tearful", "empty"]));
    assert_eq!(e["quadrant"], "heavy");
    let id = e["id"].as_str().unwrap().to_owned();

    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    let card = format!(".entry-card[data-id=\"{id}\"]");
    app.wait_text(&card, "Felt far away").await?;
    app.shot("journal").await?;

    app.click(&card).await?;
    app.el("#entry-detail").await?;
    app.shot("entry-detail").await?;
    app.click("#entry-edit").await?;
    app.el("#log-save").await?;
    app.shot("entry-edit").await?;
    reveal(&app, "#log-text").await?;
    app.type_into("#log-text", "Felt far away after. Edited: the café helped most.").await?;
    press(&app, "#log-save").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while entries(&app).await?["items"][0]["text"] != "Felt far away after. Edited: the café helped most." {
        assert!(std::time::Instant::now() < deadline, "edit was not saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(entries(&app).await?["total"], 1, "editing made no second entry");

    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    app.type_into("#journal-search", "CAFE EDITED").await?;
    // The count says a search has run (the whole list, shown before it, has the card too).
    app.wait_text("#journal-count", "1 entry match").await?;
    app.wait_text(&card, "Edited").await?;
    app.shot("journal-search").await?;
    app.type_into("#journal-search", "nothing like this").await?;
    app.wait_text("#journal-count", "No entries match the search.").await?;
    assert!(app.c.find(fantoccini::Locator::Css(&card)).await.is_err(), "search did not filter");
    app.type_into("#journal-search", "edited").await?;
    app.click(&card).await?;
    app.click("#entry-delete").await?;
    app.shot("delete-confirm").await?;
    app.click("#entry-delete-confirm").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while entries(&app).await?["total"] != 0 {
        assert!(std::time::Instant::now() < deadline, "delete did not happen");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.wait_screen("journal").await?;
    // The page redraws once the delete's answer reaches it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.html().await?.contains("Edited: the café") {
        assert!(std::time::Instant::now() < deadline, "deleted text still on the page");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.finish().await
}

/// The journal's folder holds only the journal: the window keeps its own data (caches and
/// storage) in a folder of its own that only this account can open.
#[tokio::test]
async fn the_window_keeps_its_data_apart_from_the_journal() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "data-apart").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "Only the journal lives here", &["lonely"]).await?;
    let journal_files = ["tend.db", "tend.db-wal", "tend.db-shm", "tend.lock"];
    let mut found: Vec<String> = std::fs::read_dir(home.data_dir())?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    found.sort();
    assert!(found.iter().all(|f| journal_files.contains(&f.as_str())), "the journal's folder holds {found:?}");
    let webview = home.path("cache").join("app.tend").join("webview");
    assert!(webview.is_dir(), "the window's own folder is {}", webview.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&webview)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "the window's folder is private");
    }
    app.finish().await
}

#[tokio::test]
async fn restart_wrong_then_right_passphrase() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "restart").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "Still here tomorrow", &["lonely"]).await?;
    // An older version of the entry, kept aside as a copy of the file would keep it.
    let list = entries(&app).await?;
    let id = list["items"][0]["id"].as_str().unwrap().to_owned();
    let db = home.data_dir().join("tend.db");
    let rid = id.replace('-', "");
    let blob_sql = "SELECT blob FROM records WHERE hex(record_id) = upper(?1)";
    let older: Vec<u8> = rusqlite::Connection::open(&db)?.query_row(blob_sql, [&rid], |r| r.get(0))?;
    let mut edited = list["items"][0].clone();
    edited["text"] = json!("Edited the next morning");
    for k in ["id", "quadrant", "created", "updated"] {
        edited.as_object_mut().unwrap().remove(k);
    }
    let r = app.invoke("update_entry", json!({"id": id, "input": edited})).await?;
    assert!(r["err"].is_null(), "{r}");
    app.finish().await?;
    // The older version put back behind Tend's back.
    rusqlite::Connection::open(&db)?
        .execute("UPDATE records SET blob = ?1 WHERE hex(record_id) = upper(?2)", rusqlite::params![older, rid])?;

    let mut app = App::start(&home, "restart").await?;
    app.wait_screen("unlock").await?;
    app.shot("unlock").await?;
    app.type_into("#unlock-passphrase", "not the right one").await?;
    app.click("#unlock-submit").await?;
    let msg = app.wait_text("#unlock-error", "didn't open").await?;
    assert!(msg.contains("recovery key"), "the way forward is offered: {msg}");
    app.shot("unlock-wrong").await?;
    app.unlock(PASS).await?;
    let said = app.wait_text("#not-as-saved-note", "as Tend last saved").await?;
    assert!(said.contains("older copy") && said.contains("Nothing was changed"), "{said}");
    app.shot("not-as-saved").await?;
    app.click("#nav-journal").await?;
    app.wait_text(".entry-card", "Still here tomorrow").await?;
    app.finish().await
}

#[tokio::test]
async fn forgotten_passphrase_recovery_and_settings() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "recovery").await?;
    let key = first_run(&mut app).await?;
    log_entry(&mut app, "Written before forgetting", &["raw"]).await?;
    app.finish().await?;

    let mut app = App::start(&home, "recovery").await?;
    app.wait_screen("unlock").await?;
    app.click("#forgot-link").await?;
    app.type_into("#recover-key", &key.to_lowercase()).await?;
    // The estimate shows as the new passphrase is typed, and the field below it never moves.
    // Measured from the field typed into, as the page may scroll to it.
    let top = |css: &'static str| {
        let c = app.c.clone();
        let script = "const at = (s) => document.querySelector(s).getBoundingClientRect().top; \
                      return at(arguments[0]) - at('#recover-new');";
        async move { c.execute(script, vec![json!(css)]).await }
    };
    app.wait_text("#recover-strength", "unrelated words").await?;
    let before = top("#recover-new-again").await?;
    app.type_into("#recover-new", "a brand new passphrase").await?;
    app.wait_text("#recover-strength", "copy of your journal file").await?;
    assert_eq!(top("#recover-new-again").await?, before, "the field below the estimate stays where it was");
    app.type_into("#recover-new-again", "a brand new passphrase").await?;
    app.shot("recover").await?;
    app.click("#recover-submit").await?;
    app.wait_screen("log").await?;
    assert_eq!(entries(&app).await?["items"][0]["text"], "Written before forgetting");

    // Settings: change the passphrase, then lock and use it.
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    app.shot("settings").await?;
    app.type_into("#settings-current", "a brand new passphrase").await?;
    app.type_into("#settings-new", "third time calm").await?;
    app.wait_text("#settings-strength", "copy of your journal file").await?;
    app.type_into("#settings-new-again", "third time calm").await?;
    press(&app, "#settings-change-passphrase").await?;
    // Said once the change is saved; then the old passphrase opens nothing, not even a
    // settings-level check (asked once: each call that succeeds would make a new recovery key).
    app.wait_text("#settings-passphrase-note", "Your passphrase is changed").await?;
    let r = app.invoke("new_recovery_key", json!({"current": "a brand new passphrase"})).await?;
    assert_eq!(r["err"]["code"], "wrong_passphrase", "the old passphrase still works: {r}");
    press(&app, "#lock-button").await?;
    app.unlock("third time calm").await?;

    // A new key, beside the change: a new recovery key shown once; old ways in stop opening.
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    app.click("#settings-rekey").await?;
    assert_eq!(app.text("#settings-change-passphrase").await?, "Change passphrase and key");
    app.type_into("#settings-current", "third time calm").await?;
    app.type_into("#settings-new", "a fourth with a new key").await?;
    app.type_into("#settings-new-again", "a fourth with a new key").await?;
    press(&app, "#settings-change-passphrase").await?;
    let new_key = app.wait_text("#settings-rekey-key", "-").await?;
    assert_eq!(new_key.chars().filter(char::is_ascii_alphanumeric).count(), 56, "{new_key}");
    assert_ne!(new_key.replace(char::is_whitespace, ""), key.replace(char::is_whitespace, ""));
    app.wait_text("#settings-passphrase-note", "new key").await?;
    app.shot("settings-rekey").await?;
    press(&app, "#settings-rekey-hide").await?;
    press(&app, "#lock-button").await?;
    // Lock reloads the page: ask the journal only once the unlock screen is back.
    app.wait_screen("unlock").await?;
    let old = app.invoke("recover", json!({"recoveryKey": key, "newPassphrase": "x"})).await?;
    assert_eq!(old["err"]["code"], "wrong_recovery_key", "{old}");
    let stale = app.invoke("unlock", json!({"passphrase": "third time calm"})).await?;
    assert_eq!(stale["err"]["code"], "wrong_passphrase", "{stale}");
    app.unlock("a fourth with a new key").await?;
    assert_eq!(entries(&app).await?["items"][0]["text"], "Written before forgetting");
    app.finish().await
}

#[tokio::test]
async fn a_second_start_brings_the_first_window_forward_and_ends() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "second-start").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "Written in the first window", &["lonely"]).await?;
    assert_eq!(App::running_apps(), 1);
    let status = app.start_again(&home).await?;
    assert!(status.success(), "the second start ended with {status}");
    assert_eq!(App::running_apps(), 1, "a second window stayed open");
    // The first window carries on, still unlocked.
    assert_eq!(entries(&app).await?["items"][0]["text"], "Written in the first window");
    app.finish().await?;
    // Once it has ended, the next start opens a window again.
    let app = App::start(&home, "second-start").await?;
    app.wait_screen("unlock").await?;
    app.finish().await
}

#[tokio::test]
async fn quick_hide_blanks_then_locks() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "quickhide").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "QuietCanary text that must vanish", &["numb"]).await?;
    app.click("#nav-journal").await?;
    app.wait_text(".entry-card", "QuietCanary").await?;
    app.chord(&[Key::Control, Key::Shift], "h").await?;
    let html = app.html().await?;
    assert!(!html.contains("QuietCanary"), "entry text still in the page right after quick-hide");
    app.wait_screen("unlock").await?;
    app.shot("after-quick-hide").await?;
    assert!(!app.html().await?.contains("QuietCanary"));
    let r = app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?;
    assert_eq!(r["err"]["code"], "locked", "{r}");
    app.finish().await
}

#[tokio::test]
async fn keyring_state_is_said_plainly() -> R {
    let expect = std::env::var("TEND_E2E_KEYRING")
        .expect("set TEND_E2E_KEYRING=bound (gnome-keyring running) or none (no Secret Service); .ci/run does");
    let home = Home::new();
    let mut app = App::start(&home, &format!("keyring-{expect}")).await?;
    first_run(&mut app).await?;
    let status = app.invoke("status", json!({})).await?;
    let said = {
        app.click("#nav-settings").await?;
        app.wait_screen("settings").await?;
        app.text("#settings-protection").await?
    };
    match expect.as_str() {
        "bound" => {
            assert_eq!(status["ok"]["deviceBound"], true, "{status}");
            assert!(said.contains("this computer"), "{said}");
        }
        "none" => {
            assert_eq!(status["ok"]["deviceBound"], false, "{status}");
            assert!(said.to_lowercase().contains("passphrase alone"), "{said}");
        }
        other => panic!("TEND_E2E_KEYRING must be bound or none, not {other}"),
    }
    app.shot("settings-protection").await?;
    app.finish().await
}

#[tokio::test]
async fn canaries_stay_off_the_disk() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "canary").await?;
    first_run(&mut app).await?;
    reveal(&app, "#own-emotion-input").await?;
    app.type_into("#own-emotion-input", "WordCanaryQ7").await?;
    press(&app, "#own-emotion-add").await?;
    reveal(&app, "#own-label-input").await?;
    app.type_into("#own-label-input", "LabelCanaryZ3").await?;
    press(&app, "#own-label-add").await?;
    log_entry(&mut app, "TextCanaryX9 after the evening", &[]).await?;
    let e = entries(&app).await?;
    assert_eq!(e["total"], 1);
    app.click("#nav-journal").await?;
    app.type_into("#journal-search", "TextCanaryX9").await?;
    app.wait_text(".entry-card", "TextCanaryX9").await?;
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    press(&app, "#lock-button").await?;
    app.wait_screen("unlock").await?;
    app.finish().await?;
    let dirs: Vec<_> = ["data", "cache", "config", "state", "tmp"].iter().map(|d| home.path(d)).collect();
    let files = dirs.iter().map(|d| walk_count(d)).sum::<usize>();
    assert!(files > 0);
    for canary in ["TextCanaryX9", "WordCanaryQ7", "LabelCanaryZ3"] {
        let hits = files_containing(&dirs, canary);
        assert!(hits.is_empty(), "{canary} found on disk in {hits:?}");
    }
    Ok(())
}

fn walk_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map_or(0, |rd| rd.flatten().map(|e| if e.path().is_dir() { walk_count(&e.path()) } else { 1 }).sum())
}

#[tokio::test]
async fn the_webview_refuses_what_is_not_ours() -> R {
    let home = Home::new();
    let app = App::start(&home, "hardening").await?;
    for cmd in ["plugin:fs|read_text_file", "plugin:shell|execute", "plugin:http|fetch", "plugin:window|set_title"] {
        let r = app.invoke(cmd, json!({"path": "/etc/passwd", "value": "x", "label": "main"})).await?;
        assert!(r.get("err").is_some() && r.get("ok").is_none(), "{cmd} was allowed: {r}");
    }
    let start = app.c.current_url().await?;
    let blocked = app
        .c
        .execute_async(
            "const done = arguments[0];
             const seen = [];
             document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
             const img = document.createElement('img'); img.src = 'https://example.org/x.png'; document.body.appendChild(img);
             fetch('https://example.org/').then(() => done({fetched: true, seen}), () => setTimeout(() => done({fetched: false, seen}), 300));",
            vec![],
        )
        .await?;
    assert_eq!(blocked["fetched"], false, "{blocked}");
    let opened = app.c.execute("return window.open('https://example.org/') === null", vec![]).await?;
    assert_eq!(opened, true, "a new window was opened");
    app.c.execute("location.href = 'https://example.org/'", vec![]).await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let now = app.c.current_url().await?;
    assert_eq!(now.host_str(), start.host_str(), "navigated away to {now}");
    assert_eq!(app.c.windows().await?.len(), 1);
    app.wait_screen("setup").await?;
    app.finish().await
}

/// Your data, in the real window: back up into a folder, remove Tend's data from this computer,
/// then restore from the backup on the first screen and see every entry again.
#[tokio::test]
async fn back_up_erase_then_restore_gives_every_entry_back() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "your-data").await?;
    let key = first_run(&mut app).await?;
    log_entry(&mut app, "Held close after, then tea on the sofa", &["tearful"]).await?;
    let second = app
        .invoke(
            "add_entry",
            json!({"input": {"mood": {"pleasantness": 0.5, "energy": -0.3}, "text": "Calmer the next morning ✨"}}),
        )
        .await?;
    assert!(second["ok"]["id"].is_string(), "{second}");
    assert_eq!(entries(&app).await?["total"], 2);

    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    // Another journal app's file first: a preview, then in.
    let jrnl =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/core/tests/fixtures/import/jrnl.json");
    reveal(&app, "#settings-import-file").await?;
    app.type_into("#settings-import-file", jrnl.to_str().unwrap()).await?;
    press(&app, "#settings-import-look").await?;
    app.wait_text("#settings-import-note", "5 entries from 2019-03-02").await?;
    assert_eq!(entries(&app).await?["total"], 2, "a preview saves nothing");
    press(&app, "#settings-import-go").await?;
    app.wait_text("#settings-import-note", "Brought in 5 entries").await?;
    app.shot("settings-import").await?;
    let before = entries(&app).await?;
    assert_eq!(before["total"], 7);
    // Imported entries without a mood: said so in the journal, counted apart in Trends.
    app.click("#nav-journal").await?;
    app.wait_screen("journal").await?;
    app.wait_text("#main", "No mood recorded").await?;
    app.shot("journal-no-mood").await?;
    app.click("#nav-trends").await?;
    app.wait_screen("trends").await?;
    press(&app, "[data-period=\"all\"]").await?;
    app.wait_text("#trends-no-mood", "5 entries without a mood").await?;
    app.shot("trends-no-mood").await?;
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    let folder = home.path("backups");
    reveal(&app, "#settings-backup-folder").await?;
    app.type_into("#settings-backup-folder", folder.to_str().unwrap()).await?;
    press(&app, "#settings-backup-now").await?;
    app.wait_text("#settings-backup-note", "Backed up 7 entries").await?;
    app.wait_text("#settings-backup-status", "Last backup").await?;
    reveal(&app, "#settings-data-title").await?;
    app.shot("settings-your-data").await?;
    let backups: Vec<_> = std::fs::read_dir(&folder)?.map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = backups[0].to_str().unwrap().to_owned();
    assert!(backup.ends_with(".age"), "{backup}");

    // Erase asks for the word first; then the journal's files go and the backup stays.
    reveal(&app, "#settings-erase").await?;
    press(&app, "#settings-erase").await?;
    app.wait_text("#settings-erase-note", "type the word erase").await?;
    assert!(home.data_dir().join("tend.db").exists());
    app.type_into("#settings-erase-confirm", "erase").await?;
    press(&app, "#settings-erase").await?;
    app.wait_screen("erased").await?;
    app.wait_text("#erased-backups", folder.to_str().unwrap()).await?;
    app.shot("erased").await?;
    assert!(!home.data_dir().join("tend.db").exists(), "the journal is gone");
    assert!(std::path::Path::new(&backup).exists(), "the backup stays");

    // A new start: restore from the backup with the recovery key and a new passphrase.
    app.click("#erased-start").await?;
    app.wait_screen("setup").await?;
    app.click("#adult-confirm").await?;
    app.click("#welcome-restore").await?;
    app.type_into("#restore-file", &backup).await?;
    app.type_into("#restore-key", &key).await?;
    app.type_into("#restore-passphrase", "back again after the rain").await?;
    app.type_into("#restore-passphrase-again", "back again after the rain").await?;
    app.shot("restore-from-backup").await?;
    app.click("#restore-go").await?;
    app.wait_screen("log").await?;
    let after = entries(&app).await?;
    assert_eq!(after["items"], before["items"], "every entry back, field for field");
    press(&app, "#lock-button").await?;
    app.unlock("back again after the rain").await?;
    assert_eq!(entries(&app).await?["total"], 7);
    app.finish().await
}

/// A summary for a clinician in the real window: the page the core made, shown as it will
/// print; what was written stays out until an entry is ticked and its words asked for.
#[tokio::test]
async fn a_summary_for_a_clinician_shows_only_what_was_ticked() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "summary").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "Words that stay home unless I ask", &["tearful"]).await?;
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    reveal(&app, "#settings-summary").await?;
    press(&app, "#settings-summary").await?;
    app.wait_screen("summary").await?;
    press(&app, "#summary-make").await?;
    app.wait_text("#summary-page", "Tend — summary for").await?;
    let page = app.text("#summary-page").await?;
    assert!(page.contains("Only what the person chose to share is on this page"), "{page}");
    assert!(!page.contains("Words that stay home"), "no free text by default");
    app.wait_text("#summary-note", "covers 1 entry and shows 0 entries").await?;

    // Tick the entry and ask for its words.
    let tick = app.el("input.summary-tick").await?;
    tick.click().await?;
    app.click("#summary-with-text").await?;
    press(&app, "#summary-make").await?;
    app.wait_text("#summary-page", "Words that stay home unless I ask").await?;
    reveal(&app, "#summary-page").await?;
    // The page shown inside the window is part of the window's one main region, not a second.
    let mains = app.c.execute("return document.querySelectorAll('main, [role=main]').length", vec![]).await?;
    assert_eq!(mains, serde_json::json!(1), "the window has one main region, the summary page none of its own");
    app.shot("summary").await?;
    app.finish().await
}

/// Long work in the real window: a big import shows a bar that moves, and Cancel stops it with
/// nothing saved; the same file then comes in whole and the bar goes.
#[tokio::test]
async fn a_long_import_shows_a_bar_and_cancel_saves_nothing() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "long-work").await?;
    first_run(&mut app).await?;
    // A jrnl export of 60,000 short entries, the shape `jrnl --export json` writes.
    let n = 60_000;
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            json!({"title": format!("Evening {i}."), "body": "Quiet, a little tired. @home",
                "date": format!("20{:02}-{:02}-{:02}", 10 + i % 16, 1 + i % 12, 1 + i % 28),
                "time": format!("{:02}:{:02}", i % 24, i % 60), "tags": ["@home"], "starred": false})
        })
        .collect();
    let file = home.path("imports").join("jrnl-big.json");
    std::fs::write(&file, serde_json::to_vec(&json!({"tags": {"@home": n}, "entries": items}))?)?;

    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    reveal(&app, "#settings-import-file").await?;
    app.type_into("#settings-import-file", file.to_str().unwrap()).await?;
    press(&app, "#settings-import-look").await?;
    app.wait_text("#settings-import-note", "60000 entries").await?;
    press(&app, "#settings-import-go").await?;
    // The bar appears with Cancel, and moves.
    app.el("#settings-import-progress .work-cancel").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let v = app
            .c
            .execute(
                "const p = document.querySelector('#settings-import-progress progress'); return p ? p.value : -1",
                vec![],
            )
            .await?;
        if v.as_f64().unwrap_or(0.0) > 0.0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the bar never moved");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Stopped at once: a picture (and its audit) first could outlast the import's cancellable part.
    app.click("#settings-import-progress .work-cancel").await?;
    app.wait_text("#settings-import-note", "Stopped. Nothing was changed.").await?;
    assert_eq!(entries(&app).await?["total"], 0, "a stopped import saves nothing");
    let left =
        app.c.execute("return document.querySelector('#settings-import-progress').children.length", vec![]).await?;
    assert_eq!(left, 0, "the bar goes when the work ends");

    // The same file, left to finish.
    press(&app, "#settings-import-look").await?;
    app.wait_text("#settings-import-note", "60000 entries").await?;
    press(&app, "#settings-import-go").await?;
    app.el("#settings-import-progress progress").await?;
    app.shot("import-progress").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !app.text("#settings-import-note").await?.contains("Brought in") {
        assert!(std::time::Instant::now() < deadline, "the import never ended");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(entries(&app).await?["total"], n);
    app.finish().await
}

/// Presses "Choose…" beside `field`, picks `path` in the system dialog titled `title` (a pattern),
/// and waits until the field holds it.
async fn choose(app: &App, field: &str, title: &'static str, path: &std::path::Path) -> R {
    press(app, &format!("{field}-choose")).await?;
    let typed = path.to_str().unwrap().to_owned();
    tokio::task::spawn_blocking(move || choose_in_file_dialog(title, &typed)).await??;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let v = app.c.execute("return document.querySelector(arguments[0]).value", vec![json!(field)]).await?;
        if v.as_str() == path.to_str() {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "{field} never got the chosen file: {v}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// "Choose…" opens the system's own file dialog; what the person picks there fills the path
/// field, and an export goes where the save dialog said.
#[tokio::test]
async fn choose_opens_the_systems_own_file_dialog() -> R {
    let home = Home::new();
    let mut app = App::start(&home, "file-dialog").await?;
    first_run(&mut app).await?;
    log_entry(&mut app, "Tea after, and a long quiet", &["tearful"]).await?;
    app.click("#nav-settings").await?;
    app.wait_screen("settings").await?;
    let jrnl =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/core/tests/fixtures/import/jrnl.json");
    let jrnl = jrnl.canonicalize()?;
    choose(&app, "#settings-import-file", "Choose the file the other app wrote", &jrnl).await?;
    press(&app, "#settings-import-look").await?;
    app.wait_text("#settings-import-note", "5 entries from 2019-03-02").await?;

    // Export: the save dialog names the file, and the export is written there.
    let out = home.path("exports").join("my-tend.md");
    choose(&app, "#settings-export-file", "Save the export \\(it is not encrypted\\)", &out).await?;
    press(&app, "#settings-export").await?;
    app.wait_text("#settings-export-note", "Exported 1 entry").await?;
    assert!(std::fs::read_to_string(&out)?.contains("Tea after, and a long quiet"));
    app.finish().await
}
