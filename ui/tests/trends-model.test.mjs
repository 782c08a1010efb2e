import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  periodFrom, signed, listText, nonZero, dayMoodText, dayTitle, moodWithSentence,
  aftercareSentence, tooFewSentence, wantedSentence, laterSentence, meanWords,
} from '../js/trends-model.js';

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
    'Tue 3 March: 3 entries, mostly Heavy');
});

test('contexts are described, not judged', () => {
  assert.equal(moodWithSentence('solo / self-pleasure', mm(38, 0.363)),
    'Solo / self-pleasure: 38 entries, on average slightly pleasant (mean +0.36)');
  assert.equal(meanWords({ pleasantness: 0.2, energy: -0.5 }), 'slightly pleasant, low energy');
});

test('aftercare: "tends to go with", with the sample sizes', () => {
  const a = { id: 'cuddling', got: mm(52, 0.399), notGot: mm(115, 0.277), shown: true, wanted: 7, wantedNotGot: 4 };
  const t = aftercareSentence('cuddling or being held', a);
  assert.equal(t.direction, 'better');
  assert.equal(`${t.lead}: ${t.numbers}`,
    'Cuddling or being held tends to go with feeling better afterwards: +0.40 with it (52 entries) vs +0.28 without (115)');
  assert.match(aftercareSentence('words of affirmation', a).lead, /^Words of affirmation tend to go with/);
  assert.equal(aftercareSentence('water', { ...a, got: mm(48, 0.356), notGot: mm(119, 0.298) }).direction, 'same');
  const lower = aftercareSentence('quiet', { ...a, got: mm(5, -0.2), notGot: mm(40, 0.3) });
  assert.equal(lower.direction, 'lower');
  assert.doesNotMatch(lower.lead, /cause|because|worse|bad/i);
  assert.equal(tooFewSentence('a hug', { ...a, got: mm(1, 0.5), notGot: mm(20, 0.2) }), 'A hug: 1 with it and 20 without');
});

test('wanted but not there is worded gently', () => {
  const a = (wanted, wantedNotGot) => ({ id: 'x', got: mm(0, 0), notGot: mm(0, 0), shown: false, wanted, wantedNotGot });
  assert.equal(wantedSentence('reassurance', a(18, 18)), 'Reassurance: wanted 18 times, received 0 of those times');
  assert.equal(wantedSentence('a hug', a(2, 1)), 'A hug: wanted twice, received 1 of those times');
  assert.equal(wantedSentence('a hug', a(1, 1)), 'A hug: wanted once, not received that time');
  assert.equal(wantedSentence('a hug', a(1, 0)), 'A hug: wanted once, and received that time');
});

test('right after versus later', () => {
  assert.equal(laterSentence({ pairs: 0, pleasantnessChange: 0, energyChange: 0 }), '');
  assert.equal(laterSentence({ pairs: 15, pleasantnessChange: 0.435, energyChange: -0.331 }),
    'Across 15 follow-ups, the later entry was on average more pleasant (+0.44) and lower in energy (−0.33), compared with the one it followed.');
  assert.equal(laterSentence({ pairs: 1, pleasantnessChange: -0.3, energyChange: 0.01 }),
    'In 1 follow-up, the later entry was less pleasant (−0.30) and about the same in energy, compared with the one it followed.');
});
