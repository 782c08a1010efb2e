// @ts-check
/**
 * @file Shared renderers for Care content: card blocks, cards with their actions, coping ideas,
 * the grounding exercise and the saved support numbers. Used after saving, on the Care screen
 * and in "Need support now?", so the same words look the same everywhere. All text goes in as
 * text nodes; **bold** becomes <strong> through the DOM, never through HTML.
 */

import * as api from '../api.js';
import { h, announce } from '../dom.js';
import {
  splitBold, paragraphs, evidenceLine, actionLabel, numberRows, numbersState, visibleBlocks,
} from '../care-model.js';

/** @typedef {import('../api.js').CareContent} CareContent */
/** @typedef {import('../api.js').Card} Card */
/** @typedef {import('../api.js').Block} Block */
/** @typedef {import('../api.js').CopingIdea} CopingIdea */
/** @typedef {import('../api.js').Grounding} Grounding */
/** @typedef {import('../api.js').SupportInfo} SupportInfo */

/* ---- Content, once per page load -------------------------------------------------------- */

/** @type {Promise<CareContent>|null} */
let contentPromise = null;
/** @type {CareContent|null} */
let contentNow = null;

/**
 * The care content, read once per page load (it works while locked). A failure is not kept,
 * so the next call tries again.
 * @returns {Promise<CareContent>}
 */
export function loadCareContent() {
  if (!contentPromise) {
    contentPromise = api.careContent().then((c) => {
      contentNow = c;
      return c;
    }, (e) => {
      contentPromise = null;
      throw e;
    });
  }
  return contentPromise;
}

/** The care content if it has already arrived, else null. */
export function careContentNow() {
  return contentNow;
}

/* ---- Text -------------------------------------------------------------------------------- */

/**
 * Text with **bold** spans, as nodes.
 * @param {string} text
 * @returns {Node[]}
 */
export function rich(text) {
  return splitBold(text).map((run) => (run.bold ? h('strong', { text: run.text }) : document.createTextNode(run.text)));
}

let uid = 0;
/** A fresh id for aria wiring, so the same card can show in two places at once. @param {string} base */
function nextId(base) {
  uid += 1;
  return `${base}-${uid}`;
}

/**
 * A card's blocks as elements. `numbers` fills a {numbers: true} block; without it that block
 * is left out.
 * @param {Block[]} blocks
 * @param {{numbers?: Node|(() => Node)|null}} [o]
 * @returns {HTMLElement[]}
 */
export function renderBlocks(blocks, o = {}) {
  /** @type {HTMLElement[]} */
  const out = [];
  for (const b of blocks ?? []) {
    if (b.numbers) {
      const n = typeof o.numbers === 'function' ? o.numbers() : o.numbers;
      if (n) out.push(h('div', { class: 'care-numbers-slot' }, n));
    } else if (Array.isArray(b.list)) {
      out.push(h('ul', { class: 'care-block-list' }, b.list.map((item) => h('li', null, rich(item)))));
    } else if (typeof b.noNumber === 'string') {
      out.push(h('p', { class: 'care-no-number', dataset: { noNumber: '' } }, rich(b.noNumber)));
    } else if (typeof b.hint === 'string') {
      out.push(h('p', { class: 'hint care-block-hint' }, rich(b.hint)));
    } else if (typeof b.p === 'string') {
      out.push(h('p', null, rich(b.p)));
    }
  }
  return out;
}

/**
 * @typedef {(ev: Event, ctx: {card: Card, section: HTMLElement, button: HTMLElement}) => void} ActionHandler
 * @typedef {{
 *   titleTag?: string, titleId?: string, headExtra?: Node|null,
 *   context?: import('../care-model.js').CardContext,
 *   numbers?: Node|(() => Node)|null, numbersState?: 'locked'|'none'|'some',
 *   emergencyShown?: boolean, id?: string,
 * }} CardOptions
 * `context` says where the card shows, for the words on its buttons (see actionLabel).
 * `emergencyShown` says a saved emergency number shows, so the card's emergency fact can rest.
 */

/**
 * A card: a section with data-card, its title, blocks and a button for each action that has a
 * handler (actions without one, such as the safety plan while locked, are left out).
 * @param {Card} card
 * @param {Record<string, ActionHandler>} handlers
 * @param {CardOptions} [o]
 */
export function renderCard(card, handlers, o = {}) {
  const titleId = o.titleId ?? nextId(`card-${card.id}-title`);
  const title = h(o.titleTag ?? 'h3', { id: titleId, class: 'care-card-title', tabindex: '-1' }, rich(card.title));
  const blocks = o.numbersState
    ? visibleBlocks(card.blocks, o.numbersState, !!o.emergencyShown)
    : visibleBlocks(card.blocks, 'none', false);
  const section = h('section', {
    class: 'care-card', id: o.id, dataset: { card: card.id }, 'aria-labelledby': titleId,
  });
  const buttons = (card.actions ?? []).map((action) => {
    const handler = handlers[action];
    const label = actionLabel(action, card.id, { context: o.context });
    if (!handler || !label) return null;
    const quiet = action === 'not-now' || action === 'never' || action === 'back';
    const button = h('button', {
      type: 'button',
      class: `button ${quiet ? 'button-quiet' : 'button-soft'}`,
      dataset: { action },
      text: label,
    });
    button.addEventListener('click', (ev) => handler(ev, { card, section, button }));
    return button;
  }).filter(Boolean);
  section.append(
    o.headExtra ? h('div', { class: 'care-card-head' }, title, o.headExtra) : title,
    ...renderBlocks(blocks, { numbers: o.numbers }),
  );
  if (buttons.length) section.append(h('div', { class: 'actions care-actions' }, buttons));
  return section;
}

