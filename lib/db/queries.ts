/**
 * What the panel reads from the cache: a place's threads, a thread's posts, the learner's votes, local
 * search. Every record is parsed on the way out, and what the viewer may not see (deleted rows, rows a
 * moderator hid from everyone but their author) never leaves here. Reads only; never writes rows.
 */
import { Dexie, type Collection } from 'dexie';
import { searchTokens } from '../domain/text';
import type { PeersideDb } from './database';
import {
  MetaRecordSchema,
  parseRecord,
  PlaceRecordSchema,
  PostRecordSchema,
  ThreadRecordSchema,
  VoteRecordSchema,
  type MetaRecord,
  type PlaceRecord,
  type PostRecord,
  type ThreadRecord,
  type VoteRecord,
} from './records';

type Log = (message: string) => void;

/** Deleted rows are gone for everyone; hidden ones stay visible to their author (to see why). */
export function visibleTo(
  viewerId: string | null,
  row: { hiddenAt: number | null; deletedAt: number | null; authorId: string | null },
): boolean {
  if (row.deletedAt !== null) return false;
  return row.hiddenAt === null || (viewerId !== null && row.authorId === viewerId);
}

function parseAll<T>(values: readonly unknown[], parse: (value: unknown) => T | null): T[] {
  return values.flatMap((value) => parse(value) ?? []);
}

/** A place's threads, most recently active first. */
export async function threadsForPlace(
  db: PeersideDb,
  query: { orgId: string; placeKey: string; viewerId: string | null; limit?: number },
  log?: Log,
): Promise<ThreadRecord[]> {
  const { orgId, placeKey, viewerId, limit = 500 } = query;
  const records = await db.threads
    .where('[orgId+placeKey+updatedAt]')
    .between([orgId, placeKey, Dexie.minKey], [orgId, placeKey, Dexie.maxKey])
    .reverse()
    .toArray();
  return parseAll(records, (value) => parseRecord(ThreadRecordSchema, value, 'thread', log))
    .filter((thread) => visibleTo(viewerId, thread))
    .slice(0, limit);
}

/** A thread's answers and replies, oldest first (replies carry parentId). */
export async function postsForThread(
  db: PeersideDb,
  query: { threadId: string; viewerId: string | null },
  log?: Log,
): Promise<PostRecord[]> {
  const records = await db.posts
    .where('[threadId+createdAt]')
    .between([query.threadId, Dexie.minKey], [query.threadId, Dexie.maxKey])
    .toArray();
  return parseAll(records, (value) => parseRecord(PostRecordSchema, value, 'post', log)).filter((post) =>
    visibleTo(query.viewerId, post),
  );
}

/** The learner's own votes on these posts (votes are private: the cache holds only the learner's). */
export async function votesForPosts(db: PeersideDb, postIds: readonly string[], log?: Log): Promise<VoteRecord[]> {
  const records = await db.votes
    .where('postId')
    .anyOf([...postIds])
    .toArray();
  return parseAll(records, (value) => parseRecord(VoteRecordSchema, value, 'vote', log));
}

export type SearchHit = { kind: 'thread'; thread: ThreadRecord } | { kind: 'post'; post: PostRecord };

/**
 * Local full-text search over an org's cached threads and posts. Every word of the query must match
 * a whole indexed word, except the last, which may be the start of one (search as you type). It
 * intersects the words' index keys (no records read), then reads the candidates newest first (ids are
 * time-ordered UUIDv7) until it has `limit` hits; only the hits are parsed. Rows with older random ids
 * (v4, e.g. seeded) simply rank by id.
 */
