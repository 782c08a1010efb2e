// The status asked for as the page starts (early.js) is the first answer api.status() gives, used
// once; later calls ask the journal again, and a failure of either reads as an ApiError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A window whose Tauri invoke answers each command with `answers[cmd]` and counts the asks. */
function shell(answers) {
  const asked = [];
  globalThis.window = {
    name: '',
    __TAURI_INTERNALS__: {
      invoke: (cmd) => {
        asked.push(cmd);
        return answers[cmd] ?? Promise.reject(new Error(`no ${cmd}`));
      },
    },
  };
  return asked;
}

/** Runs early.js as the page's head would, with a fresh <html>. */
function runEarly() {
  const src = readFileSync(fileURLToPath(new URL('../js/early.js', import.meta.url)), 'utf8');
  new Function('window', 'document', src)(globalThis.window, { documentElement: { dataset: {} } });
}

const api = await import('../js/api.js');

test('the first status is the one asked for as the page started; the next asks again', async () => {
  const asked = shell({ status: Promise.resolve({ exists: true, unlocked: false }) });
  runEarly();
  assert.deepEqual(asked, ['status']);
  assert.deepEqual(await api.status(), { exists: true, unlocked: false });
  assert.deepEqual(asked, ['status'], 'the early answer was used, not a second ask');
  await api.status();
  assert.deepEqual(asked, ['status', 'status']);
});

test('an early status that failed reads as an ApiError, and is not an unhandled rejection', async () => {
  const unhandled = [];
  const note = (e) => unhandled.push(e);
  process.on('unhandledRejection', note);
  shell({ status: Promise.reject({ code: 'damaged', message: 'The journal file is damaged.' }) });
  runEarly();
  await new Promise((r) => setTimeout(r, 10));
  await assert.rejects(api.status(), { code: 'damaged', message: 'The journal file is damaged.' });
  shell({ status: Promise.reject(new Error('boom')) });
  runEarly();
  await assert.rejects(api.status(), { code: 'unknown' });
  await new Promise((r) => setTimeout(r, 10));
  process.off('unhandledRejection', note);
  assert.deepEqual(unhandled, []);
});

test('without the desktop shell, status says so', async () => {
  globalThis.window = { name: '' };
  runEarly();
  await assert.rejects(api.status(), { code: 'no_shell' });
});
