/**
 * Cache limits: keep the threads of the most recently opened places, evict the rest place by place.
 * A row with a write still queued or refused (and the thread it belongs to) is never evicted: that
 * would lose what the learner wrote. Place rows themselves are small and stay, marked `evicted`.
 */
import type { PeersideDb } from './database';

export interface EvictionReport {
  places: number;
  threads: number;
  posts: number;
  votes: number;
}

export const defaultKeptPlaces = 200;

export async function evictLeastRecentlyUsed(db: PeersideDb, keepPlaces = defaultKeptPlaces): Promise<EvictionReport> {
  return db.transaction('rw', [db.places, db.threads, db.posts, db.votes, db.outbox], async () => {
    const report: EvictionReport = { places: 0, threads: 0, posts: 0, votes: 0 };
    const guarded = new Set<string>();
    await db.outbox.each((entry) => {
      guarded.add(entry.rowId);
      entry.refs.forEach((ref) => guarded.add(ref));
    });

    async function removeThread(threadId: string): Promise<boolean> {
      const postIds = await db.posts.where('threadId').equals(threadId).primaryKeys();
      const voteIds = await db.votes.where('postId').anyOf(postIds).primaryKeys();
      if ([threadId, ...postIds, ...voteIds].some((id) => guarded.has(id))) return false;
      await db.votes.bulkDelete(voteIds);
      await db.posts.bulkDelete(postIds);
      await db.threads.delete(threadId);
      report.threads += 1;
      report.posts += postIds.length;
      report.votes += voteIds.length;
      return true;
    }

    const places = await db.places.orderBy('lastUsedAt').reverse().toArray();
    for (const place of places.slice(keepPlaces)) {
      const threadIds = await db.threads.where('[orgId+placeKey]').equals([place.orgId, place.key]).primaryKeys();
      for (const threadId of threadIds) await removeThread(threadId);
      if (!place.evicted) {
        await db.places.update([place.orgId, place.key], { evicted: true });
        report.places += 1;
      }
    }

    // Posts pulled for threads of evicted places (a delta pull does not refill those) are orphans.
    const threadIdsOfPosts = (await db.posts.orderBy('threadId').uniqueKeys()) as string[];
    const threads = await db.threads.bulkGet(threadIdsOfPosts);
    for (const [index, threadId] of threadIdsOfPosts.entries()) {
      if (threads[index] !== undefined) continue;
      const postIds = (await db.posts.where('threadId').equals(threadId).primaryKeys()).filter(
        (id) => !guarded.has(id),
      );
      const voteIds = (await db.votes.where('postId').anyOf(postIds).primaryKeys()).filter((id) => !guarded.has(id));
      await db.votes.bulkDelete(voteIds);
      await db.posts.bulkDelete(postIds);
      report.posts += postIds.length;
      report.votes += voteIds.length;
    }
    return report;
  });
}
