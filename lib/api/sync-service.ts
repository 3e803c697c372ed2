/**
 * The background's sync service: for the signed-in learner's organisation, one sync engine over the
 * Dexie cache and the Supabase remote, started by triggers (a page's request, the alarm, a retry
 * time) and rebuilt whenever the account changes. Emits every SyncState to `announce`. It holds
 * nothing that matters in memory: a new service on the same database carries on.
 */
import type { PeersideDb } from '../db/database';
import { followOrg } from '../db/queries';
import type { SyncState } from '../domain/sync-state';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import type { BackendConnection } from './connection';
import { createSupabaseRemote } from './remote';

export interface SyncServiceDeps {
  db: PeersideDb;
  connection: BackendConnection;
  announce(state: SyncState): void;
  /** Ask to be woken at this time (chrome.alarms), for a retry after backoff. */
  wakeAt(time: number): void;
  now?: () => number;
  random?: () => number;
}

const SIGNED_OUT: SyncState = {
  phase: 'idle',
  pending: 0,
  failed: 0,
  lastSyncedAt: null,
  error: 'Sign in to your organisation (Peerside options) to share and see questions.',
  nextRetryAt: null,
};

export function createSyncService({
  db,
  connection,
  announce,
  wakeAt,
  now = Date.now,
  random = Math.random,
}: SyncServiceDeps) {
  let engine: { key: string; orgId: string; engine: SyncEngine } | undefined;

  /** The engine for whoever is signed in now, or null (with the reason announced). */
  async function currentEngine(): Promise<SyncEngine | null> {
    const [state, client] = await Promise.all([connection.state(), connection.client()]);
    const account = state.account;
    if (!client || !account?.orgId || !state.backendUrl) {
      engine = undefined;
      return null;
    }
    const key = `${state.backendUrl}|${account.userId}|${account.orgId}`;
    if (engine?.key !== key) {
      await followOrg(db, account.orgId);
      const remote = createSupabaseRemote({
        client,
        url: state.backendUrl,
        anonKey: (await connection.anonKey()) ?? '',
      });
      engine = {
        key,
        orgId: account.orgId,
        engine: createSyncEngine({
          db,
          remote,
          now,
          random,
          onState: (next) => {
            announce(next);
            if (next.nextRetryAt !== null) wakeAt(next.nextRetryAt);
          },
        }),
      };
    }
    return engine.engine;
  }

  return {
    async sync(options: { force?: boolean; placeKey?: string } = {}): Promise<SyncState> {
      const current = await currentEngine();
      if (!current || !engine) {
        announce(SIGNED_OUT);
        return SIGNED_OUT;
      }
      const state = await current.sync({ force: options.force ?? false });
      if (options.force && options.placeKey) await current.refreshPlace(engine.orgId, options.placeKey);
      return state;
    },
    async state(): Promise<SyncState> {
      const current = await currentEngine();
      return current ? current.refresh() : SIGNED_OUT;
    },
  };
}
