// @ts-check
/**
 * @file The first things the page does, before its styles and modules arrive: asks the journal
 * how it is (new, locked, damaged), so the first screen doesn't wait for that answer after them,
 * and puts back the theme kept through the reload at lock, so no frame shows the other one. A
 * classic script in the head runs at once; first-screen.js and api.js's `status()` take the
 * answer.
 */
{
  const w = /** @type {any} */ (window);
  const internals = w.__TAURI_INTERNALS__;
  const asked = internals ? internals.invoke('status') : null;
  // Its failure is read by api.js; until then, it isn't an unhandled one.
  asked?.catch(() => {});
  w.__tendEarlyStatus = asked;

  // The window's name outlives the reload at lock (memory only); session.js's `applyTheme`
  // writes it as `tend-theme:<light|dark>` when a theme is picked.
  const kept = w.name.startsWith('tend-theme:') ? w.name.slice('tend-theme:'.length) : '';
  if (kept === 'light' || kept === 'dark') document.documentElement.dataset.theme = kept;
}
