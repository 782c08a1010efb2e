// @ts-check
/**
 * @file Pure helpers for the Care content from `api.careContent()` and the person's own care
 * data: **bold** spans, ideas grouped by need, saved numbers as rows, the aftercare card, and
 * friendly wording for check-ins. No DOM and no api, so every rule here is testable in node.
 */

import { dateFormat, timeOf } from './format.js';

/** @typedef {import('./api.js').CareContent} CareContent */
/** @typedef {import('./api.js').CopingIdea} CopingIdea */
/** @typedef {import('./api.js').Need} Need */
/** @typedef {import('./api.js').Block} Block */
/** @typedef {import('./api.js').SupportNumbers} SupportNumbers */
/** @typedef {import('./api.js').SupportInfo} SupportInfo */
/** @typedef {import('./api.js').AftercareNeeds} AftercareNeeds */
/** @typedef {import('./api.js').SafetyPlan} SafetyPlan */
/** @typedef {import('./api.js').DueCheckIn} DueCheckIn */
/** @typedef {import('./api.js').CheckIn} CheckIn */
/** @typedef {import('./api.js').Timing} Timing */

/**
 * Splits text on `**` into plain and bold runs. An unmatched `**` stays as written.
 * @param {string} text
 * @returns {{text: string, bold: boolean}[]}
 */
export function splitBold(text) {
  const parts = String(text ?? '').split('**');
  /** @type {{text: string, bold: boolean}[]} */
  const out = [];
  const push = (/** @type {string} */ t, /** @type {boolean} */ bold) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.bold === bold) last.text += t;
    else out.push({ text: t, bold });
  };
  // With an odd number of `**`, the last one has no partner: keep it, and what follows, plain.
  const paired = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  for (let i = 0; i < paired; i += 1) push(parts[i], i % 2 === 1);
  if (paired < parts.length) push(`**${parts[paired]}`, false);
  return out;
}

/**
 * Text split into paragraphs on blank lines.
 * @param {string} text
 */
