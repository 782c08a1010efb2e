// @ts-check
/**
 * @file The Log screen (home): "How are you feeling?", when the moment was, the mood grid and the
 * optional sections. After a save, a calm "For right now" panel below the heading: a support
 * card only when the entry asks for one, grounding first when it helps, one gentle prompt and a
 * few coping ideas, all skippable (beside a safety card, folded under "More, if you want it").
 * After unlock, a gentle check-in card when the person asked to be checked in with. Right after
 * first run, a quiet, optional invitation to save numbers for a hard moment (and to show them on
 * the lock screen).
 */

import * as api from '../api.js';
import { h, fill, append, setScreen, field, labelled, noteEl, showNote, messageOf, announce } from '../dom.js';
import { createLogForm } from '../components/log-form.js';
import { session, handleLocked, navigate, keepDraftFrom } from '../session.js';
import { openSupport, suggestSupport } from '../components/support.js';
import {
  loadCareContent, renderBlocks, renderCard, renderGrounding, renderIdea, renderNumbers, rich,
} from '../components/care-view.js';
import {
  cardById, emergencyShown, explainersForLabels, foldsMore, groundingLeads, numbersState, newestDue, lastUntil, friendlyWhen,
  friendlyUntil, timingForCheckIn,
} from '../care-model.js';
import { unmetAftercare } from '../entry-model.js';
import { plural } from '../format.js';
import { saveWithNote } from '../save-note.js';

/** @typedef {import('../api.js').Entry} Entry */
/** @typedef {import('../api.js').Offer} Offer */
/** @typedef {import('../api.js').Card} Card */
/** @typedef {import('../api.js').CareContent} CareContent */

/** @type {ReturnType<typeof createLogForm>|null} */
let form = null;
/** @type {HTMLElement|null} */
let screen = null;
/** @type {HTMLElement|null} */
let checkInSlot = null;
/** @type {HTMLElement|null} */
let numbersSlot = null;
/** @type {HTMLElement|null} */
let draftSlot = null;
let damagedShown = false;
let notAsSavedShown = false;

/**
 * The prompt when grounding comes first: no writing box, only a way to what the prompt offers
 * ("Would you like to try a grounding exercise…", "Would you like to see some support options…"),
 * as the content's `leadsTo` says.
 * @param {import('../api.js').Prompt} prompt
 * @param {{showGrounding: (() => void)|null, showSupport: () => void}} o
 */
function groundingFirstPrompt(prompt, o) {
  /** @type {HTMLElement|null} */
  let button = null;
  if (prompt.leadsTo === 'grounding' && o.showGrounding) {
    button = h('button', { type: 'button', id: 'care-prompt-grounding', class: 'button button-soft',
      text: 'Yes, show me the grounding exercise', onClick: () => o.showGrounding?.() });
  } else if (prompt.leadsTo === 'support') {
    button = h('button', { type: 'button', id: 'care-prompt-support', class: 'button button-soft',
      text: 'Show support options', onClick: () => o.showSupport() });
  }
  const section = h('section', { id: 'care-prompt', class: 'care-prompt', dataset: { prompt: prompt.id }, 'aria-labelledby': 'care-prompt-title' },
    h('h3', { id: 'care-prompt-title', text: 'A question, if you want one' }),
    h('p', { class: 'care-prompt-text' }, rich(prompt.text)),
    button ? h('div', { class: 'actions' }, button) : null);
  return { section, unsaved: () => false, focusSave: () => {} };
}

/**
 * The prompt, with an optional answer box saved into the entry.
 * @param {Entry} entry
 * @param {import('../api.js').Prompt} prompt
 * @param {(entry: Entry) => void} [onAnswered] told of the entry as saved with the answer
 */
