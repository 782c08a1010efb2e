// The theme: shown at once on <html>, kept through the reload at lock in the window's name
// (memory only, never storage), put back by early.js before the first frame, and dropped when
// the person goes back to following the system.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';

/** Just enough of a window for session.js and early.js: its name and <html>'s data attributes. */
globalThis.window = { name: '' };
globalThis.document = { documentElement: { dataset: {} } };

const { applyTheme } = await import('../js/session.js');
const EARLY = readFileSync(new URL('../js/early.js', import.meta.url), 'utf8');

/** A reload: the page (and <html>) is new, and early.js runs first; the window, and so its
 * name, stays. */
function reload() {
  globalThis.document = { documentElement: { dataset: {} } };
  runInThisContext(EARLY);
}
const shown = () => document.documentElement.dataset.theme;

test('a picked theme shows at once and comes back after the reload at lock', () => {
  window.name = '';
  reload();
  applyTheme('dark');
  assert.equal(shown(), 'dark');
  reload();
  assert.equal(shown(), 'dark', 'the lock screen keeps the dark theme');
  applyTheme('light');
  reload();
  assert.equal(shown(), 'light');
});

test('following the system leaves nothing to restore', () => {
  window.name = '';
  reload();
  applyTheme('dark');
  applyTheme('system');
  assert.equal(shown(), undefined);
  assert.equal(window.name, '');
  reload();
  assert.equal(shown(), undefined);
});

test('a fresh start (an empty name) or a name that is not Tend\u2019s shows the system theme', () => {
  window.name = '';
  reload();
  assert.equal(shown(), undefined);
  for (const name of ['dark', 'tend-theme:purple', 'something else']) {
    window.name = name;
    reload();
    assert.equal(shown(), undefined, name);
  }
  // A name that isn't Tend's is left as it is.
  window.name = 'something else';
  applyTheme('system');
  assert.equal(window.name, 'something else');
});
