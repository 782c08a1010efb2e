// @ts-check
/**
 * @file Pure helpers for dates, text and recovery-key reading. No DOM, no api. Dates and times are
 * written the way the computer's own language and region write them (Intl, with no locale
 * named); every date helper takes an optional last `locale` so tests can pin one.
 */

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/**
 * A date formatter for the computer's language and region (or `locale`), made once and kept:
 * making one costs far more than using it, and the journal writes many dates.
 * @param {Intl.DateTimeFormatOptions} options
 * @param {string} [locale] left out: the computer's own
 */
export function dateFormat(options, locale) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/** The heading of a day that can't be read. */
const UNKNOWN_DAY = 'Date not known';

/**
 * A local calendar day as "YYYY-MM-DD".
 * @param {Date} d
 */
function dayKey(d) {
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${m}-${day}`;
}

/**
 * A day heading with the weekday, day and month written out ("Saturday 28 November" in
 * British English, "Samstag, 28. November" in German), with the year when it isn't this year.
 * @param {Date} d
 * @param {Date} [now]
 * @param {string} [locale] left out: the computer's own
 */
export function dayHeading(d, now = new Date(), locale = undefined) {
  // Intl throws on an invalid date, where a heading should just say so.
  if (Number.isNaN(d.getTime())) return UNKNOWN_DAY;
  /** @type {Intl.DateTimeFormatOptions} */
  const options = d.getFullYear() === now.getFullYear()
    ? { weekday: 'long', day: 'numeric', month: 'long' }
    : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  return dateFormat(options, locale).format(d);
}

/**
 * Local time of day, hours and minutes, on the 24-hour clock or with AM/PM as the locale
 * says ("07:03" in British English, "7:03 AM" in American English).
 * @param {Date} d
 * @param {string} [locale] left out: the computer's own
 */
export function timeOf(d, locale = undefined) {
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat({ timeStyle: 'short' }, locale).format(d);
}

/**
 * Groups items (already newest first) under their local day.
 * @template {{at: string}} T
 * @param {T[]} items
 * @param {Date} [now]
 * @param {string} [locale] for the headings; left out: the computer's own
 * @returns {{key: string, heading: string, items: T[]}[]}
 */
export function groupByDay(items, now = new Date(), locale = undefined) {
  /** @type {{key: string, heading: string, items: T[]}[]} */
  const groups = [];
  /** @type {Map<string, {key: string, heading: string, items: T[]}>} */
  const byKey = new Map();
  for (const item of items) {
    const d = new Date(item.at);
    const key = Number.isNaN(d.getTime()) ? 'unknown' : dayKey(d);
    let g = byKey.get(key);
    if (!g) {
      g = { key, heading: key === 'unknown' ? UNKNOWN_DAY : dayHeading(d, now, locale), items: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.items.push(item);
  }
  return groups;
}

/**
 * The first non-empty line of a text, shortened with an ellipsis if needed.
 * @param {string} text
 * @param {number} [max]
 */
export function firstLine(text, max = 110) {
  const line = (text || '').split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) || '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Reads look-alike characters the way recovery keys do (case, O/0, I/L/1).
 * @param {string} s
 */
function normaliseKeyChars(s) {
  return (s || '')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/**
 * The groups of a recovery key ("ABCD-EFGH-..." -> ["ABCD", "EFGH", ...]).
 * @param {string} key
 */
export function keyGroups(key) {
  return (key || '').split(/[\s-]+/).filter(Boolean);
}

/**
 * Whether `typed` is the last group of four characters of `key` (case and look-alikes ignored).
 * @param {string} key
 * @param {string} typed
 */
export function matchesLastGroup(key, typed) {
  const groups = keyGroups(key);
  const last = groups[groups.length - 1];
  if (!last) return false;
  const t = normaliseKeyChars(typed);
  return t.length === last.length && t === normaliseKeyChars(last);
}

/**
 * "1 record" / "3 records".
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
