// @ts-check
/**
 * @file "Show the numbers" on the Trends screen. Counts are always shown; means, differences
 * and intervals are put in `num` spans, hidden until the person asks for them, so the screen
 * reads as words first and never as a score. The choice lives in memory only: off each time
 * Tend starts, kept while the window is open, and never written to browser storage.
 */

import { h } from '../dom.js';

/** The class every hidden-by-default number carries. */
const NUMBER_CLASS = 'trends-num';

/** Whether the numbers are shown (memory only). */
let shown = false;

/**
 * A number (or words with numbers) that shows only when the numbers are asked for.
 * @param {string} text
 * @param {string} [extra] more classes
 */
export function num(text, extra = '') {
  return h('span', { class: extra ? `${NUMBER_CLASS} ${extra}` : NUMBER_CLASS, hidden: !shown, text });
}

/**
 * A block (a drawing of means, a table of numbers) that shows only with the numbers.
 * @param {...any} children
 */
export function numBlock(...children) {
  return h('div', { class: NUMBER_CLASS, hidden: !shown }, children);
}

/**
 * Shows or hides every number under `root` to match the choice.
 * @param {HTMLElement} root
 */
export function applyNumbers(root) {
  for (const el of root.querySelectorAll(`.${NUMBER_CLASS}`)) /** @type {HTMLElement} */ (el).hidden = !shown;
}

/** @param {boolean} on */
const label = (on) => (on ? 'Hide the numbers' : 'Show the numbers');

/**
 * The button that shows or hides the numbers under `root` (which needs an id). A native
 * button, so Enter and Space work and it sits in the tab order.
 * @param {HTMLElement} root
 */
export function numbersToggle(root) {
  const btn = h('button', {
    type: 'button', id: 'trends-numbers', class: 'link-button numbers-toggle',
    'aria-expanded': String(shown), 'aria-controls': root.getAttribute('id') ?? '', text: label(shown),
    onClick: () => {
      shown = !shown;
      btn.setAttribute('aria-expanded', String(shown));
      btn.textContent = label(shown);
      applyNumbers(root);
    },
  });
  return btn;
}
