// @ts-check
/**
 * @file The log form: the mood grid (the only required step) and calm optional sections.
 * Used for new entries on the Log screen and, pre-filled, for editing in the Journal, where an
 * entry with no mood recorded may keep none. It reads the person's recent entries once, without
 * waiting, to show the aftercare they mark most first; a new entry can be linked, as a follow-up,
 * to one from the last seven days.
 */

import * as api from '../api.js';
import { h, fill, field, labelled, noteEl, showNote, announce } from '../dom.js';
import { createMoodPad } from './mood-pad.js';
import {
  emptyState, stateFromEntry, inputFromState, toggle, countChosen, momentOf, momentAt, fieldsOf,
  aftercareUsage, aftercareFirst, followCandidates,
} from '../entry-model.js';
import {
  CONTEXT_GROUPS, AFTERCARE_GROUPS, BODY_GROUPS, LABEL_EXPLAINERS, CHOICES, CHECK_INS, COMMON_AFTERCARE,
  grouped, byQuadrant, visibleEmotions, offeredBody, choiceLabel, checkInLabel, labelOf,
} from '../words.js';
import { dayHeading, timeOf, firstLine } from '../format.js';
import { QUADRANT_NAMES, QUADRANT_HINTS, entryMood } from '../mood.js';
import { session, refreshWords, handleLocked } from '../session.js';
import { saveWithNote } from '../save-note.js';

/** @typedef {import('../api.js').Entry} Entry */
/** @typedef {import('../words.js').Word} Word */
/** @typedef {import('../entry-model.js').FormState} FormState */
/** @typedef {'emotions'|'labels'|'context'|'aftercareGot'|'aftercareWanted'|'body'} SetKey */

/** About how many aftercare items show before "More aftercare". */
const CARE_FIRST = 8;

/** The grid's line while editing an entry with no mood recorded and no point placed. */
const NO_MOOD_PAD_TEXT = 'No mood recorded. You can place a point if one feels right, or leave it as it is.';

/**
 * A toggle chip.
 * @param {{attr: string, id: string, label: string, pressed: boolean, onToggle: (btn: HTMLElement) => void, describedBy?: string, cls?: string}} o
 */
function chip({ attr, id, label, pressed, onToggle, describedBy, cls }) {
  const btn = h('button', {
    type: 'button',
    class: `chip ${cls ?? ''}`.trim(),
    'aria-pressed': String(pressed),
    'aria-describedby': describedBy,
    onClick: () => onToggle(btn),
  }, h('span', { class: 'chip-mark', 'aria-hidden': 'true' }), h('span', { class: 'chip-text', text: label }));
  btn.setAttribute(`data-${attr}`, id);
  return btn;
}

/** @param {HTMLElement} btn @param {boolean} on */
function setPressed(btn, on) {
  btn.setAttribute('aria-pressed', String(on));
}

/**
 * Words in their groups, each group a fieldset named by its legend.
 * @param {Word[]} list
 * @param {Record<string, string>} names the groups' names
 * @param {(items: Word[], group: string) => any} body what shows under the legend
 * @param {(group: string) => string} [cls]
 */
function wordGroups(list, names, body, cls = () => 'chip-group') {
  return grouped(list).map(({ group, items }) => h('fieldset', { class: cls(group) },
    h('legend', { text: names[group] ?? group }),
    body(items, group)));
}

/**
 * An "add your own" row: label, text field and Add button (Enter in the field adds too), and
 * a note for problems. The new word is saved, the word lists read again, then `onAdded` runs.
 * @param {{key: string, label: string, empty: string, noun: string,
 *   add: (text: string) => Promise<{id: string, label: string}>,
 *   onAdded: (w: {id: string, label: string}) => void}} o
 */
function ownWordAdder({ key, label, empty, noun, add, onAdded }) {
  const input = /** @type {HTMLInputElement} */ (field({ id: `own-${key}-input`, type: 'text', class: 'input input-short', maxlength: '60' }));
  const note = noteEl(`own-${key}-note`);
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: `own-${key}-add`, class: 'button button-quiet', text: 'Add' }));
  async function addOwn() {
    const text = input.value.trim();
    if (!text) {
      showNote(note, empty, 'info');
      input.focus();
      return;
    }
    await saveWithNote(button, note, async () => {
      const w = await add(text);
      await refreshWords();
      input.value = '';
      showNote(note, '');
      onAdded(w);
      announce(`Added “${w.label}” to your ${noun}, and chose it.`);
    });
  }
  button.addEventListener('click', addOwn);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); addOwn(); }
  });
  input.setAttribute('aria-describedby', note.id);
  const el = h('div', { class: 'field add-own' },
    h('label', { for: input.id, text: label }),
    h('div', { class: 'inline-add' }, input, button),
    note);
  return { el, reset: () => { input.value = ''; showNote(note, ''); } };
}

/**
 * @typedef {{
 *   key: string, details: HTMLDetailsElement, count: HTMLElement,
 *   countText: () => string,
 *   pressed: (d: DOMStringMap) => boolean|null,
 * }} Section
 * `countText` is what the summary shows; `pressed` says whether a button inside (by its data
 * attributes) stands for something chosen, or null when it stands for nothing in the state.
 */

/**
 * A collapsible section with a count of what is chosen inside.
 * @param {{key: string, title: string, open?: boolean, body: any[],
 *   countText: Section['countText'], pressed: Section['pressed']}} o
 * @returns {Section}
 */
