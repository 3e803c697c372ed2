/**
 * Peer reviews over HTTP, through the real local stack (PGlite + PostgREST + gateway + auth stand-in,
 * seeded with supabase/seeds/40_reviews.sql) with supabase-js: request_review, submit_review and
 * close_review_request as seeded people (replays, refusals across orgs, anon, the hourly limit as 429),
 * pull_changes streaming review kinds, and a cache older than the pruned tombstones answered with 410.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useSeededStack } from './support/stack';

// Seeded in supabase/seed.sql and supabase/seeds/40_reviews.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const AMARA = 'amara.okafor@northwind.example';
const AMARA_ID = 'a1000000-0000-4000-8000-000000000004';
const JONAS = 'jonas.becker@northwind.example';
const JONAS_ID = 'a1000000-0000-4000-8000-000000000005';
const SOFIA = 'sofia.marino@northwind.example';
const SOFIA_ID = 'a1000000-0000-4000-8000-000000000006';
const MEI = 'mei.tanaka@northwind.example';
const GRACE = 'grace.liu@northwind.example';
const BEN_OF_CONTOSO = 'ben.carter@contoso.example';
const SOFIAS_ANSWER = 'e5000000-0000-4000-8000-000000000004';

const MEIS_CHARTER = 'aa000000-0000-4000-8000-000000000001';
const SOFIAS_WALKTHROUGH = 'aa000000-0000-4000-8000-000000000002';
const AMARAS_REFLECTION = 'aa000000-0000-4000-8000-000000000003';
const JONASS_EXPLAINER = 'aa000000-0000-4000-8000-000000000004';
const BENS_SUMMARY = 'aa000000-0000-4000-8000-000000000101';
const REVIEW = {
  graceOnCharter: 'ab000000-0000-4000-8000-000000000001',
  sofiaOnCharter: 'ab000000-0000-4000-8000-000000000002',
  jonasOnReflection: 'ab000000-0000-4000-8000-000000000003',
  tomasOnReflection: 'ab000000-0000-4000-8000-000000000004',
  graceOnExplainer: 'ab000000-0000-4000-8000-000000000005',
  nadiaOnSummary: 'ab000000-0000-4000-8000-000000000101',
};

const stack = useSeededStack();
const { client, signIn } = stack;

interface Change {
  kind: string;
  id: string;
  updated_at: string;
  op: string;
  data: Record<string, unknown> | null;
}

interface Cursor {
  since_updated_at: string | null;
  since_id: string | null;
  since_kind: string | null;
}
const START: Cursor = { since_updated_at: null, since_id: null, since_kind: null };
const cursorAfter = (row: Change): Cursor => ({
  since_updated_at: row.updated_at,
  since_id: row.id,
  since_kind: row.kind,
});

/**
 * Every page after `cursor`, as the extension pages: `kinds` and `complete_through` (when the cache
 * last caught up) left out unless given, as the extension before them left them out.
 */
async function pullAll(
  supabase: SupabaseClient,
  cursor: Cursor = START,
  { kinds, completeThrough }: { kinds?: string[]; completeThrough?: string } = {},
): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const { data, error, status } = await supabase.rpc('pull_changes', {
      ...cursor,
      max_rows: 4,
      ...(kinds ? { kinds } : {}),
      ...(completeThrough ? { complete_through: completeThrough } : {}),
    });
    expect([status, error]).toEqual([200, null]);
    const page = data as Change[];
    all.push(...page);
    if (page.length < 4) return all;
    cursor = cursorAfter(page.at(-1)!);
  }
}

const summary = (rows: Change[]) => rows.map((row) => `${row.kind} ${row.op} ${row.id}`).sort();
const RUBRIC = ['Clarity', 'Evidence'];

/** Runs SQL as postgres on the stack's database (what pg_cron does); only between HTTP requests. */
async function asPostgres<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const connection = new pg.Client({ connectionString: stack.backend.dbUrl });
  await connection.connect();
  try {
    return (await connection.query<T>(sql)).rows;
  } finally {
    await connection.end();
  }
}

