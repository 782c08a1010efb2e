import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyState, inputFromState, stateFromEntry, toggle, unmetAftercare, countChosen, localIso, momentOf, momentAt, fieldsOf,
  aftercareUsage, aftercareFirst, followCandidates,
} from '../js/entry-model.js';
import {
  indexWords, visibleEmotions, offeredBody, grouped, labelOf, choiceLabel, timingLabel, checkInLabel,
  byQuadrant, COMMON_AFTERCARE,
} from '../js/words.js';
import { readFileSync } from 'node:fs';

test('no input until the mood is placed', () => {
  assert.equal(inputFromState(emptyState()), null);
});

test('a minimal input is just the mood plus empty lists', () => {
  const s = emptyState();
  s.mood = { pleasantness: 0.3, energy: -0.2 };
  const i = inputFromState(s);
  assert.deepEqual(i, {
    mood: { pleasantness: 0.3, energy: -0.2 },
    emotions: [], labels: [], context: [], aftercareGot: [], aftercareWanted: [], body: [],
    choice: null, timing: null, follows: null, partner: null, prompt: null, text: '', checkIn: null,
  });
  assert.equal('at' in i, false);
});

test('round trip through an entry keeps everything', () => {
  const entry = {
    id: 'x', at: '2026-11-28T21:05:00+01:00', created: '', updated: '', quadrant: 'calm',
    mood: { pleasantness: 0.4, energy: -0.6 }, emotions: ['tender', 'raw'], labels: ['drop'],
    context: ['solo'], aftercareGot: ['water'], aftercareWanted: ['water', 'a-hug'], body: ['sleepy'],
    choice: 'mostly', timing: 'next-day', follows: 'y', partner: 'J', prompt: 'p1', text: 'hello',
    checkIn: 'tomorrow',
  };
  const s = stateFromEntry(entry);
  const i = inputFromState(s);
  for (const k of Object.keys(i)) assert.deepEqual(i[k], entry[k], k);
  s.partner = '   ';
  assert.equal(inputFromState(s).partner, null);
});

test('a check-in choice is carried through, and an old entry without one reads as none', () => {
  const s = emptyState();
  assert.equal(s.checkIn, null);
  assert.equal(countChosen(s, 'checkIn'), 0);
  s.mood = { pleasantness: -0.5, energy: -0.5 };
  s.checkIn = 'few-hours';
  s.follows = 'earlier-id';
  s.timing = 'later-that-day';
  const i = inputFromState(s);
  assert.equal(i.checkIn, 'few-hours');
  assert.equal(i.follows, 'earlier-id');
  assert.equal(i.timing, 'later-that-day');
  assert.equal(countChosen(s, 'checkIn'), 1);
  const old = {
    id: 'o', at: '2026-01-01T10:00:00Z', created: '', updated: '', quadrant: 'calm',
    mood: { pleasantness: 0.2, energy: -0.2 }, emotions: [], labels: [], context: [], aftercareGot: [],
    aftercareWanted: [], body: [], choice: null, timing: null, follows: null, partner: null, prompt: null, text: '',
  };
  assert.equal(stateFromEntry(old).checkIn, null);
  assert.equal(inputFromState(stateFromEntry(old)).checkIn, null);
});

test('toggle and counts', () => {
  const s = emptyState();
  assert.equal(toggle(s.emotions, 'sad'), true);
  assert.equal(toggle(s.emotions, 'sad'), false);
  toggle(s.aftercareGot, 'water');
  toggle(s.aftercareWanted, 'water');
  toggle(s.aftercareWanted, 'a-hug');
  assert.equal(countChosen(s, 'aftercare'), 2);
  s.partner = 'R';
  assert.equal(countChosen(s, 'context'), 1);
  assert.deepEqual(unmetAftercare(s), ['a-hug']);
});

