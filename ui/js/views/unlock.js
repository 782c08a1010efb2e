// @ts-check
/**
 * @file The unlock screen: passphrase, optional quick unlock, and the recovery-key form in
 * the same place for when the passphrase is forgotten or the keyring is gone. Its markup is in
 * index.html, so the screen is drawn before the modules load (first-screen.js shows it then);
 * this brings it to life. It is only ever shown at start: locking reloads the page.
 */

import * as api from '../api.js';
import { strengthHint } from '../components/strength-hint.js';
import { byId, showNote, messageOf, revealToggle, setScreen, hold } from '../dom.js';

/** @typedef {import('../api.js').UnlockReport} UnlockReport */

const KEYRING_HELP =
  'If it stays unavailable after a restart, or this is a new computer, your recovery key opens the journal.';

/**
 * Shows the unlock screen (if first-screen.js hasn't) and wires it. Returns whether it was
 * already on show, drawn before the modules.
 * @param {{status: import('../api.js').Status, onUnlocked: (report: UnlockReport, how: 'passphrase'|'quick'|'recovery') => void}} opts
 * @returns {boolean}
 */
export function showUnlock(opts) {
  const screen = /** @type {HTMLElement} */ (byId('unlock-screen'));
  const drawnEarly = !screen.hidden;
  /** @param {string} id */
  const el = (id) => /** @type {any} */ (byId(id));
  /** @type {HTMLInputElement} */
  const passInput = el('unlock-passphrase');
  const error = el('unlock-error');
  /** @type {HTMLButtonElement} */
  const submit = el('unlock-submit');
  const busy = el('unlock-busy');
  const forgot = el('forgot-link');
  /** @type {HTMLButtonElement} */
  const quick = el('quick-unlock');
  const unlockForm = el('unlock-form');
  for (const button of screen.querySelectorAll('.reveal')) {
    const input = /** @type {HTMLInputElement} */ (byId(button.getAttribute('aria-controls') ?? ''));
    const label = /** @type {HTMLElement} */ (screen.querySelector(`label[for="${input.id}"]`));
    revealToggle(input, /** @type {HTMLElement} */ (button), label.textContent ?? '');
  }

  let working = false;
  /** @param {boolean} on @param {string} [text] */
  function setBusy(on, text = '') {
    working = on;
    hold(submit, on);
    if (!quick.hidden) hold(quick, on);
    busy.textContent = text;
  }

  async function unlock() {
    if (working) return;
    const p = passInput.value;
    if (!p) {
      showNote(error, 'Type your passphrase, then press Open.', 'info');
      passInput.focus();
      return;
    }
    setBusy(true, 'Opening your journal…');
    showNote(error, '');
    try {
      const report = await api.unlock(p);
      passInput.value = '';
      opts.onUnlocked(report, 'passphrase');
    } catch (e) {
      setBusy(false);
      passInput.value = '';
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
      passInput.focus();
    }
  }
  submit.addEventListener('click', unlock);
  passInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); unlock(); }
  });

  quick.hidden = !opts.status.quickUnlock;
  quick.addEventListener('click', async () => {
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
      passInput.focus();
    }
  });

  // ---- Recovery ---------------------------------------------------------------------------
  /** @type {HTMLTextAreaElement} */
  const recoverKey = el('recover-key');
  /** @type {HTMLInputElement} */
  const recNew = el('recover-new');
  /** @type {HTMLInputElement} */
  const recAgain = el('recover-new-again');
  const recError = el('recover-error');
  const recBusy = el('recover-busy');
  /** @type {HTMLButtonElement} */
  const recSubmit = el('recover-submit');
  const recoverForm = el('recover-form');
  // How guessable the new passphrase is, said right below it.
  recNew.closest('.field').after(strengthHint(recNew, 'recover-strength'));
  let recovering = false;
  async function recover() {
    if (recovering) return;
    const key = recoverKey.value.trim();
    if (!key) {
      showNote(recError, 'Type or paste your recovery key first.', 'info');
      recoverKey.focus();
      return;
    }
    if (!recNew.value) {
      showNote(recError, 'Choose a new passphrase. You will use it from now on.', 'info');
      recNew.focus();
      return;
    }
    if (recNew.value !== recAgain.value) {
      showNote(recError, "The two new passphrases don't match yet. Type the same one in both boxes.");
      recAgain.focus();
      recAgain.select();
      return;
    }
    recovering = true;
    hold(recSubmit, true);
    recBusy.textContent = 'Opening your journal and setting the new passphrase…';
    showNote(recError, '');
    try {
      const report = await api.recover(key, recNew.value);
      recoverKey.value = '';
      recNew.value = '';
      recAgain.value = '';
      opts.onUnlocked(report, 'recovery');
    } catch (e) {
      recovering = false;
      hold(recSubmit, false);
      recBusy.textContent = '';
      showNote(recError, messageOf(e));
      const code = /** @type {any} */ (e)?.code;
      if (code === 'recovery_key_typo' || code === 'wrong_recovery_key') recoverKey.focus();
      else recNew.focus();
    }
  }
  recSubmit.addEventListener('click', recover);
  for (const input of [recNew, recAgain]) {
    input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); recover(); } });
  }
  el('recover-back').addEventListener('click', () => toggleRecover(false));

  /** @param {boolean} open */
  function toggleRecover(open) {
    recoverForm.hidden = !open;
    unlockForm.hidden = open;
    forgot.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement} */ (recoverForm.querySelector('h2')).focus();
    else passInput.focus();
  }
  forgot.addEventListener('click', () => toggleRecover(true));

  if (!drawnEarly) {
    setScreen('unlock');
    document.querySelector('#main > .booting')?.remove();
    screen.hidden = false;
    passInput.focus();
  }
  return drawnEarly;
}
