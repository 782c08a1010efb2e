// @ts-check
/**
 * @file Pure naming logic for the mood grid: no DOM, no api. Pleasantness runs from -1
 * (unpleasant) to 1 (pleasant), energy from -1 (low) to 1 (high). Mirrors the quadrant rule in
 * tend-core (Mixed within 0.2 of the centre; zero counts as the pleasant / high side).
 */

/** @typedef {'bright'|'calm'|'tense'|'heavy'|'mixed'} Quadrant */

/** Distance from the centre under which a point counts as Mixed. */
export const MIXED_RADIUS = 0.2;

/** Display order of the five quadrants. @type {Quadrant[]} */
export const QUADRANTS = ['bright', 'calm', 'tense', 'heavy', 'mixed'];

/** Names shown to people. @type {Record<Quadrant, string>} */
export const QUADRANT_NAMES = {
  bright: 'Bright',
  calm: 'Calm',
  tense: 'Tense',
  heavy: 'Heavy',
  mixed: 'Mixed',
};

/** One plain line per quadrant. @type {Record<Quadrant, string>} */
export const QUADRANT_HINTS = {
  bright: 'pleasant, higher energy',
  calm: 'pleasant, lower energy',
  tense: 'unpleasant, higher energy',
  heavy: 'unpleasant, lower energy',
  mixed: 'near the middle, or a bit of both',
};

/** What shows where an entry's mood would, when it has none (as imported entries may). */
export const NO_MOOD_TEXT = 'No mood recorded';

/**
 * How an entry's mood reads in the journal: its quadrant, name and spoken description; or,
 * for an entry with no mood recorded, no quadrant (so no colour, shape or dot) and the calm
 * words "No mood recorded", never a made-up point. `cls` is the card's colour class
 * (`q-<quadrant>`, or `q-none`).
 * @param {{mood?: {pleasantness: number, energy: number}|null, quadrant?: Quadrant|null}} e
 * @returns {{quadrant: Quadrant|null, name: string, cls: string, description: string}}
 */
export function entryMood(e) {
  const m = e.mood;
  if (!m || !e.quadrant) return { quadrant: null, name: NO_MOOD_TEXT, cls: 'q-none', description: NO_MOOD_TEXT };
  return {
    quadrant: e.quadrant,
    name: QUADRANT_NAMES[e.quadrant],
    cls: `q-${e.quadrant}`,
    description: describe(m.pleasantness, m.energy),
  };
}

/** Step for one arrow-key press. */
const STEP = 0.1;

/**
 * Rounds to two decimals and keeps the value in [-1, 1].
 * @param {number} v
 */
function clamp(v) {
  if (!Number.isFinite(v)) return 0;
  const r = Math.round(v * 100) / 100;
  return Math.min(1, Math.max(-1, r)) + 0; // + 0 turns -0 into 0
}

/**
 * The quadrant of a point.
 * @param {number} p pleasantness
 * @param {number} e energy
 * @returns {Quadrant}
 */
export function quadrantOf(p, e) {
  if (Math.hypot(p, e) < MIXED_RADIUS) return 'mixed';
  if (p >= 0) return e >= 0 ? 'bright' : 'calm';
  return e >= 0 ? 'tense' : 'heavy';
}

/**
 * How strong a value is, in words.
 * @param {number} v
 * @returns {''|'slightly'|'somewhat'|'very'}
 */
function degree(v) {
  const a = Math.abs(Math.round(v * 100) / 100);
  if (a < 0.1) return '';
  if (a < 0.4) return 'slightly';
  if (a < 0.7) return 'somewhat';
  return 'very';
}

/**
 * Pleasantness in words: "neutral", "slightly pleasant", "very unpleasant"...
 * @param {number} p
 */
export function describePleasantness(p) {
  const d = degree(p);
  if (!d) return 'neutral';
  return `${d} ${p > 0 ? 'pleasant' : 'unpleasant'}`;
}

/**
 * Energy in words: "medium energy", "slightly low energy", "low energy", "very high energy".
 * @param {number} e
 */
export function describeEnergy(e) {
  const d = degree(e);
  if (!d) return 'medium energy';
  const side = e > 0 ? 'high energy' : 'low energy';
  if (d === 'somewhat') return side;
  return `${d} ${side}`;
}

/**
 * The spoken and shown name of a point, e.g. "slightly pleasant, low energy: Calm".
 * @param {number} p
 * @param {number} e
 */
export function describe(p, e) {
  return `${describePleasantness(p)}, ${describeEnergy(e)}: ${QUADRANT_NAMES[quadrantOf(p, e)]}`;
}

/**
 * Turns a position inside a box (pixels from its top-left corner) into a mood point.
 * @param {number} x
 * @param {number} y
 * @param {number} width
 * @param {number} height
 * @returns {{pleasantness: number, energy: number}}
 */
export function pointFromPosition(x, y, width, height) {
  if (!(width > 0) || !(height > 0)) return { pleasantness: 0, energy: 0 };
  return {
    pleasantness: clamp((x / width) * 2 - 1),
    energy: clamp(1 - (y / height) * 2),
  };
}

/**
 * Where a mood point sits in a box, as fractions from the top-left (0..1).
 * @param {{pleasantness: number, energy: number}} mood
 */
export function positionOf(mood) {
  return { left: (mood.pleasantness + 1) / 2, top: (1 - mood.energy) / 2 };
}

/**
 * The point after a key press, or null when the key does nothing here.
 * Arrow keys move by STEP (Shift: 2.5 steps); Home returns to the centre.
 * @param {{pleasantness: number, energy: number}|null} mood the current point (null: not set)
 * @param {string} key KeyboardEvent.key
 * @param {boolean} [big]
 * @returns {{pleasantness: number, energy: number}|null}
 */
export function stepKey(mood, key, big = false) {
  const from = mood ?? { pleasantness: 0, energy: 0 };
  const s = big ? STEP * 2.5 : STEP;
  switch (key) {
    case 'ArrowLeft': return { pleasantness: clamp(from.pleasantness - s), energy: from.energy };
    case 'ArrowRight': return { pleasantness: clamp(from.pleasantness + s), energy: from.energy };
    case 'ArrowUp': return { pleasantness: from.pleasantness, energy: clamp(from.energy + s) };
    case 'ArrowDown': return { pleasantness: from.pleasantness, energy: clamp(from.energy - s) };
    case 'Home': return { pleasantness: 0, energy: 0 };
    default: return null;
  }
}
