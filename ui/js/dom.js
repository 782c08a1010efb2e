// @ts-check
/**
 * @file Tiny DOM helpers. Text always goes in as text nodes (never as HTML), so nothing a
 * person writes can turn into markup.
 */

/**
 * @typedef {Record<string, any>} Props
 * Keys: `class`, `text`, `dataset` (object), `on<Event>` (function), DOM properties such as
 * `value`, `checked`, `disabled`, `hidden`, `type`; anything else (aria-*, data-*, role, for...)
 * becomes an attribute. `false`, `null` and `undefined` values are skipped.
 */

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'tabIndex', 'open', 'selected', 'min', 'max', 'rows']);

/**
 * Creates an element.
 * @param {string} tag
 * @param {Props|null} [props]
 * @param {...any} children strings, nodes, arrays, or null/false (skipped)
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (PROPS.has(key)) /** @type {any} */ (el)[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/**
 * Appends children (strings become text nodes; arrays are flattened; falsy skipped).
 * @param {Node} el
 * @param {any[]} children
 */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...any} children
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** @param {string} id */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/**
 * Sets which screen is showing (for styling and tests).
 * @param {string} name
 */
export function setScreen(name) {
  document.body.dataset.screen = name;
}

let liveTimer = 0;
/**
 * Says something politely in the shared live region, and shows it for a few seconds.
 * @param {string} message
 */
export function announce(message) {
  const live = document.getElementById('live');
  if (!live) return;
  window.clearTimeout(liveTimer);
  live.textContent = '';
  // A fresh text node after a tick, so the same words are announced again.
  window.setTimeout(() => {
    live.textContent = message;
    liveTimer = window.setTimeout(() => { live.textContent = ''; }, 6000);
  }, 30);
}

/**
 * A calm note element for an error or result, next to the thing it is about.
 * @param {string} id
 * @param {'alert'|'status'} [role]
 */
export function noteEl(id, role = 'status') {
  return h('p', { id, class: 'note', role, hidden: true });
}

/**
 * Shows text in a note (or hides it when empty).
 * @param {HTMLElement|null} el
 * @param {string} text
 * @param {'info'|'problem'|'ok'} [tone]
 */
export function showNote(el, text, tone = 'problem') {
  if (!el) return;
  el.dataset.tone = tone;
  if (text && !el.hidden && el.textContent === text) {
    // The same words again (a second wrong try): clear first so they are announced again.
    el.textContent = '';
    window.setTimeout(() => { el.textContent = text; }, 60);
    return;
  }
  el.textContent = text;
  el.hidden = !text;
}

/**
 * A text input or textarea with the privacy attributes every field needs.
 * @param {Props} props
 * @param {'input'|'textarea'} [tag]
 */
export function field(props, tag = 'input') {
  return h(tag, { spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', ...props });
}

/**
 * A labelled field block: label, optional hint, the control (with `beside` it on one row, such
 * as a "Choose…" button), and an optional note.
 * @param {{label: string, control: HTMLElement, hint?: string|Node, note?: HTMLElement|null, cls?: string, beside?: HTMLElement}} o
 */
export function labelled({ label, control, hint, note, cls, beside }) {
  const hintId = hint ? `${control.id}-hint` : null;
  if (hintId) {
    const prev = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', prev ? `${prev} ${hintId}` : hintId);
  }
  if (note) {
    const prev = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', prev ? `${prev} ${note.id}` : note.id);
  }
  return h('div', { class: `field ${cls ?? ''}`.trim() },
    h('label', { for: control.id, text: label }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    beside ? h('div', { class: 'path-row' }, control, beside) : control,
    note ?? null);
}

/**
 * A password field with a show/hide toggle.
 * @param {{id: string, label: string, hint?: string, note?: HTMLElement|null}} o
 */
export function passwordField({ id, label, hint, note }) {
  const input = /** @type {HTMLInputElement} */ (field({ id, type: 'password', class: 'input' }));
  const toggleBtn = h('button', {
    type: 'button', class: 'reveal', 'aria-pressed': 'false', 'aria-controls': id, 'aria-label': `Show ${label.toLowerCase()}`, text: 'Show',
  });
  revealToggle(input, toggleBtn, label);
  const block = labelled({ label, control: input, hint, note });
  const wrap = h('div', { class: 'password-wrap' });
  block.replaceChild(wrap, input);
  wrap.append(input, toggleBtn);
  return { block, input };
}

/**
 * Makes a password field's Show button show and hide what is typed, and say which it will do.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} button
 * @param {string} label the field's label
 */
export function revealToggle(input, button, label) {
  button.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(show));
    button.textContent = show ? 'Hide' : 'Show';
    button.setAttribute('aria-label', show ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`);
  });
}

/**
 * Error from the api as plain text, with a fallback.
 * @param {any} e
 */
export function messageOf(e) {
  return (e && typeof e.message === 'string' && e.message) || 'Something went wrong. Nothing was changed; try again.';
}

/**
 * A closed "Show as a table" block whose table is built the first time it opens, so a long
 * period doesn't build thousands of hidden rows it may never show.
 * @param {() => HTMLElement} build makes the table
 * @param {string} [summary]
 */
export function lazyTableDetails(build, summary = 'Show as a table') {
  const wrap = h('div', { class: 'table-wrap' });
  const details = h('details', { class: 'chart-table' }, h('summary', { text: summary }), wrap);
  details.addEventListener('toggle', () => {
    if (details.hasAttribute('open') && !wrap.firstChild) wrap.appendChild(build());
  });
  return details;
}

/**
 * Holds a control while the journal works, without taking the keyboard's place from it. A
 * focused control that turned `disabled` would drop the focus onto the page itself, and someone
 * using the keyboard or a screen reader would have to find their way back. Held, it keeps the
 * focus, says it is unavailable (aria-disabled), looks disabled and ignores presses
 * (`ignoreHeldPresses`) until let go.
 * @param {Element} control
 * @param {boolean} on
 */
export function hold(control, on) {
  if (on) control.setAttribute('aria-disabled', 'true');
  else control.removeAttribute('aria-disabled');
}

/**
 * Makes every held control ignore presses (a click, Enter or Space, or a form's Enter), once,
 * for the whole window.
 * @param {Document} doc
 */
export function ignoreHeldPresses(doc) {
  doc.addEventListener('click', (ev) => {
    const t = /** @type {Element|null} */ (ev.target instanceof Element ? ev.target : null);
    if (t?.closest('[aria-disabled="true"]')) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, { capture: true });
}
