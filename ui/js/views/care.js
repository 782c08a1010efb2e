// @ts-check
/**
 * @file Care: coping ideas grouped by what they help with, short explanations of what people
 * feel after intimacy, and the person's own plans (a safety plan, their aftercare needs and a
 * card of them to share). Everything is an invitation; nothing here is a task.
 */

import * as api from '../api.js';
import { h, fill, field, labelled, noteEl, showNote, messageOf, setScreen, announce } from '../dom.js';
import { session, handleLocked } from '../session.js';
import { grouped } from '../words.js';
import {
  ideasByNeed, paragraphs, SAFETY_PLAN_FIELDS, emptySafetyPlan, emptyAftercareNeeds, CLOSENESS,
  NEED_GROUPS, NOTE_FOR_GROUP, aftercareCard, careFooter, explainerLinks, AFTERCARE_OPENING, matchesWords,
} from '../care-model.js';
import { plural } from '../format.js';
import { loadCareContent, renderIdea, rich } from '../components/care-view.js';
import { openSupport } from '../components/support.js';
import { saveWithNote } from '../save-note.js';

/** @typedef {import('../api.js').CareContent} CareContent */
/** @typedef {import('../api.js').AftercareNeeds} AftercareNeeds */

/** Ids for the safety plan's fields. @type {Record<string, string>} */
const PLAN_IDS = {
  warningSigns: 'safety-warning-signs',
  whatHelps: 'safety-what-helps',
  people: 'safety-people',
  professionals: 'safety-professionals',
  saferSpace: 'safety-safer-space',
};

/** The most a safety-plan part or an aftercare note can hold, as the core allows. */
const TEXT_MAX = '4000';

/** The aftercare-needs notes: key, id, label. */
const NOTES = /** @type {const} */ ([
  ['closenessNote', 'needs-closeness-note', 'More about closeness or space'],
  ['wordsNote', 'needs-words-note', 'Words that help, in your own words'],
  ['bodyNote', 'needs-body-note', 'More about looking after my body'],
  ['laterNote', 'needs-later-note', 'More about later on'],
  ['otherNote', 'needs-other-note', 'Anything else'],
]);

/**
 * @param {HTMLElement} main
 * @param {string} [sub] 'safety-plan' | 'aftercare-needs' | 'aftercare-card' | 'explainer:<id>' (Care
 *   with that explainer open); anything else shows Care itself
 */
export function showCare(main, sub) {
  setScreen('care');
  window.scrollTo(0, 0);
  if (sub === 'safety-plan') showSafetyPlan(main);
  else if (sub === 'aftercare-needs') showAftercareNeeds(main);
  else if (sub === 'aftercare-card') showAftercareCard(main);
  else showHome(main, sub?.startsWith('explainer:') ? sub.slice('explainer:'.length) : null);
}

/**
 * The view's first heading gets focus, so a screen reader starts at the top.
 * @param {HTMLElement} main
 */
function focusTitle(main) {
  /** @type {HTMLElement|null} */ (main.querySelector('h1'))?.focus();
}

/**
 * A "back" link at the top of a part of Care.
 * @param {HTMLElement} main
 * @param {string} label
 * @param {string} [to]
 */
function backLink(main, label, to) {
  return h('div', { class: 'detail-top no-print' },
    h('button', { type: 'button', id: 'care-back', class: 'link-button back', text: `← ${label}`, onClick: () => showCare(main, to) }));
}

/**
 * Says, beside the button and aloud, that a plan was saved.
 * @param {HTMLElement} note
 */
function savedInJournal(note) {
  showNote(note, 'Saved in your encrypted journal.', 'ok');
  announce('Saved in your encrypted journal.');
}

/* ---- Care itself ------------------------------------------------------------------------- */

/**
 * @param {HTMLElement} main
 * @param {string|null} [explainer] an explainer to open and move to once the content is read
 */
