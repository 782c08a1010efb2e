// @ts-check
/**
 * @file Trends: patterns over a chosen period, drawn by our own small SVG charts, each with
 * the same information in words or a table. Descriptive only: what tends to go together,
 * never what causes what. No scores and no counting of days in a row; days without entries are
 * simply blank. Counts are always shown; means and intervals wait behind "Show the numbers".
 * Entries with no mood recorded are counted in the total and said apart in one quiet line;
 * no chart plots them, and no mean includes them.
 */

import * as api from '../api.js';
import { h, fill, noteEl, showNote, messageOf, setScreen } from '../dom.js';
import { session, handleLocked, navigate } from '../session.js';
import { labelOf, timingLabel, CONTEXT_GROUPS } from '../words.js';
import { QUADRANT_NAMES, describePleasantness } from '../mood.js';
import { shapeEl } from '../components/mood-pad.js';
import { localDay, parts, rangeText } from '../charts/days.js';
import { overTimeChart } from '../charts/over-time.js';
import { calendarChart } from '../charts/calendar.js';
import { moodMapChart } from '../charts/mood-map.js';
import { barList, moodScale } from '../charts/bars.js';
import { numbersToggle, num, numBlock } from '../components/numbers-toggle.js';
import {
  PERIODS, FEW_ENTRIES, MIN_COMPARE, periodFrom, entries, signed, cap, listText, nonZero, meanWords,
  moodWithSentence, meanNumber, aftercareSentence, tooFewSentence, wantedSentence, laterSentence,
  laterNumbers, intervalText, timesOf, withoutMoodText,
} from '../trends-model.js';

/** @typedef {import('../trends-model.js').Period} Period */

/** The period shown, kept while the window is open (memory only). @type {Period} */
let period = 'year';

/**
 * A section card with a heading.
 * @param {string} id
 * @param {string} title
 * @param {...any} body
 */
function card(id, title, ...body) {
  return h('section', { id, class: 'card trends-card', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }),
    body);
}

/**
 * @param {HTMLElement} main
 */
