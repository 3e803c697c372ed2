/**
 * The service worker, wiring only: the place detected in each tab, opening the panel, managed policy,
 * the connection to the organisation (the only holder of tokens), and the sync engine with its
 * triggers. It holds no state in memory that matters: the browser stops an idle worker, so places live
 * in storage.session, the session and settings in storage.local, and the cache and outbox in IndexedDB.
 */
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { acceptAnswer, endorseAnswer } from '@/lib/api/answers';
import {
  cancelCircleSession,
  createCircle,
  joinCircle,
  leaveCircle,
  readCircles,
  rsvpCircleSession,
  scheduleCircleSession,
} from '@/lib/api/circles';
import { createConnection } from '@/lib/api/connection';
import { endorseSkill, readContributors, withdrawEndorsement } from '@/lib/api/contributors';
import { weeklyKpis, weeksBack } from '@/lib/api/kpi';
import {
  completeMentorRequest,
  readMentoring,
  requestMentor,
  respondToMentorRequest,
  withdrawMentorRequest,
} from '@/lib/api/mentoring';
import { follow, isFollowing, unfollow } from '@/lib/api/follows';
import { moderate, readQueue, reportContent } from '@/lib/api/moderation';
import { markRead, readInbox } from '@/lib/api/notifications';
import { readOrgSettings, updateOrgSettings } from '@/lib/api/org-settings';
import {
  addPlaylistItem,
  archivePlaylist,
  createPlaylist,
  readPlaylistItems,
  readPlaylists,
  removePlaylistItem,
  reorderPlaylistItems,
  votePlaylistItem,
} from '@/lib/api/playlists';
import { closeReviewRequest, readReviews, requestReview, submitReview } from '@/lib/api/reviews';
import { UNREAD_KEY } from '@/lib/config/launcher-setting';
import type { Account, Outcome } from '@/lib/domain/account';
import type { Inbox } from '@/lib/domain/notifications';
import { createSyncService } from '@/lib/api/sync-service';
import { openPeersideDb } from '@/lib/db/database';
import { cacheUsage, clearCache } from '@/lib/db/usage';
import { syncAdminContentScripts, type RegistrationApis } from '@/lib/config/admin-hosts';
import { parseManagedPolicy, POLICY_STATUS_KEY, type PolicyStatus } from '@/lib/config/managed';
import { createTabContextStore } from '@/lib/context/tab-contexts';
import { matchPatternForRule, RULES_KEY } from '@/lib/lms/rules';
import { listen, sendMessage, sendToTab, type RuntimeLike, type TabContext } from '@/lib/messaging';

/** The panel APIs of each browser: Chrome has `sidePanel`, Firefox `sidebarAction`; never both. */
interface PanelApis {
  sidePanel?: {
    open(options: { tabId: number }): Promise<void>;
    setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  };
  sidebarAction?: { open(): Promise<void>; toggle(): Promise<void> };
}

const PERIODIC_ALARM = 'peerside-sync';
const RETRY_ALARM = 'peerside-sync-retry';