export function paragraphs(text) {
  return String(text ?? '').split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

/**
 * Coping ideas under their needs, in the needs' order. Ideas whose need isn't listed go last,
 * under "More ideas", so nothing shipped is ever hidden.
 * @param {Need[]} needs
 * @param {CopingIdea[]} ideas
 * @returns {{need: Need, ideas: CopingIdea[]}[]}
 */
export function ideasByNeed(needs, ideas) {
  const groups = (needs ?? []).map((need) => ({ need, ideas: /** @type {CopingIdea[]} */ ([]) }));
  const byId = new Map(groups.map((g) => [g.need.id, g]));
  /** @type {CopingIdea[]} */
  const rest = [];
  for (const idea of ideas ?? []) {
    const g = byId.get(idea.need);
    if (g) g.ideas.push(idea);
    else rest.push(idea);
  }
  const out = groups.filter((g) => g.ideas.length > 0);
  if (rest.length) out.push({ need: { id: 'more', title: 'More ideas', blurb: '' }, ideas: rest });
  return out;
}

/**
 * The small evidence line under an idea: "Evidence: … — source (grade B)".
 * @param {{evidence?: string, source?: string, grade?: string}} idea
 */
export function evidenceLine(idea) {
  const evidence = (idea.evidence ?? '').trim();
  const source = (idea.source ?? '').trim();
  const grade = (idea.grade ?? '').trim();
  if (!evidence && !source && !grade) return '';
  let line = 'Evidence:';
  if (evidence) line += ` ${evidence}`;
  if (source) line += evidence ? ` — ${source}` : ` ${source}`;
  if (grade) line += ` (grade ${grade})`;
  return line;
}

/**
 * The line under Care: the shipped footer, and a word on the clinical review only once one has
 * happened and the content names who reviewed (by role). A bare date is never shown as a review.
 * @param {{footer?: string, review?: {date?: string, reviewer?: string}|null}|null|undefined} content
 */
export function careFooter(content) {
  const footer = (content?.footer ?? '').trim();
  const date = (content?.review?.date ?? '').trim();
  const reviewer = (content?.review?.reviewer ?? '').trim();
  const review = date && reviewer ? `These texts were reviewed on ${date} by ${reviewer}.` : '';
  return [footer, review].filter(Boolean).join(' ');
}

/**
 * The explainers an explainer leads on to ("If something didn't feel okay" leads to Consent), in
 * its order: only shipped ones, never itself.
 * @param {{explainers?: {id: string, title: string}[]}|null|undefined} content
 * @param {{id: string, see?: string[]}} explainer
 * @returns {{id: string, title: string}[]}
 */
export function explainerLinks(content, explainer) {
  const all = content?.explainers ?? [];
  return (explainer.see ?? [])
    .filter((id) => id !== explainer.id)
    .map((id) => all.find((x) => x.id === id))
    .filter((x) => !!x)
    .map((x) => ({ id: /** @type {{id: string}} */ (x).id, title: /** @type {{title: string}} */ (x).title }));
}

/** The explainer each shipped name leads to (PCD is the research name for post-sex blues). */
const EXPLAINER_OF_LABEL = /** @type {Record<string, string>} */ ({
  'post-sex-blues': 'post-sex-blues',
  'postcoital-dysphoria': 'post-sex-blues',
  drop: 'drop',
});

/**
 * The explainers an entry's names lead to, once each, in the entry's order; only shipped ones.
 * @param {{explainers?: {id: string, title: string}[]}|null|undefined} content
 * @param {string[]} labels
 * @returns {{id: string, title: string}[]}
 */
export function explainersForLabels(content, labels) {
  const ids = [...new Set(labels.map((l) => EXPLAINER_OF_LABEL[l]).filter((x) => !!x))];
  return ids
    .map((id) => (content?.explainers ?? []).find((x) => x.id === id))
    .filter((x) => !!x)
    .map((x) => ({ id: /** @type {{id: string}} */ (x).id, title: /** @type {{title: string}} */ (x).title }));
}

/**
 * A card by id, or null.
 * @param {CareContent|null|undefined} content
 * @param {string} id
 */
export function cardById(content, id) {
  return content?.cards?.find((c) => c.id === id) ?? null;
}

/**
 * Whether the grounding exercise leads the after-save panel: when memories surfaced or the choice
 * was unsure (grounding first), it comes before a card that can wait (`waits` in the care
 * content), but never before a safety card.
 * @param {{waits?: boolean}[]} cards
 * @param {boolean} groundingFirst
 */
export function groundingLeads(cards, groundingFirst) {
  return groundingFirst && cards.every((c) => c.waits === true);
}

/**
 * Whether the after-save panel folds its prompt and ideas under "More, if you want it": when a
 * safety card shows (any card that can't wait), or the medical words beside the consent card,
 * so the card is what the person meets. A card that can wait keeps everything in view.
 * @param {{waits?: boolean}[]} cards
 * @param {boolean} medicalToo
 */
export function foldsMore(cards, medicalToo) {
  return medicalToo || cards.some((c) => c.waits !== true);
}

/**
 * A prompt's text by id, or '' when it isn't known (any more).
 * @param {CareContent|null|undefined} content
 * @param {string|null|undefined} id
 */
export function promptText(content, id) {
  if (!id) return '';
  return content?.prompts?.find((p) => p.id === id)?.text ?? '';
}

/**
 * Where a card is showing, which decides what its 'back' action does: in the "For right now"
 * panel ('after-save') and in "Need support now?" ('support') it only closes that panel, so it
 * says "Close". Only where it really goes to the journal ('journal') does it say so.
 * @typedef {'after-save'|'support'|'journal'} CardContext
 */

/**
 * The words on a card's action button.
 * @param {string} action
 * @param {string} cardId
 * @param {{context?: CardContext}} [o]
 */
export function actionLabel(action, cardId, o = {}) {
  switch (action) {
    case 'safety-plan': return cardId === 'talk-to-someone' ? 'Make a safety plan' : 'Open my safety plan';
    case 'grounding': return 'Grounding exercise';
    case 'back': return o.context === 'journal' ? 'Back to journal' : 'Close';
    case 'numbers': return 'Saved numbers';
    case 'coping': return 'See coping ideas';
    case 'not-now': return 'Not now';
    case 'never': return "Don't show these again";
    case 'support': return 'Need support now?';
    default: return '';
  }
}

/* ---- Support numbers --------------------------------------------------------------------- */

/** The saved-number fields, in the order they show. */
export const NUMBER_FIELDS = /** @type {const} */ ([
  ['emergency', 'Emergency'],
  ['crisisLine', 'Crisis or listening line'],
  ['assaultService', 'Sexual-assault support service'],
  ['trustedName', 'Someone I trust: name'],
  ['trustedNumber', 'Someone I trust: number'],
]);

/** @returns {SupportNumbers} */
export function emptyNumbers() {
  return { emergency: '', crisisLine: '', assaultService: '', trustedName: '', trustedNumber: '' };
}

/**
 * Numbers with every field present and trimmed.
 * @param {Partial<SupportNumbers>|null|undefined} n
 * @returns {SupportNumbers}
 */
export function cleanNumbers(n) {
  const out = emptyNumbers();
  for (const [key] of NUMBER_FIELDS) out[key] = String(n?.[key] ?? '').trim();
  return out;
}

/**
 * The saved numbers as rows to show, only those with a number.
 * @param {Partial<SupportNumbers>|null|undefined} n
 * @returns {{key: string, label: string, value: string}[]}
 */
export function numberRows(n) {
  const c = cleanNumbers(n);
  const rows = [
    { key: 'emergency', label: 'Emergency', value: c.emergency },
    { key: 'crisisLine', label: 'Crisis or listening line', value: c.crisisLine },
    { key: 'assaultService', label: 'Sexual-assault support service', value: c.assaultService },
    { key: 'trusted', label: c.trustedName ? `Someone I trust: ${c.trustedName}` : 'Someone I trust', value: c.trustedNumber },
  ];
  return rows.filter((r) => r.value);
}

/**
 * What the numbers block can say: 'locked' (none readable until unlock), 'none' saved, or 'some'.
 * @param {SupportInfo|null|undefined} info
 * @returns {'locked'|'none'|'some'}
 */
export function numbersState(info) {
  if (!info || !info.numbers) return info?.locked ? 'locked' : 'none';
  return numberRows(info.numbers).length ? 'some' : 'none';
}

/**
 * Whether a saved emergency number shows in the numbers block.
 * @param {SupportInfo|null|undefined} info
 */
export function emergencyShown(info) {
  return numbersState(info) === 'some' && cleanNumbers(info?.numbers).emergency !== '';
}

/**
 * A card's blocks for showing. The emergency fact ({noNumber}) shows only when no saved
 * emergency number does (none saved, locked, or only other numbers). The hint right after the
 * numbers ("Nothing saved yet? …", after the fact if there is one) only makes sense when
 * nothing is saved, so it is left out otherwise.
 * @param {Block[]} blocks
 * @param {'locked'|'none'|'some'} state
 * @param {boolean} [emergency] a saved emergency number shows
 * @returns {Block[]}
 */
export function visibleBlocks(blocks, state, emergency = false) {
  const list = blocks ?? [];
  /** Whether the block at i follows the numbers block, with only the emergency fact between. */
  const afterNumbers = (/** @type {number} */ i) => {
    let j = i - 1;
    while (j >= 0 && typeof list[j].noNumber === 'string') j -= 1;
    return j >= 0 && !!list[j].numbers;
  };
  return list.filter((b, i) => {
    if (typeof b.noNumber === 'string') return !emergency;
    return !(b.hint && afterNumbers(i) && state !== 'none');
  });
}

/* ---- Safety plan and aftercare needs ----------------------------------------------------- */

/** The safety plan's parts: key, label, hint. */
export const SAFETY_PLAN_FIELDS = /** @type {const} */ ([
  ['warningSigns', 'Warning signs that things are getting hard',
    'Thoughts, feelings or situations that tell you a hard time might be starting.'],
  ['whatHelps', 'Things that help me',
    'Things you can do on your own to feel a little steadier: places, music, activities, words.'],
  ['people', 'People I can contact',
    'People you could talk to or be with, and how to reach them.'],
  ['professionals', 'Professionals and services',
    "A doctor, counsellor or support line, with numbers you've checked yourself."],
  ['saferSpace', 'Making my space safer',
    'Small steps that make where you are feel safer when things are hard, such as asking someone to be with you.'],
]);

/** @returns {SafetyPlan} */
export function emptySafetyPlan() {
  return { warningSigns: '', whatHelps: '', people: '', professionals: '', saferSpace: '' };
}

/** @returns {AftercareNeeds} */
export function emptyAftercareNeeds() {
  return {
    closeness: null, items: [], openingLine: false, closenessNote: '', wordsNote: '', bodyNote: '', laterNote: '', otherNote: '',
  };
}

/** The closeness choice, in the person's words. */
export const CLOSENESS = /** @type {const} */ ([
  ['closeness', 'Closeness'],
  ['space', 'Some space'],
  ['depends', 'It depends'],
]);

/** Friendly, first-person headings for aftercare groups. @type {Record<string, string>} */
export const NEED_GROUPS = {
  closeness: 'Closeness and touch',
  words: 'Words',
  'body-care': 'Looking after my body',
  acts: 'Practical care',
  later: 'Later on',
  'self-comfort': 'Comfort I give myself',
  other: 'Anything else',
};

/** Which note belongs under which group. @type {Record<string, keyof AftercareNeeds>} */
export const NOTE_FOR_GROUP = {
  closeness: 'closenessNote',
  words: 'wordsNote',
  'body-care': 'bodyNote',
  later: 'laterNote',
  other: 'otherNote',
};

/** The sentence the card opens with, for each closeness choice. @type {Record<string, string>} */
const CLOSENESS_LEAD = {
  closeness: 'Closeness usually helps me afterwards.',
  space: 'I usually like some space afterwards.',
  depends: 'Whether I want closeness or space depends on the day, so asking me helps.',
};

/** The line the card can open with, for a partner, when the person chooses it. */
export const AFTERCARE_OPENING = "I sometimes feel low after sex. It isn't about you. What helps me is…";

/** @param {string} s */
function capitalise(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/**
 * "My aftercare card": the chosen items and notes under friendly headings, items in the order of
 * the shipped aftercare list, with unknown ids (items no longer shipped) under "Anything else".
 * @param {AftercareNeeds|null|undefined} needs
 * @param {{id: string, label: string, group?: string}[]} aftercare the shipped aftercare chips
 * The opening line for a partner comes first when chosen, and only with something after it.
 * @returns {{opening: string, lead: string, sections: {id: string, title: string, items: string[], note: string}[], empty: boolean}}
 */
export function aftercareCard(needs, aftercare) {
  const n = { ...emptyAftercareNeeds(), ...(needs ?? {}) };
  const chosen = new Set(n.items ?? []);
  /** @type {Map<string, string[]>} */
  const items = new Map();
  for (const w of aftercare ?? []) {
    const g = w.group && NEED_GROUPS[w.group] ? w.group : 'other';
    if (chosen.has(w.id)) {
      if (!items.has(g)) items.set(g, []);
      /** @type {string[]} */ (items.get(g)).push(capitalise(w.label));
      chosen.delete(w.id);
    }
  }
  if (chosen.size) {
    if (!items.has('other')) items.set('other', []);
    /** @type {string[]} */ (items.get('other')).push(...[...chosen].map((id) => capitalise(id.replace(/-/g, ' '))));
  }
  // The headings' order ("Anything else" last), which is also the shipped list's order.
  const sections = Object.keys(NEED_GROUPS).map((g) => {
    const noteKey = NOTE_FOR_GROUP[g];
    const note = noteKey ? String(n[noteKey] ?? '').trim() : '';
    return { id: g, title: NEED_GROUPS[g], items: items.get(g) ?? [], note };
  }).filter((s) => s.items.length || s.note);
  const lead = n.closeness ? CLOSENESS_LEAD[n.closeness] ?? '' : '';
  const empty = !lead && sections.length === 0;
  return { opening: n.openingLine === true && !empty ? AFTERCARE_OPENING : '', lead, sections, empty };
}

/* ---- Check-ins --------------------------------------------------------------------------- */

/**
 * The timing a follow-up entry gets for each kind of check-in.
 * @param {CheckIn|string|null|undefined} checkIn
 * @returns {Timing|null}
 */
export function timingForCheckIn(checkIn) {
  if (checkIn === 'few-hours') return 'later-that-day';
  if (checkIn === 'tomorrow') return 'next-day';
  return null;
}

/**
 * The due check-in to offer: the one about the most recent entry.
 * @param {DueCheckIn[]|null|undefined} list
 * @returns {DueCheckIn|null}
 */
export function newestDue(list) {
  const sorted = [...(list ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || Date.parse(b.due) - Date.parse(a.due));
  return sorted[0] ?? null;
}

/**
 * When Tend stops asking, if the card is left alone: the latest `until` of those due.
 * @param {DueCheckIn[]|null|undefined} list
 * @returns {string}
 */
export function lastUntil(list) {
  const times = (list ?? []).map((d) => d.until).filter((u) => !Number.isNaN(Date.parse(u)));
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? '';
}

/**
 * A day and time put kindly, before or after `now`; null when `at` can't be read. The time,
 * weekday and date are written as the computer's language and region write them (or `locale`).
 * @param {string} at RFC 3339
 * @param {Date} now
 * @param {boolean} ahead
 * @param {string} [locale]
 */
function friendlyDay(at, now, ahead, locale) {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return null;
  const time = timeOf(d, locale);
  const startOf = (/** @type {Date} */ x) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((ahead ? startOf(d) - startOf(now) : startOf(now) - startOf(d)) / 86_400_000);
  if (days <= 0) return `${ahead ? 'later' : 'earlier'} today at ${time}`;
  if (days === 1) return `${ahead ? 'tomorrow' : 'yesterday'} at ${time}`;
  if (days < 7) return `on ${dateFormat({ weekday: 'long' }, locale).format(d)} at ${time}`;
  const sameYear = d.getFullYear() === now.getFullYear();
  return `on ${dateFormat(sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' }, locale).format(d)}`;
}

/**
 * A friendly "when" for an earlier entry: "earlier today at 14:05", "yesterday at 21:30",
 * "on Tuesday at 21:30" within the week, else "on 28 November" (with the year if not this one).
 * @param {string} at RFC 3339
 * @param {Date} [now]
 * @param {string} [locale] left out: the computer's own
 */
export function friendlyWhen(at, now = new Date(), locale = undefined) {
  return friendlyDay(at, now, false, locale) ?? 'earlier';
}

/**
 * A friendly "by when" for a moment ahead: "later today at 21:30", "tomorrow at 09:00", "on
 * Tuesday at 21:30" within the week, else "on 2 December" (with the year if not this one).
 * @param {string} at RFC 3339
 * @param {Date} [now]
 * @param {string} [locale] left out: the computer's own
 */
export function friendlyUntil(at, now = new Date(), locale = undefined) {
  return friendlyDay(at, now, true, locale) ?? 'in a few days';
}

/**
 * Text folded for finding: lower case, accents set aside, runs of space as one.
 * @param {string} text
 */
export function foldText(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Whether `text` holds every word of `query` (case and accents aside); an empty query matches.
 * @param {string} text
 * @param {string} query
 */
export function matchesWords(text, query) {
  const hay = foldText(text);
  return foldText(query).split(' ').filter((w) => w).every((w) => hay.includes(w));
}
