// @ts-check
/**
 * @file The Journal: entries newest first under day headings, search as you type, filter
 * chips, and one entry opened in place with edit and delete. Words and filters are one query
 * the core answers over the whole journal; this view only asks and draws the page it gets.
 */

import * as api from '../api.js';
import { h, fill, field, noteEl, showNote, messageOf, setScreen, announce, hold } from '../dom.js';
import { groupByDay, timeOf, dayHeading, firstLine, plural } from '../format.js';
import { QUADRANTS, QUADRANT_NAMES, entryMood } from '../mood.js';
import { labelOf, choiceLabel, timingLabel, CONTEXT_GROUPS } from '../words.js';
import { rangeText } from '../charts/days.js';
import { unmetAftercare } from '../entry-model.js';
import { shapeEl } from '../components/mood-pad.js';
import { createLogForm } from '../components/log-form.js';
import { session, handleLocked, keepDraftFrom, navigate } from '../session.js';
import { showOffer } from './log.js';
import { loadCareContent, careContentNow } from '../components/care-view.js';
import { explainersForLabels, promptText } from '../care-model.js';

/** @typedef {import('../api.js').Entry} Entry */

const PAGE = 500;

/** What the window calls each part of an entry words can be found in. */
const FOUND_IN = /** @type {Record<string, string>} */ ({
  text: 'what you wrote',
  feelings: 'feeling words',
  names: 'names for it',
  context: 'what it was',
  aftercare: 'aftercare',
  body: 'in your body',
  partner: 'partner',
});

/**
 * @param {HTMLElement} main
 * @param {string} [sub] 'resume-draft': opens the entry of `session.resumeDraft` for editing,
 * filled with the changes kept when the journal locked; 'filter:<kind>:<id>' opens the list
 * filtered (kind: label, context, feeling or quadrant; 'filter:unmet' for care that didn't
 * come), as Trends' counts do
 */
