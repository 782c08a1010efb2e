// @ts-check
/**
 * @file The unlock screen: passphrase, optional quick unlock, and the recovery-key form in
 * the same place for when the passphrase is forgotten or the keyring is gone.
 */

import * as api from '../api.js';
import { strengthHint } from '../components/strength-hint.js';
import { h, fill, field, noteEl, showNote, messageOf, passwordField, setScreen, hold } from '../dom.js';

/** @typedef {import('../api.js').UnlockReport} UnlockReport */

const KEYRING_HELP =
  'If it stays unavailable after a restart, or this is a new computer, your recovery key opens the journal.';

/**
 * @param {HTMLElement} main
 * @param {{status: import('../api.js').Status, onUnlocked: (report: UnlockReport, how: 'passphrase'|'quick'|'recovery') => void}} opts
 */
export function showUnlock(main, opts) {
  setScreen('unlock');
  const pass = passwordField({ id: 'unlock-passphrase', label: 'Passphrase' });
  const error = noteEl('unlock-error', 'alert');
  pass.input.setAttribute('aria-describedby', 'unlock-error');
  const submit = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'unlock-submit', class: 'button button-primary', text: 'Open',
  }));
  const busy = h('p', { class: 'busy', role: 'status', 'aria-live': 'polite' });
  const forgot = h('button', {
    type: 'button', id: 'forgot-link', class: 'link-button forgot', 'aria-expanded': 'false', 'aria-controls': 'recover-form',
    text: 'Forgot it? Use your recovery key',
  });

  let working = false;
  /** @param {boolean} on @param {string} [text] */
  function setBusy(on, text = '') {
    working = on;
    hold(submit, on);
    if (quick) hold(quick, on);
    busy.textContent = text;
  }

  async function unlock() {
    if (working) return;
    const p = pass.input.value;
    if (!p) {
      showNote(error, 'Type your passphrase, then press Open.', 'info');
      pass.input.focus();
      return;
    }
    setBusy(true, 'Opening your journal…');
    showNote(error, '');
    try {
      const report = await api.unlock(p);
      pass.input.value = '';
      opts.onUnlocked(report, 'passphrase');
    } catch (e) {
      setBusy(false);
      pass.input.value = '';
      const code = /** @type {any} */ (e)?.code;
      if (code === 'keyring_unavailable') {
        showNote(error, `${messageOf(e)} ${KEYRING_HELP}`);
        forgot.classList.add('is-emphasised');
      } else if (code === 'wrong_passphrase' || code === 'keyring_changed') {
        showNote(error, messageOf(e));
        forgot.classList.add('is-emphasised');
      } else {
        showNote(error, messageOf(e));
      }
      pass.input.focus();
    }
  }
  submit.addEventListener('click', unlock);
  pass.input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); unlock(); }
  });

  /** @type {HTMLElement|null} */
  let quick = null;
  if (opts.status.quickUnlock) {
    quick = h('button', {
      type: 'button', id: 'quick-unlock', class: 'button button-quiet', text: 'Open without the passphrase',
      onClick: async () => {
        if (working) return;
        setBusy(true, 'Opening your journal…');
        showNote(error, '');
        try {
          const report = await api.unlockQuick();
          opts.onUnlocked(report, 'quick');
        } catch (e) {
          setBusy(false);
          const code = /** @type {any} */ (e)?.code;
          if (code === 'keyring_changed') {
            // The passphrase can't open it here either: the recovery key is the way in.
            showNote(error, messageOf(e));
            forgot.classList.add('is-emphasised');
          } else {
            showNote(error, `${messageOf(e)} Your passphrase still opens it.`);
          }
          pass.input.focus();
        }
      },
    });
  }

  // ---- Recovery ---------------------------------------------------------------------------
  const recoverKey = /** @type {HTMLTextAreaElement} */ (field({
    id: 'recover-key', class: 'input input-key textarea-key', rows: 2, 'aria-describedby': 'recover-key-hint',
  }, 'textarea'));
  const recNew = passwordField({ id: 'recover-new', label: 'New passphrase' });
  const recAgain = passwordField({ id: 'recover-new-again', label: 'The new passphrase again' });
  const recError = noteEl('recover-error', 'alert');
  const recBusy = h('p', { class: 'busy', role: 'status', 'aria-live': 'polite' });
  const recSubmit = /** @type {HTMLButtonElement} */ (h('button', {
    type: 'button', id: 'recover-submit', class: 'button button-primary', text: 'Open with recovery key',
  }));
  let recovering = false;
  async function recover() {
    if (recovering) return;
    const key = recoverKey.value.trim();
    if (!key) {
      showNote(recError, 'Type or paste your recovery key first.', 'info');
      recoverKey.focus();
      return;
    }
    if (!recNew.input.value) {
      showNote(recError, 'Choose a new passphrase. You will use it from now on.', 'info');
      recNew.input.focus();
      return;
    }
    if (recNew.input.value !== recAgain.input.value) {
      showNote(recError, "The two new passphrases don't match yet. Type the same one in both boxes.");
      recAgain.input.focus();
      recAgain.input.select();
      return;
    }
    recovering = true;
    hold(recSubmit, true);
    recBusy.textContent = 'Opening your journal and setting the new passphrase…';
    showNote(recError, '');
    try {
      const report = await api.recover(key, recNew.input.value);
      recoverKey.value = '';
      recNew.input.value = '';
      recAgain.input.value = '';
      opts.onUnlocked(report, 'recovery');
    } catch (e) {
      recovering = false;
      hold(recSubmit, false);
      recBusy.textContent = '';
      showNote(recError, messageOf(e));
      const code = /** @type {any} */ (e)?.code;
      if (code === 'recovery_key_typo' || code === 'wrong_recovery_key') recoverKey.focus();
      else recNew.input.focus();
    }
  }
  recSubmit.addEventListener('click', recover);
  for (const input of [recNew.input, recAgain.input]) {
    input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); recover(); } });
  }
  const recBack = h('button', {
    type: 'button', id: 'recover-back', class: 'button button-quiet', text: 'Back to passphrase',
    onClick: () => toggleRecover(false),
  });

  const recoverForm = h('section', { id: 'recover-form', class: 'recover card', hidden: true, 'aria-labelledby': 'recover-title' },
    h('h2', { id: 'recover-title', tabindex: '-1', text: 'Open with your recovery key' }),
    h('p', null, 'Your recovery key is the one shown when you set up Tend, in groups of four characters. ',
      'It opens your journal, and then you choose a new passphrase.'),
    h('div', { class: 'field' },
      h('label', { for: 'recover-key', text: 'Recovery key' }),
      h('p', { id: 'recover-key-hint', class: 'hint', text: 'Dashes, spaces and capital letters don’t matter.' }),
      recoverKey),
    recNew.block,
    strengthHint(recNew.input, 'recover-strength'),
    recAgain.block,
    recError,
    h('div', { class: 'actions' }, recBack, recSubmit),
    recBusy);

  /** @param {boolean} open */
  function toggleRecover(open) {
    recoverForm.hidden = !open;
    unlockForm.hidden = open;
    forgot.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement} */ (recoverForm.querySelector('h2')).focus();
    else pass.input.focus();
  }
  forgot.addEventListener('click', () => toggleRecover(true));

  const unlockForm = h('div', { class: 'unlock-form' },
    pass.block,
    error,
    h('div', { class: 'actions' }, submit, quick),
    busy,
    h('p', { class: 'forgot-row' }, forgot));

  fill(main, h('div', { class: 'panel narrow unlock' },
    h('div', { class: 'unlock-mark', 'aria-hidden': 'true' }),
    h('h1', { tabindex: '-1', text: 'Welcome back' }),
    h('p', { class: 'lead', text: 'Your journal is locked. Type your passphrase to open it.' }),
    unlockForm,
    recoverForm));
  pass.input.focus();
}
