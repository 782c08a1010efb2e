// The theme: shown at once on <html>, kept through the reload at lock in the window's name
// (memory only, never storage), and dropped when the person goes back to following the system.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** Just enough of a window for session.js: its name and <html>'s data attributes. */
globalThis.window = { name: '' };
globalThis.document = { documentElement: { dataset: {} } };

const { applyTheme, restoreTheme } = await import('../js/session.js');

/** A reload: the page (and <html>) is new; the window, and so its name, stays. */
function reload() {
  globalThis.document = { documentElement: { dataset: {} } };
}
const shown = () => document.documentElement.dataset.theme;

test('a picked theme shows at once and comes back after the reload at lock', () => {
  window.name = '';
  reload();
  applyTheme('dark');
  assert.equal(shown(), 'dark');
  reload();
  assert.equal(shown(), undefined);
  restoreTheme();
  assert.equal(shown(), 'dark', 'the lock screen keeps the dark theme');
  applyTheme('light');
  reload();
  restoreTheme();
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
  restoreTheme();
  assert.equal(shown(), undefined);
});

test('a fresh start (an empty name) or a name that is not Tend\u2019s shows the system theme', () => {
  window.name = '';
  reload();
  restoreTheme();
  assert.equal(shown(), undefined);
  for (const name of ['dark', 'tend-theme:purple', 'something else']) {
    window.name = name;
    reload();
    restoreTheme();
    assert.equal(shown(), undefined, name);
  }
  // A name that isn't Tend's is left as it is.
  window.name = 'something else';
  applyTheme('system');
  assert.equal(window.name, 'something else');
});
