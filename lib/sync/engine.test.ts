import { describe, expect, it } from 'vitest';
import { listFailedWrites, discardWrite, retryWrite } from './outbox';
import { backoffCapMs } from './backoff';
import { createMemoryServer, type MemoryServer } from '../../tests/fixtures/memory-server';
import {
  alice,
  bob,
  carol,
  createClient,
  expectConverged,
  freshDb,
  lessonKey,
  newPlace,
  newPost,
  newThread,
  newVote,
  orgId,
  syncAll,
  testClock,
  type Accepted,
  type TestClient,
  type TestClock,
} from '../../tests/fixtures/sync-harness';
import { followOrg, postsForThread, threadsForPlace } from '../db/queries';
import type { PullCursor } from '../db/records';
import { createSyncEngine } from './engine';
import { ResyncRequiredError } from './errors';
import type { Remote } from './remote';

function world() {
  const server = createMemoryServer();
  for (const user of [alice, bob, carol]) server.addMember(orgId, user);
  const clock = testClock();
  return { server, clock };
}

/** Alice asks a question with one answer from Bob's side: the writes most tests start from. */
async function askQuestion(client: TestClient, accepted: Accepted, title = 'How do joins work?') {
  const place = newPlace();
  if ((await client.write({ op: 'insert', table: 'places', row: place })) !== null) accepted.places.push(place.key);
  const thread = newThread(client.userId, title);
  await client.write({ op: 'insert', table: 'threads', row: thread });
  accepted.threads.push(thread.id);
  return thread;
}

/** The phases a client went through, repeats folded (counts change within a phase). */
const phases = (client: TestClient) =>
  client.states.map((state) => state.phase).filter((phase, index, all) => index === 0 || all[index - 1] !== phase);

const empty = (): Accepted => ({ places: [], threads: [], posts: [], votes: [] });

async function twoClients(server: MemoryServer, clock: TestClock) {
  const a = await createClient(server, { name: 'alice', userId: alice, clock });
  const b = await createClient(server, { name: 'bob', userId: bob, clock });
  return [a, b] as const;
}

describe('sync engine: the happy path', () => {
  it('sends writes, clears them on acknowledgement, and brings them to a peer', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    const answer = newPost(alice, thread.id, 'Use an index on the join key.');
    await a.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);
    expect(a.engine.state()).toMatchObject({ phase: 'idle' });
    expect(await a.engine.refresh()).toMatchObject({ pending: 3, failed: 0 });

    const state = await a.engine.sync();
    expect(state).toMatchObject({ phase: 'idle', pending: 0, failed: 0, error: null, lastSyncedAt: clock.now() });
    expect(phases(a)).toEqual(['idle', 'pushing', 'pulling', 'idle']);
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
    const seen = await threadsForPlace(b.db, { orgId, placeKey: lessonKey, viewerId: bob });
    expect(seen.map((t) => [t.title, t.status])).toEqual([['How do joins work?', 'answered']]);
  });
});

