// @ts-check
/**
 * @file Pure wording for the Trends screen: periods, counts, and the plain sentences under
 * each chart. Descriptive only ("tends to go with", never "causes"); no scores, no grades, and
 * days without entries are never described as missing. Sentences carry counts and words;
 * means and intervals come apart, for "Show the numbers". No DOM, no api.
 *
 * Entries with no mood recorded (imported ones) arrive counted apart (`noMood`): they are in no
 * mean, point or quadrant count, but they are in how often a word or context came up and on
 * the calendar, where a day of them shows as a day with entries and no mood.
 */

import { addDays, dayLabel } from './charts/days.js';
import { QUADRANTS, QUADRANT_NAMES, describePleasantness, describeEnergy } from './mood.js';
import { plural } from './format.js';

/** @typedef {import('./mood.js').Quadrant} Quadrant */
/** @typedef {{count: number, pleasantness: number, energy: number}} MoodMean */
/**
 * A word, context or label: `count` entries with a mood (the mean is theirs) and `noMood`
 * without one.
 * @typedef {MoodMean & {id?: string, noMood?: number}} Frequency
 */
/** @typedef {'week'|'month'|'year'|'all'} Period */

/** The period buttons, in order: [id, button text, days (0: since the first entry)]. */
export const PERIODS = /** @type {const} */ ([
  ['week', 'Week', 7],
  ['month', 'Month', 30],
  ['year', 'Year', 365],
  ['all', 'All', 0],
]);

/** Below this many entries, the screen says that patterns will show with a few more. */
export const FEW_ENTRIES = 5;

/**
 * Fewest entries with and without an aftercare item before it is compared (the core's
 * `MIN_SAMPLE`; below it the core marks the item not shown).
 */
export const MIN_COMPARE = 5;

/**
 * The first day of a period ending today, or null for "since the first entry".
 * @param {Period} period
 * @param {string} today "YYYY-MM-DD"
 * @returns {string|null}
 */
export function periodFrom(period, today) {
  const hit = PERIODS.find(([id]) => id === period);
  const days = hit ? hit[2] : 0;
  return days > 0 ? addDays(today, -(days - 1)) : null;
}

/**
 * A mean as a signed number with two decimals: "+0.40", "−0.33" (a real minus sign), "0.00".
 * @param {number} v
 */