function section({ key, title, open = false, body, countText, pressed }) {
  const count = h('span', { class: 'section-count', dataset: { count: key } });
  const details = /** @type {HTMLDetailsElement} */ (h('details', { class: 'log-section', dataset: { section: key }, open },
    h('summary', null, h('span', { class: 'section-title', text: title }), count),
    h('div', { class: 'section-body' }, body)));
  return { key, details, count, countText, pressed };
}

/**
 * What the builders below need from the form: its current state (a reset replaces it) and a
 * way to say something changed, so the counts are refreshed.
 * @typedef {{state: () => FormState, changed: () => void}} FormContext
 */

/**
 * How a section of many-choice words counts and syncs.
 * @param {FormContext} form
 * @param {Parameters<typeof countChosen>[1]} part
 * @param {Record<string, SetKey>} sets a button's data attribute (as a dataset key) → the state's set
 * @returns {Pick<Section, 'countText'|'pressed'>}
 */
function manyChoice(form, part, sets) {
  return {
    countText: () => {
      const n = countChosen(form.state(), part);
      return n > 0 ? `${n} chosen` : '';
    },
    pressed: (d) => {
      for (const [attr, set] of Object.entries(sets)) {
        const id = d[attr];
        if (id) return form.state()[set].has(id);
      }
      return null;
    },
  };
}

/**
 * A chip that adds its word to one of the state's sets, or takes it out.
 * @param {FormContext} form
 * @param {SetKey} set
 * @param {string} attr its data attribute
 * @param {{id: string, label: string}} w
 * @param {{cls?: string, describedBy?: string}} [o]
 */
function setChip(form, set, attr, w, o = {}) {
  return chip({
    attr,
    id: w.id,
    label: w.label,
    pressed: form.state()[set].has(w.id),
    ...o,
    onToggle: (btn) => { setPressed(btn, toggle(form.state()[set], w.id)); form.changed(); },
  });
}

/**
 * A chip group: words in their groups, each a fieldset of chips named by its legend, for words
 * kept in one of the state's sets (the chips' data attribute is named after the set).
 * @param {FormContext} form
 * @param {Word[]} list
 * @param {Record<string, string>} names the groups' names
 * @param {'context'|'body'} set
 * @param {{cls?: (group: string) => string, intro?: (group: string) => HTMLElement|null}} [o]
 */
function chipGroups(form, list, names, set, o = {}) {
  return wordGroups(list, names, (items, group) => [
    o.intro?.(group) ?? null,
    h('div', { class: 'chips' }, items.map((w) => setChip(form, set, set, w))),
  ], o.cls);
}

/**
 * A "got" or "wanted" toggle for one aftercare item.
 * @param {FormContext} form
 * @param {'got'|'wanted'} which
 * @param {Word} w
 */
function careToggle(form, which, w) {
  const set = which === 'got' ? 'aftercareGot' : 'aftercareWanted';
  const btn = h('button', {
    type: 'button',
    class: `toggle toggle-${which}`,
    'aria-pressed': String(form.state()[set].has(w.id)),
    'aria-label': `${which}: ${w.label}`,
    [`data-aftercare-${which}`]: w.id,
    onClick: () => { setPressed(btn, toggle(form.state()[set], w.id)); form.changed(); },
  }, h('span', { class: 'toggle-mark', 'aria-hidden': 'true' }), h('span', { text: which }));
  return btn;
}

/**
 * A single-choice section: one answer or none, and pressing the chosen one again clears it.
 * The summary shows the chosen answer's words. `skip` adds a "skip" chip that clears the
 * answer and closes the section.
 * @param {FormContext} form
 * @param {{key: 'choice'|'checkIn', attr: string, title: string, hint: string,
 *   pairs: readonly (readonly [string, string])[], name: (id: string) => string,
 *   even?: boolean, skip?: boolean}} o
 * @returns {Section}
 */
function singleChoiceSection(form, { key, attr, title, hint, pairs, name, even = false, skip = false }) {
  /** @param {string|null} v */
  const choose = (v) => { /** @type {any} */ (form.state())[key] = v; };
  const hintId = `${attr}-hint`;
  const buttons = pairs.map(([id, label]) => chip({
    attr,
    id,
    label,
    pressed: form.state()[key] === id,
    cls: even ? 'chip-even' : undefined,
    onToggle: (btn) => {
      choose(form.state()[key] === id ? null : id);
      for (const b of buttons) setPressed(b, b === btn && form.state()[key] === id);
      form.changed();
    },
  }));
  const skipButton = skip ? h('button', {
    type: 'button',
    class: 'chip chip-even chip-skip',
    [`data-${attr}-skip`]: '',
    onClick: () => {
      choose(null);
      for (const b of buttons) setPressed(b, false);
      form.changed();
      s.details.open = false;
      s.details.querySelector('summary')?.focus();
    },
  }, h('span', { class: 'chip-text', text: 'skip' })) : null;
  const dataKey = attr.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const s = section({
    key,
    title,
    body: [
      h('p', { class: 'hint', id: hintId, text: hint }),
      h('div', { class: even ? 'chips chips-even' : 'chips', role: 'group', 'aria-labelledby': hintId }, buttons, skipButton),
    ],
    countText: () => {
      const v = form.state()[key];
      return v ? name(v) : '';
    },
    pressed: (d) => (d[dataKey] ? form.state()[key] === d[dataKey] : null),
  });
  return s;
}

