// @ts-check
/**
 * @file Pure layout for the Trends charts: scales, calendar grids, time ticks and the gaps in
 * the mood-over-time line. Numbers in, numbers out; no DOM, no api.
 */

import {
  daysBetween, dayNumber, dayOf, parts, weekStart, dayText,
} from './days.js';

/**
 * A straight-line scale from a domain to a range.
 * @param {[number, number]} domain
 * @param {[number, number]} range
 * @returns {(v: number) => number}
 */
export function linear(domain, range) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** @typedef {'strip'|'rows'|'columns'} CalendarMode */

/**
 * Which calendar suits a period: one row for a week or less, a month-style grid (weeks as
 * rows) up to about two months, and weeks as columns (days as rows) for longer periods.
 * @param {string} from
 * @param {string} to
 * @returns {CalendarMode}
 */
function calendarMode(from, to) {
  const days = daysBetween(from, to) + 1;
  if (days <= 7) return 'strip';
  if (days <= 62) return 'rows';
  return 'columns';
}

/**
 * @typedef {{date: string, col: number, row: number}} CalendarCell
 * @typedef {{at: number, label: string, year: number|null}} CalendarMark
 * @typedef {{mode: CalendarMode, cols: number, rows: number, cells: CalendarCell[], months: CalendarMark[]}} CalendarLayout
 */

/**
 * Places every day from `from` to `to` (inclusive) on a grid. Weeks start on Monday and run on
 * without a break across months and years.
 * - `columns`: one column per week, Monday to Sunday down the rows; month names over the
 *   column that holds the 1st (the partial first month's name is dropped when it would crowd
 *   the next one).
 * - `rows`: one row per week, Monday to Sunday across; month names beside the row with the 1st.
 * - `strip`: one row, one column per day.
 * Month names are short, in the computer's own language.
 * @param {string} from
 * @param {string} to
 * @param {CalendarMode} [mode]
 * @param {string} [locale] for the month names; left out: the computer's own
 * @returns {CalendarLayout}
 */
export function calendarLayout(from, to, mode = calendarMode(from, to), locale = undefined) {
  const total = Math.max(0, daysBetween(from, to) + 1);
  const start = weekStart(from);
  /** @type {CalendarCell[]} */
  const cells = [];
  /** @type {{at: number, label: string, year: number, month: number}[]} */
  const months = [];
  // Counted on day numbers, one date computation a day: twenty years are over 7,000 days.
  const first = dayNumber(from);
  const monday = dayNumber(start);
  for (let i = 0; i < total; i += 1) {
    const p = dayOf(first + i);
    const { date } = p;
    const week = Math.floor((first + i - monday) / 7);
    let cell;
    if (mode === 'columns') cell = { date, col: week, row: p.weekday };
    else if (mode === 'rows') cell = { date, col: p.weekday, row: week };
    else cell = { date, col: i, row: 0 };
    cells.push(cell);
    if (i === 0 || p.day === 1) {
      const at = mode === 'rows' ? cell.row : cell.col;
      const prev = months[months.length - 1];
      const label = dayText(date, { month: 'short' }, locale);
      if (prev && mode === 'columns' && at - prev.at < 3) months.pop();
      if (prev && mode === 'rows' && at === prev.at) months.pop();
      months.push({ at, label, year: p.year, month: p.month });
    }
  }
  // The year is marked at the first month shown and at each January.
  /** @type {CalendarMark[]} */
  const marks = months.map((m, i) => ({ at: m.at, label: m.label, year: i === 0 || m.month === 1 ? m.year : null }));
  const last = cells[cells.length - 1];
  const cols = mode === 'rows' ? 7 : last ? last.col + 1 : 0;
  const rows = mode === 'columns' ? 7 : mode === 'rows' ? (last ? last.row + 1 : 0) : total > 0 ? 1 : 0;
  return { mode, cols, rows, cells, months: marks };
}

/**
 * Labels for the time axis: days for a week, Mondays up to two months, month starts up to a
 * bit over a year, then quarters, then years. Written in the computer's own language.
 * @param {string} from
 * @param {string} to
 * @param {string} [locale] left out: the computer's own
 * @returns {{day: string, label: string}[]}
 */
export function timeTicks(from, to, locale = undefined) {
  const span = daysBetween(from, to) + 1;
  /** @type {{day: string, label: string}[]} */
  const out = [];
  if (span <= 0) return out;
  /** @type {(day: string, options: Intl.DateTimeFormatOptions) => string} */
  const text = (day, options) => dayText(day, options, locale);
  const first = dayNumber(from);
  for (let i = 0; i < span; i += 1) {
    const p = dayOf(first + i);
    const day = p.date;
    if (span <= 10) {
      out.push({ day, label: text(day, { weekday: 'short', day: 'numeric' }) });
    } else if (span <= 62) {
      if (p.weekday === 0) out.push({ day, label: text(day, { day: 'numeric', month: 'short' }) });
    } else if (p.day === 1) {
      if (span <= 400) out.push({ day, label: text(day, p.month === 1 ? { month: 'short', year: 'numeric' } : { month: 'short' }) });
      else if (span <= 4 * 366 && (p.month - 1) % 3 === 0) out.push({ day, label: text(day, p.month === 1 ? { year: 'numeric' } : { month: 'short' }) });
      else if (p.month === 1) out.push({ day, label: text(day, { year: 'numeric' }) });
    }
  }
  return out;
}

/** @typedef {'day'|'week'|'month'} Bucket */

/**
 * How many days a bucket starting on `start` covers.
 * @param {string} start
 * @param {Bucket} bucket
 */
function bucketDays(start, bucket) {
  if (bucket === 'day') return 1;
  if (bucket === 'week') return 7;
  const p = parts(start);
  const next = p.month === 12 ? `${p.year + 1}-01-01` : `${p.year}-${String(p.month + 1).padStart(2, '0')}-01`;
  return daysBetween(`${p.year}-${String(p.month).padStart(2, '0')}-01`, next);
}

/**
 * Where a bucket's point sits on the day line: the middle of the part of the bucket that lies
 * inside the period (a week that began before `from` is centred on the days shown).
 * @param {string} start
 * @param {Bucket} bucket
 * @param {string} from
 * @param {string} to
 */
export function bucketCentre(start, bucket, from, to) {
  const a = Math.max(dayNumber(start), dayNumber(from));
  const b = Math.min(dayNumber(start) + bucketDays(start, bucket), dayNumber(to) + 1);
  return (a + Math.max(a, b)) / 2;
}

/** Longest quiet stretch the smoothed line bridges, in days, for each bucket size. */
const BRIDGE_DAYS = { day: 7, week: 21, month: 62 };

/**
 * Splits time-ordered points into runs for the smoothed line: a run ends where the next point
 * starts more than BRIDGE_DAYS later, so long stretches without entries show as a gap rather
 * than an invented line.
 * @template {{start: string}} T
 * @param {T[]} points in time order
 * @param {Bucket} bucket
 * @returns {T[][]}
 */
export function segments(points, bucket) {
  const limit = BRIDGE_DAYS[bucket] ?? 7;
  /** @type {T[][]} */
  const runs = [];
  /** @type {T|null} */
  let prev = null;
  for (const p of points) {
    if (!prev || daysBetween(prev.start, p.start) > limit) runs.push([]);
    runs[runs.length - 1].push(p);
    prev = p;
  }
  return runs;
}