function showHome(main, explainer = null) {
  delete document.body.dataset.view;
  const body = h('div', { id: 'care-body', class: 'care-body' }, h('p', { class: 'hint', text: 'Opening…' }));
  const plans = h('section', { id: 'care-plans', class: 'card care-plans', 'aria-labelledby': 'care-plans-title' },
    h('h2', { id: 'care-plans-title', text: 'Your own plans' }),
    h('p', { class: 'hint', text: 'Easiest to make on a steady day. Everything here stays in your encrypted journal.' }),
    h('ul', { class: 'care-links' },
      h('li', null, h('button', { type: 'button', id: 'care-open-safety-plan', class: 'button button-quiet', text: 'My safety plan',
        onClick: () => showCare(main, 'safety-plan') })),
      h('li', null, h('button', { type: 'button', id: 'care-open-aftercare', class: 'button button-quiet', text: 'My aftercare needs',
        onClick: () => showCare(main, 'aftercare-needs') })),
      h('li', null, h('button', { type: 'button', id: 'care-open-card', class: 'button button-quiet', text: 'My aftercare card',
        onClick: () => showCare(main, 'aftercare-card') })),
      h('li', null, h('button', { type: 'button', id: 'care-open-support', class: 'button button-quiet', text: 'Support numbers',
        onClick: () => { openSupport({ edit: true }); } }))));
  const foot = h('p', { id: 'care-foot', class: 'hint care-foot' });

  fill(main, h('div', { class: 'screen-care', id: 'care-home' },
    h('h1', { id: 'care-title', tabindex: '-1', text: 'Care' }),
    h('p', { class: 'lead', text:
      'Ideas, short explanations and your own plans, here whenever they might help. Open what feels useful and leave the rest.' }),
    body,
    plans,
    foot));
  focusTitle(main);

  loadCareContent().then((content) => {
    if (!body.isConnected) return;
    // What a feeling is called and what it means comes first; then ideas by what they help with.
    const understanding = explainers(content);
    const needs = needSections(content);
    const sections = [understanding?.el ?? null, ...needs].filter((x) => !!x);
    fill(body, libraryTools(/** @type {HTMLElement[]} */ (sections)), sections);
    foot.textContent = careFooter(content);
    if (explainer) understanding?.open(explainer);
  }, () => {
    if (!body.isConnected) return;
    fill(body, h('p', { class: 'note', dataset: { tone: 'info' }, text:
      "The ideas and explanations can't be shown just now. Your own plans below still work." }));
  });
}

/**
 * Above the library: a jump list to each part (a keyboard moves to its heading), and a box that
 * finds ideas and explanations by their words, hiding the rest and saying how many match.
 * @param {HTMLElement[]} sections
 */
function libraryTools(sections) {
  const jump = h('nav', { id: 'care-jump', class: 'care-jump', 'aria-label': 'Parts of the library' },
    h('ul', null, sections.map((sec) => {
      const title = /** @type {HTMLElement|null} */ (sec.querySelector('h2'));
      if (!title) return null;
      title.tabIndex = -1;
      return h('li', null, h('button', { type: 'button', class: 'link-button', dataset: { jump: sec.id || sec.dataset.need || '' },
        text: title.textContent ?? '',
        onClick: () => { title.scrollIntoView({ block: 'start' }); title.focus({ preventScroll: true }); } }));
    })));
  const search = /** @type {HTMLInputElement} */ (field({ id: 'care-search', type: 'search', class: 'input', autocomplete: 'off', spellcheck: 'false' }));
  const said = h('p', { id: 'care-search-note', class: 'hint', 'aria-live': 'polite' });
  search.addEventListener('input', () => {
    const q = search.value;
    let shown = 0;
    for (const sec of sections) {
      let inSection = 0;
      for (const item of /** @type {NodeListOf<HTMLElement>} */ (sec.querySelectorAll('details.care-idea'))) {
        const hit = matchesWords(item.textContent ?? '', q);
        item.hidden = !hit;
        if (hit) inSection += 1;
      }
      sec.hidden = inSection === 0;
      shown += inSection;
    }
    jump.hidden = q.trim() !== '';
    said.textContent = !q.trim() ? '' : shown === 0
      ? 'Nothing here has those words. Another word might find it, or browse the parts below.'
      : `${plural(shown, 'idea or explanation', 'ideas and explanations')} ${shown === 1 ? 'has' : 'have'} those words.`;
  });
  return h('div', { class: 'care-tools' },
    labelled({ label: 'Find an idea or explanation', control: search, note: said }),
    jump);
}

/** @param {CareContent} content */
function needSections(content) {
  return ideasByNeed(content.needs, content.coping).map(({ need, ideas }) => {
    const titleId = `care-need-${need.id}-title`;
    return h('section', { id: `care-need-${need.id}`, class: 'care-need', dataset: { need: need.id }, 'aria-labelledby': titleId },
      h('h2', { id: titleId }, rich(need.title)),
      need.blurb ? h('p', { class: 'care-need-blurb' }, rich(need.blurb)) : null,
      h('div', { class: 'care-idea-list' }, ideas.map((i) => renderIdea(i))));
  });
}

