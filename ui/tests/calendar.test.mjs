// The calendar with days whose entries have no mood recorded (imported ones): they show as days
// with entries, with no colour or shape, and the words say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** Just enough of the DOM for the calendar chart: elements, SVG elements and text. */
class FakeNode {}
class FakeText extends FakeNode {
  /** @param {string} t */
  constructor(t) { super(); this.text = t; }
}
class FakeElement extends FakeNode {
  /** @param {string} tag */
  constructor(tag) {
    super();
    this.tag = tag; this.attrs = {}; this.children = []; this.listeners = {}; this.dataset = {};
    this.className = ''; this.ownText = ''; this.isConnected = true;
  }
  setAttribute(k, v) { if (k === 'class') this.className = String(v); else this.attrs[k] = String(v); }
  getAttribute(k) { return k === 'class' ? this.className : (this.attrs[k] ?? null); }
  hasAttribute(k) { return k in this.attrs; }
  appendChild(c) { this.children.push(c); return c; }
  addEventListener(type, f) { (this.listeners[type] ??= []).push(f); }
  get firstChild() { return this.children[0] ?? null; }
  set textContent(t) { this.ownText = t; this.children = []; }
  get textContent() {
    return this.ownText + this.children.map((c) => (c instanceof FakeText ? c.text : c.textContent ?? '')).join('');
  }
  get classes() { return `${this.className} ${this.attrs.class ?? ''}`.trim().split(/\s+/); }
}
globalThis.Node = FakeNode;
globalThis.requestAnimationFrame = (f) => setTimeout(f, 0);
globalThis.document = {
  createElement: (tag) => new FakeElement(tag),
  createElementNS: (_ns, tag) => new FakeElement(tag),
  createTextNode: (t) => new FakeText(String(t)),
};

const { calendarChart } = await import('../js/charts/calendar.js');

/** Every element under `el`, itself included. */
function all(el) {
  const out = [el];
  for (const c of el.children) if (c instanceof FakeElement) out.push(...all(c));
  return out;
}

const days = [
  { date: '2026-11-23', count: 1, noMood: 0, quadrants: ['heavy'], main: 'heavy' },
  { date: '2026-11-24', count: 2, noMood: 2, quadrants: [], main: null },
  { date: '2026-11-25', count: 2, noMood: 1, quadrants: ['calm'], main: 'calm' },
];

test('a week: a day of entries without a mood is a plain day with entries, no shape', () => {
  const fig = calendarChart({ from: '2026-11-22', to: '2026-11-28', days, thisYear: 2026 });
  const els = all(fig);
  const cell = (date) => els.find((e) => e.tag === 'rect' && e.attrs['data-date'] === date);
  const group = (date) => els.find((e) => e.tag === 'g' && e.children.includes(cell(date)));
  assert.equal(cell('2026-11-24').attrs['data-quadrant'], 'none');
  assert.equal(cell('2026-11-24').attrs['data-count'], '2');
  assert.ok(group('2026-11-24').classes.includes('has-entries'));
  assert.ok(group('2026-11-24').classes.includes('q-none'));
  const shapes = (g) => all(g).filter((e) => e.classes.includes('cal-glyph'));
  assert.equal(shapes(group('2026-11-24')).length, 0, 'no shape, so no made-up mood');
  assert.equal(shapes(group('2026-11-23')).length, 1);
  assert.ok(group('2026-11-25').classes.includes('q-calm'), 'a day with both keeps the main mood of its moods');

  const svg = els.find((e) => e.tag === 'svg');
  assert.equal(svg.attrs['aria-label'],
    'Calendar: 5 entries on 3 days. Days by their main mood: Calm 1 and Heavy 1. 1 day with no mood recorded. Other days are blank.');
  const legend = els.find((e) => e.classes.includes('chart-legend'));
  assert.match(legend.textContent, /no mood recorded/);

  // The table, built when opened, says it in words.
  const details = els.find((e) => e.tag === 'details');
  details.attrs.open = '';
  for (const f of details.listeners.toggle) f();
  const rows = all(details).filter((e) => e.tag === 'tr').map((r) => r.textContent);
  // Days are named in the computer's own language: the expected names are worked out here
  // with Intl from the dates themselves.
  const named = (d) => new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(`${d}T00:00:00Z`));
  assert.deepEqual(rows.slice(1), [
    `${named('2026-11-23')}1Heavy`,
    `${named('2026-11-24')}2no mood recorded`,
    `${named('2026-11-25')}21 Calm, and 1 without a mood`,
  ]);
});

test('a year: no small shape for a day without a mood, and no legend line when there is none', () => {
  const fig = calendarChart({ from: '2025-11-29', to: '2026-11-28', days, thisYear: 2026 });
  const els = all(fig);
  const rect = els.find((e) => e.tag === 'rect' && e.attrs['data-date'] === '2026-11-24');
  assert.equal(rect.attrs['data-quadrant'], 'none');
  assert.ok(rect.classes.includes('has-entries'));
  const shapeGroups = els.filter((e) => e.tag === 'g' && e.classes.includes('cal-glyph'));
  assert.deepEqual(shapeGroups.map((g) => g.classes.find((c) => c.startsWith('glyph-'))).sort(), ['glyph-calm', 'glyph-heavy']);

  const moods = calendarChart({ from: '2026-11-22', to: '2026-11-28', days: [days[0]], thisYear: 2026 });
  const legend = all(moods).find((e) => e.classes.includes('chart-legend'));
  assert.doesNotMatch(legend.textContent, /no mood/);
});

