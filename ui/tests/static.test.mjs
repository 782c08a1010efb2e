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
    assert.match(f.text, /<script type="module" src="js\/main\.js"><\/script>/, 'main.js as a module');
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

test('only api.js touches Tauri (and early.js, to ask for the status alone)', () => {
  for (const f of byExt('.js')) {
    const path = f.path.replace(/\\/g, '/');
    if (path === 'js/api.js') continue;
    if (path === 'js/early.js') {
      assert.deepEqual([...f.text.matchAll(/invoke\(([^)]*)\)/g)].map((m) => m[1]), ["'status'"], path);
      continue;
    }
    assert.doesNotMatch(f.text, /__TAURI/, f.path);
  }
});

test('early.js runs before the stylesheets and modules, and api.js takes its answer', () => {
  const html = all.find((f) => f.path === 'index.html')?.text ?? '';
  const early = html.indexOf('<script src="js/early.js"></script>');
  assert.ok(early > 0, 'index.html loads js/early.js as a classic script');
  assert.ok(early < html.indexOf('<link rel="stylesheet"'), 'before the first stylesheet');
  assert.ok(early < html.indexOf('<script type="module"'), 'before the modules');
  const api = all.find((f) => f.path.replace(/\\/g, '/') === 'js/api.js')?.text ?? '';
  assert.match(api, /__tendEarlyStatus/);
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

test('the first screen waits only for the modules it needs, all preloaded', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const needed = [...staticImports('js/main.js')].filter((p) => p !== 'js/main.js').sort();
  assert.deepEqual(preloaded, needed, 'index.html preloads exactly what main.js imports statically');
  // The screens behind the lock load after the first paint (main.js imports them dynamically).
  for (const screen of ['views/log.js', 'views/journal.js', 'views/trends.js', 'views/care.js', 'views/settings.js', 'components/support.js']) {
    assert.ok(!needed.includes(`js/${screen}`), `${screen} is not on the first screen's path`);
  }
});
