import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayHeading, timeOf, groupByDay, firstLine, passphraseHint,
  matchesLastGroup, keyGroups, plural,
} from '../js/format.js';

test('day headings read like "Saturday 28 November"', () => {
  const now = new Date(2026, 10, 30, 12, 0);
  assert.equal(dayHeading(new Date(2026, 10, 28, 21, 5), now), 'Saturday 28 November');
  assert.equal(dayHeading(new Date(2025, 0, 3, 9, 0), now), 'Friday 3 January 2025');
  assert.equal(groupByDay([{ at: new Date(2026, 1, 4, 23, 59).toISOString() }])[0].key, '2026-02-04');
  assert.equal(timeOf(new Date(2026, 1, 4, 7, 3)), '07:03');
});

test('entries are grouped by local day, in order', () => {
  const mk = (d, h) => ({ at: new Date(2026, 10, d, h, 0).toISOString() });
  const groups = groupByDay([mk(28, 22), mk(28, 8), mk(27, 23), mk(20, 1)], new Date(2026, 10, 30));
  assert.deepEqual(groups.map((g) => g.items.length), [2, 1, 1]);
  assert.equal(groups[0].heading, 'Saturday 28 November');
  assert.equal(groupByDay([{ at: 'nonsense' }])[0].heading, 'Date not known');
});

test('first line skips blank lines and shortens gently', () => {
  assert.equal(firstLine('\n\n  hello there\nsecond'), 'hello there');
  assert.equal(firstLine(''), '');
  const long = 'word '.repeat(60);
  const out = firstLine(long, 40);
  assert.ok(out.length <= 41);
  assert.ok(out.endsWith('…'));
});

test('passphrase hints grow with length and variety, never block', () => {
  assert.equal(passphraseHint('').level, 'empty');
  assert.equal(passphraseHint('abc').level, 'short');
  assert.equal(passphraseHint('correcthorse').level, 'okay');
  assert.equal(passphraseHint('quiet river under lamps').level, 'strong');
  for (const p of ['', 'a', 'correct horse battery staple']) {
    assert.doesNotMatch(passphraseHint(p).text, /!|must|should/);
  }
});

test('the last group check ignores case and look-alike letters', () => {
  const key = '0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-000D-SWPT';
  assert.equal(keyGroups(key).length, 14);
  assert.ok(matchesLastGroup(key, 'SWPT'));
  assert.ok(matchesLastGroup(key, ' swpt '));
  assert.ok(!matchesLastGroup(key, 'SWP'));
  assert.ok(!matchesLastGroup(key, '000D'));
  assert.ok(matchesLastGroup('AAAA-B0L1', 'bol1'));
  assert.ok(!matchesLastGroup('', ''));
});

test('plural', () => {
  assert.equal(plural(1, 'record'), '1 record');
  assert.equal(plural(3, 'record'), '3 records');
});