test('years of days: one path per colour and year, one piece per day, and the day under the pointer found by its place', async () => {
  const { DENSE_DAYS, DENSE_BLOCK, stripCellAt, cellPath } = await import('../js/charts/calendar.js');
  const from = '2006-12-04';
  const to = '2026-11-29';
  const many = [
    { date: '2006-12-04', count: 3, noMood: 0, quadrants: ['calm'], main: 'calm' },
    { date: '2016-06-01', count: 1, noMood: 0, quadrants: ['calm'], main: 'calm' },
    { date: '2026-11-24', count: 2, noMood: 2, quadrants: [], main: null },
    { date: '2026-11-25', count: 1, noMood: 0, quadrants: ['tense'], main: 'tense' },
  ];
  const fig = calendarChart({ from, to, days: many, thisYear: 2026 });
  const svg = all(fig).find((e) => e.tag === 'svg');
  const totalDays = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  assert.ok(totalDays > DENSE_DAYS);
  // The latest two years are drawn at once, the earlier ones after the chart shows.
  const filled = () => all(fig).filter((e) => e.classes.includes('cal-block')).map((b) => b.children.length > 0);
  assert.deepEqual(filled(), [...Array(19).fill(false), true, true]);
  // One shown, then taken away after its first earlier year; one put on the page late.
  const gone = calendarChart({ from, to, days: many, thisYear: 2026 });
  const goneSvg = all(gone).find((e) => e.tag === 'svg');
  const late = calendarChart({ from, to, days: many, thisYear: 2026 });
  const lateSvg = all(late).find((e) => e.tag === 'svg');
  lateSvg.isConnected = false;
  const drawn = (fig) => all(fig).filter((e) => e.classes.includes('cal-block') && e.children.length).length;
  /** Waits for `ok()`, failing after two seconds. */
  const until = async (ok, what) => {
    for (const t0 = Date.now(); !ok();) {
      assert.ok(Date.now() - t0 < 2000, what);
      await new Promise((done) => setTimeout(done, 0));
    }
  };
  await until(() => drawn(gone) >= 3, 'the earlier years are drawn once the chart shows');
  goneSvg.isConnected = false;
  await new Promise((done) => setTimeout(done, 5));
  assert.equal(drawn(late), 2, 'nothing more is drawn before the chart is on the page');
  lateSvg.isConnected = true;
  await until(() => !filled().includes(false) && drawn(late) === 21, 'every year is drawn, also when put on the page late');
  assert.ok(drawn(gone) <= 4, 'a chart no longer shown stops drawing');
  const els = all(fig);
  assert.equal(svg.attrs['data-days'], String(many.length));
  assert.equal(els.filter((e) => e.tag === 'rect' && e.classes.includes('cal-cell')).length, 0, 'no element per day');
  const pieces = (p) => (p.attrs.d.match(/M/g) ?? []).length;
  // Blocks of a year's weeks, each with at most one path per colour.
  const blocks = els.filter((e) => e.tag === 'g' && e.classes.includes('cal-block'));
  assert.equal(blocks.length, Math.ceil(Math.ceil(totalDays / 7) / DENSE_BLOCK));
  /** @type {Record<string, number>} */
  const byKey = {};
  for (const block of blocks) {
    const keys = block.children.filter((e) => e.tag === 'path').map((p) => p.attrs['data-quadrant'] ?? 'empty');
    assert.equal(new Set(keys).size, keys.length, 'one path per colour in a block');
  }
  for (const p of els.filter((e) => e.tag === 'path' && e.classes.includes('cal-cell'))) {
    const key = p.attrs['data-quadrant'] ?? 'empty';
    byKey[key] = (byKey[key] ?? 0) + pieces(p);
  }
  assert.deepEqual(byKey, { calm: 2, empty: totalDays - 4, none: 1, tense: 1 });
  // The first block holds the first year's cells, the last the latest days.
  const firstCalm = blocks[0].children.find((p) => p.attrs['data-quadrant'] === 'calm');
  assert.equal(pieces(firstCalm), 1);
  assert.ok(blocks.at(-1).children.some((p) => p.attrs['data-quadrant'] === 'tense'));
  const noMood = els.find((e) => e.tag === 'path' && e.attrs['data-quadrant'] === 'none');
  assert.ok(noMood.classes.includes('has-entries'), 'a day without a mood still shows as a day with entries');
  // Shapes only for days with a mood: merged per quadrant in each block (the two calm days are
  // ten years apart).
  const shapes = els.filter((e) => e.tag === 'g' && e.classes.includes('cal-glyph'));
  assert.deepEqual(shapes.map((g) => g.classes.find((c) => c.startsWith('glyph-'))).sort(), ['glyph-calm', 'glyph-calm', 'glyph-tense']);
  // The words are the same as for a short period.
  assert.match(svg.attrs['aria-label'], /^Calendar: 7 entries on 4 days\./);

  // The first cell is at (30, 32), Monday of the first week; cells are 10 wide, 12 apart.
  assert.deepEqual(stripCellAt(35, 37), { col: 0, row: 0, x: 30, y: 32, size: 10 });
  assert.deepEqual(stripCellAt(30 + 12 * 5 + 9, 32 + 12 * 6 + 1), { col: 5, row: 6, x: 90, y: 104, size: 10 });
  assert.equal(stripCellAt(41, 37), null, 'the gap between two weeks');
  assert.equal(stripCellAt(29, 37), null, 'the weekday names');
  assert.equal(stripCellAt(35, 20), null, 'the month names');
  assert.equal(stripCellAt(35, 32 + 12 * 7 + 2), null, 'below Sunday');
  // A piece is a closed rounded square of the cell's size.
  assert.equal(cellPath(30, 32, 10, 2), 'M32 32h6a2 2 0 0 1 2 2v6a2 2 0 0 1 -2 2h-6a2 2 0 0 1 -2 -2v-6a2 2 0 0 1 2 -2z');
});
