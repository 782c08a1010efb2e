// @ts-check
/**
 * @file Pure arithmetic and wording for calendar days written as "YYYY-MM-DD". Days are
 * counted on a plain day line (no clock, no time zone), so daylight-saving changes and leap
 * years never shift a day. Names of days and months are the computer's own language's (Intl);
 * every wording helper takes an optional last `locale` so tests can pin one. No DOM, no api.
 */

import { dateFormat } from '../format.js';

const MS_PER_DAY = 86_400_000;

/** A Monday (1 January 2024), for naming the days of the week. */
const A_MONDAY = '2024-01-01';

/**
 * The parts of a day string.
 * @param {string} day "YYYY-MM-DD"
 * @returns {{year: number, month: number, day: number}} month is 1..12
 */
export function parts(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Days since 1970-01-01 (a plain count, the same everywhere).
 * @param {string} day
 */
export function dayNumber(day) {
  const p = parts(day);
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY);
}

/**
 * A day number's day string and parts, from one date computation (for long runs of days).
 * @param {number} n days since 1970-01-01
 * @returns {{date: string, year: number, month: number, day: number, weekday: number}} month is
 *   1..12; weekday is Monday = 0 ... Sunday = 6
 */
export function dayOf(n) {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const date = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return { date, year, month, day, weekday: (((n + 3) % 7) + 7) % 7 };
}

/**
 * The day string of a day number.
 * @param {number} n
 */
function fromNumber(n) {
  return dayOf(n).date;
}

/**
 * @param {string} day
 * @param {number} n may be negative
 */
export function addDays(day, n) {
  return fromNumber(dayNumber(day) + n);
}

/**
 * Whole days from `a` to `b` (positive when b is later).
 * @param {string} a
 * @param {string} b
 */
export function daysBetween(a, b) {
  return dayNumber(b) - dayNumber(a);
}

/**
 * Day of the week, Monday = 0 ... Sunday = 6 (weeks start on Monday, like ISO weeks).
 * @param {string} day
 */
export function weekday(day) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return (((dayNumber(day) + 3) % 7) + 7) % 7;
}

/**
 * The Monday on or before a day.
 * @param {string} day
 */
export function weekStart(day) {
  return addDays(day, -weekday(day));
}

/**
 * Today (or any moment) as a local day string.
 * @param {Date} [d]
 */
export function localDay(d = new Date()) {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${dd}`;
}

/**
 * A day written by the locale with the parts `options` asks for. The day is read as midnight
 * UTC and written in UTC, so no time zone can move it to the day before or after.
 * @param {string} day
 * @param {Intl.DateTimeFormatOptions} options
 * @param {string} [locale] left out: the computer's own
 */
export function dayText(day, options, locale = undefined) {
  const p = parts(day);
  const at = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return dateFormat({ ...options, timeZone: 'UTC' }, locale).format(at);
}

/**
 * The short names of the days of the week, Monday first ("Mon" ... "Sun" in English).
 * @param {string} [locale] left out: the computer's own
 */
export function weekdayNames(locale = undefined) {
  return Array.from({ length: 7 }, (_, i) => dayText(addDays(A_MONDAY, i), { weekday: 'short' }, locale));
}

/**
 * The day with its short weekday and month written out ("Tue 3 March" in British English),
 * with the year added when it isn't `thisYear`.
 * @param {string} day
 * @param {number} [thisYear]
 * @param {string} [locale] left out: the computer's own
 */
export function dayLabel(day, thisYear, locale = undefined) {
  const withYear = thisYear !== undefined && parts(day).year !== thisYear;
  return dayText(day, withYear
    ? { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }
    : { weekday: 'short', day: 'numeric', month: 'long' }, locale);
}

/**
 * The day and month ("3 March" in British English), with the year when `withYear`.
 * @param {string} day
 * @param {boolean} [withYear]
 * @param {string} [locale] left out: the computer's own
 */
export function shortDate(day, withYear = false, locale = undefined) {
  return dayText(day, withYear
    ? { day: 'numeric', month: 'long', year: 'numeric' }
    : { day: 'numeric', month: 'long' }, locale);
}

/**
 * A period in words: "1 March to 30 March", "30 November 2025 to 28 November 2026", or one day.
 * Years are shown when the period crosses a year or isn't in `thisYear`.
 * @param {string} from
 * @param {string} to
 * @param {number} [thisYear]
 * @param {string} [locale] for the dates; left out: the computer's own
 */
export function rangeText(from, to, thisYear, locale = undefined) {
  const a = parts(from);
  const b = parts(to);
  const years = a.year !== b.year || (thisYear !== undefined && b.year !== thisYear);
  if (from === to) return shortDate(from, years, locale);
  return `${shortDate(from, years, locale)} to ${shortDate(to, years, locale)}`;
}
