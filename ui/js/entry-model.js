// @ts-check
/**
 * @file Pure conversion between the log form's state and the api's EntryInput, and the small
 * choices the form makes from a person's own entries: which aftercare shows first, and which
 * earlier entries a follow-up can be linked to. No DOM, no api.
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
 *   follows: string|null, prompt: string|null, checkIn: CheckIn|null,
 *   at: string|null, when: When|null, wantedMore: boolean
 * }} FormState
 * `wantedMore` is the form's "I wanted more care than I got": it opens the way to mark what was
 * wanted, and is never stored (the entry says it through what is marked wanted and not got).
 */

/**
 * When the moment was, as a person says it; `other` is a date and time they chose.
 * @typedef {'now'|'earlier-today'|'last-night'|'days-ago'|'other'} When
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
    at: null,
    when: 'now',
    wantedMore: false,
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
    at: entry.at ?? null,
    when: null,
    wantedMore: false,
  };
}

/**
 * The EntryInput for a form state, or null when no mood point is set yet. With `moodOptional`
 * (editing an entry that has no mood recorded), no point is fine: the input keeps `mood: null`.
 * `at` is left out when no moment was placed (`at: null`), so a new entry gets "now"; an edited
 * one sends its own, and the core says anew how long after only when it moved.
 * @param {FormState} s
 * @param {{moodOptional?: boolean}} [opts]
 * @returns {EntryInput|null}
 */
export function inputFromState(s, { moodOptional = false } = {}) {
  if (!s.mood && !moodOptional) return null;
  const partner = s.partner.trim();
  return {
    ...(s.at ? { at: s.at } : {}),
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
 * @param {'emotions'|'labels'|'context'|'aftercare'|'body'|'choice'|'checkIn'} part
 */
export function countChosen(s, part) {
  switch (part) {
    case 'aftercare': return new Set([...s.aftercareGot, ...s.aftercareWanted]).size;
    case 'choice': return s.choice ? 1 : 0;
    case 'checkIn': return s.checkIn ? 1 : 0;
    case 'context': return s.context.size + (s.partner.trim() ? 1 : 0);
    default: return s[part].size;
  }
}

/**
 * A local time as RFC 3339 with the offset in force then ("2026-11-29T22:00:00+01:00"), so
 * the moment keeps its time zone.
 * @param {Date} d
 */
export function localIso(d) {
  const p = (/** @type {number} */ n) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:00${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

/**
 * The moment a plain "when" stands for, counted from `now`; null for "just now" (the entry
 * then takes the time it is saved). Earlier today is three hours back (not before midnight),
 * last night is 22:00 yesterday, a day or two ago is 21:00 two days back.
 * @param {Exclude<When, 'other'>} when
 * @param {Date} now
 * @returns {string|null}
 */
export function momentOf(when, now) {
  const day = (/** @type {number} */ back, /** @type {number} */ hour) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - back, hour, 0, 0);
  switch (when) {
    case 'earlier-today': return localIso(new Date(Math.max(now.getTime() - 3 * 3600_000, day(0, 0).getTime())));
    case 'last-night': return localIso(day(1, 22));
    case 'days-ago': return localIso(day(2, 21));
    default: return null;
  }
}

/**
 * The moment of a date ("YYYY-MM-DD") and a time ("HH:MM") the person typed or picked, in
 * local time; null when either can't be read or the moment is still to come.
 * @param {string} date
 * @param {string} time
 * @param {Date} now
 * @returns {string|null}
 */
export function momentAt(date, time, now) {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})/.exec(time.trim() || '12:00');
  if (!d || !t) return null;
  const at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), 0);
  if (at.getMonth() !== Number(d[2]) - 1 || Number(t[1]) > 23 || at.getTime() > now.getTime() + 5 * 60_000) return null;
  return localIso(at);
}

/**
 * A stored moment split into the date and time fields' values.
 * @param {string} at
 * @returns {{date: string, time: string}}
 */
export function fieldsOf(at) {
  const iso = localIso(new Date(at));
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * How many entries name each aftercare item (got, wanted or both count once per entry), added
 * to `base` when given. `base` itself is left as it is.
 * @param {{aftercareGot?: string[]|null, aftercareWanted?: string[]|null}[]} entries
 * @param {Map<string, number>} [base]
 * @returns {Map<string, number>}
 */
export function aftercareUsage(entries, base = new Map()) {
  const usage = new Map(base);
  for (const e of entries) {
    for (const id of new Set([...(e.aftercareGot ?? []), ...(e.aftercareWanted ?? [])])) {
      usage.set(id, (usage.get(id) ?? 0) + 1);
    }
  }
  return usage;
}

/**
 * Which aftercare items show first and which wait under "More": first anything already chosen
 * (always, however many), then the items this person has marked most (most first; a tie keeps
 * the list's order), then the common ones in their given order, until `n` are shown. The rest
 * keep the list's own order. Ids not in `all` are passed over.
 * @template {{id: string}} T
 * @param {T[]} all every item, in the list's order
 * @param {Map<string, number>} usage how many entries name each id
 * @param {readonly string[]} common ids most people use, in order
 * @param {Set<string>|string[]} chosen ids already marked on this entry or draft
 * @param {number} [n] about how many to show first
 * @returns {{first: T[], more: T[]}}
 */
export function aftercareFirst(all, usage, common, chosen, n = 8) {
  const byId = new Map(all.map((w) => [w.id, w]));
  const at = new Map(all.map((w, i) => [w.id, i]));
  /** @type {string[]} */
  const picked = [];
  const pick = (/** @type {string} */ id) => {
    if (byId.has(id) && !picked.includes(id)) picked.push(id);
  };
  const marked = new Set(chosen);
  for (const w of all) if (marked.has(w.id)) pick(w.id);
  const used = [...usage].filter(([id, count]) => count > 0 && byId.has(id))
    .sort(([a, x], [b, y]) => y - x || /** @type {number} */ (at.get(a)) - /** @type {number} */ (at.get(b)));
  for (const [id] of used) {
    if (picked.length >= n) break;
    pick(id);
  }
  for (const id of common) {
    if (picked.length >= n) break;
    pick(id);
  }
  const first = picked.map((id) => /** @type {T} */ (byId.get(id)));
  const shown = new Set(picked);
  return { first, more: all.filter((w) => !shown.has(w.id)) };
}

/**
 * The entries a new one can follow on from: those whose moment was in the last `days` days
 * (and not still to come), newest first.
 * @template {{id: string, at: string}} T
 * @param {T[]} items
 * @param {Date} now
 * @param {number} [days]
 * @returns {T[]}
 */
export function followCandidates(items, now, days = 7) {
  const to = now.getTime() + 5 * 60_000;
  const from = now.getTime() - days * 24 * 3600_000;
  return items
    .map((e) => ({ e, t: new Date(e.at).getTime() }))
    .filter(({ t }) => Number.isFinite(t) && t >= from && t <= to)
    .sort((a, b) => b.t - a.t)
    .map(({ e }) => e);
}
