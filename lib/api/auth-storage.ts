/**
 * supabase-js keeps its session through this adapter, in extension storage (the service worker has no
 * localStorage, and is stopped when idle: the session must outlive it). Only the background uses it;
 * the content script never sees a token.
 */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** supabase-js's SupportedStorage, over an extension storage area. */
export function extensionAuthStorage(area: KeyValueArea) {
  return {
    async getItem(key: string): Promise<string | null> {
      const value = (await area.get(key))[key];
      return typeof value === 'string' ? value : null;
    },
    setItem: (key: string, value: string) => area.set({ [key]: value }),
    removeItem: (key: string) => area.remove(key),
  };
}
