// @ts-check
/**
 * @file Settings: how it looks and locks, how the journal is protected, passphrase,
 * recovery key and quick unlock, and your data (backups, export, erase; `your-data.js`).
 * Every change that touches keys asks for the passphrase.
 */

import * as api from '../api.js';
import { h, fill, field, noteEl, showNote, messageOf, passwordField, setScreen, labelled, announce, byId } from '../dom.js';
import { keyGroups } from '../format.js';
import { keepButtons } from '../components/recovery-keep.js';
import { strengthHint } from '../components/strength-hint.js';
import { session, handleLocked, applyTheme, startIdleWatch, QUICK_HIDE_LABEL } from '../session.js';
import { saveWithNote } from '../save-note.js';
import { yourDataCard, showErased } from './your-data.js';

/** @typedef {import('../api.js').Settings['theme']} Theme */

/** @param {import('../api.js').Protection|null} p */
function protectionText(p) {
  if (!p) return 'Your journal is encrypted with your passphrase.';
  const parts = [
    p.deviceBound
      ? "Your passphrase is also tied to this computer's keyring, so a copy of the file can't be guessed elsewhere."
      : "This computer's keyring isn't available, so your journal is protected by your passphrase alone.",
  ];
  if (p.keyringProblem) parts.push(p.keyringProblem);
  parts.push(p.quickUnlock
    ? 'Quick unlock is on: this computer account can open the journal without the passphrase.'
    : 'Quick unlock is off: the passphrase is needed every time.');
  return parts.join(' ');
}

/**
 * After a wrong passphrase (or another problem) the field is emptied for typing again.
 * @param {{input: HTMLInputElement}} pass
 */
function retype(pass) {
  pass.input.value = '';
  pass.input.focus();
}

/**
 * @param {string} id
 * @param {string} title
 * @param {any[]} body
 */
function card(id, title, body) {
  return h('section', { class: 'card settings-card', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }),
    body);
}

/**
 * @param {HTMLElement} main
 */
