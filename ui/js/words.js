// @ts-check
/**
 * @file Pure helpers over the word lists from `api.words()`: lookups, groups (aftercare by its
 * kind, feeling words by the quadrant they tend to go with), the aftercare most people use and
 * the fixed wording the log form uses. No DOM, no api.
 */

/** @typedef {import('./api.js').Words} Words */
/** @typedef {import('./api.js').Quadrant} Quadrant */
/** @typedef {{id: string, label: string, group?: string, quadrant?: Quadrant, urgent?: boolean, everywhere?: boolean, retired?: boolean, own?: boolean}} Word */

/** Headings for context groups. @type {Record<string, string>} */
export const CONTEXT_GROUPS = {
  kind: 'Kind of intimacy',
  kink: 'Kink scene',
  circumstance: 'Around it',
};

/** Headings for aftercare groups. @type {Record<string, string>} */
export const AFTERCARE_GROUPS = {
  closeness: 'Closeness and touch',
  words: 'Words',
  'body-care': 'Body care',
  acts: 'Acts of care',
  later: 'Later on',
  'self-comfort': 'Comfort for yourself',
};

/**
 * The aftercare shown first to someone whose own entries don't yet say what they use, in this
 * order (ids from the shipped list). They are the kinds CONTENT.md's research names as usual:
 * its aftercare blurb (e6) lists closeness or space, water and food, kind words, talking it
 * through and checking in later; post-sex affection such as cuddling has the most evidence
 * (Muise et al. 2014); warmth is a standard part of aftercare after a scene (C05, P21), and a
 * check-in a day or two later fits drop, which can come 24-72 hours on (a2). Most also work as
 * care you give yourself (space, water, a snack, warmth, kind words), so solo entries are served
 * too. Everything else is one tap away, under "More aftercare".
 */
export const COMMON_AFTERCARE = /** @type {const} */ ([
  'cuddling', 'space', 'affirmation', 'debrief', 'water', 'snack', 'warmth', 'next-day-check-in',
]);

/** Headings for body groups. @type {Record<string, string>} */
export const BODY_GROUPS = {
  energy: 'Energy',
  needs: 'Warmth and needs',
  sensation: 'Sensations',
  presence: 'Presence',
  kink: 'After play',
  urgent: 'Might need medical care',
  'sexual-health': 'Sexual health',
};

/** One-line explainers for the shipped labels. @type {Record<string, string>} */
export const LABEL_EXPLAINERS = {
  'post-sex-blues':
    'Feeling low, tearful, anxious or flat after sex, even sex you wanted. Many people have it at least once.',
  'postcoital-dysphoria':
    "The research name for post-sex blues. On its own, it isn't a sign that you or anyone else did something wrong. If something didn't feel okay, that matters too.",
  drop:
    'A dip after an intense scene, sometimes a day or two later. It can affect tops as well as bottoms.',
};

/** The gentle choice check. */
export const CHOICES = /** @type {const} */ ([
  ['yes', 'yes'],
  ['mostly', 'mostly'],
  ['unsure', "I'm not sure"],
  ['no', 'no'],
]);

/** When the entry is about, relative to the moment. */
export const TIMINGS = /** @type {const} */ ([
  ['right-after', 'right after'],
  ['later-that-day', 'a few hours later'],
  ['next-day', 'the next day'],
  ['days-later', '2–3 days later'],
]);

/** "Check in with me later": when Tend asks again (shown the next time the journal opens after). */
export const CHECK_INS = /** @type {const} */ ([
  ['few-hours', 'In a few hours'],
  ['tomorrow', 'Tomorrow'],
]);

/**
 * @param {readonly (readonly [string, string])[]} pairs
 * @param {string|null|undefined} id
 */
function pairLabel(pairs, id) {
  const hit = pairs.find(([k]) => k === id);
  return hit ? hit[1] : '';
}

/** @param {string|null|undefined} id */
export const choiceLabel = (id) => pairLabel(CHOICES, id);
/** @param {string|null|undefined} id */
export const timingLabel = (id) => pairLabel(TIMINGS, id);
/** @param {string|null|undefined} id */
export const checkInLabel = (id) => pairLabel(CHECK_INS, id);

/**
 * Indexes the word lists for quick lookup and grouping.
 * @param {Words} words
 */
