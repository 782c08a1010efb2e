//! The accessibility audit: axe-core (from the test tree's npm packages, never shipped in `ui/`)
//! run inside the real window at every screenshot, once in light and once in dark, so every
//! screen and state a test shows is audited as a person would meet it. Serious and critical
//! findings fail the test; every finding goes into a report beside the screenshots.

use std::path::PathBuf;
use std::sync::OnceLock;

use fantoccini::Client;
use serde_json::{json, Value};

use crate::R;

/// The rules run: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

fn axe_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
}

fn axe_source() -> R<&'static str> {
    static SOURCE: OnceLock<String> = OnceLock::new();
    if let Some(s) = SOURCE.get() {
        return Ok(s);
    }
    let s = std::fs::read_to_string(axe_path())
        .map_err(|e| format!("no axe-core at {} ({e}): run `npm ci` in tests/ (.ci/run does)", axe_path().display()))?;
    Ok(SOURCE.get_or_init(|| s))
}

/// Runs axe on the page as it is now, in `theme` ("light" or "dark", set on `<html>` the way
/// Settings sets it, then put back as it was). Returns `{theme, violations: [...]}`.
async fn run_once(c: &Client, theme: &str) -> R<Value> {
    let loaded = c.execute("return typeof window.axe === 'object'", vec![]).await?;
    if loaded != json!(true) {
        c.execute(&format!("{}\n;return true", axe_source()?), vec![]).await?;
    }
    let out = c
        .execute_async(
            "const [theme, tags, done] = arguments;
             const root = document.documentElement;
             const had = root.getAttribute('data-theme');
             const restore = () => had === null ? root.removeAttribute('data-theme') : root.setAttribute('data-theme', had);
             root.setAttribute('data-theme', theme);
             const settled = Promise.race([
               Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
               new Promise(r => setTimeout(r, 2000)),
             ]);
             settled
               .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))
               .then(() => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
               .then(r => {
                 // axe-core measures a sticky bar where it sits now, not where it scrolls to,
                 // so a target that merely passes under Tend's sticky Save bar is counted too
                 // small (axe-core issue 3720); the space left to its neighbours shrinks with it.
                 // Such a finding, where what covers the target is inside a sticky or fixed bar,
                 // is kept in the report as 'sticky', not failed.
                 const inBar = (sel) => {
                   let el = document.querySelector(sel);
                   for (; el; el = el.parentElement) {
                     const p = getComputedStyle(el).position;
                     if (p === 'sticky' || p === 'fixed') return true;
                   }
                   return false;
                 };
                 const underBar = (v, n) => v.id === 'target-size' && n.any.some(c => /obscured/i.test(c.message) &&
                   c.relatedNodes.length > 0 && c.relatedNodes.every(rn => inBar(String(rn.target[0]))));
                 restore();
                 done({ theme, violations: r.violations.map(v => ({
                   id: v.id, impact: v.nodes.every(n => underBar(v, n)) ? 'sticky' : v.impact, help: v.help,
                   nodes: v.nodes.map(n => ({ target: n.target, html: n.html.slice(0, 200), why: n.failureSummary,
                     inTheWay: n.any.flatMap(c => c.relatedNodes.map(rn => rn.target)) })),
                 })) });
               }, e => { restore(); done({ theme, error: String(e) }); });",
            vec![json!(theme), json!(TAGS)],
        )
        .await?;
    if let Some(e) = out.get("error") {
        return Err(format!("axe couldn't run in {theme}: {e}").into());
    }
    Ok(out)
}

/// Audits the page in light and in dark. Returns both results, and the serious or critical
/// findings as one line each (empty when there are none).
pub(crate) async fn audit(c: &Client) -> R<(Vec<Value>, Vec<String>)> {
    let mut results = Vec::new();
    let mut serious = Vec::new();
    for theme in ["light", "dark"] {
        let r = run_once(c, theme).await?;
        for v in r["violations"].as_array().into_iter().flatten() {
            let impact = v["impact"].as_str().unwrap_or("");
            if impact == "serious" || impact == "critical" {
                let targets: Vec<String> =
                    v["nodes"].as_array().into_iter().flatten().map(|n| n["target"].to_string()).collect();
                serious.push(format!("{theme}: {impact} {} ({}) at {}", v["id"], v["help"], targets.join(", ")));
            }
        }
        results.push(r);
    }
    Ok((results, serious))
}
