/**
 * Side panel wiring: builds the place store, follows the active tab of this window (or the tab named
 * by `?tabId=`, when the panel is opened as a page), opens the local database, asks the background who
 * is signed in and how sync stands, and renders. No logic beyond wiring lives here; the panel writes
 * only to the local database and asks the background to sync (it never writes to the network).
 */
import { computed, signal } from '@preact/signals';
import { render } from 'preact';
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { I18nContext } from '@/components/i18n';
import { offeredServices, type PeerServices } from '@/components/peer-services';
import { PeerPanel, type ConnectionState } from '@/components/PeerPanel';
import { PlacePanel } from '@/components/PlacePanel';
import '@/components/styles.css';
import { openPeersideDb } from '@/lib/db/database';
import { formatSessionStart } from '@/lib/domain/circles';
import { newId } from '@/lib/domain/ids';
import type { Inbox } from '@/lib/domain/notifications';
import { DEFAULT_ORG_SETTINGS, panelFeatures, sameFeatures, type PanelFeatures } from '@/lib/domain/org-settings';
import type { SyncState } from '@/lib/domain/sync-state';
import { translatorFromI18n } from '@/lib/i18n/translate';
import { listen, sendMessage, type RuntimeLike } from '@/lib/messaging';
import { createPlaceStore } from '@/lib/state/place-store';

const runtime = browser.runtime as unknown as RuntimeLike;
const t = translatorFromI18n(browser.i18n);
const store = createPlaceStore((tabId) => sendMessage(runtime, 'context:get', { tabId }));
const connection = signal<ConnectionState>({ status: 'loading' });
const syncState = signal<SyncState | undefined>(undefined);
const inbox = signal<Inbox | null>(null);
/** The features the organisation offers beside the questions; none until its settings are known. */
const features = signal<PanelFeatures>(panelFeatures(null));
let featuresKnown = false;