function promptSection(entry, prompt, onAnswered) {
  const text = /** @type {HTMLTextAreaElement} */ (field({ id: 'care-answer', class: 'input textarea', rows: 3 }, 'textarea'));
  const note = noteEl('care-answer-note', 'status');
  const save = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'care-answer-save', class: 'button button-quiet', text: 'Save answer' }));
  const box = h('div', { id: 'care-answer-box', class: 'care-answer', hidden: !prompt.open },
    labelled({ label: 'Your answer (optional)', control: text, hint: 'It is added to this entry. Ctrl+Enter saves.' }),
    h('div', { class: 'actions' }, save));
  let saved = false;
  async function saveAnswer() {
    const answer = text.value.trim();
    if (!answer) {
      showNote(note, 'There is nothing to save yet. Writing is optional; you can leave this.', 'info');
      text.focus();
      return;
    }
    await saveWithNote(save, note, async () => {
      const updated = await api.answerPrompt(entry.id, prompt.id, answer);
      saved = true;
      onAnswered?.(updated);
      box.hidden = true;
      showNote(note, 'Saved into this entry.', 'ok');
      announce('Saved into this entry.');
      note.setAttribute('tabindex', '-1');
      note.focus();
    }, { after: 'Your words are still here.' });
  }
  save.addEventListener('click', () => { saveAnswer(); });
  text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); saveAnswer(); }
  });
  const opener = prompt.open ? null : h('button', {
    type: 'button',
    id: 'care-answer-open',
    class: 'link-button',
    'aria-expanded': 'false',
    'aria-controls': 'care-answer-box',
    text: 'Write something (optional)',
    onClick: () => {
      box.hidden = false;
      opener?.remove();
      text.focus();
    },
  });
  const section = h('section', { id: 'care-prompt', class: 'care-prompt', dataset: { prompt: prompt.id }, 'aria-labelledby': 'care-prompt-title' },
    h('h3', { id: 'care-prompt-title', text: 'A question, if you want one' }),
    h('p', { class: 'care-prompt-text' }, rich(prompt.text)),
    opener ? h('p', null, opener) : null,
    box,
    note);
  return {
    section,
    /** Whether there is an answer being written that isn't saved. */
    unsaved: () => !saved && !box.hidden && text.value.trim() !== '',
    focusSave: () => save.focus(),
  };
}

/**
 * "More, if you want it": a button (with aria-expanded) that shows or hides what is folded
 * under it. Closed at first.
 * @param {any[]} parts
 */
