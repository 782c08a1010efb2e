//! Care in the real window: what Tend offers right after a save fits the entry (and matches
//! `care_for_entry`), an unsure choice brings the consent card with grounding first, support opens
//! from the lock screen without unlocking, saved numbers leave the encryption only with consent,
//! the aftercare card can be written and printed to a PDF through the system dialog, the library holds every idea, and a check-in
//! asked for hours ago is offered as "how are you now?".

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tend_tests::{files_containing, pad_to_heavy, press, print_dialog_to_pdf, reveal, tend_cli, App, Home, R};

const PASS: &str = "care passphrase";

async fn js(app: &App, script: &str, args: Vec<Value>) -> R<Value> {
    Ok(app.c.execute(script, args).await?)
}

/// Whether both elements exist and `a` comes before `b` in the page.
async fn precedes(app: &App, a: &str, b: &str) -> R<bool> {
    let v = js(
        app,
        "const a = document.querySelector(arguments[0]), b = document.querySelector(arguments[1]);
         return !!a && !!b && !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);",
        vec![json!(a), json!(b)],
    )
    .await?;
    Ok(v == json!(true))
}

async fn visible(app: &App, css: &str) -> R<bool> {
    let v = js(
        app,
        "const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;",
        vec![json!(css)],
    )
    .await?;
    Ok(v == json!(true))
}