describe('sync engine: faults (each ends with the convergence invariant)', () => {
  it('replays a write whose acknowledgement was lost without duplicating it', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    a.remote.failPush({ kind: 'drop-after-apply' }); // the place reaches the server; the answer does not

    const state = await a.engine.sync();
    expect(state.phase).toBe('offline');
    expect(state.error).toMatch(/offline.*kept on this device/);
    expect(state.pending).toBe(2);
    expect(server.rows('places')).toHaveLength(1);
    const [entry] = await a.db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'places', attempts: 1, status: 'pending' });
    expect(state.nextRetryAt).toBe(entry!.nextAttemptAt);
    expect(entry!.nextAttemptAt).toBeGreaterThan(clock.now());

    await a.engine.sync(); // too early: the backoff is respected, nothing is sent
    expect(a.remote.pushes).toHaveLength(1);

    clock.set(state.nextRetryAt!);
    expect(await a.engine.sync()).toMatchObject({ phase: 'idle', pending: 0, error: null, nextRetryAt: null });
    expect(a.remote.pushes.map((push) => push.table)).toEqual(['places', 'places', 'threads']);
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('backs off on 500s and timeouts, growing, then delivers everything once', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    a.remote.failPush(
      { kind: 'status', status: 500 },
      { kind: 'timeout-after-apply' },
      { kind: 'status', status: 502 },
      { kind: 'drop-before-apply' },
    );
    const waits: number[] = [];
    const seen: string[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const state = await a.engine.sync();
      seen.push(state.phase);
      waits.push(state.nextRetryAt! - clock.now());
      clock.set(state.nextRetryAt!);
    }
    expect(seen).toEqual(['error', 'offline', 'error', 'offline']);
    // Equal jitter: attempt n waits between half and all of 1 s * 2^(n-1).
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(500 * 2 ** index);
      expect(wait).toBeLessThanOrEqual(1000 * 2 ** index);
    });
    expect(await a.engine.sync()).toMatchObject({ phase: 'idle', pending: 0 });
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('honours Retry-After on a 429', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    a.remote.failPush({ kind: 'status', status: 429, retryAfter: '120' });
    const state = await a.engine.sync();
    expect(state).toMatchObject({ phase: 'error', nextRetryAt: clock.now() + 120_000 });
    expect(state.error).toMatch(/slow down/);

    clock.advance(119_000);
    await a.engine.sync();
    expect(a.remote.pushes).toHaveLength(1);
    clock.advance(1_000);
    expect(await a.engine.sync()).toMatchObject({ phase: 'idle', pending: 0 });
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('leaves a 403 failed with a sentence; what builds on it waits, the rest goes; discard cleans up', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted, 'A question that goes through');
    await a.engine.sync();
    const refused = newThread(alice, 'A question the server refuses');
    await a.write({ op: 'insert', table: 'threads', row: refused });
    const answerInRefused = newPost(alice, refused.id, 'An answer to it');
    await a.write({ op: 'insert', table: 'posts', row: answerInRefused });
    const independent = newThread(alice, 'An unrelated question');
    await a.write({ op: 'insert', table: 'threads', row: independent });
    accepted.threads.push(independent.id);
    a.remote.failPush({ kind: 'status', status: 403 });

    const state = await a.engine.sync();
    expect(state).toMatchObject({ phase: 'idle', pending: 1, failed: 1, error: null });
    const [failed] = await listFailedWrites(a.db);
    expect(failed).toMatchObject({ rowId: refused.id, status: 'failed', attempts: 1 });
    expect(failed!.lastError).toMatch(/not allowed to post this question.*discard it/);
    expect((await a.db.threads.get(refused.id))?.sync).toBe('failed');
    expect((await a.db.posts.get(answerInRefused.id))?.sync).toBe('pending'); // held behind it
    expect(a.remote.pushes.filter((push) => push.rowId === answerInRefused.id)).toHaveLength(0);
    expect(server.rows('threads').map((t) => t.id)).toContain(independent.id);

    const discarded = await discardWrite(a.db, failed!.seq);
    expect(discarded.map((entry) => entry.rowId)).toEqual([refused.id, answerInRefused.id]);
    expect(await a.db.threads.get(refused.id)).toBeUndefined();
    expect(await a.db.posts.get(answerInRefused.id)).toBeUndefined();
    expect(await a.engine.sync()).toMatchObject({ pending: 0, failed: 0 });
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('sends a refused write again once the learner edits it, in its place in the queue', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    const answer = newPost(alice, thread.id, 'First answer');
    await a.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);
    a.remote.failPush({ kind: 'none' }, { kind: 'status', status: 400 });
    await a.engine.sync();
    const [failed] = await listFailedWrites(a.db);
    expect(failed!.lastError).toMatch(/refused this question as invalid\. Edit it/);

    await expect(retryWrite(a.db, failed!.seq, { title: 'no' }, clock.now())).rejects.toThrow(/3 to 200/);
    await retryWrite(a.db, failed!.seq, { title: 'How do inner joins work?' }, clock.now());
    expect((await a.db.threads.get(thread.id))?.title).toBe('How do inner joins work?');
    await a.engine.sync();
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);

    // Editing changes what is sent: a refused edit of the question, fixed by the learner.
    await a.write({ op: 'update', table: 'threads', id: thread.id, patch: { title: 'How do LEFT joins work?' } });
    a.remote.failPush({ kind: 'status', status: 409 });
    await a.engine.sync();
    const [conflict] = await listFailedWrites(a.db);
    expect(conflict!.lastError).toMatch(/clashes/);
    await retryWrite(a.db, conflict!.seq, { body: 'Also: when do I need an outer join?' }, clock.now());
    await a.engine.sync();
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
    expect(server.rows('threads')[0]).toMatchObject({
      title: 'How do LEFT joins work?',
      body: 'Also: when do I need an outer join?',
    });
  });

  it('keeps writes queued and says to sign in on a 401, without counting it against them', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    a.remote.failPush({ kind: 'status', status: 401 });
    const state = await a.engine.sync();
    expect(state).toMatchObject({ phase: 'error', pending: 2, failed: 0, nextRetryAt: null });
    expect(state.error).toMatch(/^Sign in to Peerside again/);
    expect((await a.db.outbox.toArray())[0]).toMatchObject({ attempts: 0, status: 'pending' });
    await a.engine.sync();
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('lets a new engine on the same db finish what a killed worker left mid-push and mid-pull', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    const answer = newPost(alice, thread.id, 'Written just before the worker died');
    await a.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);

    // The question reaches the server, and the worker is killed before the answer comes back.
    const pushHung = new Promise<void>((reached) =>
      a.remote.failPush({ kind: 'none' }, { kind: 'hang-after-apply', reached }),
    );
    void a.engine.sync();
    await pushHung;
    expect(server.rows('threads')).toHaveLength(1);
    expect(await a.db.outbox.count()).toBe(2);
    a.restart();
    expect(await a.engine.sync()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(a.remote.pushes.map((push) => push.table)).toEqual(['places', 'threads', 'threads', 'posts']);

    // Bob's worker dies after the first page of a pull; the page and its cursor were stored together.
    const pullHung = new Promise<void>((reached) =>
      b.remote.failPull({ kind: 'none' }, { kind: 'hang-after-apply', reached }),
    );
    void b.engine.sync();
    await pullHung;
    const cursor = (await b.db.meta.get(orgId))?.cursor;
    expect(cursor).not.toBeNull();
    b.restart();
    await b.engine.sync();
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('never runs two syncs at once; a call during a sync queues one more run', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    const first = a.engine.sync();
    const second = a.engine.sync(); // queued behind the first
    const third = a.engine.sync(); // joins the queued one
    expect(third).toBe(second);
    const late = newPost(alice, thread.id, 'Written while a sync was running');
    await a.write({ op: 'insert', table: 'posts', row: late });
    accepted.posts.push(late.id);
    await Promise.all([first, second, third]);
    expect(a.remote.maxInFlight).toBe(1);
    expect(a.remote.pushes.map((push) => push.rowId)).toEqual([expect.any(String), thread.id, late.id]);
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('converges two clients that wrote concurrently, offline, at the same new place', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    // Both meet the same lesson offline and create its place, with different ids.
    const aThread = await askQuestion(a, accepted, 'Alice asks about joins');
    const bThread = await askQuestion(b, accepted, 'Bob asks about indexes');
    accepted.places = [lessonKey];
    const aAnswer = newPost(alice, aThread.id, 'Alice answers herself');
    await a.write({ op: 'insert', table: 'posts', row: aAnswer });
    accepted.posts.push(aAnswer.id);
    b.remote.failPush({ kind: 'drop-after-apply' });

    await Promise.all([a.engine.sync(), b.engine.sync()]);
    clock.advance(backoffCapMs);
    await Promise.all([a.engine.sync(), b.engine.sync()]);
    await syncAll([a, b]);
    // Now each answers the other's question and votes on the other's answer.
    const bAnswer = newPost(bob, aThread.id, 'Bob answers Alice');
    const aReply = newPost(alice, bThread.id, 'Alice answers Bob');
    await b.write({ op: 'insert', table: 'posts', row: bAnswer });
    await a.write({ op: 'insert', table: 'posts', row: aReply });
    const bVote = newVote(bob, aAnswer.id);
    await b.write({ op: 'insert', table: 'votes', row: bVote });
    accepted.posts.push(bAnswer.id, aReply.id);
    accepted.votes.push(bVote.id);
    a.remote.failPush({ kind: 'timeout-after-apply' });
    await Promise.all([a.engine.sync(), b.engine.sync()]);
    clock.advance(backoffCapMs);
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
    const placeIds = await Promise.all([a, b].map(async (client) => (await client.db.places.toArray())[0]!.id));
    expect(placeIds).toEqual([server.rows('places')[0]!.id, server.rows('places')[0]!.id]);
    expect((await a.db.posts.get(aAnswer.id))?.score).toBe(1);
  });

  it('converges one author editing the same question on two devices: the last edit sent wins', async () => {
    const { server, clock } = world();
    const laptop = await createClient(server, { name: 'laptop', userId: alice, clock });
    const phone = await createClient(server, { name: 'phone', userId: alice, clock });
    const accepted = empty();
    const thread = await askQuestion(laptop, accepted);
    await syncAll([laptop, phone]);
    await phone.write({ op: 'update', table: 'threads', id: thread.id, patch: { body: 'Edited on the phone' } });
    await laptop.write({ op: 'update', table: 'threads', id: thread.id, patch: { body: 'Edited on the laptop' } });
    await laptop.engine.sync();
    // The phone pulls the laptop's version while its own edit is still queued: its edit stays on screen.
    phone.remote.failPush({ kind: 'drop-before-apply' });
    await phone.engine.sync();
    expect((await phone.db.threads.get(thread.id))?.body).toBe('Edited on the phone');
    clock.advance(backoffCapMs);
    await syncAll([laptop, phone]);
    await expectConverged(server, [laptop, phone], accepted);
    expect(server.rows('threads')[0]!.body).toBe('Edited on the phone');
  });

  it('never undoes a server delete or hide locally, and shows a hidden question to its author only', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    await syncAll([a, b]);
    const answer = newPost(bob, thread.id, 'An answer that gets removed');
    await b.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);
    await syncAll([a, b]);

    server.softDelete('posts', answer.id);
    await b.write({ op: 'update', table: 'posts', id: answer.id, patch: { body: 'Bob edits it offline' } });
    const state = await b.engine.sync();
    expect(state.failed).toBe(1);
    const [failed] = await listFailedWrites(b.db);
    expect(failed!.lastError).toMatch(/was removed from Peerside.*Discard it/);
    expect((await b.db.posts.get(answer.id))?.deletedAt).not.toBeNull();
    await discardWrite(b.db, failed!.seq);
    const afterDiscard = await b.db.posts.get(answer.id);
    expect(afterDiscard?.deletedAt).not.toBeNull();
    expect(await postsForThread(b.db, { threadId: thread.id, viewerId: bob })).toEqual([]);

    // A later pull that carries an older copy of the answer (a replayed page) does not bring it back.
    await b.db.meta.update(orgId, { cursor: null });
    await b.engine.sync();
    expect((await b.db.posts.get(answer.id))?.deletedAt).not.toBeNull();

    server.hide('threads', thread.id);
    await syncAll([a, b]);
    expect(await threadsForPlace(b.db, { orgId, placeKey: lessonKey, viewerId: bob })).toEqual([]);
    const [own] = await threadsForPlace(a.db, { orgId, placeKey: lessonKey, viewerId: alice });
    expect(own?.hiddenAt).not.toBeNull();
    await expectConverged(server, [a, b], accepted);

    server.unhide('threads', thread.id);
    await syncAll([a, b]);
    expect(await threadsForPlace(b.db, { orgId, placeKey: lessonKey, viewerId: bob })).toHaveLength(1);
    await expectConverged(server, [a, b], accepted);
  });

  it('does not bring back a withdrawn vote while its withdrawal waits, and restores it on discard', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    const thread = await askQuestion(a, accepted);
    const answer = newPost(alice, thread.id, 'Worth a vote');
    await a.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);
    await syncAll([a, b]);
    const vote = newVote(bob, answer.id);
    await b.write({ op: 'insert', table: 'votes', row: vote });
    accepted.votes.push(vote.id);
    await syncAll([a, b]);

    await b.write({ op: 'delete', table: 'votes', id: vote.id });
    b.remote.failPush({ kind: 'status', status: 403 });
    await b.db.meta.update(orgId, { cursor: null }); // the pull will carry the vote again
    expect(await b.engine.sync()).toMatchObject({ failed: 1 });
    expect(await b.db.votes.get(vote.id)).toBeUndefined();
    const [failed] = await listFailedWrites(b.db);
    await discardWrite(b.db, failed!.seq);
    expect((await b.db.votes.get(vote.id))?.sync).toBe('synced');
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('reports a failed pull without touching the outbox, and recovers', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    await a.engine.sync();
    b.remote.failPull({ kind: 'status', status: 503, retryAfter: '30' });
    expect(await b.engine.sync()).toMatchObject({ phase: 'error', nextRetryAt: clock.now() + 30_000 });
    b.remote.failPull({ kind: 'status', status: 403 });
    expect((await b.engine.sync()).error).toMatch(/no longer be a member/);
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
    expect(b.engine.state()).toMatchObject({ phase: 'idle', error: null });
  });
});

