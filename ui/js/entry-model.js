// @ts-check
/**
 * @file Pure conversion between the log form's state and the api's EntryInput. No DOM.
 */

/** @typedef {import('./api.js').Entry} Entry */
/** @typedef {import('./api.js').EntryInput} EntryInput */
/** @typedef {import('./api.js').Choice} Choice */
/** @typedef {import('./api.js').Timing} Timing */
/** @typedef {import('./api.js').CheckIn} CheckIn */

/**
 * @typedef {{
 *   mood: {pleasantness: number, energy: number}|null,
 *   emotions: Set<string>, labels: Set<string>, context: Set<string>,
 *   aftercareGot: Set<string>, aftercareWanted: Set<string>, body: Set<string>,
 *   choice: Choice|null, timing: Timing|null, partner: string, text: string,
 *   follows: string|null, prompt: string|null, checkIn: CheckIn|null
 * }} FormState
 */

/** @returns {FormState} */
export function emptyState() {
  return {
    mood: null,
    emotions: new Set(),
    labels: new Set(),
    context: new Set(),
    aftercareGot: new Set(),
    aftercareWanted: new Set(),
    body: new Set(),
    choice: null,
    timing: null,
    partner: '',
    text: '',
    follows: null,
    prompt: null,
    checkIn: null,
  };
}

/**
 * Form state for editing a stored entry.
 * @param {Entry} entry
 * @returns {FormState}
 */
export function stateFromEntry(entry) {
  return {
    // An entry with no mood recorded (an imported one) starts with no point chosen.
    mood: entry.mood ? { pleasantness: entry.mood.pleasantness, energy: entry.mood.energy } : null,
    emotions: new Set(entry.emotions ?? []),
    labels: new Set(entry.labels ?? []),
    context: new Set(entry.context ?? []),
    aftercareGot: new Set(entry.aftercareGot ?? []),
    aftercareWanted: new Set(entry.aftercareWanted ?? []),
    body: new Set(entry.body ?? []),
    choice: entry.choice ?? null,
    timing: entry.timing ?? null,
    partner: entry.partner ?? '',
    text: entry.text ?? '',
    follows: entry.follows ?? null,
    prompt: entry.prompt ?? null,
    checkIn: entry.checkIn ?? null,
  };
}

/**
 * The EntryInput for a form state, or null when no mood point is set yet. With `moodOptional`
 * (editing an entry that has no mood recorded), no point is fine: the input keeps `mood: null`.
 * `at` is left out, so a new entry gets "now" and an edited one keeps its time.
 * @param {FormState} s
 * @param {{moodOptional?: boolean}} [opts]
 * @returns {EntryInput|null}
 */
export function inputFromState(s, { moodOptional = false } = {}) {
  if (!s.mood && !moodOptional) return null;
  const partner = s.partner.trim();
  return {
    mood: s.mood ? { pleasantness: s.mood.pleasantness, energy: s.mood.energy } : null,
    emotions: [...s.emotions],
    labels: [...s.labels],
    context: [...s.context],
    aftercareGot: [...s.aftercareGot],
    aftercareWanted: [...s.aftercareWanted],
    body: [...s.body],
    choice: s.choice,
    timing: s.timing,
    follows: s.follows,
    partner: partner ? partner : null,
    prompt: s.prompt,
    text: s.text,
    checkIn: s.checkIn,
  };
}

/**
 * Adds or removes an id; returns whether it is now in the set.
 * @param {Set<string>} set
 * @param {string} id
 */
export function toggle(set, id) {
  if (set.has(id)) {
    set.delete(id);
    return false;
  }
  set.add(id);
  return true;
}

/**
 * Aftercare wanted but not received.
 * @param {{aftercareGot?: string[]|Set<string>, aftercareWanted?: string[]|Set<string>}} e
 */
export function unmetAftercare(e) {
  const got = new Set(e.aftercareGot ?? []);
  return [...(e.aftercareWanted ?? [])].filter((id) => !got.has(id));
}

/**
 * How many optional things are chosen in a state (for the summary counts).
 * @param {FormState} s
 * @param {'emotions'|'labels'|'context'|'aftercare'|'body'|'choice'|'timing'|'checkIn'} part
 */
export function countChosen(s, part) {
  switch (part) {
    case 'aftercare': return new Set([...s.aftercareGot, ...s.aftercareWanted]).size;
    case 'choice': return s.choice ? 1 : 0;
    case 'timing': return s.timing ? 1 : 0;
    case 'checkIn': return s.checkIn ? 1 : 0;
    case 'context': return s.context.size + (s.partner.trim() ? 1 : 0);
    default: return s[part].size;
  }
}
