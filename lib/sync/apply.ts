/**
 * Merging pulled server rows into the Dexie cache, inside the caller's transaction: each row through
 * the pure merge rules, with "pending" meaning the outbox still holds a write for it. Never opens a
 * transaction or talks to the network.
 */
import { z } from 'zod/mini';
import { isTombstone, PulledChangeSchema, type PulledChange, type RowOf, type Tombstone } from '../domain/rows';
import type { PeersideDb } from '../db/database';
import { deleteRows, readRows, writeRows, type RowTable, type StoredRow } from '../db/store';
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

/** What one page of changes needs from the cache, read in a few bulk requests rather than one per row. */
async function preload(db: PeersideDb, changes: readonly PulledChange[]) {
  const ids: Record<RowTable, Set<string>> = { threads: new Set(), posts: new Set(), votes: new Set() };
  for (const change of changes) if (change.table !== 'places') ids[change.table].add(change.row.id);
  const stored = new Map<string, StoredRow<RowTable> | undefined>();
  for (const table of ['threads', 'posts', 'votes'] as const) {
    const wanted = [...ids[table]];
    const rows = await readRows(db, table, wanted);
    wanted.forEach((id, index) => stored.set(`${table}|${id}`, rows[index]));
  }
  const pairs = (['threads', 'posts', 'votes'] as const).flatMap((table) =>
    [...ids[table]].map((id): [string, string] => [table, id]),
  );
  const queued = new Set(
    pairs.length === 0
      ? []
      : (await db.outbox.where('[table+rowId]').anyOf(pairs).toArray()).map((entry) => `${entry.table}|${entry.rowId}`),
  );
  return { stored, queued };
}

/**
 * Apply pulled changes to the cache. Run inside a transaction over the row tables and the outbox.
 * A page is read and written in bulk (one IndexedDB request per row made a 10,000-post pull take
 * seconds); rows are merged in order in memory, so a page holding two versions of a row keeps the last.
 */
export async function applyPulled(
  db: PeersideDb,
  changes: readonly PulledChange[],
  options: { keepEvicted: boolean },
): Promise<void> {
  const { stored, queued } = await preload(db, changes);
  const dirty = new Set<string>();
  const evictedPlaces = new Map<string, boolean>();

  async function placeEvicted(orgId: string, placeKey: string): Promise<boolean> {
    const key = `${orgId}|${placeKey}`;
    if (!evictedPlaces.has(key)) evictedPlaces.set(key, (await db.places.get([orgId, placeKey]))?.evicted ?? false);
    return evictedPlaces.get(key)!;
  }

  async function merge<T extends RowTable>(table: T, server: RowOf[T] | Tombstone): Promise<void> {
    const key = `${table}|${server.id}`;
    const current = stored.get(key) as StoredRow<T> | undefined;
    const pending = queued.has(key);
    // Queued writes with no row here can only be a queued delete (a withdrawn vote): do not bring it back.
    if (!current && pending) return;
    if (!current && !pending && !options.keepEvicted && table === 'threads' && 'placeKey' in server) {
      // The learner has not opened this place for a while and its threads were evicted: do not refill
      // it piecemeal; refreshPlace brings it back whole when it is opened again.
      if (await placeEvicted(server.orgId, server.placeKey)) return;
    }
    const next = mergeRow(current?.version, server, pending);
    if (!next) return;
    stored.set(key, { version: next, sync: current?.sync ?? 'synced' } as StoredRow<RowTable>);
    dirty.add(key);
  }

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
    } else if (change.table === 'threads') await merge('threads', change.row);
    else if (change.table === 'posts') await merge('posts', change.row);
    else if (isTombstone(change.row)) {
      // Votes have no soft delete: a withdrawn vote is simply gone, unless a local write is queued for it.
      const key = `votes|${change.row.id}`;
      if (!queued.has(key)) {
        stored.set(key, undefined);
        dirty.add(key);
      }
    } else await merge('votes', change.row);
  }

  for (const table of ['threads', 'posts', 'votes'] as const) {
    const puts: StoredRow<typeof table>[] = [];
    const deletes: string[] = [];
    for (const key of dirty) {
      if (!key.startsWith(`${table}|`)) continue;
      const row = stored.get(key);
      if (row) puts.push(row as StoredRow<typeof table>);
      else deletes.push(key.slice(table.length + 1));
    }
    await writeRows(db, table, puts);
    if (deletes.length) await deleteRows(db, table, deletes);
  }
}
