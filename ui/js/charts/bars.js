// @ts-check
/**
 * @file Small charts that sit inside text: horizontal bars by count, and dots on a line from
 * unpleasant to pleasant. The words and numbers next to them are real text (a list), so the
 * drawings themselves are hidden from screen readers.
 */

import { h } from '../dom.js';
import { s, r2 } from './svg.js';
import { shapeEl } from '../components/mood-pad.js';

/**
 * @typedef {{key: string, label: string, count: number, quadrant?: string, note?: any, open?: () => void}} BarItem
 * `note` is text or nodes (say, words with a number that shows only with "Show the numbers");
 * `open`, when given, makes the count a button that opens those entries.
 */

/**
 * A list of bars by count, longest first, with "Show all" when there are more than `limit`.
 * @param {{id: string, items: BarItem[], limit?: number, noun: string, unit?: [string, string]}} o
 *   `noun` names the things for the button ("words"); `unit` is the spoken count unit.
 */
export function barList({ id, items, limit = 10, noun, unit = ['entry', 'entries'] }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  const list = h('ol', { id, class: 'bars' }, items.map((item, i) => {
    const width = Math.max(1.5, (item.count / max) * 100);
    return h('li', { class: 'bar-row', dataset: { key: item.key }, hidden: i >= limit },
      h('span', { class: 'bar-label' }, item.quadrant ? shapeEl(item.quadrant) : null, h('span', { text: item.label })),
      s('svg', { class: 'bar', width: '100%', height: 12, 'aria-hidden': 'true', focusable: 'false' },
        s('rect', { class: 'bar-track', x: 0, y: 0, width: '100%', height: 12, rx: 6 }),
        s('rect', { class: `bar-fill${item.quadrant ? ` glyph-${item.quadrant}` : ''}`, x: 0, y: 0, width: `${r2(width)}%`, height: 12, rx: 6 })),
      item.open
        // The count opens those entries (in the journal, filtered to them).
        ? h('button', { type: 'button', class: 'link-button bar-count bar-open', onClick: item.open },
          String(item.count),
          h('span', { class: 'visually-hidden', text: ` ${item.count === 1 ? unit[0] : unit[1]} with ${item.label}: open in the journal` }))
        : h('span', { class: 'bar-count' },
          String(item.count),
          h('span', { class: 'visually-hidden', text: ` ${item.count === 1 ? unit[0] : unit[1]}` })),
      item.note ? h('span', { class: 'bar-note' }, item.note) : null);
  }));
  if (items.length <= limit) return list;
  const more = h('button', {
    type: 'button', class: 'link-button bars-more', 'aria-expanded': 'false', 'aria-controls': id,
    text: `Show all ${items.length} ${noun}`,
  });
  more.addEventListener('click', () => {
    const open = more.getAttribute('aria-expanded') !== 'true';
    list.querySelectorAll('li').forEach((li, i) => { if (i >= limit) li.hidden = !open; });
    more.setAttribute('aria-expanded', String(open));
    more.textContent = open ? `Show the first ${limit}` : `Show all ${items.length} ${noun}`;
  });
  return h('div', { class: 'bars-block' }, list, more);
}

/**
 * Where a mood value sits along the line, in percent (with a little room at each end).
 * @param {number} v -1..1
 */
function scalePercent(v) {
  const clamped = Math.max(-1, Math.min(1, Number(v) || 0));
  return r2(4 + ((clamped + 1) / 2) * 92);
}

/**
 * Dots on a line from unpleasant (left) to pleasant (right); `filled` and `hollow` marks are
 * joined by a thin line when both are there. Hidden from screen readers.
 * @param {{value: number, kind: 'filled'|'hollow'}[]} marks
 */
export function moodScale(marks) {
  const xs = marks.map((m) => scalePercent(m.value));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return s('svg', { class: 'scale', width: '100%', height: 20, 'aria-hidden': 'true', focusable: 'false' },
    s('line', { class: 'scale-track', x1: '4%', x2: '96%', y1: 10, y2: 10 }),
    s('line', { class: 'scale-mid', x1: '50%', x2: '50%', y1: 4, y2: 16 }),
    marks.length > 1 ? s('line', { class: 'scale-link', x1: `${lo}%`, x2: `${hi}%`, y1: 10, y2: 10 }) : null,
    marks.map((m, i) => s('circle', { class: `scale-dot scale-${m.kind}`, cx: `${xs[i]}%`, cy: 10, r: 5.5 })));
}
