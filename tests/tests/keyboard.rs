//! Tend with the keyboard alone, as someone who doesn't use a mouse meets it: first run to a
//! saved entry, the support panel, the journal (an entry's ideas, its delete question), Trends
//! and back to locked, with Tab (and Shift+Tab), the arrow keys, Enter and Escape, plus Space for
//! the one checkbox and typing into fields. After every key the focus must be somewhere a person
//! can see: on a shown element, never on the page itself or inside a closed panel, and a Tab stop
//! always drawn with its ring. Escape closes each panel and hands the focus back to what opened
//! it.

use fantoccini::key::Key;
use serde_json::{json, Value};
use tend_tests::{App, Home, R};

const PASS: &str = "only keys, never a mouse";

/// What has the focus: a short description, whether it is shown, whether its ring is drawn.
const FOCUS: &str = "
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { lost: true };
    const cs = getComputedStyle(el);
    const rects = el.getClientRects().length > 0;
    const closed = !!el.closest('[hidden], [inert], [aria-hidden=\"true\"]');
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
    const name = el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '');
    return { lost: false, name, shown: rects && !closed && cs.visibility !== 'hidden', ring, programmatic: el.getAttribute('tabindex') === '-1' };
";

struct Walk {
    app: App,
    keys: usize,
}

impl Walk {
    /// Where the focus is now, failing if a person couldn't see it.
    async fn focus(&self, after: &str) -> R<Value> {
        let f = self.app.c.execute(FOCUS, vec![]).await?;
        if f["lost"] == json!(true) {
            return Err(format!("after {after}, the focus was lost (on the page itself)").into());
        }
        if f["shown"] != json!(true) {
            return Err(format!("after {after}, the focus is on {} which isn't shown", f["name"]).into());
        }
        Ok(f)
    }

    /// Presses `keys` on whatever has the focus.
    async fn press(&mut self, keys: &str, what: &str) -> R<Value> {
        self.keys += 1;
        let target = match self.app.c.active_element().await {
            Ok(e) => e,
            Err(_) => self.app.c.find(fantoccini::Locator::Css("body")).await?,
        };
        target.send_keys(keys).await?;
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        self.focus(what).await
    }

    /// Tabs forward until `css` has the focus (at most 80 stops), checking each stop on the way
    /// is shown and drawn with its focus ring.
    async fn tab_to(&mut self, css: &str) -> R {
        self.tab_to_by(css, &char::from(Key::Tab).to_string()).await
    }

    /// As `tab_to`, backwards (Shift+Tab).
    async fn back_tab_to(&mut self, css: &str) -> R {
        let keys: String = [char::from(Key::Shift), char::from(Key::Tab), char::from(Key::Null)].into_iter().collect();
        self.tab_to_by(css, &keys).await
    }

    async fn tab_to_by(&mut self, css: &str, keys: &str) -> R {
        for _ in 0..80 {
            if self.is_focused(css).await? {
                return Ok(());
            }
            let f = self.press(keys, &format!("Tab towards {css}")).await?;
            if f["ring"] != json!(true) && f["programmatic"] != json!(true) {
                return Err(format!("Tab reached {} but draws no focus ring there", f["name"]).into());
            }
        }
        Err(format!("80 Tabs never reached {css}").into())
    }

