// @ts-check
/**
 * @file Building SVG with the DOM (never from strings), and the small quadrant shapes that go
 * with every quadrant colour: a disc with a ring (Bright), a low dome (Calm), a triangle
 * (Tense), a drop (Heavy) and a half-filled diamond (Mixed), the same as the CSS shapes.
 * Colours come from CSS classes (`glyph-<quadrant>`), so both themes work.
 */

// The SVG namespace: a fixed name that identifies SVG elements, never fetched.
const NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an SVG element. `class` and `text` are special; `false`/`null`/`undefined` skip.
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...any} children
 * @returns {SVGElement}
 */
export function s(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(NS, tag));
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * Rounds for attributes (keeps the markup short).
 * @param {number} v
 */
export const r2 = (v) => Math.round(v * 100) / 100;

/**
 * The outline of one quadrant shape, centred on (x, y), about `size` across. Pure.
 * @param {string} quadrant
 * @param {number} x
 * @param {number} y
 * @param {number} size
 * @returns {{tag: string, attrs: Record<string, number|string>}[]} pieces; class `g-fill`
 *   pieces are filled with the ink, `g-line` pieces are outlined
 */
function glyphParts(quadrant, x, y, size) {
  const u = size;
  switch (quadrant) {
    case 'bright':
      return [
        { tag: 'circle', attrs: { class: 'g-fill', cx: r2(x), cy: r2(y), r: r2(u * 0.27) } },
        { tag: 'circle', attrs: { class: 'g-line', cx: r2(x), cy: r2(y), r: r2(u * 0.44), 'stroke-width': r2(u * 0.1) } },
      ];
    case 'calm': {
      const rr = u * 0.5;
      const base = y + u * 0.22;
      return [{ tag: 'path', attrs: { class: 'g-fill', d: `M${r2(x - rr)} ${r2(base)}A${r2(rr)} ${r2(rr)} 0 0 1 ${r2(x + rr)} ${r2(base)}Z` } }];
    }
    case 'tense':
      return [{ tag: 'path', attrs: { class: 'g-fill', d: `M${r2(x)} ${r2(y - u * 0.46)}L${r2(x + u * 0.5)} ${r2(y + u * 0.4)}L${r2(x - u * 0.5)} ${r2(y + u * 0.4)}Z` } }];
    case 'heavy': {
      // A drop: a circle with a point on top (tangents at 45 degrees).
      const rr = u * 0.34;
      const cy = y + rr * 0.207;
      const k = rr * Math.SQRT1_2;
      return [{ tag: 'path', attrs: { class: 'g-fill', d: `M${r2(x)} ${r2(cy - rr * Math.SQRT2)}L${r2(x + k)} ${r2(cy - k)}A${r2(rr)} ${r2(rr)} 0 1 1 ${r2(x - k)} ${r2(cy - k)}Z` } }];
    }
    default: {
      const d = u * 0.46;
      return [
        { tag: 'path', attrs: { class: 'g-fill', d: `M${r2(x - d)} ${r2(y)}L${r2(x)} ${r2(y - d)}L${r2(x + d)} ${r2(y)}Z` } },
        { tag: 'path', attrs: { class: 'g-line', d: `M${r2(x)} ${r2(y - d)}L${r2(x + d)} ${r2(y)}L${r2(x)} ${r2(y + d)}L${r2(x - d)} ${r2(y)}Z`, 'stroke-width': r2(u * 0.12) } },
      ];
    }
  }
}

/**
 * One quadrant shape as an SVG group.
 * @param {string} quadrant
 * @param {number} x
 * @param {number} y
 * @param {number} size
 * @param {string} [extra] more classes
 */
export function glyph(quadrant, x, y, size, extra = '') {
  return s('g', { class: `glyph glyph-${quadrant} ${extra}`.trim() },
    glyphParts(quadrant, x, y, size).map((p) => s(p.tag, p.attrs)));
}

/**
 * One quadrant shape as its bare pieces, each with the class `<piece>-<quadrant>` (`g-fill-calm`,
 * `g-line-bright`) for its colour, and no group: for charts with thousands of shapes, where a group each (and the
 * colour worked out through custom properties on each) makes them slow to draw. The pieces
 * look as `glyph` draws them, given the same CSS.
 * @param {string} quadrant
 * @param {number} x
 * @param {number} y
 * @param {number} size
 * @returns {SVGElement[]}
 */
export function glyphPieces(quadrant, x, y, size) {
  return glyphParts(quadrant, x, y, size).map((p) => s(p.tag, { ...p.attrs, class: `${p.attrs.class} ${p.attrs.class}-${quadrant}` }));
}

/**
 * A circle as path data (two arcs), so it can join other shapes in one path. Pure.
 * @param {number} cx
 * @param {number} cy
 * @param {number} r
 */