/**
 * A coping idea: a closed <details> whose summary is the title; inside, how to do it, why it
 * may help and the evidence behind it.
 * @param {CopingIdea} idea
 */
export function renderIdea(idea) {
  const evidence = evidenceLine(idea);
  return h('details', { class: 'care-idea', dataset: { idea: idea.id } },
    h('summary', null, h('span', { class: 'care-idea-title' }, rich(idea.title))),
    h('div', { class: 'care-idea-body' },
      paragraphs(idea.howTo).map((p) => h('p', null, rich(p))),
      idea.why
        ? h('div', { class: 'care-idea-why' },
          h('p', { class: 'care-idea-sub', text: 'Why it may help' }),
          paragraphs(idea.why).map((p) => h('p', null, rich(p))))
        : null,
      evidence ? h('p', { class: 'care-idea-evidence' }, evidence) : null));
}

/**
 * The grounding exercise as a calm list of steps.
 * @param {Grounding} grounding
 * @param {{titleTag?: string, id?: string}} [o]
 */
export function renderGrounding(grounding, o = {}) {
  const titleId = nextId('grounding-title');
  return h('section', { class: 'care-grounding', id: o.id, dataset: { grounding: '' }, 'aria-labelledby': titleId },
    h(o.titleTag ?? 'h3', { id: titleId, tabindex: '-1', class: 'care-grounding-title' }, rich(grounding.title)),
    grounding.intro ? paragraphs(grounding.intro).map((p) => h('p', null, rich(p))) : null,
    h('ol', { class: 'grounding-steps' }, (grounding.steps ?? []).map((s) => h('li', null, rich(s)))));
}

/**
 * Copies a number, or selects it when copying isn't allowed here.
 * @param {string} value
 * @param {HTMLElement} numberEl
 * @param {HTMLElement} button
 */
async function copyNumber(value, numberEl, button) {
  try {
    await navigator.clipboard.writeText(value);
    button.textContent = 'Copied';
    announce('Copied.');
  } catch {
    const sel = window.getSelection();
    sel?.selectAllChildren(numberEl);
    button.textContent = 'Selected';
    announce('The number is selected. Press Ctrl+C to copy it.');
  }
  window.setTimeout(() => { button.textContent = 'Copy'; }, 4000);
}

/**
 * The saved numbers, large, each with a Copy button; or a plain word on why none show.
 * @param {SupportInfo|null} info
 * @param {{onAdd?: (() => void)|null}} [o] `onAdd` offers a way to add numbers (when unlocked)
 */
export function renderNumbers(info, o = {}) {
  const state = numbersState(info);
  const wrap = h('div', { class: 'care-numbers', dataset: { numbers: state } });
  if (state === 'locked') {
    wrap.append(h('p', { class: 'hint', text:
      "Your saved numbers show here after you unlock, unless you choose to keep them outside the journal's encryption." }));
    return wrap;
  }
  if (state === 'none') {
    wrap.append(h('p', { class: 'care-numbers-none', text: 'No numbers saved yet.' },
      o.onAdd ? ' ' : null,
      o.onAdd ? h('button', { type: 'button', class: 'link-button', dataset: { action: 'add-numbers' }, text: 'Add your numbers', onClick: () => o.onAdd?.() }) : null));
    return wrap;
  }
  const rows = numberRows(/** @type {SupportInfo} */ (info).numbers);
  const kept = /** @type {SupportInfo} */ (info);
  const lead = kept.locked && kept.outside
    ? "Your saved numbers, kept outside the journal's encryption:"
    : 'Your saved numbers:';
  wrap.append(h('p', { class: 'care-numbers-lead', text: lead }));
  if (kept.outsideDiffers) {
    wrap.append(h('p', { class: 'note', dataset: { tone: 'info', outsideDiffers: 'true' }, text:
      "The copy kept outside the journal's encryption doesn't match these. Saving your numbers again sets it right." }));
  }
  wrap.append(
    h('ul', { class: 'number-list' }, rows.map((r) => {
      const numberEl = h('span', { class: 'number', text: r.value });
      const button = h('button', {
        type: 'button', class: 'button button-quiet button-small', text: 'Copy', 'aria-label': `Copy: ${r.label}`,
      });
      button.addEventListener('click', () => { copyNumber(r.value, numberEl, button); });
      return h('li', { class: 'number-row', dataset: { number: r.key } },
        h('span', { class: 'number-label', text: r.label }),
        h('span', { class: 'number-line' }, numberEl, button));
    })),
    h('p', { class: 'hint', text: "This computer can't place calls, so dial on a phone." }));
  return wrap;
}
