import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayNumber, addDays, daysBetween, weekday, weekStart, dayLabel, rangeText, localDay, weekdayNames, dayText,
} from '../js/charts/days.js';
import {
  linear, calendarLayout, timeTicks, bucketCentre, segments,
} from '../js/charts/layout.js';
import { glyph, glyphPieces, mergedGlyphs } from '../js/charts/svg.js';

/** Just enough of the DOM for js/charts/svg.js to build elements these tests can read. */
class FakeNode {}
class FakeElement extends FakeNode {
  /** @param {string} tag */
  constructor(tag) { super(); this.tag = tag; this.attrs = {}; this.children = []; }
  setAttribute(k, v) { this.attrs[k] = v; }
  appendChild(c) { this.children.push(c); return c; }
}
globalThis.Node = FakeNode;
globalThis.document = { createElementNS: (_ns, tag) => new FakeElement(tag), createTextNode: () => new FakeNode() };
/** The pieces of a drawn shape: its child elements' tags and attributes. */
const pieces = (g) => g.children.map((c) => ({ tag: c.tag, attrs: c.attrs }));

test('day arithmetic is plain counting, leap days included', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-02-28', 2), '2024-03-01');
  assert.equal(addDays('2023-02-28', 1), '2023-03-01');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
  assert.equal(daysBetween('2025-01-01', '2026-01-01'), 365);
  // Across a daylight-saving change (Europe, last Sunday of March) nothing shifts.
  assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  assert.equal(localDay(new Date(2026, 2, 29, 23, 30)), '2026-03-29');
});

test('weeks start on Monday', () => {
  assert.equal(weekday('2026-11-30'), 0); // Monday
  assert.equal(weekday('2026-11-28'), 5); // Saturday
  assert.equal(weekday('2026-03-01'), 6); // Sunday
  assert.equal(weekday('1970-01-01'), 3); // Thursday
  assert.equal(weekStart('2026-01-01'), '2025-12-29');
  assert.equal(weekStart('2026-11-30'), '2026-11-30');
});

