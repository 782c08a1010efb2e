// @ts-check
/**
 * @file "Choose…" beside a path field: the system's own file or folder dialog fills the field.
 * Typing the whole path still works, and is what is left when a dialog can't open.
 */

import * as api from '../api.js';
import { h, showNote, messageOf, hold } from '../dom.js';

/**
 * "Choose…" for a path field: the system's own dialog fills the field; typing the whole path
 * still works (and is what is left when a dialog can't open).
 * @param {HTMLInputElement} input
 * @param {() => Parameters<typeof api.choosePath>[0]} purpose
 * @param {HTMLElement} note where a dialog that can't open is mentioned
 */
export function withChooser(input, purpose, note) {
  const choose = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: `${input.id}-choose`, class: 'button button-quiet', text: 'Choose…',
  }));
  choose.addEventListener('click', async () => {
    hold(choose, true);
    try {
      const path = await api.choosePath(purpose());
      if (path) {
        input.value = path;
        // What the dialog chose (where it may have asked "Replace?" already).
        input.dataset.chosen = path;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      input.focus();
    } catch (e) {
      showNote(note, `${messageOf(e)} You can type the whole path instead.`, 'info');
    } finally {
      hold(choose, false);
    }
  });
  return choose;
}