export function showTrends(main) {
  setScreen('trends');
  const wi = () => /** @type {import('../words.js').WordIndex} */ (session.words);
  let seq = 0;

  const buttons = PERIODS.map(([id, text]) => {
    const btn = h('button', {
      type: 'button', class: 'segment', 'data-period': id, 'aria-pressed': String(id === period), text,
      onClick: () => {
        if (period === id) return;
        period = id;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === btn));
        load();
      },
    });
    return btn;
  });
  const periodHint = h('p', { id: 'trends-period-hint', class: 'visually-hidden', text: 'Week is the last 7 days, Month the last 30, Year the last 365, and All since your first entry.' });
  const total = h('p', { id: 'trends-total', class: 'trends-total', role: 'status', 'aria-live': 'polite' });
  const noMood = h('p', { id: 'trends-no-mood', class: 'hint trends-no-mood', hidden: true });
  const few = h('p', { id: 'trends-few', class: 'note', dataset: { tone: 'info' }, hidden: true, text: 'A few more entries and patterns will show here.' });
  const note = noteEl('trends-note', 'alert');
  const body = h('div', { id: 'trends-body', class: 'trends-body', 'aria-busy': 'true' },
    h('p', { class: 'hint', text: 'Opening your trends…' }));

  /** @param {string} id @param {string} fallback */
  const emotionLabel = (id, fallback = id) => wi()?.byId.emotion.get(id)?.label ?? fallback;

  /**
   * @param {any} d
   * @param {boolean} [anyAtAll] whether the journal has entries outside this period
   */
  function render(d, anyAtAll = false) {
    const thisYear = parts(localDay()).year;
    // Entries with a mood (in every figure) and without one (counted apart).
    const n = d.total.count;
    const all = n + (d.noMood ?? 0);
    const range = rangeText(d.from, d.to, thisYear);
    total.textContent = `${entries(all)} from ${range}`;
    noMood.textContent = withoutMoodText(d.noMood ?? 0);
    noMood.hidden = !noMood.textContent;
    few.hidden = !(all > 0 && n < FEW_ENTRIES);

    if (all === 0) {
      const emptyText = anyAtAll
        ? `No entries from ${range}. A longer period might show more.`
        : 'Nothing here yet. When you log a moment, it will show up here.';
      fill(body,
        h('div', { class: 'empty', id: 'trends-empty' }, h('p', { text: emptyText })),
        d.month?.mood?.count || d.month?.noMood ? lookback(d) : null);
      return;
    }

    fill(body,
      card('trends-time', 'Mood over time',
        h('p', { class: 'hint', text: 'How pleasant things felt, on average, with a smoothed line through it. Gaps are stretches without entries.' }),
        overTimeChart({ from: d.from, to: d.to, bucket: d.bucket, points: d.overTime ?? [], thisYear })),
      card('trends-days', 'Calendar',
        h('p', { class: 'hint', text: 'Each day with entries shows its main mood. Hover a day, or open the table, for the details.' }),
        calendarChart({ from: d.from, to: d.to, days: d.calendar ?? [], thisYear })),
      card('trends-map', 'Mood map',
        h('p', { class: 'hint', text: 'Every entry in this period, placed like on the mood grid.' }),
        moodMapChart({ points: d.map ?? [], quadrants: d.quadrants ?? [], total: d.total, thisYear }),
        (d.mapTotal ?? 0) > (d.map ?? []).length
          ? h('p', { class: 'hint', id: 'trends-map-latest', text: `The map shows the latest ${(d.map ?? []).length} of ${d.mapTotal} entries; the table counts them all.` })
          : null),
      words(d),
      contexts(d),
      aftercare(d),
      later(d),
      lookback(d));
    // A calendar wider than the window starts at its most recent weeks.
    const scroller = body.querySelector('.cal-scroll');
    if (scroller) scroller.scrollLeft = scroller.scrollWidth;
  }

  /**
   * The journal, filtered to what a count counts, over the same period.
   * @param {any} d the insights shown @param {string} kind @param {string} id
   */
  const openJournal = (d, kind, id) => navigate('journal', `filter:${kind}:${id}|${d.from ?? ''}|${d.to ?? ''}`);

  /** @param {any} d */
  function words(d) {
    const list = d.emotions ?? [];
    const labels = d.labels ?? [];
    return card('trends-words', 'Feeling words',
      list.length
        ? [h('p', { class: 'hint', text: 'The words you chose most often in this period.' }),
          barList({
            id: 'trends-words-list',
            noun: 'words',
            items: list.map((/** @type {any} */ f) => ({
              key: f.id, label: emotionLabel(f.id), count: timesOf(f),
              quadrant: wi()?.byId.emotion.get(f.id)?.quadrant ?? 'mixed',
              open: () => openJournal(d, 'feeling', f.id),
            })),
          })]
        : h('p', { class: 'hint', text: 'No feeling words in this period. They are always optional.' }),
      labels.length
        ? [h('h3', { class: 'trends-sub', text: 'Names you gave it' }),
          h('ul', { id: 'trends-labels', class: 'plain-list' }, labels.map((/** @type {any} */ f) => h('li', { dataset: { key: f.id } },
            moodWithSentence(labelOf(wi().byId.label, f.id), f), f.count ? num(` (${meanNumber(f)})`) : null, '. ',
            h('button', { type: 'button', class: 'link-button', dataset: { open: f.id }, text: 'See them',
              'aria-label': `See them: the entries named ${labelOf(wi().byId.label, f.id)}`, onClick: () => openJournal(d, 'label', f.id) }))))]
        : null);
  }

  /**
   * A context's label; kink-scene roles say what they are about ("Kink scene: I was top").
   * @param {string} id
   */
  const contextLabel = (id) => {
    const word = wi()?.byId.context.get(id);
    const label = labelOf(wi().byId.context, id);
    return word?.group === 'kink' && id !== 'kink-none' ? `${CONTEXT_GROUPS.kink}: ${label}` : label;
  };

  /** @param {any} d */
  function contexts(d) {
    const list = d.contexts ?? [];
    return card('trends-contexts', 'What it was',
      list.length
        ? [h('p', { class: 'hint', text: 'How often each context came up, and how entries with it felt on average. This shows what tends to go together, not what causes what.' }),
          barList({
            id: 'trends-contexts-list',
            noun: 'contexts',
            items: list.map((/** @type {any} */ f) => {
              const label = contextLabel(f.id);
              return {
                key: f.id, label: cap(label), count: timesOf(f),
                open: () => openJournal(d, 'context', f.id),
                note: f.count
                  ? [`on average ${describePleasantness(f.pleasantness)}`, num(` (${meanNumber(f)})`)]
                  : 'no mood recorded',
              };
            }),
          })]
        : h('p', { class: 'hint', text: 'Nothing noted about what it was in this period.' }));
  }

  /** @param {any} d */
  function aftercare(d) {
    /** @type {import('../trends-model.js').AftercareItem[]} */
    const items = d.aftercare ?? [];
    const label = (/** @type {string} */ id) => labelOf(wi().byId.aftercare, id);
    const shown = items.filter((a) => a.shown);
    const tooFew = items.filter((a) => !a.shown);
    const wanted = items.filter((a) => a.wanted > 0).sort((a, b) => b.wantedNotGot - a.wantedNotGot || b.wanted - a.wanted);
    if (items.length === 0) {
      return card('trends-aftercare', 'Aftercare',
        h('p', { class: 'hint', text: 'When you note aftercare you got or wanted, how it goes with your mood afterwards will show here.' }));
    }
    const rows = shown.map((a) => ({ a, t: aftercareSentence(label(a.id), a) }));
    return card('trends-aftercare', 'Aftercare',
      h('p', { class: 'hint', text: 'Mood afterwards with and without each kind of care, from entries that noted any aftercare. It shows what tends to go together, not what causes what; many things shape how a moment feels. A difference is called a pattern only when it is larger than these entries could show by chance.' }),
      rows.length
        ? [numBlock(h('p', { class: 'scale-key', 'aria-hidden': 'true' },
          h('span', { class: 'key-item' }, h('span', { class: 'key-filled' }), 'with it'),
          h('span', { class: 'key-item' }, h('span', { class: 'key-hollow' }), 'without it'),
          h('span', { class: 'key-item key-range', text: 'on a line from unpleasant to pleasant' }))),
          h('ul', { class: 'care-compare', id: 'trends-aftercare-compare' }, rows.map(({ a, t }) => h('li', { class: 'compare-row', dataset: { key: a.id, direction: t.direction } },
            h('p', { class: 'compare-text' }, h('span', { class: 'compare-lead', text: t.lead }), ` (${t.counts}).`, num(` ${t.numbers}.`)),
            numBlock(moodScale([{ value: a.notGot.pleasantness, kind: 'hollow' }, { value: a.got.pleasantness, kind: 'filled' }]))))),
          numBlock(compareTable(rows, label))]
        : null,
      tooFew.length
        ? [h('h3', { class: 'trends-sub', text: 'Too few entries to compare yet' }),
          h('p', { class: 'hint', text: `A comparison shows once there are at least ${MIN_COMPARE} entries with it and ${MIN_COMPARE} without.` }),
          h('ul', { class: 'plain-list', id: 'trends-aftercare-few' }, tooFew.map((a) => h('li', { dataset: { key: a.id }, text: `${tooFewSentence(label(a.id), a)}.` })))]
        : null,
      wanted.length
        ? [h('h3', { class: 'trends-sub', text: 'Wanted, and how often it was there' }),
          h('p', { class: 'hint', text: 'Needs you noted wanting. If it helps, these could be things to ask for, or give yourself, another time.' }),
          h('ul', { class: 'plain-list', id: 'trends-wanted' }, wanted.map((a) => h('li', { dataset: { key: a.id }, text: `${wantedSentence(label(a.id), a)}.` })))]
        : null);
  }

  /**
   * The aftercare comparisons in numbers: counts, means, the difference and its 95% interval.
   * @param {{a: import('../trends-model.js').AftercareItem, t: {direction: string}}[]} rows
   * @param {(id: string) => string} label
   */
  function compareTable(rows, label) {
    const reads = { better: 'feeling better', lower: 'less pleasant', same: 'about the same' };
    return h('div', { class: 'table-wrap compare-table' },
      h('table', { class: 'data-table', id: 'trends-aftercare-table' },
        h('caption', { class: 'visually-hidden', text: 'Aftercare with and without, in numbers' }),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', text: 'Aftercare' }),
          h('th', { scope: 'col', class: 'num', text: 'Entries with it' }),
          h('th', { scope: 'col', class: 'num', text: 'Without' }),
          h('th', { scope: 'col', class: 'num', text: 'Mean with it' }),
          h('th', { scope: 'col', class: 'num', text: 'Mean without' }),
          h('th', { scope: 'col', class: 'num', text: 'Difference' }),
          h('th', { scope: 'col', text: '95% interval' }),
          h('th', { scope: 'col', text: 'Reads as' }))),
        h('tbody', null, rows.map(({ a, t }) => h('tr', { dataset: { key: a.id } },
          h('th', { scope: 'row', text: cap(label(a.id)) }),
          h('td', { class: 'num', text: String(a.got.count) }),
          h('td', { class: 'num', text: String(a.notGot.count) }),
          h('td', { class: 'num', text: signed(a.got.pleasantness) }),
          h('td', { class: 'num', text: signed(a.notGot.pleasantness) }),
          h('td', { class: 'num', text: signed(a.pattern?.difference ?? (a.got.pleasantness - a.notGot.pleasantness)) }),
          h('td', { class: 'interval', text: intervalText(a.pattern) || '–' }),
          h('td', { text: reads[/** @type {'better'|'lower'|'same'} */ (t.direction)] }))))),
      h('p', { class: 'hint', text: 'Means are on a scale from −1 (unpleasant) to +1 (pleasant). The interval is the range the difference likely lies in; when it includes 0, the entries can’t tell the two apart. A difference under 0.1 also reads as about the same.' }));
  }

  /** @param {any} d */
  function later(d) {
    const l = d.later ?? { pairs: 0, pleasantnessChange: 0, energyChange: 0, byTiming: [] };
    /** @type {[string, {count: number, pleasantness: number, energy: number}][]} */
    const timings = l.byTiming ?? [];
    const sentence = laterSentence(l);
    const useful = timings.length > 1 || l.pairs > 0;
    return card('trends-later', 'Right after and later',
      useful
        ? null
        : h('p', { class: 'hint', text: 'A low can arrive a day or two later. When some entries are noted right after and some later on (say when the moment was as you log, or link a check-in to its entry), the difference will show here.' }),
      sentence ? h('p', { id: 'trends-later-pairs' }, sentence, num(` ${laterNumbers(l)}`)) : null,
      timings.length
        ? [h('p', { class: 'hint', text: 'Mood on average, by how long after the moment each entry was noted.' }),
          h('ul', { class: 'timing-list', id: 'trends-timing' },
            h('li', { class: 'timing-row timing-head', 'aria-hidden': 'true' },
              h('span'),
              h('span', { class: 'scale-ends' }, h('span', { text: 'unpleasant' }), h('span', { text: 'pleasant' })),
              h('span')),
            timings.map(([t, m]) => h('li', { class: 'timing-row', dataset: { timing: t } },
              h('span', { class: 'timing-label' },
                h('span', { class: 'timing-name', text: cap(timingLabel(t) || t) }), ' ',
                h('span', { class: 'timing-count' }, entries(m.count), h('span', { class: 'visually-hidden', text: ', ' }))),
              moodScale([{ value: m.pleasantness, kind: 'filled' }]),
              h('span', { class: 'timing-value' }, describePleasantness(m.pleasantness), num(` (${signed(m.pleasantness)})`)))))]
        : null);
  }

  /** @param {any} d */
  function lookback(d) {
    const thisYear = parts(localDay()).year;
    /** @param {string} key @param {string} title @param {any} w */
    const brief = (key, title, w) => {
      const withMood = w?.mood?.count ?? 0;
      const none = w?.noMood ?? 0;
      const n = withMood + none;
      const qs = nonZero(w?.quadrants ?? []);
      const top = (w?.topEmotions ?? []).map((/** @type {string} */ id) => emotionLabel(id));
      return h('article', { class: 'lookback', dataset: { window: key }, 'aria-labelledby': `lookback-${key}-title` },
        h('h3', { id: `lookback-${key}-title`, text: title }),
        w ? h('p', { class: 'hint lookback-dates', text: rangeText(w.from, w.to, thisYear) }) : null,
        n
          ? [h('p', { class: 'lookback-count' }, `${entries(n)}${qs.length ? ': ' : ''}`,
            qs.length
              ? h('span', { class: 'lookback-quads' }, qs.map(([q, c], i) => [
                h('span', { class: 'lookback-q', dataset: { quadrant: q } }, shapeEl(q), `${c} ${QUADRANT_NAMES[q]}`),
                i < qs.length - 2 ? ', ' : i === qs.length - 2 ? ' and ' : '']))
              : null,
            none ? h('span', { class: 'lookback-no-mood', text: qs.length ? `, and ${none} without a mood` : ', no mood recorded' }) : null),
          top.length ? h('p', { text: `Words that came up most: ${listText(top)}.` }) : null,
          withMood ? h('p', { text: `On average ${meanWords(w.mood)}.` }) : null]
          : h('p', { text: 'No entries in these days.' }),
        w?.prompt ? h('p', { class: 'lookback-prompt' }, h('span', { class: 'visually-hidden', text: 'To reflect on: ' }), w.prompt) : null);
    };
    return card('trends-lookback', 'Looking back',
      h('p', { class: 'hint', text: 'The last 7 and 30 days in brief, whatever period is chosen above.' }),
      h('div', { class: 'lookback-grid' },
        brief('week', 'This week', d.week),
        brief('month', 'This month', d.month)));
  }

  async function load() {
    const mine = ++seq;
    body.setAttribute('aria-busy', 'true');
    body.classList.add('is-loading');
    try {
      const d = await api.insights(periodFrom(period, localDay()), null);
      // An empty period: say "nothing yet" only when the journal itself is empty.
      const inPeriod = d.total.count + (d.noMood ?? 0);
      const anyAtAll = inPeriod === 0 && period !== 'all'
        ? (await api.listEntries(0, 1)).total > 0
        : inPeriod > 0;
      if (mine !== seq) return;
      showNote(note, '');
      render(d, anyAtAll);
    } catch (e) {
      if (mine !== seq || handleLocked(e)) return;
      showNote(note, messageOf(e));
      if (!body.querySelector('section')) fill(body);
    } finally {
      if (mine === seq) {
        body.setAttribute('aria-busy', 'false');
        body.classList.remove('is-loading');
      }
    }
  }

  fill(main, h('div', { class: 'screen-trends' },
    h('h1', { id: 'trends-title', tabindex: '-1', text: 'Trends' }),
    h('p', { class: 'lead trends-lead', text: 'Patterns in what you’ve logged. They show what tends to go together, not what causes what.' }),
    h('div', { class: 'trends-controls' },
      h('div', { class: 'segments', role: 'group', 'aria-label': 'Period', 'aria-describedby': 'trends-period-hint' }, buttons),
      total,
      numbersToggle(body)),
    periodHint,
    noMood,
    few,
    note,
    body));
  /** @type {HTMLElement} */ (main.querySelector('h1')).focus();
  load();
}
