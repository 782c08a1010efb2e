// @ts-check
/**
 * @file The only module that touches Tauri. Every call goes through `invoke` to one of Tend's
 * own commands; errors arrive as {code, message}. The typedefs mirror the Rust types.
 */

/** @typedef {'bright'|'calm'|'tense'|'heavy'|'mixed'} Quadrant */
/** @typedef {'yes'|'mostly'|'unsure'|'no'} Choice */
/** @typedef {'right-after'|'later-that-day'|'next-day'|'days-later'} Timing */
/** @typedef {{pleasantness: number, energy: number}} Mood */

/**
 * What a person enters; everything but `mood` is optional.
 * @typedef {{
 *   at?: string|null, mood: Mood, emotions?: string[], labels?: string[], context?: string[],
 *   aftercareGot?: string[], aftercareWanted?: string[], body?: string[], choice?: Choice|null,
 *   timing?: Timing|null, follows?: string|null, partner?: string|null, prompt?: string|null, text?: string
 * }} EntryInput
 */

/**
 * A stored entry (times are RFC 3339 with offset).
 * @typedef {{
 *   id: string, at: string, created: string, updated: string, mood: Mood, quadrant: Quadrant,
 *   emotions: string[], labels: string[], context: string[], aftercareGot: string[],
 *   aftercareWanted: string[], body: string[], choice: Choice|null, timing: Timing|null,
 *   follows: string|null, partner: string|null, prompt: string|null, text: string
 * }} Entry
 */

/** @typedef {{items: Entry[], total: number}} Page */
/** @typedef {{deviceBound: boolean, quickUnlock: boolean, keyringProblem: string|null}} Protection */
/** @typedef {{entries: number, damaged: string[], protection: Protection}} UnlockReport */
/** @typedef {{exists: boolean, unlocked: boolean, quickUnlock: boolean, deviceBound: boolean, dataDir: string}} Status */
/** @typedef {{recoveryKey: string, protection: Protection}} Created */
/** @typedef {{idleMinutes: number, windowTitle: string, theme: 'system'|'light'|'dark'}} Settings */
/** @typedef {{id: string, label: string, quadrant: Quadrant}} EmotionWord */
/** @typedef {{id: string, label: string, group: string}} Chip */
/** @typedef {{id: string, label: string, group: string, urgent: boolean}} BodyItem */
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
  return internals.invoke(cmd, args).catch((/** @type {any} */ e) => {
    throw (e && typeof e === 'object' && 'code' in e)
      ? e
      : { code: 'unknown', message: 'Something went wrong. Nothing was changed; try again.' };
  });
}

/** @returns {Promise<Status>} */
export const status = () => call('status');
/** @param {string} passphrase @returns {Promise<Created>} */
export const create = (passphrase) => call('create', { passphrase });
/** @param {string} passphrase @returns {Promise<UnlockReport>} */
export const unlock = (passphrase) => call('unlock', { passphrase });
/** @returns {Promise<UnlockReport>} */
export const unlockQuick = () => call('unlock_quick');
/** @param {string} recoveryKey @param {string} newPassphrase @returns {Promise<UnlockReport>} */
export const recover = (recoveryKey, newPassphrase) => call('recover', { recoveryKey, newPassphrase });
/** @returns {Promise<void>} */
export const lock = () => call('lock');
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
/** @param {string} query @param {number} offset @param {number} limit @returns {Promise<Page>} */
export const searchEntries = (query, offset, limit) => call('search_entries', { query, offset, limit });
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
/** @param {string} current @returns {Promise<string>} */
export const newRecoveryKey = (current) => call('new_recovery_key', { current });
/** @param {string} current @param {boolean} on @returns {Promise<Protection>} */
export const setQuickUnlock = (current, on) => call('set_quick_unlock', { current, on });
/**
 * Patterns over a period (dates as YYYY-MM-DD; null for "from the first entry" / "to today").
 * @param {string|null} from @param {string|null} to @returns {Promise<any>}
 */
export const insights = (from, to) => call('insights', { from, to });