describe('pull_changes with review kinds over HTTP', () => {
  it('streams the seeded reviews a learner may read, tombstones for a peer’s closed request, nothing of Contoso', async () => {
    const amara = await signIn(AMARA);
    const seeded = (rows: Change[]) => rows.filter((row) => /^a[ab]000000-/.test(row.id));
    const reviews = await pullAll(amara, START, { kinds: ['review_request', 'review'] });
    expect(summary(seeded(reviews))).toEqual(
      [
        `review_request upsert ${MEIS_CHARTER}`,
        `review_request upsert ${SOFIAS_WALKTHROUGH}`,
        // Her own closed request and its reviews stay hers to read.
        `review_request upsert ${AMARAS_REFLECTION}`,
        `review_request hidden ${JONASS_EXPLAINER}`,
        `review upsert ${REVIEW.graceOnCharter}`,
        `review upsert ${REVIEW.sofiaOnCharter}`,
        `review upsert ${REVIEW.jonasOnReflection}`,
        `review upsert ${REVIEW.tomasOnReflection}`,
        `review hidden ${REVIEW.graceOnExplainer}`,
      ].sort(),
    );
    expect(reviews.find((row) => row.id === REVIEW.graceOnCharter)?.data).toMatchObject({
      scores: { 'Scope is clear': 4, 'Stakeholders and their interests': 5, 'Risks and assumptions': 3 },
    });
    expect(reviews.find((row) => row.id === JONASS_EXPLAINER)?.data).toBeNull();
    const text = JSON.stringify(reviews);
    expect(text).not.toContain('kelvin conversion');
    expect(text).not.toContain(BENS_SUMMARY);
    expect(text).not.toContain(REVIEW.nadiaOnSummary);

    // Today's extension passes no kinds and gets no review rows.
    const defaults = await pullAll(amara);
    expect(new Set(defaults.map((row) => row.kind))).toEqual(new Set(['thread', 'post', 'vote']));

    const ben = await signIn(BEN_OF_CONTOSO);
    expect(summary(await pullAll(ben, START, { kinds: ['review_request', 'review'] }))).toEqual([
      `review upsert ${REVIEW.nadiaOnSummary}`,
      `review_request upsert ${BENS_SUMMARY}`,
    ]);
  });

  it('refuses a kind it does not know with 400 and a sentence', async () => {
    const amara = await signIn(AMARA);
    const { status, error } = await amara.rpc('pull_changes', { kinds: ['thread', 'playlist'] });
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: '22023',
      message: 'Peerside cannot sync "playlist": ask for thread, post, vote, review_request or review.',
    });
  });
});

