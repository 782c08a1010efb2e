// @ts-check
/**
 * @file "Need support now?": an inline panel with static, offline text (CONTENT.md e1 and e2).
 * It works on every screen, locked or not, and shows nothing from the journal.
 */

import { h, byId, fill } from '../dom.js';

/** The panel's content. */
function supportContent() {
  return [
    h('div', { class: 'support-head' },
      h('h2', { id: 'support-title', tabindex: '-1', text: 'You deserve support right now.' }),
      h('button', { type: 'button', id: 'support-close', class: 'button button-quiet', text: 'Close', onClick: () => closeSupport() })),
    h('p', { class: 'support-first' },
      "If you might act on thoughts of harming yourself, or you're in danger, contact emergency services now."),
    h('h3', { text: 'For the next few minutes' }),
    h('p', null,
      'Try slow breathing, with the out-breath longer than the in-breath, or name five things you can see. ',
      'Move away from anything you could use to hurt yourself, or ask someone to be with you.'),
    h('p', null,
      "You don't have to explain or justify how you feel to reach out. Feelings this strong do ease, and people can help."),
    h('h3', { text: 'How to find local help' }),
    h('p', null,
      h('strong', { text: 'Emergency number. ' }),
      'Most countries have one short emergency number. On most mobile phones, ',
      h('strong', { class: 'number', text: '112' }),
      " reaches emergency services in many countries. In some countries it's forwarded to the local number, such as 911 or 999. ",
      "Your country's number may differ, so please check it for your country."),
    h('p', null,
      h('strong', { text: 'Crisis and listening lines. ' }),
      'Many countries have free, confidential phone or text lines for people in distress. To find yours, you can:'),
    h('ul', null,
      h('li', { text: 'ask your doctor or local health service' }),
      h('li', { text: "look on your national health service's website" }),
      h('li', { text: 'check the help pages of a national mental-health charity' }),
      h('li', { text: 'search "crisis line" plus your country name when you\'re online' })),
    h('p', null,
      h('strong', { text: 'Sexual-assault and domestic-violence services. ' }),
      'Many places have specialist, confidential services, often with 24-hour lines. ',
      'They can explain your options without pressure. You can find them through the same routes.'),
    h('p', { class: 'hint' },
      "Tip: ring a line once on an ordinary day, so you know it works and what to expect. This computer can't place calls, so dial on a phone."),
    h('div', { class: 'support-foot' },
      h('button', { type: 'button', class: 'button button-quiet', text: 'Close this', onClick: () => closeSupport() })),
  ];
}

/** Opens the panel and moves focus to its heading. */
export function openSupport() {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel) return;
  if (!panel.firstChild) fill(panel, supportContent());
  panel.hidden = false;
  button?.setAttribute('aria-expanded', 'true');
  byId('support-title')?.focus();
  panel.scrollIntoView({ block: 'start' });
}

/** Closes the panel and returns focus to the button. */
export function closeSupport() {
  const panel = byId('support-panel');
  const button = byId('support-button');
  if (!panel || panel.hidden) return;
  panel.hidden = true;
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