/** @param {CareContent} content */
function explainers(content) {
  if (!content.explainers?.length) return null;
  const list = h('div', { class: 'care-idea-list' });
  /**
   * Opens another explainer and moves to it.
   * @param {string} id
   */
  const openExplainer = (id) => {
    const target = /** @type {HTMLDetailsElement|null} */ (list.querySelector(`details[data-explainer="${CSS.escape(id)}"]`));
    if (!target) return;
    // A search may have set it aside: it shows again, with its part.
    target.hidden = false;
    const part = target.closest('section');
    if (part) part.hidden = false;
    target.open = true;
    const summary = /** @type {HTMLElement|null} */ (target.querySelector('summary'));
    summary?.scrollIntoView({ block: 'start' });
    summary?.focus();
  };
  fill(list, content.explainers.map((x) => {
    const links = explainerLinks(content, x);
    return h('details', { class: 'care-idea care-explainer', dataset: { explainer: x.id } },
      h('summary', null, h('span', { class: 'care-idea-title' }, rich(x.title))),
      h('div', { class: 'care-idea-body' },
        paragraphs(x.body).map((p) => h('p', null, rich(p))),
        links.length
          ? h('p', { class: 'care-see' }, 'See also: ', links.map((l, i) => [
            i > 0 ? ', ' : null,
            h('button', { type: 'button', class: 'link-button', dataset: { see: l.id }, text: l.title, onClick: () => openExplainer(l.id) }),
          ]))
          : null));
  }));
  const el = h('section', { id: 'care-explainers', class: 'care-explainers', 'aria-labelledby': 'care-explainers-title' },
    h('h2', { id: 'care-explainers-title', text: 'Understanding what you feel' }),
    list);
  return { el, open: openExplainer };
}

/* ---- Safety plan ------------------------------------------------------------------------- */

/** @param {HTMLElement} main */
function showSafetyPlan(main) {
  document.body.dataset.view = 'safety-plan';
  /** @type {Record<string, HTMLTextAreaElement>} */
  const boxes = {};
  const fields = SAFETY_PLAN_FIELDS.map(([key, label, hint]) => {
    const box = /** @type {HTMLTextAreaElement} */ (field({ id: PLAN_IDS[key], name: key, class: 'input textarea', rows: 3, maxlength: TEXT_MAX }, 'textarea'));
    boxes[key] = box;
    return labelled({ label, hint, control: box });
  });
  const note = noteEl('safety-plan-note', 'status');
  const save = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'safety-plan-save', class: 'button button-primary', text: 'Save', disabled: true }));
  save.addEventListener('click', () => {
    const plan = emptySafetyPlan();
    for (const [key] of SAFETY_PLAN_FIELDS) plan[key] = boxes[key].value;
    saveWithNote(save, note, async () => {
      await api.saveSafetyPlan(plan);
      savedInJournal(note);
    }, { after: 'Your words are still here.' });
  });

  fill(main, h('div', { id: 'safety-plan', class: 'screen-care care-sub' },
    backLink(main, 'Back to Care'),
    h('h1', { id: 'safety-plan-title', tabindex: '-1', text: 'My safety plan' }),
    h('p', { class: 'lead', text:
      'A plan for harder moments, made while you feel steady. Write as much or as little as you like, and come back to it any time.' }),
    h('div', { class: 'care-form' }, fields),
    h('div', { class: 'actions' }, save),
    note));
  focusTitle(main);

  api.careState().then((state) => {
    const plan = { ...emptySafetyPlan(), ...(state.safetyPlan ?? {}) };
    for (const [key] of SAFETY_PLAN_FIELDS) boxes[key].value = plan[key] ?? '';
    save.disabled = false;
  }, (e) => {
    if (handleLocked(e)) return;
    // Saving now could write over a plan that couldn't be read, so Save waits.
    showNote(note, `Your saved plan can't be read just now, so saving is paused to keep it safe. ${messageOf(e)}`, 'info');
  });
}

/* ---- Aftercare needs --------------------------------------------------------------------- */