function foldedMore(parts) {
  const body = h('div', { id: 'after-save-more-body', class: 'after-save-more-body', hidden: true }, parts);
  const toggle = h('button', {
    type: 'button', id: 'after-save-more', class: 'button button-quiet after-save-more-toggle',
    'aria-expanded': 'false', 'aria-controls': 'after-save-more-body', text: 'More, if you want it',
  });
  /** @param {boolean} open */
  const setOpen = (open) => {
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  return { el: h('div', { class: 'after-save-more' }, toggle, body), setOpen };
}

/**
 * Esc for a panel of what might help: it closes the panel, except while an answer to the prompt
 * is being written and isn't saved, when it moves to that answer's Save instead of losing it. An
 * Esc already used (to close the support panel) closes nothing else.
 * @param {() => {unsaved: () => boolean, focusSave: () => void}|null} part the prompt, once shown
 * @param {() => void} close
 * @returns {(ev: KeyboardEvent) => void}
 */
function escapeCloses(part, close) {
  return (ev) => {
    if (ev.key !== 'Escape' || ev.defaultPrevented) return;
    ev.preventDefault();
    ev.stopPropagation();
    const p = part();
    if (p?.unsaved() && /** @type {HTMLElement} */ (ev.target).id === 'care-answer') {
      p.focusSave();
      return;
    }
    close();
  };
}

/**
 * An entry's offer again, on its page in the journal: the same prompt, ideas and card the core
 * chose for it (read again, not drawn anew), in a panel with one Close (Esc closes it too).
 * @param {HTMLElement} host emptied and filled
 * @param {Entry} entry
 * @param {() => void} onClose
 * @param {(entry: Entry) => void} onAnswered told of the entry as saved with an answer
 */
export function showOffer(host, entry, onClose, onAnswered) {
  const title = h('h2', { id: 'offer-title', class: 'after-save-title', tabindex: '-1', text: 'What might help' });
  const closeNow = () => { host.hidden = true; host.replaceChildren(); onClose(); };
  const head = h('div', { class: 'after-save-head' },
    title,
    h('button', { type: 'button', id: 'offer-close', class: 'button button-quiet', text: 'Close', onClick: closeNow }));
  fill(host, head);
  host.hidden = false;
  /** @type {{unsaved: () => boolean, focusSave: () => void}|null} */
  let promptPart = null;
  host.addEventListener('keydown', escapeCloses(() => promptPart, closeNow));
  title.focus({ preventScroll: true });
  host.scrollIntoView({ block: 'start' });
  fillAfterSave(host, { head, title }, entry, closeNow, () => host.isConnected && !host.hidden,
    { read: api.careForEntry, titles: ['What might help', 'Nothing more to offer for this one'], fresh: false, onAnswered })
    .then((part) => { promptPart = part; }, () => { /* locked: handled */ });
}

/**
 * Kind lines about the entry itself: what was set (the check-in), the explainers of the names it
 * gives, and, when care was wanted and didn't come, that this matters, with "My aftercare needs".
 * @param {Entry} entry
 * @param {CareContent|null} content
 * @param {boolean} [fresh] right after the save (not read again later)
 * @param {boolean} [consent] the entry's choice didn't feel free (or it wasn't sure)
 */
function entryNotes(entry, content, fresh = true, consent = false) {
  // After a choice that didn't feel free, care that didn't come is not the point: the consent
  // card speaks to what happened. Read again later, only the care that didn't come is said.
  const unmet = consent ? null : unmetNote(entry);
  if (!fresh) return unmet;
  const checkIn = entry.checkIn
    ? h('p', { id: 'after-save-check-in', class: 'after-save-note', text: entry.checkIn === 'tomorrow'
      ? 'Tend will ask how you are in the morning, the next time you open it after that.'
      : 'Tend will ask how you are in about three hours, the next time you open it after that.' })
    : null;
  const named = explainersForLabels(content, entry.labels);
  const explain = named.length
    ? h('p', { id: 'after-save-explain', class: 'after-save-note' }, 'About the name you gave it: ', named.map((x, i) => [
      i > 0 ? ', ' : null,
      h('button', { type: 'button', class: 'link-button', dataset: { explainerLink: x.id }, text: x.title,
        onClick: () => navigate('care', `explainer:${x.id}`) }),
    ]))
    : null;
  return [checkIn, explain, unmet];
}

/**
 * When care was wanted and didn't come: that it matters, and "My aftercare needs".
 * @param {Entry} entry
 */
function unmetNote(entry) {
  return unmetAftercare(entry).length > 0
    ? h('p', { id: 'after-save-unmet', class: 'after-save-note' },
      'Some care you wanted didn’t come. Wanting it is fair, and it can be asked for. ',
      h('button', { type: 'button', class: 'link-button', id: 'after-save-needs', text: 'My aftercare needs',
        onClick: () => navigate('care', 'aftercare-needs') }))
    : null;
}

/**
 * Fills the "For right now" panel for a saved entry. The panel's head (its heading, which may
 * have focus, and Close) stays in place; everything after it is replaced.
 * @param {HTMLElement} after
 * @param {{head: HTMLElement, title: HTMLElement}} top
 * @param {Entry} entry
 * @param {(refocus: boolean) => void} close
 * @param {() => boolean} current false once the panel was closed or another entry saved
 * @param {{read?: (id: string) => Promise<Offer>, titles?: [string, string], fresh?: boolean,
 *   onAnswered?: (entry: Entry) => void}} [o] how the offer is read (right after a save by
 *   default), the heading with and without anything to offer, whether it is right after the
 *   save, and who is told when an answer to the prompt is saved into the entry
 */
async function fillAfterSave(after, top, entry, close, current, o = {}) {
  const { read = api.careAfterSave, titles = ['Saved. Take your time.', 'Saved.'], fresh = true, onAnswered } = o;
  /** @type {Offer|null} */
  let offer = null;
  /** @type {CareContent|null} */
  let content = null;
  [offer, content] = await Promise.all([
    read(entry.id).catch((e) => { if (handleLocked(e)) throw e; return null; }),
    loadCareContent().catch(() => null),
  ]);
  if (!current()) return null;

  // The core always sends the offer; without it (the entry was deleted meanwhile) nothing is shown.
  /** @type {Card[]} */
  const cards = offer?.card ? [offer.card] : [];
  const supportToo = !!offer?.supportToo;
  // The consent card took the one slot though the body needs care: its medical words come too.
  const medical = offer?.medicalToo ?? null;
  const groundingFirst = !!offer?.groundingFirst && !!content?.grounding;
  const hasIdeas = !!offer && offer.coping.length > 0;
  const prompt = offer?.prompt ?? null;
  const hasAnything = cards.length > 0 || !!medical || supportToo || groundingFirst || !!prompt || hasIdeas;

  const { head, title } = top;
  /** Everything after the head, which stays (with focus, if it has it). @param {...any} parts */
  const setBody = (...parts) => {
    while (head.nextSibling) head.nextSibling.remove();
    append(after, parts);
  };
  /** Focus back to the panel's heading. */
  const focusTitle = () => title.focus({ preventScroll: true });

  if (!hasAnything) {
    // Quietly: nothing to offer, or the offer couldn't be read. Never in the way.
    title.textContent = titles[1];
    setBody(entryNotes(entry, content, fresh, entry.choice === 'no' || entry.choice === 'unsure'), h('p', { class: 'hint', text: 'Your entry is in your journal.' }));
    return null;
  }
  title.textContent = titles[0];

  const ideas = hasIdeas
    ? h('section', { id: 'care-ideas', class: 'care-ideas', 'aria-labelledby': 'care-ideas-title' },
      h('h3', { id: 'care-ideas-title', tabindex: '-1', text: 'Ideas that might help' }),
      h('p', { class: 'hint', text: 'Open any that sound right. Leave the rest.' }),
      h('div', { class: 'care-idea-list' }, /** @type {Offer} */ (offer).coping.map((i) => renderIdea(i))))
    : null;

  /** @type {{el: HTMLElement, setOpen: (open: boolean) => void}|null} */
  let more = null;
  /** @type {HTMLElement|null} */
  let grounding = null;
  const groundingSlot = h('div', { class: 'after-save-grounding' });
  function showGrounding() {
    if (!content?.grounding) return;
    if (!grounding) {
      grounding = renderGrounding(content.grounding);
      groundingSlot.append(grounding);
    }
    const t = /** @type {HTMLElement|null} */ (grounding.querySelector('.care-grounding-title'));
    grounding.scrollIntoView({ block: 'start' });
    t?.focus({ preventScroll: true });
  }

  /** @type {Record<string, import('../components/care-view.js').ActionHandler>} */
  const handlers = {
    'safety-plan': () => navigate('care', 'safety-plan'),
    grounding: () => showGrounding(),
    back: () => close(true),
    numbers: () => { openSupport(); },
    support: () => { openSupport(); },
    coping: () => {
      more?.setOpen(true);
      const t = /** @type {HTMLElement|null} */ (after.querySelector('#care-ideas-title'));
      if (t) { t.scrollIntoView({ block: 'start' }); t.focus(); } else navigate('care');
    },
    'not-now': (_ev, { section }) => {
      section.remove();
      focusTitle();
    },
    never: async (_ev, { section, button }) => {
      button.setAttribute('disabled', '');
      try {
        await api.setPatternCards(false);
        const note = h('p', { class: 'note', role: 'status', tabindex: '-1', dataset: { tone: 'ok', cardOff: '' },
          text: "These notes won't show again. You can turn them back on in Settings." });
        section.replaceWith(note);
        note.focus();
      } catch (e) {
        button.removeAttribute('disabled');
        if (!handleLocked(e)) {
          const note = section.querySelector('.card-note') ?? h('p', { class: 'note card-note', role: 'status' });
          note.textContent = messageOf(e);
          section.append(note);
        }
      }
    },
  };

  // A support card with saved numbers shows them, like the panel does.
  /** @type {import('../api.js').SupportInfo|null} */
  let info = null;
  if (cards.some((c) => c.blocks.some((b) => b.numbers))) info = await api.supportNumbers().catch(() => null);
  if (!current()) return null;

  const cardEls = cards.map((card) => {
    const el = renderCard(card, handlers, {
      context: 'after-save',
      numbers: () => renderNumbers(info, { onAdd: () => { openSupport({ edit: true }); } }),
      numbersState: numbersState(info),
      emergencyShown: emergencyShown(info),
    });
    // With the numbers comes "How to find local help", closed, as in the support panel.
    const findHelp = card.blocks.some((b) => b.numbers) ? cardById(content, 'find-help') : null;
    if (findHelp) {
      el.append(h('details', { class: 'care-idea care-find-help', dataset: { more: 'find-help' } },
        h('summary', null, h('span', { class: 'care-idea-title' }, rich(findHelp.title))),
        h('div', { class: 'care-idea-body' }, renderBlocks(findHelp.blocks))));
    }
    return el;
  });

  if (groundingFirst && content?.grounding) {
    grounding = renderGrounding(content.grounding);
    groundingSlot.append(h('p', { class: 'hint', text: 'You can skip any of this.' }), grounding);
  }

  // An urgent body item beside the consent card: the medical card, open, right after it. Its
  // buttons are left out: the consent card above has the saved numbers and the way back.
  const medicalEl = medical ? renderCard({ ...medical, actions: [] }, handlers, { context: 'after-save' }) : null;
  medicalEl?.classList.add('care-medical-too');

  // "Hopeless" was chosen but a stronger card took the one slot: a quiet way to support as well.
  const supportLine = supportToo
    ? h('p', { class: 'hint care-support-too' },
      'If it would help to talk to someone now: ',
      h('button', { type: 'button', class: 'link-button', dataset: { action: 'support' }, text: 'Need support now?',
        onClick: () => { openSupport(); } }))
    : null;

  // Grounding first means no writing box: the prompt only leads to what it offers.
  /** @type {{section: HTMLElement, unsaved: () => boolean, focusSave: () => void}|null} */
  let promptPart = null;
  if (prompt && offer?.groundingFirst) {
    promptPart = groundingFirstPrompt(prompt, {
      showGrounding: content?.grounding ? showGrounding : null,
      // The options for a choice that didn't feel free are on the consent card (care, specialist
      // services, someone you trust, the saved numbers); without it, "Need support now?".
      showSupport: () => {
        const consent = cardEls.find((el) => el.dataset.card === 'consent');
        const t = /** @type {HTMLElement|null} */ (consent?.querySelector('.care-card-title') ?? null);
        if (!t) { openSupport(); return; }
        t.scrollIntoView({ block: 'start' });
        t.focus({ preventScroll: true });
      },
    });
  } else if (prompt) {
    promptPart = promptSection(entry, prompt, onAnswered);
  }

  // With a safety card, the card is what the person meets: the prompt and ideas wait, folded.
  if (foldsMore(cards, !!medical) && (promptPart || ideas)) {
    more = foldedMore([promptPart?.section ?? null, ideas]);
  }

  // Lines about the entry lead, unless a card or grounding should be met first.
  const notes = entryNotes(entry, content, fresh, entry.choice === 'no' || entry.choice === 'unsure');
  const cardsFirst = cards.length > 0 || !!medical || groundingFirst;
  setBody(
    cardsFirst ? null : notes,
    h('p', { class: 'after-save-lead', text: 'For right now, a few things that might help. Take what is useful and leave the rest.' }),
    // Safety cards first; a card that can wait comes after grounding.
    groundingLeads(cards, groundingFirst) ? [groundingSlot, cardEls, medicalEl] : [cardEls, medicalEl, groundingSlot],
    cardsFirst ? notes : null,
    supportLine,
    more ? more.el : [promptPart?.section ?? null, ideas],
    h('div', { class: 'actions after-save-foot' },
      h('button', { type: 'button', id: 'after-save-done', class: 'button button-quiet', text: 'Done', onClick: () => close(true) })));
  return promptPart;
}

/**
 * Offers the newest due check-in above the form, if there is one. Called after unlock.
 */
export async function offerCheckIn() {
  if (!checkInSlot || !form) return;
  const slot = checkInSlot;
  // Marks when the question has been asked of the journal, whatever the answer.
  delete slot.dataset.checked;
  /** @type {import('../api.js').DueCheckIn[]} */
  let due = [];
  try {
    due = await api.dueCheckIns();
  } catch (e) {
    handleLocked(e);
    return;
  } finally {
    slot.dataset.checked = '';
  }
  const item = newestDue(due);
  if (!item || !form) return;
  const asked = { lead: item.id, ids: due.map((d) => d.id) };
  const f = form;
  const hide = () => { slot.replaceChildren(); slot.hidden = true; };
  const card = h('section', { id: 'check-in-card', class: 'check-in-card', dataset: { entry: item.id }, 'aria-labelledby': 'check-in-title' },
    h('h2', { id: 'check-in-title', tabindex: '-1', text: 'Earlier you asked to check in. How are you now?' }),
    h('p', { class: 'check-in-when' }, 'About the moment you noted ', h('time', { datetime: item.at, text: friendlyWhen(item.at) }), '.'),
    h('p', { class: 'hint check-in-once', text: `No need to answer. If you leave it, Tend stops asking ${friendlyUntil(lastUntil(due))}.` }),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', id: 'check-in-log', class: 'button button-primary', text: 'Log how I am now',
        onClick: () => {
          f.startFollowUp(item.id, timingForCheckIn(item.checkIn));
          hide();
          f.focus();
        },
      }),
      h('button', {
        type: 'button', id: 'check-in-dismiss', class: 'button button-quiet', text: 'No, thanks',
        onClick: async () => {
          hide();
          f.focus();
          try { await api.dismissCheckIn(asked.lead, asked.ids); } catch (e) { handleLocked(e); }
        },
      })));
  fill(slot, card);
  slot.hidden = false;
  // Move to the card only if the person hasn't started logging yet.
  const pad = document.getElementById('mood-pad');
  if (!document.activeElement || document.activeElement === document.body || document.activeElement === pad) {
    /** @type {HTMLElement} */ (card.querySelector('h2')).focus();
  }
}