/// Waits until `n` check-ins are due.
async fn wait_due(app: &App, n: usize, why: &str) -> R<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.invoke("due_check_ins", json!({})).await?["ok"].as_array().map(Vec::len) != Some(n) {
        assert!(Instant::now() < deadline, "{why}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Logs a Heavy mood by keyboard, presses each of `chips` (any selector), and saves.
async fn log_heavy(app: &App, chips: &[&str], text: &str) -> R<Value> {
    app.wait_screen("log").await?;
    pad_to_heavy(app).await?;
    for c in chips {
        press(app, c).await?;
    }
    if !text.is_empty() {
        reveal(app, "#log-text").await?;
        app.type_into("#log-text", text).await?;
    }
    let before = newest(app).await?["id"].clone();
    press(app, "#log-save").await?;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let e = newest(app).await?;
        if e["id"] != before {
            return Ok(e);
        }
        assert!(Instant::now() < deadline, "the entry was not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn newest(app: &App) -> R<Value> {
    Ok(app.invoke("list_entries", json!({"offset": 0, "limit": 1})).await?["ok"]["items"][0].clone())
}

/// The ids of the ideas shown in the panel, in order.
async fn shown_ideas(app: &App) -> R<Vec<String>> {
    let v = js(
        app,
        "return Array.from(document.querySelectorAll('#after-save [data-idea]')).map(d => d.dataset.idea);",
        vec![],
    )
    .await?;
    Ok(serde_json::from_value(v)?)
}

/// The prompt in the panel, folded or not.
async fn prompt_shown(app: &App) -> R<String> {
    let v = js(app, "return document.querySelector('#care-prompt')?.dataset.prompt ?? null;", vec![]).await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn after_a_save_tend_offers_what_fits() -> R {
    let home = Home::new();
    tend_cli(&home, PASS, &["init"], None);
    let mut app = App::start(&home, "care-after-save").await?;
    app.unlock(PASS).await?;

    // A heavy, tearful entry: a prompt and ideas that fit, no card, and the same as the core says.
    let e = log_heavy(&app, &["[data-emotion=\"tearful\"]"], "").await?;
    let id = e["id"].as_str().unwrap().to_owned();
    app.el("#after-save").await?;
    let offer = app.invoke("care_for_entry", json!({"id": id})).await?["ok"].clone();
    assert!(offer["states"].as_array().unwrap().contains(&json!("heavy")));
    let prompt = offer["prompt"]["id"].as_str().unwrap().to_owned();
    // The prompts written for heavy, tearful moments (as the core's table tests pin them).
    assert!(["p04", "p05", "p06", "p08", "p26"].contains(&prompt.as_str()), "{offer}");
    assert!(offer["prompt"]["states"].as_array().unwrap().contains(&json!("heavy")), "{offer}");
    app.wait_text("#care-prompt", offer["prompt"]["text"].as_str().unwrap()).await?;
    assert_eq!(app.el("#care-prompt").await?.attr("data-prompt").await?.as_deref(), Some(prompt.as_str()));
    assert_eq!(shown_ideas(&app).await?, ids(&offer["coping"]));
    assert_eq!(ids(&offer["coping"]).len(), 3);
    assert!(!visible(&app, "#after-save [data-card]").await?, "no card without a reason");
    let text = app.text("#after-save").await?.to_lowercase();
    for word in ["should", "must", "streak"] {
        assert!(!text.split(|c: char| !c.is_alphanumeric()).any(|w| w == word), "{word} in the panel");
    }
    // Open an idea for its how-to and why.
    let first = &offer["coping"][0];
    let idea = format!("#after-save [data-idea=\"{}\"]", first["id"].as_str().unwrap());
    app.click(&format!("{idea} summary")).await?;
    app.wait_text(&idea, first["why"].as_str().unwrap()).await?;
    app.shot("for-right-now-heavy").await?;

    // Answer the prompt in place; it is saved into the entry.
    if visible(&app, "#care-answer-open").await? {
        app.click("#care-answer-open").await?;
    }
    app.type_into("#care-answer", "A warm blanket and some quiet.").await?;
    app.click("#care-answer-save").await?;
    app.wait_text("#care-answer-note", "Saved").await?;
    let saved = app.invoke("get_entry", json!({"id": id})).await?["ok"].clone();
    assert_eq!(saved["text"], "A warm blanket and some quiet.");
    assert_eq!(saved["prompt"], prompt.as_str());
    press(&app, "#after-save-done").await?;

    // Choice "not sure": the consent card, grounding before any writing, no open prompt.
    let e = log_heavy(&app, &["[data-choice=\"unsure\"]"], "").await?;
    app.el("#after-save [data-card=\"consent\"]").await?;
    app.wait_text("#after-save [data-card=\"consent\"]", "not your fault").await?;
    assert!(precedes(&app, "#after-save [data-grounding]", "#care-prompt").await?, "grounding before the prompt");
    assert!(
        precedes(&app, "#after-save [data-card=\"consent\"]", "#after-save [data-grounding]").await?,
        "a safety card stays first"
    );
    assert_eq!(prompt_shown(&app).await?, "p29");
    assert!(!visible(&app, "#care-answer").await?, "no writing box unless asked for");
    let offer = app.invoke("care_for_entry", json!({"id": e["id"]})).await?["ok"].clone();
    assert_eq!(shown_ideas(&app).await?, ids(&offer["coping"]));
    assert!(ids(&offer["coping"]).contains(&"c27".to_owned()));
    app.shot("for-right-now-consent").await?;
    // With a safety card, the prompt and ideas wait under "More, if you want it".
    assert_eq!(app.el("#after-save-more").await?.attr("aria-expanded").await?.as_deref(), Some("false"));
    assert!(!visible(&app, "#care-prompt").await?, "the prompt is folded while the card is read");
    press(&app, "#after-save-more").await?;
    // "Show support options" leads to the consent card's options, not to the crisis panel.
    press(&app, "#care-prompt-support").await?;
    let on_card =
        js(&app, "return !!document.activeElement?.closest('#after-save [data-card=\"consent\"]');", vec![]).await?;
    assert_eq!(on_card, json!(true), "support options lead to the consent card");
    assert!(!visible(&app, "#support-panel").await?, "the crisis panel stays closed");
    press(&app, "#after-save-done").await?;

    // Unsure, with an urgent body item: the consent card keeps the first place, and the medical
    // card comes right after it, open, with no second set of buttons.
    log_heavy(&app, &["[data-choice=\"no\"]", "[data-body=\"bleeding\"]"], "").await?;
    app.el("#after-save [data-card=\"consent\"]").await?;
    app.wait_text("#after-save .care-medical-too h3", "Your body might need medical attention.").await?;
    assert!(visible(&app, "#after-save .care-medical-too").await?, "the medical words are in view, not folded");
    app.wait_text("#after-save .care-medical-too", "Bleeding that won't stop").await?;
    let shown = js(
        &app,
        "return [...document.querySelectorAll('#after-save [data-card]')].map((c) => [c.dataset.card, c.querySelectorAll('button').length]);",
        vec![],
    )
    .await?;
    assert_eq!(shown[0][0], json!("consent"), "{shown}");
    assert_eq!(shown[1], json!(["medical", 0]), "the medical card follows the consent card, without buttons: {shown}");
    reveal(&app, "#after-save .care-medical-too").await?;
    app.shot("for-right-now-consent-and-body").await?;
    press(&app, "#after-save-done").await?;

    // An urgent body flag: the medical card. "Hopeless": the gentle support card.
    log_heavy(&app, &["[data-body=\"bleeding\"]"], "").await?;
    app.wait_text("#after-save [data-card=\"medical\"]", "medical").await?;
    app.shot("for-right-now-medical").await?;
    press(&app, "#after-save-done").await?;
    log_heavy(&app, &["[data-emotion=\"hopeless\"]"], "").await?;
    app.wait_text("#after-save [data-card=\"gentle-support\"]", "hopeless").await?;
    app.el("#after-save [data-card=\"gentle-support\"] [data-action=\"support\"]").await?;
    app.shot("for-right-now-hopeless").await?;
    press(&app, "#after-save-done").await?;

    // Memories surfacing: grounding first, never a writing box. This is the sixth heavy entry
    // in two weeks, and no stronger card is due, so the gentle "consider talking to someone"
    // card comes once; "Don't show these again" turns it off.
    log_heavy(&app, &["[data-body=\"memories\"]"], "").await?;
    app.el("#after-save [data-grounding]").await?;
    let p = prompt_shown(&app).await?;
    assert!(["p07", "p27", "p28"].contains(&p.as_str()), "{p}");
    assert!(!visible(&app, "#care-answer").await? && !visible(&app, "#care-answer-open").await?);
    // It speaks of some entries, never of all of them.
    app.wait_text("#after-save [data-card=\"talk-to-someone\"] h3", "Some of what you've noted lately has felt hard.")
        .await?;
    app.wait_text(
        "#after-save [data-card=\"talk-to-someone\"]",
        "GP or family doctor, a counsellor or a sex therapist",
    )
    .await?;
    assert!(
        precedes(&app, "#after-save [data-grounding]", "#after-save [data-card=\"talk-to-someone\"]").await?,
        "with memories surfacing, grounding comes before a card that can wait"
    );
    app.shot("for-right-now-memories").await?;
    press(&app, "#after-save [data-card=\"talk-to-someone\"] [data-action=\"never\"]").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.invoke("care_state", json!({})).await?["ok"]["patternCards"] != json!(false) {
        assert!(Instant::now() < deadline, "\"don't show these again\" was not kept");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.finish().await
}

#[tokio::test]
async fn support_opens_from_the_lock_screen_and_numbers_leave_only_with_consent() -> R {
    let home = Home::new();
    tend_cli(&home, PASS, &["init"], None);
    let mut app = App::start(&home, "care-support").await?;
    app.wait_screen("unlock").await?;
    app.click("#support-button").await?;
    // It asks first; the danger line is there before any choice, and no card about self-harm is.
    app.wait_text("#support-danger", "emergency number").await?;
    app.wait_text("#support-panel .support-choices", "Something happened that I didn't want").await?;
    assert!(!app.text("#support-panel").await?.contains("You deserve support right now."));
    app.shot("support-asks").await?;
    app.click("[data-support-choice=\"unwanted\"]").await?;
    app.wait_text("#support-panel [data-card=\"consent\"]", "it is not your fault").await?;
    app.wait_text("#find-help", "Sexual-assault").await?;
    app.click("[data-support-choice=\"harm\"]").await?;
    app.wait_text("#support-panel [data-card=\"support\"]", "You deserve support right now.").await?;
    app.el("#support-panel [data-numbers=\"locked\"]").await?;
    app.wait_text("#find-help", "112").await?;
    app.wait_text("#find-help", "check").await?;
    app.click("[data-support-choice=\"settle\"]").await?;
    app.el("#support-panel #support-grounding").await?;
    // One way out.
    let closes = js(
        &app,
        "return Array.from(document.querySelectorAll('#support-panel button')).filter(b => /^Close/.test(b.textContent.trim())).length",
        vec![],
    )
    .await?;
    assert_eq!(closes, json!(1), "one Close");
    assert_eq!(app.invoke("list_entries", json!({"offset": 0, "limit": 1})).await?["err"]["code"], "locked");
    app.shot("support-locked").await?;
    app.click("#support-close").await?;

    // Save numbers, keeping them encrypted.
    app.unlock(PASS).await?;
    app.click("#support-button").await?;
    reveal(&app, "#numbers-form").await?;
    app.type_into("#number-emergency", "112").await?;
    app.type_into("#number-crisis-line", "0800 111 222").await?;
    app.type_into("#number-trusted-name", "Robin Canary").await?;
    app.type_into("#number-trusted-number", "07700 900123").await?;
    press(&app, "#numbers-save").await?;
    app.wait_text("#numbers-note", "aved").await?;
    app.wait_text("#support-panel [data-number=\"crisisLine\"]", "0800 111 222").await?;
    app.shot("support-numbers").await?;
    app.finish().await?;
    assert!(files_containing(&[home.data_dir()], "0800 111 222").is_empty(), "numbers were encrypted");
    assert!(files_containing(&[home.data_dir()], "Robin Canary").is_empty(), "names were encrypted");

    let mut app = App::start(&home, "care-support").await?;
    app.wait_screen("unlock").await?;
    app.click("#support-button").await?;
    app.click("[data-support-choice=\"harm\"]").await?;
    app.el("#support-panel [data-numbers=\"locked\"]").await?;
    assert!(!app.html().await?.contains("0800 111 222"));
    app.shot("support-locked-numbers-encrypted").await?;
    app.click("#support-close").await?;

    // Agree to keep them outside the encryption: now they show before unlocking.
    app.unlock(PASS).await?;
    app.click("#support-button").await?;
    reveal(&app, "#numbers-outside").await?;
    app.wait_text("#numbers-outside-hint", "anyone using this computer account").await?;
    press(&app, "#numbers-outside").await?;
    press(&app, "#numbers-save").await?;
    app.wait_text("#numbers-note", "aved").await?;
    app.finish().await?;
    assert_eq!(files_containing(&[home.data_dir()], "0800 111 222").len(), 1, "one side file, by consent");

    let mut app = App::start(&home, "care-support").await?;
    app.wait_screen("unlock").await?;
    app.click("#support-button").await?;
    app.click("[data-support-choice=\"harm\"]").await?;
    app.wait_text("#support-panel [data-number=\"crisisLine\"] .number", "0800 111 222").await?;
    app.wait_text("#support-panel [data-number=\"trusted\"]", "Robin Canary").await?;
    app.wait_text("#support-panel .care-numbers-lead", "kept outside the journal's encryption").await?;
    let shown = app.text("#support-panel .care-numbers").await?;
    assert!(!shown.contains("null") && !shown.contains("undefined"), "{shown}");
    app.shot("support-locked-with-numbers").await?;
    assert_eq!(app.invoke("list_entries", json!({"offset": 0, "limit": 1})).await?["err"]["code"], "locked");
    app.finish().await
}

#[tokio::test]
async fn aftercare_card_safety_plan_and_library() -> R {
    let home = Home::new();
    tend_cli(&home, PASS, &["init"], None);
    let mut app = App::start(&home, "care-library").await?;
    app.unlock(PASS).await?;
    app.click("#nav-care").await?;
    app.wait_screen("care").await?;
    app.el("section[data-need]").await?;
    let counts = js(
        &app,
        "return [document.querySelectorAll('section[data-need]').length, document.querySelectorAll('[data-idea]').length,
                 document.querySelectorAll('[data-explainer]').length];",
        vec![],
    )
    .await?;
    assert_eq!(counts, json!([5, 35, 7]));
    app.click("[data-explainer=\"post-sex-blues\"] summary").await?;
    app.wait_text("[data-explainer=\"post-sex-blues\"]", "a third to a half").await?;
    app.shot("library").await?;

    // My aftercare needs, then the card, then print.
    press(&app, "#care-open-aftercare").await?;
    app.el("#aftercare-needs").await?;
    press(&app, "#closeness-closeness").await?;
    press(&app, "#need-cuddling").await?;
    press(&app, "#need-water").await?;
    reveal(&app, "#needs-words-note").await?;
    app.type_into("#needs-words-note", "Tell me it was good, CanaryWords").await?;
    press(&app, "#aftercare-needs-save").await?;
    app.wait_text("#aftercare-needs-note", "aved").await?;
    press(&app, "#open-aftercare-card").await?;
    app.wait_text("#aftercare-card", "Tell me it was good, CanaryWords").await?;
    let card = app.text("#aftercare-card").await?.to_lowercase();
    assert!(card.contains("cuddling") && card.contains("water"), "{card}");
    app.shot("aftercare-card").await?;
    // Print through the system's dialog to a PDF: the card, and nothing else from the window.
    app.click("#print-card").await?;
    let printed = print_dialog_to_pdf(&home)?;
    assert!(printed.contains("What helps me afterwards"), "{printed}");
    assert!(printed.contains("Tell me it was good, CanaryWords") && printed.contains("Water or a drink"), "{printed}");
    for not_on_card in ["Journal", "Trends", "Need support now?", "Quick hide", "Print or save as PDF"] {
        assert!(!printed.contains(not_on_card), "{not_on_card:?} was printed: {printed}");
    }
    std::fs::remove_file(home.path("cwd").join("output.pdf"))?;
    let state = app.invoke("care_state", json!({})).await?["ok"].clone();
    assert_eq!(state["aftercareNeeds"]["closeness"], "closeness");
    assert_eq!(state["aftercareNeeds"]["items"], json!(["cuddling", "water"]));

    // The safety plan, kept in the encrypted journal.
    app.click("#nav-care").await?;
    press(&app, "#care-open-safety-plan").await?;
    app.el("#safety-plan").await?;
    app.type_into("#safety-warning-signs", "Not sleeping, CanarySigns").await?;
    app.type_into("#safety-people", "Sam").await?;
    press(&app, "#safety-plan-save").await?;
    app.wait_text("#safety-plan-note", "aved").await?;
    app.shot("safety-plan").await?;
    let state = app.invoke("care_state", json!({})).await?["ok"].clone();
    assert_eq!(state["safetyPlan"]["warningSigns"], "Not sleeping, CanarySigns");
    app.finish().await?;
    for canary in ["CanaryWords", "CanarySigns"] {
        assert!(files_containing(&[home.data_dir()], canary).is_empty(), "{canary} on disk");
    }
    Ok(())
}

#[tokio::test]
async fn a_check_in_asked_for_hours_ago_asks_how_are_you_now() -> R {
    let home = Home::new();
    tend_cli(&home, PASS, &["init"], None);
    let add = |shift: &str| {
        let args =
            ["add", "--pleasantness", "-0.5", "--energy", "-0.4", "--emotion", "drained", "--check-in", "few-hours"];
        tend_cli(&home, PASS, &args, Some(shift)).trim().to_owned()
    };
    add("-5h");
    let second = add("-4h");
    // The newest due check-in is asked about, and one answer covers both: the answer is linked
    // to the newest, and Tend stops asking about the earlier one too.
    let mut app = App::start(&home, "care-check-in").await?;
    app.unlock(PASS).await?;
    app.wait_text("#check-in-card", "How are you now?").await?;
    assert_eq!(app.el("#check-in-card").await?.attr("data-entry").await?.as_deref(), Some(second.as_str()));
    // It says plainly that it asks nothing of anyone and when it stops asking (CHECK_IN_STALE_DAYS
    // after it fell due: for an entry 4 hours ago with "in a few hours", 2 days 23 hours ahead).
    app.wait_text("#check-in-card", "No need to answer. If you leave it, Tend stops asking on ").await?;
    app.shot("check-in").await?;
    app.click("#check-in-log").await?;
    app.el("#follow-note").await?;
    let answer = log_heavy(&app, &[], "A bit lighter now").await?;
    assert_eq!(answer["follows"], second.as_str());
    assert_eq!(answer["timing"], "later-that-day");
    wait_due(&app, 0, "both check-ins were answered").await?;
    app.finish().await?;

    // "No, thanks" sets aside every check-in that was due, for good.
    add("-6h");
    add("-5h");
    let app = App::start(&home, "care-check-in").await?;
    app.unlock(PASS).await?;
    app.wait_text("#check-in-card", "How are you now?").await?;
    app.click("#check-in-dismiss").await?;
    wait_due(&app, 0, "the check-ins were not set aside").await?;
    assert!(!visible(&app, "#check-in-card").await?);
    app.finish().await?;
    let app = App::start(&home, "care-check-in").await?;
    app.unlock(PASS).await?;
    // Once the journal has been asked, nothing is asked again.
    let deadline = Instant::now() + Duration::from_secs(15);
    while js(&app, "return !!document.querySelector('#check-in-slot[data-checked]');", vec![]).await? != json!(true) {
        assert!(Instant::now() < deadline, "the journal was never asked for check-ins");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!visible(&app, "#check-in-card").await?, "nothing is asked again");
    app.finish().await
}
