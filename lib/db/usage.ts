/**
 * What the cache holds on this device, for the options page: counts of cached questions and answers,
 * the writes waiting (which "clear cache" never touches), and the bytes the browser says we use.
 */
import type { PeersideDb } from './database';
import { evictLeastRecentlyUsed } from './evict';

export interface CacheUsage {
  questions: number;
  answers: number;
  /** Writes queued or refused: kept through any clearing, so nothing the learner wrote is lost. */
  unsent: number;
  /** navigator.storage.estimate().usage for the extension, when the browser tells. */
  bytes: number | null;
}

export async function cacheUsage(db: PeersideDb, estimate?: () => Promise<{ usage?: number }>): Promise<CacheUsage> {
  const [questions, answers, unsent, estimated] = await Promise.all([
    db.threads.count(),
    db.posts.count(),
    db.outbox.count(),
    estimate ? estimate().catch(() => ({ usage: undefined })) : Promise.resolve({ usage: undefined }),
  ]);
  return { questions, answers, unsent, bytes: estimated.usage ?? null };
}

/** Drops every cached place's threads, answers and votes except those unsent writes need. */
export async function clearCache(db: PeersideDb): Promise<void> {
  await evictLeastRecentlyUsed(db, 0);
}
