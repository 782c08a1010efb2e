// @ts-check
/**
 * @file How guessable a new passphrase is, said beside its field as it is typed: the core's
 * estimate (the same `tend` uses), so the window and the command line never disagree. Wherever a
 * passphrase is chosen: at setup, on a new computer, after recovery and in Settings. Its room is
 * kept from the start, so the fields below it never move while it is typed.
 */

import * as api from '../api.js';
import { h } from '../dom.js';

/**
 * Watches `input` and keeps a polite hint up to date; the latest typed wins. Returns the hint,
 * to place after the field (the field is described by it).
 * @param {HTMLInputElement} input
 * @param {string} id the hint's id
 */
export function strengthHint(input, id) {
  const hint = h('p', { id, class: 'hint strength', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
  let asked = 0;
  const update = async () => {
    const mine = ++asked;
    const typed = input.value;
    try {
      const r = await api.passphraseStrength(typed);
      if (mine !== asked) return;
      hint.textContent = r.says;
      hint.dataset.level = !typed ? 'empty' : !r.enoughAlone ? 'short' : r.score < 4 ? 'okay' : 'strong';
    } catch {
      if (mine === asked) { hint.textContent = ''; delete hint.dataset.level; }
    }
  };
  input.addEventListener('input', update);
  update();
  return hint;
}