/**
 * After unlock: what was being written when the journal locked, offered back above the form,
 * newest first, each to pick up where it was left or to let go.
 */
export async function offerDrafts() {
  if (!draftSlot || !form) return;
  const slot = draftSlot;
  const f = form;
  delete slot.dataset.checked;
  /** @type {import('../api.js').Draft[]} */
  let kept = [];
  try {
    kept = await api.drafts();
  } catch (e) {
    handleLocked(e);
    return;
  } finally {
    slot.dataset.checked = '';
  }
  if (kept.length === 0) return;
  const list = h('ul', { class: 'draft-list' });
  const card = h('section', { id: 'draft-card', class: 'check-in-card', 'aria-labelledby': 'draft-title' },
    h('h2', { id: 'draft-title', tabindex: '-1', text: kept.length === 1 ? 'You were writing when Tend locked' : `You were writing ${kept.length} things when Tend locked` }),
    h('p', { class: 'hint', text: 'It was kept, sealed in your journal, just as you left it. Nothing is saved as an entry until you save it.' }),
    list);
  const done = (/** @type {HTMLElement} */ row) => {
    row.remove();
    if (!list.children.length) {
      slot.replaceChildren();
      slot.hidden = true;
      f.focus();
    }
  };
  for (const d of kept) {
    const words = (d.input.text ?? '').trim();
    const gist = words ? `“${words.length > 80 ? `${words.slice(0, 80)}…` : words}”` : 'A mood and choices, no words yet';
    const row = h('li', { class: 'draft-row', dataset: { draft: d.id ?? '' } },
      h('p', { class: 'draft-gist' },
        d.editing ? 'Changes to an entry: ' : 'A new entry: ',
        gist,
        d.keptAt ? h('span', { class: 'hint' }, ' · kept ', h('time', { datetime: d.keptAt, text: friendlyWhen(d.keptAt) })) : null),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'button button-primary draft-resume', text: 'Pick up where I left off',
          onClick: () => {
            if (d.editing) {
              // Offered once: it goes on to the journal, where the entry opens with the changes.
              done(row);
              session.resumeDraft = d;
              navigate('journal', 'resume-draft');
              return;
            }
            f.load(d);
            done(row);
            announce('Your words are back in the form. Nothing is saved until you save.');
            f.focus();
          },
        }),
        h('button', {
          type: 'button', class: 'button button-quiet draft-discard', text: 'Let it go',
          onClick: async () => {
            try {
              await api.discardDraft(d.id ?? '');
              done(row);
              announce('Let go. It is gone from your journal.');
            } catch (e) {
              if (!handleLocked(e)) showNote(/** @type {HTMLElement} */ (card.querySelector('.hint')), messageOf(e));
            }
          },
        })));
    list.append(row);
  }
  fill(slot, card);
  slot.hidden = false;
  const pad = document.getElementById('mood-pad');
  if (!document.activeElement || document.activeElement === document.body || document.activeElement === pad) {
    /** @type {HTMLElement} */ (card.querySelector('h2')).focus();
  }
}