test('a word for every mood ("hopeless") shows under every quadrant, once', () => {
  const idx = indexWords({
    shipped: {
      version: 1,
      emotions: [
        { id: 'joyful', label: 'joyful', quadrant: 'bright' },
        { id: 'anxious', label: 'anxious', quadrant: 'tense' },
        { id: 'sad', label: 'sad', quadrant: 'heavy' },
        { id: 'hopeless', label: 'hopeless', quadrant: 'heavy', everywhere: true },
        { id: 'raw', label: 'raw', quadrant: 'mixed' },
      ],
      contexts: [], aftercare: [], body: [], labels: [],
    },
    own: { emotions: [], labels: [] },
  });
  const ids = (list) => list.map((w) => w.id);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'tense', [], false)), ['anxious', 'hopeless', 'raw']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'bright', [], false)), ['joyful', 'hopeless', 'raw']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'calm', [], false)), ['hopeless', 'raw']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'heavy', ['hopeless'], false)), ['sad', 'hopeless', 'raw']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'mixed', [], false)), ['raw', 'hopeless']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, null, [], false)), ['raw', 'hopeless']);
  assert.equal(ids(visibleEmotions(idx.emotions, 'tense', [], true)).filter((i) => i === 'hopeless').length, 1);
});

test('a retired body item is offered only on an entry that has it', () => {
  const body = [
    { id: 'floaty-spacey', label: 'floaty or spacey, in a good way', group: 'presence' },
    { id: 'far-away', label: 'feeling far away, floaty or not in my body', group: 'presence', retired: true },
  ];
  assert.deepEqual(offeredBody(body, new Set()).map((w) => w.id), ['floaty-spacey']);
  assert.deepEqual(offeredBody(body, new Set(['far-away'])).map((w) => w.id), ['floaty-spacey', 'far-away']);
});

test('emotion words follow the quadrant, plus Mixed and anything chosen', () => {
  const idx = indexWords({
    shipped: {
      version: 1,
      emotions: [
        { id: 'joyful', label: 'joyful', quadrant: 'bright' },
        { id: 'sad', label: 'sad', quadrant: 'heavy' },
        { id: 'raw', label: 'raw', quadrant: 'mixed' },
      ],
      contexts: [{ id: 'solo', label: 'solo', group: 'kind' }, { id: 'alcohol', label: 'alcohol', group: 'circumstance' }],
      aftercare: [], body: [], labels: [{ id: 'drop', label: 'drop' }],
    },
    own: { emotions: [{ id: 'own-1', label: 'glowy', quadrant: 'bright' }], labels: [{ id: 'own-2', label: 'mine' }] },
  });
  const ids = (list) => list.map((w) => w.id);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'bright', [], false)), ['joyful', 'own-1', 'raw']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, 'heavy', ['joyful'], false)), ['sad', 'raw', 'joyful']);
  assert.deepEqual(ids(visibleEmotions(idx.emotions, null, [], false)), ['raw']);
  assert.equal(visibleEmotions(idx.emotions, 'calm', [], true).length, 4);
  assert.deepEqual(grouped(idx.contexts).map((g) => g.group), ['kind', 'circumstance']);
  assert.equal(labelOf(idx.byId.label, 'own-2'), 'mine');
  assert.equal(labelOf(idx.byId.label, 'gone'), 'gone');
  assert.equal(choiceLabel('unsure'), "I'm not sure");
  assert.equal(timingLabel('next-day'), 'the next day');
  assert.equal(timingLabel(null), '');
  assert.equal(checkInLabel('few-hours'), 'In a few hours');
  assert.equal(checkInLabel('tomorrow'), 'Tomorrow');
});

/** An entry with no mood recorded, as an import brings it. */
const noMoodEntry = {
  id: 'imp', at: '2019-05-04T21:00:00+02:00', created: '', updated: '', quadrant: null, mood: null,
  emotions: ['tender'], labels: [], context: [], aftercareGot: [], aftercareWanted: [], body: [],
  choice: null, timing: null, follows: null, partner: null, prompt: null, text: 'From my old diary', checkIn: null,
};

test('editing an entry with no mood: no point to start with, and saving keeps mood null', () => {
  const s = stateFromEntry(noMoodEntry);
  assert.equal(s.mood, null, 'no made-up point');
  // Without saying the mood may stay empty, the form still asks for a point (as for new entries).
  assert.equal(inputFromState(s), null);
  s.text = 'From my old diary, read again';
  const i = inputFromState(s, { moodOptional: true });
  assert.equal(i.mood, null);
  assert.equal(i.text, 'From my old diary, read again');
  assert.deepEqual(i.emotions, ['tender']);
  assert.equal(i.at, noMoodEntry.at, 'an edit sends its own moment, unchanged');
  // Placing a point gives it a mood.
  s.mood = { pleasantness: 0.4, energy: -0.3 };
  assert.deepEqual(inputFromState(s, { moodOptional: true }).mood, { pleasantness: 0.4, energy: -0.3 });
});

