/**
 * Reads `showLauncher` from the stored settings without zod, for the content script (see settings.ts
 * for why). Anything but an explicit boolean falls back to the default, exactly as the schema does.
 */
export const SETTINGS_KEY = 'settings';

export function showLauncherFrom(stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return true;
  const value = (stored as { showLauncher?: unknown }).showLauncher;
  return typeof value === 'boolean' ? value : true;
}

/** How many notifications the learner has not read: the background keeps it, the launcher shows it. */
export const UNREAD_KEY = 'unreadCount';

export function unreadFrom(stored: unknown): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored > 0 ? Math.min(stored, 999) : 0;
}
