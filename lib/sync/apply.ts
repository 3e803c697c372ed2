/**
 * Merging pulled server rows into the Dexie cache, inside the caller's transaction: each row through
 * the pure merge rules, with "pending" meaning the outbox still holds a write for it. Never opens a
 * transaction or talks to the network.
 */
import { z } from 'zod/mini';
import { isTombstone, PulledChangeSchema, type PulledChange, type RowOf, type Tombstone } from '../domain/rows';
import type { PeersideDb } from '../db/database';
import { readRow, writeRow, type RowTable } from '../db/store';
import { mergeRow } from './merge';

/** Parse a page's rows; a row that does not parse is dropped and logged, the rest still apply. */
export function parsePulledRows(rows: readonly unknown[], log: (message: string) => void): PulledChange[] {
  return rows.flatMap((value) => {
    const parsed = PulledChangeSchema.safeParse(value);
    if (parsed.success) return [parsed.data];
    log(`Peerside ignored a row from the server that does not parse: ${z.prettifyError(parsed.error)}`);
    return [];
  });
}

async function hasQueuedWrite(db: PeersideDb, table: RowTable, id: string): Promise<boolean> {
  return (await db.outbox.where('[table+rowId]').equals([table, id]).count()) > 0;
}

async function mergeInto<T extends RowTable>(
  db: PeersideDb,
  table: T,
  server: RowOf[T] | Tombstone,
  keepEvicted: boolean,
): Promise<void> {
  const stored = await readRow(db, table, server.id);
  const pending = await hasQueuedWrite(db, table, server.id);
  // Queued writes with no row here can only be a queued delete (a withdrawn vote): do not bring it back.
  if (!stored && pending) return;
  if (!stored && !pending && !keepEvicted && table === 'threads' && 'placeKey' in server) {
    // The learner has not opened this place for a while and its threads were evicted: do not refill
    // it piecemeal; refreshPlace brings it back whole when it is opened again.
    const place = await db.places.get([server.orgId, server.placeKey]);
    if (place?.evicted) return;
  }
  const next = mergeRow(stored?.version, server, pending);
  if (next) await writeRow(db, table, next, stored?.sync ?? 'synced');
}

/** Apply pulled changes to the cache. Run inside a transaction over the row tables and the outbox. */
export async function applyPulled(
  db: PeersideDb,
  changes: readonly PulledChange[],
  options: { keepEvicted: boolean },
): Promise<void> {
  for (const change of changes) {
    if (change.table === 'places') {
      const row = change.row;
      const local = await db.places.get([row.orgId, row.key]);
      if (local && local.serverUpdatedAt !== null && row.updatedAt < local.serverUpdatedAt) continue;
      // The server's place wins whole (its id too: another client may have created it first).
      await db.places.put({
        ...row,
        sync: local?.sync ?? 'synced',
        serverUpdatedAt: row.updatedAt,
        lastUsedAt: local?.lastUsedAt ?? 0,
        evicted: local?.evicted ?? false,
      });
    } else if (change.table === 'threads') await mergeInto(db, 'threads', change.row, options.keepEvicted);
    else if (change.table === 'posts') await mergeInto(db, 'posts', change.row, options.keepEvicted);
    else if (isTombstone(change.row)) {
      // Votes have no soft delete: a withdrawn vote is simply gone, unless a local write is queued for it.
      if (!(await hasQueuedWrite(db, 'votes', change.row.id))) await db.votes.delete(change.row.id);
    } else await mergeInto(db, 'votes', change.row, options.keepEvicted);
  }
}
