// @ts-check
/**
 * @file First run, in three short steps: welcome (adults only, what Tend can and cannot
 * protect), a passphrase, then the recovery key shown once. Or, from the welcome, bringing a
 * journal back from a backup with its recovery key and a new passphrase.
 */

import * as api from '../api.js';
import { h, fill, field, noteEl, showNote, messageOf, passwordField, setScreen, labelled, hold } from '../dom.js';
import { keyGroups, matchesLastGroup } from '../format.js';
import { withProgress } from '../components/work-progress.js';
import { withChooser } from '../components/path-chooser.js';
import { keepButtons } from '../components/recovery-keep.js';
import { strengthHint } from '../components/strength-hint.js';

/**
 * @typedef {{onDone: (created: import('../api.js').Created) => void,
 *   onRestored?: (restored: import('../api.js').Restored) => void}} SetupOpts
 */

/**
 * @param {HTMLElement} main
 * @param {SetupOpts} opts
 */
export function showSetup(main, opts) {
  welcome(main, opts);
}

/** @param {number} n */
function stepLabel(n) {
  return h('p', { class: 'step', text: `Step ${n} of 3` });
}

/**
 * @param {HTMLElement} main
 * @param {{onDone: (created: import('../api.js').Created) => void}} opts
 */
function welcome(main, opts) {
  setScreen('setup');
  main.dataset.step = 'welcome';
  const adult = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'adult-confirm' }));
  const cont = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'welcome-continue', class: 'button button-primary', disabled: true, text: 'Continue',
  }));
  const fromBackup = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'welcome-restore', class: 'button button-quiet', disabled: true, text: 'I have a backup to restore',
  }));
  adult.addEventListener('change', () => { cont.disabled = !adult.checked; fromBackup.disabled = !adult.checked; });
  cont.addEventListener('click', () => { if (adult.checked) passphrase(main, opts); });
  fromBackup.addEventListener('click', () => { if (adult.checked) restoreFromBackup(main, opts); });

  fill(main, h('div', { class: 'panel narrow setup' },
    stepLabel(1),
    h('h1', { tabindex: '-1', text: 'Welcome to Tend' }),
    h('p', { class: 'lead' },
      'A private journal for how you feel after intimacy: after sex, after a scene, alone or with others. ',
      'Note a feeling in a few seconds, write if you want to, and over time learn what kind of care helps you.'),
    h('div', { class: 'two-notes' },
      h('section', { class: 'card card-soft', 'aria-labelledby': 'protects-title' },
        h('h2', { id: 'protects-title', text: 'What Tend protects' }),
        h('p', null,
          'Everything you write is encrypted on this computer, and nothing is ever sent anywhere. ',
          'Tend asks for your passphrase each time it opens, locks itself when you step away, ',
          'and a quick-hide key blanks the screen at once.')),
      h('section', { class: 'card card-soft', 'aria-labelledby': 'cannot-title' },
        h('h2', { id: 'cannot-title', text: 'What it cannot protect against' }),
        h('p', null,
          'Someone using this computer while your journal is open, spyware on the computer, ',
          'or someone who makes you unlock it. No app can fully guard against these.'))),
    h('div', { class: 'check-row' },
      adult,
      h('label', { for: 'adult-confirm', text: "I'm 18 or older" })),
    h('p', { class: 'hint', text: 'Tend is for adults. It never asks for your age or anything else about you.' }),
    h('div', { class: 'actions' }, fromBackup, cont)));
  /** @type {HTMLElement|null} */ (main.querySelector('h1'))?.focus();
}

/**
 * @param {HTMLElement} main
 * @param {{onDone: (created: import('../api.js').Created) => void}} opts
 */