describe('peer review RPCs over HTTP', () => {
  it('a learner asks, a peer reviews, the requester closes; replays return the same rows and add none', async () => {
    const jonas = await signIn(JONAS);
    const sofia = await signIn(SOFIA);
    const request = {
      request_id: crypto.randomUUID(),
      title: 'Cleaning the week 1 survey data',
      work_url: 'https://docs.example.com/d/jonas-becker/survey-cleaning',
      rubric: RUBRIC,
      place_key: COURSE,
    };
    const asked = await jonas.rpc('request_review', request);
    expect(asked).toMatchObject({
      status: 200,
      error: null,
      data: { id: request.request_id, org_id: NORTHWIND, requester_id: JONAS_ID, rubric: RUBRIC, closed_at: null },
    });
    const askedAgain = await jonas.rpc('request_review', request);
    expect([askedAgain.status, askedAgain.data]).toEqual([200, asked.data]);
    expect((await jonas.from('review_requests').select('id').eq('id', request.request_id)).data).toHaveLength(1);

    const review = {
      review_id: crypto.randomUUID(),
      request_id: request.request_id,
      scores: { Clarity: 4, Evidence: 3 },
      comment: 'Clear steps; say why you dropped the 12 duplicate rows.',
    };
    const reviewed = await sofia.rpc('submit_review', review);
    expect(reviewed).toMatchObject({ status: 200, data: { id: review.review_id, reviewer_id: SOFIA_ID } });
    const reviewedAgain = await sofia.rpc('submit_review', review);
    expect([reviewedAgain.status, reviewedAgain.data]).toEqual([200, reviewed.data]);
    expect((await jonas.from('reviews').select('id').eq('request_id', request.request_id)).data).toEqual([
      { id: review.review_id },
    ]);
    const secondReview = await sofia.rpc('submit_review', { ...review, review_id: crypto.randomUUID() });
    expect(secondReview.status).toBe(400);
    expect(secondReview.error).toMatchObject({ code: 'P0001', message: 'You have already reviewed this work.' });
    const own = await jonas.rpc('submit_review', { ...review, review_id: crypto.randomUUID() });
    expect(own.status).toBe(403);
    expect(own.error).toMatchObject({ code: '42501', message: 'You cannot review your own work.' });
    const grace = await signIn(GRACE);
    const badScores = await grace.rpc('submit_review', {
      ...review,
      review_id: crypto.randomUUID(),
      scores: { Clarity: 4 },
    });
    expect(badScores.status).toBe(400);
    expect(badScores.error).toMatchObject({
      code: '22023',
      message: 'Score each criterion of the rubric from 1 to 5: Clarity, Evidence.',
    });
    const notification = await jonas
      .from('notifications')
      .select('kind, actor_id, review_id')
      .eq('review_id', review.review_id);
    expect(notification.data).toEqual([{ kind: 'review_received', actor_id: SOFIA_ID, review_id: review.review_id }]);

    const notRequester = await grace.rpc('close_review_request', { request_id: request.request_id });
    expect(notRequester.status).toBe(403);
    expect(notRequester.error).toMatchObject({
      code: '42501',
      message: 'Only the person who asked for reviews can close the request.',
    });
    const closed = await jonas.rpc('close_review_request', { request_id: request.request_id });
    expect(closed).toMatchObject({ status: 200, data: { id: request.request_id, closed_at: expect.any(String) } });
    const closedAgain = await jonas.rpc('close_review_request', { request_id: request.request_id });
    expect([closedAgain.status, closedAgain.data]).toEqual([200, closed.data]);
    const late = await grace.rpc('submit_review', { ...review, review_id: crypto.randomUUID() });
    expect(late.status).toBe(400);
    expect(late.error).toMatchObject({
      code: 'P0001',
      message: 'This review request is closed and takes no more reviews.',
    });
    // Peers stop reading the closed request; the reviewer still reads her review.
    expect((await grace.from('review_requests').select('id').eq('id', request.request_id)).data).toEqual([]);
    expect((await sofia.from('reviews').select('id').eq('id', review.review_id)).data).toHaveLength(1);
  });

  it('another org is refused: 403 for an id it does not own, 400 "does not exist" for the request', async () => {
    const ben = await signIn(BEN_OF_CONTOSO);
    expect((await ben.from('review_requests').select('id')).data).toEqual([{ id: BENS_SUMMARY }]);

    const takeRequestId = await ben.rpc('request_review', {
      request_id: MEIS_CHARTER,
      title: 'Mine now',
      work_text: 'Some text',
      rubric: RUBRIC,
    });
    expect(takeRequestId.status).toBe(403);
    expect(takeRequestId.error).toMatchObject({
      code: '42501',
      message: 'This request id is already taken; generate a new one.',
    });
    const takeReviewId = await ben.rpc('submit_review', {
      review_id: REVIEW.graceOnCharter,
      request_id: BENS_SUMMARY,
      scores: { Clarity: 5, Evidence: 5 },
    });
    expect(takeReviewId.status).toBe(403);
    expect(takeReviewId.error).toMatchObject({
      code: '42501',
      message: 'This review id is already taken; generate a new one.',
    });
    const NOT_FOUND = { code: 'P0001', message: 'This review request does not exist or you cannot see it.' };
    const reviewAcross = await ben.rpc('submit_review', {
      review_id: crypto.randomUUID(),
      request_id: MEIS_CHARTER,
      scores: { 'Scope is clear': 5, 'Stakeholders and their interests': 5, 'Risks and assumptions': 5 },
    });
    expect(reviewAcross.status).toBe(400);
    expect(reviewAcross.error).toMatchObject(NOT_FOUND);
    const closeAcross = await ben.rpc('close_review_request', { request_id: MEIS_CHARTER });
    expect(closeAcross.status).toBe(400);
    expect(closeAcross.error).toMatchObject(NOT_FOUND);

    // Signed in, but a member of no org yet.
    const newcomer = await signIn('new.reviewer@northwind.example');
    const asked = await newcomer.rpc('request_review', {
      request_id: crypto.randomUUID(),
      title: 'My first essay',
      work_text: 'Some text',
      rubric: RUBRIC,
    });
    expect(asked.status).toBe(403);
    expect(asked.error).toMatchObject({
      code: '42501',
      message: 'Only members of an organisation can ask for reviews.',
    });
  });

  it('anon is refused with 401 on every review RPC and table', async () => {
    const supabase = client();
    const calls = {
      request_review: { request_id: crypto.randomUUID(), title: 'x', work_text: 'y', rubric: RUBRIC },
      submit_review: { review_id: crypto.randomUUID(), request_id: MEIS_CHARTER, scores: { Clarity: 1 } },
      close_review_request: { request_id: MEIS_CHARTER },
      pull_changes: { kinds: ['review_request'] },
    };
    for (const [name, args] of Object.entries(calls)) {
      const { status, error } = await supabase.rpc(name, args);
      expect(status, name).toBe(401);
      expect(error, name).toMatchObject({ code: '42501', message: `permission denied for function ${name}` });
    }
    for (const table of ['review_requests', 'reviews']) {
      const { status, error } = await supabase.from(table).select('id');
      expect(status, table).toBe(401);
      expect(error, table).toMatchObject({ code: '42501', message: `permission denied for table ${table}` });
    }
  });

  it('answers the sixth request in an hour with 429, a sentence and the seconds to wait; a replay stays a 200 no-op', async () => {
    const mei = await signIn(MEI);
    const ask = (id: string) =>
      mei.rpc('request_review', {
        request_id: id,
        title: `Stakeholder map, version ${id.slice(0, 4)}`,
        work_url: `https://docs.example.com/d/mei-tanaka/${id}`,
        rubric: RUBRIC,
      });
    const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
    // Her seeded request is three days old: it does not count.
    for (const id of ids) expect((await ask(id)).status).toBe(200);

    const sixth = await ask(crypto.randomUUID());
    expect(sixth.status).toBe(429);
    expect(sixth.error).toMatchObject({
      code: 'PT429',
      message: expect.stringMatching(/^You have asked for 5 reviews in the last hour\. Try again in \d+ minutes\.$/),
    });
    const { retry_after_seconds } = JSON.parse(sixth.error!.details) as { retry_after_seconds: number };
    expect(retry_after_seconds).toBeGreaterThan(3000);
    expect(retry_after_seconds).toBeLessThanOrEqual(3600);

    const replay = await ask(ids[0]!);
    expect([replay.status, replay.error]).toEqual([200, null]);
    const mine = await mei.from('review_requests').select('id').in('id', ids);
    expect(mine.data).toHaveLength(5);
  });
});

