// @ts-check
/**
 * @file "Need support now?": a panel that first asks what is happening, in three calm choices
 * (I might hurt myself / something happened that I didn't want / I'm overwhelmed and need to
 * settle), and leads with what fits: the support card, the consent card, or grounding, with
 * "How to find local help" and the person's own saved numbers (CONTENT.md e1, e2, e4). The
 * danger line is there before any choice. Once unlocked, a small form edits the numbers. It
 * works on every screen, locked or not; while locked it shows nothing from the journal (only
 * numbers the person chose to keep outside it). One Close.
 */

import * as api from '../api.js';
import { h, byId, fill, field, labelled, noteEl, showNote, announce } from '../dom.js';
import { session, navigate } from '../session.js';
import { cardById, cleanNumbers, emptyNumbers, emergencyShown, numbersState, NUMBER_FIELDS } from '../care-model.js';
import { loadCareContent, renderCard, renderGrounding, renderNumbers } from './care-view.js';
import { saveWithNote } from '../save-note.js';

/** @typedef {import('../api.js').CareContent} CareContent */
/** @typedef {import('../api.js').SupportInfo} SupportInfo */

/** Ids for the number inputs. @type {Record<string, string>} */
const INPUT_IDS = {
  emergency: 'number-emergency',
  crisisLine: 'number-crisis-line',
  assaultService: 'number-assault-service',
  trustedName: 'number-trusted-name',
  trustedNumber: 'number-trusted-number',
};

/** Labels for the number inputs. @type {Record<string, string>} */
const INPUT_LABELS = {
  emergency: 'Emergency number',
  crisisLine: 'Crisis or listening line',
  assaultService: 'Sexual-assault support service',
  trustedName: 'Someone I trust: their name',
  trustedNumber: 'Someone I trust: their number',
};

let seq = 0;

/** The close button in the panel's head. */
function closeButton() {
  return h('button', { type: 'button', id: 'support-close', class: 'button button-quiet', text: 'Close', onClick: () => closeSupport() });
}

/** Said first when the content can't be read. */
const DANGER_FALLBACK = "If you're in danger right now, contact your local emergency number.";

/**
 * What the panel leads with when opened without a choice made: set after saving an entry (an
 * unsure or "no" choice leads with "Something happened that I didn't want").
 * @type {string|null}
 */
let suggested = null;

/**
 * Sets (or, with null, clears) the choice "Need support now?" opens at.
 * @param {string|null} lead a choice id from the care content ('harm', 'unwanted', 'settle')
 */
export function suggestSupport(lead) {
  suggested = lead;
}

/**
 * The panel's body once content and numbers are known (either may be missing): the danger line,
 * the question with its three choices, and what the chosen one leads with.
 * @param {HTMLElement} panel
 * @param {CareContent|null} content
 * @param {SupportInfo|null} info
 */