test('a new entry still needs its point; moodOptional changes nothing for an entry with one', () => {
  assert.equal(inputFromState(emptyState()), null);
  const s = emptyState();
  s.mood = { pleasantness: -0.2, energy: 0.5 };
  assert.deepEqual(inputFromState(s, { moodOptional: true }), inputFromState(s));
});

test('a plain "when" places the moment in local time, with its offset', () => {
  const now = new Date(2026, 10, 30, 9, 15);
  const back = (/** @type {string|null} */ iso) => new Date(/** @type {string} */ (iso));
  assert.equal(momentOf('now', now), null);
  const night = back(momentOf('last-night', now));
  assert.deepEqual([night.getDate(), night.getHours(), night.getMinutes()], [29, 22, 0]);
  const earlier = back(momentOf('earlier-today', now));
  assert.equal(now.getTime() - earlier.getTime(), 3 * 3600_000);
  const small = new Date(2026, 10, 30, 1, 30);
  assert.deepEqual([back(momentOf('earlier-today', small)).getDate(), back(momentOf('earlier-today', small)).getHours()], [30, 0]);
  const ago = back(momentOf('days-ago', new Date(2026, 11, 1, 8, 0)));
  assert.deepEqual([ago.getMonth(), ago.getDate(), ago.getHours()], [10, 29, 21]);
  const iso = localIso(new Date(2026, 10, 29, 22, 5));
  assert.match(iso, /^2026-11-29T22:05:00[+-]\d\d:\d\d$/);
  assert.equal(new Date(iso).getTime(), new Date(2026, 10, 29, 22, 5).getTime());
});

test('a typed date and time becomes a moment; one to come or unreadable does not', () => {
  const now = new Date(2026, 10, 30, 9, 15);
  const at = momentAt('2026-11-28', '23:40', now);
  assert.equal(new Date(/** @type {string} */ (at)).getTime(), new Date(2026, 10, 28, 23, 40).getTime());
  assert.deepEqual(fieldsOf(/** @type {string} */ (at)), { date: '2026-11-28', time: '23:40' });
  assert.equal(new Date(/** @type {string} */ (momentAt('2026-11-28', '', now))).getHours(), 12);
  assert.equal(momentAt('2026-12-01', '10:00', now), null);
  assert.equal(momentAt('2026-02-30', '10:00', now), null);
  assert.equal(momentAt('yesterday', '10:00', now), null);
  assert.equal(momentAt('2026-11-28', '25:00', now), null);
});

test('a placed moment goes with the input; an edit sends its own', () => {
  const s = emptyState();
  s.mood = { pleasantness: 0.1, energy: 0.1 };
  s.at = '2026-11-29T22:00:00+01:00';
  assert.equal(inputFromState(s)?.at, '2026-11-29T22:00:00+01:00');
});

/** The shipped word lists, as the core reads them. */
const shipped = JSON.parse(readFileSync(new URL('../../src-tauri/core/content/words.json', import.meta.url), 'utf8'));
const ids = (list) => list.map((w) => w.id);

test('"Show all words" groups every word under its quadrant, in order, own words too', () => {
  const idx = indexWords({ shipped, own: { emotions: [{ id: 'own-1', label: 'glowy', quadrant: 'bright' }], labels: [] } });
  const all = visibleEmotions(idx.emotions, null, [], true);
  const groups = byQuadrant(all);
  assert.deepEqual(groups.map((g) => g.quadrant), ['bright', 'calm', 'tense', 'heavy', 'mixed']);
  assert.equal(groups.reduce((n, g) => n + g.items.length, 0), all.length, 'every word, once');
  for (const g of groups) for (const w of g.items) assert.equal(w.quadrant, g.quadrant, w.id);
  assert.ok(ids(groups[0].items).includes('own-1'));
  assert.ok(ids(groups[3].items).includes('tearful'));
  // A word with no quadrant counts as Mixed, and the words themselves are left as they were.
  assert.deepEqual(byQuadrant([{ id: 'x', label: 'x' }]).map((g) => g.quadrant), ['mixed']);
  assert.equal(all[0].group, undefined);
});

test('the common aftercare items are shipped ones, about eight', () => {
  const known = new Set(ids(shipped.aftercare));
  assert.ok(COMMON_AFTERCARE.length >= 6 && COMMON_AFTERCARE.length <= 8);
  for (const id of COMMON_AFTERCARE) assert.ok(known.has(id), id);
  assert.equal(new Set(COMMON_AFTERCARE).size, COMMON_AFTERCARE.length);
});

