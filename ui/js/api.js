// @ts-check
/**
 * @file The only module that touches Tauri. Every call goes through `invoke` to one of Tend's
 * own commands; errors arrive as {code, message}. The typedefs mirror the Rust types.
 */

/** @typedef {'bright'|'calm'|'tense'|'heavy'|'mixed'} Quadrant */
/** @typedef {'yes'|'mostly'|'unsure'|'no'} Choice */
/** @typedef {'right-after'|'later-that-day'|'next-day'|'days-later'} Timing */
/** @typedef {'few-hours'|'tomorrow'} CheckIn */
/** @typedef {{pleasantness: number, energy: number}} Mood */

/**
 * What a person enters; everything but `mood` is optional, and `mood` is null only for an
 * entry with no mood recorded (an imported one), which keeps none until a point is placed.
 * @typedef {{
 *   at?: string|null, mood: Mood|null, emotions?: string[], labels?: string[], context?: string[],
 *   aftercareGot?: string[], aftercareWanted?: string[], body?: string[], choice?: Choice|null,
 *   timing?: Timing|null, follows?: string|null, partner?: string|null, prompt?: string|null, text?: string,
 *   checkIn?: CheckIn|null
 * }} EntryInput
 */

/**
 * A stored entry (times are RFC 3339 with offset). `mood` and `quadrant` are both null for an
 * entry with no mood recorded.
 * @typedef {{
 *   id: string, at: string, created: string, updated: string, mood: Mood|null, quadrant: Quadrant|null,
 *   emotions: string[], labels: string[], context: string[], aftercareGot: string[],
 *   aftercareWanted: string[], body: string[], choice: Choice|null, timing: Timing|null,
 *   follows: string|null, partner: string|null, prompt: string|null, text: string, checkIn: CheckIn|null
 * }} Entry
 */

/** @typedef {{items: Entry[], total: number, feelings: string[], foundIn: string[][]}} Page */
/** @typedef {{text?: string, moods?: Quadrant[], labels?: string[], feeling?: string|null, contexts?: string[], unmet?: boolean, from?: string|null, to?: string|null, offset?: number, limit?: number}} EntryQuery */
/** @typedef {{deviceBound: boolean, quickUnlock: boolean, keyringProblem: string|null}} Protection */
/**
 * Records not as Tend last saved them: older versions put back, records it didn't save (or
 * deleted), records gone, and whether its sealed list itself was changed.
 * @typedef {{older: string[], unknown: string[], missing: string[], indexChanged: boolean}} NotAsSaved
 */
/** @typedef {{entries: number, damaged: string[], protection: Protection, notAsSaved: NotAsSaved}} UnlockReport */
/** @typedef {{exists: boolean, unlocked: boolean, quickUnlock: boolean, deviceBound: boolean, dataDir: string}} Status */
/** @typedef {{recoveryKey: string, protection: Protection}} Created */
/** @typedef {{idleMinutes: number, windowTitle: string, theme: 'system'|'light'|'dark'}} Settings */
/** @typedef {{id: string, label: string, quadrant: Quadrant, everywhere?: boolean}} EmotionWord */
/** @typedef {{id: string, label: string, group: string}} Chip */
/** @typedef {{id: string, label: string, group: string, urgent: boolean, retired?: boolean}} BodyItem */
/** @typedef {{id: string, label: string}} Label */
/**
 * @typedef {{
 *   shipped: {version: number, emotions: EmotionWord[], contexts: Chip[], aftercare: Chip[], body: BodyItem[], labels: Label[]},
 *   own: {emotions: EmotionWord[], labels: Label[]}
 * }} Words
 */
/** @typedef {{code: string, message: string}} ApiError */

/**
 * @param {string} cmd
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<any>}
 */
function call(cmd, args = {}) {
  const internals = /** @type {any} */ (window).__TAURI_INTERNALS__;
  if (!internals) {
    return Promise.reject({ code: 'no_shell', message: 'Tend needs its desktop window to run.' });
  }
  return asError(internals.invoke(cmd, args));
}

/**
 * `answer`, with any failure as an ApiError.
 * @param {Promise<any>} answer
 */