function passphrase(main, opts) {
  setScreen('setup');
  main.dataset.step = 'passphrase';
  const first = passwordField({
    id: 'setup-passphrase',
    label: 'Passphrase',
    hint: 'You type this each time you open Tend. Nobody can reset it for you, so pick one you will remember.',
  });
  const again = passwordField({ id: 'setup-passphrase-again', label: 'The same passphrase again' });
  const note = noteEl('setup-note', 'alert');
  const cont = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'setup-continue', class: 'button button-primary', text: 'Create my journal',
  }));
  const busy = h('p', { id: 'setup-busy', class: 'busy', role: 'status', 'aria-live': 'polite' });

  const hint = strengthHint(first.input, 'setup-strength');
  first.input.addEventListener('input', () => showNote(note, ''));
  again.input.addEventListener('input', () => showNote(note, ''));

  let creating = false;
  async function create() {
    if (creating) return;
    const p = first.input.value;
    if (!p) {
      showNote(note, 'Choose a passphrase first. A few words you will remember work well.');
      first.input.focus();
      return;
    }
    if (p !== again.input.value) {
      showNote(note, "The two passphrases don't match yet. Type the same one in both boxes.");
      again.input.focus();
      again.input.select();
      return;
    }
    creating = true;
    hold(cont, true);
    hold(back, true);
    busy.textContent = 'Setting up your journal…';
    try {
      const created = await api.create(p);
      first.input.value = '';
      again.input.value = '';
      recoveryKey(main, created, opts);
    } catch (e) {
      busy.textContent = '';
      showNote(note, messageOf(e));
      hold(cont, false);
      hold(back, false);
      creating = false;
      // Back to the passphrase, where it can be put right.
      first.input.focus();
    }
  }
  cont.addEventListener('click', create);
  for (const input of [first.input, again.input]) {
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        if (input === first.input && !again.input.value) again.input.focus();
        else create();
      }
    });
  }
  const back = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', class: 'button button-quiet', text: 'Back', onClick: () => welcome(main, opts),
  }));

  fill(main, h('div', { class: 'panel narrow setup' },
    stepLabel(2),
    h('h1', { tabindex: '-1', text: 'Choose a passphrase' }),
    h('p', { class: 'lead', text: 'A passphrase is like a password, made of a few words. It is the key to your journal.' }),
    h('div', { class: 'stack' }, first.block, hint, again.block),
    note,
    h('div', { class: 'actions' }, back, cont),
    busy));
  first.input.focus();
}

/**
 * @param {HTMLElement} main
 * @param {import('../api.js').Created} created
 * @param {{onDone: (created: import('../api.js').Created) => void}} opts
 */
function recoveryKey(main, created, opts) {
  setScreen('recovery-key');
  main.dataset.step = 'recovery-key';
  // This screen, and only while it shows, may be printed (care.css).
  document.body.dataset.view = 'recovery-key';
  const key = created.recoveryKey;
  const groups = keyGroups(key);
  const check = /** @type {HTMLInputElement} */ (field({
    id: 'recovery-check', type: 'text', class: 'input input-key', maxlength: '9', 'aria-describedby': 'recovery-check-hint',
  }));
  const done = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'recovery-done', class: 'button button-primary', disabled: true, text: "I've kept it safe",
  }));
  const matchNote = h('p', { id: 'recovery-check-state', class: 'hint', 'aria-live': 'polite' });
  check.addEventListener('input', () => {
    const ok = matchesLastGroup(key, check.value);
    done.disabled = !ok;
    matchNote.textContent = ok ? 'That matches.' : '';
  });
  check.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !done.disabled) { ev.preventDefault(); done.click(); }
  });
  done.addEventListener('click', () => {
    if (!matchesLastGroup(key, check.value)) return;
    delete document.body.dataset.view;
    opts.onDone(created);
  });

  const p = created.protection;
  // One thing, said once: what guards a copy of the file. Why the keyring couldn't be used is
  // there for whoever wants it, folded.
  const keyringText = p.deviceBound
    ? "A copy of your journal file can't be opened elsewhere with your passphrase alone: it also needs this computer's keyring, or this key."
    : 'Your passphrase alone guards your journal, because this computer’s keyring can’t be used.';

  // Groups are separate spans, with the dashes kept as text, so copying gives the key exactly.
  const keyEl = h('p', { id: 'recovery-key', class: 'recovery-key' });
  groups.forEach((g, i) => {
    if (i > 0) keyEl.appendChild(h('span', { class: 'key-dash', text: '-' }));
    keyEl.appendChild(h('span', { class: 'key-group', text: g }));
  });

  fill(main, h('div', { class: 'panel narrow setup' },
    stepLabel(3),
    h('h1', { tabindex: '-1', text: 'Your recovery key' }),
    h('p', { class: 'lead' },
      'This key opens your journal if you forget your passphrase, or on a new computer. ',
      'Keep it somewhere private, such as on paper or in a password manager. It is shown only now.'),
    keyEl,
    keepButtons(key, { idBase: 'recovery', print: true }),
    h('div', { id: 'keyring-state', class: 'note no-print', dataset: { tone: 'info' } },
      h('p', { text: keyringText }),
      !p.deviceBound && p.keyringProblem
        ? h('details', { class: 'problem-detail' }, h('summary', { text: 'Why' }), h('p', { text: p.keyringProblem }))
        : null),
    h('div', { class: 'field no-print' },
      h('label', { for: 'recovery-check', text: 'To check you have it, type its last group of four characters' }),
      h('p', { id: 'recovery-check-hint', class: 'hint', text: 'Capital letters or not, both are fine.' }),
      check,
      matchNote),
    h('div', { class: 'actions no-print' }, done)));
  /** @type {HTMLElement|null} */ (main.querySelector('h1'))?.focus();
}

