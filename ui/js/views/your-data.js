// @ts-check
/**
 * @file Settings, "Your data": encrypted backups (now, or automatically at lock), bringing a
 * backup back into this journal, bringing in another journal app's entries (preview first), a
 * plain export with its warning, and removing Tend's data from this computer. Words follow DESIGN.md section 9: backups open with the recovery key.
 */

import * as api from '../api.js';
import { h, fill, field, noteEl, showNote, messageOf, passwordField, labelled, announce } from '../dom.js';
import { plural } from '../format.js';
import { handleLocked, navigate } from '../session.js';
import { saveWithNote } from '../save-note.js';
import { withProgress } from '../components/work-progress.js';
import { withChooser } from '../components/path-chooser.js';

/** @param {string|null} iso */
function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * What the status line says about backups.
 * @param {import('../api.js').BackupPlan} plan
 */
export function backupStatusText(plan) {
  const last = plan.lastGood
    ? `Last backup: ${when(plan.lastGood)}${plan.lastFile ? `, ${plan.lastFile}` : ''}.`
    : 'No backup yet.';
  const how = plan.every === 'off'
    ? 'Automatic backups are off.'
    : `Tend backs up ${plan.every === 'daily' ? 'once a day' : 'once a week'} when you lock or close it, and keeps the last ${plural(plan.keep, 'backup')}.`;
  return `${last} ${how}`;
}

/** A place for the bar of long work, under a part's buttons. @param {string} id */
const progressHost = (id) => h('div', { id, class: 'work-host' });

/**
 * @param {string} id @param {string} title @param {any[]} body
 */
function section(id, title, body) {
  return h('section', { class: 'data-part', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, text: title }),
    body);
}

/**
 * The "Your data" card for Settings.
 * @param {(erased: import('../api.js').Erased) => void} onErased shows what is left after an erase
 */