test('aftercare usage counts each entry once per item, got or wanted', () => {
  const usage = aftercareUsage([
    { aftercareGot: ['water', 'a-hug'], aftercareWanted: ['water'] },
    { aftercareGot: [], aftercareWanted: ['a-hug'] },
    { aftercareGot: null, aftercareWanted: undefined },
    {},
  ]);
  assert.deepEqual([...usage].sort(), [['a-hug', 2], ['water', 1]]);
  const more = aftercareUsage([{ aftercareGot: ['water'] }], usage);
  assert.equal(more.get('water'), 2);
  assert.equal(usage.get('water'), 1, 'the base is left as it was');
});

test('aftercare first: chosen, then most used, then common, up to n; the rest in list order', () => {
  const all = shipped.aftercare;
  const fresh = aftercareFirst(all, new Map(), COMMON_AFTERCARE, [], 8);
  assert.deepEqual(ids(fresh.first), [...COMMON_AFTERCARE], 'someone new sees the common ones');
  assert.equal(fresh.first.length + fresh.more.length, all.length);
  assert.deepEqual(ids(fresh.more), ids(all).filter((id) => !COMMON_AFTERCARE.includes(id)), 'the rest keep the list order');

  const usage = new Map([['music', 5], ['fresh-air', 2], ['water', 2], ['gone-item', 9], ['quiet', 0]]);
  const mine = aftercareFirst(all, usage, COMMON_AFTERCARE, [], 8);
  // Most used first; a tie keeps the list order (water before fresh air); unknown and unused ids are passed over.
  assert.deepEqual(ids(mine.first).slice(0, 3), ['music', 'water', 'fresh-air']);
  assert.equal(mine.first.length, 8);
  assert.ok(!ids(mine.first).includes('quiet'));
  assert.deepEqual(ids(mine.first).slice(3), ['cuddling', 'space', 'affirmation', 'debrief', 'snack']);

  // Anything chosen always shows first, even past n, and is never also under "More".
  const chosen = ['wound-care', 'safe-ride', 'toilet', 'tidying', 'journaling', 'self-hug', 'music', 'honesty', 'lightness'];
  const edit = aftercareFirst(all, usage, COMMON_AFTERCARE, new Set(chosen), 8);
  assert.equal(edit.first.length, chosen.length);
  for (const id of chosen) assert.ok(ids(edit.first).includes(id), id);
  for (const id of chosen) assert.ok(!ids(edit.more).includes(id), id);
  const one = aftercareFirst(all, usage, COMMON_AFTERCARE, ['toilet'], 4);
  assert.deepEqual(ids(one.first), ['toilet', 'music', 'water', 'fresh-air']);
  // Every item is in exactly one of the two lists.
  assert.deepEqual([...ids(one.first), ...ids(one.more)].sort(), ids(all).sort());
});

test('"I wanted more care than I got" lives in the form and is never stored', () => {
  const s = emptyState();
  assert.equal(s.wantedMore, false);
  s.mood = { pleasantness: -0.3, energy: -0.3 };
  s.wantedMore = true;
  assert.equal('wantedMore' in inputFromState(s), false);
  assert.equal(countChosen(s, 'aftercare'), 0);
  assert.equal(stateFromEntry({ ...noMoodEntry, aftercareWanted: ['a-hug'] }).wantedMore, false);
});

test('a follow-up can link to entries from the last seven days, newest first', () => {
  const now = new Date(2026, 10, 30, 9, 0);
  const at = (days, hours = 0) => localIso(new Date(now.getTime() - days * 86_400_000 - hours * 3_600_000));
  const items = [
    { id: 'a', at: at(0, 10) },
    { id: 'b', at: at(6, 23) },
    { id: 'c', at: at(7, 1) },
    { id: 'd', at: at(0, 1) },
    { id: 'e', at: localIso(new Date(now.getTime() + 3_600_000)) },
    { id: 'f', at: 'not a date' },
  ];
  assert.deepEqual(ids(followCandidates(items, now)), ['d', 'a', 'b']);
  assert.deepEqual(ids(followCandidates(items, now, 1)), ['d', 'a']);
  assert.deepEqual(followCandidates([], now), []);
});