export function indexWords(words) {
  const shipped = words?.shipped ?? /** @type {any} */ ({});
  const own = words?.own ?? /** @type {any} */ ({});
  /** @type {Word[]} */
  const emotions = [
    ...(shipped.emotions ?? []).map((/** @type {Word} */ w) => ({ ...w, own: false })),
    ...(own.emotions ?? []).map((/** @type {Word} */ w) => ({ ...w, own: true })),
  ];
  /** @type {Word[]} */
  const labels = [
    ...(shipped.labels ?? []).map((/** @type {Word} */ w) => ({ ...w, own: false })),
    ...(own.labels ?? []).map((/** @type {Word} */ w) => ({ ...w, own: true })),
  ];
  /** @type {Word[]} */ const contexts = shipped.contexts ?? [];
  /** @type {Word[]} */ const aftercare = shipped.aftercare ?? [];
  /** @type {Word[]} */ const body = shipped.body ?? [];
  const map = (/** @type {Word[]} */ list) => new Map(list.map((w) => [w.id, w]));
  return {
    emotions,
    labels,
    contexts,
    aftercare,
    body,
    byId: {
      emotion: map(emotions),
      label: map(labels),
      context: map(contexts),
      aftercare: map(aftercare),
      body: map(body),
    },
  };
}

/** @typedef {ReturnType<typeof indexWords>} WordIndex */

/**
 * Groups a list by its `group`, keeping the order of first appearance.
 * @param {Word[]} list
 * @returns {{group: string, items: Word[]}[]}
 */
export function grouped(list) {
  /** @type {Map<string, Word[]>} */
  const m = new Map();
  for (const w of list) {
    const g = w.group ?? '';
    if (!m.has(g)) m.set(g, []);
    /** @type {Word[]} */ (m.get(g)).push(w);
  }
  return [...m].map(([group, items]) => ({ group, items }));
}

/**
 * Feeling words under the quadrant they tend to go with (a word with none counts as Mixed),
 * keeping the order of first appearance.
 * @param {Word[]} list
 * @returns {{quadrant: Quadrant, items: Word[]}[]}
 */
export function byQuadrant(list) {
  return grouped(list.map((w) => ({ ...w, group: w.quadrant ?? 'mixed' })))
    .map(({ group, items }) => ({ quadrant: /** @type {Quadrant} */ (group), items }));
}

/**
 * The emotion words to show: the chosen quadrant's words and those offered everywhere (such as
 * "hopeless", which can come with any energy), then Mixed, plus anything already chosen; or
 * every word when `showAll`.
 * @param {Word[]} emotions
 * @param {Quadrant|null} quadrant
 * @param {Set<string>|string[]} selected
 * @param {boolean} showAll
 * @returns {Word[]}
 */
export function visibleEmotions(emotions, quadrant, selected, showAll) {
  const chosen = new Set(selected);
  if (showAll) {
    const order = ['bright', 'calm', 'tense', 'heavy', 'mixed'];
    return [...emotions].sort((a, b) => order.indexOf(a.quadrant ?? 'mixed') - order.indexOf(b.quadrant ?? 'mixed'));
  }
  const first = quadrant && quadrant !== 'mixed'
    ? emotions.filter((w) => w.quadrant === quadrant || w.everywhere)
    : [];
  const inFirst = new Set(first.map((w) => w.id));
  const mixed = [
    ...emotions.filter((w) => w.quadrant === 'mixed'),
    ...emotions.filter((w) => w.everywhere && w.quadrant !== 'mixed' && !inFirst.has(w.id)),
  ];
  const shown = new Set([...first, ...mixed].map((w) => w.id));
  const extra = emotions.filter((w) => chosen.has(w.id) && !shown.has(w.id));
  return [...first, ...mixed, ...extra];
}

/**
 * The body items to offer: every one still shipped for new entries, and a retired one only
 * when this entry already has it (so an old entry keeps what the person chose).
 * @param {Word[]} body
 * @param {Set<string>|string[]} selected
 * @returns {Word[]}
 */
export function offeredBody(body, selected) {
  const chosen = new Set(selected);
  return (body ?? []).filter((w) => !w.retired || chosen.has(w.id));
}

/**
 * The label of an id in a map, or the id itself if it isn't known any more.
 * @param {Map<string, Word>} map
 * @param {string} id
 */
export function labelOf(map, id) {
  return map.get(id)?.label ?? id;
}