export function showJournal(main, sub) {
  setScreen('journal');
  // Prompt texts come from the care content; read it now so an opened entry shows them at once.
  loadCareContent().catch(() => {});
  // Read the word lists each time: own words can be added while editing.
  const wi = () => /** @type {import('../words.js').WordIndex} */ (session.words);

  /** @type {Entry[]} */
  let loaded = [];
  let total = 0;
  /** Feeling words the entries use, for the feeling filter (from the core, over every entry). @type {string[]} */
  let feelingsInUse = [];
  let query = '';
  let seq = 0;
  /** @type {{labels: Set<string>, quadrants: Set<string>, emotion: string, context: string, unmet: Set<string>}} */
  const filters = { labels: new Set(), quadrants: new Set(), emotion: '', context: '', unmet: new Set() };
  /** Where the words were found, by entry id, for the page shown. @type {Map<string, string[]>} */
  let foundIn = new Map();
  // Opened from Trends (or anywhere) with one filter set, over a period when one is given.
  const [, kind, id, from, to] = /^filter:([a-z]+):?([^|]*)\|?([^|]*)\|?(.*)$/.exec(sub ?? '') ?? [];
  /** The period a count in Trends covered, until the filters are cleared. */
  let period = { from: from || null, to: to || null };
  if (kind === 'label' && id) filters.labels.add(id);
  if (kind === 'quadrant' && id) filters.quadrants.add(id);
  if (kind === 'feeling' && id) filters.emotion = id;
  if (kind === 'context' && id) filters.context = id;
  if (kind === 'unmet') filters.unmet.add('unmet');
  /** @type {string|null} */
  let lastOpenedId = null;
  let listScroll = 0;

  // ---- List view ---------------------------------------------------------------------------
  const search = /** @type {HTMLInputElement} */ (field({
    id: 'journal-search', type: 'search', class: 'input search', 'aria-controls': 'journal-list',
  }));
  const listEl = h('div', { id: 'journal-list', class: 'journal-list', 'aria-live': 'off' });
  const countEl = h('p', { id: 'journal-count', class: 'hint', role: 'status', 'aria-live': 'polite' });
  const moreBtn = h('button', { type: 'button', id: 'journal-more', class: 'button button-quiet', hidden: true, text: 'Show more' });
  const listNote = noteEl('journal-note', 'alert');

  /** @param {string} kind @param {string} id @param {string} label @param {Set<string>} set @param {Node|null} [icon] */
  function filterChip(kind, id, label, set, icon = null) {
    const btn = h('button', {
      type: 'button',
      class: 'chip chip-small',
      'aria-pressed': String(set.has(id)),
      onClick: () => {
        if (set.has(id)) set.delete(id); else set.add(id);
        btn.setAttribute('aria-pressed', String(set.has(id)));
        load(false);
      },
    }, h('span', { class: 'chip-mark', 'aria-hidden': 'true' }), icon, h('span', { class: 'chip-text', text: label }));
    btn.setAttribute(`data-filter-${kind}`, id);
    return btn;
  }

  const emotionSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'journal-filter-emotion', class: 'select', 'data-filter-emotion': '' }));
  emotionSelect.addEventListener('change', () => { filters.emotion = emotionSelect.value; load(false); });
  function refreshEmotionOptions() {
    const used = new Set(feelingsInUse);
    const current = filters.emotion;
    const options = [h('option', { value: '', text: 'any feeling word' })];
    for (const word of wi().emotions) {
      if (used.has(word.id) || word.id === current) options.push(h('option', { value: word.id, text: word.label, selected: word.id === current }));
    }
    emotionSelect.replaceChildren(...options);
    emotionSelect.value = current;
  }

  // What it was: the kind of intimacy, a kink role, what was around it, in their groups.
  const contextSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'journal-filter-context', class: 'select', 'data-filter-context': '' },
    h('option', { value: '', text: 'anything' }),
    Object.entries(CONTEXT_GROUPS).map(([group, name]) => h('optgroup', { label: name },
      wi().contexts.filter((c) => c.group === group).map((c) => h('option', { value: c.id, text: c.label, selected: c.id === filters.context }))))));
  contextSelect.value = filters.context;
  contextSelect.addEventListener('change', () => { filters.context = contextSelect.value; load(false); });

  const clearBtn = h('button', {
    type: 'button', id: 'journal-clear-filters', class: 'link-button', hidden: true, text: 'Clear filters',
    onClick: () => {
      filters.labels.clear();
      filters.quadrants.clear();
      filters.unmet.clear();
      filters.emotion = '';
      filters.context = '';
      emotionSelect.value = '';
      contextSelect.value = '';
      period = { from: null, to: null };
      for (const b of filterBox.querySelectorAll('[aria-pressed]')) b.setAttribute('aria-pressed', 'false');
      load(false);
      search.focus();
    },
  });

  const filterBox = h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' },
    h('div', { class: 'filter-row' },
      h('span', { class: 'filter-label', id: 'filter-quadrant-label', text: 'Mood' }),
      h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'filter-quadrant-label' },
        QUADRANTS.map((q) => filterChip('quadrant', q, QUADRANT_NAMES[q], filters.quadrants, shapeEl(q))))),
    h('div', { class: 'filter-row' },
      h('span', { class: 'filter-label', id: 'filter-label-label', text: 'Names' }),
      h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'filter-label-label' },
        wi().labels.map((l) => filterChip('label', l.id, l.label, filters.labels)))),
    h('div', { class: 'filter-row' },
      h('label', { class: 'filter-label', for: 'journal-filter-emotion', text: 'Feeling' }),
      emotionSelect),
    h('div', { class: 'filter-row' },
      h('label', { class: 'filter-label', for: 'journal-filter-context', text: 'What it was' }),
      contextSelect),
    h('div', { class: 'filter-row' },
      h('span', { class: 'filter-label', id: 'filter-care-label', text: 'Aftercare' }),
      h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'filter-care-label' },
        filterChip('unmet', 'unmet', 'wanted, and didn’t come', filters.unmet)),
      clearBtn));

  const anyFilter = () => filters.labels.size > 0 || filters.quadrants.size > 0 || !!filters.emotion
    || !!filters.context || filters.unmet.size > 0 || !!period.from || !!period.to;

  /** The words and filters as the core's query, for one page from `offset`. @param {number} offset */
  const queryAt = (offset) => ({
    text: query,
    moods: [...filters.quadrants],
    labels: [...filters.labels],
    feeling: filters.emotion || null,
    contexts: filters.context ? [filters.context] : [],
    unmet: filters.unmet.size > 0,
    from: period.from,
    to: period.to,
    offset,
    limit: PAGE,
  });

  /**
   * The mood at the top of a card or an opened entry: its shape and name, or, with no mood
   * recorded, the words alone (no shape, no colour).
   * @param {string} tag
   * @param {string} cls
   * @param {ReturnType<typeof entryMood>} m
   */
  const moodTag = (tag, cls, m) => (m.quadrant
    ? h(tag, { class: cls }, shapeEl(m.quadrant), h('span', { text: m.name }))
    : h(tag, { class: `${cls} entry-no-mood` }, h('span', { text: m.name })));

  /** @param {Entry} e */
  function card(e) {
    const d = new Date(e.at);
    const m = entryMood(e);
    const feelings = e.emotions.slice(0, 3).map((id) => labelOf(wi().byId.emotion, id));
    const more = e.emotions.length > 3 ? e.emotions.length - 3 : 0;
    const line = firstLine(e.text);
    const btn = h('button', {
      type: 'button',
      class: `entry-card ${m.cls}`,
      dataset: { id: e.id, quadrant: m.quadrant ?? 'none' },
      onClick: () => openDetail(e.id),
    },
    h('span', { class: 'entry-card-top' },
      moodTag('span', 'entry-q', m),
      h('span', { class: 'entry-time' }, h('time', { datetime: e.at, text: timeOf(d) }))),
    feelings.length
      ? h('span', { class: 'entry-words', text: `${feelings.join(', ')}${more ? ` and ${more} more` : ''}` })
      : null,
    e.labels.length
      ? h('span', { class: 'entry-labels', text: e.labels.map((id) => labelOf(wi().byId.label, id)).join(' · ') })
      : null,
    e.follows ? h('span', { class: 'entry-follows', text: 'Follows an earlier entry' }) : null,
    line ? h('span', { class: 'entry-line', text: line }) : null,
    foundIn.get(e.id)?.length
      ? h('span', { class: 'entry-found', dataset: { found: /** @type {string[]} */ (foundIn.get(e.id)).join(' ') },
        text: `Found in ${/** @type {string[]} */ (foundIn.get(e.id)).map((f) => FOUND_IN[f] ?? f).join(', ')}` })
      : null);
    return btn;
  }

  function renderList() {
    const filtered = anyFilter();
    clearBtn.hidden = !filtered;
    if (loaded.length === 0 && filtered) {
      fill(listEl, h('div', { class: 'empty' }, h('p', { text: 'No entries match these filters.' })));
      countEl.textContent = 'No entries match these filters.';
    } else if (loaded.length === 0) {
      fill(listEl, h('div', { class: 'empty' },
        query
          ? h('p', { text: `Nothing matches “${query}”. Try another word, or clear the search.` })
          : h('p', { text: 'Nothing here yet. When you log a moment, it will show up here.' })));
      countEl.textContent = query ? 'No entries match the search.' : '';
    } else {
      fill(listEl, groupByDay(loaded).map((g) => h('section', { class: 'day', dataset: { day: g.key }, 'aria-label': g.heading },
        h('h2', { class: 'day-heading', text: g.heading }),
        h('ul', { class: 'day-entries' }, g.items.map((e) => h('li', null, card(e)))))));
      const n = plural(total, 'entry', 'entries');
      const within = period.from && period.to ? `, from ${rangeText(period.from, period.to, new Date().getFullYear())}` : '';
      countEl.textContent = query || filtered ? `${n} match${within}.` : `${n}.`;
    }
    moreBtn.hidden = loaded.length >= total;
  }

  /** @param {boolean} append */
  async function load(append) {
    const mine = ++seq;
    const offset = append ? loaded.length : 0;
    try {
      const page = await api.searchEntries(queryAt(offset));
      if (mine !== seq) return;
      if (!append) foundIn = new Map();
      page.items.forEach((e, i) => { if (page.foundIn?.[i]?.length) foundIn.set(e.id, page.foundIn[i]); });
      loaded = append ? loaded.concat(page.items) : page.items;
      total = page.total;
      feelingsInUse = page.feelings;
      showNote(listNote, '');
      refreshEmotionOptions();
      renderList();
    } catch (e) {
      if (mine !== seq || handleLocked(e)) return;
      showNote(listNote, messageOf(e));
    }
  }
  moreBtn.addEventListener('click', async () => {
    const before = loaded.length;
    await load(true);
    // Keep the keyboard near the new entries.
    const cards = /** @type {NodeListOf<HTMLElement>} */ (listEl.querySelectorAll('.entry-card'));
    (cards[before] ?? cards[cards.length - 1])?.focus();
  });

  let debounce = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => {
      query = search.value.trim();
      load(false);
    }, 150);
  });
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && search.value) {
      ev.preventDefault();
      ev.stopPropagation();
      search.value = '';
      query = '';
      load(false);
    }
  });

  const listView = h('div', { class: 'journal-view', id: 'journal-view' },
    h('h1', { id: 'journal-title', tabindex: '-1', text: 'Journal' }),
    h('div', { class: 'field search-field' },
      h('label', { for: 'journal-search', text: 'Search your entries' }),
      search),
    filterBox,
    countEl,
    listNote,
    listEl,
    h('div', { class: 'actions' }, moreBtn));

  // ---- Detail view -------------------------------------------------------------------------
  const detail = h('div', { id: 'entry-detail', class: 'entry-detail', hidden: true });

  /** @param {string} title @param {any} content */
  function row(title, content) {
    return [h('dt', { text: title }), h('dd', null, content)];
  }
  /** @param {Map<string, any>} map @param {string[]} ids */
  const words = (map, ids) => h('ul', { class: 'tags' }, ids.map((id) => h('li', { class: 'tag', text: labelOf(map, id) })));

  /** @param {Entry} e @param {boolean} [justSaved] */
  function renderDetail(e, justSaved = false) {
    const d = new Date(e.at);
    const deleteNote = noteEl('entry-delete-note', 'alert');
    const confirmBox = h('div', { id: 'entry-delete-box', class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'entry-delete-q' },
      h('p', { id: 'entry-delete-q', text: "Delete this moment? It can't be brought back." }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'entry-delete-cancel', class: 'button button-quiet', text: 'Keep it',
          onClick: () => { confirmBox.hidden = true; delBtn.focus(); } }),
        h('button', { type: 'button', id: 'entry-delete-confirm', class: 'button button-danger', text: 'Delete',
          onClick: async (/** @type {Event} */ ev) => {
            const b = /** @type {HTMLButtonElement} */ (ev.currentTarget);
            hold(b, true);
            try {
              await api.deleteEntry(e.id);
              loaded = loaded.filter((x) => x.id !== e.id);
              total = Math.max(0, total - 1);
              lastOpenedId = null;
              announce('Deleted.');
              backToList();
            } catch (err) {
              hold(b, false);
              if (!handleLocked(err)) showNote(deleteNote, messageOf(err));
            }
          } })),
      deleteNote);
    const delBtn = h('button', { type: 'button', id: 'entry-delete', class: 'button button-quiet', text: 'Delete',
      onClick: () => { confirmBox.hidden = false; /** @type {HTMLElement} */ (confirmBox.querySelector('#entry-delete-cancel')).focus(); } });

    const unmet = unmetAftercare(e);
    const mood = entryMood(e);
    const fields = [
      // With no mood recorded, the heading above already says so.
      mood.quadrant ? row('Mood', mood.description) : null,
      e.emotions.length ? row('Feelings', words(wi().byId.emotion, e.emotions)) : null,
      e.labels.length ? row('Names for it', words(wi().byId.label, e.labels)) : null,
      e.context.length ? row('What it was', words(wi().byId.context, e.context)) : null,
      e.partner ? row('Partner', e.partner) : null,
      e.choice ? row('Did it all feel like your choice?', choiceLabel(e.choice)) : null,
      e.timing ? row('How long after', timingLabel(e.timing)) : null,
      e.aftercareGot.length ? row('Aftercare you got', words(wi().byId.aftercare, e.aftercareGot)) : null,
      e.aftercareWanted.length ? row('Aftercare you wanted', words(wi().byId.aftercare, e.aftercareWanted)) : null,
      unmet.length && unmet.length < e.aftercareWanted.length ? row('Wanted and not there', words(wi().byId.aftercare, unmet)) : null,
      e.body.length ? row('In your body', words(wi().byId.body, e.body)) : null,
    ];

    // The prompt this entry answers, as a quiet line above the text (the words come from the care content).
    const promptLine = e.prompt && e.text ? h('p', { id: 'entry-prompt', class: 'entry-prompt', dataset: { prompt: e.prompt } }) : null;
    if (promptLine && e.prompt) {
      const id = e.prompt;
      const show = (/** @type {import('../api.js').CareContent|null} */ c) => {
        const t = promptText(c, id);
        if (t) fill(promptLine, h('span', { class: 'visually-hidden', text: 'Prompt: ' }), t);
        else promptLine.remove();
      };
      const now = careContentNow();
      if (now) show(now);
      else loadCareContent().then(show, () => promptLine.remove());
    }
    // The names it gives lead to what they mean, one click away in Care.
    const namesLine = e.labels.length ? h('p', { id: 'entry-explainers', class: 'entry-names-line', hidden: true }) : null;
    if (namesLine) {
      const show = (/** @type {import('../api.js').CareContent|null} */ c) => {
        const named = explainersForLabels(c, e.labels);
        if (!named.length) return;
        fill(namesLine, 'What these names mean: ', named.map((x, i) => [
          i > 0 ? ', ' : null,
          h('button', { type: 'button', class: 'link-button', dataset: { explainerLink: x.id }, text: x.title,
            onClick: () => navigate('care', `explainer:${x.id}`) }),
        ]));
        namesLine.hidden = false;
      };
      const now = careContentNow();
      if (now) show(now);
      else loadCareContent().then(show, () => {});
    }
    // "What might help" again: the offer the core chose for this entry. An answer saved into
    // the entry there is what Edit opens, and what the page shows once the panel closes.
    let latest = e;
    const offerHost = h('section', { id: 'entry-offer', class: 'after-save entry-offer', 'aria-labelledby': 'offer-title', hidden: true });
    const offerBtn = h('button', {
      type: 'button', id: 'entry-offer-open', class: 'button button-quiet', text: 'What might help',
      'aria-expanded': 'false', 'aria-controls': 'entry-offer',
      onClick: () => {
        offerBtn.setAttribute('aria-expanded', 'true');
        showOffer(offerHost, latest, () => {
          offerBtn.setAttribute('aria-expanded', 'false');
          if (latest !== e) {
            renderDetail(latest);
            /** @type {HTMLElement|null} */ (detail.querySelector('#entry-offer-open'))?.focus();
          } else offerBtn.focus();
        }, (updated) => {
          latest = updated;
          loaded = loaded.map((x) => (x.id === updated.id ? updated : x));
        });
      },
    });
    const followsLine = e.follows
      ? h('p', { id: 'entry-follows', class: 'entry-follows-line' },
        'Follows an earlier entry. ',
        h('button', { type: 'button', id: 'entry-open-earlier', class: 'link-button', text: 'Open it',
          onClick: () => openEarlier(/** @type {string} */ (e.follows)) }))
      : null;

    fill(detail,
      h('div', { class: 'detail-top' },
        h('button', { type: 'button', id: 'entry-back', class: 'link-button back', text: '← Back to the journal', onClick: () => backToList() })),
      h('article', { class: `detail-card ${mood.cls}`, 'aria-labelledby': 'entry-detail-title' },
        h('header', { class: 'detail-head' },
          moodTag('p', 'entry-q entry-q-large', mood),
          h('h1', { id: 'entry-detail-title', tabindex: '-1' },
            `${dayHeading(d)}, `, h('time', { datetime: e.at, text: timeOf(d) })),
          followsLine),
        h('dl', { class: 'detail-fields' }, fields),
        namesLine,
        e.text
          ? h('div', { class: 'detail-text-block' },
            h('h2', { class: 'detail-sub', text: 'What you wrote' }),
            promptLine,
            h('p', { class: 'detail-text', text: e.text }))
          : null),
      h('div', { class: 'actions detail-actions' },
        h('button', { type: 'button', id: 'entry-edit', class: 'button button-primary', text: 'Edit', onClick: () => openEdit(latest) }),
        offerBtn,
        delBtn,
        justSaved ? h('p', { class: 'save-hint hint', dataset: { saved: 'true' }, text: 'Saved. Take your time.' }) : null),
      confirmBox,
      offerHost);
  }

  /**
   * Opens the entry a check-in follows, or says calmly that it isn't there any more.
   * @param {string} id
   */
  async function openEarlier(id) {
    try {
      await api.getEntry(id);
      openDetail(id);
    } catch (err) {
      if (handleLocked(err)) return;
      const line = detail.querySelector('#entry-follows');
      if (line) fill(line, 'Follows an earlier entry, which is no longer in your journal.');
    }
  }

  /** @param {string} id */
  async function openDetail(id) {
    listScroll = window.scrollY;
    lastOpenedId = id;
    let e = loaded.find((x) => x.id === id);
    try {
      e = await api.getEntry(id);
      loaded = loaded.map((x) => (x.id === id ? /** @type {Entry} */ (e) : x));
    } catch (err) {
      if (handleLocked(err)) return;
      if (!e) { showNote(listNote, messageOf(err)); return; }
    }
    renderDetail(/** @type {Entry} */ (e));
    listView.hidden = true;
    editView.hidden = true;
    detail.hidden = false;
    document.body.dataset.view = 'detail';
    window.scrollTo(0, 0);
    /** @type {HTMLElement} */ (detail.querySelector('h1')).focus();
  }

  function backToList() {
    detail.hidden = true;
    editView.hidden = true;
    editView.replaceChildren();
    detail.replaceChildren();
    listView.hidden = false;
    document.body.dataset.view = 'list';
    renderList();
    window.scrollTo(0, listScroll);
    const target = lastOpenedId
      ? /** @type {HTMLElement|null} */ (listEl.querySelector(`.entry-card[data-id="${CSS.escape(lastOpenedId)}"]`))
      : null;
    (target ?? /** @type {HTMLElement} */ (listView.querySelector('h1'))).focus();
  }

  // ---- Edit view ---------------------------------------------------------------------------
  const editView = h('div', { id: 'entry-edit-view', class: 'entry-edit', hidden: true });
  /** @param {Entry} e */
  /**
   * @param {Entry} e
   * @param {import('../api.js').Draft} [draft] changes kept at lock, to pick up
   */
  function openEdit(e, draft) {
    let stopKeeping = () => {};
    const form = createLogForm({
      mode: 'edit',
      entry: e,
      onSaved: (saved) => {
        stopKeeping();
        loaded = loaded.map((x) => (x.id === saved.id ? saved : x));
        editView.hidden = true;
        editView.replaceChildren();
        renderDetail(saved, true);
        detail.hidden = false;
        document.body.dataset.view = 'detail';
        /** @type {HTMLElement} */ (detail.querySelector('#entry-edit')).focus();
      },
      onCancel: () => {
        stopKeeping();
        editView.hidden = true;
        editView.replaceChildren();
        detail.hidden = false;
        document.body.dataset.view = 'detail';
        /** @type {HTMLElement} */ (detail.querySelector('#entry-edit')).focus();
      },
    });
    // Changes not yet saved are kept, sealed, if the journal locks while this form is open.
    stopKeeping = keepDraftFrom(() => (form.el.isConnected ? form.unsaved() : null));
    if (draft) form.load(draft);
    fill(editView,
      h('h1', { id: 'entry-edit-title', tabindex: '-1', text: 'Edit this moment' }),
      form.el);
    detail.hidden = true;
    editView.hidden = false;
    document.body.dataset.view = 'edit';
    window.scrollTo(0, 0);
    /** @type {HTMLElement} */ (editView.querySelector('h1')).focus();
  }

  detail.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    const box = /** @type {HTMLElement|null} */ (detail.querySelector('#entry-delete-box'));
    ev.preventDefault();
    ev.stopPropagation();
    if (box && !box.hidden) {
      box.hidden = true;
      /** @type {HTMLElement} */ (detail.querySelector('#entry-delete')).focus();
    } else backToList();
  });

  document.body.dataset.view = 'list';
  fill(main, h('div', { class: 'screen-journal' }, listView, detail, editView));
  fill(listEl, h('p', { class: 'hint', text: 'Opening your entries…' }));
  /** @type {HTMLElement} */ (listView.querySelector('h1')).focus();
  load(false);
  if (sub === 'resume-draft' && session.resumeDraft?.editing) resumeEdit(session.resumeDraft);
  session.resumeDraft = null;

  /**
   * Opens the entry a kept draft changes, in its edit form filled with those changes.
   * @param {import('../api.js').Draft} draft
   */
  async function resumeEdit(draft) {
    try {
      const e = await api.getEntry(/** @type {string} */ (draft.editing));
      lastOpenedId = e.id;
      renderDetail(e);
      listView.hidden = true;
      openEdit(e, draft);
      announce('Your changes are back in the form. Nothing is saved until you save.');
    } catch (err) {
      if (handleLocked(err)) return;
      // The entry is gone (deleted since): its changes can't be picked up; the draft stays
      // until it is let go from the Log.
      showNote(listNote, `${messageOf(err)} The changes you were making are still kept; you can let them go from the Log.`, 'info');
    }
  }
}
