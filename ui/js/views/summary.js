// @ts-check
/**
 * @file A summary for a clinician or therapist: the person picks a period and ticks the
 * entries to share (no free text unless they ask), sees the page the core made, and prints it
 * through the system dialog, where "Save as PDF" makes a PDF. Only this page prints.
 */

import * as api from '../api.js';
import { h, fill, field, noteEl, showNote, labelled, setScreen, messageOf, hold } from '../dom.js';
import { plural, dayHeading, timeOf, firstLine } from '../format.js';
import { handleLocked, navigate } from '../session.js';

/** @param {Date} d */
function isoDay(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The core's page, as nodes in this window: its styles stay behind (this window's own
 * stylesheet, `summary.css`, lays it out); it holds no script.
 * @param {string} html
 */
export function pageNodes(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('style, script, link, meta, title').forEach((el) => el.remove());
  // The printed page's own main region is a plain block inside the window: one main landmark.
  doc.querySelectorAll('main').forEach((m) => {
    const block = doc.createElement('div');
    block.append(...m.childNodes);
    m.replaceWith(block);
  });
  return [...doc.body.childNodes].map((n) => document.importNode(n, true));
}

/**
 * @param {HTMLElement} main
 */
export function showSummary(main) {
  setScreen('summary');
  const today = new Date();
  const start = new Date(today);
  start.setMonth(start.getMonth() - 3);
  const from = /** @type {HTMLInputElement} */ (field({ id: 'summary-from', type: 'date', class: 'input input-date', value: isoDay(start) }));
  const to = /** @type {HTMLInputElement} */ (field({ id: 'summary-to', type: 'date', class: 'input input-date', value: isoDay(today) }));
  const withText = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'summary-with-text' }));
  const list = h('fieldset', { id: 'summary-entries', class: 'summary-entries' },
    h('legend', { text: 'Entries to show one by one (none unless you tick them)' }));
  const note = noteEl('summary-note', 'status');
  const page = h('article', { id: 'summary-page', class: 'summary-page', 'aria-label': 'The summary as it will print', hidden: true });
  const makeBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'summary-make', class: 'button button-primary', text: 'Show the summary' }));
  const printBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'summary-print', class: 'button button-quiet', text: 'Print or save as PDF', hidden: true }));

  const loadEntries = async () => {
    list.querySelectorAll('.check-row, .hint').forEach((el) => el.remove());
    try {
      const found = await api.searchEntries({ from: from.value || null, to: to.value || null, limit: 200 });
      if (found.items.length === 0) {
        list.append(h('p', { class: 'hint', text: 'No entries in this period.' }));
      }
      for (const e of found.items) {
        const id = `summary-tick-${e.id}`;
        const at = new Date(e.at);
        list.append(h('div', { class: 'check-row' },
          h('input', { type: 'checkbox', id, value: e.id, class: 'summary-tick' }),
          h('label', { for: id, text: `${dayHeading(at)}, ${timeOf(at)}${e.text ? ` · ${firstLine(e.text, 60)}` : ''}` })));
      }
      if (found.total > found.items.length) {
        list.append(h('p', { class: 'hint', text: `The newest ${found.items.length} of ${found.total} are listed; choose a shorter period to see others.` }));
      }
    } catch (e) {
      if (!handleLocked(e)) showNote(note, messageOf(e));
    }
  };
  from.addEventListener('change', loadEntries);
  to.addEventListener('change', loadEntries);

  makeBtn.addEventListener('click', async () => {
    const ticked = [...list.querySelectorAll('input.summary-tick:checked')].map((el) => /** @type {HTMLInputElement} */ (el).value);
    hold(makeBtn, true);
    showNote(note, 'Making the summary…', 'info');
    try {
      const s = await api.summary({ from: from.value || null, to: to.value || null, entries: ticked, withText: withText.checked });
      fill(page, ...pageNodes(s.html));
      page.hidden = false;
      printBtn.hidden = false;
      showNote(note, `The summary covers ${plural(s.entries, 'entry', 'entries')} and shows ${plural(s.shown, 'entry', 'entries')} one by one. Check it below, then print it or save it as a PDF.`, 'ok');
      page.focus();
    } catch (e) {
      if (!handleLocked(e)) showNote(note, messageOf(e));
    } finally {
      hold(makeBtn, false);
    }
  });
  printBtn.addEventListener('click', async () => {
    document.body.dataset.view = 'summary';
    try {
      await api.printPage();
    } catch (e) {
      showNote(note, messageOf(e));
    }
  });

  fill(main, h('div', { class: 'screen-summary' },
    h('div', { class: 'no-print' },
      h('h1', { id: 'summary-heading', tabindex: '-1', text: 'A summary for your clinician or therapist' }),
      h('p', { class: 'lead' },
        'One page for a period you choose: mood over time, the calendar, how often each label and context came up, ',
        'and aftercare received or wanted. What you wrote stays out unless you tick an entry and ask for its words.'),
      h('p', { class: 'note', dataset: { tone: 'info' } },
        'A printed page or PDF is not encrypted. Share it only with someone you choose.'),
      h('div', { class: 'field-row' },
        labelled({ label: 'From', control: from }),
        labelled({ label: 'To', control: to })),
      list,
      h('div', { class: 'check-row' },
        withText,
        h('label', { for: 'summary-with-text', text: 'Also show what I wrote in the ticked entries' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-quiet', text: 'Back to Settings', onClick: () => navigate('settings') }),
        makeBtn, printBtn),
      note),
    page));
  page.setAttribute('tabindex', '-1');
  loadEntries();
  /** @type {HTMLElement} */ (main.querySelector('h1')).focus();
}
