// @ts-check
/**
 * @file Boot and navigation. Asks the journal how it is (new, locked, damaged), shows the
 * right first screen, and after unlock wires the rail, idle lock and quick-hide.
 */

import * as api from './api.js';
import { h, fill, byId, setScreen, messageOf, announce, ignoreHeldPresses } from './dom.js';
import { plural } from './format.js';
import { indexWords } from './words.js';
import {
  session, lockNow, applyTheme, restoreTheme, startIdleWatch, setNavigator, QUICK_HIDE_LABEL,
} from './session.js';
import { initSupport, supportOpen, closeSupport } from './components/support.js';
import { showSetup } from './views/setup.js';
import { showUnlock } from './views/unlock.js';
import { showLog, offerCheckIn, offerDrafts, offerNumbersAfterSetup } from './views/log.js';
import { showJournal } from './views/journal.js';
import { showTrends } from './views/trends.js';
import { showSettings } from './views/settings.js';
import { showCare } from './views/care.js';
import { showSummary } from './views/summary.js';

// The theme chosen before a lock comes back first, so the lock screen keeps it. After a
// restart there is none to restore: the screen follows the system until unlock (session.js).
restoreTheme();

const main = /** @type {HTMLElement} */ (byId('main'));

/** @type {Record<string, (main: HTMLElement, sub?: string) => void>} */
const ROUTES = {
  log: showLog, journal: showJournal, trends: showTrends, care: showCare, settings: showSettings, summary: showSummary,
};

/** Rail buttons and the screens they show. */
const RAIL = [['nav-log', 'log'], ['nav-journal', 'journal'], ['nav-trends', 'trends'], ['nav-care', 'care'], ['nav-settings', 'settings']];

/**
 * Shows one of the unlocked screens and marks it in the rail.
 * @param {string} name
 * @param {string} [sub] a part of the screen (Care: 'safety-plan', 'aftercare-needs', 'aftercare-card')
 */
function go(name, sub) {
  const show = ROUTES[name];
  if (!show || !session.unlocked) return;
  if (supportOpen()) closeSupport();
  delete document.body.dataset.view;
  for (const [id, route] of RAIL) {
    const el = byId(id);
    if (route === name) el.setAttribute('aria-current', 'page');
    else el.removeAttribute('aria-current');
  }
  window.scrollTo(0, 0);
  show(main, sub);
}

/**
 * A calm screen for a journal that can't be opened.
 * @param {any} e
 */
function showError(e) {
  setScreen('error');
  const code = e?.code ?? 'unknown';

  fill(main, h('div', { class: 'panel narrow error-screen', dataset: { code } },
    h('h1', { tabindex: '-1', text: "Tend can't open your journal right now" }),
    h('p', { id: 'error-message', class: 'lead', text: messageOf(e) }),
    code === 'no_shell' ? null : h('p', { class: 'hint',
      text: 'Nothing was reset. Your journal lives in Tend’s data folder for your user account on this computer; a copy of that folder is worth keeping before trying anything else.' })));
  /** @type {HTMLElement} */ (main.querySelector('h1')).focus();
}

/**
 * After unlock (or right after setup): read settings and words, then show the Log. Right after
 * setup, the Log also invites (optionally) saving numbers for a hard moment.
 * @param {import('./api.js').UnlockReport|null} report
 * @param {{firstRun?: boolean}} [o]
 */
async function enter(report, o = {}) {
  try {
    const [settings, words] = await Promise.all([api.settings(), api.words()]);
    session.settings = settings;
    // The theme from the unlocked settings, as soon as they can be read (after a restart too).
    // Should they fail, the look on screen stays as it is.
    applyTheme(settings.theme);
    session.words = indexWords(words);
  } catch (e) {
    if (/** @type {any} */ (e)?.code === 'locked') { lockNow(); return; }
    // Settings or words failing shouldn't keep someone out; use the defaults.
    if (!session.words) {
      session.words = indexWords(/** @type {any} */ ({ shipped: { emotions: [], contexts: [], aftercare: [], body: [], labels: [] }, own: { emotions: [], labels: [] } }));
    }
  }
  if (report) {
    session.damaged = report.damaged ?? [];
    session.notAsSaved = report.notAsSaved ?? null;
    session.protection = report.protection ?? session.protection;
  }
  try {
    session.status = await api.status();
  } catch { /* keep what we had */ }
  session.unlocked = true;
  document.title = session.settings.windowTitle || 'Tend';
  startIdleWatch();
  byId('rail').hidden = false;
  document.body.classList.add('is-unlocked');
  go('log');
  if (o.firstRun) offerNumbersAfterSetup();
  offerDrafts();
  offerCheckIn();
}

function wireRail() {
  byId('nav-log').addEventListener('click', () => go('log'));
  byId('nav-journal').addEventListener('click', () => go('journal'));
  byId('nav-trends').addEventListener('click', () => go('trends'));
  byId('nav-care').addEventListener('click', () => go('care'));
  byId('nav-settings').addEventListener('click', () => go('settings'));
  byId('lock-button').addEventListener('click', () => lockNow());
  const hint = byId('quickhide-hint');
  if (hint) fill(hint, 'Quick hide: ', h('kbd', { text: QUICK_HIDE_LABEL }));
}

/** Quick-hide on every screen: blank first, synchronously (after reading, from memory, what
 * was being written), then lock and reload. */
function wireKeys() {
  window.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey && ev.shiftKey && !ev.altKey && (ev.code === 'KeyH' || ev.key.toLowerCase() === 'h')) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      // lockNow blanks the screen at once, right after reading any unsaved entry from memory.
      lockNow();
      return;
    }
    if (ev.key === 'Escape' && supportOpen()) {
      ev.preventDefault();
      closeSupport();
    }
  }, { capture: true });
}

async function boot() {
  setNavigator(go);
  ignoreHeldPresses(document);
  wireKeys();
  wireRail();
  initSupport();
  /** @type {import('./api.js').Status} */
  let status;
  try {
    status = await api.status();
  } catch (e) {
    showError(e);
    return;
  }
  session.status = status;
  if (!status.exists) {
    showSetup(main, {
      onDone: (created) => {
        session.protection = created.protection;
        enter(null, { firstRun: true });
      },
      onRestored: (restored) => {
        enter(null);
        announce(`Your journal is back: ${plural(restored.added, 'entry', 'entries')}.`);
      },
    });
    return;
  }
  if (status.unlocked) {
    // A reload while unlocked (not through Lock): start clean and ask again.
    try { await api.lock(); } catch { /* already locked */ }
    status = { ...status, unlocked: false };
  }
  showUnlock(main, {
    status,
    onUnlocked: (report) => { enter(report); },
  });
}

/**
 * Marks the first screen (lock, setup or a problem) as painted: the frame after it is drawn.
 * The app tells of it only when started with its figures flag; start-up is timed without any
 * test driver in the way.
 */
function markFirstPaint() {
  requestAnimationFrame(() => setTimeout(() => { api.firstPaint().catch(() => {}); }, 0));
}

boot().finally(markFirstPaint);
