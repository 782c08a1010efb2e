//! The main screens in each way a person may have set up their computer: light and dark (the
//! desktop's own dark preference, through GTK's settings), text at 200%, and reduced motion
//! (GTK's "no animations"). Each screen is shown, audited (every screenshot is, in light and
//! dark) and checked that nothing is clipped, nothing makes the page scroll sideways and no two
//! controls sit on each other.

use serde_json::{json, Value};
use tend_tests::{tend_cli, App, Home, R};

const PASS: &str = "looks the same to everyone";

/// What is wrong with the layout as shown, one line each: text cut off by its box, the page
/// wider than the window, or two controls on top of each other.
const LAYOUT: &str = r#"
    const shown = (el) => {
      if (el.closest('[hidden], details:not([open]) > :not(summary)')) return false;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 2 && r.height > 2 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    const name = (el) => el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '')
      + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"';
    const inBar = (el) => { for (; el; el = el.parentElement) { const p = getComputedStyle(el).position; if (p === 'sticky' || p === 'fixed') return true; } return false; };
    const problems = [];
    if (document.documentElement.scrollWidth > innerWidth + 1) {
      const wide = [...document.querySelectorAll('body *')].filter((el) => shown(el) && el.getBoundingClientRect().right > innerWidth + 1
        && ![...el.children].some((c) => c.getBoundingClientRect().right > innerWidth + 1));
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${innerWidth}px window, past its edge: ${wide.slice(0, 4).map(name).join(', ')}`);
    }
    // Any box that cuts off what overflows it, with words inside that reach past its edges.
    for (const el of document.querySelectorAll('body *')) {
      if (!shown(el) || el.closest('.visually-hidden')) continue;
      const cs = getComputedStyle(el);
      if (cs.textOverflow === 'ellipsis') continue; // cut short on purpose; the whole text is a click away
      if (!['hidden', 'clip'].includes(cs.overflowX) && !['hidden', 'clip'].includes(cs.overflowY)) continue;
      const box = el.getBoundingClientRect();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.textContent.trim() || !shown(t.parentElement) || t.parentElement.closest('.visually-hidden')) continue;
        // A line cut short on purpose (an ellipsis), whose whole text is a click away.
        let onPurpose = false;
        for (let a = t.parentElement; a && a !== el.parentElement; a = a.parentElement) {
          if (getComputedStyle(a).textOverflow === 'ellipsis') onPurpose = true;
        }
        if (onPurpose) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        const r = range.getBoundingClientRect();
        if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2) {
          problems.push(`text cut off: "${t.textContent.trim().slice(0, 30)}" in ${name(el)}`);
          break;
        }
      }
    }
    const controls = [...document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex="0"]')]
      .filter((el) => shown(el) && !inBar(el) && !el.closest('.visually-hidden, .skip-link'));
    const rects = controls.map((el) => el.getBoundingClientRect());
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i], controls[j]];
        if (a.contains(b) || b.contains(a) || (a.labels && [...a.labels].some((l) => l.contains(b)))) continue;
        const [ra, rb] = [rects[i], rects[j]];
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > 2) problems.push(`${name(a)} and ${name(b)} overlap by ${Math.round(w)}x${Math.round(h)}px`);
      }
    }
    return problems;
"#;

/// How the computer is set up for one run.
#[derive(Clone, Copy, Debug)]
enum Look {
    Light,
    Dark,
    LargeText,
    ReducedMotion,
}

impl Look {
    fn name(self) -> &'static str {
        match self {
            Look::Light => "light",
            Look::Dark => "dark",
            Look::LargeText => "text-200",
            Look::ReducedMotion => "reduced-motion",
        }
    }

    /// GTK's own settings file in this home, read by the window as the desktop's preferences.
    fn gtk_settings(self) -> &'static str {
        match self {
            Look::Dark => "[Settings]\ngtk-application-prefer-dark-theme=1\n",
            Look::ReducedMotion => "[Settings]\ngtk-enable-animations=0\n",
            Look::Light | Look::LargeText => "[Settings]\n",
        }
    }
}

async fn js(app: &App, script: &str) -> R<Value> {
    Ok(app.c.execute(script, vec![]).await?)
}

/// How the log's Save bar is placed, once it has measured itself against the window: read after
/// two frames, so the page has run a whole rendering update (where resize observers are told)
/// since the last change, however slowly a busy machine draws. The bar's height and the window's
/// come along for the failure message.
async fn save_bar_settles(app: &App) -> R<String> {
    let v = app
        .c
        .execute_async(
            "const done = arguments[0];
             requestAnimationFrame(() => requestAnimationFrame(() => {
               const bar = document.querySelector('.save-bar');
               done([getComputedStyle(bar).position, bar.offsetHeight, innerHeight]);
             }));",
            vec![],
        )
        .await?;
    eprintln!("the Save bar is {}, {}px high in a window {}px high", v[0], v[1], v[2]);
    Ok(v[0].as_str().unwrap_or_default().to_owned())
}

async fn each_screen(app: &mut App, look: Look) -> R {
    for (nav, screen) in [
        ("#nav-log", "log"),
        ("#nav-journal", "journal"),
        ("#nav-trends", "trends"),
        ("#nav-care", "care"),
        ("#nav-settings", "settings"),
    ] {
        app.click(nav).await?;
        app.wait_screen(screen).await?;
        if screen == "journal" {
            app.el(".entry-card").await?;
        }
        if screen == "trends" {
            app.el("#chart-calendar svg").await?;
        }
        js(app, "window.scrollTo(0, 0)").await?;
        app.shot(&format!("{}-{screen}", look.name())).await?;
        let problems = js(app, LAYOUT).await?;
        assert_eq!(problems, json!([]), "{} {screen}: {problems:#}", look.name());
    }
    Ok(())
}

async fn in_look(look: Look) -> R {
    let home = Home::new();
    let gtk = home.path("config").join("gtk-3.0");
    std::fs::create_dir_all(&gtk)?;
    std::fs::write(gtk.join("settings.ini"), look.gtk_settings())?;
    tend_cli(&home, PASS, &["demo", "--per-week", "3", "--seed", "11"], None);

    let mut app = App::start(&home, &format!("looks-{}", look.name())).await?;
    let dark = js(&app, "return matchMedia('(prefers-color-scheme: dark)').matches").await?;
    assert_eq!(dark, json!(matches!(look, Look::Dark)), "the window follows the desktop's dark preference");
    let still = js(&app, "return matchMedia('(prefers-reduced-motion: reduce)').matches").await?;
    assert_eq!(still, json!(matches!(look, Look::ReducedMotion)), "the window follows the desktop's animation setting");
    app.shot("unlock").await?;
    app.unlock(PASS).await?;
    if let Look::LargeText = look {
        // Text at 200%, as a larger default font size gives it: everything sized in rem and em
        // grows with it.
        js(&app, "document.documentElement.style.fontSize = '200%'").await?;
        // Save, big now, sits at the end of the form rather than over a third of the window.
        assert_eq!(save_bar_settles(&app).await?, "static");
        let px = js(&app, "return parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)").await?;
        assert!(px.as_f64().unwrap_or(0.0) >= 48.0, "the heading grew with the text: {px}px");
    } else {
        assert_eq!(save_bar_settles(&app).await?, "sticky", "Save stays in view while the form scrolls");
    }
    if let Look::ReducedMotion = look {
        // Nothing moves: every animation and transition is instant.
        let moving = js(
            &app,
            "return [...document.querySelectorAll('*')].filter(el => {
               const cs = getComputedStyle(el);
               const long = (v) => v.split(',').some(t => parseFloat(t) > 0.011);
               return long(cs.animationDuration) || long(cs.transitionDuration);
             }).map(el => el.id || el.className).slice(0, 5)",
        )
        .await?;
        assert_eq!(moving, json!([]), "with reduced motion nothing animates");
    }
    each_screen(&mut app, look).await?;
    app.finish().await
}

#[tokio::test]
async fn main_screens_in_light() -> R {
    in_look(Look::Light).await
}

#[tokio::test]
async fn main_screens_in_dark_from_the_desktop() -> R {
    in_look(Look::Dark).await
}

#[tokio::test]
async fn main_screens_with_text_at_200_percent() -> R {
    in_look(Look::LargeText).await
}

#[tokio::test]
async fn main_screens_with_reduced_motion() -> R {
    in_look(Look::ReducedMotion).await
}