export function signed(v) {
  const r = Math.round((Number(v) || 0) * 100) / 100;
  if (r === 0) return '0.00';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}`;
}

/**
 * Capitalises the first letter.
 * @param {string} s
 */
export function cap(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/**
 * "a", "a and b", "a, b and c".
 * @param {string[]} items
 */
export function listText(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** @param {number} n */
export const entries = (n) => plural(n, 'entry', 'entries');

/**
 * How often a word, context or label came up: entries with a mood and without.
 * @param {Frequency} f
 */
export function timesOf(f) {
  return (f.count ?? 0) + (f.noMood ?? 0);
}

/**
 * The quiet line for entries left out of the figures because no mood was recorded (imported
 * ones): "40 entries without a mood aren't in these figures." ("" for none).
 * @param {number} n
 */
export function withoutMoodText(n) {
  if (!(n > 0)) return '';
  return n === 1
    ? '1 entry without a mood isn’t in these figures.'
    : `${n} entries without a mood aren’t in these figures.`;
}

/**
 * Quadrant counts with entries, largest first (ties in the usual quadrant order).
 * @param {[Quadrant, number][]} quadrants
 * @returns {[Quadrant, number][]}
 */
export function nonZero(quadrants) {
  return [...(quadrants ?? [])]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || QUADRANTS.indexOf(a[0]) - QUADRANTS.indexOf(b[0]));
}

/**
 * How one day's entries read: "1 entry, Heavy", "2 entries, both Calm",
 * "3 entries, mostly Heavy", "2 entries, Heavy and Calm". Entries with no mood recorded are
 * said apart: "1 entry, no mood recorded", "3 entries, 2 Heavy, and 1 without a mood".
 * @param {{count: number, noMood?: number, quadrants: Quadrant[], main: Quadrant|null}} cell
 */
export function dayMoodText(cell) {
  const none = cell.noMood ?? 0;
  if (none > 0 || !cell.main) {
    const withMood = cell.count - none;
    if (withMood <= 0 || !cell.main) return `${entries(cell.count)}, no mood recorded`;
    const mood = dayMoodText({ count: withMood, quadrants: cell.quadrants, main: cell.main })
      .replace(/^1 entry, /, '1 ')
      .replace(/^\d+ entries, (both|all) /, `${withMood} `)
      .replace(/^\d+ entries, /, '');
    return `${entries(cell.count)}, ${mood}, and ${none} without a mood`;
  }
  const n = cell.count;
  /** @type {Map<Quadrant, number>} */
  const counts = new Map();
  for (const q of cell.quadrants ?? []) counts.set(q, (counts.get(q) ?? 0) + 1);
  if (counts.size === 0) counts.set(cell.main, n);
  const top = counts.get(cell.main) ?? 0;
  const name = QUADRANT_NAMES[cell.main];
  if (n === 1) return `1 entry, ${name}`;
  if (top >= n) return `${n} entries, ${n === 2 ? 'both' : 'all'} ${name}`;
  if (top > n / 2) return `${n} entries, mostly ${name}`;
  const order = [...counts].sort((a, b) => b[1] - a[1] || (a[0] === cell.main ? -1 : b[0] === cell.main ? 1 : 0));
  return `${n} entries, ${listText(order.map(([q]) => QUADRANT_NAMES[q]))}`;
}

/**
 * The title of a calendar day: "Tue 3 March: 2 entries, mostly Heavy".
 * @param {{date: string, count: number, noMood?: number, quadrants: Quadrant[], main: Quadrant|null}} cell
 * @param {number} [thisYear]
 */
export function dayTitle(cell, thisYear) {
  return `${dayLabel(cell.date, thisYear)}: ${dayMoodText(cell)}`;
}

/**
 * A mean mood in words: "slightly pleasant, low energy".
 * @param {{pleasantness: number, energy: number}} m
 */
export function meanWords(m) {
  return `${describePleasantness(m.pleasantness)}, ${describeEnergy(m.energy)}`;
}

/**
 * A context (or feeling word, or name) with its mood afterwards, in words:
 * "Solo / self-pleasure: 38 entries, on average slightly pleasant". The mean itself is
 * [meanNumber], shown only with "Show the numbers". The count takes in entries with no mood
 * recorded; the average is of those with one, and none is made up when there are none.
 * @param {string} label
 * @param {Frequency} f
 */
export function moodWithSentence(label, f) {
  const lead = `${cap(label)}: ${entries(timesOf(f))}`;
  return f.count > 0 ? `${lead}, on average ${describePleasantness(f.pleasantness)}` : `${lead}, no mood recorded`;
}

/**
 * A mean pleasantness as a number: "mean +0.36".
 * @param {{pleasantness: number}} f
 */
export function meanNumber(f) {
  return `mean ${signed(f.pleasantness)}`;
}

/**
 * @typedef {'better'|'lower'|'same'} Verdict
 * @typedef {{difference: number|null, low: number|null, high: number|null, verdict: Verdict}} Pattern
 * @typedef {{id: string, got: MoodMean, notGot: MoodMean, shown: boolean, wanted: number, wantedNotGot: number, pattern?: Pattern}} AftercareItem
 */

/**
 * A 95% interval as a range: "−0.04 to +0.28", or "" when there is none.
 * @param {{low: number|null, high: number|null}|undefined} p
 */
export function intervalText(p) {
  if (!p || p.low == null || p.high == null) return '';
  return `${signed(p.low)} to ${signed(p.high)}`;
}

/**
 * How mood afterwards compares with and without an aftercare item; descriptive, never causal.
 * The words follow the core's verdict, which calls a difference a pattern only when its 95%
 * interval leaves out zero and each side has enough entries; anything else reads as about
 * the same. `counts` are always shown; `numbers` (means, difference, interval) only with
 * "Show the numbers".
 * @param {string} label
 * @param {AftercareItem} a
 * @returns {{lead: string, counts: string, numbers: string, direction: Verdict}}
 */
export function aftercareSentence(label, a) {
  const p = a.pattern;
  /** @type {Verdict} */
  const direction = p?.verdict === 'better' || p?.verdict === 'lower' ? p.verdict : 'same';
  const counts = `${entries(a.got.count)} with it, ${a.notGot.count} without`;
  const diff = p?.difference ?? a.got.pleasantness - a.notGot.pleasantness;
  const interval = intervalText(p);
  const numbers = `On average ${signed(a.got.pleasantness)} with it and ${signed(a.notGot.pleasantness)} without: `
    + `a difference of ${signed(diff)}${interval ? ` (95% interval ${interval})` : ''}`;
  // "Words of affirmation tend to..."; every other shipped item reads as singular.
  const many = /^words\b/i.test(label);
  if (direction === 'better') {
    return { lead: `${cap(label)} ${many ? 'tend' : 'tends'} to go with feeling better afterwards`, counts, numbers, direction };
  }
  if (direction === 'lower') {
    return { lead: `${cap(label)} ${many ? 'have' : 'has'} gone with somewhat less pleasant moods so far`, counts, numbers, direction };
  }
  return { lead: `${cap(label)}: about the same with or without it, as far as these entries show`, counts, numbers, direction };
}

/**
 * For an item without enough entries on one side to compare.
 * @param {string} label
 * @param {AftercareItem} a
 */
export function tooFewSentence(label, a) {
  return `${cap(label)}: ${a.got.count} with it and ${a.notGot.count} without`;
}

/**
 * A need that was wanted, and how often getting it was noted too, as plain counts rather than
 * a tally: "Reassurance: wanted 8 times, and you noted getting it 3 of those times";
 * "Reassurance: wanted 8 times; getting it wasn't noted those times".
 * @param {string} label
 * @param {AftercareItem} a
 */
export function wantedSentence(label, a) {
  const n = a.wanted;
  const got = Math.max(0, n - a.wantedNotGot);
  const times = n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
  let rest;
  if (got === 0) rest = `; getting it wasn't noted ${n === 1 ? 'that time' : 'those times'}`;
  else if (got >= n) rest = `, and you noted getting it${n === 1 ? '' : n === 2 ? ' both times' : ' each time'}`;
  else if (got === 1) rest = ', and you noted getting it once';
  else rest = `, and you noted getting it ${got} of those times`;
  return `${cap(label)}: wanted ${times}${rest}`;
}

