// @ts-check
/**
 * @file Ways to keep a recovery key shown once: copy it (for a password manager), print it (at
 * setup, where only the key's page prints) or save it as a file the person chooses in the
 * system's save dialog. Each says what happened, in a status line beside the buttons.
 */

import * as api from '../api.js';
import { h, messageOf } from '../dom.js';

/**
 * Puts text on the clipboard: the clipboard API where the webview allows it, else a selection
 * copied the older way (focus then goes back to `back`). Says whether it worked.
 * @param {string} text
 * @param {HTMLElement} [back]
 */
async function copyText(text, back) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = /** @type {HTMLTextAreaElement} */ (h('textarea', { class: 'visually-hidden', readonly: '', 'aria-hidden': 'true' }));
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    area.value = '';
    area.remove();
    back?.focus();
    return ok;
  }
}

/**
 * Copy, Print (when `print`) and "Save as a file…" for `key`, with their status line.
 * @param {string} key the recovery key as shown
 * @param {{idBase: string, print?: boolean}} o ids are `${idBase}-copy`, `-print`, `-save`, `-keep-note`
 */
export function keepButtons(key, { idBase, print = false }) {
  const note = h('p', { id: `${idBase}-keep-note`, class: 'hint', role: 'status' });
  const say = (/** @type {string} */ text) => { note.textContent = text; };
  const copy = h('button', { type: 'button', id: `${idBase}-copy`, class: 'button button-quiet', text: 'Copy',
    onClick: async () => {
      say(await copyText(key, copy)
        ? 'Copied. After pasting it into your password manager, copy something else, so it doesn’t stay on the clipboard.'
        : 'It couldn’t be copied here. Select the key and copy it, or write it down.');
    } });
  const printBtn = print ? h('button', { type: 'button', id: `${idBase}-print`, class: 'button button-quiet', text: 'Print',
    onClick: async () => {
      say('');
      try {
        await api.printPage();
      } catch (e) {
        say(messageOf(e));
      }
    } }) : null;
  const save = h('button', { type: 'button', id: `${idBase}-save`, class: 'button button-quiet', text: 'Save as a file…',
    onClick: async () => {
      say('');
      try {
        // The key goes only where the system's save dialog says (it asks before replacing).
        const file = await api.choosePath({ for: 'recoveryKeyFile' });
        if (!file) return;
        await api.saveRecoveryKey(key);
        say('Saved. The file isn’t encrypted: keep it somewhere only you can reach, like a USB stick in a drawer.');
      } catch (e) {
        say(messageOf(e));
      }
    } });
  return h('div', { class: 'recovery-keep no-print' }, h('div', { class: 'actions' }, copy, printBtn, save), note);
}
