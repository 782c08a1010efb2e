// @ts-check
/**
 * @file Asks the journal how it is (new, locked, damaged) the moment the page starts, while its
 * styles and modules are still arriving, so the first screen doesn't wait for that answer after
 * them. A classic script in the head runs at once; api.js's `status()` takes the answer.
 */
{
  const internals = /** @type {any} */ (window).__TAURI_INTERNALS__;
  const asked = internals ? internals.invoke('status') : null;
  // Its failure is read by api.js; until then, it isn't an unhandled one.
  asked?.catch(() => {});
  Object.defineProperty(window, '__tendEarlyStatus', { value: asked, writable: true });
}
