// @ts-check
/**
 * @file Mood over time: one point per day, week or month with entries (its mean pleasantness,
 * larger when there were more entries) and the smoothed line through them. Stretches without
 * entries are left as gaps. The y axis is labelled in words; a table says the same in text.
 */

import { h, lazyTableDetails } from '../dom.js';
import { s, r2 } from './svg.js';
import { linear, timeTicks, bucketCentre, segments } from './layout.js';
import { dayNumber, dayLabel, dayText, shortDate, parts } from './days.js';
import { describePleasantness } from '../mood.js';
import { entries, signed, cap } from '../trends-model.js';

/** @typedef {{start: string, count: number, pleasantness: number, energy: number, smoothed: number}} TimePoint */
/** @typedef {'day'|'week'|'month'} Bucket */

const W = 680;
const H = 220;
const M = { left: 88, right: 14, top: 14, bottom: 30 };

/**
 * The name of a bucket: "Tue 3 March", "Week of 3 March", "March 2026".
 * @param {string} start
 * @param {Bucket} bucket
 * @param {number} thisYear
 */
function bucketName(start, bucket, thisYear) {
  if (bucket === 'day') return dayLabel(start, thisYear);
  if (bucket === 'week') return `Week of ${shortDate(start, parts(start).year !== thisYear)}`;
  return dayText(start, { month: 'long', year: 'numeric' });
}

/**
 * @param {{from: string, to: string, bucket: Bucket, points: TimePoint[], thisYear: number}} o
 */
export function overTimeChart({ from, to, bucket, points, thisYear }) {
  const x = linear([dayNumber(from), dayNumber(to) + 1], [M.left, W - M.right]);
  const y = linear([-1, 1], [H - M.bottom, M.top]);
  const unit = { day: 'day', week: 'week', month: 'month' }[bucket] ?? 'week';

  const grid = [-1, -0.5, 0, 0.5, 1].map((v) => s('line', {
    class: v === 0 ? 'axis-zero' : 'grid-line', x1: M.left, x2: W - M.right, y1: r2(y(v)), y2: r2(y(v)),
  }));
  const yLabels = /** @type {const} */ ([[1, 'pleasant'], [0, 'neutral'], [-1, 'unpleasant']]).map(([v, t]) => s('text', {
    class: 'axis-label', x: M.left - 10, y: r2(y(v)), 'text-anchor': 'end', 'dominant-baseline': 'middle', text: t,
  }));
  const ticks = timeTicks(from, to).map((t) => {
    const tx = r2(x(dayNumber(t.day) + (bucket === 'day' || to === from ? 0.5 : 0)));
    return s('g', { class: 'tick' },
      s('line', { class: 'tick-line', x1: tx, x2: tx, y1: H - M.bottom, y2: H - M.bottom + 4 }),
      s('text', { class: 'axis-label', x: tx, y: H - M.bottom + 18, 'text-anchor': 'middle', text: t.label }));
  });

  const at = (/** @type {TimePoint} */ p) => x(bucketCentre(p.start, bucket, from, to));
  const lines = segments(points, bucket)
    .filter((run) => run.length > 1)
    .map((run) => s('path', {
      class: 'ot-line',
      d: run.map((p, i) => `${i ? 'L' : 'M'}${r2(at(p))} ${r2(y(p.smoothed))}`).join(''),
    }));
  const dots = points.map((p) => s('circle', {
    class: 'ot-point', cx: r2(at(p)), cy: r2(y(p.pleasantness)), r: r2(Math.min(7, 2.6 + Math.sqrt(p.count) * 1.1)),
    'data-start': p.start, 'data-count': p.count,
  }, s('title', { text: `${bucketName(p.start, bucket, thisYear)}: ${entries(p.count)}, on average ${describePleasantness(p.pleasantness)} (${signed(p.pleasantness)})` })));

  const first = points[0];
  const last = points[points.length - 1];
  const summary = points.length === 0
    ? 'Mood over time: no entries in this period.'
    : `Mood over time, one point per ${unit} with entries, ${points.length} in all. `
      + `The smoothed line goes from ${describePleasantness(first.smoothed)} (${signed(first.smoothed)}) `
      + `to ${describePleasantness(last.smoothed)} (${signed(last.smoothed)}). Gaps are stretches without entries.`;

  const svg = s('svg', {
    class: 'chart chart-over-time', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': summary,
    preserveAspectRatio: 'xMidYMid meet', focusable: 'false',
  }, grid, yLabels, ticks, lines, dots);

  const legend = h('p', { class: 'chart-key', 'aria-hidden': 'true' },
    h('span', { class: 'key-item' }, h('span', { class: 'key-dot' }), `mean of each ${unit}, larger with more entries`),
    h('span', { class: 'key-item' }, h('span', { class: 'key-line' }), 'smoothed'));

  const table = () => h('table', { class: 'data-table' },
    h('caption', { class: 'visually-hidden', text: `Mood by ${unit}` }),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', text: cap(unit) }),
      h('th', { scope: 'col', text: 'Entries' }),
      h('th', { scope: 'col', text: 'Mood on average' }),
      h('th', { scope: 'col', text: 'Smoothed' }))),
    h('tbody', null, points.map((p) => h('tr', null,
      h('th', { scope: 'row', text: bucketName(p.start, bucket, thisYear) }),
      h('td', { class: 'num', text: String(p.count) }),
      h('td', { text: `${describePleasantness(p.pleasantness)} (${signed(p.pleasantness)})` }),
      h('td', { class: 'num', text: signed(p.smoothed) })))));

  return h('figure', { id: 'chart-over-time', class: 'chart-figure' },
    svg,
    legend,
    lazyTableDetails(table));
}
