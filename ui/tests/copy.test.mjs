// Tone check over the shipped scripts: no pressure, guilt or blame in any string a person could
// read (CONTENT.md e7). Every string literal in ui/js/**/*.js is checked: single- and
// double-quoted strings and the text parts of template literals. Comments don't count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');
const JS = join(UI, 'js');

/** Whole words that don't belong in Tend's copy (case-insensitive). */
export const BANNED = /\b(?:should|must|streaks?|missed|fail|failed|failures?)\b/i;

/** Every .js file under dir. */
function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * The string literals in JavaScript source, with comments and regular expressions skipped.
 * Template literals give their text parts; the code inside `${…}` is scanned as code.
 * A small scanner, not a full parser, but enough for Tend's own plain ES modules.
 * @param {string} src
 * @returns {{text: string, line: number}[]}
 */
export function stringLiterals(src) {
  /** @type {{text: string, line: number}[]} */
  const out = [];
  let i = 0;
  const n = src.length;
  const lineAt = (pos) => src.slice(0, pos).split('\n').length;
  /** The last significant token's end: a char, or a word, for telling `/` apart. */
  let prev = '';

  /** Reads a quoted string starting at i (on the quote); returns its text. */
  function quoted(q) {
    const start = i;
    i += 1;
    let text = '';
    while (i < n && src[i] !== q) {
      if (src[i] === '\\') { text += src.slice(i, i + 2); i += 2; continue; }
      if (src[i] === '\n') break;
      text += src[i];
      i += 1;
    }
    i += 1;
    out.push({ text, line: lineAt(start) });
  }

  /** Reads a template literal starting at i (on the backtick). */
  function template() {
    i += 1;
    let start = i;
    let text = '';
    while (i < n && src[i] !== '`') {
      if (src[i] === '\\') { text += src.slice(i, i + 2); i += 2; continue; }
      if (src[i] === '$' && src[i + 1] === '{') {
        out.push({ text, line: lineAt(start) });
        text = '';
        i += 2;
        code(true);
        start = i;
        continue;
      }
      text += src[i];
      i += 1;
    }
    i += 1;
    out.push({ text, line: lineAt(start) });
  }

  /** Skips a regular expression literal starting at i (on the slash). */
  function regex() {
    i += 1;
    let inClass = false;
    while (i < n && src[i] !== '\n') {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i += 1;
    }
    i += 1;
    while (i < n && /[a-z]/i.test(src[i])) i += 1;
  }

  /**
   * Scans code; inside a template's `${…}`, stops after the matching `}`.
   * @param {boolean} inTemplate
   */
  function code(inTemplate) {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      const next = src[i + 1];
      if (c === '/' && next === '/') {
        while (i < n && src[i] !== '\n') i += 1;
      } else if (c === '/' && next === '*') {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === "'" || c === '"') {
        quoted(c);
        prev = 'str';
      } else if (c === '`') {
        template();
        prev = 'str';
      } else if (c === '/') {
        const regexStart = prev === '' || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(prev) || REGEX_AFTER_WORD.has(prev);
        if (regexStart) { regex(); prev = 'regex'; } else { i += 1; prev = '/'; }
      } else if (/\s/.test(c)) {
        i += 1;
      } else if (/[A-Za-z0-9_$]/.test(c)) {
        let word = '';
        while (i < n && /[A-Za-z0-9_$.]/.test(src[i])) {
          word += src[i];
          i += 1;
        }
        prev = /^[0-9.]/.test(word) ? 'num' : word.split('.').pop() || word;
      } else {
        if (c === '{') depth += 1;
        if (c === '}') {
          if (inTemplate && depth === 0) { i += 1; return; }
          depth -= 1;
        }
        prev = c;
        i += 1;
      }
    }
  }

  code(false);
  return out;
}

test('the scanner finds strings and skips comments and regular expressions', () => {
  const src = [
    "// you should not see this 'should'",
    "/* nor 'must' */ const a = 'one'; const b = \"two\";",
    "const r = /['\"]must/g.test(x) ? 1 : 2 / 3;",
    'const t = `start ${x ? \'inner\' : `deep ${y}`} end`;',
  ].join('\n');
  const texts = stringLiterals(src).map((s) => s.text);
  assert.deepEqual(texts, ['one', 'two', 'start ', 'inner', 'deep ', '', ' end']);
  assert.ok(BANNED.test('You must'));
  assert.ok(BANNED.test('Streaks'));
  assert.ok(BANNED.test('It failed.'));
  assert.ok(BANNED.test("Don't fail"));
  assert.ok(!BANNED.test('mustard, shoulder, failsafe'));
});

test('no should, must, streaks, missed or failure in any string in ui/js', () => {
  const files = jsFiles(JS);
  assert.ok(files.length >= 5);
  const hits = [];
  for (const p of files) {
    for (const s of stringLiterals(readFileSync(p, 'utf8'))) {
      if (BANNED.test(s.text)) hits.push(`${relative(UI, p)}:${s.line}: ${s.text}`);
    }
  }
  assert.deepEqual(hits, [], `pressure words in shipped copy:\n${hits.join('\n')}`);
});

/**
 * The words a page shows: the text between tags and every attribute value, in double or single
 * quotes (labels, placeholders, titles), with comments left out.
 * @param {string} html
 */
export function htmlTexts(html) {
  const bare = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...bare.matchAll(/>([^<]+)</g), ...bare.matchAll(/="([^"]*)"/g), ...bare.matchAll(/='([^']*)'/g)]
    .map((m) => m[1].trim()).filter(Boolean);
}

test('the page scanner reads text and both kinds of attribute', () => {
  const planted = '<!-- must --><p title="you should">Here</p><input placeholder=\'keep your streak\'><b>missed</b>';
  assert.deepEqual(htmlTexts(planted), ['Here', 'missed', 'you should', 'keep your streak']);
  assert.deepEqual(htmlTexts(planted).filter((t) => BANNED.test(t)), ['missed', 'you should', 'keep your streak']);
});

test('no should, must, streaks, missed or failure in the page itself', () => {
  const texts = htmlTexts(readFileSync(join(UI, 'index.html'), 'utf8'));
  assert.ok(texts.length > 20, `${texts.length} texts`);
  assert.ok(texts.some((t) => /Need support now\?/.test(t)), 'the scan reads the visible text');
  const hits = texts.filter((t) => BANNED.test(t));
  assert.deepEqual(hits, [], `pressure words in index.html:\n${hits.join('\n')}`);
});

test('reassurance in ui/js is honest, never absolute', () => {
  const hits = [];
  for (const p of jsFiles(JS)) {
    for (const s of stringLiterals(readFileSync(p, 'utf8'))) {
      // "It isn't a sign that anyone did something wrong" can't be promised; "on its own" can.
      // …and if something didn't feel okay, that is said to matter too.
      const reassures = /isn't a sign that/i.test(s.text);
      if (reassures && !(/on its own/i.test(s.text) && /if something didn't feel okay/i.test(s.text))) {
        hits.push(`${relative(UI, p)}:${s.line}: ${s.text}`);
      }
      if (/\bdo ease\b/i.test(s.text)) hits.push(`${relative(UI, p)}:${s.line}: ${s.text}`);
    }
  }
  assert.deepEqual(hits, [], hits.join('\n'));
});
