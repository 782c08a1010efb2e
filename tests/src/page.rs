//! Acting on the page as a person would where a single click is not enough: opening the
//! `<details>` sections around an element, pressing what is inside them, and moving the mood pad
//! with the arrow keys.

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::json;

use crate::{App, R};

/// Opens every `<details>` around `css` and scrolls it into view, so optional sections can be used.
pub async fn reveal(app: &App, css: &str) -> R {
    // The element may not be there yet (a panel still reading its content): wait for it.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found = app
            .c
            .execute(
                "const el = document.querySelector(arguments[0]);
                 if (!el) return false;
                 for (let d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
                 el.scrollIntoView({block: 'center'});
                 return true;",
                vec![json!(css)],
            )
            .await?;
        if found == json!(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("no element {css} to reveal").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Moves the mood pad by keyboard to the Heavy corner (unpleasant, low energy), as a person
/// using the arrow keys would, and returns the pad.
pub async fn pad_to_heavy(app: &App) -> R<Element> {
    let pad = app.el("#mood-pad").await?;
    pad.click().await?;
    let keys: String =
        std::iter::repeat_n(char::from(Key::Left), 6).chain(std::iter::repeat_n(char::from(Key::Down), 5)).collect();
    pad.send_keys(&keys).await?;
    Ok(pad)
}

/// Reveals `css` and clicks it.
pub async fn press(app: &App, css: &str) -> R {
    reveal(app, css).await?;
    app.click(css).await
}