/** The plain answers to "when was the moment?"; `other` opens a day and a time. */
const WHENS = /** @type {const} */ ([
  ['now', 'Just now'],
  ['earlier-today', 'Earlier today'],
  ['last-night', 'Last night'],
  ['days-ago', 'A day or two ago'],
  ['other', 'Another day or time'],
]);

/**
 * "When was the moment?": a new entry answers in plain words (just now unless said), or with a
 * day and a time; an edited one shows its own day and time, which can be changed. The entry
 * sits on that day in the journal and in Trends, and how long after is told by the two times.
 * @param {FormContext} form
 * @param {{mode: 'new'|'edit', entry?: Entry|null}} o
 */
function whenBlock(form, { mode, entry }) {
  const note = h('p', { id: 'when-note', class: 'hint when-note', 'aria-live': 'polite' });
  const date = /** @type {HTMLInputElement} */ (field({ id: 'when-date', type: 'date', class: 'input input-date' }));
  const time = /** @type {HTMLInputElement} */ (field({ id: 'when-time', type: 'time', class: 'input input-time' }));
  const other = h('div', { class: 'when-other' },
    h('div', { class: 'field' }, h('label', { for: date.id, text: 'Day' }), date),
    h('div', { class: 'field' }, h('label', { for: time.id, text: 'Time (if you know it)' }), time));
  /** The entry's own moment and timing, kept while the day and time still say it. */
  const own = { at: entry?.at ?? null, timing: entry?.timing ?? null };

  /** Says where the entry will sit, or why a typed moment can't be used. */
  function tell() {
    const s = form.state();
    if (!s.at) {
      note.textContent = s.when === 'other' ? 'Choose a day that has already happened.' : '';
      delete note.dataset.tone;
      return;
    }
    const d = new Date(s.at);
    note.textContent = s.when === 'other' || mode === 'edit'
      ? `It sits on ${dayHeading(d)}, ${timeOf(d)}.`
      : `It will sit on ${dayHeading(d)}.`;
  }
  /** A moved moment says anew how long after it was (the core tells it from the two times). */
  function place(/** @type {string|null} */ at) {
    const s = form.state();
    // The same minute as the entry's own moment is its own moment (its seconds, its timing).
    const same = !!at && !!own.at && Math.floor(new Date(at).getTime() / 60_000) === Math.floor(new Date(own.at).getTime() / 60_000);
    s.at = same ? own.at : at;
    s.timing = !at || same ? own.timing : null;
  }
  /** Why the day and time shown can't be saved, or null when they can. */
  function problem() {
    const s = form.state();
    const shown = mode === 'edit' || s.when === 'other';
    if (!shown) return null;
    // What the fields hold now, even if they weren't left (no change event yet).
    if (date.value) fromFields();
    // An entry's own moment, unchanged, is always fine (even one the clock has not reached).
    if (mode === 'edit' && own.at && s.at === own.at) return null;
    if (!date.value) {
      return mode === 'new'
        ? 'Choose the day of the moment, or pick one of the plain answers above it.'
        : 'Choose the day of the moment.';
    }
    if (date.value && !momentAt(date.value, time.value, new Date())) {
      return 'That day and time can’t be used: choose one that has already happened.';
    }
    return null;
  }
  function fromFields() {
    const at = momentAt(date.value, time.value, new Date());
    if (at) place(at);
    else if (mode === 'new') place(null);
    tell();
    if (!at && date.value) {
      note.textContent = 'That day and time can’t be used: choose one that has already happened.';
      note.dataset.tone = 'info';
    }
    form.changed();
  }
  date.addEventListener('change', fromFields);
  time.addEventListener('change', fromFields);
  // Today, read whenever the field is used (the form may stay open past midnight).
  date.addEventListener('focus', () => { date.max = fieldsOf(new Date().toISOString()).date; });
  date.max = fieldsOf(new Date().toISOString()).date;

  const buttons = mode === 'new' ? WHENS.map(([id, label]) => chip({
    attr: 'when',
    id,
    label,
    pressed: form.state().when === id,
    onToggle: () => {
      const s = form.state();
      s.when = id;
      if (id === 'other') {
        if (!date.value) {
          const base = s.at ?? new Date().toISOString();
          ({ date: date.value, time: time.value } = fieldsOf(base));
        }
        fromFields();
        date.focus();
      } else {
        place(momentOf(id, new Date()));
      }
      sync();
      form.changed();
    },
  })) : [];

  /** Shows what the state holds (after a reset, a draft or a follow-up). */
  function sync() {
    const s = form.state();
    if (mode === 'new' && s.when === null) s.when = s.at ? 'other' : 'now';
    for (const b of buttons) setPressed(b, b.dataset.when === s.when);
    const showFields = mode === 'edit' || s.when === 'other';
    other.hidden = !showFields;
    if (showFields && s.at) ({ date: date.value, time: time.value } = fieldsOf(s.at));
    if (mode === 'new' && s.when !== 'other' && !s.at) { date.value = ''; time.value = ''; }
    tell();
  }
  const el = h('fieldset', { class: 'when', id: 'when' },
    h('legend', { text: 'When was the moment?' }),
    buttons.length ? h('div', { class: 'chips' }, buttons) : null,
    other,
    note);
  sync();
  return {
    el,
    sync,
    problem,
    /** Moves focus to the day, where a problem can be put right. */
    focus: () => date.focus(),
    /** A follow-up's own timing (how long after the earlier moment), kept while it is "just now". */
    follow: (/** @type {import('../api.js').Timing|null} */ timing) => { own.timing = timing; },
  };
}

