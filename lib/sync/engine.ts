/**
 * The sync engine of the background worker: sends the outbox strictly in order (each write keyed by its
 * client-generated id, so a replay is a no-op), clears an entry only once the server acknowledged it,
 * then pulls each followed org's changes since its cursor and merges them. When the server can no
 * longer bring an org's cache up to date (a 410: it pruned deletions the cache never heard of), it
 * drops that org's cached server rows, never a queued write or the rows it needs, and pulls the org
 * again from the start. It keeps nothing in memory that matters: a worker killed mid-sync loses
 * nothing, and a new engine on the same db carries on.
 * The UI sees only the SyncState it emits; the clock and randomness are parameters.
 */
import type { SyncState } from '../domain/sync-state';
import type { PeersideDb } from '../db/database';
import { evictLeastRecentlyUsed } from '../db/evict';
import { followedOrgs } from '../db/queries';
import type { OutboxEntry, PullCursor } from '../db/records';
import { applyPulled, parsePulledRows } from './apply';
import { backoff } from './backoff';
import {
  classifyError,
  needsResync,
  permanentSentence,
  ResyncRequiredError,
  waitingSentence,
  type Classified,
} from './errors';
import { nextToPush, outboxScope, readOutbox, refreshSyncMark } from './outbox';
import type { Remote } from './remote';
import { forgetServerRows } from './resync';

export interface SyncEngineOptions {
  db: PeersideDb;
  remote: Remote;
  now: () => number;
  /** Uniform in [0, 1): the jitter of backoff. */
  random: () => number;
  onState?: (state: SyncState) => void;
  log?: (message: string) => void;
  /** After each complete sync, keep the threads of this many most recently opened places. */
  keepPlaces?: number;
  /** A bound on pages pulled per org per sync, so one run always ends. */
  maxPagesPerSync?: number;
}

export interface SyncEngine {
  /**
   * Push the outbox, then pull every followed org. Never two at once: a call while a sync runs queues
   * one more run (so a write made meanwhile goes out), and further calls join that queued run.
   * `force` retries at once a write that is waiting for its backoff (the learner pressed "retry").
   */
  sync(options?: { force?: boolean }): Promise<SyncState>;
  /** Bring an evicted place back whole (the panel opened it again). Resolves false if it could not. */
  refreshPlace(orgId: string, placeKey: string): Promise<boolean>;
  /** Recount from Dexie and emit (after a local write, or when the worker wakes). */
  refresh(): Promise<SyncState>;
  state(): SyncState;
}

type Waiting = Exclude<Classified, { kind: 'permanent' }>;
type PushOutcome = { kind: 'done' } | { kind: 'stopped'; classified: Waiting; until: number | null; error: string };

