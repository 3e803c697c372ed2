import { describe, expect, it } from 'vitest';
import { createTabContextStore, type StorageAreaLike } from './tab-contexts';

/** An in-memory storage area with the browser's semantics for get/set/remove of one key. */
function memoryArea(initial: Record<string, unknown> = {}): StorageAreaLike & { items: Map<string, unknown> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (values) => Object.entries(structuredClone(values)).forEach(([key, value]) => items.set(key, value)),
    remove: async (key) => void items.delete(key),
  };
}

const place = {
  platform: 'moodle',
  isCoursePage: true,
  courseId: '4021',
  key: 'moodle|s.moodlecloud.com|4021',
} as const;

describe('tab context store', () => {
  it('remembers the place reported for a tab, across store instances (a restarted worker)', async () => {
    const area = memoryArea();
    await createTabContextStore(area).report(7, place, 1000);
    await expect(createTabContextStore(area).get(7)).resolves.toEqual({ tabId: 7, place, detectedAt: 1000 });
    await expect(createTabContextStore(area).get(8)).resolves.toBeNull();
  });

  it('says nothing changed when the same place is reported again', async () => {
    const store = createTabContextStore(memoryArea());
    expect(await store.report(7, place, 1000)).not.toBeNull();
    expect(await store.report(7, place, 2000)).toBeNull();
    expect(await store.report(7, null, 3000)).toEqual({ tabId: 7, place: null, detectedAt: 3000 });
  });

  it('drops a stored value that no longer parses instead of trusting it', async () => {
    const area = memoryArea({ 'tabContext:7': { tabId: 7, place: { platform: 'nope' }, detectedAt: 1 } });
    await expect(createTabContextStore(area).get(7)).resolves.toBeNull();
    expect(area.items.has('tabContext:7')).toBe(false);
  });

  it('forgets a closed tab', async () => {
    const store = createTabContextStore(memoryArea());
    await store.report(7, place);
    await store.forget(7);
    await expect(store.get(7)).resolves.toBeNull();
  });
});

describe('clearing a tab that left the LMS', () => {
  it('records "no place" when nothing was reported since the question was asked', async () => {
    const store = createTabContextStore(memoryArea());
    await store.report(7, place, 1000);
    expect(await store.clearUnlessReportedSince(7, 2000, 2500)).toEqual({ tabId: 7, place: null, detectedAt: 2500 });
  });

  it('keeps a report that arrived while the question was in flight', async () => {
    const store = createTabContextStore(memoryArea());
    await store.report(7, place, 2100);
    expect(await store.clearUnlessReportedSince(7, 2000, 2500)).toBeNull();
    await expect(store.get(7)).resolves.toMatchObject({ place });
  });
});