export default defineBackground(() => {
  const runtime = browser.runtime as unknown as RuntimeLike;
  const contexts = createTabContextStore(browser.storage.session);
  const { sidePanel, sidebarAction } = browser as unknown as PanelApis;

  /** Tell open panels; having no panel open is normal, not an error. */
  function announce(context: TabContext) {
    sendMessage(runtime, 'context:changed', context).catch(() => undefined);
  }

  if (sidePanel) {
    // The toolbar button (and its keyboard shortcut) opens the side panel in Chrome.
    sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => console.error(error));
  } else if (sidebarAction) {
    browser.action.onClicked.addListener(() => void sidebarAction.toggle());
  }

  const connection = createConnection({
    readManaged: () => browser.storage.managed.get(),
    area: browser.storage.local,
  });
  const db = openPeersideDb({ indexedDB, IDBKeyRange });
  const syncService = createSyncService({
    db,
    connection,
    announce: (state) => void sendMessage(runtime, 'sync:changed', state).catch(() => undefined),
    wakeAt: (time) => void browser.alarms.create(RETRY_ALARM, { when: Math.max(time, Date.now() + 1_000) }),
  });
  type Client = NonNullable<Awaited<ReturnType<typeof connection.client>>>;

  /** Notifications: the toolbar badge, the launcher's count (through storage) and open panels. */
  async function refreshInbox(change?: (client: Client) => Promise<void>): Promise<Inbox | null> {
    const client = await connection.client();
    const account = client ? (await connection.state()).account : null;
    if (!client || !account?.orgId) {
      await showUnread(0);
      return null;
    }
    if (change) await change(client);
    const inbox = await readInbox(client);
    await showUnread(inbox.unread);
    void sendMessage(runtime, 'inbox:changed', inbox).catch(() => undefined);
    return inbox;
  }
  async function showUnread(count: number) {
    await browser.action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
    await browser.action.setBadgeBackgroundColor({ color: '#1d4ed8' });
    await browser.storage.local.set({ [UNREAD_KEY]: count });
  }
  /** Runs a request to the organisation's project as the signed-in member, or says to sign in first. */
  const SIGNED_OUT = { ok: false as const, error: 'Sign in to your organisation (Peerside options) first.' };
  async function withClient<T>(act: (client: Client) => Promise<T>): Promise<T | typeof SIGNED_OUT> {
    const client = await connection.client();
    return client ? act(client) : SIGNED_OUT;
  }
  /** As withClient, for requests that need the signed-in member's org (and id and role). */
  async function asMember<T>(
    act: (client: Client, member: { orgId: string; userId: string; role: Account['role'] | null }) => Promise<T>,
  ): Promise<T | typeof SIGNED_OUT> {
    const account = (await connection.state()).account;
    if (!account?.orgId) return SIGNED_OUT;
    const member = { orgId: account.orgId, userId: account.userId, role: account.role ?? null };
    return withClient((client) => act(client, member));
  }
  /** After a successful rule-bearing write: pull what it changed, and refresh the inbox. */
  function thenSync<T extends Outcome>(outcome: T): T {
    if (outcome.ok) void syncSoon();
    return outcome;
  }

  const syncSoon = () =>
    syncService
      .sync()
      .then(() => refreshInbox())
      .catch((error: unknown) => console.warn('Peerside could not sync:', error));

  // Every few minutes while the browser runs, and at each retry time: a pull keeps the cache fresh even
  // where no realtime signal arrives (correctness never depends on one).
  void browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: 5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === RETRY_ALARM) void syncSoon();
  });
  // On every wake: restore (and if needed refresh) the session, then send whatever is queued.
  void syncSoon();

  listen(runtime, {
    'account:get': () => connection.state(),
    'backend:save': ({ url, anonKey }) => connection.saveBackend(url, anonKey),
    'account:sendCode': ({ email }) => connection.sendCode(email),
    'account:verify': async ({ email, code }) => {
      const outcome = await connection.verify(email, code);
      if (outcome.ok) void syncSoon();
      return outcome;
    },
    'account:signOut': async () => {
      const outcome = await connection.signOut();
      void syncSoon();
      return outcome;
    },
    'sync:request': ({ force, placeKey }) => syncService.sync({ force: force ?? false, placeKey }),
    'answer:endorse': async ({ endorsementId, postId }) =>
      thenSync(await withClient((client) => endorseAnswer(client, endorsementId, postId))),
    'answer:accept': async ({ threadId, postId }) =>
      thenSync(await withClient((client) => acceptAnswer(client, threadId, postId))),
    'mentoring:get': () => asMember((client, { orgId, userId }) => readMentoring(client, orgId, userId)),
    // The other person hears through their inbox; a sync also refreshes ours.
    'mentoring:request': async ({ requestId, mentorId, message }) =>
      thenSync(await withClient((client) => requestMentor(client, requestId, mentorId, message))),
    'mentoring:respond': async ({ requestId, accept, reply }) =>
      thenSync(await withClient((client) => respondToMentorRequest(client, requestId, accept, reply))),
    'mentoring:withdraw': async ({ requestId }) =>
      thenSync(await withClient((client) => withdrawMentorRequest(client, requestId))),
    'mentoring:complete': async ({ requestId }) =>
      thenSync(await withClient((client) => completeMentorRequest(client, requestId))),
    'contributors:get': ({ courseKey }) =>
      asMember((client, { orgId, userId }) => readContributors(client, orgId, userId, courseKey)),
    // The endorsed peer hears through their inbox; a sync also refreshes ours.
    'contributors:endorse': async ({ endorsementId, memberId, skill }) =>
      thenSync(await withClient((client) => endorseSkill(client, endorsementId, memberId, skill))),
    'contributors:withdraw': async ({ endorsementId }) =>
      thenSync(await withClient((client) => withdrawEndorsement(client, endorsementId))),
    'content:report': (report) => withClient((client) => reportContent(client, report)),
    'moderation:queue': () => withClient((client) => readQueue(client)),
    // A hidden item leaves every cache with the next pull, this browser's first.
    'moderation:act': async ({ targetKind, targetId, action, reason }) =>
      thenSync(await withClient((client) => moderate(client, targetKind, targetId, action, reason))),
    'follow:get': async ({ target }) => {
      const following = await asMember((client, { orgId }) => isFollowing(client, orgId, target));
      return { following: typeof following === 'boolean' ? following : null };
    },
    'follow:set': ({ target, follow: on }) =>
      asMember((client, { orgId }) =>
        on ? follow(client, orgId, crypto.randomUUID(), target) : unfollow(client, orgId, target),
      ),
    // Playlists are read live by the panel, not cached, so these writes need no sync afterwards. The
    // signed-in member's org: playlists of other orgs they belong to are not this panel's.
    'playlists:list': ({ placeKey }) => asMember((client, { orgId }) => readPlaylists(client, orgId, placeKey)),
    'playlists:items': ({ playlistId }) =>
      asMember((client, { orgId }) => readPlaylistItems(client, orgId, playlistId)),
    'playlists:create': (playlist) => asMember((client, { orgId }) => createPlaylist(client, orgId, playlist)),
    'playlists:add': (item) => withClient((client) => addPlaylistItem(client, item)),
    'playlists:vote': ({ voteId, itemId, value }) =>
      asMember((client, { orgId }) => votePlaylistItem(client, { voteId, orgId, itemId, value })),
    'playlists:remove': ({ itemId }) => withClient((client) => removePlaylistItem(client, itemId)),
    'playlists:reorder': ({ playlistId, itemIds }) =>
      withClient((client) => reorderPlaylistItems(client, playlistId, itemIds)),
    'playlists:archive': ({ playlistId, archived }) =>
      withClient((client) => archivePlaylist(client, playlistId, archived)),
    'circles:get': ({ courseKey }) => asMember((client, viewer) => readCircles(client, viewer, courseKey)),
    // Circles are read live by the panel, not cached, so these writes need no sync afterwards.
    'circles:create': ({ circleId, ...circle }) =>
      asMember((client, { orgId }) => createCircle(client, orgId, circleId, circle)),
    'circles:join': ({ circleId }) => withClient((client) => joinCircle(client, circleId)),
    'circles:leave': ({ circleId }) => withClient((client) => leaveCircle(client, circleId)),
    'circles:schedule': ({ sessionId, ...session }) =>
      withClient((client) => scheduleCircleSession(client, sessionId, session)),
    'circles:rsvp': ({ sessionId, going }) => withClient((client) => rsvpCircleSession(client, sessionId, going)),
    'circles:cancelSession': ({ sessionId }) => withClient((client) => cancelCircleSession(client, sessionId)),
    'reviews:get': ({ placeKey }) =>
      asMember((client, { orgId, userId }) => readReviews(client, orgId, userId, placeKey)),
    // The requester hears of each review through their inbox (review_received); a sync refreshes ours.
    'reviews:request': async ({ requestId, title, work, rubric, place }) =>
      thenSync(
        await asMember((client, { orgId }) => requestReview(client, orgId, requestId, { title, work, rubric }, place)),
      ),
    'reviews:submit': async ({ reviewId, requestId, scores, comment }) =>
      thenSync(await withClient((client) => submitReview(client, reviewId, requestId, scores, comment ?? ''))),
    'reviews:close': async ({ requestId }) =>
      thenSync(await withClient((client) => closeReviewRequest(client, requestId))),
    'sync:get': () => syncService.state(),
    'kpi:weekly': async ({ weeks }) => {
      const client = await connection.client();
      if (!client) return { ...SIGNED_OUT, weeks: [] };
      return weeklyKpis(client, weeksBack(new Date(), weeks));
    },
    'settings:get': () => asMember((client, { orgId }) => readOrgSettings(client, orgId)),
    // Settings are read live (the panel asks again when it comes back into view): no sync needed.
    'settings:update': ({ change }) => withClient((client) => updateOrgSettings(client, change)),
    'inbox:get': () => refreshInbox(),
    'inbox:markRead': ({ ids }) => refreshInbox((client) => markRead(client, ids)),
    'cache:usage': () => cacheUsage(db, () => navigator.storage.estimate()),
    'cache:clear': async () => {
      await clearCache(db);
      return cacheUsage(db, () => navigator.storage.estimate());
    },
    'context:report': async ({ place }, sender) => {
      const tabId = sender.tab?.id;
      // Only the top frame speaks for a tab; frames inherit its identity.
      if (tabId === undefined || sender.frameId !== 0) return { ok: false };
      const changed = await contexts.report(tabId, place);
      if (changed) announce(changed);
      return { ok: true };
    },
    'context:get': ({ tabId }) => contexts.get(tabId),
    'panel:open': (_request, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false };
      // Called before any await: opening a panel needs the click's user gesture, which ends there.
      const opening = sidePanel?.open({ tabId }) ?? sidebarAction?.open() ?? Promise.reject(new Error('no panel API'));
      return opening.then(
        () => ({ ok: true }),
        async (error: unknown) => {
          // Firefox opens its sidebar only from its own UI events, not from a page's click relayed
          // here. Rather than do nothing, show the panel in a small window that follows this tab.
          console.warn('Peerside opens its panel in a window instead:', error);
          await browser.windows.create({
            url: browser.runtime.getURL(`/sidepanel.html?tabId=${tabId}`),
            type: 'popup',
            width: 420,
            height: 720,
          });
          return { ok: true };
        },
      );
    },
  });

  /**
   * Managed policy -> validated LMS rules for the content scripts, a status for the options page, and
   * the content script registered on the rule hosts we hold permission for.
   */
  async function applyPolicy() {
    // storage.managed rejects where no policy store exists (e.g. Firefox without policies): no rules then.
    const raw = await browser.storage.managed.get().catch(() => ({}));
    const { rules, problems } = parseManagedPolicy(raw);
    for (const problem of problems) console.warn(`Peerside policy: ${problem}`);
    const manifestPatterns = (browser.runtime.getManifest().content_scripts ?? []).flatMap(
      (script) => script.matches ?? [],
    );
    const waiting = await syncAdminContentScripts(browser as unknown as RegistrationApis, rules, manifestPatterns);
    const status: PolicyStatus = { ruleHosts: rules.map(matchPatternForRule), waiting, problems };
    await browser.storage.local.set({ [RULES_KEY]: rules, [POLICY_STATUS_KEY]: status });
  }
  const reportPolicyError = (error: unknown) => console.error('Peerside could not apply its policy:', error);
  browser.runtime.onInstalled.addListener(() => void applyPolicy().catch(reportPolicyError));
  browser.runtime.onStartup.addListener(() => void applyPolicy().catch(reportPolicyError));
  browser.permissions.onAdded.addListener(() => void applyPolicy().catch(reportPolicyError));
  browser.permissions.onRemoved.addListener(() => void applyPolicy().catch(reportPolicyError));
  browser.storage.onChanged.addListener((_changes, area) => {
    // Managed values can arrive a few seconds after install.
    if (area === 'managed') void applyPolicy().catch(reportPolicyError);
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // Without the "tabs" permission we cannot see where a tab went. So when a page finishes loading we
    // ask its content script whether it is there: no answer means the tab left the LMS. On LMS pages
    // the content script reports the new place itself.
    if (change.status !== 'complete') return;
    const askedAt = Date.now();
    sendToTab(browser.tabs, tabId, 'context:ping', {}).catch(async () => {
      const changed = await contexts.clearUnlessReportedSince(tabId, askedAt);
      if (changed) announce(changed);
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => void contexts.forget(tabId));
});
