import { describe, expect, it } from 'vitest';
import { createMemoryServer } from '../../tests/fixtures/memory-server';
import {
  alice,
  bob,
  createClient,
  expectConverged,
  newPlace,
  newPost,
  newThread,
  newVote,
  orgId,
  syncAll,
  testClock,
  type Accepted,
} from '../../tests/fixtures/sync-harness';
import { evictLeastRecentlyUsed } from './evict';
import { placeFor, postsForThread, threadsForPlace, touchPlace } from './queries';

const lessonA = 'moodle|moodle.example.edu|4021|cm:1';
const lessonB = 'moodle|moodle.example.edu|4021|cm:2';

describe('evictLeastRecentlyUsed', () => {
  it('evicts the least recently opened places but never a row with a queued or refused write', async () => {
    const server = createMemoryServer();
    server.addMember(orgId, alice);
    server.addMember(orgId, bob);
    const clock = testClock();
    const a = await createClient(server, { name: 'alice', userId: alice, clock });
    const b = await createClient(server, { name: 'bob', userId: bob, clock });
    const accepted: Accepted = { places: [lessonA, lessonB], threads: [], posts: [], votes: [] };

    for (const key of [lessonA, lessonB]) await b.write({ op: 'insert', table: 'places', row: newPlace(key) });
    const quiet = newThread(bob, 'A question nobody touches', { placeKey: lessonA });
    const busy = newThread(bob, 'A question Alice answers offline', { placeKey: lessonA });
    const elsewhere = newThread(bob, 'A question at another lesson', { placeKey: lessonB });
    for (const row of [quiet, busy, elsewhere]) await b.write({ op: 'insert', table: 'threads', row });
    const bobsAnswer = newPost(bob, busy.id, 'Bob answers his own question');
    await b.write({ op: 'insert', table: 'posts', row: bobsAnswer });
    accepted.threads.push(quiet.id, busy.id, elsewhere.id);
    accepted.posts.push(bobsAnswer.id);
    await syncAll([a, b]);

    // Alice answers and votes offline at lesson A, then only looks at lesson B for a while.
    const answer = newPost(alice, busy.id, 'Written offline');
    const vote = newVote(alice, bobsAnswer.id);
    await a.write({ op: 'insert', table: 'posts', row: answer });
    await a.write({ op: 'insert', table: 'votes', row: vote });
    accepted.posts.push(answer.id);
    accepted.votes.push(vote.id);
    await touchPlace(a.db, orgId, lessonA, clock.now());
    clock.advance(60_000);
    await touchPlace(a.db, orgId, lessonB, clock.now());

    const report = await evictLeastRecentlyUsed(a.db, 1);
    expect(report).toEqual({ places: 1, threads: 1, posts: 0, votes: 0 });
    expect(await a.db.threads.get(quiet.id)).toBeUndefined();
    expect(await a.db.threads.get(busy.id)).toBeDefined(); // it holds Alice's queued answer and vote
    expect((await a.db.posts.get(answer.id))?.sync).toBe('pending');
    expect((await a.db.votes.get(vote.id))?.sync).toBe('pending');
    expect(await a.db.threads.get(elsewhere.id)).toBeDefined();
    expect((await placeFor(a.db, orgId, lessonA))?.evicted).toBe(true);

    // The queued writes still go; deltas for the evicted place are not kept piecemeal...
    const later = newThread(bob, 'Asked at lesson A after the eviction', { placeKey: lessonA });
    await b.write({ op: 'insert', table: 'threads', row: later });
    accepted.threads.push(later.id);
    await syncAll([a, b]);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.threads.get(later.id)).toBeUndefined();
    expect(await a.db.threads.get(busy.id)).toBeDefined();

    // ...until Alice opens lesson A again and it is refreshed whole.
    expect((await touchPlace(a.db, orgId, lessonA, clock.now()))?.evicted).toBe(true);
    expect(await a.engine.refreshPlace(orgId, lessonA)).toBe(true);
    const titles = (await threadsForPlace(a.db, { orgId, placeKey: lessonA, viewerId: alice })).map((t) => t.title);
    expect(titles.sort()).toEqual([busy.title, later.title, quiet.title].sort());
    expect(await postsForThread(a.db, { threadId: busy.id, viewerId: alice })).toHaveLength(2);
    await expectConverged(server, [a, b], accepted);
  });

  it('evicts as part of a sync when the engine has a limit', async () => {
    const server = createMemoryServer();
    server.addMember(orgId, alice);
    const clock = testClock();
    const a = await createClient(server, { name: 'alice', userId: alice, clock, keepPlaces: 1 });
    for (const key of [lessonA, lessonB]) await a.write({ op: 'insert', table: 'places', row: newPlace(key) });
    await a.write({ op: 'insert', table: 'threads', row: newThread(alice, 'At lesson A', { placeKey: lessonA }) });
    await a.write({ op: 'insert', table: 'threads', row: newThread(alice, 'At lesson B', { placeKey: lessonB }) });
    await touchPlace(a.db, orgId, lessonB, clock.now());
    await a.engine.sync();
    expect((await a.db.threads.toArray()).map((t) => t.title)).toEqual(['At lesson B']);
  });
});
