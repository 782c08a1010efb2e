import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  quadrantOf, describe, describePleasantness, describeEnergy,
  pointFromPosition, positionOf, stepKey, QUADRANT_NAMES,
} from '../js/mood.js';

test('quadrants follow the signs of the point', () => {
  assert.equal(quadrantOf(0.5, 0.5), 'bright');
  assert.equal(quadrantOf(0.5, -0.5), 'calm');
  assert.equal(quadrantOf(-0.5, 0.5), 'tense');
  assert.equal(quadrantOf(-0.5, -0.5), 'heavy');
});

test('near the centre is Mixed, matching tend-core', () => {
  assert.equal(quadrantOf(0, 0), 'mixed');
  assert.equal(quadrantOf(0.1, -0.1), 'mixed');
  assert.equal(quadrantOf(0.19, 0), 'mixed');
  assert.equal(quadrantOf(0.2, 0), 'bright');
  assert.equal(quadrantOf(0.15, -0.15), 'calm'); // hypot 0.212
  assert.equal(quadrantOf(0, 0.5), 'bright');
  assert.equal(quadrantOf(0, -0.5), 'calm');
  assert.equal(quadrantOf(-0.3, 0), 'tense');
});

test('describe gives a full spoken name', () => {
  assert.equal(describe(0.2, -0.5), 'slightly pleasant, low energy: Calm');
  assert.equal(describe(0.9, 0.8), 'very pleasant, very high energy: Bright');
  assert.equal(describe(-0.5, 0.3), 'somewhat unpleasant, slightly high energy: Tense');
  assert.equal(describe(-1, -1), 'very unpleasant, very low energy: Heavy');
  assert.equal(describe(0, 0), 'neutral, medium energy: Mixed');
  assert.equal(describe(0.05, 0.6), 'neutral, high energy: Bright');
});

test('degree words at the boundaries', () => {
  assert.equal(describePleasantness(0.09), 'neutral');
  assert.equal(describePleasantness(0.1), 'slightly pleasant');
  assert.equal(describePleasantness(-0.1), 'slightly unpleasant');
  assert.equal(describePleasantness(0.4), 'somewhat pleasant');
  assert.equal(describePleasantness(0.7), 'very pleasant');
  assert.equal(describePleasantness(0.1 + 0.2), 'slightly pleasant');
  assert.equal(describeEnergy(0.05), 'medium energy');
  assert.equal(describeEnergy(-0.2), 'slightly low energy');
  assert.equal(describeEnergy(-0.5), 'low energy');
  assert.equal(describeEnergy(0.75), 'very high energy');
});

test('every point on a fine grid has a name ending in its quadrant', () => {
  for (let i = -20; i <= 20; i += 1) {
    for (let j = -20; j <= 20; j += 1) {
      const p = i / 20;
      const e = j / 20;
      const text = describe(p, e);
      assert.match(text, /^[a-z ]+, [a-z ]+: (Bright|Calm|Tense|Heavy|Mixed)$/);
      assert.ok(text.endsWith(QUADRANT_NAMES[quadrantOf(p, e)]));
    }
  }
});

test('points are rounded to two decimals and kept inside the grid', () => {
  assert.deepEqual(pointFromPosition(450, -150, 300, 300), { pleasantness: 1, energy: 1 });
  assert.deepEqual(pointFromPosition(-300, 600, 300, 300), { pleasantness: -1, energy: -1 });
  assert.equal(stepKey({ pleasantness: 0.2, energy: 0 }, 'ArrowRight')?.pleasantness, 0.3);
  assert.equal(stepKey({ pleasantness: 0.95, energy: 0 }, 'ArrowRight')?.pleasantness, 1);
  assert.deepEqual(pointFromPosition(NaN, NaN, 300, 300), { pleasantness: 0, energy: 0 });
  assert.ok(Object.is(pointFromPosition(149.85, 150, 300, 300).pleasantness, 0));
});

test('positions map to points and back', () => {
  assert.deepEqual(pointFromPosition(0, 0, 300, 300), { pleasantness: -1, energy: 1 });
  assert.deepEqual(pointFromPosition(300, 300, 300, 300), { pleasantness: 1, energy: -1 });
  assert.deepEqual(pointFromPosition(150, 150, 300, 300), { pleasantness: 0, energy: 0 });
  assert.deepEqual(pointFromPosition(-50, 400, 300, 300), { pleasantness: -1, energy: -1 });
  assert.deepEqual(positionOf({ pleasantness: 1, energy: 1 }), { left: 1, top: 0 });
  assert.deepEqual(positionOf({ pleasantness: 0, energy: 0 }), { left: 0.5, top: 0.5 });
});

test('keys move by 0.1, Home centres, others do nothing', () => {
  assert.deepEqual(stepKey({ pleasantness: 0, energy: 0 }, 'ArrowRight'), { pleasantness: 0.1, energy: 0 });
  assert.deepEqual(stepKey({ pleasantness: 0.2, energy: 0.3 }, 'ArrowDown'), { pleasantness: 0.2, energy: 0.2 });
  assert.deepEqual(stepKey({ pleasantness: 1, energy: 0 }, 'ArrowRight'), { pleasantness: 1, energy: 0 });
  assert.deepEqual(stepKey({ pleasantness: 0, energy: -1 }, 'ArrowDown'), { pleasantness: 0, energy: -1 });
  assert.deepEqual(stepKey({ pleasantness: 0.5, energy: 0.5 }, 'Home'), { pleasantness: 0, energy: 0 });
  assert.deepEqual(stepKey(null, 'ArrowUp'), { pleasantness: 0, energy: 0.1 });
  assert.equal(stepKey({ pleasantness: 0, energy: 0 }, 'a'), null);
  let m = { pleasantness: 0, energy: 0 };
  for (let i = 0; i < 7; i += 1) m = /** @type {any} */ (stepKey(m, 'ArrowLeft'));
  assert.equal(m.pleasantness, -0.7);
});

test('an entry reads by its quadrant, or as "No mood recorded" with no quadrant at all', async () => {
  const { entryMood, NO_MOOD_TEXT } = await import('../js/mood.js');
  assert.deepEqual(entryMood({ mood: { pleasantness: -0.5, energy: -0.5 }, quadrant: 'heavy' }), {
    quadrant: 'heavy', name: 'Heavy', cls: 'q-heavy', description: 'somewhat unpleasant, low energy: Heavy',
  });
  // The quadrant the core sent wins (words on both sides can make it Mixed).
  assert.equal(entryMood({ mood: { pleasantness: 0.6, energy: 0.6 }, quadrant: 'mixed' }).name, 'Mixed');
  const none = entryMood({ mood: null, quadrant: null });
  assert.deepEqual(none, { quadrant: null, name: 'No mood recorded', cls: 'q-none', description: 'No mood recorded' });
  assert.equal(NO_MOOD_TEXT, 'No mood recorded');
  assert.equal(entryMood({}).quadrant, null, 'an entry without the fields reads the same way');
});