const timeFormat = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { hour: 'numeric', minute: '2-digit' });
const services: PeerServices = {
  db: openPeersideDb({ indexedDB, IDBKeyRange }),
  now: () => Date.now(),
  // Time-ordered UUIDv7 (not randomUUID's v4), so local search reads the learner's new rows newest first.
  newId: () => newId(),
  requestSync: (force, placeKey) => {
    sendMessage(runtime, 'sync:request', force ? { force, placeKey } : {})
      .then((state) => (syncState.value = state))
      .catch((error: unknown) => console.warn('Peerside could not ask the background to sync:', error));
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
  markInboxRead: () => {
    sendMessage(runtime, 'inbox:markRead', {})
      .then((next) => (inbox.value = next))
      .catch((error: unknown) => console.warn('Peerside could not mark notifications read:', error));
  },
  endorseAnswer: (postId) => outcomeOf(sendMessage(runtime, 'answer:endorse', { endorsementId: newId(), postId })),
  acceptAnswer: (threadId, postId) => outcomeOf(sendMessage(runtime, 'answer:accept', { threadId, postId })),
  reportContent: (reportId, targetKind, targetId, reason, note) =>
    outcomeOf(
      sendMessage(runtime, 'content:report', {
        reportId,
        targetKind,
        targetId,
        reason,
        note: note || undefined,
      }),
    ),
  mentoring: {
    load: () => sendMessage(runtime, 'mentoring:get', {}),
    request: (requestId, mentorId, message) =>
      outcomeOf(sendMessage(runtime, 'mentoring:request', { requestId, mentorId, message })),
    respond: (requestId, accept, reply) =>
      outcomeOf(sendMessage(runtime, 'mentoring:respond', { requestId, accept, reply: reply || undefined })),
    withdraw: (requestId) => outcomeOf(sendMessage(runtime, 'mentoring:withdraw', { requestId })),
    complete: (requestId) => outcomeOf(sendMessage(runtime, 'mentoring:complete', { requestId })),
  },
  contributors: {
    load: (courseKey) => sendMessage(runtime, 'contributors:get', { courseKey }),
    endorse: (memberId, skill) =>
      outcomeOf(sendMessage(runtime, 'contributors:endorse', { endorsementId: newId(), memberId, skill })),
    withdraw: (endorsementId) => outcomeOf(sendMessage(runtime, 'contributors:withdraw', { endorsementId })),
  },
  follows: {
    isFollowing: async (target) => (await sendMessage(runtime, 'follow:get', { target })).following,
    set: (target, follow) => outcomeOf(sendMessage(runtime, 'follow:set', { target, follow })),
  },
  resources: {
    list: (placeKey) => sendMessage(runtime, 'playlists:list', { placeKey }),
    items: (playlistId) => sendMessage(runtime, 'playlists:items', { playlistId }),
    create: (playlistId, { place, scope, title, description }) =>
      outcomeOf(
        sendMessage(runtime, 'playlists:create', {
          playlistId,
          place,
          scope,
          title,
          description: description || undefined,
        }),
      ),
    add: (itemId, playlistId, url, title, note) =>
      outcomeOf(sendMessage(runtime, 'playlists:add', { itemId, playlistId, url, title, note: note || undefined })),
    vote: (itemId, value) => outcomeOf(sendMessage(runtime, 'playlists:vote', { voteId: newId(), itemId, value })),
    remove: (itemId) => outcomeOf(sendMessage(runtime, 'playlists:remove', { itemId })),
    reorder: (playlistId, itemIds) => outcomeOf(sendMessage(runtime, 'playlists:reorder', { playlistId, itemIds })),
    archive: (playlistId, archived) => outcomeOf(sendMessage(runtime, 'playlists:archive', { playlistId, archived })),
  },
  circles: {
    load: (courseKey) => sendMessage(runtime, 'circles:get', { courseKey }),
    create: (circleId, circle) => outcomeOf(sendMessage(runtime, 'circles:create', { circleId, ...circle })),
    join: (circleId) => outcomeOf(sendMessage(runtime, 'circles:join', { circleId })),
    leave: (circleId) => outcomeOf(sendMessage(runtime, 'circles:leave', { circleId })),
    schedule: (sessionId, session) => outcomeOf(sendMessage(runtime, 'circles:schedule', { sessionId, ...session })),
    rsvp: (sessionId, going) => outcomeOf(sendMessage(runtime, 'circles:rsvp', { sessionId, going })),
    cancelSession: (sessionId) => outcomeOf(sendMessage(runtime, 'circles:cancelSession', { sessionId })),
    formatStart: (at) => formatSessionStart(at, browser.i18n.getUILanguage()),
  },
  reviews: {
    load: (placeKey) => sendMessage(runtime, 'reviews:get', { placeKey }),
    request: (requestId, draft, place) =>
      outcomeOf(sendMessage(runtime, 'reviews:request', { requestId, ...draft, place })),
    submit: (reviewId, requestId, scores, comment) =>
      outcomeOf(sendMessage(runtime, 'reviews:submit', { reviewId, requestId, scores, comment: comment || undefined })),
    close: (requestId) => outcomeOf(sendMessage(runtime, 'reviews:close', { requestId })),
  },
  formatTime: (at) => timeFormat.format(at),
};

/** A background outcome as the components expect it: resolves, or throws its sentence. */
async function outcomeOf(pending: Promise<{ ok: boolean; error?: string }>): Promise<void> {
  const outcome = await pending;
  if (!outcome.ok) throw new Error(outcome.error ?? 'Peerside could not do that. Try again.');
}

/** What the panel offers: the services of the features the organisation left on (the same object until they change). */
const offered = computed(() => offeredServices(services, features.value));

// Coming back online is a sync trigger too (the worker also retries on its own schedule).
addEventListener('online', () => services.requestSync());

listen(runtime, {
  'context:changed': (context) => {
    store.receive(context);
    return { ok: true };
  },
  'sync:changed': (state) => {
    syncState.value = state;
    return { ok: true };
  },
  'inbox:changed': (next) => {
    inbox.value = next;
    return { ok: true };
  },
});

/** Who is signed in: asked on start and whenever the panel comes back into view (sign-in happens in options). */
async function refreshConnection() {
  try {
    connection.value = { status: 'ready', connection: await sendMessage(runtime, 'account:get', {}) };
  } catch (error) {
    console.error('Peerside could not ask the background who is signed in:', error);
    connection.value = { status: 'error' };
  }
}

/**
 * Which features the organisation offers, asked on start and whenever the panel comes back into view
 * (an admin may have changed them). When the settings cannot be read (offline, signed out), the panel
 * keeps what it knew, or at first offers everything: the database refuses a switched-off feature anyway.
 */
async function refreshSettings() {
  const answer = await sendMessage(runtime, 'settings:get', {}).catch((error: unknown) => ({
    ok: false as const,
    error: String(error),
  }));
  if (!answer.ok) console.warn("Peerside could not read your organisation's settings:", answer.error);
  if (!answer.ok && featuresKnown) return;
  const next = panelFeatures(answer.ok ? answer.settings : DEFAULT_ORG_SETTINGS);
  featuresKnown = true;
  if (!sameFeatures(next, features.value)) features.value = next;
}

async function refreshInbox() {
  try {
    inbox.value = await sendMessage(runtime, 'inbox:get', {});
  } catch (error) {
    console.warn('Peerside could not get your notifications:', error);
  }
}

async function refreshSyncState() {
  try {
    syncState.value = await sendMessage(runtime, 'sync:get', {});
  } catch (error) {
    console.warn('Peerside could not get the sync state:', error);
  }
}

async function followActiveTab() {
  const pinned = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(pinned) && pinned > 0) return store.follow(pinned);

  const panelWindow = await browser.windows.getCurrent();
  const [active] = await browser.tabs.query({ active: true, windowId: panelWindow.id });
  if (active?.id !== undefined) await store.follow(active.id);
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
    if (windowId === panelWindow.id) void store.follow(tabId);
  });
}

function App() {
  return (
    <I18nContext.Provider value={t}>
      <PlacePanel
        state={store.state.value}
        forCoursePage={(place) => (
          <PeerPanel
            place={place}
            connection={connection.value}
            syncState={syncState.value}
            services={offered.value}
            inbox={inbox.value}
          />
        )}
      />
    </I18nContext.Provider>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
void followActiveTab();
void refreshConnection();
void refreshSettings();
void refreshSyncState();
void refreshInbox();
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  void refreshConnection();
  void refreshSettings();
  void refreshInbox();
});
window.addEventListener('focus', () => {
  void refreshConnection();
  void refreshSettings();
});
