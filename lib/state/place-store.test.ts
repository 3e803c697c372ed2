import { describe, expect, it } from 'vitest';
import type { TabContext } from '../messaging/protocol';
import { createPlaceStore } from './place-store';

const contextFor = (tabId: number, courseId: string): TabContext => ({
  tabId,
  detectedAt: 1,
  place: { platform: 'canvas', isCoursePage: true, courseId, key: `canvas|a.instructure.com|${courseId}` },
});

describe('place store', () => {
  it('is loading until the background answers, then shows that tab', async () => {
    let answer!: (context: TabContext | null) => void;
    const store = createPlaceStore(() => new Promise((resolve) => (answer = resolve)));
    const following = store.follow(5);
    expect(store.state.value).toEqual({ status: 'loading' });
    answer(contextFor(5, '1'));
    await following;
    expect(store.state.value).toEqual({ status: 'ready', context: contextFor(5, '1') });
  });

  it('keeps the latest tab when an earlier tab answers late', async () => {
    const pending = new Map<number, (context: TabContext) => void>();
    const store = createPlaceStore((tabId) => new Promise((resolve) => pending.set(tabId, resolve)));
    const first = store.follow(1);
    const second = store.follow(2);
    pending.get(2)!(contextFor(2, 'two'));
    pending.get(1)!(contextFor(1, 'one'));
    await Promise.all([first, second]);
    expect(store.state.value).toEqual({ status: 'ready', context: contextFor(2, 'two') });
  });

  it('takes announcements for its tab and ignores other tabs', async () => {
    const store = createPlaceStore(async () => null);
    await store.follow(3);
    store.receive(contextFor(4, 'other'));
    expect(store.state.value).toEqual({ status: 'ready', context: null });
    store.receive(contextFor(3, 'mine'));
    expect(store.state.value).toEqual({ status: 'ready', context: contextFor(3, 'mine') });
  });

  it('shows an error when the background cannot answer', async () => {
    const store = createPlaceStore(() => Promise.reject(new Error('worker gone')));
    const original = console.error;
    console.error = () => undefined;
    try {
      await store.follow(3);
    } finally {
      console.error = original;
    }
    expect(store.state.value).toEqual({ status: 'error' });
  });
});
