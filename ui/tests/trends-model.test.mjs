import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  periodFrom, signed, listText, nonZero, dayMoodText, dayTitle, moodWithSentence, meanNumber,
  aftercareSentence, tooFewSentence, wantedSentence, laterSentence, laterNumbers, meanWords, intervalText,
  MIN_COMPARE,
} from '../js/trends-model.js';

/** "Tue 3 March" in the computer's own language, worked out here with Intl (dates are days, so UTC). */
const TUE_3_MARCH = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' })
  .format(Date.UTC(2026, 2, 3));

const mm = (count, pleasantness, energy = 0) => ({ count, pleasantness, energy });

test('periods end today', () => {
  assert.equal(periodFrom('week', '2026-11-28'), '2026-11-22');
  assert.equal(periodFrom('month', '2026-11-28'), '2026-10-30');
  assert.equal(periodFrom('year', '2026-11-28'), '2025-11-29');
  assert.equal(periodFrom('year', '2024-12-31'), '2024-01-02'); // 2024 has a leap day
  assert.equal(periodFrom('all', '2026-11-28'), null);
});

test('signed numbers use a real minus sign', () => {
  assert.equal(signed(0.399), '+0.40');
  assert.equal(signed(-0.331), '−0.33');
  assert.equal(signed(0.001), '0.00');
  assert.equal(signed(-0.004), '0.00');
});

test('lists and quadrant counts', () => {
  assert.equal(listText([]), '');
  assert.equal(listText(['a']), 'a');
  assert.equal(listText(['a', 'b', 'c']), 'a, b and c');
  // Most first, ties in quadrant order, none of the empty ones.
  assert.deepEqual(nonZero([['bright', 1], ['calm', 2], ['tense', 0], ['heavy', 1], ['mixed', 0]]),
    [['calm', 2], ['bright', 1], ['heavy', 1]]);
});

test('a day with several entries reads honestly', () => {
  assert.equal(dayMoodText({ count: 1, quadrants: ['heavy'], main: 'heavy' }), '1 entry, Heavy');
  assert.equal(dayMoodText({ count: 2, quadrants: ['calm', 'calm'], main: 'calm' }), '2 entries, both Calm');
  assert.equal(dayMoodText({ count: 3, quadrants: ['heavy', 'calm', 'heavy'], main: 'heavy' }), '3 entries, mostly Heavy');
  assert.equal(dayMoodText({ count: 2, quadrants: ['heavy', 'calm'], main: 'calm' }), '2 entries, Calm and Heavy');
  assert.equal(dayTitle({ date: '2026-03-03', count: 3, quadrants: ['heavy', 'heavy', 'tense'], main: 'heavy' }, 2026),
    `${TUE_3_MARCH}: 3 entries, mostly Heavy`);
});

test('contexts are described, not judged; the mean is apart, for "Show the numbers"', () => {
  assert.equal(moodWithSentence('solo / self-pleasure', mm(38, 0.363)),
    'Solo / self-pleasure: 38 entries, on average slightly pleasant');
  assert.equal(meanNumber(mm(38, -0.363)), 'mean −0.36');
  assert.equal(meanWords({ pleasantness: 0.2, energy: -0.5 }), 'slightly pleasant, low energy');
});

/** An aftercare item as the core sends it. */
const item = (got, notGot, verdict, low = null, high = null) => ({
  id: 'cuddling', got, notGot, shown: true, wanted: 7, wantedNotGot: 4,
  pattern: { difference: Math.round((got.pleasantness - notGot.pleasantness) * 1000) / 1000, low, high, verdict },
});

test('aftercare: the core\'s verdict picks the words; counts always, means and interval apart', () => {
  // The case from the issue: +0.41 (54) against +0.29 (125) is not a pattern.
  const same = aftercareSentence('cuddling or being held', item(mm(54, 0.41), mm(125, 0.29), 'same', -0.042, 0.282));
  assert.equal(same.direction, 'same');
  assert.equal(same.lead, 'Cuddling or being held: about the same with or without it, as far as these entries show');
  assert.equal(same.counts, '54 entries with it, 125 without');
  assert.equal(same.numbers, 'On average +0.41 with it and +0.29 without: a difference of +0.12 (95% interval −0.04 to +0.28)');
  assert.doesNotMatch(`${same.lead} ${same.counts}`, /\d\.\d|mean|score/);

  const better = aftercareSentence('cuddling or being held', item(mm(60, 0.5), mm(60, -0.1), 'better', 0.42, 0.78));
  assert.equal(better.direction, 'better');
  assert.equal(better.lead, 'Cuddling or being held tends to go with feeling better afterwards');
  assert.match(aftercareSentence('words of affirmation', item(mm(60, 0.5), mm(60, -0.1), 'better')).lead,
    /^Words of affirmation tend to go with feeling better/);
  // A difference the old rule (0.1 apart) called better: now only the verdict counts.
  assert.equal(aftercareSentence('water', item(mm(54, 0.41), mm(125, 0.29), 'same')).direction, 'same');

  const lower = aftercareSentence('quiet', item(mm(30, -0.4), mm(30, 0.3), 'lower', -0.86, -0.54));
  assert.equal(lower.direction, 'lower');
  assert.equal(lower.lead, 'Quiet has gone with somewhat less pleasant moods so far');
  assert.doesNotMatch(lower.lead, /cause|because|worse|bad/i);

  // Without a verdict (or an interval), nothing is called a pattern.
  const { pattern, ...old } = item(mm(60, 0.5), mm(60, -0.1), 'better');
  assert.equal(aftercareSentence('a hug', /** @type {any} */ (old)).direction, 'same');
  assert.equal(aftercareSentence('a hug', item(mm(60, 0.5), mm(60, -0.1), 'better')).numbers,
    'On average +0.50 with it and −0.10 without: a difference of +0.60');
  assert.equal(tooFewSentence('a hug', item(mm(1, 0.5), mm(20, 0.2), 'same')), 'A hug: 1 with it and 20 without');
  assert.equal(MIN_COMPARE, 5);
});

