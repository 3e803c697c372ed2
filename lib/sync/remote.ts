/**
 * The server as the sync engine sees it: push one queued write, pull one page of changes per org.
 * The Supabase implementation lives in lib/api (the only importer of supabase-js); tests use the
 * in-memory server in tests/fixtures. Implementations must never retry on their own or swallow errors:
 * they throw RemoteError (or let fetch's own errors through) and the engine decides.
 */
import type { OutboxEntry, PullCursor } from '../db/records';

export type { PullCursor } from '../db/records';

/** The server took the write. `applied` is false when it was a replay the server already had (a no-op). */
export interface PushAck {
  applied: boolean;
}

export interface PullPage {
  /**
   * `{ table, row }` items (PulledChangeSchema, which the engine parses), ordered by (updatedAt, id).
   * Hidden or deleted threads and posts the caller may not read come as tombstones.
   */
  rows: unknown[];
  /** Where the next page starts; exactly the cursor asked with when there is nothing new (that ends a pull). */
  cursor: PullCursor | null;
}

export interface Remote {
  /**
   * Apply one write, idempotently: inserts use the client-generated id and ON CONFLICT DO NOTHING;
   * updates set the same values again; deletes of a missing row succeed. Throws on failure.
   * A refused update (the row is gone or no longer editable) must throw, not answer with zero rows.
   */
  push(entry: OutboxEntry): Promise<PushAck>;
  /**
   * One page of the org's changes after `cursor` (keyset: updated_at, then id), null from the start.
   * Throws a RemoteError with status 410 (ResyncRequiredError) when the server can no longer bring a
   * cache at this cursor up to date: the engine then drops the org's cached server rows and pulls again
   * from the error's restartFrom (null when it has none).
   */
  pullSince(orgId: string, cursor: PullCursor | null): Promise<PullPage>;
  /** The current rows of one place (its place row, threads, their posts, the caller's votes there). */
  pullPlace(orgId: string, placeKey: string): Promise<{ rows: unknown[] }>;
}
