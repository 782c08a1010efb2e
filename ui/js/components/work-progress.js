// @ts-check
/**
 * @file A bar with Cancel for long work (backups, restores, imports, exports). It appears only
 * when the work takes longer than a moment, moves with what the core reports, and Cancel asks
 * the core to stop while nothing has changed yet. Once the change is being written the bar says
 * so and Cancel goes: a half-stopped write is never offered.
 */

import * as api from '../api.js';
import { h, hold } from '../dom.js';

/**
 * Runs `work`, showing the bar in `host` once it has taken `delay` ms. Resolves or rejects as
 * `work` does (a stop arrives as the core's `cancelled` error). Focus on Cancel goes back to
 * `returnFocus` when the bar leaves.
 * @template T
 * @param {HTMLElement} host where the bar goes (emptied when it leaves)
 * @param {string} label what is happening, for example "Backing up"
 * @param {() => Promise<T>} work
 * @param {{returnFocus?: HTMLElement|null, delay?: number, every?: number}} [o]
 * @returns {Promise<T>}
 */
export async function withProgress(host, label, work, o = {}) {
  const delay = o.delay ?? 400;
  const every = o.every ?? 150;
  let done = false;
  /** @type {HTMLElement|null} */
  let block = null;
  /** @type {ReturnType<typeof setTimeout>|null} */
  let timer = null;

  const bar = /** @type {HTMLProgressElement} */ (h('progress', { class: 'work-bar', max: '1', 'aria-label': label }));
  const words = h('span', { class: 'work-words', text: `${label}…` });
  const cancel = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', class: 'button button-quiet work-cancel', text: 'Cancel',
  }));
  cancel.addEventListener('click', () => {
    hold(cancel, true);
    cancel.textContent = 'Stopping…';
    api.cancelWork().catch(() => {});
  });

  const poll = async () => {
    if (done) return;
    try {
      const p = await api.workProgress();
      if (done) return;
      if (p) {
        bar.value = p.fraction;
        const pct = Math.round(p.fraction * 100);
        if (p.committing) {
          words.textContent = `${label}: saving, nearly done (${pct}%)`;
          if (document.activeElement === cancel) o.returnFocus?.focus();
          cancel.hidden = true;
        } else {
          words.textContent = `${label}… ${pct}%`;
        }
      }
    } catch {
      // A missed look changes nothing; the next one tries again.
    }
    timer = setTimeout(poll, every);
  };

  const show = setTimeout(() => {
    if (done) return;
    block = h('div', { class: 'work-progress', role: 'group', 'aria-label': label }, bar, words, cancel);
    host.replaceChildren(block);
    poll();
  }, delay);

  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(show);
    if (timer) clearTimeout(timer);
    if (block) {
      const hadFocus = block.contains(document.activeElement);
      host.replaceChildren();
      if (hadFocus) o.returnFocus?.focus();
    }
  }
}