describe('sync engine: a cache too old to update (410: the server pruned deletions it never heard of)', () => {
  it('downloads the org again, keeping every queued or refused write and the rows they need', async () => {
    const { server, clock } = world();
    const laptop = await createClient(server, { name: 'laptop', userId: alice, clock });
    const phone = await createClient(server, { name: 'phone', userId: alice, clock });
    const b = await createClient(server, { name: 'bob', userId: bob, clock });
    const everyone = [laptop, phone, b];
    const accepted = empty();
    const thread = await askQuestion(laptop, accepted);
    await syncAll(everyone);
    const answer = newPost(bob, thread.id, 'Index the join key.');
    await b.write({ op: 'insert', table: 'posts', row: answer });
    accepted.posts.push(answer.id);
    await syncAll(everyone);
    const vote = newVote(alice, answer.id);
    await phone.write({ op: 'insert', table: 'votes', row: vote });
    await syncAll(everyone);

    // The laptop withdraws the vote; the phone never hears of it (its tombstone is what the server pruned).
    await laptop.write({ op: 'delete', table: 'votes', id: vote.id });
    await syncAll(everyone);
    expect(server.rows('votes')).toEqual([]);
    expect(await phone.db.votes.get(vote.id)).toBeDefined();

    // Offline on the phone: an edit of the question and a new question (with an answer) that the
    // server will refuse, the answer waiting behind it.
    await phone.write({ op: 'update', table: 'threads', id: thread.id, patch: { title: 'How do inner joins work?' } });
    const refused = newThread(alice, 'A question the server refuses');
    await phone.write({ op: 'insert', table: 'threads', row: refused });
    const waiting = newPost(alice, refused.id, 'Waiting behind the refused question');
    await phone.write({ op: 'insert', table: 'posts', row: waiting });
    phone.remote.failPush({ kind: 'status', status: 409 }, { kind: 'status', status: 403 });
    phone.remote.failPull({ kind: 'status', status: 410 });
    const queued = (await phone.db.outbox.toArray()).map((entry) => [entry.seq, entry.rowId]);
    expect(queued.map(([, rowId]) => rowId)).toEqual([thread.id, refused.id, waiting.id]);

    const state = await phone.engine.sync();
    expect(state).toMatchObject({ phase: 'idle', pending: 1, failed: 2, error: null });
    // Nothing queued was dropped: the two refused writes wait for the learner, the answer behind them.
    expect((await phone.db.outbox.toArray()).map((entry) => [entry.seq, entry.rowId, entry.status])).toEqual(
      queued.map(([seq, rowId]) => [seq, rowId, rowId === waiting.id ? 'pending' : 'failed']),
    );
    // The stale vote is gone; the rows of the writes are still there, as the learner left them.
    expect(await phone.db.votes.get(vote.id)).toBeUndefined();
    expect(await phone.db.threads.get(thread.id)).toMatchObject({ title: 'How do inner joins work?', sync: 'failed' });
    expect((await phone.db.threads.get(thread.id))?.shadow).toMatchObject({ title: 'How do joins work?' });
    expect(await phone.db.threads.get(refused.id)).toMatchObject({ sync: 'failed' });
    expect(await phone.db.posts.get(waiting.id)).toMatchObject({ sync: 'pending' });
    // The server's rows came back from the start, and the cursor moved on.
    expect(await phone.db.posts.get(answer.id)).toMatchObject({ sync: 'synced', score: 0 });
    expect((await phone.db.meta.get(orgId))?.cursor).not.toBeNull();
    expect(phone.logs.join('\n')).toMatch(/too old to update, so it is downloaded again .*1 votes dropped; 3 rows/);

    // The learner sends the edit again and discards the refused question (its answer goes with it).
    const failed = await listFailedWrites(phone.db);
    await retryWrite(phone.db, failed.find((entry) => entry.rowId === thread.id)!.seq, {}, clock.now());
    await discardWrite(phone.db, failed.find((entry) => entry.rowId === refused.id)!.seq);
    await syncAll(everyone);
    await expectConverged(server, everyone, accepted);
    expect(server.rows('threads')[0]!.title).toBe('How do inner joins work?');
  });

  it('a second 410, from the start, is an error rather than a loop; the next sync recovers', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    await syncAll([a, b]);
    b.remote.failPull({ kind: 'status', status: 410 }, { kind: 'status', status: 410 });
    const state = await b.engine.sync();
    expect(state.phase).toBe('error');
    expect(state.error).toMatch(/could not fetch new posts/);
    expect(await b.db.threads.count()).toBe(0);
    expect((await b.db.meta.get(orgId))?.cursor).toBeNull();

    expect(await b.engine.sync()).toMatchObject({ phase: 'idle', error: null });
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('a 410 on a first download (no cursor yet) is retried once from the start, like any other', async () => {
    const { server, clock } = world();
    const [a, b] = await twoClients(server, clock);
    const accepted = empty();
    await askQuestion(a, accepted);
    await a.engine.sync();
    b.remote.failPull({ kind: 'status', status: 410 });
    expect(await b.engine.sync()).toMatchObject({ phase: 'idle', error: null });
    await syncAll([a, b]);
    await expectConverged(server, [a, b], accepted);
  });

  it('starts over from the cursor the remote chose, and stores it before the first page arrives', async () => {
    const db = freshDb();
    await followOrg(db, orgId);
    const stale: PullCursor = { updatedAt: '2025-08-01T09:00:00+00:00', id: alice, completeThrough: '2025-08-01' };
    const restartFrom: PullCursor = { updatedAt: '-infinity', id: bob, completeThrough: '2025-11-20T00:00:00+00:00' };
    await db.meta.update(orgId, { cursor: stale });
    const asked: (PullCursor | null)[] = [];
    const storedAtRestart: unknown[] = [];
    const remote: Remote = {
      push: () => Promise.reject(new Error('nothing to push')),
      pullPlace: () => Promise.reject(new Error('no place')),
      async pullSince(_org, cursor) {
        asked.push(cursor);
        if (asked.length === 1) throw new ResyncRequiredError('Too old.', { restartFrom });
        storedAtRestart.push((await db.meta.get(orgId))?.cursor);
        return { rows: [], cursor };
      },
    };
    const engine = createSyncEngine({ db, remote, now: () => 1, random: () => 0.5, log: () => {} });
    expect(await engine.sync()).toMatchObject({ phase: 'idle', error: null, lastSyncedAt: 1 });
    expect(asked).toEqual([stale, restartFrom]);
    expect(storedAtRestart).toEqual([restartFrom]);
    expect((await db.meta.get(orgId))?.cursor).toEqual(restartFrom);
  });
});