function render(panel, content, info) {
  const unlocked = session.unlocked;
  const locked = !unlocked;
  /** @type {SupportInfo} */
  let current = info ?? { numbers: null, outside: false, locked };
  const ask = content?.support ?? null;
  const editBox = unlocked ? numbersEditor() : null;
  const lead = h('div', { id: 'support-lead', class: 'support-lead' });
  /** @type {string|null} */
  let chosen = null;

  function openEditor() {
    if (!editBox) return;
    /** @type {HTMLDetailsElement} */ (editBox.details).open = true;
    /** @type {HTMLElement} */ (editBox.details.querySelector('input')).focus();
  }

  /** The grounding exercise, under the card that offered it. */
  function showGrounding() {
    if (!content?.grounding) return;
    let slot = /** @type {HTMLElement|null} */ (lead.querySelector('#support-grounding'));
    if (!slot) {
      slot = h('div', { id: 'support-grounding', class: 'support-grounding' }, renderGrounding(content.grounding, { titleTag: 'h3' }));
      const first = lead.querySelector('.care-card');
      if (first) first.after(slot);
      else lead.append(slot);
    }
    /** @type {HTMLElement|null} */ (slot.querySelector('.care-grounding-title'))?.focus();
  }

  // One way out of the panel: its Close. Cards' own "back" buttons are left out.
  /** @type {Record<string, import('./care-view.js').ActionHandler>} */
  const handlers = {
    grounding: () => showGrounding(),
    numbers: () => { /** @type {HTMLElement|null} */ (lead.querySelector('[data-numbers]'))?.scrollIntoView({ block: 'center' }); },
  };
  if (unlocked) {
    handlers['safety-plan'] = () => { closeSupport(); navigate('care', 'safety-plan'); };
    handlers.coping = () => { closeSupport(); navigate('care'); };
  }

  const numbers = () => renderNumbers(current, { onAdd: unlocked ? openEditor : null });
  const findHelp = () => {
    const card = cardById(content, 'find-help');
    return card ? renderCard(card, handlers, { id: 'find-help', context: 'support' }) : null;
  };

  /** @param {import('../api.js').Card['id']} id */
  function leadCard(id) {
    const card = cardById(content, id);
    if (!card) return null;
    const hasNumbers = card.blocks.some((b) => b.numbers);
    return renderCard(card, handlers, {
      titleTag: 'h3',
      context: 'support',
      numbers: hasNumbers ? numbers() : undefined,
      numbersState: numbersState(current),
      emergencyShown: emergencyShown(current),
    });
  }

  /**
   * Shows what a choice leads with, and moves focus to it.
   * @param {string} id
   * @param {{focus?: boolean}} [o]
   */
  function choose(id, o = {}) {
    const choice = ask?.choices.find((c) => c.id === id);
    if (!choice) return;
    chosen = id;
    for (const b of /** @type {NodeListOf<HTMLElement>} */ (panel.querySelectorAll('[data-support-choice]'))) {
      b.setAttribute('aria-pressed', String(b.dataset.supportChoice === id));
    }
    /** @type {(Node|null)[]} */
    const parts = [];
    if (choice.card) {
      const card = leadCard(choice.card);
      parts.push(card);
      // Cards without their own place for numbers get the saved numbers beneath them.
      if (card && !card.querySelector('[data-numbers]')) parts.push(numbers());
      parts.push(findHelp());
    } else if (choice.grounding && content?.grounding) {
      parts.push(h('div', { id: 'support-grounding', class: 'support-grounding' }, renderGrounding(content.grounding, { titleTag: 'h3' })));
      parts.push(h('p', { class: 'support-stronger' },
        'If it gets stronger, or you might hurt yourself: ',
        h('button', { type: 'button', class: 'link-button', id: 'support-to-harm', text: 'show what helps then', onClick: () => choose('harm') })));
    }
    fill(lead, ...parts);
    if (o.focus !== false) {
      /** @type {HTMLElement|null} */ (lead.querySelector('.care-card-title, .care-grounding-title'))?.focus();
    }
  }

  /**
   * The "Edit my numbers" form, closed until asked for.
   */
  function numbersEditor() {
    const values = { ...emptyNumbers(), ...(current.numbers ?? {}) };
    /** @type {Record<string, HTMLInputElement>} */
    const inputs = {};
    const fields = NUMBER_FIELDS.map(([key]) => {
      const input = /** @type {HTMLInputElement} */ (field({
        id: INPUT_IDS[key], name: key, type: 'text', class: 'input input-short', maxlength: '60', value: values[key],
      }));
      inputs[key] = input;
      return labelled({
        label: INPUT_LABELS[key],
        control: input,
        hint: key === 'emergency' ? 'Check the number for where you are; it differs between countries.' : undefined,
      });
    });
    const outside = /** @type {HTMLInputElement} */ (h('input', {
      type: 'checkbox', id: 'numbers-outside', checked: !!current.outside, 'aria-describedby': 'numbers-outside-hint',
    }));
    const note = noteEl('numbers-note', 'status');
    const save = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', id: 'numbers-save', class: 'button button-primary', text: 'Save my numbers' }));
    const form = h('form', { id: 'numbers-form', class: 'numbers-form', novalidate: true },
      fields,
      h('div', { class: 'check-row' }, outside, h('label', { for: 'numbers-outside', text: 'Show these on the lock screen too' })),
      h('p', { id: 'numbers-outside-hint', class: 'hint consent-hint', text:
        "They'll be kept in a small file outside the journal's encryption, so anyone using this computer account could read them. Leave this off to keep them encrypted." }),
      h('div', { class: 'actions' }, save),
      note);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      /** @type {Record<string, string>} */
      const raw = {};
      for (const [key] of NUMBER_FIELDS) raw[key] = inputs[key].value;
      const cleaned = cleanNumbers(raw);
      await saveWithNote(save, note, async () => {
        const saved = await api.saveSupportNumbers(cleaned, outside.checked);
        current = { ...saved, numbers: saved.numbers ?? cleaned };
        outside.checked = !!saved.outside;
        // What is shown draws the new numbers.
        if (chosen) choose(chosen, { focus: false });
        else fill(lead, numbers());
        showNote(note, saved.outside
          ? 'Saved. They show on the lock screen too.'
          : 'Saved in your encrypted journal.', 'ok');
        announce('Numbers saved.');
      });
    });
    const details = h('details', { id: 'numbers-edit', class: 'care-edit' },
      h('summary', null, h('span', { text: 'Edit my numbers' })),
      h('div', { class: 'care-edit-body' },
        h('p', { class: 'hint', text: 'Numbers you have checked yourself, for where you live. Any of them can stay empty.' }),
        form));
    return { details };
  }

  const head = h('div', { class: 'care-card-head support-head' },
    h('h2', { id: 'support-title', class: 'care-card-title', tabindex: '-1', text: 'Need support now?' }),
    closeButton());
  const danger = h('p', { id: 'support-danger', class: 'support-danger' }, ask?.danger ?? DANGER_FALLBACK);
  if (!ask) {
    // The words couldn't be read: the danger line and the saved numbers, nothing to choose.
    fill(panel, head, danger, numbers(), editBox ? editBox.details : null);
    return { openEditor, choose: () => {} };
  }
  const choices = h('div', { class: 'support-choices', role: 'group', 'aria-labelledby': 'support-question' },
    ask.choices.map((c) => h('button', {
      type: 'button', class: 'button button-soft support-choice', 'aria-pressed': 'false',
      dataset: { supportChoice: c.id }, text: c.label, onClick: () => choose(c.id),
    })));
  fill(panel,
    head,
    danger,
    h('p', { id: 'support-question', class: 'support-question', text: ask.question }),
    choices,
    lead,
    editBox ? editBox.details : null);
  return { openEditor, choose };
}

