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
    this.className = ''; this.ownText = '';
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
