import { describe, expect, it } from 'vitest';
import { alice, bob, freshDb, newPlace, newPost, newThread, newVote } from '../../tests/fixtures/sync-harness';
import { placeRef, type OutboxEntry } from '../db/records';
import { discardWrite, enqueueWrite, nextToPush, readOutbox, retryWrite, WriteRefusedError } from './outbox';

async function withQuestion() {
  const db = freshDb();
  const place = newPlace();
  await enqueueWrite(db, { op: 'insert', table: 'places', row: place }, 1);
  const thread = newThread(alice, 'How do joins work?');
  await enqueueWrite(db, { op: 'insert', table: 'threads', row: thread }, 2);
  return { db, place, thread };
}

describe('enqueueWrite', () => {
  it('writes the row (marked pending) and its entry together, in queue order', async () => {
    const { db, place, thread } = await withQuestion();
    expect((await db.threads.get(thread.id))?.sync).toBe('pending');
    const entries = await readOutbox(db);
    expect(entries.map((e) => [e.seq, e.table, e.op, e.rowId, e.status])).toEqual([
      [1, 'places', 'insert', place.id, 'pending'],
      [2, 'threads', 'insert', thread.id, 'pending'],
    ]);
    expect(entries[1]!.refs).toEqual([placeRef(place.orgId, place.key)]);
    // the same place again is nothing new
    expect(await enqueueWrite(db, { op: 'insert', table: 'places', row: newPlace() }, 3)).toBeNull();
  });

  it('writes neither the row nor the entry when the transaction fails', async () => {
    const { db, thread } = await withQuestion();
    const answer = newPost(alice, thread.id, 'An answer');
    const add = db.outbox.add.bind(db.outbox);
    db.outbox.add = () => Promise.reject(new Error('disk full')) as never;
    await expect(enqueueWrite(db, { op: 'insert', table: 'posts', row: answer }, 3)).rejects.toThrow('disk full');
    db.outbox.add = add;
    expect(await db.posts.get(answer.id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses, with sentences, writes the server would refuse', async () => {
    const { db, thread } = await withQuestion();
    const refuse = (promise: Promise<unknown>, message: RegExp) => expect(promise).rejects.toThrow(message);
    await refuse(
      enqueueWrite(
        db,
        { op: 'insert', table: 'threads', row: { ...thread, id: newThread(alice, 'x').id, title: 'x' } },
        3,
      ),
      /3 to 200/,
    );
    await refuse(
      enqueueWrite(
        db,
        { op: 'insert', table: 'threads', row: newThread(alice, 'Elsewhere', { placeKey: 'canvas|x|1' }) },
        3,
      ),
      /does not know this course page/,
    );
    await refuse(
      enqueueWrite(db, { op: 'insert', table: 'posts', row: newPost(bob, newThread(alice, 'x').id, 'Hi') }, 3),
      /no longer on this device/,
    );
    await db.threads.update(thread.id, { locked: true });
    await refuse(enqueueWrite(db, { op: 'insert', table: 'posts', row: newPost(bob, thread.id, 'Hi') }, 3), /locked/);
    await db.threads.update(thread.id, { locked: false, deletedAt: 5 });
    await refuse(
      enqueueWrite(db, { op: 'update', table: 'threads', id: thread.id, patch: { body: 'x' } }, 3),
      /was removed/,
    );
    await expect(
      enqueueWrite(db, { op: 'update', table: 'threads', id: thread.id, patch: {} }, 3),
    ).rejects.toBeInstanceOf(WriteRefusedError);
  });

  it('changes and withdraws a vote as queued writes, and refuses a second vote on the same answer', async () => {
    const { db, thread } = await withQuestion();
    const answer = newPost(bob, thread.id, 'An answer');
    await enqueueWrite(db, { op: 'insert', table: 'posts', row: answer }, 3);
    const vote = newVote(alice, answer.id);
    await enqueueWrite(db, { op: 'insert', table: 'votes', row: vote }, 4);
    await expect(enqueueWrite(db, { op: 'insert', table: 'votes', row: newVote(alice, answer.id) }, 5)).rejects.toThrow(
      /already voted/,
    );
    await enqueueWrite(db, { op: 'update', table: 'votes', id: vote.id, patch: { value: -1 } }, 5);
    expect((await db.votes.get(vote.id))?.value).toBe(-1);
    await enqueueWrite(db, { op: 'delete', table: 'votes', id: vote.id }, 6);
    expect(await db.votes.get(vote.id)).toBeUndefined();
    expect((await readOutbox(db)).slice(-3).map((e) => e.op)).toEqual(['insert', 'update', 'delete']);
  });
});

describe('nextToPush', () => {
  const entry = (seq: number, rowId: string, fields: Partial<OutboxEntry> = {}) =>
    ({ seq, rowId, refs: [], status: 'pending', table: 'threads', op: 'update', orgId: 'o', ...fields }) as OutboxEntry;
  it('takes the first entry that neither failed nor builds on a failed one', () => {
    expect(nextToPush([])).toBeNull();
    expect(nextToPush([entry(1, 'a'), entry(2, 'b')])?.seq).toBe(1);
    const failed = entry(1, 'a', { status: 'failed' });
    expect(
      nextToPush([failed, entry(2, 'a'), entry(3, 'c', { refs: ['a'] }), entry(4, 'd', { refs: ['c'] }), entry(5, 'e')])
        ?.seq,
    ).toBe(5);
  });
});

describe('discardWrite and retryWrite', () => {
  it('discarding a refused edit puts back the server version, keeping later server news', async () => {
    const { db, thread } = await withQuestion();
    await db.outbox.clear();
    await db.threads.update(thread.id, { sync: 'synced', serverUpdatedAt: 10 });
    const seq = (await enqueueWrite(
      db,
      { op: 'update', table: 'threads', id: thread.id, patch: { title: 'My edit title' } },
      20,
    ))!;
    await expect(discardWrite(db, seq)).rejects.toThrow(/still being sent/);
    await db.outbox.update(seq, { status: 'failed', lastError: 'Refused.' });
    // meanwhile the server's newer version arrived and was kept aside
    await db.threads.update(thread.id, {
      shadow: { ...thread, status: 'answered', updatedAt: 30 },
      serverUpdatedAt: 30,
    });
    await discardWrite(db, seq);
    expect(await db.threads.get(thread.id)).toMatchObject({
      title: thread.title,
      status: 'answered',
      sync: 'synced',
      shadow: null,
    });
    await expect(retryWrite(db, seq, {}, 40)).rejects.toThrow(/no longer waiting/);
  });
});
