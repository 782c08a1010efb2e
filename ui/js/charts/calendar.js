// @ts-check
/**
 * @file The calendar of a period, coloured by each day's main quadrant with its shape on top.
 * Long periods run as one strip of weeks (columns) and weekdays (rows), across month and year
 * ends without a break; shorter ones look like a wall calendar. Days without entries are a
 * faint neutral, nothing more. A day whose entries have no mood recorded (imported ones) is
 * still a day with entries: a plain cell with a dashed outline, no colour and no shape. A
 * table lists the days with entries. Very long periods (years of days) draw their cells as one
 * path per colour and year instead of an element per day, and find the day under the pointer
 * by its place in the grid: thousands of elements are what make a long calendar slow to show.
 * Their latest years are drawn at once and the earlier ones just after the chart shows.
 */

import { h, lazyTableDetails } from '../dom.js';
import { s, glyph, mergedGlyphs, lazyTitles, pointerTitles } from './svg.js';
import { calendarLayout } from './layout.js';
import { parts, dayLabel, dayText, weekday, weekdayNames } from './days.js';
import { QUADRANTS, QUADRANT_NAMES } from '../mood.js';
import { dayTitle, dayMoodText, entries, listText, nonZero } from '../trends-model.js';
import { shapeEl } from '../components/mood-pad.js';

/** @typedef {import('../mood.js').Quadrant} Quadrant */
/**
 * `main` is null when none of the day's entries has a mood; `noMood` counts those without one.
 * @typedef {{date: string, count: number, noMood?: number, quadrants: Quadrant[], main: Quadrant|null}} DayCell
 */

/** Widest the year grid gets before it scrolls sideways instead of shrinking. */
const FIT_COLUMNS = 56;

/** The strip of weeks: cell size, distance between cells, and room for the day and month names. */
const STRIP = { size: 10, step: 12, left: 30, top: 32 };

/** Longer than this many days, the cells are drawn as one path per colour (about 2.7 years). */
export const DENSE_DAYS = 1000;

/** Weeks in one block of a dense calendar's paths (a year). */
export const DENSE_BLOCK = 52;

/** Blocks drawn at once (the latest, in view); the earlier ones follow once it shows. */
const DENSE_NOW = 2;

/** Frames a dense calendar waits to be put on the page before it stops drawing its earlier years. */
const WAIT_FRAMES = 120;

/**
 * The column (week) and row (weekday) of the strip's cell under a point in the chart's own
 * units, or null in the margins and the gaps between cells. Pure.
 * @param {number} x @param {number} y
 */
export function stripCellAt(x, y) {
  const { size, step, left, top } = STRIP;
  const col = Math.floor((x - left) / step);
  const row = Math.floor((y - top) / step);
  if (col < 0 || row < 0 || row > 6) return null;
  if (x - left - col * step > size || y - top - row * step > size) return null;
  return { col, row, x: left + col * step, y: top + row * step, size };
}

/** The outline of a cell after its first corner, kept to be joined after each cell's start. */
const cellShapes = new Map();

/**
 * A small cell with rounded corners as path data, so many can share one path. Only the start
 * is absolute; the rest is the same for every cell of a size, made once. Pure.
 * @param {number} x @param {number} y @param {number} size @param {number} r corner radius
 */
export function cellPath(x, y, size, r) {
  const key = `${size} ${r}`;
  let rest = cellShapes.get(key);
  if (!rest) {
    const side = size - 2 * r;
    const arc = (/** @type {number} */ dx, /** @type {number} */ dy) => `a${r} ${r} 0 0 1 ${dx} ${dy}`;
    rest = `h${side}${arc(r, r)}v${side}${arc(-r, r)}h${-side}${arc(-r, -r)}v${-side}${arc(r, -r)}z`;
    cellShapes.set(key, rest);
  }
  return `M${x + r} ${y}${rest}`;
}

/**
 * @param {{from: string, to: string, days: DayCell[], thisYear: number}} o
 */
