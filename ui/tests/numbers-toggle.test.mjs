// "Show the numbers" on the Trends screen: a real button, off when Tend starts, remembered in
// memory only. Runs against just enough of a DOM for js/dom.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeNode {}
class FakeText extends FakeNode {
  /** @param {string} text */
  constructor(text) { super(); this.text = text; }
}
class FakeElement extends FakeNode {
  /** @param {string} tag */
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.className = '';
    this.attrs = {};
    this.children = [];
    this.dataset = {};
    this.hidden = false;
    this.listeners = {};
    this.textValue = '';
  }
  set textContent(v) { this.textValue = String(v); this.children = []; }
  get textContent() { return this.textValue + this.children.map((c) => c.textContent ?? c.text).join(''); }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; }
  appendChild(c) { this.children.push(c); return c; }
  addEventListener(type, f) { (this.listeners[type] ??= []).push(f); }
  click() { for (const f of this.listeners.click ?? []) f({ type: 'click' }); }
  /** Only ".class" selectors, which is all the code under test uses. */
  querySelectorAll(sel) {
    const name = sel.replace(/^\./, '');
    const out = [];
    const walk = (el) => {
      for (const c of el.children) {
        if (!(c instanceof FakeElement)) continue;
        if (c.className.split(/\s+/).includes(name)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}
globalThis.Node = FakeNode;
globalThis.document = { createElement: (tag) => new FakeElement(tag), createTextNode: (t) => new FakeText(t) };

const { numbersToggle, num, applyNumbers } = await import('../js/components/numbers-toggle.js');
const { h } = await import('../js/dom.js');

test('the numbers start hidden, behind a real button that says so', () => {
  const body = h('div', { id: 'trends-body' }, h('p', null, 'On average slightly pleasant', num(' (mean +0.36)')));
  applyNumbers(body);
  const btn = numbersToggle(body);
  assert.equal(btn.tagName, 'BUTTON', 'a native button: Enter and Space work, and it is in the tab order');
  assert.equal(btn.attrs.type, 'button');
  assert.equal(btn.getAttribute('aria-expanded'), 'false');
  assert.equal(btn.getAttribute('aria-controls'), 'trends-body');
  assert.equal(btn.textContent, 'Show the numbers');
  const [n] = body.querySelectorAll('.trends-num');
  assert.equal(n.hidden, true);

  btn.click();
  assert.equal(btn.getAttribute('aria-expanded'), 'true');
  assert.equal(btn.textContent, 'Hide the numbers');
  assert.equal(n.hidden, false);

  // Numbers drawn later (another period) follow the choice, and so does the next visit to the
  // screen while the window is open.
  const later = num('+0.12');
  assert.equal(later.hidden, false);
  const again = numbersToggle(h('div', { id: 'trends-body' }));
  assert.equal(again.getAttribute('aria-expanded'), 'true');

  again.click();
  assert.equal(btn.getAttribute('aria-expanded'), 'true', 'the old button is gone from the screen; only the new one changes');
  applyNumbers(body);
  assert.equal(n.hidden, true);
});
