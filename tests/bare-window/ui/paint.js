// The same paint mark as Tend's: the frame after the first screen is drawn.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke('first_paint', { pageMs: performance.now() }), 0));