/**
 * Right after first run: a quiet invitation to save numbers for a hard moment, while things are
 * calm. Optional; it never takes focus, and "Not now" puts it away. Without it, "Need support
 * now?" shows the emergency-number fact until a number is saved.
 */
export function offerNumbersAfterSetup() {
  if (!numbersSlot) return;
  const slot = numbersSlot;
  const hide = () => { slot.replaceChildren(); slot.hidden = true; };
  fill(slot, h('section', { id: 'numbers-invite', class: 'check-in-card', 'aria-labelledby': 'numbers-invite-title' },
    h('h2', { id: 'numbers-invite-title', tabindex: '-1', text: 'One more thing, only if you like' }),
    h('p', null,
      'Tend can keep an emergency number, a crisis line and someone you trust, ready under ',
      h('strong', { text: 'Need support now?' }),
      '. You can also choose to show them on the lock screen, so they are there before you unlock.'),
    h('p', { class: 'hint', text: 'It takes a minute, and it is easiest on a calm day. You can do it later from Care, too.' }),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', id: 'numbers-invite-add', class: 'button button-soft', text: 'Add my numbers',
        onClick: () => { hide(); openSupport({ edit: true }); },
      }),
      h('button', {
        type: 'button', id: 'numbers-invite-later', class: 'button button-quiet', text: 'Not now',
        onClick: () => { hide(); form?.focus(); },
      }))));
  slot.hidden = false;
}

