// @ts-check
/**
 * @file The log form: the mood grid (the only required step) and calm optional sections.
 * Used for new entries on the Log screen and, pre-filled, for editing in the Journal.
 */

import * as api from '../api.js';
import { h, fill, field, labelled, noteEl, showNote, messageOf, announce } from '../dom.js';
import { createMoodPad } from './mood-pad.js';
import {
  emptyState, stateFromEntry, inputFromState, toggle, countChosen,
} from '../entry-model.js';
import {
  CONTEXT_GROUPS, AFTERCARE_GROUPS, BODY_GROUPS, LABEL_EXPLAINERS, CHOICES, TIMINGS, CHECK_INS,
  grouped, visibleEmotions,
} from '../words.js';
import { QUADRANT_NAMES } from '../mood.js';
import { session, handleLocked, refreshWords } from '../session.js';

/** @typedef {import('../api.js').Entry} Entry */
/** @typedef {import('../words.js').Word} Word */
/** @typedef {import('../entry-model.js').FormState} FormState */

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
 * A collapsible section with a count of what is chosen inside.
 * @param {{key: string, title: string, open?: boolean, body: any[]}} o
 */
function section({ key, title, open = false, body }) {
  const count = h('span', { class: 'section-count', dataset: { count: key } });
  const details = /** @type {HTMLDetailsElement} */ (h('details', { class: 'log-section', dataset: { section: key }, open },
    h('summary', null, h('span', { class: 'section-title', text: title }), count),
    h('div', { class: 'section-body' }, body)));
  return { details, count };
}

/**
 * A small "add your own" row: label, text field and button, and a note for problems.
 * @param {string} label
 * @param {HTMLInputElement} input
 * @param {HTMLElement} button
 * @param {HTMLElement} note
 */
