// @ts-check
/**
 * @file Pure helpers for dates, text and passphrase hints. No DOM, no api.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

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
 * A day heading such as "Saturday 28 November" (the year is added when it isn't this year).
 * @param {Date} d
 * @param {Date} [now]
 */
export function dayHeading(d, now = new Date()) {
  const base = `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return d.getFullYear() === now.getFullYear() ? base : `${base} ${d.getFullYear()}`;
}

/**
 * Local time of day as HH:MM (24-hour, no locale surprises).
 * @param {Date} d
 */
export function timeOf(d) {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Groups items (already newest first) under their local day.
 * @template {{at: string}} T
 * @param {T[]} items
 * @param {Date} [now]
 * @returns {{key: string, heading: string, items: T[]}[]}
 */
export function groupByDay(items, now = new Date()) {
  /** @type {{key: string, heading: string, items: T[]}[]} */
  const groups = [];
  /** @type {Map<string, {key: string, heading: string, items: T[]}>} */
  const byKey = new Map();
  for (const item of items) {
    const d = new Date(item.at);
    const key = Number.isNaN(d.getTime()) ? 'unknown' : dayKey(d);
    let g = byKey.get(key);
    if (!g) {
      g = { key, heading: key === 'unknown' ? 'Date not known' : dayHeading(d, now), items: [] };
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
 * A gentle hint about a new passphrase. Length and variety only; no rules that block.
 * @param {string} pass
 * @returns {{level: 'empty'|'short'|'okay'|'strong', text: string}}
 */
export function passphraseHint(pass) {
  const p = pass || '';
  if (p.length === 0) {
    return {
      level: 'empty',
      text: 'A few unrelated words, like a short odd sentence, are easy to remember and hard to guess.',
    };
  }
  const words = p.trim().split(/[\s\-_.,]+/).filter((w) => w.length >= 2).length;
  let kinds = 0;
  if (/[a-z]/.test(p)) kinds += 1;
  if (/[A-Z]/.test(p)) kinds += 1;
  if (/[0-9]/.test(p)) kinds += 1;
  if (/[^A-Za-z0-9]/.test(p)) kinds += 1;
  const unique = new Set(p).size;
  // Rough: long phrases of several words are strong; short strings need variety.
  const strong = (p.length >= 20 && words >= 3) || (p.length >= 16 && kinds >= 3 && unique >= 10);
  const okay = strong || p.length >= 12 || (p.length >= 10 && kinds >= 3);
  if (strong) {
    return { level: 'strong', text: "That looks strong. Make sure it's one you'll remember." };
  }
  if (okay) {
    return { level: 'okay', text: 'Getting there. Another word or two would make it much harder to guess.' };
  }
  return {
    level: 'short',
    text: "That's quite short, so it could be guessed. A few more words would help, like a short odd sentence.",
  };
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