export function showSettings(main) {
  setScreen('settings');
  const s = session.settings;

  // ---- Look and locking --------------------------------------------------------------------
  const idle = /** @type {HTMLInputElement} */ (field({
    id: 'settings-idle', type: 'number', class: 'input input-number', min: '1', max: '240', step: '1',
    inputmode: 'numeric', value: String(s.idleMinutes ?? 5),
  }));
  const title = /** @type {HTMLInputElement} */ (field({
    id: 'settings-title', type: 'text', class: 'input input-short', maxlength: '60', value: s.windowTitle ?? 'Tend',
  }));
  const themes = /** @type {const} */ ([['system', 'Follow this computer'], ['light', 'Light'], ['dark', 'Dark']]);
  /** The theme picked last: shown at once, and what the journal is to hold. */
  let pickedTheme = /** @type {Theme} */ (s.theme ?? 'system');
  const themeNote = noteEl('settings-theme-note', 'status');
  const themeField = h('fieldset', { class: 'radio-group', 'aria-describedby': 'settings-theme-hint' },
    h('legend', { text: 'Theme' }),
    themes.map(([value, label]) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'theme', value, checked: pickedTheme === value, id: `theme-${value}` }),
      h('span', { text: label }))),
    h('p', { id: 'settings-theme-hint', class: 'hint', text: 'A theme takes effect, and is kept, as soon as you pick it.' }),
    themeNote);

  // Saves here run one after another, so the journal ends up with the last thing picked even
  // when a theme is picked while the other settings are being saved.
  /** @type {Promise<unknown>} */
  let saving = Promise.resolve();
  /**
   * @template T
   * @param {() => Promise<T>} work
   * @returns {Promise<T>}
   */
  const inTurn = (work) => {
    const run = saving.then(work);
    saving = run.catch(() => {});
    return run;
  };

  /**
   * Keeps a picked theme in the journal (with the settings already saved). A pick overtaken by
   * a later one is skipped; a failure puts back the theme the journal holds.
   * @param {Theme} theme
   */
  const keepTheme = async (theme) => {
    if (theme !== pickedTheme || theme === session.settings.theme) return;
    try {
      const { idleMinutes, windowTitle } = session.settings;
      session.settings = await api.saveSettings({ idleMinutes, windowTitle, theme });
      if (pickedTheme === session.settings.theme) showNote(themeNote, 'Theme saved.', 'ok');
    } catch (e) {
      if (handleLocked(e) || theme !== pickedTheme) return;
      pickedTheme = session.settings.theme ?? 'system';
      applyTheme(pickedTheme);
      for (const r of /** @type {NodeListOf<HTMLInputElement>} */ (themeField.querySelectorAll('input[name="theme"]'))) {
        r.checked = r.value === pickedTheme;
      }
      showNote(themeNote, `The theme couldn't be saved, so the one before is back. ${messageOf(e)}`);
    }
  };
  themeField.addEventListener('change', (ev) => {
    const input = /** @type {HTMLInputElement} */ (ev.target);
    if (input.name !== 'theme' || !input.checked) return;
    const theme = /** @type {Theme} */ (input.value);
    pickedTheme = theme;
    // Shown at once, on every screen (the lock screen too, see session.js), then kept.
    applyTheme(theme);
    inTurn(() => keepTheme(theme));
  });

  const saveNote = noteEl('settings-save-note', 'status');
  const saveBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-save', class: 'button button-primary', text: 'Save these settings' }));
  saveBtn.addEventListener('click', async () => {
    const minutes = Number(idle.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      showNote(saveNote, 'Choose a whole number of minutes from 1 to 240.');
      idle.focus();
      return;
    }
    const windowTitle = title.value.trim();
    if (!windowTitle) {
      showNote(saveNote, 'The window needs a title. "Tend" or anything neutral works.');
      title.focus();
      return;
    }
    await saveWithNote(saveBtn, saveNote, () => inTurn(async () => {
      // The theme is the one picked last (already shown; see keepTheme).
      const saved = await api.saveSettings({ idleMinutes: minutes, windowTitle, theme: pickedTheme });
      session.settings = saved;
      document.title = saved.windowTitle;
      startIdleWatch();
      showNote(saveNote, 'Saved.', 'ok');
      announce('Settings saved.');
    }));
  });

  const general = card('settings-general', 'Look and locking', [
    themeField,
    labelled({
      label: 'Lock after this many minutes without activity',
      hint: 'From 1 to 240. Five is a calm default.',
      control: idle,
    }),
    labelled({
      label: 'Window title',
      hint: 'What the window and task bar show. Something neutral keeps it private.',
      control: title,
    }),
    h('div', { class: 'actions' }, saveBtn),
    saveNote,
  ]);

  // ---- Protection --------------------------------------------------------------------------
  const protection = h('p', { id: 'settings-protection', text: protectionText(session.protection) });
  const dataDir = session.status?.dataDir ?? '';
  const protect = card('settings-protect', 'How your journal is protected', [
    protection,
    h('p', null, 'Everything is encrypted on this computer and nothing is sent anywhere.'),
    dataDir
      ? h('div', { class: 'field' },
        h('p', { class: 'label-like', id: 'settings-data-dir-label', text: 'Where your journal lives' }),
        h('p', { id: 'settings-data-dir', class: 'mono path', 'aria-labelledby': 'settings-data-dir-label', text: dataDir }))
      : null,
    h('p', { id: 'settings-quickhide' },
      'Quick hide: press ', h('kbd', { text: QUICK_HIDE_LABEL }),
      ' at any time. The screen goes blank at once and the journal locks.'),
  ]);

  // ---- Showing a new recovery key once ------------------------------------------------------
  /**
   * Shows a new recovery key in `out`, once; "I've kept it safe" wipes it and returns focus.
   * @param {HTMLElement} out @param {string} key @param {string} idBase @param {HTMLElement} back
   */
  const showKeyOnce = (out, key, idBase, back) => {
    const keyEl = h('p', { id: `${idBase}-key`, class: 'recovery-key', tabindex: '-1' });
    keyGroups(key).forEach((g, i) => {
      if (i > 0) keyEl.appendChild(h('span', { class: 'key-dash', text: '-' }));
      keyEl.appendChild(h('span', { class: 'key-group', text: g }));
    });
    fill(out,
      h('p', null, 'Here is your new recovery key. Your old one no longer works. ',
        'Keep this one somewhere private, such as on paper or in a password manager. It is shown only now.'),
      h('p', { id: `${idBase}-backups`, class: 'hint' },
        'Backups from now on open with this key. Backups made before still need your old key, so keep that one ',
        'too while you keep those backups. When automatic backups are on, a fresh one has just been made.'),
      keyEl,
      keepButtons(key, { idBase }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: `${idBase}-hide`, class: 'button button-quiet', text: "I've kept it safe",
          onClick: () => { out.hidden = true; out.replaceChildren(); back.focus(); } })));
    out.hidden = false;
    keyEl.focus();
  };

  // ---- Change passphrase -------------------------------------------------------------------
  const cur = passwordField({ id: 'settings-current', label: 'Current passphrase' });
  const next = passwordField({ id: 'settings-new', label: 'New passphrase', hint: 'A few unrelated words work well. With a new key, it may be the same one.' });
  const again = passwordField({ id: 'settings-new-again', label: 'The new passphrase again' });
  const rekeyBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'settings-rekey', 'aria-describedby': 'settings-rekey-hint' }));
  const rekeyField = h('div', null,
    h('div', { class: 'check-row' },
      rekeyBox,
      h('label', { for: 'settings-rekey', text: 'Also give the journal a new key, to lock out anyone who knew the old passphrase' })),
    h('p', { id: 'settings-rekey-hint', class: 'hint' },
      'A plain change keeps the journal\'s key, so an old copy of the file still opens with the old passphrase. ',
      'A new key seals every entry again (this can take a moment) and gives you a new recovery key. ',
      'Old passphrases, the old recovery key and old copies then open nothing you write from now on.'));
  const passNote = noteEl('settings-passphrase-note', 'status');
  const passOut = h('div', { id: 'settings-rekey-out', class: 'recovery-out', hidden: true });
  const passBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-change-passphrase', class: 'button button-primary', text: 'Change passphrase' }));
  rekeyBox.addEventListener('change', () => {
    passBtn.textContent = rekeyBox.checked ? 'Change passphrase and key' : 'Change passphrase';
  });
  passBtn.addEventListener('click', async () => {
    if (!cur.input.value) { showNote(passNote, 'Type your current passphrase first.', 'info'); cur.input.focus(); return; }
    if (!next.input.value) { showNote(passNote, 'Choose a new passphrase.', 'info'); next.input.focus(); return; }
    if (next.input.value !== again.input.value) {
      showNote(passNote, "The two new passphrases don't match yet. Type the same one in both boxes.");
      again.input.focus();
      return;
    }
    const rekey = rekeyBox.checked;
    await saveWithNote(passBtn, passNote, async () => {
      showNote(passNote, rekey ? 'Giving your journal a new key…' : 'Changing your passphrase…', 'info');
      const p = rekey
        ? await api.rekey(cur.input.value, next.input.value)
        : { protection: await api.changePassphrase(cur.input.value, next.input.value), recoveryKey: '' };
      session.protection = p.protection;
      protection.textContent = protectionText(p.protection);
      for (const f of [cur, next, again]) f.input.value = '';
      rekeyBox.checked = false;
      passBtn.textContent = 'Change passphrase';
      if (rekey) {
        showNote(passNote, 'Your journal has a new key and passphrase. Old passphrases and copies open nothing you write from now on.', 'ok');
        showKeyOnce(passOut, p.recoveryKey, 'settings-rekey', passBtn);
      } else {
        showNote(passNote, 'Your passphrase is changed. Use the new one next time you open Tend.', 'ok');
      }
    }, {
      onError: (e) => { if (e?.code === 'wrong_passphrase') retype(cur); },
    });
  });
  const passCard = card('settings-pass', 'Change your passphrase', [
    cur.block, next.block, strengthHint(next.input, 'settings-strength'), again.block,
    rekeyField,
    h('div', { class: 'actions' }, passBtn),
    passNote,
    passOut,
  ]);

  // ---- New recovery key --------------------------------------------------------------------
  const recCur = passwordField({ id: 'settings-recovery-current', label: 'Current passphrase' });
  const recNote = noteEl('settings-recovery-note', 'status');
  const recOut = h('div', { id: 'settings-recovery-out', class: 'recovery-out', hidden: true });
  const recBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-new-recovery', class: 'button button-quiet', text: 'Make a new recovery key' }));
  recBtn.addEventListener('click', async () => {
    if (!recCur.input.value) { showNote(recNote, 'Type your current passphrase first.', 'info'); recCur.input.focus(); return; }
    await saveWithNote(recBtn, recNote, async () => {
      const key = await api.newRecoveryKey(recCur.input.value);
      recCur.input.value = '';
      showNote(recNote, '');
      showKeyOnce(recOut, key, 'settings-recovery', recBtn);
    }, { onError: () => retype(recCur) });
  });
  const recCard = card('settings-rec', 'Recovery key', [
    h('p', null, 'If you have lost your recovery key, or think someone else has seen it, you can make a new one. The old one then stops working.'),
    recCur.block,
    h('div', { class: 'actions' }, recBtn),
    recNote,
    recOut,
  ]);

  // ---- Quick unlock ------------------------------------------------------------------------
  const quickCur = passwordField({ id: 'settings-quick-current', label: 'Current passphrase' });
  const quickOn = session.protection?.quickUnlock ?? session.status?.quickUnlock ?? false;
  const quickBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'settings-quick-unlock', class: 'switch', checked: quickOn, 'aria-describedby': 'settings-quick-warning' }));
  const quickNote = noteEl('settings-quick-note', 'status');
  const quickBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-quick-apply', class: 'button button-quiet', text: 'Apply' }));
  quickBtn.addEventListener('click', async () => {
    if (!quickCur.input.value) { showNote(quickNote, 'Type your current passphrase first.', 'info'); quickCur.input.focus(); return; }
    await saveWithNote(quickBtn, quickNote, async () => {
      const p = await api.setQuickUnlock(quickCur.input.value, quickBox.checked);
      session.protection = p;
      quickBox.checked = p.quickUnlock;
      quickCur.input.value = '';
      protection.textContent = protectionText(p);
      showNote(quickNote, p.quickUnlock
        ? 'Quick unlock is on for this computer account.'
        : 'Quick unlock is off. The passphrase is needed every time.', 'ok');
    }, { onError: () => retype(quickCur) });
  });
  const quickCard = card('settings-quick', 'Quick unlock on this computer', [
    h('div', { class: 'check-row' },
      quickBox,
      h('label', { for: 'settings-quick-unlock', text: 'Open without the passphrase on this computer' })),
    h('p', { id: 'settings-quick-warning', class: 'note', dataset: { tone: 'info' },
      text: 'Anyone who can use this computer account could then open your journal without the passphrase.' }),
    quickCur.block,
    h('div', { class: 'actions' }, quickBtn),
    quickNote,
  ]);

  // ---- Care notes --------------------------------------------------------------------------
  const patternBox = /** @type {HTMLInputElement} */ (h('input', {
    type: 'checkbox', id: 'settings-pattern-cards', class: 'switch', disabled: true, 'aria-describedby': 'settings-pattern-hint',
  }));
  const patternNote = noteEl('settings-pattern-note', 'status');
  patternBox.addEventListener('change', async () => {
    const on = patternBox.checked;
    await saveWithNote(patternBox, patternNote, async () => {
      const state = await api.setPatternCards(on);
      patternBox.checked = state.patternCards;
      showNote(patternNote, state.patternCards
        ? 'Saved. The note can show when many recent entries feel heavy.'
        : "Saved. The note won't show. You can turn it back on here.", 'ok');
    }, { onError: () => { patternBox.checked = !on; } });
  });
  api.careState().then((state) => {
    patternBox.checked = !!state.patternCards;
    patternBox.disabled = false;
  }, (e) => {
    if (!handleLocked(e)) showNote(patternNote, `This setting can't be read just now. ${messageOf(e)}`, 'info');
  });
  const careCard = card('settings-care', 'Care notes', [
    h('div', { class: 'check-row' },
      patternBox,
      h('label', { for: 'settings-pattern-cards', text: 'Show a gentle note when many recent entries feel heavy' })),
    h('p', { id: 'settings-pattern-hint', class: 'hint', text:
      "It never reads what you write: it looks only at your recent moods and how often you've logged. It shows at most once in two weeks, suggests talking to someone, and links to your safety plan." }),
    patternNote,
  ]);

  fill(main, h('div', { class: 'screen-settings' },
    h('h1', { id: 'settings-heading', tabindex: '-1', text: 'Settings' }),
    general,
    careCard,
    protect,
    passCard,
    recCard,
    quickCard,
    yourDataCard((erased) => {
      // The journal is gone, and the theme it held goes with it.
      applyTheme('system');
      setScreen('erased');
      byId('rail').hidden = true;
      showErased(main, erased);
    })));
  /** @type {HTMLElement} */ (main.querySelector('h1')).focus();
}
