// @ts-check
/**
 * @file The mood map: every entry of the period on the pleasantness x energy square, with the
 * same four tints, names and shapes as the mood grid on the Log screen. A table beside it
 * gives the counts per quadrant in text.
 */

import { h } from '../dom.js';
import { s, r2, glyph, glyphPieces, pointerTitles } from './svg.js';
import { linear } from './layout.js';
import { dayLabel } from './days.js';
import { QUADRANTS, QUADRANT_NAMES, QUADRANT_HINTS, MIXED_RADIUS, describe } from '../mood.js';
import { entries, listText, meanWords, nonZero, signed } from '../trends-model.js';
import { shapeEl } from '../components/mood-pad.js';
import { num } from '../components/numbers-toggle.js';

/** @typedef {import('../mood.js').Quadrant} Quadrant */
/** @typedef {{date: string, pleasantness: number, energy: number, quadrant: Quadrant}} MapPoint */

const SIZE = 300;
const PAD = { top: 24, side: 6, bottom: 28 };
/** How near the pointer must be to a dot, in the chart's units, to show its title. */
const REACH = 6;

/**
 * The index of the place nearest (x, y) within `reach`, the latest on a tie (drawn on top), or
 * -1. Pure.
 * @param {number[][]} places [x, y] pairs
 * @param {number} x @param {number} y @param {number} reach
 */
export function nearest(places, x, y, reach) {
  let best = -1;
  let bestD = reach * reach;
  places.forEach(([px, py], i) => {
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestD) { best = i; bestD = d; }
  });
  return best;
}

/**
 * @param {{
 *   points: MapPoint[], quadrants: [Quadrant, number][],
 *   total: {count: number, pleasantness: number, energy: number}, thisYear: number
 * }} o
 */
export function moodMapChart({ points, quadrants, total, thisYear }) {
  const x0 = PAD.side;
  const y0 = PAD.top;
  const x = linear([-1, 1], [x0, x0 + SIZE]);
  const y = linear([-1, 1], [y0 + SIZE, y0]);
  const half = SIZE / 2;
  const W = SIZE + 2 * PAD.side;
  const H = PAD.top + SIZE + PAD.bottom;

  const tints = /** @type {const} */ ([['tense', 0, 0], ['bright', 1, 0], ['heavy', 0, 1], ['calm', 1, 1]]).map(([q, cx, cy]) => s('rect', {
    class: `map-quad map-quad-${q}`, x: x0 + cx * half, y: y0 + cy * half, width: half, height: half,
  }));
  const frame = s('rect', { class: 'map-frame', x: x0, y: y0, width: SIZE, height: SIZE, rx: 14 });
  const cross = [
    s('line', { class: 'map-cross', x1: x0 + half, x2: x0 + half, y1: y0, y2: y0 + SIZE }),
    s('line', { class: 'map-cross', x1: x0, x2: x0 + SIZE, y1: y0 + half, y2: y0 + half }),
  ];
  const mixed = s('circle', { class: 'map-mixed', cx: x0 + half, cy: y0 + half, r: r2(MIXED_RADIUS * half) });

  // Up to 2,000 shapes, bare pieces in the order of the entries (the latest on top).
  const dots = s('g', { class: 'map-points' }, points.map((p) => glyphPieces(p.quadrant, r2(x(p.pleasantness)), r2(y(p.energy)), 9)));
  /** @param {Quadrant} q @param {number} tx @param {number} ty @param {'start'|'end'} anchor */
  const nameTag = (q, tx, ty, anchor) => {
    const gx = anchor === 'start' ? tx + 9 : tx - 9;
    const label = s('text', {
      class: 'map-name', x: anchor === 'start' ? tx + 20 : tx - 20, y: ty, 'text-anchor': anchor, 'dominant-baseline': 'middle',
      text: QUADRANT_NAMES[q],
    });
    return s('g', { class: 'map-tag' }, glyph(q, gx, ty, 11), label);
  };
  const names = [
    nameTag('tense', x0 + 8, y0 + 16, 'start'),
    nameTag('bright', x0 + SIZE - 8, y0 + 16, 'end'),
    nameTag('heavy', x0 + 8, y0 + SIZE - 14, 'start'),
    nameTag('calm', x0 + SIZE - 8, y0 + SIZE - 14, 'end'),
  ];
  const axes = [
    s('text', { class: 'axis-label', x: x0 + half, y: 14, 'text-anchor': 'middle', text: '↑ high energy' }),
    s('text', { class: 'axis-label', x: x0 + half, y: H - 8, 'text-anchor': 'middle', text: '↓ low energy' }),
    s('text', { class: 'axis-label', x: x0, y: H - 8, 'text-anchor': 'start', text: '← unpleasant' }),
    s('text', { class: 'axis-label', x: x0 + SIZE, y: H - 8, 'text-anchor': 'end', text: 'pleasant →' }),
  ];

  const counts = nonZero(quadrants);
  const summary = total.count === 0
    ? 'Mood map: no entries with a mood in this period.'
    : `Mood map of ${entries(total.count)}: ${listText(counts.map(([q, n]) => `${n} ${QUADRANT_NAMES[q]}`))}. `
      + `On average ${meanWords(total)}.`;

  const svg = s('svg', {
    class: 'chart chart-map', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': summary, focusable: 'false',
  },
  s('defs', null, s('clipPath', { id: 'trends-map-clip' }, s('rect', { x: x0, y: y0, width: SIZE, height: SIZE, rx: 14 }))),
  s('g', { 'clip-path': 'url(#trends-map-clip)' }, tints, cross, mixed),
  frame, dots, names, axes);
  // The entry nearest the pointer (within a dot's reach) gets its title: one outline follows
  // the pointer instead of a target per dot.
  const places = points.map((p) => [x(p.pleasantness), y(p.energy)]);
  pointerTitles(svg, (px, py) => {
    const i = nearest(places, px, py, REACH);
    if (i < 0) return null;
    const p = points[i];
    const [cx, cy] = places[i];
    return { x: cx - REACH, y: cy - REACH, w: 2 * REACH, h: 2 * REACH, round: true, text: `${dayLabel(p.date, thisYear)}: ${describe(p.pleasantness, p.energy)}` };
  });

  const sum = total.count || 1;
  const byQ = new Map(quadrants);
  const table = h('table', { class: 'data-table map-table' },
    h('caption', { class: 'visually-hidden', text: 'Entries by mood' }),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', text: 'Mood' }),
      h('th', { scope: 'col', text: 'Entries' }),
      h('th', { scope: 'col', text: 'Share' }))),
    h('tbody', null, QUADRANTS.map((q) => {
      const n = byQ.get(q) ?? 0;
      return h('tr', { dataset: { quadrant: q } },
        h('th', { scope: 'row' },
          h('span', { class: 'map-row-name' }, shapeEl(q), h('span', { text: QUADRANT_NAMES[q] })),
          h('span', { class: 'map-row-hint', text: QUADRANT_HINTS[q] })),
        h('td', { class: 'num', text: String(n) }),
        h('td', { class: 'num', text: total.count ? `${Math.round((n / sum) * 100)}%` : '–' }));
    })));

  return h('figure', { id: 'chart-map', class: 'chart-figure map-layout' },
    h('div', { class: 'map-plot' }, svg),
    h('div', { class: 'map-side' },
      table,
      total.count
        ? h('p', { class: 'hint map-mean' }, `On average: ${meanWords(total)}`,
          num(` (pleasantness ${signed(total.pleasantness)}, energy ${signed(total.energy)})`), '.')
        : null));
}
