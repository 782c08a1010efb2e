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

let locking = false;
/**
 * Blanks the screen first, then locks, then reloads (which drops every bit of JS state).
 */
export function lockNow() {
  if (locking) return;
  locking = true;
  blankScreen();
  session.words = null;
  const done = () => window.location.reload();
  try {
    api.lock().then(done, done);
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
 * Applies the theme from settings: 'system' follows the OS.
 * @param {string} theme
 */
export function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

let idleTimer = 0;
let lastActivity = Date.now();
const markActive = () => { lastActivity = Date.now(); };

/**
 * Starts (or restarts) the idle lock with the current settings.
 */
export function startIdleWatch() {
  window.clearInterval(idleTimer);
  lastActivity = Date.now();
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'focusin']) {
    window.addEventListener(type, markActive, { passive: true, capture: true });
  }
  idleTimer = window.setInterval(() => {
    const minutes = Number(session.settings.idleMinutes) || 5;
    if (session.unlocked && Date.now() - lastActivity >= minutes * 60_000) lockNow();
  }, 5_000);
}
