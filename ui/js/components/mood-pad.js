// @ts-check
/**
 * @file The mood grid: one focusable slider over four softly tinted quadrants. Click or drag
 * (pointer events, so touch works too), arrow keys move by 0.1, Home centres, Enter moves on
 * (to Save: a bare entry is never saved by one key).
 */

import { h } from '../dom.js';
import {
  describe, quadrantOf, pointFromPosition, positionOf, stepKey, QUADRANT_NAMES,
} from '../mood.js';

/** @typedef {{pleasantness: number, energy: number}} Mood */

/**
 * A small shape that goes with each quadrant's colour and name.
 * @param {string} quadrant
 * @param {string} [extra]
 */
export function shapeEl(quadrant, extra = '') {
  return h('span', { class: `shape shape-${quadrant} ${extra}`.trim(), 'aria-hidden': 'true' });
}

const UNSET_TEXT = 'Nothing placed yet. Anywhere that feels close is fine.';

/**
 * `unsetText` replaces the line shown while no point is placed (an entry with no mood recorded
 * says so, calmly, instead of asking for one).
 * @param {{
 *   initial?: Mood|null,
 *   unsetText?: string,
 *   onChange?: (mood: Mood) => void,
 *   onQuadrant?: (q: string) => void,
 *   onSubmit?: () => void,
 * }} [opts]
 */
export function createMoodPad(opts = {}) {
  /** @type {Mood|null} */
  let mood = null;
  let lastQuadrant = '';
  const unsetText = opts.unsetText ?? UNSET_TEXT;

  const dot = h('span', { class: 'mood-dot', 'aria-hidden': 'true', hidden: true });
  const quadrantCell = (/** @type {string} */ q) => h('span', { class: `mood-q mood-q-${q}`, 'aria-hidden': 'true' },
    h('span', { class: 'mood-q-name' }, shapeEl(q), QUADRANT_NAMES[q]));

  const pad = h('div', {
    id: 'mood-pad',
    class: 'mood-pad',
    role: 'slider',
    tabindex: '0',
    'aria-roledescription': 'mood grid',
    'aria-label': 'How you feel: unpleasant to pleasant, low to high energy',
    'aria-describedby': 'mood-help',
    'aria-valuemin': '-1',
    'aria-valuemax': '1',
    'aria-valuenow': '0',
    'aria-valuetext': 'not placed yet',
  },
  quadrantCell('tense'), quadrantCell('bright'), quadrantCell('heavy'), quadrantCell('calm'),
  h('span', { class: 'mood-mixed', 'aria-hidden': 'true' }, h('span', { class: 'mood-q-name' }, shapeEl('mixed'), 'Mixed')),
  h('span', { class: 'mood-cross', 'aria-hidden': 'true' }),
  dot);

  const name = h('p', { id: 'mood-name', class: 'mood-name' }, h('span', { class: 'mood-name-text', text: unsetText }));

  const el = h('div', { class: 'mood' },
    h('div', { class: 'mood-frame' },
      h('span', { class: 'mood-axis mood-axis-top', 'aria-hidden': 'true', text: 'high energy' }),
      h('span', { class: 'mood-axis mood-axis-left', 'aria-hidden': 'true', text: 'unpleasant' }),
      pad,
      h('span', { class: 'mood-axis mood-axis-right', 'aria-hidden': 'true', text: 'pleasant' }),
      h('span', { class: 'mood-axis mood-axis-bottom', 'aria-hidden': 'true', text: 'low energy' })),
    name,
    h('p', { id: 'mood-help', class: 'hint mood-help' },
      'Click or drag to place the point. Arrow keys move it, Home centres it, Enter moves to Save, Ctrl+Enter saves.'));

  function render() {
    if (!mood) {
      dot.hidden = true;
      pad.setAttribute('aria-valuetext', 'not placed yet');
      pad.setAttribute('aria-valuenow', '0');
      pad.dataset.quadrant = '';
      name.replaceChildren(h('span', { class: 'mood-name-text', text: unsetText }));
      name.dataset.quadrant = '';
      if (lastQuadrant) {
        lastQuadrant = '';
        opts.onQuadrant?.('');
      }
      return;
    }
    const { left, top } = positionOf(mood);
    dot.hidden = false;
    dot.style.left = `${left * 100}%`;
    dot.style.top = `${top * 100}%`;
    const q = quadrantOf(mood.pleasantness, mood.energy);
    const text = describe(mood.pleasantness, mood.energy);
    pad.setAttribute('aria-valuetext', text);
    pad.setAttribute('aria-valuenow', String(mood.pleasantness));
    pad.dataset.quadrant = q;
    name.dataset.quadrant = q;
    name.replaceChildren(shapeEl(q), h('span', { class: 'mood-name-text', text }));
    if (q !== lastQuadrant) {
      lastQuadrant = q;
      opts.onQuadrant?.(q);
    }
  }

  /** @param {Mood|null} m */
  function set(m) {
    mood = m ? { pleasantness: m.pleasantness, energy: m.energy } : null;
    render();
    if (mood) opts.onChange?.(mood);
  }

  /** @param {PointerEvent} ev */
  function fromPointer(ev) {
    const r = pad.getBoundingClientRect();
    set(pointFromPosition(ev.clientX - r.left, ev.clientY - r.top, r.width, r.height));
  }

  let dragging = false;
  pad.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    ev.preventDefault();
    pad.focus();
    dragging = true;
    try { pad.setPointerCapture(ev.pointerId); } catch { /* not capturable: fine */ }
    pad.classList.add('is-dragging');
    fromPointer(ev);
  });
  pad.addEventListener('pointermove', (ev) => { if (dragging) fromPointer(ev); });
  const stop = () => { dragging = false; pad.classList.remove('is-dragging'); };
  pad.addEventListener('pointerup', stop);
  pad.addEventListener('pointercancel', stop);
  pad.addEventListener('lostpointercapture', stop);

  pad.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.altKey || ev.metaKey) return;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      opts.onSubmit?.();
      return;
    }
    const next = stepKey(mood, ev.key, ev.shiftKey);
    if (next) {
      ev.preventDefault();
      set(next);
    }
  });

  if (opts.initial) {
    mood = { ...opts.initial };
    render();
  }

  return {
    el,
    pad,
    /** @returns {Mood|null} */
    get: () => (mood ? { ...mood } : null),
    set,
    reset: () => set(null),
    focus: () => pad.focus(),
  };
}
