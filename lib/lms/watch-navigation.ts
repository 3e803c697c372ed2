/**
 * Calls `onChange` when a page may now be a different place: single-page-app navigation (history and
 * hash changes) or a new document title. No polling loop: it listens to the Navigation API where it
 * exists (Chromium), else popstate/hashchange, and watches only the <title> element. Because SPAs render
 * the new lesson a moment after the URL changes, each change is re-checked a few times over ~1 s, then
 * it goes quiet. The window is a parameter; everything stops when `signal` aborts.
 */

const SETTLE_DELAYS_MS = [0, 60, 250, 1000];

export function watchNavigation(win: Window, onChange: () => void, signal: AbortSignal): void {
  let timers: ReturnType<typeof setTimeout>[] = [];
  const schedule = () => {
    for (const timer of timers) clearTimeout(timer);
    timers = SETTLE_DELAYS_MS.map((delay) => setTimeout(onChange, delay));
  };
  signal.addEventListener('abort', () => timers.forEach(clearTimeout), { once: true });

  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', schedule, { signal });
  } else {
    win.addEventListener('popstate', schedule, { signal });
  }
  win.addEventListener('hashchange', schedule, { signal });

  const observer = new (win as Window & typeof globalThis).MutationObserver(schedule);
  const head = win.document.head;
  if (head) observer.observe(head, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