describe('a cache older than the pruned tombstones', () => {
  it('is answered with 410 and a sentence; a later catch-up, other kinds and a first download are not', async () => {
    const amara = await signIn(AMARA);
    // Amara's cache caught up here: her cursor, and when it last caught up (complete_through).
    const before = cursorAfter((await pullAll(amara)).at(-1)!);
    const caughtUpBefore = before.since_updated_at!;

    // A vote cast and withdrawn: a tombstone, which only Amara's pulls carry.
    const vote = { id: crypto.randomUUID(), org_id: NORTHWIND, post_id: SOFIAS_ANSWER, user_id: AMARA_ID, value: 1 };
    expect((await amara.from('votes').insert(vote)).status).toBe(201);
    expect((await amara.from('votes').delete().eq('id', vote.id)).status).toBe(204);
    expect((await pullAll(amara, before, { kinds: ['vote'] })).filter((row) => row.id === vote.id)).toEqual([
      expect.objectContaining({ kind: 'vote', op: 'deleted', data: null }),
    ]);
    // A question asked afterwards, so a later catch-up lies past the tombstone.
    const asked = await amara.from('threads').insert({
      id: crypto.randomUUID(),
      org_id: NORTHWIND,
      place_key: COURSE,
      title: 'Is there a glossary for week 2?',
    });
    expect(asked.status).toBe(201);
    const after = cursorAfter((await pullAll(amara, before)).at(-1)!);

    // What the daily job does, with no retention: every tombstone so far goes.
    expect(await asPostgres<{ pruned: number }>(`select private.prune_deleted_rows('0 seconds') as pruned`)).toEqual([
      { pruned: 1 },
    ]);

    const stale = await amara.rpc('pull_changes', { ...before, complete_through: caughtUpBefore });
    expect(stale.status).toBe(410);
    expect(stale.error).toMatchObject({
      code: 'PT410',
      message: 'Your offline copy is too old to update; Peerside will download it again.',
    });
    // The horizon is in the details: download again from before everything, complete through it.
    const { pruned_through } = JSON.parse(stale.error!.details) as { pruned_through: string };
    const startOver = {
      since_updated_at: '-infinity',
      since_id: '00000000-0000-0000-0000-000000000000',
      since_kind: null,
    };
    const again = await pullAll(amara, startOver, { completeThrough: pruned_through });
    expect(summary(again)).toEqual(summary(await pullAll(amara)));
    expect(again.some((row) => row.id === vote.id)).toBe(false);
    const staleWithReviews = await amara.rpc('pull_changes', {
      ...before,
      kinds: ['vote', 'review'],
      complete_through: caughtUpBefore,
    });
    expect(staleWithReviews.status).toBe(410);
    // Only vote tombstones were pruned: a client that does not sync votes missed nothing.
    expect(
      await pullAll(amara, before, { kinds: ['thread', 'post'], completeThrough: caughtUpBefore }),
    ).not.toHaveLength(0);
    expect(await pullAll(amara, after, { completeThrough: after.since_updated_at! })).toEqual([]);
    // A first download pages through cursors older than the horizon: never refused.
    const fresh = await pullAll(amara);
    expect(fresh.some((row) => row.id === vote.id)).toBe(false);
    expect(fresh.length).toBeGreaterThan(4);

    // Nothing of Contoso was pruned: a cache that caught up long ago still updates there.
    const ancient = '2000-01-01T00:00:00+00:00';
    const ben = await signIn(BEN_OF_CONTOSO);
    const benFrom = { since_updated_at: ancient, since_id: null, since_kind: null };
    expect(summary(await pullAll(ben, benFrom, { completeThrough: ancient }))).toEqual(summary(await pullAll(ben)));
    expect((await amara.rpc('pull_changes', { ...benFrom, complete_through: ancient })).status).toBe(410);
  });
});
