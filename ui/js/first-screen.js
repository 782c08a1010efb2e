// @ts-check
/**
 * @file Shows the lock screen that index.html already holds, as soon as the journal says it is
 * there to open, then loads the rest of the UI: the usual first screen is drawn with the
 * styles, and the modules (whose loading is most of a start) come after it. A classic script at
 * the end of the body: it runs once the styles above it have loaded and the page is parsed.
 * views/unlock.js brings the screen to life when the modules arrive; every other first screen
 * (setup, a problem) is theirs to show, and they load at once for it.
 */
{
  const w = /** @type {any} */ (window);
  const screen = document.getElementById('unlock-screen');
  let loading = false;
  /** Loads main.js, and with it every screen; once. */
  const loadTheRest = () => {
    if (loading) return;
    loading = true;
    const main = document.createElement('script');
    main.type = 'module';
    main.src = 'js/main.js';
    document.body.append(main);
  };

  /**
   * The last button pressed (or Enter in the passphrase: Open) before the modules have wired
   * the page, "Need support now?" as much as Open, is kept by its id in the body's
   * `data-pressed`; main.js presses it again once they have, and marks the body `data-ready`.
   * Typing on after it drops it: only a press that was the last thing done is pressed again,
   * with what the fields held then.
   * @param {Event} ev
   */
  const keep = (ev) => {
    const { dataset } = document.body;
    if ('ready' in dataset) return;
    const target = /** @type {HTMLElement} */ (ev.target);
    const enter = ev instanceof KeyboardEvent && ev.key === 'Enter' && target.id === 'unlock-passphrase';
    const id = enter ? 'unlock-submit' : ev.type === 'click' ? target.closest('button')?.id : '';
    if (id) dataset.pressed = id;
    else if (ev.type !== 'click') delete dataset.pressed;
  };

  /** @param {any} status @returns {boolean} whether the lock screen is now on show */
  const showLock = (status) => {
    if (!status?.exists || !screen || document.body.dataset.screen !== 'boot') return false;
    document.body.dataset.screen = 'unlock';
    document.querySelector('#main > .booting')?.remove();
    const quick = document.getElementById('quick-unlock');
    if (quick) quick.hidden = !status.quickUnlock;
    for (const type of ['click', 'keydown', 'input']) document.addEventListener(type, keep);
    screen.hidden = false;
    document.getElementById('unlock-passphrase')?.focus();
    return true;
  };

  Promise.resolve(w.__tendEarlyStatus)
    .then(showLock)
    .catch(() => false)
    .then((shown) => {
      if (!shown) {
        loadTheRest();
        return;
      }
      // The frame after this one is drawn: the app tells of it only when started with its
      // figures flag (main.js marks the other first screens). Then the rest loads; a window
      // that draws no frame (hidden at start) gets it a moment later all the same.
      requestAnimationFrame(() => setTimeout(() => {
        w.__TAURI_INTERNALS__.invoke('first_paint', { pageMs: performance.now() }).catch(() => {});
        loadTheRest();
      }, 0));
      setTimeout(loadTheRest, 250);
    });
}
