// @ts-check
/**
 * @file One way to run a save behind a button, so every form treats a failure alike: the
 * button waits while the journal works, a locked journal goes back to the unlock screen, and
 * any other problem shows calmly in the note beside the button.
 */

import { showNote, messageOf, hold } from './dom.js';
import { handleLocked } from './session.js';

/**
 * Runs `work` with `control` held (see `hold`: it keeps the focus), and lets it go however it ends. When `work`
 * fails: a locked journal goes to the unlock screen; anything else shows its message in `note`
 * (followed by `after`, such as "Your words are still here."), then `onError` runs.
 * @param {Element} control the button (or checkbox) that started it
 * @param {HTMLElement} note
 * @param {() => Promise<unknown>} work
 * @param {{after?: string, onError?: (e: any) => void}} [o]
 */
export async function saveWithNote(control, note, work, o = {}) {
  hold(control, true);
  try {
    await work();
  } catch (e) {
    if (/** @type {any} */ (e)?.code === 'cancelled') {
      // Stopped on purpose: said calmly, not as a problem.
      showNote(note, messageOf(e), 'info');
    } else if (!handleLocked(e)) {
      showNote(note, o.after ? `${messageOf(e)} ${o.after}` : messageOf(e));
      o.onError?.(e);
    }
  } finally {
    hold(control, false);
  }
}