/**
 * @param {HTMLElement} main
 */
export function showLog(main) {
  setScreen('log');
  if (!form || !screen) {
    const after = h('section', { id: 'after-save', class: 'after-save', hidden: true, 'aria-labelledby': 'after-save-title' });
    /** @type {{unsaved: () => boolean, focusSave: () => void}|null} */
    let promptPart = null;
    let round = 0;
    /** @param {boolean} refocus */
    const closeAfter = (refocus) => {
      round += 1;
      promptPart = null;
      after.hidden = true;
      after.replaceChildren();
      // The empty form comes back for the next entry.
      if (form) form.el.hidden = false;
      if (refocus) form?.focus();
    };
    form = createLogForm({
      mode: 'new',
      onSaved: (entry) => {
        const mine = ++round;
        // After "not sure" or "no", "Need support now?" opens at "Something happened that I
        // didn't want".
        suggestSupport(entry.choice === 'unsure' || entry.choice === 'no' ? 'unwanted' : null);
        promptPart = null;
        // The heading gets focus (not the panel), and stays while the rest is filled in.
        const title = h('h2', { id: 'after-save-title', class: 'after-save-title', tabindex: '-1', text: 'Saved. Take your time.' });
        const head = h('div', { class: 'after-save-head' },
          title,
          h('button', { type: 'button', id: 'after-save-close', class: 'button button-quiet', text: 'Close', onClick: () => closeAfter(true) }));
        fill(after, head);
        after.hidden = false;
        // No live, empty form under the panel: it comes back when the panel closes.
        if (form) form.el.hidden = true;
        title.focus({ preventScroll: true });
        after.scrollIntoView({ block: 'start' });
        fillAfterSave(after, { head, title }, entry, closeAfter, () => mine === round).then((part) => {
          if (mine !== round) return;
          promptPart = part;
          if (document.activeElement === document.body) title.focus({ preventScroll: true });
        }, () => { /* locked: handled */ });
      },
    });
    after.addEventListener('keydown', escapeCloses(() => promptPart, () => closeAfter(true)));
    const damagedNote = h('p', { id: 'damaged-note', class: 'note', dataset: { tone: 'info' }, hidden: true });
    // What is written here and not saved is kept, sealed, if the journal locks.
    keepDraftFrom(() => form?.unsaved() ?? null);
    draftSlot = h('div', { id: 'draft-slot', class: 'check-in-slot', hidden: true });
    checkInSlot = h('div', { id: 'check-in-slot', class: 'check-in-slot', hidden: true });
    numbersSlot = h('div', { id: 'numbers-invite-slot', class: 'check-in-slot', hidden: true });
    screen = h('div', { class: 'screen-log' },
      h('h1', { id: 'log-title', tabindex: '-1', text: 'How are you feeling?' }),
      damagedNote,
      h('p', { id: 'not-as-saved-note', class: 'note', dataset: { tone: 'info' }, hidden: true }),
      numbersSlot,
      draftSlot,
      checkInSlot,
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
  const changed = session.notAsSaved;
  const changedNote = /** @type {HTMLElement} */ (screen.querySelector('#not-as-saved-note'));
  const changedCount = changed ? changed.older.length + changed.unknown.length + changed.missing.length : 0;
  if (changed && (changedCount > 0 || changed.indexChanged) && !notAsSavedShown) {
    notAsSavedShown = true;
    changedNote.textContent = changedCount > 0
      ? `${plural(changedCount, 'record')} in this file ${changedCount === 1 ? "isn't" : "aren't"} as Tend last saved ${changedCount === 1 ? 'it' : 'them'}: an older copy of part of your journal may have been put back. Nothing was changed, and what opened is shown. If you didn't do this yourself, a backup holds your latest version.`
      : "Tend's sealed list of what it saved was missing or older than the file, so a change to your journal might go unseen. Nothing was changed. Giving the journal a new key in Settings makes a new list.";
    changedNote.hidden = false;
  }
  form.refresh();
  fill(main, screen);
  form.focus();
}