function circlePath(cx, cy, r) {
  return `M${r2(cx - r)} ${r2(cy)}a${r2(r)} ${r2(r)} 0 1 0 ${r2(2 * r)} 0a${r2(r)} ${r2(r)} 0 1 0 ${r2(-2 * r)} 0Z`;
}

/**
 * Many same-sized quadrant shapes merged into one filled and one outlined path per quadrant,
 * so a long calendar draws a handful of elements instead of thousands. The shapes must not
 * overlap (each sits in its own cell); they look exactly as `glyph` draws them. Pure.
 * @param {{quadrant: string, x: number, y: number}[]} items
 * @param {number} size
 * @returns {Map<string, {fill: string, line: string, lineWidth: number|null}>} by quadrant, in
 *   first-seen order
 */
function mergedGlyphPaths(items, size) {
  /** @type {Map<string, {fill: string[], line: string[], lineWidth: number|null}>} */
  const acc = new Map();
  for (const it of items) {
    let a = acc.get(it.quadrant);
    if (!a) { a = { fill: [], line: [], lineWidth: null }; acc.set(it.quadrant, a); }
    for (const p of glyphParts(it.quadrant, it.x, it.y, size)) {
      const at = /** @type {Record<string, any>} */ (p.attrs);
      const d = p.tag === 'circle' ? circlePath(Number(at.cx), Number(at.cy), Number(at.r)) : String(at.d);
      if (at.class === 'g-line') {
        a.line.push(d);
        a.lineWidth = Number(at['stroke-width']);
      } else a.fill.push(d);
    }
  }
  return new Map([...acc].map(([q, a]) => [q, { fill: a.fill.join(''), line: a.line.join(''), lineWidth: a.lineWidth }]));
}

/**
 * The merged shapes of `mergedGlyphPaths` as SVG groups, one per quadrant.
 * @param {{quadrant: string, x: number, y: number}[]} items
 * @param {number} size
 * @param {string} [extra] more classes
 */
export function mergedGlyphs(items, size, extra = '') {
  return [...mergedGlyphPaths(items, size)].map(([q, m]) => s('g', { class: `glyph glyph-${q} ${extra}`.trim() },
    m.fill ? s('path', { class: 'g-fill', d: m.fill }) : null,
    m.line ? s('path', { class: 'g-line', d: m.line, 'stroke-width': m.lineWidth }) : null));
}

/**
 * Hover titles made only when the pointer first rests on a mark, instead of one `<title>`
 * element per mark up front (thousands of them make a long period slow to draw). One
 * listener on the chart; `text(el)` gives the words for a mark, or null when it has none.
 * @param {SVGElement} svg
 * @param {(el: Element) => string|null} text
 */
export function lazyTitles(svg, text) {
  const add = (/** @type {Event} */ e) => {
    let el = /** @type {Element|null} */ (e.target);
    if (el && el.tagName === 'title') el = el.parentElement;
    if (!el || el === svg || el.querySelector(':scope > title')) return;
    const t = text(el);
    if (t) el.appendChild(s('title', { text: t }));
  };
  svg.addEventListener('mouseover', add);
  return svg;
}

/**
 * Hover titles for charts with too many marks for an element (or a listener) each: one outline
 * follows the pointer to the mark that `find` names and carries that mark's title, so a chart of
 * thousands of marks adds one element, not thousands. `find` gets the pointer in the chart's
 * own units (its viewBox) and returns the mark's box and words, or null where there is none.
 * @param {SVGSVGElement|SVGElement} svg
 * @param {(x: number, y: number) => {x: number, y: number, w: number, h: number, round?: boolean, text: string}|null} find
 * @returns {SVGElement} the outline (appended last, so it is on top)
 */
export function pointerTitles(svg, find) {
  const title = s('title');
  const mark = s('rect', { class: 'hover-mark', visibility: 'hidden' }, title);
  svg.appendChild(mark);
  const hide = () => mark.setAttribute('visibility', 'hidden');
  svg.addEventListener('mousemove', (/** @type {Event} */ e) => {
    const m = /** @type {SVGSVGElement} */ (svg).getScreenCTM?.();
    if (!m) return hide();
    const me = /** @type {MouseEvent} */ (e);
    const p = new DOMPoint(me.clientX, me.clientY).matrixTransform(m.inverse());
    const hit = find(p.x, p.y);
    if (!hit) return hide();
    mark.setAttribute('x', String(r2(hit.x)));
    mark.setAttribute('y', String(r2(hit.y)));
    mark.setAttribute('width', String(r2(hit.w)));
    mark.setAttribute('height', String(r2(hit.h)));
    mark.setAttribute('rx', String(hit.round ? r2(hit.w / 2) : 2));
    if (title.textContent !== hit.text) title.textContent = hit.text;
    mark.setAttribute('visibility', 'visible');
  });
  svg.addEventListener('mouseleave', hide);
  return mark;
}