/**
 * Right after versus later, from follow-up pairs, in words; the changes themselves are
 * [laterNumbers], shown only with "Show the numbers".
 * @param {{pairs: number, pleasantnessChange: number, energyChange: number}} later
 * @returns {string}
 */
export function laterSentence(later) {
  const { pairs } = later;
  if (!pairs) return '';
  const p = later.pleasantnessChange;
  const e = later.energyChange;
  const pw = Math.abs(p) < 0.05 ? 'about as pleasant' : p > 0 ? 'more pleasant' : 'less pleasant';
  const ew = Math.abs(e) < 0.05 ? 'about the same in energy' : e > 0 ? 'higher in energy' : 'lower in energy';
  const across = pairs === 1 ? 'In 1 follow-up' : `Across ${pairs} follow-ups`;
  const avg = pairs === 1 ? '' : ' on average';
  return `${across}, the later entry was${avg} ${pw} and ${ew}, compared with the one it followed.`;
}

/**
 * The changes from an entry to its follow-up, as numbers: "Change on average: pleasantness
 * +0.44, energy −0.33." ("Change: ..." for a single pair; "" for none).
 * @param {{pairs: number, pleasantnessChange: number, energyChange: number}} later
 */
export function laterNumbers(later) {
  if (!later.pairs) return '';
  const lead = later.pairs === 1 ? 'Change' : 'Change on average';
  return `${lead}: pleasantness ${signed(later.pleasantnessChange)}, energy ${signed(later.energyChange)}.`;
}