export function calendarChart({ from, to, days, thisYear }) {
  const layout = calendarLayout(from, to);
  // Short weekday names in the computer's own language, Monday first.
  const weekdays = weekdayNames();
  /** @type {Map<string, DayCell>} */
  const byDate = new Map(days.map((d) => [d.date, d]));

  /** @type {SVGElement[]} */
  const marks = [];
  let width;
  let height;
  /** @type {(c: {col: number, row: number}) => {x: number, y: number, w: number, h: number}} */
  let box;

  if (layout.mode === 'columns') {
    const { size, step, left, top } = STRIP;
    width = left + layout.cols * step;
    height = top + 7 * step;
    box = (c) => ({ x: left + c.col * step, y: top + c.row * step, w: size, h: size });
    for (const m of layout.months) {
      if (m.year !== null) marks.push(s('text', { class: 'axis-label cal-year', x: left + m.at * step, y: 11, text: dayText(`${m.year}-01-01`, { year: 'numeric' }) }));
      marks.push(s('text', { class: 'axis-label cal-month', x: left + m.at * step, y: 25, text: m.label }));
    }
    for (const row of [0, 2, 4]) {
      marks.push(s('text', {
        class: 'axis-label cal-weekday', x: left - 6, y: top + row * step + size / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', text: weekdays[row],
      }));
    }
  } else {
    const cols = layout.mode === 'strip' ? Math.max(layout.cols, 1) : 7;
    const gap = 6;
    const w = Math.min(92, (680 - gap * (cols - 1)) / cols);
    const hh = layout.mode === 'strip' ? 64 : 48;
    const top = 22;
    width = cols * w + gap * (cols - 1);
    height = top + layout.rows * (hh + gap) - gap;
    box = (c) => ({ x: c.col * (w + gap), y: top + c.row * (hh + gap), w, h: hh });
    if (layout.mode === 'rows') {
      weekdays.forEach((d, i) => marks.push(s('text', {
        class: 'axis-label cal-weekday', x: i * (w + gap) + w / 2, y: 12, 'text-anchor': 'middle', text: d,
      })));
    } else {
      layout.cells.forEach((c) => marks.push(s('text', {
        class: 'axis-label cal-weekday', x: c.col * (w + gap) + w / 2, y: 12, 'text-anchor': 'middle',
        text: weekdays[weekday(c.date)],
      })));
    }
  }

  const big = layout.mode !== 'columns';
  const dense = !big && layout.cells.length > DENSE_DAYS;
  /** Small cells' shapes, drawn together as a few merged paths after the cells. */
  /** @type {{quadrant: string, x: number, y: number}[]} */
  const small = [];
  /**
   * Dense cells, in blocks of a year's weeks: where each cell goes, its colour (the main
   * quadrant; 'none': entries without a mood; '': no entries) and its shape's quadrant.
   * @type {{x: number, y: number, size: number, key: string, quadrant: string|null}[][]}
   */
  const blocks = [];
  const cells = layout.cells.map((c, i) => {
    const b = box(c);
    const day = byDate.get(c.date);
    if (dense) {
      const at = Math.floor(c.col / DENSE_BLOCK);
      (blocks[at] ??= []).push({ x: b.x, y: b.y, size: b.w, key: day ? day.main ?? 'none' : '', quadrant: day?.main ?? null });
      return null;
    }
    if (!big) {
      // Long periods: one bare rect per day (no group, shape or title of its own).
      if (!day) return s('rect', { class: 'cal-cell cal-empty', x: b.x, y: b.y, width: b.w, height: b.h, rx: 2 });
      if (day.main) small.push({ quadrant: day.main, x: b.x + b.w / 2, y: b.y + b.h / 2 });
      return s('rect', {
        class: 'cal-cell has-entries', x: b.x, y: b.y, width: b.w, height: b.h, rx: 2,
        'data-date': day.date, 'data-quadrant': day.main ?? 'none', 'data-count': day.count,
      });
    }
    const p = parts(c.date);
    /** @type {SVGElement[]} */
    const extra = [];
    const first = i === 0 || p.day === 1;
    extra.push(s('text', {
      class: 'cal-daynum', x: b.x + 6, y: b.y + 15, text: dayText(c.date, first ? { day: 'numeric', month: 'short' } : { day: 'numeric' }),
    }));
    if (!day) {
      return s('g', { class: 'cal-day' }, s('rect', { class: 'cal-cell cal-empty', x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }), extra);
    }
    const rect = s('rect', {
      class: 'cal-cell', x: b.x, y: b.y, width: b.w, height: b.h, rx: 8,
      'data-date': day.date, 'data-quadrant': day.main ?? 'none', 'data-count': day.count,
    });
    const g = day.main ? glyph(day.main, b.x + b.w / 2, b.y + b.h / 2 + 6, 16, 'cal-glyph') : null;
    if (day.count > 1) {
      extra.push(s('text', { class: 'cal-count', x: b.x + b.w - 6, y: b.y + 15, 'text-anchor': 'end', text: `×${day.count}` }));
    }
    return s('g', { class: `cal-day has-entries q-${day.main ?? 'none'}` }, rect, g, extra);
  });
  // One group per block; the latest (in view once scrolled to the end) are drawn now, the
  // earlier ones one at a time once the chart is on screen.
  const denseCells = blocks.map(() => s('g', { class: 'cal-block' }));
  /** @param {number} at */
  const drawBlock = (at) => {
    /** @type {Map<string, string[]>} */
    const paths = new Map();
    /** @type {{quadrant: string, x: number, y: number}[]} */
    const shapes = [];
    for (const c of blocks[at]) {
      let list = paths.get(c.key);
      if (!list) { list = []; paths.set(c.key, list); }
      list.push(cellPath(c.x, c.y, c.size, 2));
      if (c.quadrant) shapes.push({ quadrant: c.quadrant, x: c.x + c.size / 2, y: c.y + c.size / 2 });
    }
    for (const [key, list] of paths) {
      denseCells[at].appendChild(s('path', key
        ? { class: 'cal-cell has-entries', 'data-quadrant': key, d: list.join('') }
        : { class: 'cal-cell cal-empty', d: list.join('') }));
    }
    for (const g of mergedGlyphs(shapes, 7, 'cal-glyph')) denseCells[at].appendChild(g);
  };
  const smallGlyphs = mergedGlyphs(small, 7, 'cal-glyph');

  // A summary for screen readers.
  /** @type {Record<string, number>} */
  const mains = {};
  for (const d of days) if (d.main) mains[d.main] = (mains[d.main] ?? 0) + 1;
  const byMain = nonZero(/** @type {[Quadrant, number][]} */ (QUADRANTS.map((q) => [q, mains[q] ?? 0])));
  const totalEntries = days.reduce((n, d) => n + d.count, 0);
  const moodless = days.filter((d) => !d.main).length;
  const summary = days.length === 0
    ? 'Calendar: no entries in this period.'
    : `Calendar: ${entries(totalEntries)} on ${days.length === 1 ? '1 day' : `${days.length} days`}. `
      + (byMain.length ? `Days by their main mood: ${listText(byMain.map(([q, n]) => `${QUADRANT_NAMES[q]} ${n}`))}. ` : '')
      + (moodless ? `${moodless === 1 ? '1 day' : `${moodless} days`} with no mood recorded. ` : '')
      + 'Other days are blank.';

  const fits = layout.mode !== 'columns' || layout.cols <= FIT_COLUMNS;
  const svg = s('svg', {
    class: `chart chart-calendar cal-${layout.mode}`, viewBox: `0 0 ${width} ${height}`,
    width: fits ? '100%' : width, height: fits ? null : height,
    role: 'img', 'aria-label': summary, focusable: 'false', 'data-days': days.length,
  }, marks, cells, denseCells, smallGlyphs);
  if (dense) {
    let next = blocks.length - 1;
    for (; next >= Math.max(0, blocks.length - DENSE_NOW); next -= 1) drawBlock(next);
    // Waits (a frame at a time, for a while) until the chart is on the page, and stops once it
    // has gone from it (another period was chosen).
    let shown = false;
    let waits = 0;
    const later = () => {
      if (next < 0) return;
      if (!svg.isConnected) {
        if (!shown && waits++ < WAIT_FRAMES) requestAnimationFrame(() => setTimeout(later, 0));
        return;
      }
      shown = true;
      drawBlock(next);
      next -= 1;
      setTimeout(later, 0);
    };
    requestAnimationFrame(() => setTimeout(later, 0));
    // Each day's details follow the pointer: the day is found by its column and row.
    /** @type {(string|undefined)[]} */
    const grid = [];
    for (const c of layout.cells) grid[c.col * 7 + c.row] = c.date;
    pointerTitles(svg, (px, py) => {
      const at = stripCellAt(px, py);
      const day = at && byDate.get(grid[at.col * 7 + at.row] ?? '');
      return at && day ? { x: at.x, y: at.y, w: at.size, h: at.size, text: dayTitle(day, thisYear) } : null;
    });
  } else {
    // Each day's details as a hover title, made when the pointer first rests on the day.
    lazyTitles(svg, (el) => {
      const day = byDate.get(el.getAttribute('data-date') ?? '');
      return day ? dayTitle(day, thisYear) : null;
    });
  }

  const scroller = fits
    ? h('div', { class: 'cal-wrap' }, svg)
    : h('div', { class: 'cal-wrap cal-scroll', tabindex: '0', role: 'group', 'aria-label': 'Calendar, scrolls sideways' }, svg);

  const legend = h('ul', { class: 'chart-legend', 'aria-hidden': 'true' },
    QUADRANTS.map((q) => h('li', { class: 'legend-item' }, shapeEl(q), QUADRANT_NAMES[q])),
    moodless ? h('li', { class: 'legend-item' }, h('span', { class: 'legend-no-mood' }), 'no mood recorded') : null,
    h('li', { class: 'legend-item' }, h('span', { class: 'legend-blank' }), 'no entries'));

  const table = () => h('table', { class: 'data-table' },
    h('caption', { class: 'visually-hidden', text: 'Days with entries' }),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', text: 'Day' }),
      h('th', { scope: 'col', text: 'Entries' }),
      h('th', { scope: 'col', text: 'Moods' }))),
    h('tbody', null, days.map((d) => h('tr', null,
      h('th', { scope: 'row', text: dayLabel(d.date, thisYear) }),
      h('td', { class: 'num', text: String(d.count) }),
      h('td', { text: dayMoodText(d).replace(/^\d+ entr(y|ies), /, '') })))));

  return h('figure', { id: 'chart-calendar', class: 'chart-figure', dataset: { mode: layout.mode } },
    scroller,
    fits ? null : h('p', { class: 'hint cal-scroll-hint', 'aria-hidden': 'true', text: 'The latest weeks are shown; scroll sideways for earlier ones.' }),
    legend,
    lazyTableDetails(table));
}