/** @param {HTMLElement} main */
function showAftercareNeeds(main) {
  document.body.dataset.view = 'aftercare-needs';
  const aftercare = session.words?.aftercare ?? [];
  const known = new Set(aftercare.map((w) => w.id));
  /** Items saved earlier that aren't shipped any more: kept as they are. @type {string[]} */
  let unknownItems = [];

  const radios = CLOSENESS.map(([value, label]) => /** @type {HTMLInputElement} */ (h('input', {
    type: 'radio', name: 'closeness', value, id: `closeness-${value}`,
  })));
  const clear = h('button', {
    type: 'button', id: 'closeness-clear', class: 'link-button', hidden: true, text: 'Clear this choice',
    onClick: () => {
      for (const r of radios) r.checked = false;
      clear.hidden = true;
      radios[0].focus();
    },
  });
  for (const r of radios) r.addEventListener('change', () => { clear.hidden = !radios.some((x) => x.checked); });

  // An optional first line for a partner, so the card says it isn't about them.
  const openingBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'needs-opening-line' }));
  const opening = h('fieldset', { class: 'need-group', id: 'opening-line-choice' },
    h('legend', { text: 'A first line for a partner (optional)' }),
    h('label', { class: 'check', for: 'needs-opening-line' }, openingBox,
      h('span', null, 'Start my card with: ', h('q', { text: AFTERCARE_OPENING }))));
  const closeness = h('fieldset', { class: 'radio-group', id: 'closeness-choice' },
    h('legend', { text: 'Afterwards, I usually like' }),
    CLOSENESS.map(([value, label], i) => h('label', { class: 'radio' }, radios[i], h('span', { text: label }))),
    h('p', { class: 'care-clear' }, clear));

  /** @type {Record<string, HTMLTextAreaElement>} */
  const notes = {};
  for (const [key, id] of NOTES) {
    notes[key] = /** @type {HTMLTextAreaElement} */ (field({ id, name: key, class: 'input textarea textarea-small', rows: 2, maxlength: TEXT_MAX }, 'textarea'));
  }
  /** @param {string} key */
  const noteField = (key) => {
    const hit = NOTES.find(([k]) => k === key);
    return hit ? labelled({ label: `${hit[2]} (optional)`, control: notes[key] }) : null;
  };

  /** @type {HTMLInputElement[]} */
  const boxes = [];
  const groups = grouped(aftercare).map(({ group, items }) => {
    const g = NEED_GROUPS[group] ? group : 'other';
    const noteKey = g !== 'other' ? NOTE_FOR_GROUP[g] : undefined;
    return h('fieldset', { class: 'need-group', dataset: { group } },
      h('legend', { text: NEED_GROUPS[group] ?? group }),
      h('ul', { class: 'check-list' }, items.map((w) => {
        const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: `need-${w.id}`, 'data-aftercare-need': w.id }));
        boxes.push(box);
        return h('li', null, h('label', { class: 'check', for: `need-${w.id}` }, box, h('span', { text: w.label })));
      })),
      noteKey ? noteField(noteKey) : null);
  });
  // Notes for groups that have no items (if the word list is short or missing) still show.
  const placed = new Set(grouped(aftercare).map(({ group }) => NOTE_FOR_GROUP[group]).filter(Boolean));
  const looseNotes = NOTES.filter(([key]) => key !== 'otherNote' && !placed.has(key)).map(([key]) => noteField(key));

  const note = noteEl('aftercare-needs-note', 'status');
  const save = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'aftercare-needs-save', class: 'button button-primary', text: 'Save', disabled: true }));
  save.addEventListener('click', () => {
    /** @type {AftercareNeeds} */
    const needs = emptyAftercareNeeds();
    const chosen = radios.find((r) => r.checked);
    needs.closeness = chosen ? /** @type {AftercareNeeds['closeness']} */ (chosen.value) : null;
    needs.items = [...boxes.filter((b) => b.checked).map((b) => /** @type {string} */ (b.dataset.aftercareNeed)), ...unknownItems];
    needs.openingLine = openingBox.checked;
    for (const [key] of NOTES) needs[key] = notes[key].value;
    saveWithNote(save, note, async () => {
      await api.saveAftercareNeeds(needs);
      savedInJournal(note);
    }, { after: 'Your choices are still here.' });
  });

  fill(main, h('div', { id: 'aftercare-needs', class: 'screen-care care-sub' },
    backLink(main, 'Back to Care'),
    h('h1', { id: 'aftercare-needs-title', tabindex: '-1', text: 'My aftercare needs' }),
    h('p', { class: 'lead', text:
      'What tends to help you afterwards. Keep it for yourself, or share it as a card with a partner. Choose any, or none.' }),
    h('div', { class: 'care-form' }, opening, closeness, groups, looseNotes, noteField('otherNote')),
    h('div', { class: 'actions' },
      save,
      h('button', { type: 'button', id: 'open-aftercare-card', class: 'button button-quiet', text: 'See my aftercare card',
        onClick: () => showCare(main, 'aftercare-card') })),
    note));
  focusTitle(main);

  api.careState().then((state) => {
    const saved = { ...emptyAftercareNeeds(), ...(state.aftercareNeeds ?? {}) };
    for (const r of radios) r.checked = r.value === saved.closeness;
    clear.hidden = !saved.closeness;
    openingBox.checked = saved.openingLine === true;
    const items = new Set(saved.items ?? []);
    for (const b of boxes) b.checked = items.has(/** @type {string} */ (b.dataset.aftercareNeed));
    unknownItems = [...items].filter((id) => !known.has(id));
    for (const [key] of NOTES) notes[key].value = saved[key] ?? '';
    save.disabled = false;
  }, (e) => {
    if (handleLocked(e)) return;
    showNote(note, `What you saved before can't be read just now, so saving is paused to keep it safe. ${messageOf(e)}`, 'info');
  });
}