test('an interval reads as a range', () => {
  assert.equal(intervalText({ low: -0.042, high: 0.282 }), '−0.04 to +0.28');
  assert.equal(intervalText({ low: null, high: null }), '');
  assert.equal(intervalText(undefined), '');
});

test('wanted needs are plain counts, not a score', () => {
  const a = (wanted, wantedNotGot) => ({ id: 'x', got: mm(0, 0), notGot: mm(0, 0), shown: false, wanted, wantedNotGot });
  const cases = [
    ['reassurance', 18, 18, 'Reassurance: wanted 18 times; getting it wasn\'t noted those times'],
    ['a hug', 1, 1, 'A hug: wanted once; getting it wasn\'t noted that time'],
    ['a hug', 1, 0, 'A hug: wanted once, and you noted getting it'],
    ['a hug', 2, 1, 'A hug: wanted twice, and you noted getting it once'],
    ['a hug', 2, 0, 'A hug: wanted twice, and you noted getting it both times'],
    ['water', 7, 0, 'Water: wanted 7 times, and you noted getting it each time'],
    ['water', 7, 4, 'Water: wanted 7 times, and you noted getting it 3 of those times'],
  ];
  for (const [label, wanted, notGot, words] of cases) {
    assert.equal(wantedSentence(label, a(wanted, notGot)), words);
    assert.doesNotMatch(words, /received| 0 /);
  }
});

test('right after versus later, with the numbers apart', () => {
  assert.equal(laterSentence({ pairs: 0, pleasantnessChange: 0, energyChange: 0 }), '');
  assert.equal(laterSentence({ pairs: 15, pleasantnessChange: 0.435, energyChange: -0.331 }),
    'Across 15 follow-ups, the later entry was on average more pleasant and lower in energy, compared with the one it followed.');
  assert.equal(laterNumbers({ pairs: 15, pleasantnessChange: 0.435, energyChange: -0.331 }),
    'Change on average: pleasantness +0.44, energy −0.33.');
  assert.equal(laterSentence({ pairs: 1, pleasantnessChange: -0.3, energyChange: 0.01 }),
    'In 1 follow-up, the later entry was less pleasant and about the same in energy, compared with the one it followed.');
  assert.equal(laterNumbers({ pairs: 1, pleasantnessChange: -0.3, energyChange: 0.01 }),
    'Change: pleasantness −0.30, energy +0.01.');
  assert.equal(laterNumbers({ pairs: 0, pleasantnessChange: 0, energyChange: 0 }), '');
});

test('entries without a mood: counted apart in one quiet line, in frequencies, never in a mean', async () => {
  const { timesOf, withoutMoodText } = await import('../js/trends-model.js');
  assert.equal(withoutMoodText(0), '');
  assert.equal(withoutMoodText(undefined), '');
  assert.equal(withoutMoodText(1), '1 entry without a mood isn’t in these figures.');
  assert.equal(withoutMoodText(40), '40 entries without a mood aren’t in these figures.');
  // How often a context came up counts them; the average is of the entries with a mood.
  assert.equal(timesOf({ ...mm(38, 0.363), noMood: 2 }), 40);
  assert.equal(timesOf(mm(38, 0.363)), 38, 'a shape without noMood reads as none');
  assert.equal(moodWithSentence('solo / self-pleasure', { ...mm(38, 0.363), noMood: 2 }),
    'Solo / self-pleasure: 40 entries, on average slightly pleasant');
  // Only entries without a mood: no average is made up.
  assert.equal(moodWithSentence('drop', { ...mm(0, 0), noMood: 3 }), 'Drop: 3 entries, no mood recorded');
});

test('calendar days with entries that have no mood say so', () => {
  assert.equal(dayMoodText({ count: 1, noMood: 1, quadrants: [], main: null }), '1 entry, no mood recorded');
  assert.equal(dayMoodText({ count: 3, noMood: 3, quadrants: [], main: null }), '3 entries, no mood recorded');
  assert.equal(dayMoodText({ count: 2, noMood: 1, quadrants: ['calm'], main: 'calm' }), '2 entries, 1 Calm, and 1 without a mood');
  assert.equal(dayMoodText({ count: 3, noMood: 1, quadrants: ['heavy', 'heavy'], main: 'heavy' }),
    '3 entries, 2 Heavy, and 1 without a mood');
  assert.equal(dayMoodText({ count: 5, noMood: 1, quadrants: ['heavy', 'calm', 'heavy', 'heavy'], main: 'heavy' }),
    '5 entries, mostly Heavy, and 1 without a mood');
  assert.equal(dayMoodText({ count: 4, noMood: 2, quadrants: ['heavy', 'calm'], main: 'calm' }),
    '4 entries, Calm and Heavy, and 2 without a mood');
  assert.equal(dayTitle({ date: '2026-03-03', count: 2, noMood: 2, quadrants: [], main: null }, 2026),
    `${TUE_3_MARCH}: 2 entries, no mood recorded`);
  // A day where every entry has a mood reads exactly as before.
  assert.equal(dayMoodText({ count: 2, noMood: 0, quadrants: ['calm', 'calm'], main: 'calm' }), '2 entries, both Calm');
});
