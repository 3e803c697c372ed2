/**
 * The sync engine against the real local stack (PGlite + PostgREST + the auth stand-in, which fakes
 * only Supabase Auth's server): writes queued in Dexie (fake-indexeddb in Node) reach PostgreSQL
 * exactly once and every peer's cache, through network faults injected into fetch, the one part
 * between the client and the real server that a test can break on purpose.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { memoryArea, useLocalBackend } from '@/tests/fixtures/local-backend';
import { PeersideDb } from '../db/database';
import { followOrg, threadsForPlace, postsForThread } from '../db/queries';
import { newId } from '../domain/ids';
import { newPostRow, newThreadRow } from '../domain/new-rows';
import type { PlaceRow, PostRow, ThreadRow } from '../domain/rows';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { discardWrite, enqueueWrite, listFailedWrites, readOutbox } from '../sync/outbox';
import { createBackendClient, sendCode, verifyCode } from './account';
import { acceptAnswer, endorseAnswer } from './answers';
import { createSupabaseRemote } from './remote';

const NORTHWIND = '10000000-0000-4000-8000-000000000001';
// The server allows each person 5 questions a minute, and this file runs within one: Amara asks 5.
// A new test that asks should use another seeded learner (see supabase/seed.sql).
const AMARA = 'amara.okafor@northwind.example';
const JONAS = 'jonas.becker@northwind.example';
const BEN_OF_CONTOSO = 'ben.carter@contoso.example';
const MEI = 'mei.tanaka@northwind.example';

const local = useLocalBackend();
const codes = local.codes;

type Fault = (url: string, init: RequestInit | undefined, real: () => Promise<Response>) => Promise<Response>;

let databases = 0;
/** A learner's browser: signed in, its own IndexedDB, an engine whose fetch a test may break. */
async function browserOf(email: string) {
  const client = createBackendClient({ url: local.backend.url, anonKey: local.backend.anonKey }, memoryArea());
  await sendCode(client, email);
  const signedIn = await verifyCode(client, email, codes.get(email)!);
  if (!signedIn.ok) throw new Error(signedIn.error);
  databases += 1;
  const db = new PeersideDb(`remote-test-${databases}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await followOrg(db, NORTHWIND);
  let clock = Date.now();
  const faults: Fault[] = [];
  /** Every answer the remote got, as "status path" (the path after /rest/v1/, without its query). */
  const answers: string[] = [];
  const remote = createSupabaseRemote({
    client,
    url: local.backend.url,
    anonKey: local.backend.anonKey,
    timeoutMs: 2_000,
    fetch: async (input, init) => {
      const real = () => fetch(input, init);
      const fault = faults.shift();
      const response = await (fault ? fault(String(input), init, real) : real());
      answers.push(`${response.status} ${new URL(String(input)).pathname.replace('/rest/v1/', '')}`);
      return response;
    },
  });
  const build = (): SyncEngine => createSyncEngine({ db, remote, now: () => clock, random: () => 0.5, log: () => {} });
  return {
    client,
    userId: signedIn.value.userId,
    db,
    faults,
    answers,
    engine: build(),
    rebuild() {
      this.engine = build();
      return this.engine;
    },
    advance: (ms: number) => (clock += ms),
    write: (write: Parameters<typeof enqueueWrite>[1]) => enqueueWrite(db, write, clock),
  };
}

/** How many rows with this id PostgreSQL holds (read with the service role, past RLS). */
async function serverCount(table: string, id: string): Promise<number> {
  const response = await fetch(`${local.backend.url}/rest/v1/${table}?id=eq.${id}&select=id`, {
    headers: { apikey: local.backend.serviceRoleKey, authorization: `Bearer ${local.backend.serviceRoleKey}` },
  });
  return ((await response.json()) as unknown[]).length;
}

async function serverIds(path: string): Promise<string[]> {
  const response = await fetch(`${local.backend.url}/rest/v1/${path}&select=id`, {
    headers: { apikey: local.backend.serviceRoleKey, authorization: `Bearer ${local.backend.serviceRoleKey}` },
  });
  return ((await response.json()) as { id: string }[]).map((row) => row.id).sort();
}

/**
 * The invariant of every sync test: each accepted write is on the server exactly once and in every
 * learner's cache (after a sync), and nothing else is, for the place the test wrote at.
 */
async function expectConverged(
  placeKey: string,
  accepted: { threads: string[]; posts?: string[] },
  learners: { db: PeersideDb; userId: string; engine: SyncEngine }[],
) {
  const threads = [...accepted.threads].sort();
  const posts = [...(accepted.posts ?? [])].sort();
  expect(await serverIds(`threads?place_key=eq.${encodeURIComponent(placeKey)}`)).toEqual(threads);
  expect(threads.length ? await serverIds(`posts?thread_id=in.(${threads.join(',')})`) : []).toEqual(posts);
  for (const learner of learners) {
    await learner.engine.sync();
    const cached = await threadsForPlace(learner.db, { orgId: NORTHWIND, placeKey, viewerId: learner.userId });
    expect(cached.map((row) => row.id).sort()).toEqual(threads);
    const cachedPosts = await Promise.all(
      threads.map((threadId) => postsForThread(learner.db, { threadId, viewerId: learner.userId })),
    );
    expect(
      cachedPosts
        .flat()
        .map((row) => row.id)
        .sort(),
    ).toEqual(posts);
  }
}

let places = 0;
function newPlace(): PlaceRow {
  places += 1;
  return {
    id: newId(),
    orgId: NORTHWIND,
    key: `moodle|moodle.localhost:8080|4021|cm:99${places}`,
    platform: 'moodle',
    courseId: '4021',
    lessonId: `cm:99${places}`,
    courseTitle: 'Introduction to Data Analysis',
    lessonTitle: 'A lesson written offline',
    createdBy: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

function newThread(authorId: string, placeKey: string, title: string): ThreadRow {
  return newThreadRow({ id: newId(), orgId: NORTHWIND, placeKey, authorId, title, body: 'Written on a train.', at: 0 });
}

function newPost(authorId: string, threadId: string, body: string): PostRow {
  return newPostRow({ id: newId(), orgId: NORTHWIND, threadId, authorId, body, at: Date.now() });
}

describe('sync against the real local stack', () => {
  it('delivers a place, a question and an answer exactly once, to the server and to a peer', async () => {
    const amara = await browserOf(AMARA);
    const jonas = await browserOf(JONAS);
    const place = newPlace();
    const thread = newThread(amara.userId, place.key, 'Why does the median resist outliers?');
    await amara.write({ op: 'insert', table: 'places', row: place });
    await amara.write({ op: 'insert', table: 'threads', row: thread });
    const answer = newPost(amara.userId, thread.id, 'Because it only looks at the middle.');
    await amara.write({ op: 'insert', table: 'posts', row: answer });

    const state = await amara.engine.sync();
    expect(state).toMatchObject({ pending: 0, failed: 0, error: null });
    expect(await serverCount('threads', thread.id)).toBe(1);
    expect(await serverCount('posts', answer.id)).toBe(1);

    await jonas.engine.sync();
    const seen = await threadsForPlace(jonas.db, { orgId: NORTHWIND, placeKey: place.key, viewerId: jonas.userId });
    expect(seen.map((row) => row.id)).toEqual([thread.id]);
    expect(
      (await postsForThread(jonas.db, { threadId: thread.id, viewerId: jonas.userId })).map((row) => row.body),
    ).toEqual([answer.body]);
    await expectConverged(place.key, { threads: [thread.id], posts: [answer.id] }, [amara, jonas]);
  });

  it('replays a write whose acknowledgement the network lost, without a duplicate', async () => {
    const amara = await browserOf(AMARA);
    const place = newPlace();
    const thread = newThread(amara.userId, place.key, 'Is a sample of 30 always enough?');
    await amara.write({ op: 'insert', table: 'places', row: place });
    await amara.write({ op: 'insert', table: 'threads', row: thread });
    // The place goes through; the thread reaches the server, then the connection drops before the answer.
    amara.faults.push(
      (_url, _init, real) => real(),
      async (_url, _init, real) => {
        await real();
        throw new TypeError('network connection was lost');
      },
    );
    const dropped = await amara.engine.sync();
    expect(dropped.pending).toBe(1);
    expect(dropped.phase).toBe('offline');
    expect(await serverCount('threads', thread.id)).toBe(1);

    const replayed = await amara.engine.sync({ force: true });
    expect(replayed).toMatchObject({ pending: 0, failed: 0 });
    expect(await serverCount('threads', thread.id)).toBe(1);
    expect(await readOutbox(amara.db)).toEqual([]);
    await expectConverged(place.key, { threads: [thread.id] }, [amara]);
  });

  it('waits out 500s, timeouts and a 429 (honouring Retry-After), then delivers', async () => {
    const amara = await browserOf(AMARA);
    const place = newPlace();
    const thread = newThread(amara.userId, place.key, 'Should I drop outliers before averaging?');
    await amara.write({ op: 'insert', table: 'places', row: place });
    await amara.write({ op: 'insert', table: 'threads', row: thread });
    amara.faults.push(async () => new Response('{"message":"upstream down"}', { status: 500 }));
    const afterServerError = await amara.engine.sync();
    expect(afterServerError.pending).toBe(2);
    expect(afterServerError.nextRetryAt).not.toBeNull();

    amara.faults.push(
      () =>
        new Promise<Response>((_resolve, reject) =>
          setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), 10),
        ),
    );
    expect((await amara.engine.sync({ force: true })).pending).toBe(2);

    // The place goes through; the server then asks the client to slow down for 7 s.
    amara.faults.push(
      (_url, _init, real) => real(),
      async () => new Response('{"message":"Slow down"}', { status: 429, headers: { 'retry-after': '7' } }),
    );
    const limited = await amara.engine.sync({ force: true });
    expect(limited.pending).toBe(1);
    expect(limited.error).toMatch(/\S/);
    expect(limited.nextRetryAt).toBeGreaterThanOrEqual(Date.now() + 6_000);

    amara.advance(7_000);
    expect(await amara.engine.sync()).toMatchObject({ pending: 0, failed: 0, error: null });
    expect(await serverCount('places', place.id)).toBe(1);
    await expectConverged(place.key, { threads: [thread.id] }, [amara]);
  });

  it("keeps a write another org's member may not make as failed, with a sentence, and sends nothing", async () => {
    const ben = await browserOf(BEN_OF_CONTOSO);
    const place = newPlace();
    await ben.write({ op: 'insert', table: 'places', row: place });
    const state = await ben.engine.sync();
    expect(state.failed).toBe(1);
    const [failed] = await listFailedWrites(ben.db);
    expect(failed?.lastError).toMatch(/\S+ \S+/);
    expect(await serverCount('places', place.id)).toBe(0);
  });

  it('finishes the work of an engine that died mid-push (a killed service worker), once', async () => {
    const amara = await browserOf(AMARA);
    const place = newPlace();
    const thread = newThread(amara.userId, place.key, 'Do I need to normalise before clustering?');
    await amara.write({ op: 'insert', table: 'places', row: place });
    await amara.write({ op: 'insert', table: 'threads', row: thread });
    // The first engine's request never comes back: the worker is gone.
    amara.faults.push(() => new Promise<Response>(() => undefined));
    void amara.engine.sync();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const reborn = amara.rebuild();
    expect(await reborn.sync({ force: true })).toMatchObject({ pending: 0, failed: 0 });
    expect(await serverCount('places', place.id)).toBe(1);
    expect(await serverCount('threads', thread.id)).toBe(1);
    await expectConverged(place.key, { threads: [thread.id] }, [amara]);
  });

  it('converges when two learners ask at the same new lesson at once', async () => {
    const amara = await browserOf(AMARA);
    const jonas = await browserOf(JONAS);
    const key = newPlace().key;
    const placeA = { ...newPlace(), key };
    const placeJ = { ...newPlace(), key };
    const fromAmara = newThread(amara.userId, key, 'Which chart for proportions?');
    const fromJonas = newThread(jonas.userId, key, 'Are pie charts ever right?');
    await amara.write({ op: 'insert', table: 'places', row: placeA });
    await amara.write({ op: 'insert', table: 'threads', row: fromAmara });
    await jonas.write({ op: 'insert', table: 'places', row: placeJ });
    await jonas.write({ op: 'insert', table: 'threads', row: fromJonas });

    await Promise.all([amara.engine.sync(), jonas.engine.sync()]);
    await Promise.all([amara.engine.sync(), jonas.engine.sync()]);

    for (const learner of [amara, jonas]) {
      const ids = (
        await threadsForPlace(learner.db, { orgId: NORTHWIND, placeKey: key, viewerId: learner.userId })
      ).map((row) => row.id);
      expect(ids.sort()).toEqual([fromAmara.id, fromJonas.id].sort());
    }
    expect(await serverCount('threads', fromAmara.id)).toBe(1);
    expect(await serverCount('threads', fromJonas.id)).toBe(1);
    await expectConverged(key, { threads: [fromAmara.id, fromJonas.id] }, [amara, jonas]);
  });

  it('lets only the asker accept an answer and reaches the peers; a peer may endorse it, its author not', async () => {
    // Asked by a learner with no other questions in this file: the limit is 5 questions a minute per person.
    const sofia = await browserOf('sofia.marino@northwind.example');
    const jonas = await browserOf(JONAS);
    const place = newPlace();
    const thread = newThread(sofia.userId, place.key, 'When is a t-test the wrong tool?');
    await sofia.write({ op: 'insert', table: 'places', row: place });
    await sofia.write({ op: 'insert', table: 'threads', row: thread });
    await sofia.engine.sync();
    await jonas.engine.sync();
    const answer = newPost(jonas.userId, thread.id, 'When the samples are not independent.');
    await jonas.write({ op: 'insert', table: 'posts', row: answer });
    await jonas.engine.sync();

    expect(await acceptAnswer(jonas.client, thread.id, answer.id)).toEqual({
      ok: false,
      error: 'Only the person who asked can accept an answer.',
    });
    expect(await acceptAnswer(sofia.client, thread.id, answer.id)).toEqual({ ok: true });
    await jonas.engine.sync();
    const [seen] = await threadsForPlace(jonas.db, { orgId: NORTHWIND, placeKey: place.key, viewerId: jonas.userId });
    expect(seen).toMatchObject({ acceptedPostId: answer.id, status: 'resolved' });
    await expectConverged(place.key, { threads: [thread.id], posts: [answer.id] }, [sofia, jonas]);

    // Endorsing: the asker may endorse the helpful answer (a repeat is a no-op); its author may not.
    const endorsement = newId();
    expect(await endorseAnswer(sofia.client, endorsement, answer.id)).toEqual({ ok: true });
    expect(await endorseAnswer(sofia.client, endorsement, answer.id)).toEqual({ ok: true });
    const own = await endorseAnswer(jonas.client, newId(), answer.id);
    expect(own.ok).toBe(false);
    expect(own.error).toMatch(/\S+ \S+/);
  });

  it("holds the 6th question of a minute for as long as the server's rate limit says", async () => {
    // A learner who has asked nothing yet in this run: the limit is 5 questions a minute per person.
    const priya = await browserOf('priya.raman@northwind.example');
    const place = newPlace();
    await priya.write({ op: 'insert', table: 'places', row: place });
    const threads = Array.from({ length: 6 }, (_, index) =>
      newThread(priya.userId, place.key, `Question number ${index + 1}`),
    );
    for (const thread of threads) await priya.write({ op: 'insert', table: 'threads', row: thread });

    const limited = await priya.engine.sync();
    expect(limited.pending).toBe(1);
    expect(limited.error).toMatch(/\S/);
    // The server said how many seconds to wait; the engine will not come back sooner.
    expect(limited.nextRetryAt! - Date.now()).toBeGreaterThan(1_000);
    expect(await serverCount('threads', threads[5]!.id)).toBe(0);
    for (const thread of threads.slice(0, 5)) expect(await serverCount('threads', thread.id)).toBe(1);
  });

  it('downloads the org again once the server pruned a deletion it never heard of (410), keeping a refused write', async () => {
    // Mei's phone and laptop. Her seeded +1 on Sofia's answer is withdrawn on the laptop while the phone
    // is away; the server prunes that tombstone before the phone syncs again.
    const MEIS_VOTE = 'f6000000-0000-4000-8000-000000000006';
    const JONAS_ANSWER = 'e5000000-0000-4000-8000-000000000002';
    const phone = await browserOf(MEI);
    const laptop = await browserOf(MEI);
    expect(await phone.engine.sync()).toMatchObject({ phase: 'idle', error: null });
    expect(await laptop.engine.sync()).toMatchObject({ phase: 'idle', error: null });
    expect(await phone.db.votes.get(MEIS_VOTE)).toBeDefined();
    await laptop.write({ op: 'delete', table: 'votes', id: MEIS_VOTE });
    expect(await laptop.engine.sync()).toMatchObject({ pending: 0, failed: 0 });
    expect(await serverCount('votes', MEIS_VOTE)).toBe(0);
    const connection = new pg.Client({ connectionString: local.backend.dbUrl });
    await connection.connect();
    try {
      const { rows } = await connection.query<{ pruned: number }>(
        `select private.prune_deleted_rows('0 seconds') as pruned`,
      );
      expect(rows[0]!.pruned).toBeGreaterThanOrEqual(1);
    } finally {
      await connection.end();
    }

    // Offline, the phone queued an edit the server will refuse (not Mei's answer).
    await phone.write({ op: 'update', table: 'posts', id: JONAS_ANSWER, patch: { body: 'Mei rewrites it' } });
    phone.answers.length = 0;
    const state = await phone.engine.sync();
    expect(state).toMatchObject({ phase: 'idle', pending: 0, failed: 1, error: null });
    expect(phone.answers.filter((answer) => answer.endsWith('rpc/pull_changes'))[0]).toBe('410 rpc/pull_changes');
    expect(phone.answers.at(-1)).toBe('200 rpc/pull_changes');
    expect(await phone.db.votes.get(MEIS_VOTE)).toBeUndefined();
    expect(await phone.db.posts.get(JONAS_ANSWER)).toMatchObject({ body: 'Mei rewrites it', sync: 'failed' });
    const [failed] = await listFailedWrites(phone.db);
    expect(failed).toMatchObject({ rowId: JONAS_ANSWER, op: 'update' });

    await discardWrite(phone.db, failed!.seq);
    expect((await phone.db.posts.get(JONAS_ANSWER))?.body).toMatch(/^I think of it as/);
    // Caught up after the horizon now: the next sync is an ordinary delta pull.
    phone.answers.length = 0;
    expect(await phone.engine.sync()).toMatchObject({ phase: 'idle', pending: 0, failed: 0, error: null });
    expect(phone.answers).toEqual(['200 rpc/pull_changes']);
  });
});