export async function searchLocal(
  db: PeersideDb,
  query: { orgId: string; text: string; viewerId: string | null; limit?: number },
  log?: Log,
): Promise<SearchHit[]> {
  const tokens = searchTokens(query.text, 20);
  if (tokens.length === 0) return [];
  const limit = query.limit ?? 50;
  const last = tokens.length - 1;
  const matches = (words: readonly string[]) =>
    tokens.every((token, index) =>
      index === last ? words.some((word) => word.startsWith(token)) : words.includes(token),
    );
  // Checked on stored records before parsing: they were parsed when written, and only hits are parsed again.
  const wanted = (raw: { orgId?: unknown; words?: unknown }) =>
    raw.orgId === query.orgId &&
    Array.isArray(raw.words) &&
    matches(raw.words as string[]) &&
    visibleTo(query.viewerId, raw as Parameters<typeof visibleTo>[1]);

  async function search<R extends ThreadRecord | PostRecord>(
    table: typeof db.threads | typeof db.posts,
    parse: (value: unknown) => R | null,
  ): Promise<R[]> {
    const lookups = tokens.map((token, index) =>
      index === last ? table.where('words').startsWith(token) : table.where('words').equals(token),
    );
    if (lookups.length === 1) {
      // One word: walk its index newest first and stop at `limit` hits (usually `limit` reads).
      const walk = lookups[0] as unknown as Collection<{ orgId?: unknown; words?: unknown }, string>;
      const hits = await walk
        .reverse()
        .distinct()
        .filter((raw) => wanted(raw))
        .limit(limit)
        .toArray();
      return parseAll(hits, parse);
    }
    // More words: intersect their primary keys from the indexes alone (no records read), then read
    // only the newest candidates, a page at a time, until `limit` of them are this org's and visible.
    const keySets = await Promise.all(lookups.map((lookup) => lookup.primaryKeys()));
    keySets.sort((a, b) => a.length - b.length);
    const others = keySets.slice(1).map((keys) => new Set(keys));
    const candidates = [...new Set(keySets[0])].filter((key) => others.every((keys) => keys.has(key)));
    candidates.sort().reverse();
    const records: unknown[] = [];
    for (let start = 0; start < candidates.length && records.length < limit; start += limit) {
      const page = await table.bulkGet(candidates.slice(start, start + limit));
      records.push(...page.filter((raw) => raw !== undefined && wanted(raw)));
    }
    return parseAll(records.slice(0, limit), parse);
  }

  const [threads, posts] = await Promise.all([
    search(db.threads, (value) => parseRecord(ThreadRecordSchema, value, 'thread', log)),
    search(db.posts, (value) => parseRecord(PostRecordSchema, value, 'post', log)),
  ]);
  const hits: SearchHit[] = [
    ...threads.map((thread) => ({ kind: 'thread' as const, thread })),
    ...posts.map((post) => ({ kind: 'post' as const, post })),
  ];
  const at = (hit: SearchHit) => (hit.kind === 'thread' ? hit.thread.updatedAt : hit.post.updatedAt);
  return hits.sort((a, b) => at(b) - at(a)).slice(0, limit);
}

/** The cached place for (org, key), or null. */
export async function placeFor(db: PeersideDb, orgId: string, key: string, log?: Log): Promise<PlaceRecord | null> {
  return parseRecord(PlaceRecordSchema, await db.places.get([orgId, key]), 'place', log);
}

/**
 * The panel opened this place: remember when, for least-recently-used eviction. Returns the place,
 * or null when it is not cached; `evicted: true` means the caller should ask the engine to refresh it.
 */
export async function touchPlace(db: PeersideDb, orgId: string, key: string, now: number): Promise<PlaceRecord | null> {
  await db.places.update([orgId, key], { lastUsedAt: now });
  return placeFor(db, orgId, key);
}

/** Start pulling an org's changes (the learner is a member). Keeps the cursor of an org already followed. */
export async function followOrg(db: PeersideDb, orgId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (!(await db.meta.get(orgId))) await db.meta.put({ orgId, cursor: null, lastSyncedAt: null });
  });
}

/** The orgs being pulled, with their cursors. */
export async function followedOrgs(db: PeersideDb, log?: Log): Promise<MetaRecord[]> {
  return parseAll(await db.meta.toArray(), (value) => parseRecord(MetaRecordSchema, value, 'sync cursor', log));
}

/** One thread, or null when it is not cached or the viewer may not see it. */
export async function threadById(
  db: PeersideDb,
  query: { id: string; viewerId: string | null },
  log?: Log,
): Promise<ThreadRecord | null> {
  const thread = parseRecord(ThreadRecordSchema, await db.threads.get(query.id), 'thread', log);
  return thread && visibleTo(query.viewerId, thread) ? thread : null;
}

export interface ThreadStats {
  /** Visible answers (posts without a parent). */
  answers: number;
  /** The best visible answer's score; null without answers. */
  topScore: number | null;
  /** The newest of the thread's own activity and its visible posts, for "newest activity first". */
  lastActivityAt: number;
}

/** Answer counts, best score and last activity of these threads, from their cached posts. */
export async function statsForThreads(
  db: PeersideDb,
  query: { threads: readonly ThreadRecord[]; viewerId: string | null },
  log?: Log,
): Promise<Map<string, ThreadStats>> {
  const stats = new Map<string, ThreadStats>(
    query.threads.map((thread) => [thread.id, { answers: 0, topScore: null, lastActivityAt: thread.updatedAt }]),
  );
  const records = await db.posts
    .where('threadId')
    .anyOf(query.threads.map((thread) => thread.id))
    .toArray();
  for (const post of parseAll(records, (value) => parseRecord(PostRecordSchema, value, 'post', log))) {
    const entry = stats.get(post.threadId);
    if (!entry || !visibleTo(query.viewerId, post)) continue;
    entry.lastActivityAt = Math.max(entry.lastActivityAt, post.createdAt);
    if (post.parentId !== null) continue;
    entry.answers += 1;
    entry.topScore = Math.max(entry.topScore ?? post.score, post.score);
  }
  return stats;
}
