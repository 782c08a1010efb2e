// Static checks over the shipped UI files: the CSP and privacy rules hold in the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every shipped file under ui/ (tests excluded). */
function files(dir = UI) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'tests' && name !== 'node_modules') out.push(...files(p));
    } else if (/\.(html|css|js|mjs)$/.test(name)) {
      out.push(p);
    }
  }
  return out;
}

const all = files().map((p) => ({ path: relative(UI, p), text: readFileSync(p, 'utf8') }));
const byExt = (ext) => all.filter((f) => f.path.endsWith(ext));

test('there are files to check', () => {
  assert.ok(byExt('.html').length >= 1);
  assert.ok(byExt('.js').length >= 5);
  assert.ok(byExt('.css').length >= 1);
});

test('no remote address anywhere', () => {
  const remote = new RegExp(['https?', 'wss?', 'ftp'].map((s) => `\\b${s}:`).join('|'), 'i');
  // The SVG namespace is a name, not an address: nothing is ever fetched from it.
  const svgNamespace = 'http://www.w3.org/2000/svg';
  for (const f of all) {
    assert.doesNotMatch(f.text.split(svgNamespace).join(''), remote, f.path);
    assert.doesNotMatch(f.text, /url\(\s*['"]?\/\//, f.path);
    assert.doesNotMatch(f.text, /@import/, f.path);
  }
});

test('HTML has no inline script, style or handlers', () => {
  for (const f of byExt('.html')) {
    assert.doesNotMatch(f.text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${f.path}: inline <script>`);
    assert.doesNotMatch(f.text, /<style\b/i, `${f.path}: <style>`);
    assert.doesNotMatch(f.text, /\sstyle\s*=/i, `${f.path}: style attribute`);
    assert.doesNotMatch(f.text, /\son[a-z]+\s*=/i, `${f.path}: inline handler`);
    assert.match(f.text, /<main id="main"/, 'main landmark');
    assert.match(f.text, /class="skip-link" href="#main"/, 'skip link');
  }
});

test('scripts never write inline styles or HTML, or store anything', () => {
  const banned = [
    [/setAttribute\(\s*['"]style['"]/, 'style attribute'],
    [/\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write/, 'HTML from strings'],
    [/localStorage|sessionStorage|indexedDB|document\.cookie|caches\./, 'browser storage'],
    [/\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/, 'network'],
    [/\beval\s*\(|new Function\s*\(/, 'eval'],
    [/\son[a-z]+\s*=\s*["']/, 'inline handler markup'],
  ];
  for (const f of byExt('.js')) {
    for (const [re, what] of banned) assert.doesNotMatch(f.text, re, `${f.path}: ${what}`);
  }
});

test('only api.js touches Tauri (and early.js, to ask for the status, and first-screen.js, to mark its paint)', () => {
  /** What each of the two classic scripts may ask, and nothing else. */
  const alone = { 'js/early.js': ['status'], 'js/first-screen.js': ['first_paint'] };
  for (const f of byExt('.js')) {
    const path = f.path.replace(/\\/g, '/');
    if (path === 'js/api.js') continue;
    if (path in alone) {
      assert.deepEqual([...f.text.matchAll(/invoke\(([^)]*)/g)].map((m) => m[1].match(/^'(\w+)'/)?.[1] ?? m[1]), alone[path], path);
      continue;
    }
    assert.doesNotMatch(f.text, /__TAURI/, f.path);
  }
});

test('early.js runs before the stylesheets, and first-screen.js and api.js take its answer', () => {
  const html = all.find((f) => f.path === 'index.html')?.text ?? '';
  const early = html.indexOf('<script src="js/early.js"></script>');
  assert.ok(early > 0, 'index.html loads js/early.js as a classic script');
  assert.ok(early < html.indexOf('<link rel="stylesheet"'), 'before the first stylesheet');
  assert.ok(early < html.indexOf('<script src="js/first-screen.js">'), 'before first-screen.js');
  assert.match(readFileSync(join(UI, 'js/first-screen.js'), 'utf8'), /__tendEarlyStatus/);
  const api = all.find((f) => f.path.replace(/\\/g, '/') === 'js/api.js')?.text ?? '';
  assert.match(api, /__tendEarlyStatus/);
});

test('first-screen.js runs last in the body, a classic script after every stylesheet', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  const at = html.indexOf('<script src="js/first-screen.js"></script>');
  assert.ok(at > 0, 'index.html loads js/first-screen.js as a classic script');
  assert.ok(at > html.lastIndexOf('<link rel="stylesheet"'), 'after the last stylesheet, so they have loaded when it runs');
  assert.ok(at > html.indexOf('id="unlock-screen"'), 'after the lock screen it shows');
  assert.match(html.slice(at), /^<script src="js\/first-screen\.js"><\/script>\s*<\/body>/, 'the last thing in the body');
});

test('the lock screen in index.html has every element unlock.js takes over, and its references all point somewhere', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  const unlock = readFileSync(join(UI, 'js/views/unlock.js'), 'utf8');
  const wanted = [...unlock.matchAll(/\b(?:el|byId)\('([^']+)'\)/g)].map((m) => m[1]);
  assert.ok(wanted.length >= 10, `unlock.js takes over the screen's elements by id (${wanted.length} found)`);
  for (const id of wanted) assert.ok(ids.has(id), `index.html has #${id}, which unlock.js uses`);
  const screen = html.slice(html.indexOf('id="unlock-screen"'), html.indexOf('</main>'));
  for (const m of screen.matchAll(/\s(for|aria-controls|aria-describedby|aria-labelledby)="([^"]+)"/g)) {
    for (const id of m[2].split(/\s+/)) assert.ok(ids.has(id), `${m[1]}="${id}" points at an element in index.html`);
  }
  const first = readFileSync(join(UI, 'js/first-screen.js'), 'utf8');
  for (const m of first.matchAll(/getElementById\('([^']+)'\)/g)) assert.ok(ids.has(m[1]), `index.html has #${m[1]}, which first-screen.js shows`);
  // Until shown: the screen itself, the optional button, the recovery form and the two notes.
  for (const id of ['unlock-screen', 'quick-unlock', 'recover-form', 'unlock-error', 'recover-error']) {
    assert.match(html.match(new RegExp(`<[^>]*\\sid="${id}"[^>]*>`))?.[0] ?? '', /\shidden[\s>]/, `#${id} starts hidden`);
  }
  // As every field the modules make (dom.js field()): no spelling, completion or capitals
  // applied to what is typed.
  const fields = [...screen.matchAll(/<(?:input|textarea)\b[^>]*>/g)].map((m) => m[0]);
  assert.equal(fields.length, 4, 'the passphrase, the recovery key and the new passphrase twice');
  for (const f of fields) {
    for (const attr of ['spellcheck="false"', 'autocomplete="off"', 'autocapitalize="off"']) assert.ok(f.includes(attr), `${f}: ${attr}`);
  }
});

test('no streaks, scores, or pressure in the copy', () => {
  const words = /\bstreaks?\b|\bbadges?\b|you should|you must|you missed/i;
  for (const f of all) assert.doesNotMatch(f.text, words, f.path);
});

test('no exclamation marks in visible strings', () => {
  for (const f of [...byExt('.js'), ...byExt('.html')]) {
    // Quoted strings and text between tags, with the code's `!` operators left out.
    const strings = f.text.match(/'[^'\n]*'|"[^"\n]*"|`[^`\n]*`|>[^<>{}\n]+</g) ?? [];
    for (const s of strings) {
      if (/^['"`]!/.test(s) || /!==?/.test(s)) continue;
      assert.doesNotMatch(s, /[A-Za-z.]!(\s|['"`<]|$)/, `${f.path}: ${s}`);
    }
  }
});

test('reduced motion and dark mode are honoured in CSS', () => {
  const css = byExt('.css').map((f) => f.text).join('\n');
  assert.match(css, /prefers-reduced-motion:\s*reduce/);
  assert.match(css, /prefers-color-scheme:\s*dark/);
  assert.match(css, /\[data-theme="dark"\]/);
  assert.match(css, /\[data-theme="light"\]/);
  assert.match(css, /:focus-visible/);
  assert.match(css, /outline-offset/);
});

test('radio buttons are drawn from the theme tokens, with a focus ring', () => {
  const css = byExt('.css').map((f) => f.text).join('\n');
  const rule = (selector) => {
    const at = css.indexOf(`${selector} {`);
    assert.ok(at >= 0, `${selector} is styled`);
    return css.slice(at, css.indexOf('}', at));
  };
  const radio = rule('input[type="radio"]');
  assert.match(radio, /appearance:\s*none/);
  assert.match(radio, /background:\s*var\(--surface\)/, 'an unselected radio sits on the surface, not a white disc');
  assert.match(radio, /border:[^;]*var\(--border-strong\)/);
  assert.match(rule('input[type="radio"]:checked'), /var\(--accent\)/);
  assert.match(rule('input[type="radio"]:focus-visible'), /outline:[^;]*var\(--focus\)/);
});

test('a control is held, not disabled, while the journal works, so it keeps the keyboard focus', () => {
  // A focused button that turns `disabled` drops the focus onto the page itself; `hold` (dom.js)
  // keeps it. Controls may still start disabled until they can be used (a checkbox ticked,
  // a field filled in).
  for (const f of byExt('.js')) {
    assert.doesNotMatch(f.text, /\.disabled\s*=\s*(true|on)\b/, f.path);
  }
});

/** The modules `start` imports statically, and theirs, as paths under ui/ (dynamic imports aside). */
function staticImports(start) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(join(UI, path), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm)) {
      visit(relative(UI, join(UI, dirname(path), m[1])));
    }
  };
  visit(start);
  return seen;
}

test('the lock screen comes to life with only the modules it needs; the rest load after', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /type="module"|rel="modulepreload"/, 'no module is fetched before the first screen is drawn');
  const first = readFileSync(join(UI, 'js/first-screen.js'), 'utf8');
  assert.match(first, /\.type = 'module';\s*\w+\.src = 'js\/main\.js';/, 'first-screen.js loads main.js as a module');
  const needed = [...staticImports('js/main.js')];
  assert.ok(needed.includes('js/views/unlock.js'), 'the lock screen is wired as soon as main.js runs');
  // The screens behind the lock load after (main.js imports them dynamically).
  for (const screen of ['views/log.js', 'views/journal.js', 'views/trends.js', 'views/care.js', 'views/settings.js', 'components/support.js']) {
    assert.ok(!needed.includes(`js/${screen}`), `${screen} is not on the first screen's path`);
  }
});