export function yourDataCard(onErased) {
  // ---- Backups ----------------------------------------------------------------------------
  const status = h('p', { id: 'settings-backup-status', text: 'Reading your backup settings…' });
  const problem = noteEl('settings-backup-problem', 'status');
  const backupProgress = progressHost('settings-backup-progress');
  const folder = /** @type {HTMLInputElement} */ (field({
    id: 'settings-backup-folder', type: 'text', class: 'input mono', spellcheck: 'false', autocomplete: 'off',
  }));
  const everyField = h('fieldset', { class: 'radio-group' },
    h('legend', { text: 'Back up automatically' }),
    /** @type {const} */ ([['off', 'No, only when I choose'], ['daily', 'Once a day'], ['weekly', 'Once a week']]).map(([value, label]) =>
      h('label', { class: 'radio' },
        h('input', { type: 'radio', name: 'backup-every', value, id: `backup-every-${value}` }),
        h('span', { text: label }))));
  const keep = /** @type {HTMLInputElement} */ (field({
    id: 'settings-backup-keep', type: 'number', class: 'input input-number', min: '1', max: '100', step: '1', value: '10',
  }));
  const keyField = passwordField({
    id: 'settings-backup-key', label: 'Your recovery key',
    hint: 'This journal was made before backups, so Tend needs its recovery key once to know which key backups open with.',
  });
  keyField.block.hidden = true;
  const note = noteEl('settings-backup-note', 'status');
  const saveBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-backup-save', class: 'button button-quiet', text: 'Save backup settings' }));
  const nowBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-backup-now', class: 'button button-primary', text: 'Back up now' }));

  /** @param {import('../api.js').BackupPlan} plan */
  const show = (plan) => {
    status.textContent = backupStatusText(plan);
    showNote(problem, plan.problem ? `The last backup didn't work: ${plan.problem}` : '', 'info');
    folder.value = plan.folder ?? '';
    const radio = /** @type {HTMLInputElement|null} */ (everyField.querySelector(`input[value="${plan.every}"]`));
    if (radio) radio.checked = true;
    keep.value = String(plan.keep);
    keyField.block.hidden = !!plan.recipient;
  };
  api.backupPlan().then(show, (e) => {
    if (!handleLocked(e)) status.textContent = `Your backup settings can't be read just now. ${messageOf(e)}`;
  });

  /** Gives the recovery key first when the journal needs it; false when it was missing. */
  const ensureKey = async () => {
    if (keyField.block.hidden) return true;
    if (!keyField.input.value.trim()) {
      showNote(note, 'Type your recovery key first.', 'info');
      keyField.input.focus();
      return false;
    }
    show(await api.setBackupKey(keyField.input.value));
    keyField.input.value = '';
    return true;
  };

  const savePlan = async () => {
    const n = Number(keep.value);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      showNote(note, 'Keep a whole number of backups, from 1 to 100.');
      keep.focus();
      return null;
    }
    const checked = /** @type {HTMLInputElement|null} */ (everyField.querySelector('input:checked'));
    const every = /** @type {'off'|'daily'|'weekly'} */ (checked?.value ?? 'off');
    const plan = await api.saveBackupPlan(folder.value.trim() || null, every, n);
    show(plan);
    return plan;
  };

  saveBtn.addEventListener('click', () => saveWithNote(saveBtn, note, async () => {
    if (!(await ensureKey())) return;
    if (await savePlan()) {
      showNote(note, 'Saved.', 'ok');
      announce('Backup settings saved.');
    }
  }));
  nowBtn.addEventListener('click', () => saveWithNote(nowBtn, note, async () => {
    if (!folder.value.trim()) {
      showNote(note, 'Choose a folder for backups first.', 'info');
      folder.focus();
      return;
    }
    if (!(await ensureKey())) return;
    if (!(await savePlan())) return;
    showNote(note, 'Backing up…', 'info');
    try {
      const b = await withProgress(backupProgress, 'Backing up', () => api.backupNow(), { returnFocus: nowBtn });
      showNote(note, `Backed up ${plural(b.entries, 'entry', 'entries')} to ${b.file}. It opens with your recovery key.`, 'ok');
      announce('Backup written.');
    } finally {
      api.backupPlan().then(show, () => {});
    }
  }));

  const backups = section('settings-backups', 'Backups', [
    h('p', null,
      'A backup is one encrypted file with everything in your journal. It opens with your recovery key, ',
      'on a new computer too, so keep that key safe. Backups go only where you choose.'),
    status,
    problem,
    keyField.block,
    labelled({
      label: 'Backup folder',
      hint: 'For example a USB stick, or a folder your own backup tool copies. Choose it, or type its whole path.',
      control: folder, beside: withChooser(folder, () => ({ for: 'backupFolder' }), note),
    }),
    everyField,
    labelled({ label: 'How many automatic backups to keep', hint: 'Older ones are removed after a new one is written and checked.', control: keep }),
    h('div', { class: 'actions' }, saveBtn, nowBtn),
    backupProgress,
    note,
  ]);

  // ---- Bring a backup back ---------------------------------------------------------------------
  const file = /** @type {HTMLInputElement} */ (field({ id: 'settings-restore-file', type: 'text', class: 'input mono', spellcheck: 'false', autocomplete: 'off' }));
  const restoreKey = passwordField({
    id: 'settings-restore-key', label: 'The recovery key for that backup',
    hint: 'The one that was current when the backup was made.',
  });
  const restoreNote = noteEl('settings-restore-note', 'status');
  const restoreProgress = progressHost('settings-restore-progress');
  const restoreBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-restore', class: 'button button-quiet', text: 'Bring it in' }));
  restoreBtn.addEventListener('click', () => saveWithNote(restoreBtn, restoreNote, async () => {
    if (!file.value.trim()) { showNote(restoreNote, 'Choose the backup file first.', 'info'); file.focus(); return; }
    if (!restoreKey.input.value.trim()) { showNote(restoreNote, 'Type the recovery key for that backup.', 'info'); restoreKey.input.focus(); return; }
    showNote(restoreNote, 'Reading the backup…', 'info');
    const key = restoreKey.input.value;
    const r = await withProgress(restoreProgress, 'Reading the backup', () => api.mergeBackup(file.value.trim(), key), { returnFocus: restoreBtn });
    restoreKey.input.value = '';
    showNote(restoreNote, r.added === 0
      ? `Everything in that backup is already here (${plural(r.alreadyHere, 'entry', 'entries')}). Nothing was added.`
      : `Added ${plural(r.added, 'entry', 'entries')} from the backup. ${plural(r.alreadyHere, 'entry was', 'entries were')} already here and stay as they are.`, 'ok');
    announce('Backup brought in.');
  }));
  const restore = section('settings-restore-part', 'Bring a backup back', [
    h('p', null, 'Adds the entries and own words from a backup that aren\'t in this journal yet. ',
      'What is here already stays as it is, so doing it twice adds nothing.'),
    labelled({ label: 'Backup file', hint: 'A file ending in .age. Choose it, or type its whole path.', control: file, beside: withChooser(file, () => ({ for: 'backupFile' }), restoreNote) }),
    restoreKey.block,
    h('div', { class: 'actions' }, restoreBtn),
    restoreProgress,
    restoreNote,
  ]);

  // ---- Another journal app ---------------------------------------------------------------------
  const importFile = /** @type {HTMLInputElement} */ (field({ id: 'settings-import-file', type: 'text', class: 'input mono', spellcheck: 'false', autocomplete: 'off' }));
  const importFrom = /** @type {HTMLSelectElement} */ (h('select', { id: 'settings-import-from', class: 'input' },
    h('option', { value: '', text: 'Find out from the file' }),
    h('option', { value: 'jrnl', text: 'jrnl (JSON export)' }),
    h('option', { value: 'dayone', text: 'Day One (JSON export or its .zip)' }),
    h('option', { value: 'daylio', text: 'Daylio (CSV export or .daylio backup)' }),
    h('option', { value: 'minidiarium', text: 'Mini Diarium (JSON export)' })));
  const importNote = noteEl('settings-import-note', 'status');
  const importProgress = progressHost('settings-import-progress');
  const lookBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-import-look', class: 'button button-quiet', text: 'Look at the file' }));
  const bringBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-import-go', class: 'button button-primary', text: 'Bring them in', hidden: true }));
  /** @type {{file: string, source: import('../api.js').ImportSource|null}|null} */
  let previewed = null;
  const chosen = () => ({ file: importFile.value.trim(), source: /** @type {any} */ (importFrom.value || null) });
  const forget = () => { previewed = null; bringBtn.hidden = true; };
  importFile.addEventListener('input', forget);
  importFrom.addEventListener('change', forget);
  lookBtn.addEventListener('click', () => saveWithNote(lookBtn, importNote, async () => {
    const c = chosen();
    if (!c.file) { showNote(importNote, 'Choose the file the other app wrote first.', 'info'); importFile.focus(); return; }
    forget();
    const p = await api.importPreview(c.file, c.source);
    const here = p.alreadyHere > 0 ? ` ${plural(p.alreadyHere, 'entry is', 'entries are')} in your journal already and will stay as they are.` : '';
    showNote(importNote, `${p.line}.${here}`, 'info');
    if (p.entries > p.alreadyHere) {
      previewed = c;
      bringBtn.hidden = false;
      bringBtn.focus();
    }
  }));
  bringBtn.addEventListener('click', () => saveWithNote(bringBtn, importNote, async () => {
    if (!previewed) return;
    const p = previewed;
    const r = await withProgress(importProgress, 'Bringing entries in', () => api.importFile(p.file, p.source), { returnFocus: bringBtn });
    forget();
    showNote(importNote, `Brought in ${plural(r.added, 'entry', 'entries')}. They are in your journal now.`, 'ok');
    announce('Import done.');
  }));
  const another = section('settings-import-part', 'Bring in another journal', [
    h('p', null, 'Entries from jrnl, Day One, Daylio or Mini Diarium. You see what the file holds before anything is saved, ',
      'and bringing the same file in twice adds nothing. Entries the other app kept without a mood stay without one.'),
    labelled({ label: 'File from the other app', hint: 'Choose it, or type its whole path.', control: importFile, beside: withChooser(importFile, () => ({ for: 'importFile' }), importNote) }),
    labelled({ label: 'Which app made it', control: importFrom }),
    h('div', { class: 'actions' }, lookBtn, bringBtn),
    importProgress,
    importNote,
  ]);

  // ---- Summary for a clinician -----------------------------------------------------------------
  const summaryPart = section('settings-summary-part', 'A summary for your clinician or therapist', [
    h('p', null, 'A printable page for a period you choose, with only the entries you tick. Print it, or save it as a PDF.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'settings-summary', class: 'button button-quiet', text: 'Make a summary',
        onClick: () => navigate('summary') })),
  ]);

  // ---- Plain export ----------------------------------------------------------------------------
  const format = /** @type {HTMLSelectElement} */ (h('select', { id: 'settings-export-format', class: 'input' },
    h('option', { value: 'md', text: 'A readable page (Markdown)' }),
    h('option', { value: 'csv', text: 'A spreadsheet (CSV)' }),
    h('option', { value: 'json', text: "Everything, in Tend's own format (JSON)" })));
  const exportFile = /** @type {HTMLInputElement} */ (field({ id: 'settings-export-file', type: 'text', class: 'input mono', spellcheck: 'false', autocomplete: 'off' }));
  const exportFrom = /** @type {HTMLInputElement} */ (field({ id: 'settings-export-from', type: 'date', class: 'input input-date' }));
  const exportTo = /** @type {HTMLInputElement} */ (field({ id: 'settings-export-to', type: 'date', class: 'input input-date' }));
  const exportNote = noteEl('settings-export-note', 'status');
  const exportProgress = progressHost('settings-export-progress');
  const exportBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-export', class: 'button button-quiet', text: 'Export' }));
  exportBtn.addEventListener('click', () => saveWithNote(exportBtn, exportNote, async () => {
    if (!exportFile.value.trim()) { showNote(exportNote, 'Choose where to save the file first.', 'info'); exportFile.focus(); return; }
    const kind = /** @type {'json'|'md'|'csv'} */ (format.value);
    const range = { from: exportFrom.value || null, to: exportTo.value || null };
    const path = exportFile.value.trim();
    // A file there already is replaced only when the system's save dialog asked, and the person said yes.
    const replace = path === exportFile.dataset.chosen;
    const n = await withProgress(exportProgress, 'Exporting', () => api.exportJournal(kind, path, range, replace), { returnFocus: exportBtn });
    showNote(exportNote, `Exported ${plural(n, 'entry', 'entries')} to ${exportFile.value.trim()}. It is not encrypted: delete it when you're done.`, 'ok');
  }));
  const plain = section('settings-export-part', 'Export to a plain file', [
    h('p', { id: 'settings-export-warning', class: 'note', dataset: { tone: 'info' } },
      'An export is NOT encrypted: anyone who can open the file can read every entry. ',
      'Keep it somewhere private, and delete it when you\'re done. A file already there is replaced only when you say so in the save dialog.'),
    labelled({ label: 'What kind of file', control: format }),
    h('div', { class: 'field-row' },
      labelled({ label: 'From (leave empty for the first entry)', control: exportFrom }),
      labelled({ label: 'To (leave empty for the last)', control: exportTo })),
    labelled({
      label: 'File to write',
      hint: 'Somewhere private, for example your Documents folder. Choose it, or type its whole path.',
      control: exportFile, beside: withChooser(exportFile, () => ({ for: 'exportFile', format: /** @type {'json'|'md'|'csv'} */ (format.value) }), exportNote),
    }),
    h('div', { class: 'actions' }, exportBtn),
    exportProgress,
    exportNote,
  ]);

  // ---- Erase -----------------------------------------------------------------------------------
  const confirm = /** @type {HTMLInputElement} */ (field({ id: 'settings-erase-confirm', type: 'text', class: 'input input-short', autocomplete: 'off', spellcheck: 'false' }));
  const eraseNote = noteEl('settings-erase-note', 'status');
  const eraseBtn = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'settings-erase', class: 'button button-danger', text: "Remove Tend's data from this computer" }));
  eraseBtn.addEventListener('click', () => saveWithNote(eraseBtn, eraseNote, async () => {
    if (confirm.value.trim().toLowerCase() !== 'erase') {
      showNote(eraseNote, 'To go ahead, type the word erase in the box first.', 'info');
      confirm.focus();
      return;
    }
    onErased(await api.eraseData());
  }));
  const erase = section('settings-erase-part', "Remove Tend's data from this computer", [
    h('p', null,
      'This removes your journal and everything in it from this computer: its files, the support numbers kept ',
      'beside it, its keyring entry and the window\'s own data. Backups are not touched. It can\'t be undone.'),
    labelled({ label: 'Type erase to confirm', control: confirm }),
    h('div', { class: 'actions' }, eraseBtn),
    eraseNote,
  ]);

  return h('section', { class: 'card settings-card', 'aria-labelledby': 'settings-data-title' },
    h('h2', { id: 'settings-data-title', text: 'Your data' }),
    backups, restore, another, summaryPart, plain, erase);
}

/**
 * The calm page left after an erase.
 * @param {HTMLElement} main
 * @param {import('../api.js').Erased} erased
 */
export function showErased(main, erased) {
  fill(main, h('div', { class: 'panel narrow' },
    h('h1', { id: 'erased-heading', tabindex: '-1', text: "Tend's data is removed from this computer" }),
    h('p', null, 'Your journal, its side files and its keyring entry are gone from here.'),
    erased.backupsLeftIn
      ? h('p', { id: 'erased-backups' }, 'Your backups are still in ', h('span', { class: 'mono path', text: erased.backupsLeftIn }),
        '. They open with your recovery key.')
      : h('p', { id: 'erased-backups', text: 'Any backups you made are still wherever you saved them. They open with your recovery key.' }),
    erased.keyringCleared ? null
      : h('p', { class: 'note', dataset: { tone: 'info' }, text: "The keyring didn't answer, so its entry for Tend (app.tend) may still be there." }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'erased-start', class: 'button button-quiet', text: 'Start a new journal or restore one',
        onClick: () => window.location.reload() }))));
  /** @type {HTMLElement} */ (main.querySelector('h1')).focus();
}
