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
  session, lockNow, applyTheme, startIdleWatch, setNavigator, QUICK_HIDE_LABEL,
} from './session.js';
import { showUnlock } from './views/unlock.js';

// Only what the first screen needs is imported above: the lock screen is drawn before this loads
// (first-screen.js), and these bring it to life, so it waits for no more. The screens behind it
// load when first shown, and all of them just after, long before a passphrase can be typed.
const support = () => import('./components/support.js');
/** @type {Record<string, () => Promise<(main: HTMLElement, sub?: string) => void>>} */
const SCREENS = {
  log: () => import('./views/log.js').then((m) => m.showLog),
  journal: () => import('./views/journal.js').then((m) => m.showJournal),
  trends: () => import('./views/trends.js').then((m) => m.showTrends),
  care: () => import('./views/care.js').then((m) => m.showCare),
  settings: () => import('./views/settings.js').then((m) => m.showSettings),
  summary: () => import('./views/summary.js').then((m) => m.showSummary),
};

const main = /** @type {HTMLElement} */ (byId('main'));

/** Rail buttons and the screens they show. */
const RAIL = [['nav-log', 'log'], ['nav-journal', 'journal'], ['nav-trends', 'trends'], ['nav-care', 'care'], ['nav-settings', 'settings']];

let going = 0;

/**
 * Shows one of the unlocked screens and marks it in the rail.
 * @param {string} name
 * @param {string} [sub] a part of the screen (Care: 'safety-plan', 'aftercare-needs', 'aftercare-card')
 */
async function go(name, sub) {
  const load = SCREENS[name];
  if (!load || !session.unlocked) return;
  // Only the last screen asked for is shown, should an earlier one still be loading.
  const turn = ++going;
  const [show, panel] = await Promise.all([load(), support().catch(() => null)]);
  // A lock (or quick hide) while it loaded has taken the page away: nothing more to show.
  if (turn !== going || !session.unlocked || !main.isConnected) return;
  if (panel?.supportOpen()) panel.closeSupport();
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
  await go('log');
  const log = await import('./views/log.js');
  if (o.firstRun) log.offerNumbersAfterSetup();
  log.offerDrafts();
  log.offerCheckIn();
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
    if (ev.key === 'Escape' && byId('support-panel')?.hidden === false) {
      ev.preventDefault();
      support().then((panel) => panel.closeSupport());
    }
  }, { capture: true });
}

/** "Need support now?" works from the first screen on, its panel loading at the first press if
 * it hasn't loaded yet. */
function wireSupport() {
  byId('support-button').addEventListener('click', () => {
    support().then((panel) => (panel.supportOpen() ? panel.closeSupport() : panel.openSupport()), () => {});
  });
}

/** Shows the first screen; resolves to whether it was drawn before the modules (the lock screen,
 * by first-screen.js), which then also marked its paint. */
async function boot() {
  setNavigator(go);
  ignoreHeldPresses(document);
  const wire = () => { wireKeys(); wireRail(); wireSupport(); };
  /** @type {import('./api.js').Status} */
  let status;
  try {
    status = await api.status();
  } catch (e) {
    wire();
    showError(e);
    return false;
  }
  session.status = status;
  if (!status.exists) {
    wire();
    let showSetup;
    try {
      ({ showSetup } = await import('./views/setup.js'));
    } catch (e) {
      showError(e);
      return false;
    }
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
    return false;
  }
  if (status.unlocked) {
    // A reload while unlocked (not through Lock): start clean and ask again.
    try { await api.lock(); } catch { /* already locked */ }
    status = { ...status, unlocked: false };
  }
  // Wired with no wait before the screen comes to life: a press first-screen.js kept meanwhile
  // is then pressed again once (pressAgain), never acted on and replayed both.
  wire();
  return showUnlock({
    status,
    onUnlocked: (report) => { enter(report); },
  });
}

/**
 * Marks the first screen (setup or a problem; the lock screen marks itself) as painted: the
 * frame after it is drawn.
 * The app tells of it only when started with its figures flag; start-up is timed without any
 * test driver in the way.
 */
function markFirstPaint() {
  requestAnimationFrame(() => setTimeout(() => { api.firstPaint(performance.now()).catch(() => {}); }, 0));
}

/**
 * Everything is wired: a button pressed while the modules were still on their way (kept by
 * first-screen.js, the lock screen being up before them) is pressed again now.
 */
function pressAgain() {
  const { body } = document;
  body.dataset.ready = '';
  const pressed = body.dataset.pressed;
  delete body.dataset.pressed;
  if (pressed) byId(pressed)?.click();
}

/** After the first screen: the support panel, then every screen, ready before they are asked for. */
async function loadTheRest() {
  (await support()).initSupport();
  await Promise.all([...Object.values(SCREENS).map((load) => load()), import('./views/setup.js')]);
}

boot().catch((e) => { showError(e); return false; }).then((drawnEarly) => {
  if (!drawnEarly) markFirstPaint();
  pressAgain();
  loadTheRest().catch(() => { /* a screen that can't load isn't shown; the one on screen stays */ });
});
