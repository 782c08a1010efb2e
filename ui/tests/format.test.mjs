import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayHeading, timeOf, groupByDay, firstLine,
  matchesLastGroup, keyGroups, plural,
} from '../js/format.js';

test('day headings and times are written by the locale (pinned here to British English)', () => {
  const now = new Date(2026, 10, 30, 12, 0);
  assert.equal(dayHeading(new Date(2026, 10, 28, 21, 5), now, 'en-GB'), 'Saturday 28 November');
  // Another year: the year is added.
  assert.match(dayHeading(new Date(2025, 0, 3, 9, 0), now, 'en-GB'), /^Friday,? 3 January 2025$/);
  assert.equal(timeOf(new Date(2026, 1, 4, 7, 3), 'en-GB'), '07:03');
  assert.equal(timeOf(new Date(2026, 1, 4, 19, 45), 'en-GB'), '19:45');
  assert.equal(groupByDay([{ at: new Date(2026, 1, 4, 23, 59).toISOString() }])[0].key, '2026-02-04');
});

test('other locales get their own words and clocks', () => {
  const now = new Date(2026, 10, 30, 12, 0);
  assert.match(dayHeading(new Date(2026, 10, 28, 21, 5), now, 'de-DE'), /^Samstag,? 28\. November$/);
  assert.equal(dayHeading(new Date(2026, 10, 28, 21, 5), now, 'fr-FR'), 'samedi 28 novembre');
  assert.match(dayHeading(new Date(2026, 10, 28, 21, 5), now, 'en-US'), /^Saturday, November 28$/);
  assert.match(timeOf(new Date(2026, 1, 4, 19, 45), 'en-US'), /^7:45\sPM$/);
  assert.equal(timeOf(new Date(2026, 1, 4, 19, 45), 'de-DE'), '19:45');
});

test('with no locale named, the computer’s own is used', () => {
  const d = new Date(2026, 10, 28, 21, 5);
  const now = new Date(2026, 10, 30, 12, 0);
  const own = (o) => new Intl.DateTimeFormat(undefined, o).format(d);
  assert.equal(dayHeading(d, now), own({ weekday: 'long', day: 'numeric', month: 'long' }));
  assert.equal(dayHeading(d, new Date(2027, 0, 1)), own({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  assert.equal(timeOf(d), own({ timeStyle: 'short' }));
  assert.equal(dayHeading(new Date('nonsense'), now), 'Date not known');
  assert.equal(timeOf(new Date('nonsense')), '');
});

test('entries are grouped by local day, in order', () => {
  const mk = (d, h) => ({ at: new Date(2026, 10, d, h, 0).toISOString() });
  const groups = groupByDay([mk(28, 22), mk(28, 8), mk(27, 23), mk(20, 1)], new Date(2026, 10, 30), 'en-GB');
  assert.deepEqual(groups.map((g) => g.items.length), [2, 1, 1]);
  assert.equal(groups[0].heading, 'Saturday 28 November');
  assert.equal(groups[1].heading, 'Friday 27 November');
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