/* ---- Aftercare card ---------------------------------------------------------------------- */

/** @param {HTMLElement} main */
function showAftercareCard(main) {
  document.body.dataset.view = 'aftercare-card';
  const sheet = h('article', { class: 'aftercare-sheet', 'aria-labelledby': 'aftercare-card-title' },
    h('h1', { id: 'aftercare-card-title', tabindex: '-1', text: 'What helps me afterwards' }),
    h('p', { class: 'hint no-print', text: 'Opening…' }));
  const printNote = noteEl('print-note', 'status');
  printNote.classList.add('no-print');
  const printBtn = h('button', { type: 'button', id: 'print-card', class: 'button button-primary', text: 'Print or save as PDF',
    'aria-describedby': 'print-note',
    onClick: async () => {
      showNote(printNote, '');
      try {
        await api.printPage();
      } catch (e) {
        // Say calmly why printing can't happen here, next to the button (e.g. print_unavailable).
        if (!handleLocked(e)) showNote(printNote, messageOf(e), 'info');
      }
    } });

  fill(main, h('div', { id: 'aftercare-card', class: 'screen-care care-sub' },
    backLink(main, 'Back to my aftercare needs', 'aftercare-needs'),
    h('p', { class: 'care-eyebrow no-print', text: 'My aftercare card' }),
    sheet,
    h('div', { class: 'actions no-print' },
      printBtn,
      h('button', { type: 'button', id: 'edit-aftercare-needs', class: 'button button-quiet', text: 'Change what is on it',
        onClick: () => showCare(main, 'aftercare-needs') })),
    printNote,
    h('p', { class: 'hint no-print', text: 'Only what you chose shows on the card. Nothing else from your journal is on it.' })));
  focusTitle(main);

  api.careState().then((state) => {
    const card = aftercareCard(state.aftercareNeeds, session.words?.aftercare ?? []);
    const title = /** @type {HTMLElement} */ (sheet.querySelector('h1'));
    if (card.empty) {
      fill(sheet, title,
        h('p', { class: 'aftercare-empty', text: 'Nothing chosen yet. What you choose in My aftercare needs shows here.' }));
      printBtn.setAttribute('disabled', '');
      return;
    }
    fill(sheet, title,
      card.opening ? h('p', { class: 'aftercare-opening', text: card.opening }) : null,
      card.lead ? h('p', { class: 'aftercare-lead', text: card.lead }) : null,
      card.sections.map((s) => h('section', { class: 'aftercare-part', dataset: { group: s.id }, 'aria-labelledby': `aftercare-part-${s.id}` },
        h('h2', { id: `aftercare-part-${s.id}`, text: s.title }),
        s.items.length ? h('ul', null, s.items.map((i) => h('li', { text: i }))) : null,
        s.note ? h('p', { class: 'aftercare-note', text: s.note }) : null)));
  }, (e) => {
    if (handleLocked(e)) return;
    const title = /** @type {HTMLElement} */ (sheet.querySelector('h1'));
    fill(sheet, title, h('p', { class: 'note', dataset: { tone: 'info' }, text: `Your card can't be shown just now. ${messageOf(e)}` }));
    printBtn.setAttribute('disabled', '');
  });
}
