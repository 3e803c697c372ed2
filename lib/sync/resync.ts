/**
 * A full resync of one org's cache, for when the server can no longer bring it up to date (it pruned
 * deletions the cache never heard of, so some cached rows may be gone from the server). Drops the
 * org's cached server rows (synced threads, posts and votes) and sets its pull cursor back to the start
 * (`restartFrom`, the remote's "from the start" cursor, or null) in ONE transaction, so the next pull
 * brings back exactly what the learner may read, even if the worker is killed in between.
 *
 * Never touched: the outbox; rows with a queued or refused write (sync not 'synced'); rows a queued
 * write names or builds on (its row, the question an answer is in, the answer a vote is on), so the
 * learner can still edit, retry or discard what they wrote; other orgs. Place rows stay too: they are
 * not part of the delta pull (the panel refreshes a place it opens), and they carry what this device
 * alone knows (when each was last opened, which were evicted). The pull merges into whatever is kept
 * as it always does (a pending edit still wins and keeps the server's version aside).
 */
import type { Table } from 'dexie';
import type { PeersideDb } from '../db/database';
import type { PullCursor } from '../db/records';

/** What this needs of a cached thread, post or vote record. */
interface CachedRecord {
  id: unknown;
  orgId: unknown;
  sync?: unknown;
}

export interface ResyncReport {
  threads: number;
  posts: number;
  votes: number;
  /** Rows of the org kept because of a queued or refused write. */
  kept: number;
}

export async function forgetServerRows(
  db: PeersideDb,
  orgId: string,
  restartFrom: PullCursor | null = null,
): Promise<ResyncReport> {
  return db.transaction('rw', [db.threads, db.posts, db.votes, db.outbox, db.meta], async () => {
    const guarded = new Set<string>();
    await db.outbox.each((entry) => {
      guarded.add(entry.rowId);
      entry.refs.forEach((ref) => guarded.add(ref));
    });
    const report: ResyncReport = { threads: 0, posts: 0, votes: 0, kept: 0 };
    for (const table of ['threads', 'posts', 'votes'] as const) {
      // Raw records: one that no longer parses is dropped like any server row, unless marked local.
      const rows = () => (db[table] as unknown as Table<CachedRecord, string>).where('orgId').equals(orgId);
      const total = await rows().count();
      const dropped = await rows()
        .filter((record) => {
          const local = record.sync === 'pending' || record.sync === 'failed';
          return !local && !guarded.has(String(record.id));
        })
        .delete();
      report[table] = dropped;
      report.kept += total - dropped;
    }
    await db.meta.update(orgId, { cursor: restartFrom });
    return report;
  });
}