    async fn is_focused(&self, css: &str) -> R<bool> {
        let v = self
            .app
            .c
            .execute(
                "return !!document.activeElement && document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await?;
        Ok(v == json!(true))
    }

    async fn enter(&mut self, what: &str) -> R<Value> {
        self.press(&char::from(Key::Enter).to_string(), what).await
    }

    async fn escape(&mut self, what: &str) -> R<Value> {
        self.press(&char::from(Key::Escape).to_string(), what).await
    }

    /// Types text into the focused field.
    async fn typing(&mut self, text: &str) -> R {
        self.press(text, "typing").await.map(|_| ())
    }

    /// Waits for `css` to hold the focus (after Enter moves it somewhere new).
    async fn wait_focus(&self, css: &str, after: &str) -> R {
        for _ in 0..100 {
            if self.is_focused(css).await? {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let f = self.focus(after).await?;
        Err(format!("after {after}, the focus is on {} and not on {css}", f["name"]).into())
    }
}

#[tokio::test]
async fn first_run_to_trends_and_locked_with_the_keyboard_alone() -> R {
    let home = Home::new();
    let app = App::start(&home, "keyboard").await?;
    let mut w = Walk { app, keys: 0 };
    w.app.wait_screen("setup").await?;

    // Welcome: the one checkbox takes Space, as every checkbox does.
    w.tab_to("#adult-confirm").await?;
    w.press(" ", "Space on the checkbox").await?;
    w.tab_to("#welcome-continue").await?;
    w.enter("Continue").await?;

    // The passphrase, twice, then the recovery key's last group.
    w.tab_to("#setup-passphrase").await?;
    w.typing(PASS).await?;
    w.tab_to("#setup-passphrase-again").await?;
    w.typing(PASS).await?;
    w.tab_to("#setup-continue").await?;
    w.enter("Create my journal").await?;
    w.app.wait_screen("recovery-key").await?;
    let key = w.app.text("#recovery-key").await?.split_whitespace().collect::<Vec<_>>().join("");
    w.tab_to("#recovery-check").await?;
    w.typing(key.rsplit('-').next().unwrap()).await?;
    w.tab_to("#recovery-done").await?;
    w.enter("I've kept it safe").await?;
    w.app.wait_screen("log").await?;
    w.app.shot("log").await?;

    // An entry: the mood pad moves with the arrows, a feeling word with Enter, then Save.
    w.tab_to("#mood-pad").await?;
    let arrows: String =
        std::iter::repeat_n(char::from(Key::Left), 6).chain(std::iter::repeat_n(char::from(Key::Down), 5)).collect();
    w.press(&arrows, "arrows on the mood pad").await?;
    let spoken = w.app.el("#mood-pad").await?.attr("aria-valuetext").await?.unwrap_or_default();
    assert!(spoken.to_lowercase().contains("heavy"), "the pad moved by arrows to Heavy: {spoken:?}");
    w.tab_to("[data-emotion=\"tearful\"]").await?;
    w.enter("a feeling word").await?;
    w.tab_to("#log-save").await?;
    w.enter("Save").await?;
    w.app.wait_text("#live", "Saved").await?;
    w.focus("Save").await?;
    w.app.shot("after-save").await?;
    let saved = w.app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?;
    assert_eq!(saved["ok"]["total"], 1, "the entry saved by keyboard");
    assert_eq!(saved["ok"]["items"][0]["emotions"], json!(["tearful"]));

    // The after-save panel: Escape closes it and the focus stays on the form, not behind it.
    w.escape("Escape on the after-save panel").await?;
    assert!(
        w.app.c.execute("return document.querySelector('#after-save')?.hidden ?? true", vec![]).await? == json!(true)
    );

    // Need support now?: Enter opens it, Escape closes it and gives the focus back.
    w.back_tab_to("#support-button").await?;
    w.enter("Need support now?").await?;
    w.app.el("#support-panel").await?;
    w.focus("opening the support panel").await?;
    w.app.shot("support-open").await?;
    w.escape("Escape in the support panel").await?;
    w.wait_focus("#support-button", "Escape in the support panel").await?;
    let hidden = w.app.c.execute("return document.querySelector('#support-panel').hidden", vec![]).await?;
    assert_eq!(hidden, json!(true), "Escape closed the support panel");

    // The journal: open the entry, ask to delete it, and let Escape take it back step by step.
    w.tab_to("#nav-journal").await?;
    w.enter("Journal").await?;
    w.app.wait_screen("journal").await?;
    // The list arrives after the screen shows; Tab can only reach it once it is there.
    w.app.el(".entry-card").await?;
    w.tab_to(".entry-card").await?;
    w.enter("the entry").await?;
    w.app.el("#entry-detail").await?;
    // What might help for it: a panel that Escape closes, handing the focus back to its button.
    w.tab_to("#entry-offer-open").await?;
    w.enter("What might help").await?;
    w.app.el("#entry-offer").await?;
    w.focus("opening what might help").await?;
    w.escape("Escape on what might help").await?;
    w.wait_focus("#entry-offer-open", "Escape on what might help").await?;
    w.tab_to("#entry-delete").await?;
    w.enter("Delete").await?;
    w.app.el("#entry-delete-confirm").await?;
    w.focus("opening the delete question").await?;
    w.app.shot("delete-asks").await?;
    w.escape("Escape on the delete question").await?;
    w.wait_focus("#entry-delete", "Escape on the delete question").await?;
    w.escape("Escape on the entry").await?;
    let kept = w.app.invoke("list_entries", json!({"offset": 0, "limit": 10})).await?;
    assert_eq!(kept["ok"]["total"], 1, "Escape deleted nothing");

    // Trends, a period chosen by keyboard.
    w.tab_to("#nav-trends").await?;
    w.enter("Trends").await?;
    w.app.wait_screen("trends").await?;
    w.tab_to("[data-period=\"month\"]").await?;
    w.enter("Month").await?;
    w.app.el("[data-period=\"month\"][aria-pressed=\"true\"]").await?;
    w.app.shot("trends-month").await?;

    // And locked.
    w.tab_to("#lock-button").await?;
    // Locking reloads the window, so the focus is looked at once the lock screen is there.
    w.app.c.active_element().await?.send_keys(&char::from(Key::Enter).to_string()).await?;
    w.app.wait_screen("unlock").await?;
    w.focus("Lock").await?;
    w.app.shot("locked").await?;
    eprintln!("keyboard walk: {} key presses, first run to locked", w.keys);
    w.app.finish().await
}
