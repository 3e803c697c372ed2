/**
 * The place detected in each tab, kept in extension session storage so it survives the service worker
 * being stopped and restarted (it is cleared when the browser closes). The storage area is a parameter.
 */
import { z } from 'zod/mini';
import { TabContextSchema, type TabContext } from '../messaging/protocol';
import type { CoursePlace } from '../lms/types';

/** The part of `browser.storage.session` this store needs. */
export interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

const keyFor = (tabId: number) => `tabContext:${tabId}`;

export interface TabContextStore {
  get(tabId: number): Promise<TabContext | null>;
  /** Record a detection; returns the stored context, or null when an equal one was already stored. */
  report(tabId: number, place: CoursePlace | null, now?: number): Promise<TabContext | null>;
  /**
   * The tab no longer has an LMS page: record "no place", unless a report arrived at or after `since`
   * (a content script that started while we were asking). Returns the new context, or null if unchanged.
   */
  clearUnlessReportedSince(tabId: number, since: number, now?: number): Promise<TabContext | null>;
  forget(tabId: number): Promise<void>;
}

export function createTabContextStore(area: StorageAreaLike): TabContextStore {
  async function get(tabId: number): Promise<TabContext | null> {
    const stored = (await area.get(keyFor(tabId)))[keyFor(tabId)];
    if (stored === undefined) return null;
    const parsed = TabContextSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // A context written by an older version that no longer parses is dropped, not trusted.
    console.warn(`Peerside dropped a stored tab context: ${z.prettifyError(parsed.error)}`);
    await area.remove(keyFor(tabId));
    return null;
  }

  async function report(tabId: number, place: CoursePlace | null, now = Date.now()): Promise<TabContext | null> {
    const previous = await get(tabId);
    if (previous && JSON.stringify(previous.place) === JSON.stringify(place)) return null;
    const context: TabContext = { tabId, place, detectedAt: now };
    await area.set({ [keyFor(tabId)]: context });
    return context;
  }

  return {
    get,
    report,
    async clearUnlessReportedSince(tabId, since, now = Date.now()) {
      const previous = await get(tabId);
      if (!previous || previous.detectedAt >= since) return null;
      return report(tabId, null, now);
    },
    forget: (tabId) => area.remove(keyFor(tabId)),
  };
}
