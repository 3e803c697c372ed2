/**
 * Merge rules for one row: what the cache keeps when a server version (or tombstone) meets the local
 * one. PURE: plain values in, plain values out; never reads Dexie, the clock or the network.
 *
 * - A pending (or failed, unsent) local edit wins over any server version: it is the learner's latest
 *   intent and will be sent after; the server version is kept aside as `shadow` for a discard.
 * - A server hide or delete always lands, pending edit or not. A delete is final; a hide is undone
 *   only by a newer server version (a moderator's restore), never by anything local.
 * - A clean local row takes any server version at least as new as the last one it merged; older
 *   ones (a replayed or re-ordered page) are ignored, except that a delete still lands.
 * Server versions are compared with server times only (`serverUpdatedAt`), never with the client clock.
 */
import { isTombstone, type Tombstone } from '../domain/rows';

export interface MergeableRow {
  id: string;
  updatedAt: number;
  hiddenAt?: number | null;
  deletedAt?: number | null;
}

/** What the cache holds of a row: the row as shown, the last server time merged, the shadow copy. */
export interface LocalVersion<T extends MergeableRow> {
  row: T;
  serverUpdatedAt: number | null;
  shadow: T | null;
}

/** Set moderation fields only on rows that have them (places and votes have none). */
function withModeration<T extends MergeableRow>(row: T, hiddenAt: number | null, deletedAt: number | null): T {
  if (!('hiddenAt' in row) && !('deletedAt' in row)) return row;
  return { ...row, hiddenAt, deletedAt };
}

/**
 * The next local version of a row, or undefined when there is nothing to keep (a tombstone for a row
 * this cache never had).
 */
export function mergeRow<T extends MergeableRow>(
  local: LocalVersion<T> | undefined,
  server: T | Tombstone,
  pending: boolean,
): LocalVersion<T> | undefined {
  if (!local) {
    return isTombstone(server) ? undefined : { row: server, serverUpdatedAt: server.updatedAt, shadow: null };
  }
  const localDeletedAt = local.row.deletedAt ?? null;
  const deletedAt = localDeletedAt ?? server.deletedAt ?? null;
  const newer = local.serverUpdatedAt === null || server.updatedAt >= local.serverUpdatedAt;

  if (!newer) {
    if (deletedAt === localDeletedAt) return local;
    return {
      ...local,
      row: withModeration(local.row, local.row.hiddenAt ?? null, deletedAt),
      shadow: local.shadow && withModeration(local.shadow, local.shadow.hiddenAt ?? null, deletedAt),
    };
  }

  const hiddenAt = server.hiddenAt ?? null;
  if (isTombstone(server)) {
    return {
      row: withModeration(local.row, hiddenAt, deletedAt),
      serverUpdatedAt: server.updatedAt,
      shadow: local.shadow && withModeration(local.shadow, hiddenAt, deletedAt),
    };
  }
  const serverRow = withModeration(server, hiddenAt, deletedAt);
  if (pending) {
    return {
      row: withModeration(local.row, hiddenAt, deletedAt),
      serverUpdatedAt: server.updatedAt,
      shadow: serverRow,
    };
  }
  return { row: serverRow, serverUpdatedAt: server.updatedAt, shadow: null };
}