function asError(answer) {
  return answer.catch((/** @type {any} */ e) => {
    throw (e && typeof e === 'object' && 'code' in e)
      ? e
      : { code: 'unknown', message: 'Something went wrong. Nothing was changed; try again.' };
  });
}

/**
 * How the journal is. The first time, the answer early.js asked for as the page started.
 * @returns {Promise<Status>}
 */
export function status() {
  const w = /** @type {any} */ (window);
  const early = w.__tendEarlyStatus;
  if (early) {
    w.__tendEarlyStatus = null;
    return asError(early);
  }
  return call('status');
}
/** @param {string} passphrase @returns {Promise<Created>} */
export const create = (passphrase) => call('create', { passphrase });
/**
 * How guessable a passphrase is, as the core judges it (so the window and `tend` agree).
 * @typedef {{score: number, offline: string, offlineSeconds: number, enoughAlone: boolean, says: string}} Strength
 * @param {string} passphrase
 * @returns {Promise<Strength>}
 */
export const passphraseStrength = (passphrase) => call('passphrase_strength', { passphrase });
/** @param {string} passphrase @returns {Promise<UnlockReport>} */
export const unlock = (passphrase) => call('unlock', { passphrase });
/** @returns {Promise<UnlockReport>} */
export const unlockQuick = () => call('unlock_quick');
/** @param {string} recoveryKey @param {string} newPassphrase @returns {Promise<UnlockReport>} */
export const recover = (recoveryKey, newPassphrase) => call('recover', { recoveryKey, newPassphrase });
/**
 * Locks; what is written and not saved goes with it, sealed, to be offered back after unlock.
 * @param {Draft[]} [drafts] @returns {Promise<void>}
 */
export const lock = (drafts = []) => call('lock', { drafts });
/**
 * What was being written when the journal locked. `id` is given by the journal; sent back with
 * a draft that was picked up, it keeps that draft in place instead of adding another.
 * @typedef {{id?: string|null, input: EntryInput, editing: string|null, keptAt?: string|null}} Draft
 */
/** The drafts kept at lock, newest first. @returns {Promise<Draft[]>} */
export const drafts = () => call('drafts');
/** Lets a kept draft go (it was saved, or the person chose to). @param {string} id @returns {Promise<void>} */
export const discardDraft = (id) => call('discard_draft', { id });
/** @param {EntryInput} input @returns {Promise<Entry>} */
export const addEntry = (input) => call('add_entry', { input });
/** @param {string} id @param {EntryInput} input @returns {Promise<Entry>} */
export const updateEntry = (id, input) => call('update_entry', { id, input });
/** @param {string} id @returns {Promise<void>} */
export const deleteEntry = (id) => call('delete_entry', { id });
/** @param {string} id @returns {Promise<Entry>} */
export const getEntry = (id) => call('get_entry', { id });
/** @param {number} offset @param {number} limit @returns {Promise<Page>} */
export const listEntries = (offset, limit) => call('list_entries', { offset, limit });
/** Words, filters and a page, answered by the core over the whole journal. @param {EntryQuery} query @returns {Promise<Page>} */
export const searchEntries = (query) => call('search_entries', { query });
/** @returns {Promise<Words>} */
export const words = () => call('words');
/** @param {string} label @param {Quadrant} quadrant @returns {Promise<EmotionWord>} */
export const addOwnEmotion = (label, quadrant) => call('add_own_emotion', { label, quadrant });
/** @param {string} label @returns {Promise<Label>} */
export const addOwnLabel = (label) => call('add_own_label', { label });
/** @returns {Promise<Settings>} */
export const settings = () => call('settings');
/** @param {Settings} settings @returns {Promise<Settings>} */
export const saveSettings = (settings) => call('save_settings', { settings });
/** @param {string} current @param {string} next @returns {Promise<Protection>} */
export const changePassphrase = (current, next) => call('change_passphrase', { current, new: next });
/**
 * A new key for the whole journal, with a new passphrase and a new recovery key (shown once).
 * @param {string} current @param {string} next @returns {Promise<{recoveryKey: string, protection: Protection}>}
 */