test('day labels and ranges read plainly (pinned to British English)', () => {
  const GB = 'en-GB';
  assert.equal(dayLabel('2026-03-03', 2026, GB), 'Tue 3 March');
  assert.match(dayLabel('2025-12-31', 2026, GB), /^Wed,? 31 December 2025$/);
  assert.equal(rangeText('2026-03-01', '2026-03-30', 2026, GB), '1 March to 30 March');
  assert.equal(rangeText('2025-11-30', '2026-11-28', 2026, GB), '30 November 2025 to 28 November 2026');
  assert.equal(rangeText('2026-05-04', '2026-05-04', 2026, GB), '4 May');
  assert.equal(rangeText('2025-05-01', '2025-05-30', 2026, GB), '1 May 2025 to 30 May 2025');
  assert.deepEqual(weekdayNames(GB), ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
});

test('day names follow the locale, and no time zone moves a day', () => {
  assert.match(dayLabel('2026-03-03', 2026, 'de-DE'), /^Di\.?,? 3\. März$/);
  assert.equal(rangeText('2026-03-01', '2026-03-30', 2026, 'fr-FR'), '1 mars to 30 mars');
  assert.deepEqual(weekdayNames('de-DE').slice(0, 2), ['Mo', 'Di']);
  // Written in UTC from midnight UTC: the first and last days of a year stay themselves.
  assert.equal(dayText('2026-01-01', { day: 'numeric', month: 'long', year: 'numeric' }, 'en-GB'), '1 January 2026');
  assert.equal(dayText('2025-12-31', { day: 'numeric', month: 'long', year: 'numeric' }, 'en-GB'), '31 December 2025');
  // With no locale named, the computer's own is used.
  const own = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' });
  assert.equal(dayLabel('2026-03-03', 2026), own.format(Date.UTC(2026, 2, 3)));
});

test('linear scales map ends to ends', () => {
  const y = linear([-1, 1], [200, 0]);
  assert.equal(y(-1), 200);
  assert.equal(y(1), 0);
  assert.equal(y(0), 100);
  assert.equal(linear([3, 3], [0, 10])(3), 5);
});

test('calendar mode follows the length of the period', () => {
  assert.equal(calendarLayout('2026-11-22', '2026-11-28').mode, 'strip');
  assert.equal(calendarLayout('2026-10-30', '2026-11-28').mode, 'rows');
  assert.equal(calendarLayout('2025-11-29', '2026-11-28').mode, 'columns');
});

test('year calendar: weeks as columns, chained across the new year', () => {
  const l = calendarLayout('2025-12-25', '2026-01-10', 'columns', 'en-GB');
  assert.equal(l.rows, 7);
  assert.equal(l.cells.length, 17);
  const at = (d) => l.cells.find((c) => c.date === d);
  // Thu 25 Dec 2025 sits in the first column, on the Thursday row.
  assert.deepEqual(at('2025-12-25'), { date: '2025-12-25', col: 0, row: 3 });
  // Wed 31 Dec and Thu 1 Jan share a column: no break at the year boundary.
  assert.equal(at('2025-12-31').col, at('2026-01-01').col);
  assert.equal(at('2026-01-01').row, 3);
  assert.deepEqual(at('2026-01-05'), { date: '2026-01-05', col: 2, row: 0 });
  assert.equal(l.cols, 3);
  // Every day appears once, in order, and no two days share a cell.
  const seen = new Set(l.cells.map((c) => `${c.col}:${c.row}`));
  assert.equal(seen.size, l.cells.length);
  // January is named with its year; the crowded partial December is dropped.
  assert.deepEqual(l.months, [{ at: 1, label: 'Jan', year: 2026 }]);
  assert.match(calendarLayout('2025-12-25', '2026-01-10', 'columns', 'de-DE').months[0].label, /^Jan\.?$/);
});

test('year calendar over a whole year, with a leap day', () => {
  const l = calendarLayout('2024-01-01', '2024-12-31', 'columns', 'en-GB');
  assert.equal(l.cells.length, 366);
  const leap = l.cells.find((c) => c.date === '2024-02-29');
  assert.ok(leap);
  assert.equal(leap.row, 3); // a Thursday
  const next = l.cells.find((c) => c.date === '2024-03-01');
  assert.equal(next.col, leap.col);
  assert.equal(next.row, 4);
  // 1 Jan 2024 was a Monday, so 31 Dec (a Tuesday) starts column 52 and there are 53 columns.
  assert.equal(l.cols, 53);
  assert.equal(l.months.length, 12);
  assert.deepEqual(l.months[0], { at: 0, label: 'Jan', year: 2024 });
  assert.equal(l.months[1].label, 'Feb');
  assert.equal(l.months[1].year, null);
  // The last 365 days ending on a Saturday never need more than 54 columns.
  assert.ok(calendarLayout('2025-11-29', '2026-11-28').cols <= 54);
});

test('month calendar: weeks as rows, Monday first', () => {
  const l = calendarLayout('2026-10-30', '2026-11-28', 'rows');
  assert.equal(l.cols, 7);
  assert.equal(l.cells[0].col, 4); // Friday
  assert.equal(l.cells[0].row, 0);
  const nov2 = l.cells.find((c) => c.date === '2026-11-02');
  assert.deepEqual(nov2, { date: '2026-11-02', col: 0, row: 1 });
  assert.equal(l.rows, 5);
});

test('week strip: one row, one column per day', () => {
  const l = calendarLayout('2026-11-22', '2026-11-28', 'strip');
  assert.equal(l.rows, 1);
  assert.equal(l.cols, 7);
  assert.deepEqual(l.cells.map((c) => c.col), [0, 1, 2, 3, 4, 5, 6]);
});

test('time ticks suit the span (pinned to British English)', () => {
  assert.deepEqual(timeTicks('2026-11-22', '2026-11-28', 'en-GB').map((t) => t.label),
    ['Sun 22', 'Mon 23', 'Tue 24', 'Wed 25', 'Thu 26', 'Fri 27', 'Sat 28']);
  assert.deepEqual(timeTicks('2026-10-30', '2026-11-28', 'en-GB').map((t) => t.label), ['2 Nov', '9 Nov', '16 Nov', '23 Nov']);
  const year = timeTicks('2025-11-29', '2026-11-28', 'en-GB').map((t) => t.label);
  assert.equal(year.length, 12);
  assert.equal(year[0], 'Dec');
  assert.equal(year[1], 'Jan 2026');
  const long = timeTicks('2023-06-01', '2026-11-28', 'en-GB').map((t) => t.label);
  assert.ok(long.includes('2024'));
  assert.ok(!long.includes('Feb'));
});

test('buckets: sizes and centres inside the period', () => {
  // A bucket wholly inside the period is centred on its middle: half its length in.
  const half = (start, bucket) => bucketCentre(start, bucket, '2024-01-01', '2026-12-31') - dayNumber(start);
  assert.equal(half('2024-02-01', 'month'), 29 / 2);
  assert.equal(half('2025-02-01', 'month'), 28 / 2);
  assert.equal(half('2025-12-01', 'month'), 31 / 2);
  assert.equal(half('2026-11-23', 'week'), 7 / 2);
  // A whole week inside the period is centred mid-week.
  assert.equal(bucketCentre('2026-11-02', 'week', '2026-10-01', '2026-11-28'), dayNumber('2026-11-02') + 3.5);
  // A week that began before the period is centred on the days shown.
  assert.equal(bucketCentre('2025-11-24', 'week', '2025-11-29', '2026-11-28'), dayNumber('2025-11-29') + 1);
  assert.equal(bucketCentre('2026-11-28', 'day', '2026-11-22', '2026-11-28'), dayNumber('2026-11-28') + 0.5);
});

test('the smoothed line breaks over long quiet stretches only', () => {
  const pts = ['2026-01-01', '2026-01-03', '2026-01-10', '2026-01-20', '2026-01-21'].map((start) => ({ start }));
  assert.deepEqual(segments(pts, 'day').map((r) => r.map((p) => p.start)),
    [['2026-01-01', '2026-01-03', '2026-01-10'], ['2026-01-20', '2026-01-21']]);
  const weeks = ['2026-01-05', '2026-01-12', '2026-02-02', '2026-03-02'].map((start) => ({ start }));
  assert.deepEqual(segments(weeks, 'week').map((r) => r.length), [3, 1]);
  assert.deepEqual(segments([], 'month'), []);
});

test('every quadrant has a shape', () => {
  for (const q of ['bright', 'calm', 'tense', 'heavy', 'mixed']) {
    const g = glyph(q, 10, 10, 10);
    assert.equal(g.attrs.class, `glyph glyph-${q}`);
    const parts = pieces(g);
    assert.ok(parts.length >= 1, q);
    assert.ok(parts.some((p) => p.attrs.class === 'g-fill'), q);
  }
  assert.notDeepEqual(pieces(glyph('calm', 0, 0, 10)), pieces(glyph('heavy', 0, 0, 10)));
});

test('bare pieces are the shape\'s own pieces, each with a class for its colour', () => {
  const css = readFileSync(new URL('../css/charts.css', import.meta.url), 'utf8');
  for (const q of ['bright', 'calm', 'tense', 'heavy', 'mixed']) {
    const bare = glyphPieces(q, 10, 20, 9);
    const grouped = pieces(glyph(q, 10, 20, 9));
    assert.equal(bare.length, grouped.length, q);
    bare.forEach((p, i) => {
      const kind = grouped[i].attrs.class;
      assert.equal(p.attrs.class, `${kind} ${kind}-${q}`);
      assert.deepEqual({ ...p.attrs, class: kind }, grouped[i].attrs);
      // Each piece's colour class is in the stylesheet, or the piece would draw black.
      assert.match(css, new RegExp(`\\.${kind}-${q} \\{ ${kind === 'g-fill' ? 'fill' : 'stroke'}: var\\(--q-${q}-ink\\); \\}`), `${kind}-${q}`);
    });
  }
});

test('merged shapes: one filled (and outlined) path per quadrant, one piece per item', () => {
  const items = [
    { quadrant: 'bright', x: 5, y: 5 }, { quadrant: 'tense', x: 17, y: 5 },
    { quadrant: 'bright', x: 29, y: 5 }, { quadrant: 'mixed', x: 41, y: 5 },
  ];
  const groups = mergedGlyphs(items, 7);
  assert.deepEqual(groups.map((g) => g.attrs.class), ['glyph glyph-bright', 'glyph glyph-tense', 'glyph glyph-mixed']);
  /** The d of a group's piece of one class (fill or line), or undefined when it has none. */
  const piece = (g, cls) => pieces(g).find((p) => p.attrs.class === cls)?.attrs;
  const [bright, tense, mixed] = groups;
  assert.equal((piece(bright, 'g-fill').d.match(/M/g) ?? []).length, 2);
  assert.equal((piece(bright, 'g-line').d.match(/M/g) ?? []).length, 2);
  assert.equal(piece(bright, 'g-line')['stroke-width'], piece(glyph('bright', 0, 0, 7), 'g-line')['stroke-width']);
  assert.equal(piece(tense, 'g-fill').d, piece(glyph('tense', 17, 5, 7), 'g-fill').d);
  assert.equal(piece(tense, 'g-line'), undefined);
  assert.ok(piece(mixed, 'g-line').d.length > 0);
  assert.equal(mergedGlyphs([], 7).length, 0);
});

test('the mood map finds the dot nearest the pointer, the one on top on a tie, none out of reach', async () => {
  const { nearest } = await import('../js/charts/mood-map.js');
  const places = [[10, 10], [20, 20], [10, 10], [40, 40]];
  assert.equal(nearest(places, 11, 11, 6), 2, 'the later of two at one place is drawn on top');
  assert.equal(nearest(places, 19, 21, 6), 1);
  assert.equal(nearest(places, 30, 30, 6), -1, 'nothing within reach');
  assert.equal(nearest([], 0, 0, 6), -1);
});

test('a day number gives the same day, parts and weekday as the day arithmetic, either side of 1970', async () => {
  const { dayOf } = await import('../js/charts/days.js');
  for (const start of ['1969-12-20', '2024-02-20', '2099-12-25']) {
    for (let i = 0; i < 20; i += 1) {
      const date = addDays(start, i);
      const p = dayOf(dayNumber(date));
      const [y, m, d] = date.split('-').map(Number);
      assert.deepEqual(p, { date, year: y, month: m, day: d, weekday: weekday(date) });
    }
  }
  assert.deepEqual(dayOf(0), { date: '1970-01-01', year: 1970, month: 1, day: 1, weekday: 3 }, 'a Thursday');
  assert.deepEqual(dayOf(-1), { date: '1969-12-31', year: 1969, month: 12, day: 31, weekday: 2 });
  assert.equal(dayOf(dayNumber('2024-02-28') + 1).date, '2024-02-29');
  assert.equal(dayOf(dayNumber('2026-11-30')).weekday, 0, 'a Monday');
});