/**
 * "This is about an earlier moment" (new entries only): a quiet button that opens a list of the
 * person's entries from the last seven days, read afresh each time it opens. Choosing one links
 * this entry to it as a follow-up (radio-like: choosing it again, or "Don't link it", lets it
 * go). No timing is set: a follow-up is about now, and Trends pairs it with the entry it follows.
 * @param {FormContext} form
 * @param {{emotionLabel: (id: string) => string, linked: () => void}} o `linked` runs after the
 *   link changes (to show or hide the follow note)
 */
function followPicker(form, { emotionLabel, linked }) {
  const note = h('p', { id: 'follow-pick-note', class: 'hint follow-pick-note', 'aria-live': 'polite' });
  const list = h('div', { class: 'chips follow-list', role: 'group', 'aria-label': 'Your entries from the last 7 days', hidden: true });
  const panel = h('div', { id: 'follow-choices', class: 'follow-choices', hidden: true }, note, list);
  /** Counts openings, so a slow read for an earlier one changes nothing. */
  let round = 0;
  const button = h('button', {
    type: 'button',
    id: 'follow-pick',
    class: 'link-button',
    'aria-expanded': 'false',
    'aria-controls': panel.id,
    text: 'This is about an earlier moment',
    onClick: () => { if (button.getAttribute('aria-expanded') === 'true') close(); else open(); },
  });

  /** Shows which entry is linked (after a choice, a reset, a draft or a check-in). */
  function sync() {
    const follows = form.state().follows;
    for (const b of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('[data-follow]'))) {
      setPressed(b, b.dataset.follow === follows);
    }
  }

  /** @param {Entry} e */
  function choice(e) {
    const d = new Date(e.at);
    const mood = entryMood(e);
    const felt = (e.emotions ?? []).slice(0, 3).map(emotionLabel).join(', ') || firstLine(e.text ?? '', 48);
    return h('button', {
      type: 'button',
      class: 'chip follow-choice',
      'aria-pressed': String(form.state().follows === e.id),
      'data-follow': e.id,
      onClick: () => {
        const s = form.state();
        s.follows = s.follows === e.id ? null : e.id;
        sync();
        linked();
        form.changed();
        announce(s.follows ? 'It will be linked to that entry.' : 'It won’t be linked.');
      },
    },
    h('span', { class: 'chip-mark', 'aria-hidden': 'true' }),
    h('span', { class: 'follow-choice-text' },
      h('span', { class: 'follow-choice-when', text: `${dayHeading(d)}, ${timeOf(d)}` }),
      h('span', { class: 'visually-hidden', text: ': ' }),
      h('span', { class: 'follow-choice-what' },
        mood.quadrant ? h('span', { class: `shape shape-${mood.quadrant}`, 'aria-hidden': 'true' }) : null,
        felt ? `${mood.name}: ${felt}` : mood.name)));
  }

  /** Reads the recent entries afresh and lists them, or says calmly that there are none. @returns {Promise<void>} */
  async function open() {
    const mine = ++round;
    button.setAttribute('aria-expanded', 'true');
    panel.hidden = false;
    /** @type {Entry[]} */
    let recent;
    try {
      recent = followCandidates((await api.listEntries(0, 50))?.items ?? [], new Date());
    } catch (e) {
      if (mine !== round || handleLocked(e)) return;
      note.textContent = 'Your recent entries couldn’t be read just now. You can try again, or save this one on its own.';
      return;
    }
    if (mine !== round) return;
    if (recent.length === 0) {
      note.textContent = 'There are no entries from the last 7 days to link to. This one can stand on its own.';
      list.hidden = true;
      return;
    }
    note.textContent = 'Choose the entry this one follows on from.';
    list.replaceChildren(...recent.map(choice));
    list.hidden = false;
  }

  /** Folds the list away; the link, if any, stays (the follow note shows it). */
  function close() {
    round += 1;
    button.setAttribute('aria-expanded', 'false');
    panel.hidden = true;
    list.hidden = true;
    list.replaceChildren();
    note.textContent = '';
  }

  return { el: h('div', { class: 'follow-pick' }, button, panel), sync, close };
}

/**
 * @param {{
 *   mode?: 'new'|'edit',
 *   entry?: Entry|null,
 *   onSaved?: (entry: Entry) => void,
 *   onCancel?: () => void,
 * }} opts
 */