/**
 * Opens the panel and moves focus to its heading. With `lead` (a choice id), it opens at that
 * choice (after an entry with an unsure or "no" choice: "Something happened that I didn't
 * want"); with `edit`, it opens the numbers form too (only when unlocked).
 * @param {{edit?: boolean, lead?: string|null}} [o]
 */
export async function openSupport(o = {}) {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel) return;
  const mine = ++seq;
  // Show at once, calmly, while the words and numbers are read (a few milliseconds).
  fill(panel,
    h('div', { class: 'care-card-head support-head' },
      h('h2', { id: 'support-title', class: 'care-card-title', tabindex: '-1', text: 'Need support now?' }),
      closeButton()),
    h('p', { class: 'support-danger', text: DANGER_FALLBACK }),
    h('p', { class: 'hint', text: 'Opening…' }));
  // Where the person was on the page, to go back there on Close.
  if (panel.hidden) returnTo = window.scrollY;
  panel.hidden = false;
  button?.setAttribute('aria-expanded', 'true');
  byId('support-title')?.focus({ preventScroll: true });
  panel.scrollIntoView({ block: 'start' });

  const [content, info] = await Promise.all([
    loadCareContent().catch(() => null),
    api.supportNumbers().catch(() => null),
  ]);
  if (mine !== seq || panel.hidden) return;
  const hadFocus = panel.contains(document.activeElement);
  const { openEditor, choose } = render(panel, content, info);
  const lead = o.lead === undefined ? suggested : o.lead;
  if (lead) choose(lead, { focus: false });
  if (o.edit && session.unlocked) openEditor();
  else if (hadFocus || document.activeElement === document.body) byId('support-title')?.focus({ preventScroll: true });
}

/** Where the page was scrolled when the panel opened. */
let returnTo = 0;

/** Closes the panel, goes back to where the page was, and returns focus to the button. */
export function closeSupport() {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel || panel.hidden) return;
  seq += 1;
  panel.hidden = true;
  panel.replaceChildren();
  button?.setAttribute('aria-expanded', 'false');
  button?.focus({ preventScroll: true });
  window.scrollTo(0, returnTo);
}

/** Wires Esc inside the panel (main.js wires the always-visible button, and loads this module
 * after the first screen or at the button's first press). */
export function initSupport() {
  const panel = byId('support-panel');
  panel?.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      closeSupport();
    }
  });
}

/** Whether the panel is open. */
export function supportOpen() {
  const panel = byId('support-panel');
  return !!panel && !panel.hidden;
}
