import { describe, expect, it } from 'vitest';
import {
  alice,
  bob,
  freshDb,
  newPlace,
  newPost,
  newThread,
  newVote,
  orgId,
  otherOrgId,
} from '../../tests/fixtures/sync-harness';
import type { PeersideDb } from '../db/database';
import type { PulledChange } from '../domain/rows';
import { applyPulled } from './apply';
import { enqueueWrite } from './outbox';
import { forgetServerRows } from './resync';

/** Server rows as a pull leaves them in the cache (synced). */
async function pulled(db: PeersideDb, changes: PulledChange[]) {
  // The scope must itself be an async function: Dexie follows native awaits only from one.
  await db.transaction('rw', [db.threads, db.posts, db.votes, db.places, db.outbox], async () => {
    await applyPulled(db, changes, { keepEvicted: true });
  });
}

const ids = async (db: PeersideDb, table: 'threads' | 'posts' | 'votes') =>
  (await db[table].toCollection().primaryKeys()).sort();

describe('forgetServerRows', () => {
  it("drops the org's synced rows and cursor; keeps queued and refused writes, what they build on, places and other orgs", async () => {
    const db = freshDb();
    const place = { ...newPlace(), updatedAt: 5 };
    const plain = newThread(bob, 'A server question nobody is writing to', { updatedAt: 5 });
    const answered = newThread(bob, 'A question with a queued answer', { updatedAt: 5 });
    const serverAnswer = newPost(bob, plain.id, 'A server answer', { updatedAt: 5 });
    const edited = newPost(bob, answered.id, 'An answer Alice cannot edit', { updatedAt: 5 });
    const voted = newPost(bob, answered.id, 'An answer Alice votes on later', { updatedAt: 5 });
    const serverVote = newVote(alice, serverAnswer.id);
    const elsewhere = { ...newThread(bob, 'In another org', { updatedAt: 5 }), orgId: otherOrgId };
    await pulled(db, [
      { table: 'places', row: place },
      ...[plain, answered, elsewhere].map((row) => ({ table: 'threads' as const, row })),
      ...[serverAnswer, edited, voted].map((row) => ({ table: 'posts' as const, row })),
      { table: 'votes', row: serverVote },
    ]);
    const queuedAnswer = newPost(alice, answered.id, 'Queued answer');
    await enqueueWrite(db, { op: 'insert', table: 'posts', row: queuedAnswer }, 10);
    const queuedVote = newVote(alice, voted.id);
    await enqueueWrite(db, { op: 'insert', table: 'votes', row: queuedVote }, 11);
    const refusedEdit = await enqueueWrite(
      db,
      { op: 'update', table: 'posts', id: edited.id, patch: { body: 'x' } },
      12,
    );
    await db.outbox.update(refusedEdit!, { status: 'failed', lastError: 'Refused.' });
    await db.posts.update(edited.id, { sync: 'failed' });
    const cursor = { updatedAt: '2025-11-25 09:00:00.000001+00', id: plain.id, kind: 'thread' };
    await db.meta.bulkPut([
      { orgId, cursor, lastSyncedAt: 7 },
      { orgId: otherOrgId, cursor, lastSyncedAt: 7 },
    ]);
    const outbox = await db.outbox.toArray();
    const places = await db.places.toArray();

    const report = await forgetServerRows(db, orgId);

    expect(report).toEqual({ threads: 1, posts: 1, votes: 1, kept: 5 });
    // Kept: the thread and answer that queued writes build on, the rows written, the other org's thread.
    expect(await ids(db, 'threads')).toEqual([answered.id, elsewhere.id].sort());
    expect(await ids(db, 'posts')).toEqual([edited.id, voted.id, queuedAnswer.id].sort());
    expect(await ids(db, 'votes')).toEqual([queuedVote.id]);
    expect(await db.posts.get(edited.id)).toMatchObject({ body: 'x', sync: 'failed' });
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await db.places.toArray()).toEqual(places);
    expect(await db.meta.get(orgId)).toEqual({ orgId, cursor: null, lastSyncedAt: 7 });
    expect(await db.meta.get(otherOrgId)).toEqual({ orgId: otherOrgId, cursor, lastSyncedAt: 7 });
  });

  it('on an empty cache drops nothing and starts the org from the beginning', async () => {
    const db = freshDb();
    await db.meta.put({ orgId, cursor: { updatedAt: '2025-11-25 09:00:00+00', id: alice }, lastSyncedAt: null });
    expect(await forgetServerRows(db, orgId)).toEqual({ threads: 0, posts: 0, votes: 0, kept: 0 });
    expect((await db.meta.get(orgId))?.cursor).toBeNull();
  });
});