export function createLogForm(opts) {
  const mode = opts.mode ?? 'new';
  // Editing an entry with no mood recorded (an imported one): the grid starts with no point,
  // and saving without placing one keeps it that way. A new entry still needs its point.
  const moodOptional = mode === 'edit' && !!opts.entry && !opts.entry.mood;
  /** @type {FormState} */
  let state = opts.entry ? stateFromEntry(opts.entry) : emptyState();
  let showAllEmotions = false;
  let ready = false;
  const words = () => /** @type {import('../words.js').WordIndex} */ (session.words);

  /** The sections, in order, once built: they drive the counts, syncing and opening. @type {Section[]} */
  let sections = [];
  function refreshCounts() {
    for (const s of sections) s.count.textContent = s.countText();
  }
  /** @type {FormContext} */
  const form = { state: () => state, changed: refreshCounts };

  // ---- Mood grid -------------------------------------------------------------------------
  const pad = createMoodPad({
    initial: state.mood,
    unsetText: moodOptional ? NO_MOOD_PAD_TEXT : undefined,
    onChange: (m) => {
      state.mood = m;
      showNote(saveNote, '');
    },
    onQuadrant: () => { if (ready) renderEmotions(); },
    // Enter on the grid goes on to Save rather than saving a bare entry at once; with no point
    // yet it says so. Ctrl+Enter saves from anywhere.
    onSubmit: () => {
      if (!state.mood && !moodOptional) { save(); return; }
      saveBtn.focus();
    },
  });

  // ---- Feeling words ---------------------------------------------------------------------
  const emotionChips = h('div', { class: 'chips', id: 'emotion-chips', role: 'group', 'aria-label': 'Feeling words' });
  const showAllBtn = h('button', {
    type: 'button',
    id: 'emotions-show-all',
    class: 'link-button',
    'aria-expanded': 'false',
    'aria-controls': 'emotion-chips',
    text: 'Show all words',
    onClick: () => {
      showAllEmotions = !showAllEmotions;
      showAllBtn.setAttribute('aria-expanded', String(showAllEmotions));
      showAllBtn.textContent = showAllEmotions ? 'Show fewer words' : 'Show all words';
      renderEmotions();
    },
  });
  const emotionsLead = h('p', { class: 'hint' });

  function currentQuadrant() {
    const q = pad.pad.dataset.quadrant;
    return q ? /** @type {import('../api.js').Quadrant} */ (q) : null;
  }

  /** @param {Word} w */
  const emotionChip = (w) => setChip(form, 'emotions', 'emotion', w, { cls: `chip-q-${w.quadrant ?? 'mixed'}` });

  function renderEmotions() {
    const q = currentQuadrant();
    const list = visibleEmotions(words().emotions, q, state.emotions, showAllEmotions);
    if (showAllEmotions) {
      // Every word, under the quadrant it tends to go with: each a fieldset named by its legend.
      emotionChips.className = 'emotion-groups';
      emotionChips.replaceChildren(...byQuadrant(list).map(({ quadrant, items }) => h('fieldset', { class: 'chip-group emotion-group', dataset: { quadrant } },
        h('legend', null,
          h('span', { class: 'emotion-group-name' },
            h('span', { class: `shape shape-${quadrant}`, 'aria-hidden': 'true' }),
            QUADRANT_NAMES[quadrant] ?? quadrant),
          QUADRANT_HINTS[quadrant] ? h('span', { class: 'emotion-group-hint', text: ` (${QUADRANT_HINTS[quadrant]})` }) : null),
        h('div', { class: 'chips' }, items.map(emotionChip)))));
    } else {
      emotionChips.className = 'chips';
      emotionChips.replaceChildren(...list.map(emotionChip));
    }
    if (showAllEmotions) emotionsLead.textContent = 'Every word, grouped by how it tends to feel. Pick any that fit, or none.';
    else if (q && q !== 'mixed') emotionsLead.textContent = `Words that often go with ${QUADRANT_NAMES[q]}, and some for mixed feelings. Pick any that fit, or none.`;
    else if (q === 'mixed') emotionsLead.textContent = 'Words for mixed or unclear feelings. Show all words for more.';
    else emotionsLead.textContent = 'Place the point on the grid and words that fit it show here. Or show all words.';
  }

  const ownEmotion = ownWordAdder({
    key: 'emotion',
    label: 'Add a word of your own',
    empty: 'Type a word first, then add it.',
    noun: 'words',
    add: (text) => api.addOwnEmotion(text, currentQuadrant() ?? 'mixed'),
    onAdded: (w) => { state.emotions.add(w.id); renderEmotions(); refreshCounts(); },
  });

  const emotions = section({
    key: 'emotions',
    title: 'Feeling words',
    open: true,
    body: [emotionsLead, emotionChips, h('div', { class: 'section-actions' }, showAllBtn), ownEmotion.el],
    ...manyChoice(form, 'emotions', { emotion: 'emotions' }),
  });

  // ---- Labels ----------------------------------------------------------------------------
  const labelList = h('div', { class: 'label-list' });
  function renderLabels() {
    labelList.replaceChildren(...words().labels.map((l) => {
      const explainer = LABEL_EXPLAINERS[l.id];
      const descId = explainer ? `label-explainer-${l.id}` : undefined;
      return h('div', { class: 'label-item' },
        setChip(form, 'labels', 'label', l, { describedBy: descId }),
        explainer ? h('p', { class: 'label-explainer', id: descId, text: explainer }) : null);
    }));
  }
  const ownLabel = ownWordAdder({
    key: 'label',
    label: 'Add a name of your own',
    empty: 'Type a name first, then add it.',
    noun: 'names',
    add: (text) => api.addOwnLabel(text),
    onAdded: (l) => { state.labels.add(l.id); renderLabels(); refreshCounts(); },
  });
  const labels = section({
    key: 'labels',
    title: 'Names for it',
    body: [
      h('p', { class: 'hint', text: 'If one of these names fits, you can add it. None is needed.' }),
      labelList,
      ownLabel.el,
    ],
    ...manyChoice(form, 'labels', { label: 'labels' }),
  });

  // ---- Context ---------------------------------------------------------------------------
  const partnerInput = /** @type {HTMLInputElement} */ (field({
    id: 'log-partner', type: 'text', class: 'input input-short', maxlength: '60', value: state.partner,
  }));
  partnerInput.addEventListener('input', () => { state.partner = partnerInput.value; refreshCounts(); });
  const context = section({
    key: 'context',
    title: 'What it was',
    body: [
      ...chipGroups(form, words().contexts, CONTEXT_GROUPS, 'context'),
      labelled({ label: 'Partner (optional)', hint: 'Initials or a nickname, if you like.', control: partnerInput }),
    ],
    ...manyChoice(form, 'context', { context: 'context' }),
  });

  // ---- Choice check ----------------------------------------------------------------------
  const choice = singleChoiceSection(form, {
    key: 'choice',
    attr: 'choice',
    title: 'Did it all feel like your choice?',
    hint: 'Only if you want to answer. Skipping is completely fine.',
    pairs: CHOICES,
    name: choiceLabel,
    even: true,
    skip: true,
  });

  // ---- Aftercare -------------------------------------------------------------------------
  // About eight items show first: anything already chosen, then what this person marks most,
  // then the ones most people use (COMMON_AFTERCARE). The rest wait under "More aftercare", a
  // <details>, so every toggle stays in the page. Until their entries are read, the common lead.
  /** How many of the person's recent entries name each item (read below). @type {Map<string, number>} */
  let careUsage = new Map();
  /** The entries were read while the section was open: the order changes once it is closed. */
  let careStale = false;
  const sym = (/** @type {string} */ mark) => h('span', { class: 'sym', 'aria-hidden': 'true', text: mark });
  const careFirstList = h('ul', { class: 'care-list care-first', id: 'aftercare-first' });
  const careMoreBody = h('div', { class: 'care-more-body' });
  const careMore = /** @type {HTMLDetailsElement} */ (h('details', { class: 'care-more', id: 'aftercare-more' },
    h('summary', { id: 'aftercare-more-summary', text: 'More aftercare' }),
    careMoreBody));
  /** @param {Word} w */
  const careRow = (w) => h('li', { class: 'care-row' },
    h('span', { class: 'care-label', text: w.label }),
    h('span', { class: 'care-toggles' }, careToggle(form, 'got', w), careToggle(form, 'wanted', w)));

  // "I wanted more care than I got": one tap that stores nothing itself (the entry has no field
  // for it, and what was wanted and not got already says it). It opens the whole list and asks
  // for what was wanted; once saved, the panel after saving links "My aftercare needs" whenever
  // something was wanted and not got. No link away from here, so nothing written is left behind.
  const wantedMoreHint = h('p', { id: 'wanted-more-hint', class: 'hint wanted-more-hint', hidden: true },
    'Wanting more care is fair. Mark what you wanted below (', sym('★'),
    ' wanted), even if you didn’t get it. Care you wanted and didn’t get leads, after you save, to “My aftercare needs”, a place to note what helps you.');
  const wantedMoreBtn = h('button', {
    type: 'button',
    id: 'wanted-more',
    class: 'chip chip-wanted-more',
    'aria-pressed': 'false',
    'data-wanted-more': '',
    onClick: () => {
      state.wantedMore = !state.wantedMore;
      syncWantedMore();
      if (state.wantedMore) {
        careMore.open = true;
        announce('Mark what you wanted below, even if you didn’t get it.');
      }
    },
  }, h('span', { class: 'chip-mark', 'aria-hidden': 'true' }), h('span', { class: 'chip-text', text: 'I wanted more care than I got' }));
  /** Shows the one tap and its hint as the state holds them. */
  function syncWantedMore() {
    setPressed(wantedMoreBtn, state.wantedMore);
    wantedMoreHint.hidden = !state.wantedMore;
  }

  /** Lays out the rows from the state, the usage and the common items; a focused toggle keeps focus. */
  function renderAftercare() {
    careStale = false;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const had = active && careFirstList.parentElement?.contains(active)
      ? (['aftercareGot', 'aftercareWanted'].find((k) => active.dataset[k]) ?? null)
      : null;
    const chosen = new Set([...state.aftercareGot, ...state.aftercareWanted]);
    const { first, more } = aftercareFirst(words().aftercare, careUsage, COMMON_AFTERCARE, chosen, CARE_FIRST);
    careFirstList.replaceChildren(...first.map(careRow));
    careMoreBody.replaceChildren(...wordGroups(more, AFTERCARE_GROUPS, (items) => h('ul', { class: 'care-list' }, items.map(careRow))));
    careMore.hidden = more.length === 0;
    syncWantedMore();
    if (active && had) {
      const attr = had === 'aftercareGot' ? 'data-aftercare-got' : 'data-aftercare-wanted';
      const again = /** @type {HTMLElement|null} */ (careFirstList.parentElement?.querySelector(`[${attr}="${CSS.escape(active.dataset[had] ?? '')}"]`) ?? null);
      for (let d = again?.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      again?.focus();
    }
  }

  const careCount = manyChoice(form, 'aftercare', { aftercareGot: 'aftercareGot', aftercareWanted: 'aftercareWanted' });
  const aftercare = section({
    key: 'aftercare',
    title: 'Aftercare',
    body: [
      h('p', { class: 'hint' },
        'Mark what you got (', sym('✓'), ' got), what you wanted (', sym('★'),
        ' wanted), or both. On your own? Count what you gave yourself.'),
      h('div', { class: 'wanted-more' }, wantedMoreBtn, wantedMoreHint),
      careFirstList,
      careMore,
    ],
    countText: careCount.countText,
    pressed: (d) => ('wantedMore' in d ? form.state().wantedMore : careCount.pressed(d)),
  });
  renderAftercare();
  aftercare.details.addEventListener('toggle', () => {
    if (!aftercare.details.open && careStale) renderAftercare();
  });
  // Read once, not waited for: which aftercare this person marks most.
  api.listEntries(0, 200).then((page) => {
    careUsage = aftercareUsage(page?.items ?? []);
    if (aftercare.details.open) careStale = true;
    else renderAftercare();
  }, (e) => { handleLocked(e); });

  // ---- Body ------------------------------------------------------------------------------
  const body = section({
    key: 'body',
    title: 'In your body',
    // A retired item shows only on an entry that already has it.
    body: chipGroups(form, offeredBody(words().body, state.body), BODY_GROUPS, 'body', {
      cls: (group) => `chip-group chip-group-${group}`,
      intro: (group) => {
        if (group === 'urgent') {
          return h('p', { class: 'hint', text: 'If any of these happened, you will see where to find help after you save.' });
        }
        if (group === 'sexual-health') {
          return h('p', { class: 'hint', text: 'After you save, you will see what can help, and how soon.' });
        }
        return null;
      },
    }),
    ...manyChoice(form, 'body', { body: 'body' }),
  });

  // ---- Check in with me later ------------------------------------------------------------
  const checkIn = singleChoiceSection(form, {
    key: 'checkIn',
    attr: 'check-in',
    title: 'Check in with me later',
    hint: 'If you like, Tend will ask how you are once, the next time you open it after that. Nothing pops up, and you can say no thanks.',
    pairs: CHECK_INS,
    name: checkInLabel,
  });

  sections = [emotions, labels, context, choice, aftercare, body, checkIn];
  const when = whenBlock(form, { mode, entry: opts.entry });

  // ---- Follow-up of an earlier entry -------------------------------------------------------
  const followNote = h('p', { id: 'follow-note', class: 'note follow-note', dataset: { tone: 'info' }, hidden: true });
  const followPick = mode === 'new'
    ? followPicker(form, { emotionLabel: (id) => labelOf(words().byId.emotion, id), linked: () => renderFollow() })
    : null;
  function renderFollow() {
    followPick?.sync();
    if (!state.follows) {
      followNote.hidden = true;
      followNote.replaceChildren();
      return;
    }
    fill(followNote, mode === 'edit' ? 'This follows an earlier entry. ' : 'This will be linked to your earlier entry. ',
      h('button', {
        type: 'button', id: 'follow-unlink', class: 'link-button', text: mode === 'edit' ? 'Unlink it' : "Don't link it",
        onClick: () => {
          state.follows = null;
          renderFollow();
          announce('It won’t be linked.');
          pad.focus();
        },
      }));
    followNote.hidden = false;
  }

  // ---- Free text -------------------------------------------------------------------------
  const text = /** @type {HTMLTextAreaElement} */ (field({ id: 'log-text', class: 'input textarea', rows: 3, value: state.text }, 'textarea'));
  function grow() {
    text.style.height = 'auto';
    text.style.height = `${Math.min(text.scrollHeight + 2, 640)}px`;
  }
  text.addEventListener('input', () => { state.text = text.value; grow(); });
  text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); save(); }
  });
  const textBlock = labelled({
    label: 'Anything you want to write',
    hint: 'Optional, and only yours: sealed like every entry. Ctrl+Enter saves.',
    control: text,
    cls: 'field-text',
  });

  // ---- Save ------------------------------------------------------------------------------
  const saveNote = noteEl('log-error', 'alert');
  const SAVE_LABEL = mode === 'edit' ? 'Save changes' : 'Save';
  const saveBtn = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button',
    id: 'log-save',
    class: 'button button-primary',
    text: SAVE_LABEL,
    onClick: () => { save(); },
  }));
  const cancelBtn = mode === 'edit'
    ? h('button', { type: 'button', id: 'log-cancel', class: 'button button-quiet', text: 'Cancel', onClick: () => opts.onCancel?.() })
    : null;
  const HINT = moodOptional
    ? 'Everything here is optional, the mood point too.'
    : mode === 'edit' ? 'Only the mood point is needed.' : 'Only the mood point is needed. Everything below it is optional.';
  // Visible confirmation next to the button; the spoken one goes through #live.
  const saveHint = h('p', { class: 'save-hint hint', text: HINT });
  let hintTimer = 0;
  const saveBar = h('div', { class: 'save-bar' },
    h('div', { class: 'save-actions' }, saveBtn, cancelBtn,
      saveHint),
    saveNote);
  // A Save bar that would cover much of the window (large text, a short window) sits at the end
  // of the form instead of over it.
  let barShown = false;
  const fitBar = () => {
    if (!saveBar.isConnected) {
      if (barShown) { barFit.disconnect(); window.removeEventListener('resize', fitBar); }
      return;
    }
    barShown = true;
    saveBar.classList.toggle('save-bar-in-flow', saveBar.offsetHeight > window.innerHeight * 0.2);
  };
  const barFit = new ResizeObserver(fitBar);
  barFit.observe(saveBar);
  window.addEventListener('resize', fitBar);

  let saving = false;
  /** The kept draft the form was filled from, until it is saved. @type {string|null} */
  let fromDraft = null;
  async function save() {
    if (saving) return;
    const whenProblem = when.problem();
    if (whenProblem) {
      showNote(saveNote, whenProblem, 'info');
      when.focus();
      return;
    }
    const input = inputFromState(state, { moodOptional });
    if (!input) {
      showNote(saveNote, 'Place the point on the grid first. Anywhere that feels close is fine.', 'info');
      pad.focus();
      return;
    }
    saving = true;
    saveBtn.textContent = 'Saving…';
    showNote(saveNote, '');
    await saveWithNote(saveBtn, saveNote, async () => {
      const entry = mode === 'edit' && opts.entry
        ? await api.updateEntry(opts.entry.id, input)
        : await api.addEntry(input);
      announce('Saved. Take your time.');
      saveHint.textContent = 'Saved. Take your time.';
      saveHint.dataset.saved = 'true';
      window.clearTimeout(hintTimer);
      hintTimer = window.setTimeout(() => { saveHint.textContent = HINT; delete saveHint.dataset.saved; }, 5000);
      if (fromDraft) {
        const id = fromDraft;
        fromDraft = null;
        // Saved now: the kept draft goes (if that fails, it is offered again, nothing lost).
        await api.discardDraft(id).catch(() => {});
      }
      if (mode === 'new') {
        // What was just marked counts at once towards what shows first next time.
        careUsage = aftercareUsage([entry], careUsage);
        reset();
      }
      opts.onSaved?.(entry);
    }, { after: 'Your words are still here.' });
    saving = false;
    saveBtn.textContent = SAVE_LABEL;
  }

  /** Every chip and toggle shows what the state holds (after a reset or a follow-up). */
  function syncAll() {
    when.sync();
    for (const s of sections) {
      for (const b of /** @type {NodeListOf<HTMLElement>} */ (s.details.querySelectorAll('[aria-pressed]'))) {
        const on = s.pressed(b.dataset);
        if (on !== null) setPressed(b, on);
      }
    }
  }

  /** What the form held when it opened (or was last emptied), to tell what is unsaved. */
  let baseline = JSON.stringify(inputFromState(state, { moodOptional: true }));

  /**
   * What is written and not yet saved, as a draft to keep when the journal locks; null when
   * the form holds nothing new.
   * @returns {import('../api.js').Draft|null}
   */
  function unsaved() {
    const input = inputFromState(state, { moodOptional: true });
    if (!input || JSON.stringify(input) === baseline) return null;
    return { id: fromDraft, input, editing: mode === 'edit' && opts.entry ? opts.entry.id : null };
  }

  /**
   * Fills the form from a kept draft: every chip, the point, the words. Once saved, the draft
   * is let go; kept again at lock, it replaces itself.
   * @param {import('../api.js').Draft} draft
   */
  function load(draft) {
    fromDraft = draft.id ?? null;
    state = stateFromEntry(/** @type {any} */ (draft.input));
    pad.set(state.mood ? { ...state.mood } : null);
    partnerInput.value = state.partner ?? '';
    text.value = state.text ?? '';
    renderEmotions();
    renderLabels();
    renderAftercare();
    renderFollow();
    syncAll();
    refreshCounts();
    for (const s of sections) if (s.count.textContent) s.details.open = true;
    requestAnimationFrame(grow);
  }

  function reset() {
    baseline = JSON.stringify(inputFromState(emptyState(), { moodOptional: true }));
    state = emptyState();
    when.follow(null);
    showAllEmotions = false;
    showAllBtn.setAttribute('aria-expanded', 'false');
    showAllBtn.textContent = 'Show all words';
    pad.reset();
    partnerInput.value = '';
    text.value = '';
    text.style.height = '';
    ownEmotion.reset();
    ownLabel.reset();
    for (const s of sections) s.details.open = s === emotions;
    careMore.open = false;
    followPick?.close();
    renderEmotions();
    renderLabels();
    renderAftercare();
    renderFollow();
    syncAll();
    refreshCounts();
  }

  /**
   * Starts a follow-up of an earlier entry (from a check-in): links it and sets the timing.
   * @param {string} follows the earlier entry's id
   * @param {import('../api.js').Timing|null} timing
   */
  function startFollowUp(follows, timing) {
    state.follows = follows;
    // A check-in answer is about now: its timing says how long after the earlier moment.
    state.when = 'now';
    state.at = null;
    if (timing) state.timing = timing;
    when.follow(state.timing);
    when.sync();
    renderFollow();
    syncAll();
    refreshCounts();
  }

  const el = h('div', { class: 'log-form', dataset: { mode } },
    followNote,
    when.el,
    followPick?.el ?? null,
    pad.el,
    h('div', { class: 'log-sections' }, sections.map((s) => s.details)),
    textBlock,
    saveBar);

  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && ev.target !== text) { ev.preventDefault(); save(); }
  });

  ready = true;
  renderEmotions();
  renderLabels();
  renderFollow();
  refreshCounts();
  // Open the sections that already hold something when editing.
  if (mode === 'edit') {
    for (const s of sections) if (s.count.textContent) s.details.open = true;
    requestAnimationFrame(grow);
  }

  return {
    el,
    focus: () => pad.focus(),
    reset,
    startFollowUp,
    unsaved,
    load,
    /** Re-reads the word lists (after own words change elsewhere). */
    refresh: () => { renderEmotions(); renderLabels(); },
  };
}