export const rekey = (current, next) => call('rekey', { current, new: next });
/** @param {string} current @returns {Promise<string>} */
export const newRecoveryKey = (current) => call('new_recovery_key', { current });
/** @param {string} current @param {boolean} on @returns {Promise<Protection>} */
export const setQuickUnlock = (current, on) => call('set_quick_unlock', { current, on });
/**
 * Patterns over a period (dates as YYYY-MM-DD; null for "from the first entry" / "to today").
 * @param {string|null} from @param {string|null} to @returns {Promise<any>}
 */
export const insights = (from, to) => call('insights', { from, to });

/* ---- Your data: backups, export, erase (DESIGN.md section 9) ---- */

/**
 * Where backups go, how often, and how the last one went. `recipient` is unset in a journal
 * made before backups existed, until its recovery key is given once.
 * @typedef {{recipient: string|null, folder: string|null, every: 'off'|'daily'|'weekly', keep: number,
 *   lastGood: string|null, lastFile: string|null, problem: string|null}} BackupPlan
 * @typedef {{file: string, entries: number, removed: number}} Backed
 * @typedef {{added: number, alreadyHere: number, ownWordsAdded: number}} Restored
 * @typedef {{files: number, keyringCleared: boolean, backupsLeftIn: string|null}} Erased
 */
/** @returns {Promise<BackupPlan>} */
export const backupPlan = () => call('backup_plan');
/** @param {string|null} folder @param {'off'|'daily'|'weekly'} every @param {number} keep @returns {Promise<BackupPlan>} */
export const saveBackupPlan = (folder, every, keep) => call('save_backup_plan', { folder, every, keep });
/** @param {string} recoveryKey @returns {Promise<BackupPlan>} */
export const setBackupKey = (recoveryKey) => call('set_backup_key', { recoveryKey });
/** @returns {Promise<Backed>} */
export const backupNow = () => call('backup_now');
/** @param {string} file @param {string} recoveryKey @returns {Promise<Restored>} */
export const mergeBackup = (file, recoveryKey) => call('merge_backup', { file, recoveryKey });
/**
 * Restores a backup into this computer's empty data folder; the journal is then open.
 * @param {string} file @param {string} recoveryKey @param {string} newPassphrase @returns {Promise<Restored>}
 */
export const restoreBackup = (file, recoveryKey, newPassphrase) => call('restore_backup', { file, recoveryKey, newPassphrase });
/**
 * A plain, NOT encrypted export; returns how many entries went out.
 * @param {'json'|'md'|'csv'} format @param {string} file @param {{from: string|null, to: string|null}} range
 * @param {boolean} [replace] an existing file is replaced (the person said so in the save dialog)
 * @returns {Promise<number>}
 */
export const exportJournal = (format, file, range, replace = false) => call('export_journal', { format, file, range, replace });
/** @returns {Promise<Erased>} */
export const eraseData = () => call('erase_data');
/**
 * What another journal app's file holds; `line` is the preview in words.
 * @typedef {'jrnl'|'dayone'|'daylio'|'minidiarium'} ImportSource
 * @typedef {{source: ImportSource, entries: number, alreadyHere: number, first: string|null, last: string|null,
 *   skipped: {reason: string, count: number}[], photosSkipped: number, line: string}} ImportPreview
 */
/** @param {string} file @param {ImportSource|null} source @returns {Promise<ImportPreview>} */
export const importPreview = (file, source) => call('import_preview', { file, source });
/**
 * The printable summary for a clinician or therapist: one HTML page made by the core.
 * @param {{from: string|null, to: string|null, entries: string[], withText: boolean}} request
 * @returns {Promise<{html: string, entries: number, shown: number}>}
 */
export const summary = (request) => call('summary', { request });
/** @param {string} file @param {ImportSource|null} source @returns {Promise<{added: number, alreadyHere: number}>} */
export const importFile = (file, source) => call('import_file', { file, source });

/**
 * How far the long work in hand has come; `null` when none.
 * @returns {Promise<{fraction: number, cancelled: boolean, committing: boolean}|null>}
 */
