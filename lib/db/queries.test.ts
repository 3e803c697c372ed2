import { describe, expect, it } from 'vitest';
import { alice, bob, freshDb, newPlace, newPost, newThread, orgId, lessonKey } from '../../tests/fixtures/sync-harness';
import { postsForThread, searchLocal, statsForThreads, threadById, threadsForPlace } from './queries';
import { toRecord } from './store';

async function seeded() {
  const db = freshDb();
  const place = newPlace();
  await db.places.put({ ...place, sync: 'synced', serverUpdatedAt: 0, lastUsedAt: 0, evicted: false });
  const put = async (table: 'threads' | 'posts', row: ReturnType<typeof newThread> | ReturnType<typeof newPost>) =>
    table === 'threads'
      ? db.threads.put(
          toRecord('threads', { row: row as ReturnType<typeof newThread>, serverUpdatedAt: 1, shadow: null }, 'synced'),
        )
      : db.posts.put(
          toRecord('posts', { row: row as ReturnType<typeof newPost>, serverUpdatedAt: 1, shadow: null }, 'synced'),
        );
  const old = newThread(alice, 'Left joins and NULLs', { updatedAt: 10, body: 'Why do I get NULL rows?' });
  const recent = newThread(bob, 'Indexes for joins', { updatedAt: 20, tags: ['performance'] });
  const hidden = newThread(bob, 'Spam about joins', { updatedAt: 30, hiddenAt: 30 });
  const deleted = newThread(alice, 'Deleted joins question', { updatedAt: 40, deletedAt: 40 });
  const elsewhere = newThread(alice, 'Joins at another lesson', { placeKey: `${lessonKey}x`, updatedAt: 50 });
  for (const thread of [old, recent, hidden, deleted, elsewhere]) await put('threads', thread);
  const answer = newPost(bob, old.id, 'Use COALESCE to replace NULL values.', { createdAt: 2, updatedAt: 60 });
  const reply = newPost(alice, old.id, 'Thanks, coalesce works!', { createdAt: 3, parentId: answer.id, updatedAt: 61 });
  const removed = newPost(bob, old.id, 'Removed coalesce advice', { createdAt: 1, deletedAt: 5 });
  for (const post of [answer, reply, removed]) await put('posts', post);
  return { db, old, recent, hidden, deleted, elsewhere, answer, reply };
}

describe('threadsForPlace', () => {
  it("lists a place's visible threads, most recently active first", async () => {
    const { db, old, recent, hidden } = await seeded();
    const forBob = await threadsForPlace(db, { orgId, placeKey: lessonKey, viewerId: bob });
    expect(forBob.map((t) => t.id)).toEqual([hidden.id, recent.id, old.id]); // Bob sees his own hidden one
    const forAlice = await threadsForPlace(db, { orgId, placeKey: lessonKey, viewerId: alice });
    expect(forAlice.map((t) => t.id)).toEqual([recent.id, old.id]);
  });
});

describe('postsForThread', () => {
  it('lists answers and replies oldest first, without deleted ones', async () => {
    const { db, old, answer, reply } = await seeded();
    const posts = await postsForThread(db, { threadId: old.id, viewerId: alice });
    expect(posts.map((p) => [p.id, p.parentId])).toEqual([
      [answer.id, null],
      [reply.id, answer.id],
    ]);
  });
});

describe('searchLocal', () => {
  it('finds threads and posts by whole words, the last one as a prefix, newest first', async () => {
    const { db, old, recent, elsewhere, answer, reply } = await seeded();
    const hits = await searchLocal(db, { orgId, text: 'joins', viewerId: alice }); // the whole org, every place
    expect(hits.map((hit) => (hit.kind === 'thread' ? hit.thread.id : hit.post.id))).toEqual([
      elsewhere.id,
      recent.id,
      old.id,
    ]);
    const prefix = await searchLocal(db, { orgId, text: 'coal', viewerId: alice });
    expect(prefix.map((hit) => (hit.kind === 'post' ? hit.post.id : null))).toEqual([reply.id, answer.id]);
    const both = await searchLocal(db, { orgId, text: 'NULL valu', viewerId: alice });
    expect(both).toHaveLength(1);
    expect(await searchLocal(db, { orgId, text: 'perf', viewerId: alice })).toHaveLength(1); // tags are indexed
  });

  it('never finds hidden, deleted or other orgs’ rows, and nothing for an empty query', async () => {
    const { db } = await seeded();
    expect(await searchLocal(db, { orgId, text: 'spam', viewerId: alice })).toEqual([]);
    expect(await searchLocal(db, { orgId, text: 'deleted', viewerId: alice })).toEqual([]);
    expect(await searchLocal(db, { orgId, text: 'removed', viewerId: alice })).toEqual([]);
    expect(
      await searchLocal(db, { orgId: '0a000000-0000-4000-8000-000000000009', text: 'joins', viewerId: alice }),
    ).toEqual([]);
    expect(await searchLocal(db, { orgId, text: ' ? ', viewerId: alice })).toEqual([]);
  });
});

describe('threadById and statsForThreads', () => {
  it('reads one visible thread, and counts visible answers, best score and last activity', async () => {
    const { db, old, recent, hidden, answer } = await seeded();
    expect((await threadById(db, { id: old.id, viewerId: alice }))?.title).toBe(old.title);
    expect(await threadById(db, { id: hidden.id, viewerId: alice })).toBeNull();
    expect((await threadById(db, { id: hidden.id, viewerId: bob }))?.id).toBe(hidden.id);
    const threads = await threadsForPlace(db, { orgId, placeKey: lessonKey, viewerId: alice });
    const stats = await statsForThreads(db, { threads, viewerId: alice });
    // The reply and the deleted post are not answers; the reply is activity.
    expect(stats.get(old.id)).toEqual({ answers: 1, topScore: answer.score, lastActivityAt: 10 });
    expect(stats.get(recent.id)).toEqual({ answers: 0, topScore: null, lastActivityAt: 20 });
  });
});
