/**
 * What the side panel shows: the place detected in the tab it follows, as signals. Built from
 * injected functions (ask the background, hear its announcements), so it runs in tests without a browser.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { TabContext } from '../messaging/protocol';

/** `loading` until the background answers; `error` when it could not. */
export type PlaceState = { status: 'loading' } | { status: 'ready'; context: TabContext | null } | { status: 'error' };

export interface PlaceStore {
  state: ReadonlySignal<PlaceState>;
  tabId: ReadonlySignal<number | undefined>;
  /** Follow another tab (the learner switched tabs). */
  follow(tabId: number): Promise<void>;
  /** The background announced a tab's new place. */
  receive(context: TabContext): void;
}

export function createPlaceStore(getContext: (tabId: number) => Promise<TabContext | null>): PlaceStore {
  const state = signal<PlaceState>({ status: 'loading' });
  const tabId = signal<number | undefined>(undefined);

  return {
    state,
    tabId,
    async follow(id) {
      tabId.value = id;
      state.value = { status: 'loading' };
      try {
        const context = await getContext(id);
        // A later switch wins over a slow answer for an earlier tab.
        if (tabId.value === id) state.value = { status: 'ready', context };
      } catch (error) {
        console.error('Peerside could not get the tab context:', error);
        if (tabId.value === id) state.value = { status: 'error' };
      }
    },
    receive(context) {
      if (context.tabId === tabId.value) state.value = { status: 'ready', context };
    },
  };
}