export const workProgress = () => call('work_progress');
/** Asks the long work in hand to stop (it stops only while nothing has changed). @returns {Promise<void>} */
export const cancelWork = () => call('cancel_work');
/**
 * The system's file or folder dialog; the chosen path, or `null` when closed without choosing.
 * @param {{for: 'backupFolder'|'backupFile'|'importFile'|'recoveryKeyFile'} | {for: 'exportFile', format: 'json'|'md'|'csv'}} purpose
 * @returns {Promise<string|null>}
 */
export const choosePath = (purpose) => call('choose_path', { purpose });

/* ---- Care (CONTENT.md c, d, e) ---- */

/**
 * State keys: 'bright'|'calm'|'tense'|'heavy'|'mixed'|'numb'|'shame'|'activated'|'consent'|'unmet'|
 * 'later'|'review'|'before'|'now'|'any'. Context keys: 'solo'|'partner'|'casual'|'multi'|'remote'|'top'|'bottom'|
 * 'substances'|'any'.
 * `leadsTo` is set on a closed prompt that offers a way to the grounding exercise or to support.
 * @typedef {{id: string, text: string, states: string[], contexts: string[], open: boolean,
 *   leadsTo?: 'grounding'|'support'}} Prompt
 * @typedef {{id: string, need: string, title: string, howTo: string, why: string, evidence: string,
 *   source: string, grade: string, states: string[], contexts: string[], body?: string[], avoid?: string[],
 *   writing: boolean}} CopingIdea
 * @typedef {{id: string, title: string, blurb: string}} Need
 * `see` names other explainers it leads on to, by id.
 * @typedef {{id: string, title: string, body: string, see?: string[]}} Explainer
 * A card block: {p: text} | {list: text[]} | {hint: text} | {numbers: true} (where the saved numbers go).
 * Text may hold **bold** spans; render them as <strong> through the DOM, never as HTML.
 * @typedef {{p?: string, list?: string[], hint?: string, numbers?: boolean, noNumber?: string}} Block
 * Card actions: 'safety-plan'|'grounding'|'back'|'numbers'|'coping'|'not-now'|'never'|'support'.
 * 'gentle-support' is the short card shown for "hopeless"; its actions are 'support' (opens
 * "Need support now?") and 'back'.
 * @typedef {{id: 'support'|'find-help'|'talk-to-someone'|'consent'|'medical'|'safer-sex'|'gentle-support', title: string, blocks: Block[], actions: string[], waits?: boolean}} Card
 * @typedef {{title: string, intro: string, steps: string[], idea?: string}} Grounding
 * `review` is there only once a clinical review has happened: when, and the reviewer's role.
 * @typedef {{date: string, reviewer: string}} Review
 * "Need support now?" asks first: `danger` is always shown; each choice leads with a card or
 * with grounding.
 * @typedef {{id: 'harm'|'unwanted'|'settle', label: string, card?: Card['id'], grounding?: boolean}} SupportChoice
 * @typedef {{danger: string, question: string, choices: SupportChoice[]}} SupportAsk
 * @typedef {{version: number, review?: Review, footer: string, support: SupportAsk, needs: Need[], prompts: Prompt[],
 *   coping: CopingIdea[], explainers: Explainer[], cards: Card[], grounding: Grounding}} CareContent
 * What Tend offers for one entry. `groundingFirst` is true when memories surfaced or the choice
 * check was "not sure"/"no": show the grounding exercise, and no writing box for the prompt.
 * `supportToo` is true when the entry chose "hopeless" but a stronger card (consent or medical)
 * took the one card slot: offer a way to "Need support now?" as well. `medicalToo` is the
 * medical card when an urgent body item was chosen but the consent card took the slot: show it
 * beside the consent card.
 * @typedef {{entryId: string, states: string[], contexts: string[], groundingFirst: boolean,
 *   prompt: Prompt|null, coping: CopingIdea[], card: Card|null, supportToo: boolean, medicalToo: Card|null}} Offer
 * @typedef {{warningSigns: string, whatHelps: string, people: string, professionals: string, saferSpace: string}} SafetyPlan
 * `openingLine`: the aftercare card opens with "I sometimes feel low after sex. It isn't about you…".
 * @typedef {{closeness: 'closeness'|'space'|'depends'|null, items: string[], openingLine: boolean, closenessNote: string,
 *   wordsNote: string, bodyNote: string, laterNote: string, otherNote: string}} AftercareNeeds
 * @typedef {{emergency: string, crisisLine: string, assaultService: string, trustedName: string, trustedNumber: string}} SupportNumbers
 * @typedef {{safetyPlan: SafetyPlan, aftercareNeeds: AftercareNeeds, numbers: SupportNumbers,
 *   numbersOutside: boolean, patternCards: boolean}} CareState
 * `numbers` is null when none are readable now (locked and not kept outside the encryption).
 * @typedef {{numbers: SupportNumbers|null, outside: boolean, locked: boolean, outsideDiffers: boolean}} SupportInfo
 * @typedef {{id: string, at: string, quadrant: Quadrant|null, checkIn: CheckIn, due: string, until: string}} DueCheckIn
 */

