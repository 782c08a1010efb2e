// @ts-check
/**
 * @file "Need support now?": an inline panel with the support card and "How to find local
 * help" from the care content (CONTENT.md e1, e2), the person's own saved numbers, and, once
 * unlocked, a small form to edit them. It works on every screen, locked or not; while locked
 * it shows nothing from the journal (only numbers the person chose to keep outside it).
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

/**
 * The panel's body once content and numbers are known (either may be missing).
 * @param {HTMLElement} panel
 * @param {CareContent|null} content
 * @param {SupportInfo|null} info
 */
function render(panel, content, info) {
  const unlocked = session.unlocked;
  const locked = !unlocked;
  /** @type {SupportInfo} */
  let current = info ?? { numbers: null, outside: false, locked };

  const groundingSlot = h('div', { id: 'support-grounding', class: 'support-grounding', hidden: true });
  const editBox = unlocked ? numbersEditor() : null;

  function showGrounding() {
    if (!content?.grounding) return;
    if (!groundingSlot.firstChild) groundingSlot.append(renderGrounding(content.grounding, { titleTag: 'h3' }));
    groundingSlot.hidden = false;
    /** @type {HTMLElement|null} */ (groundingSlot.querySelector('.care-grounding-title'))?.focus();
  }

  function openEditor() {
    if (!editBox) return;
    /** @type {HTMLDetailsElement} */ (editBox.details).open = true;
    /** @type {HTMLElement} */ (editBox.details.querySelector('input')).focus();
  }

  /** @type {Record<string, import('./care-view.js').ActionHandler>} */
  const handlers = {
    grounding: () => showGrounding(),
    back: () => closeSupport(),
    numbers: () => { /** @type {HTMLElement|null} */ (panel.querySelector('[data-numbers]'))?.scrollIntoView({ block: 'center' }); },
  };
  if (unlocked) {
    handlers['safety-plan'] = () => { closeSupport(); navigate('care', 'safety-plan'); };
    handlers.coping = () => { closeSupport(); navigate('care'); };
  }

  /** The support card (or a one-line fallback when the content can't be read). */
  function supportCard() {
    const numbers = renderNumbers(current, { onAdd: unlocked ? openEditor : null });
    const card = cardById(content, 'support');
    if (!card) {
      return h('section', { class: 'care-card', dataset: { card: 'support' }, 'aria-labelledby': 'support-title' },
        h('div', { class: 'care-card-head' },
          h('h2', { id: 'support-title', class: 'care-card-title', tabindex: '-1', text: 'Need support now?' }),
          closeButton()),
        h('p', { class: 'support-first', text:
          "If you're in danger, or might act on thoughts of harming yourself, contact your local emergency number now." }),
        numbers);
    }
    return renderCard(card, handlers, {
      titleTag: 'h2',
      titleId: 'support-title',
      headExtra: closeButton(),
      context: 'support',
      numbers,
      numbersState: numbersState(current),
      emergencyShown: emergencyShown(current),
    });
  }

  let cardEl = supportCard();
  const findHelp = cardById(content, 'find-help');

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
      const numbers = cleanNumbers(raw);
      await saveWithNote(save, note, async () => {
        const saved = await api.saveSupportNumbers(numbers, outside.checked);
        current = { ...saved, numbers: saved.numbers ?? numbers };
        outside.checked = !!saved.outside;
        const next = supportCard();
        cardEl.replaceWith(next);
        cardEl = next;
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

  fill(panel,
    cardEl,
    groundingSlot,
    findHelp ? renderCard(findHelp, handlers, { id: 'find-help', context: 'support' }) : null,
    editBox ? editBox.details : null,
    h('div', { class: 'support-foot' },
      h('button', { type: 'button', class: 'button button-quiet', text: 'Close this', onClick: () => closeSupport() })));
  return { openEditor };
}

/**
 * Opens the panel and moves focus to its heading. With `edit`, opens the numbers form too
 * (only when unlocked).
 * @param {{edit?: boolean}} [o]
 */
export async function openSupport(o = {}) {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel) return;
  const mine = ++seq;
  // Show at once, calmly, while the words and numbers are read (a few milliseconds).
  fill(panel,
    h('div', { class: 'care-card-head' },
      h('h2', { id: 'support-title', class: 'care-card-title', tabindex: '-1', text: 'Need support now?' }),
      closeButton()),
    h('p', { class: 'hint', text: 'Opening…' }));
  panel.hidden = false;
  button?.setAttribute('aria-expanded', 'true');
  byId('support-title')?.focus();
  panel.scrollIntoView({ block: 'start' });

  const [content, info] = await Promise.all([
    loadCareContent().catch(() => null),
    api.supportNumbers().catch(() => null),
  ]);
  if (mine !== seq || panel.hidden) return;
  const hadFocus = panel.contains(document.activeElement);
  const { openEditor } = render(panel, content, info);
  if (o.edit && session.unlocked) openEditor();
  else if (hadFocus || document.activeElement === document.body) byId('support-title')?.focus();
}

/** Closes the panel and returns focus to the button. */
export function closeSupport() {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel || panel.hidden) return;
  seq += 1;
  panel.hidden = true;
  panel.replaceChildren();
  button?.setAttribute('aria-expanded', 'false');
  button?.focus();
}

/** Wires the always-visible button and Esc. */
export function initSupport() {
  const button = byId('support-button');
  const panel = byId('support-panel');
  button?.addEventListener('click', () => {
    if (panel && !panel.hidden) closeSupport();
    else openSupport();
  });
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
