// @ts-check
/**
 * @file The Log screen (home): "How are you feeling right now?", the mood grid and the
 * optional sections, and after a save, a short support note only when the entry asks for it.
 */

import { h, fill, setScreen } from '../dom.js';
import { createLogForm } from '../components/log-form.js';
import { careCardsFor } from '../entry-model.js';
import { session } from '../session.js';
import { openSupport } from '../components/support.js';
import { plural } from '../format.js';

/** @type {ReturnType<typeof createLogForm>|null} */
let form = null;
/** @type {HTMLElement|null} */
let screen = null;
let damagedShown = false;

/**
 * The support notes a saved entry asks for (CONTENT.md e4, e5, e1). Calm, dismissible.
 * @param {import('../api.js').Entry} entry
 */
function careNotes(entry) {
  const urgent = new Set((session.words?.body ?? []).filter((b) => b.urgent).map((b) => b.id));
  const want = careCardsFor(entry, urgent);
  /** @type {HTMLElement[]} */
  const cards = [];
  if (want.consent) {
    cards.push(h('section', { class: 'care-card', dataset: { card: 'consent' }, 'aria-labelledby': 'care-consent-title' },
      h('h3', { id: 'care-consent-title', text: "Thank you for noting this. It's okay not to have words for it yet." }),
      h('p', null, 'If something happened that you didn’t fully choose, including if you froze or went along with it, ',
        h('strong', { text: 'it is not your fault.' }), ' Freezing is a very common, automatic reaction.'),
      h('p', { text: 'Some options, all your choice:' }),
      h('ul', null,
        h('li', null, h('strong', { text: 'Medical care: ' }),
          'a clinic or emergency department can check for injury and talk about STI prevention and emergency contraception. ',
          'Sooner is often better for some options. You can get care without reporting to police.'),
        h('li', null, h('strong', { text: 'Specialist support: ' }),
          'a sexual-assault support service can listen and explain your options confidentially.'),
        h('li', null, h('strong', { text: 'Someone you trust: ' }), "you don't have to go through this alone."),
        h('li', null, h('strong', { text: 'Your pace: ' }), "it's okay to just rest right now. You can come back to this later."))));
  }
  if (want.urgentBody) {
    cards.push(h('section', { class: 'care-card', dataset: { card: 'body' }, 'aria-labelledby': 'care-body-title' },
      h('h3', { id: 'care-body-title', text: 'Your body might need medical attention.' }),
      h('p', null, 'Bleeding that won’t stop, severe or worsening pain, trouble breathing, fainting, or numbness that doesn’t go away ',
        'after restraint or rope are reasons to get medical help promptly. If it’s severe or getting worse, contact emergency services.'),
      h('p', null, 'For a condom break or an STI or pregnancy worry, emergency contraception and preventive medicine work best soon, ',
        'so a clinic or pharmacy is worth contacting today.'),
      h('p', { text: 'Medical staff see these situations often. You can describe what happened in plain terms.' })));
  }
  if (want.support) {
    cards.push(h('section', { class: 'care-card', dataset: { card: 'support' }, 'aria-labelledby': 'care-support-title' },
      h('h3', { id: 'care-support-title', text: 'You deserve support with this.' }),
      h('p', { text: "Feeling hopeless is hard, and it does ease. If you ever have thoughts of harming yourself, there is help, and reaching out is okay." }),
      h('p', null, h('button', { type: 'button', class: 'button button-quiet', text: 'Need support now?', onClick: () => openSupport() }))));
  }
  return cards;
}

/**
 * @param {HTMLElement} main
 */
export function showLog(main) {
  setScreen('log');
  if (!form || !screen) {
    const after = h('div', { id: 'after-save', class: 'after-save', hidden: true, tabindex: '-1' });
    form = createLogForm({
      mode: 'new',
      onSaved: (entry) => {
        const cards = careNotes(entry);
        if (cards.length) {
          fill(after,
            h('div', { class: 'after-save-head' },
              h('h2', { class: 'after-save-title', text: 'Saved. Take your time.' }),
              h('button', { type: 'button', id: 'after-save-close', class: 'button button-quiet', text: 'Close', onClick: () => closeAfter(true) })),
            cards);
          after.hidden = false;
          after.focus({ preventScroll: true });
          after.scrollIntoView({ block: 'start' });
        } else {
          closeAfter(false);
          form?.focus();
        }
      },
    });
    /** @param {boolean} refocus */
    const closeAfter = (refocus) => {
      after.hidden = true;
      after.replaceChildren();
      if (refocus) form?.focus();
    };
    after.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); closeAfter(true); }
    });
    const damagedNote = h('p', { id: 'damaged-note', class: 'note', dataset: { tone: 'info' }, hidden: true });
    screen = h('div', { class: 'screen-log' },
      h('h1', { id: 'log-title', tabindex: '-1', text: 'How are you feeling right now?' }),
      damagedNote,
      after,
      form.el);
  }
  const damagedNote = /** @type {HTMLElement} */ (screen.querySelector('#damaged-note'));
  if (session.damaged.length > 0 && !damagedShown) {
    damagedShown = true;
    damagedNote.textContent = `${plural(session.damaged.length, 'record')} couldn't be opened and were left exactly as they are. Everything else is here.`;
    if (session.damaged.length === 1) damagedNote.textContent = "1 record couldn't be opened and was left exactly as it is. Everything else is here.";
    damagedNote.hidden = false;
  }
  form.refresh();
  fill(main, screen);
  form.focus();
}