/**
 * A new computer with a backup file and the recovery key: the journal comes back whole, with
 * a new passphrase, and the same recovery key.
 * @param {HTMLElement} main
 * @param {SetupOpts} opts
 */
function restoreFromBackup(main, opts) {
  setScreen('setup');
  main.dataset.step = 'restore';
  const file = /** @type {HTMLInputElement} */ (field({ id: 'restore-file', type: 'text', class: 'input mono', spellcheck: 'false', autocomplete: 'off' }));
  const key = passwordField({ id: 'restore-key', label: 'Your recovery key', hint: 'Case, spaces and dashes don\'t matter.' });
  const first = passwordField({ id: 'restore-passphrase', label: 'Choose a passphrase', hint: 'You type this each time you open Tend on this computer.' });
  const again = passwordField({ id: 'restore-passphrase-again', label: 'The same passphrase again' });
  const note = noteEl('restore-note', 'alert');
  const busy = h('p', { id: 'restore-busy', class: 'busy', role: 'status', 'aria-live': 'polite' });
  const progress = h('div', { id: 'restore-progress', class: 'work-host' });
  const go = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'restore-go', class: 'button button-primary', text: 'Restore my journal' }));
  const back = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button button-quiet', text: 'Back', onClick: () => welcome(main, opts) }));
  let working = false;
  go.addEventListener('click', async () => {
    if (working) return;
    /** @type {[HTMLInputElement, string][]} */
    const needed = [
      [file, 'Choose your backup file (it ends in .age).'],
      [key.input, 'Type your recovery key.'],
      [first.input, 'Choose a passphrase for this computer.'],
    ];
    for (const [input, say] of needed) {
      if (!input.value.trim()) { showNote(note, say); input.focus(); return; }
    }
    if (first.input.value !== again.input.value) {
      showNote(note, "The two passphrases don't match yet. Type the same one in both boxes.");
      again.input.focus();
      return;
    }
    working = true;
    hold(go, true);
    hold(back, true);
    showNote(note, '');
    busy.textContent = 'Restoring your journal…';
    try {
      const [path, rk, pass] = [file.value.trim(), key.input.value, first.input.value];
      const restored = await withProgress(progress, 'Restoring', () => api.restoreBackup(path, rk, pass), { returnFocus: go });
      for (const f of [key, first, again]) f.input.value = '';
      opts.onRestored?.(restored);
    } catch (e) {
      busy.textContent = '';
      showNote(note, messageOf(e), /** @type {any} */ (e)?.code === 'cancelled' ? 'info' : 'problem');
      hold(go, false);
      hold(back, false);
      working = false;
    }
  });
  fill(main, h('div', { class: 'panel narrow setup' },
    h('h1', { tabindex: '-1', text: 'Restore from a backup' }),
    h('p', { class: 'lead', text: 'Everything in the backup comes back: entries, your own words, settings and care cards. Your recovery key stays the same.' }),
    h('div', { class: 'stack' },
      labelled({
        label: 'Backup file',
        hint: 'Choose it, or type its whole path, for example /media/stick/tend-backup-20261130-2100.age.',
        control: file,
        beside: withChooser(file, () => ({ for: 'backupFile' }), note),
      }),
      key.block, first.block, strengthHint(first.input, 'restore-strength'), again.block),
    note,
    h('div', { class: 'actions' }, back, go),
    busy,
    progress));
  file.focus();
}
