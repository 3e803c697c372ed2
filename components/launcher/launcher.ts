/**
 * The launcher: one small button that opens the Peerside panel, mounted into the LMS page inside a
 * shadow root so the host page's CSS cannot restyle it and ours cannot leak. Plain DOM, not Preact,
 * because it ships in every LMS page (see the content script budget).
 *
 * Security: the host page runs third-party JavaScript. The root is open so assistive tech and tests
 * can reach the button, so it holds nothing but a fixed label; clicks the page synthesises
 * (`isTrusted` false) are ignored, so a page cannot open the panel on the learner's behalf.
 */

export interface LauncherOptions {
  document: Document;
  /** Accessible name and tooltip, already localised. */
  label: string;
  /** Visible text, already localised. */
  text: string;
  onOpen(): void;
}

export interface Launcher {
  setVisible(visible: boolean): void;
  /** Show how many notifications are unread (0 hides the count); `label` is the full accessible name. */
  setUnread(count: number, label: string): void;
  remove(): void;
}

const STYLE = `
:host { all: initial; position: fixed; inset-inline-end: 16px; inset-block-end: 16px; z-index: 2147483646; }
:host([hidden]) { display: none; }
button {
  display: inline-flex; align-items: center; gap: 6px; padding: 8px 14px 8px 10px; border: 0;
  border-radius: 999px; background: #1d4ed8; color: #fff; cursor: pointer;
  font: 600 14px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
}
button:hover { background: #1e40af; }
button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
svg { width: 18px; height: 18px; fill: currentColor; }
.count { min-width: 18px; padding: 0 5px; border-radius: 999px; background: #fff; color: #1d4ed8; font-size: 12px; line-height: 18px; text-align: center; }
.count:empty { display: none; }
@media (prefers-reduced-motion: no-preference) { button { transition: background 120ms; } }
`;

// Two speech bubbles: "people talking", drawn inline so no network request is made from the host page.
const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h11a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm15 5h1a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-1v3l-4-3h-5a2 2 0 0 1-2-2v-1h7a3 3 0 0 0 3-3z"/></svg>';

export const LAUNCHER_TAG = 'peerside-launcher';

export function mountLauncher({ document, label, text, onOpen }: LauncherOptions): Launcher {
  const host = document.createElement(LAUNCHER_TAG);
  const root = host.attachShadow({ mode: 'open' });

  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.title = label;
  button.setAttribute('aria-label', label);
  // ICON is a constant of ours; `text` is set as text, never as HTML.
  button.innerHTML = ICON;
  const span = document.createElement('span');
  span.textContent = text;
  // The count is in the accessible name already (setUnread), so the badge itself is not read twice.
  const count = document.createElement('span');
  count.className = 'count';
  count.setAttribute('aria-hidden', 'true');
  button.append(span, count);
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onOpen();
  });
  root.append(style, button);
  // documentElement rather than body: SPA frameworks often replace body's children wholesale.
  document.documentElement.append(host);

  return {
    setVisible(visible) {
      host.hidden = !visible;
    },
    setUnread(unread, unreadLabel) {
      count.textContent = unread > 0 ? String(unread > 99 ? '99+' : unread) : '';
      button.setAttribute('aria-label', unreadLabel);
      button.title = unreadLabel;
    },
    remove() {
      host.remove();
    },
  };
}