const rowTables = ['threads', 'posts', 'votes', 'places', 'outbox', 'meta'] as const;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, remote, now, random } = options;
  const log = options.log ?? ((message: string) => console.warn(message));
  const maxPages = options.maxPagesPerSync ?? 1000;
  let current: SyncState = { phase: 'idle', pending: 0, failed: 0, lastSyncedAt: null, error: null, nextRetryAt: null };
  /** Failed pulls in a row (in memory: losing it on a restart only makes the next retry sooner). */
  let pullFailures = 0;
  let lastWaiting: Waiting | null = null;

  function emit(next: Partial<SyncState>): void {
    const state = { ...current, ...next };
    if (JSON.stringify(state) === JSON.stringify(current)) return;
    current = state;
    options.onState?.(state);
  }

  async function counts(): Promise<Pick<SyncState, 'pending' | 'failed' | 'lastSyncedAt'>> {
    const [pending, failed, orgs] = await Promise.all([
      db.outbox.where('status').equals('pending').count(),
      db.outbox.where('status').equals('failed').count(),
      followedOrgs(db, log),
    ]);
    const times = orgs.map((org) => org.lastSyncedAt);
    const lastSyncedAt = times.length === 0 || times.includes(null) ? null : Math.min(...(times as number[]));
    return { pending, failed, lastSyncedAt };
  }

  let tail: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function acknowledge(entry: OutboxEntry): Promise<void> {
    await db.transaction('rw', outboxScope, async () => {
      // Gone already: another engine on this db (a worker that came back) acknowledged it first.
      if (!(await db.outbox.get(entry.seq))) return;
      await db.outbox.delete(entry.seq);
      await refreshSyncMark(db, entry);
    });
  }

  async function refuse(entry: OutboxEntry, sentence: string): Promise<void> {
    await db.transaction('rw', outboxScope, async () => {
      const updated = await db.outbox.update(entry.seq, {
        status: 'failed',
        attempts: entry.attempts + 1,
        lastError: sentence,
      });
      if (updated) await refreshSyncMark(db, entry);
    });
  }

  async function postpone(entry: OutboxEntry, classified: Waiting, error: unknown): Promise<PushOutcome> {
    const sentence = waitingSentence(classified);
    if (classified.kind === 'signed-out') {
      // Not this write's fault: it keeps its attempts and goes as soon as the learner is signed in.
      await db.outbox.update(entry.seq, { lastError: sentence });
      return { kind: 'stopped', classified, until: null, error: sentence };
    }
    const attempts = entry.attempts + 1;
    const until = now() + (classified.retryAfterMs ?? backoff(attempts, random));
    await db.outbox.update(entry.seq, { attempts, nextAttemptAt: until, lastError: sentence });
    if (!(error instanceof Error && error.name === 'RemoteError')) {
      log(`Peerside will retry sending a ${entry.table} write after an unexpected error: ${String(error)}`);
    }
    return { kind: 'stopped', classified, until, error: sentence };
  }

  async function push(force: boolean): Promise<PushOutcome> {
    for (;;) {
      const entry = nextToPush(await readOutbox(db, log));
      if (!entry) return { kind: 'done' };
      if (!force && entry.nextAttemptAt > now()) {
        const classified = lastWaiting ?? { kind: 'transient', reason: 'offline', retryAfterMs: null };
        return {
          kind: 'stopped',
          classified,
          until: entry.nextAttemptAt,
          error: entry.lastError ?? waitingSentence(classified),
        };
      }
      force = false;
      emit({ phase: 'pushing', ...(await counts()) });
      try {
        await remote.push(entry);
      } catch (error) {
        const classified = classifyError(error, now());
        if (classified.kind !== 'permanent') return postpone(entry, classified, error);
        await refuse(entry, permanentSentence(classified.reason, entry.table));
        continue;
      }
      await acknowledge(entry);
    }
  }

  async function pullOrg(orgId: string, cursor: PullCursor | null): Promise<void> {
    try {
      await pullPages(orgId, cursor);
    } catch (error) {
      if (!needsResync(error)) throw error;
      // Once per sync: a second 410, from the start, is an error like any other.
      const restart = error instanceof ResyncRequiredError ? error.restartFrom : null;
      const dropped = await forgetServerRows(db, orgId, restart);
      log(
        `Peerside's offline copy of organisation ${orgId} was too old to update, so it is downloaded again ` +
          `(${dropped.threads} questions, ${dropped.posts} answers and ${dropped.votes} votes dropped; ` +
          `${dropped.kept} rows with unsent changes kept).`,
      );
      await pullPages(orgId, restart);
    }
  }

  async function pullPages(orgId: string, cursor: PullCursor | null): Promise<void> {
    let at = cursor;
    for (let page = 0; page < maxPages; page += 1) {
      const { rows, cursor: next } = await remote.pullSince(orgId, at);
      const changes = parsePulledRows(rows, log);
      const caughtUp = JSON.stringify(next) === JSON.stringify(at);
      // The page and the cursor past it land together: a worker killed here re-pulls at most this page.
      await db.transaction('rw', rowTables, async () => {
        await applyPulled(db, changes, { keepEvicted: false });
        await db.meta.update(orgId, { cursor: next ?? at, ...(caughtUp ? { lastSyncedAt: now() } : {}) });
      });
      if (caughtUp) return;
      at = next;
    }
  }

  function stopWith(classified: Waiting, error: string, until: number | null): Partial<SyncState> {
    const offline =
      classified.kind === 'transient' && (classified.reason === 'offline' || classified.reason === 'timeout');
    return { phase: offline ? 'offline' : 'error', error, nextRetryAt: until };
  }

  async function runSync(force: boolean): Promise<SyncState> {
    const pushed = await push(force);
    if (pushed.kind === 'stopped') {
      lastWaiting = pushed.classified;
      emit({ ...stopWith(pushed.classified, pushed.error, pushed.until), ...(await counts()) });
      return current;
    }
    lastWaiting = null;
    emit({ phase: 'pulling', error: null, nextRetryAt: null, ...(await counts()) });
    for (const org of await followedOrgs(db, log)) {
      try {
        await pullOrg(org.orgId, org.cursor);
      } catch (error) {
        const classified = classifyError(error, now());
        if (classified.kind === 'permanent') {
          const sentence =
            'Peerside could not fetch new posts for one of your organisations; you may no longer be a member. Ask your administrator if this lasts.';
          emit({ phase: 'error', error: sentence, nextRetryAt: null, ...(await counts()) });
          continue;
        }
        pullFailures += 1;
        const until =
          classified.kind === 'signed-out' ? null : now() + (classified.retryAfterMs ?? backoff(pullFailures, random));
        emit({ ...stopWith(classified, waitingSentence(classified), until), ...(await counts()) });
        return current;
      }
    }
    pullFailures = 0;
    if (options.keepPlaces !== undefined) await evictLeastRecentlyUsed(db, options.keepPlaces);
    const phase = current.phase === 'error' ? 'error' : 'idle';
    emit({ phase, ...(phase === 'idle' ? { error: null } : {}), nextRetryAt: null, ...(await counts()) });
    return current;
  }

  let queued: Promise<SyncState> | null = null;

  return {
    sync(syncOptions = {}) {
      if (queued) return queued;
      const run = serial(async () => {
        queued = null;
        return runSync(syncOptions.force ?? false);
      });
      queued = run;
      return run;
    },
    refreshPlace(orgId, placeKey) {
      return serial(async () => {
        try {
          const { rows } = await remote.pullPlace(orgId, placeKey);
          const changes = parsePulledRows(rows, log);
          await db.transaction('rw', rowTables, async () => {
            await applyPulled(db, changes, { keepEvicted: true });
            await db.places.update([orgId, placeKey], { evicted: false });
          });
          return true;
        } catch (error) {
          const classified = classifyError(error, now());
          const sentence =
            classified.kind === 'permanent'
              ? 'Peerside could not load this course page; you may no longer have access to it.'
              : waitingSentence(classified);
          emit({
            phase: classified.kind === 'transient' && classified.reason === 'offline' ? 'offline' : 'error',
            error: sentence,
          });
          return false;
        }
      });
    },
    async refresh() {
      emit(await counts());
      return current;
    },
    state: () => current,
  };
}
