/**
 * What the UI may know about sync: a typed state the engine emits, never the engine's internals.
 * PURE (zod only), so the messaging protocol can carry it from the background to the panel.
 */
import { z } from 'zod/mini';

export const syncPhases = ['idle', 'pushing', 'pulling', 'offline', 'error'] as const;

export const SyncStateSchema = z.object({
  phase: z.enum(syncPhases),
  /** Local writes waiting to be sent. */
  pending: z.number().check(z.int(), z.nonnegative()),
  /** Local writes the server refused; each waits for the learner to edit or discard it. */
  failed: z.number().check(z.int(), z.nonnegative()),
  /** When every followed org last finished a pull (the oldest of them); null before the first. */
  lastSyncedAt: z.nullable(z.number()),
  /** A sentence for the learner saying what is wrong and what to do; null when nothing is. */
  error: z.nullable(z.string()),
  /** When the engine wants to run again (a retry after backoff); null when it has nothing to retry. */
  nextRetryAt: z.nullable(z.number()),
});
export type SyncState = z.infer<typeof SyncStateSchema>;