function addOwn(label, input, button, note) {
  input.setAttribute('aria-describedby', note.id);
  return h('div', { class: 'field add-own' },
    h('label', { for: input.id, text: label }),
    h('div', { class: 'inline-add' }, input, button),
    note);
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
  /** @type {FormState} */
  let state = opts.entry ? stateFromEntry(opts.entry) : emptyState();
  let showAllEmotions = false;
  let ready = false;
  const words = () => /** @type {import('../words.js').WordIndex} */ (session.words);

  /** Section counts, refreshed after every change. @type {Record<string, HTMLElement>} */
  const counts = {};
  function refreshCounts() {
    /** @type {[string, Parameters<typeof countChosen>[1]][]} */
    const parts = [['emotions', 'emotions'], ['labels', 'labels'], ['context', 'context'], ['choice', 'choice'],
      ['timing', 'timing'], ['aftercare', 'aftercare'], ['body', 'body'], ['checkIn', 'checkIn']];
    for (const [key, part] of parts) {
      const n = countChosen(state, part);
      const el = counts[key];
      if (!el) continue;
      if (key === 'choice' && state.choice) el.textContent = CHOICES.find(([k]) => k === state.choice)?.[1] ?? '';
      else if (key === 'timing' && state.timing) el.textContent = TIMINGS.find(([k]) => k === state.timing)?.[1] ?? '';
      else if (key === 'checkIn' && state.checkIn) el.textContent = CHECK_INS.find(([k]) => k === state.checkIn)?.[1] ?? '';
      else el.textContent = n > 0 ? `${n} chosen` : '';
    }
  }

  // ---- Mood grid -------------------------------------------------------------------------
  const pad = createMoodPad({
    initial: state.mood,
    onChange: (m) => {
      state.mood = m;
      showNote(saveNote, '');
    },
    onQuadrant: () => { if (ready) renderEmotions(); },
    onSubmit: () => { save(); },
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

  function renderEmotions() {
    const q = currentQuadrant();
    const list = visibleEmotions(words().emotions, q, state.emotions, showAllEmotions);
    emotionChips.replaceChildren(...list.map((w) => chip({
      attr: 'emotion',
      id: w.id,
      label: w.label,
      pressed: state.emotions.has(w.id),
      cls: `chip-q-${w.quadrant ?? 'mixed'}`,
      onToggle: (btn) => { setPressed(btn, toggle(state.emotions, w.id)); refreshCounts(); },
    })));
    if (showAllEmotions) emotionsLead.textContent = 'Every word, grouped by how it tends to feel. Pick any that fit, or none.';
    else if (q && q !== 'mixed') emotionsLead.textContent = `Words that often go with ${QUADRANT_NAMES[q]}, and some for mixed feelings. Pick any that fit, or none.`;
    else if (q === 'mixed') emotionsLead.textContent = 'Words for mixed or unclear feelings. Show all words for more.';
    else emotionsLead.textContent = 'Place the point on the grid and words that fit it show here. Or show all words.';
  }

  const ownEmotionInput = /** @type {HTMLInputElement} */ (field({ id: 'own-emotion-input', type: 'text', class: 'input input-short', maxlength: '60' }));
  const ownEmotionNote = noteEl('own-emotion-note');
  const ownEmotionAdd = h('button', { type: 'button', id: 'own-emotion-add', class: 'button button-quiet', text: 'Add' });
  async function addOwnEmotion() {
    const label = ownEmotionInput.value.trim();
    if (!label) {
      showNote(ownEmotionNote, 'Type a word first, then add it.', 'info');
      ownEmotionInput.focus();
      return;
    }
    const q = currentQuadrant() ?? 'mixed';
    ownEmotionAdd.setAttribute('disabled', '');
    try {
      const w = await api.addOwnEmotion(label, q);
      await refreshWords();
      state.emotions.add(w.id);
      ownEmotionInput.value = '';
      showNote(ownEmotionNote, '');
      renderEmotions();
      refreshCounts();
      announce(`Added “${w.label}” to your words, and chose it.`);
    } catch (e) {
      if (!handleLocked(e)) showNote(ownEmotionNote, messageOf(e));
    } finally {
      ownEmotionAdd.removeAttribute('disabled');
    }
  }
  ownEmotionAdd.addEventListener('click', addOwnEmotion);
  ownEmotionInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); addOwnEmotion(); }
  });

  const emotions = section({
    key: 'emotions',
    title: 'Feeling words',
    open: true,
    body: [
      emotionsLead,
      emotionChips,
      h('div', { class: 'section-actions' }, showAllBtn),
      addOwn('Add a word of your own', ownEmotionInput, ownEmotionAdd, ownEmotionNote),
    ],
  });
  counts.emotions = emotions.count;

  // ---- Labels ----------------------------------------------------------------------------
  const labelList = h('div', { class: 'label-list' });
  function renderLabels() {
    labelList.replaceChildren(...words().labels.map((l) => {
      const explainer = LABEL_EXPLAINERS[l.id];
      const descId = explainer ? `label-explainer-${l.id}` : undefined;
      return h('div', { class: 'label-item' },
        chip({
          attr: 'label',
          id: l.id,
          label: l.label,
          pressed: state.labels.has(l.id),
          describedBy: descId,
          onToggle: (btn) => { setPressed(btn, toggle(state.labels, l.id)); refreshCounts(); },
        }),
        explainer ? h('p', { class: 'label-explainer', id: descId, text: explainer }) : null);
    }));
  }
  const ownLabelInput = /** @type {HTMLInputElement} */ (field({ id: 'own-label-input', type: 'text', class: 'input input-short', maxlength: '60' }));
  const ownLabelNote = noteEl('own-label-note');
  const ownLabelAdd = h('button', { type: 'button', id: 'own-label-add', class: 'button button-quiet', text: 'Add' });
  async function addOwnLabel() {
    const label = ownLabelInput.value.trim();
    if (!label) {
      showNote(ownLabelNote, 'Type a name first, then add it.', 'info');
      ownLabelInput.focus();
      return;
    }
    ownLabelAdd.setAttribute('disabled', '');
    try {
      const l = await api.addOwnLabel(label);
      await refreshWords();
      state.labels.add(l.id);
      ownLabelInput.value = '';
      showNote(ownLabelNote, '');
      renderLabels();
      refreshCounts();
      announce(`Added “${l.label}” to your names, and chose it.`);
    } catch (e) {
      if (!handleLocked(e)) showNote(ownLabelNote, messageOf(e));
    } finally {
      ownLabelAdd.removeAttribute('disabled');
    }
  }
  ownLabelAdd.addEventListener('click', addOwnLabel);
  ownLabelInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); addOwnLabel(); }
  });
  const labels = section({
    key: 'labels',
    title: 'Names for it',
    body: [
      h('p', { class: 'hint', text: 'If one of these names fits, you can add it. None is needed.' }),
      labelList,
      addOwn('Add a name of your own', ownLabelInput, ownLabelAdd, ownLabelNote),
    ],
  });
  counts.labels = labels.count;

  // ---- Context ---------------------------------------------------------------------------
  const partnerInput = /** @type {HTMLInputElement} */ (field({
    id: 'log-partner', type: 'text', class: 'input input-short', maxlength: '60', value: state.partner,
  }));
  partnerInput.addEventListener('input', () => { state.partner = partnerInput.value; refreshCounts(); });
  const contextGroups = grouped(words().contexts).map(({ group, items }) => h('fieldset', { class: 'chip-group' },
    h('legend', { text: CONTEXT_GROUPS[group] ?? group }),
    h('div', { class: 'chips' }, items.map((w) => chip({
      attr: 'context',
      id: w.id,
      label: w.label,
      pressed: state.context.has(w.id),
      onToggle: (btn) => { setPressed(btn, toggle(state.context, w.id)); refreshCounts(); },
    })))));
  const context = section({
    key: 'context',
    title: 'What it was',
    body: [
      ...contextGroups,
      labelled({ label: 'Partner (optional)', hint: 'Initials or a nickname, if you like.', control: partnerInput }),
    ],
  });
  counts.context = context.count;

  // ---- Choice check ----------------------------------------------------------------------
  const choiceButtons = CHOICES.map(([id, label]) => chip({
    attr: 'choice',
    id,
    label,
    pressed: state.choice === id,
    cls: 'chip-even',
    onToggle: (btn) => {
      state.choice = state.choice === id ? null : id;
      for (const b of choiceButtons) setPressed(b, b === btn && state.choice === id);
      refreshCounts();
    },
  }));
  const skipChoice = h('button', {
    type: 'button',
    class: 'chip chip-even chip-skip',
    'data-choice-skip': '',
    onClick: () => {
      state.choice = null;
      for (const b of choiceButtons) setPressed(b, false);
      refreshCounts();
      choice.details.open = false;
      choice.details.querySelector('summary')?.focus();
    },
  }, h('span', { class: 'chip-text', text: 'skip' }));
  const choice = section({
    key: 'choice',
    title: 'Did it all feel like your choice?',
    body: [
      h('p', { class: 'hint', id: 'choice-hint', text: 'Only if you want to answer. Skipping is completely fine.' }),
      h('div', { class: 'chips chips-even', role: 'group', 'aria-labelledby': 'choice-hint' }, choiceButtons, skipChoice),
    ],
  });
  counts.choice = choice.count;

  // ---- Timing ----------------------------------------------------------------------------
  const timingButtons = TIMINGS.map(([id, label]) => chip({
    attr: 'timing',
    id,
    label,
    pressed: state.timing === id,
    onToggle: (btn) => {
      state.timing = state.timing === id ? null : id;
      for (const b of timingButtons) setPressed(b, b === btn && state.timing === id);
      refreshCounts();
    },
  }));
  const timing = section({
    key: 'timing',
    title: 'How long after',
    body: [
      h('p', { class: 'hint', id: 'timing-hint', text: 'How long after the moment you are noting this. A low can arrive a day or two later.' }),
      h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'timing-hint' }, timingButtons),
    ],
  });
  counts.timing = timing.count;

  // ---- Aftercare -------------------------------------------------------------------------
  const aftercareGroups = grouped(words().aftercare).map(({ group, items }) => h('fieldset', { class: 'chip-group' },
    h('legend', { text: AFTERCARE_GROUPS[group] ?? group }),
    h('ul', { class: 'care-list' }, items.map((w) => {
      const got = h('button', {
        type: 'button',
        class: 'toggle toggle-got',
        'aria-pressed': String(state.aftercareGot.has(w.id)),
        'aria-label': `got: ${w.label}`,
        'data-aftercare-got': w.id,
        onClick: () => { setPressed(got, toggle(state.aftercareGot, w.id)); refreshCounts(); },
      }, h('span', { class: 'toggle-mark', 'aria-hidden': 'true' }), h('span', { text: 'got' }));
      const wanted = h('button', {
        type: 'button',
        class: 'toggle toggle-wanted',
        'aria-pressed': String(state.aftercareWanted.has(w.id)),
        'aria-label': `wanted: ${w.label}`,
        'data-aftercare-wanted': w.id,
        onClick: () => { setPressed(wanted, toggle(state.aftercareWanted, w.id)); refreshCounts(); },
      }, h('span', { class: 'toggle-mark', 'aria-hidden': 'true' }), h('span', { text: 'wanted' }));
      return h('li', { class: 'care-row' },
        h('span', { class: 'care-label', text: w.label }),
        h('span', { class: 'care-toggles' }, got, wanted));
    }))));
  const aftercare = section({
    key: 'aftercare',
    title: 'Aftercare',
    body: [
      h('p', { class: 'hint' },
        'Mark what you got (', h('span', { class: 'sym', 'aria-hidden': 'true', text: '✓' }), ' got), what you wanted (',
        h('span', { class: 'sym', 'aria-hidden': 'true', text: '★' }), ' wanted), or both. On your own? Count what you gave yourself.'),
      ...aftercareGroups,
    ],
  });
  counts.aftercare = aftercare.count;

  // ---- Body ------------------------------------------------------------------------------
  const bodyGroups = grouped(words().body).map(({ group, items }) => h('fieldset', { class: `chip-group chip-group-${group}` },
    h('legend', { text: BODY_GROUPS[group] ?? group }),
    group === 'urgent'
      ? h('p', { class: 'hint', text: 'If any of these is happening, you will see where to find help after you save.' })
      : null,
    h('div', { class: 'chips' }, items.map((w) => chip({
      attr: 'body',
      id: w.id,
      label: w.label,
      pressed: state.body.has(w.id),
      onToggle: (btn) => { setPressed(btn, toggle(state.body, w.id)); refreshCounts(); },
    })))));
  const body = section({ key: 'body', title: 'In your body', body: bodyGroups });
  counts.body = body.count;

  // ---- Check in with me later ------------------------------------------------------------
  const checkInButtons = CHECK_INS.map(([id, label]) => chip({
    attr: 'check-in',
    id,
    label,
    pressed: state.checkIn === id,
    onToggle: (btn) => {
      state.checkIn = state.checkIn === id ? null : id;
      for (const b of checkInButtons) setPressed(b, b === btn && state.checkIn === id);
      refreshCounts();
    },
  }));
  const checkIn = section({
    key: 'checkIn',
    title: 'Check in with me later',
    body: [
      h('p', { class: 'hint', id: 'check-in-hint', text:
        'If you like, Tend will ask how you are once, the next time you open it after that. Nothing pops up, and you can say no thanks.' }),
      h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'check-in-hint' }, checkInButtons),
    ],
  });
  counts.checkIn = checkIn.count;

  // ---- Follow-up of an earlier entry -------------------------------------------------------
  const followNote = h('p', { id: 'follow-note', class: 'note follow-note', dataset: { tone: 'info' }, hidden: true });
  function renderFollow() {
    if (!state.follows) {
      followNote.hidden = true;
      followNote.replaceChildren();
      return;
    }
    fill(followNote, mode === 'edit' ? 'This is a check-in on an earlier entry. ' : 'This will be linked to your earlier entry. ',
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
    hint: 'Optional. Nothing is kept until you save. Ctrl+Enter saves.',
    control: text,
    cls: 'field-text',
  });

  // ---- Save ------------------------------------------------------------------------------
  const saveNote = noteEl('log-error', 'alert');
  const saveBtn = h('button', {
    type: 'button',
    id: 'log-save',
    class: 'button button-primary',
    text: mode === 'edit' ? 'Save changes' : 'Save',
    onClick: () => { save(); },
  });
  const cancelBtn = mode === 'edit'
    ? h('button', { type: 'button', id: 'log-cancel', class: 'button button-quiet', text: 'Cancel', onClick: () => opts.onCancel?.() })
    : null;
  const HINT = mode === 'edit' ? 'Only the mood point is needed.' : 'Only the mood point is needed. Everything below it is optional.';
  // Visible confirmation next to the button; the spoken one goes through #live.
  const saveHint = h('p', { class: 'save-hint hint', text: HINT });
  let hintTimer = 0;
  const saveBar = h('div', { class: 'save-bar' },
    h('div', { class: 'save-actions' }, saveBtn, cancelBtn,
      saveHint),
    saveNote);

  let saving = false;
  async function save() {
    if (saving) return;
    const input = inputFromState(state);
    if (!input) {
      showNote(saveNote, 'Place the point on the grid first. Anywhere that feels close is fine.', 'info');
      pad.focus();
      return;
    }
    saving = true;
    saveBtn.setAttribute('disabled', '');
    saveBtn.textContent = 'Saving…';
    showNote(saveNote, '');
    try {
      const entry = mode === 'edit' && opts.entry
        ? await api.updateEntry(opts.entry.id, input)
        : await api.addEntry(input);
      announce('Saved. Take your time.');
      saveHint.textContent = 'Saved. Take your time.';
      saveHint.dataset.saved = 'true';
      window.clearTimeout(hintTimer);
      hintTimer = window.setTimeout(() => { saveHint.textContent = HINT; delete saveHint.dataset.saved; }, 5000);
      if (mode === 'new') reset();
      opts.onSaved?.(entry);
    } catch (e) {
      if (!handleLocked(e)) showNote(saveNote, `${messageOf(e)} Your words are still here.`);
    } finally {
      saving = false;
      saveBtn.removeAttribute('disabled');
      saveBtn.textContent = mode === 'edit' ? 'Save changes' : 'Save';
    }
  }

  const sections = [emotions, labels, context, choice, timing, aftercare, body, checkIn];

  function syncAll() {
    const all = /** @type {NodeListOf<HTMLElement>} */ (el.querySelectorAll('[aria-pressed]'));
    for (const b of all) {
      const d = b.dataset;
      let on = false;
      if (d.emotion) on = state.emotions.has(d.emotion);
      else if (d.label) on = state.labels.has(d.label);
      else if (d.context) on = state.context.has(d.context);
      else if (d.choice) on = state.choice === d.choice;
      else if (d.timing) on = state.timing === d.timing;
      else if (d.aftercareGot) on = state.aftercareGot.has(d.aftercareGot);
      else if (d.aftercareWanted) on = state.aftercareWanted.has(d.aftercareWanted);
      else if (d.body) on = state.body.has(d.body);
      else if (d.checkIn) on = state.checkIn === d.checkIn;
      else continue;
      setPressed(b, on);
    }
  }

  function reset() {
    state = emptyState();
    showAllEmotions = false;
    showAllBtn.setAttribute('aria-expanded', 'false');
    showAllBtn.textContent = 'Show all words';
    pad.reset();
    partnerInput.value = '';
    text.value = '';
    text.style.height = '';
    ownEmotionInput.value = '';
    ownLabelInput.value = '';
    showNote(ownEmotionNote, '');
    showNote(ownLabelNote, '');
    for (const s of sections) s.details.open = s === emotions;
    renderEmotions();
    renderLabels();
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
    if (timing) state.timing = timing;
    renderFollow();
    syncAll();
    refreshCounts();
  }

  const el = h('div', { class: 'log-form', dataset: { mode } },
    followNote,
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
    /** Re-reads the word lists (after own words change elsewhere). */
    refresh: () => { renderEmotions(); renderLabels(); },
  };
}
