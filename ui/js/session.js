// @ts-check
/**
 * @file What the open window knows while it is unlocked, and the ways to drop it: lock,
 * quick-hide and idle. Everything here is in memory only and is gone after a reload.
 */

import * as api from './api.js';
import { indexWords } from './words.js';

/**
 * @type {{
 *   status: import('./api.js').Status|null,
 *   settings: import('./api.js').Settings,
 *   protection: import('./api.js').Protection|null,
 *   words: import('./words.js').WordIndex|null,
 *   damaged: string[],
 *   notAsSaved: import('./api.js').NotAsSaved|null,
 *   unlocked: boolean,
 *   resumeDraft: import('./api.js').Draft|null,
 * }}
 */
export const session = {
  status: null,
  settings: { idleMinutes: 5, windowTitle: 'Tend', theme: 'system' },
  protection: null,
  words: null,
  damaged: [],
  notAsSaved: null,
  unlocked: false,
  // A kept draft of changes to an entry, on its way to the journal screen to be picked up.
  resumeDraft: null,
};

/** @type {(name: string, sub?: string) => void} */
let navigator = () => {};

/**
 * Lets main.js say how to show an unlocked screen, so views can move between screens without
 * importing main.js.
 * @param {(name: string, sub?: string) => void} fn
 */
export function setNavigator(fn) {
  navigator = fn;
}

/**
 * Shows an unlocked screen ('log', 'journal', 'trends', 'care', 'settings'), optionally one of
 * its parts (for Care: 'safety-plan', 'aftercare-needs', 'aftercare-card').
 * @param {string} name
 * @param {string} [sub]
 */
export function navigate(name, sub) {
  navigator(name, sub);
}

/** The quick-hide key, as shown to people. */
export const QUICK_HIDE_LABEL = 'Ctrl+Shift+H';

/**
 * Replaces everything on screen with a neutral blank page, synchronously.
 */
export function blankScreen() {
  const blank = document.createElement('div');
  blank.id = 'blank';
  blank.className = 'blank';
  blank.textContent = 'Tend';
  document.body.replaceChildren(blank);
  document.body.dataset.screen = 'blank';
  document.title = 'Tend';
}

/**
 * Where what is being written is read from when the journal locks: the Log's form, and an entry
 * being changed in the journal. Each is kept.
 * @type {(() => import('./api.js').Draft|null)[]}
 */
const draftSources = [];

/**
 * Lets a form say what it holds when the journal locks; returns a function that stops it.
 * @param {() => import('./api.js').Draft|null} read what is unsaved, or null when nothing is
 */
export function keepDraftFrom(read) {
  draftSources.push(read);
  return () => {
    const i = draftSources.lastIndexOf(read);
    if (i >= 0) draftSources.splice(i, 1);
  };
}

/** What every form holds unsaved (the Log's new entry and an entry being changed, say). */
function unsavedDrafts() {
  /** @type {import('./api.js').Draft[]} */
  const out = [];
  for (const read of draftSources) {
    try {
      const d = read();
      if (d) out.push(d);
    } catch {
      // A form that can't say what it holds keeps nothing; the lock goes on.
    }
  }
  return out;
}

let locking = false;
/**
 * Blanks the screen first, then locks (sealing an unsaved entry into the journal, to be offered
 * back after unlock), then reloads (which drops every bit of JS state).
 */
export function lockNow() {
  if (locking) return;
  locking = true;
  // Read from memory before anything else: the form's state lives in its closures.
  const drafts = session.unlocked ? unsavedDrafts() : [];
  blankScreen();
  session.words = null;
  const done = () => window.location.reload();
  try {
    api.lock(drafts).then(done, done);
  } catch {
    done();
  }
}

/**
 * If an api error says the journal is locked, goes back to the unlock screen.
 * @param {any} e
 * @returns {boolean} true when handled
 */
export function handleLocked(e) {
  if (e && e.code === 'locked') {
    lockNow();
    return true;
  }
  return false;
}

/** Fetches the word lists again (after adding an own word). */
export async function refreshWords() {
  session.words = indexWords(await api.words());
  return session.words;
}

/**
 * Where the theme waits out the reload at lock: the start of `window.name`. The window's name
 * belongs to the open window, in the webview's memory: it outlives a reload (which drops every
 * bit of JS state) and goes when Tend closes. Tend never writes the theme anywhere else in the
 * clear, so the lock screen after a lock keeps the look the person chose. After a restart the
 * name is empty and the lock screen follows the system's light or dark (prefers-color-scheme,
 * in tokens.css) until unlock reads the theme from the journal: the settings are sealed in it,
 * so before unlock that is the most Tend can honestly know. early.js puts it back, before the
 * styles, so no frame shows the other look.
 */
const THEME_MARK = 'tend-theme:';

/**
 * Applies a theme at once, on <html> (so the blank screen at lock keeps it), and keeps it for
 * the lock screen after the reload: 'system' follows the OS.
 * @param {string} theme
 */
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') {
    root.dataset.theme = theme;
    window.name = `${THEME_MARK}${theme}`;
  } else {
    delete root.dataset.theme;
    if (window.name.startsWith(THEME_MARK)) window.name = '';
  }
}

let idleTimer = 0;
let lastActivity = Date.now();
/** How long before the idle lock "Still here?" shows. */
export const IDLE_WARNING_MS = 30_000;

/** The calm note shown before the idle lock; any key or click keeps Tend open. */
function idleWarning() {
  let el = document.getElementById('idle-warning');
  if (!el) {
    el = document.createElement('div');
    el.id = 'idle-warning';
    el.className = 'idle-warning';
    el.setAttribute('role', 'status');
    el.hidden = true;
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = 'Still here? ';
    p.append(strong, 'Tend will lock soon to keep your journal private. Anything you were writing is kept for when you unlock. Press any key or click to stay.');
    const stay = document.createElement('button');
    stay.type = 'button';
    stay.id = 'idle-stay';
    stay.className = 'button button-quiet';
    stay.textContent = "I'm here";
    el.append(p, stay);
    // Outside #main, so redrawing a screen never takes it away.
    document.body.append(el);
  }
  return el;
}

const markActive = () => {
  lastActivity = Date.now();
  const w = document.getElementById('idle-warning');
  if (w && !w.hidden) w.hidden = true;
};

/**
 * Starts (or restarts) the idle lock with the current settings: "Still here?" half a minute
 * before, then the lock.
 */
export function startIdleWatch() {
  window.clearInterval(idleTimer);
  lastActivity = Date.now();
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focusin']) {
    window.addEventListener(type, markActive, { passive: true, capture: true });
  }
  idleTimer = window.setInterval(() => {
    if (!session.unlocked) return;
    const minutes = Number(session.settings.idleMinutes) || 5;
    const idle = Date.now() - lastActivity;
    if (idle >= minutes * 60_000) {
      lockNow();
    } else if (idle >= minutes * 60_000 - IDLE_WARNING_MS) {
      const w = idleWarning();
      if (w.hidden) w.hidden = false;
    }
  }, 1_000);
}