/** Every prompt, idea, explainer and card; works while locked. @returns {Promise<CareContent>} */
export const careContent = () => call('care_content');
/** What Tend offers after saving this entry; records that a pattern card was shown. @param {string} id @returns {Promise<Offer>} */
export const careAfterSave = (id) => call('care_after_save', { id });
/** What Tend offers for this entry, read again as the core chose it; changes nothing. @param {string} id @returns {Promise<Offer>} */
export const careForEntry = (id) => call('care_for_entry', { id });
/** Saves an answer to a prompt into the entry (added to its text). @param {string} id @param {string} prompt @param {string} answer @returns {Promise<Entry>} */
export const answerPrompt = (id, prompt, answer) => call('answer_prompt', { id, prompt, answer });
/** @returns {Promise<CareState>} */
export const careState = () => call('care_state');
/** @param {SafetyPlan} plan @returns {Promise<SafetyPlan>} */
export const saveSafetyPlan = (plan) => call('save_safety_plan', { plan });
/** @param {AftercareNeeds} needs @returns {Promise<AftercareNeeds>} */
export const saveAftercareNeeds = (needs) => call('save_aftercare_needs', { needs });
/**
 * Saves the support numbers. With `outside` true (only after the person agreed) they are kept in a
 * small file outside the journal's encryption, so they show on the unlock screen.
 * @param {SupportNumbers} numbers @param {boolean} outside @returns {Promise<SupportInfo>}
 */
export const saveSupportNumbers = (numbers, outside) => call('save_support_numbers', { numbers, outside });
/** The saved numbers; works while locked when they are kept outside. @returns {Promise<SupportInfo>} */
export const supportNumbers = () => call('support_numbers');
/** Turns the "consider talking to someone" card on or off. @param {boolean} on @returns {Promise<CareState>} */
export const setPatternCards = (on) => call('set_pattern_cards', { on });
/** Entries that asked to check in later and are due now. @returns {Promise<DueCheckIn[]>} */
export const dueCheckIns = () => call('due_check_ins');
/**
 * Stops asking about this entry's check-in, and those `also` due with it, in one save; entries
 * deleted meanwhile are passed over.
 * @param {string} id @param {string[]} [also] @returns {Promise<void>}
 */
export const dismissCheckIn = (id, also = []) => call('dismiss_check_in', { id, also });
/**
 * Opens the system print dialog for this window (only the aftercare card prints). When it can't,
 * the error is {code: 'print_unavailable', message} with a message to show as it is.
 * @returns {Promise<void>}
 */
export const printPage = () => call('print_page');
/**
 * Marks the first screen as painted (the app says so only with its debug flag for figures), with
 * the time since the page began (its navigation start), so the page's own share is told apart.
 * @param {number} pageMs
 */
export const firstPaint = (pageMs) => call('first_paint', { pageMs });
/**
 * Writes the recovery key to the file just chosen with `choosePath({for: 'recoveryKeyFile'})`
 * (not encrypted, like paper; private to the person). Only a real recovery key is written.
 * @param {string} key
 * @returns {Promise<void>}
 */
export const saveRecoveryKey = (key) => call('save_recovery_key', { key });
