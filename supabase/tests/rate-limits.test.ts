/**
 * Rate limits on writes, as the database enforces them: questions and posts per minute, reports and
 * endorsements per hour, mentoring requests per day, per user. Over the limit the write fails with
 * PT429 (HTTP 429) and a sentence saying when to try again; a replayed insert or RPC call with an
 * existing id is neither counted nor refused.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPersona, becomePersona, createMigratedDatabase } from './support/database';
import {
  admin,
  learner,
  loadPersonaFixtures,
  mentor,
  moderator,
  ORG_A,
  PLACE_KEY,
  POST,
  THREAD,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
});

afterAll(async () => {
  await db?.close();
});

const ASK = `insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'A question')
  on conflict (id) do nothing`;
const ANSWER = `insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'An answer')
  on conflict (id) do nothing`;
const ask = (tx: Transaction, id: string = crypto.randomUUID()) => tx.query(ASK, [id, ORG_A, PLACE_KEY]);
const answer = (tx: Transaction, id: string = crypto.randomUUID()) => tx.query(ANSWER, [id, ORG_A, THREAD.byMentor]);

interface Refusal {
  code: string;
  message: string;
  detail: string;
}

/** Runs `write` in a savepoint and returns its refusal, or null when it succeeds. */
async function refusalOf(tx: Transaction, write: () => Promise<unknown>): Promise<Refusal | null> {
  await tx.exec('savepoint attempt');
  try {
    await write();
    await tx.exec('release savepoint attempt');
    return null;
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message, detail } = error as Refusal;
    return { code, message, detail };
  }
}

describe('questions', () => {
  it('five a minute; the sixth is refused with 429 and when to try again', async () => {
    const refusal = await asPersona(db, learner, async (tx) => {
      for (let i = 0; i < 5; i++) expect(await refusalOf(tx, () => ask(tx))).toBeNull();
      return refusalOf(tx, () => ask(tx));
    });
    expect(refusal).toEqual({
      code: 'PT429',
      message: expect.stringMatching(/^You have asked 5 questions in the last minute\. Try again in \d+ seconds\.$/),
      detail: expect.stringMatching(/^\{"retry_after_seconds" : \d+\}$/),
    });
    const seconds = (JSON.parse(refusal!.detail) as { retry_after_seconds: number }).retry_after_seconds;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refusal!.message).toContain(`Try again in ${seconds} seconds.`);
  });

  it('a replayed insert of an existing id is not counted and stays a no-op, even at the limit', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const first = crypto.randomUUID();
      await ask(tx, first);
      for (let i = 0; i < 3; i++) await ask(tx);
      // Replays of the first question, and of an old fixture thread, do not use up the fifth slot.
      const replays = [await ask(tx, first), await ask(tx, first), await ask(tx, THREAD.open)];
      const fifth = await refusalOf(tx, () => ask(tx));
      // At the limit, a replay still succeeds as the no-op it is.
      const replayAtLimit = await refusalOf(tx, () => ask(tx, first));
      const sixth = await refusalOf(tx, () => ask(tx));
      return { replays: replays.map((r) => r.affectedRows), fifth, replayAtLimit, sixth };
    });
    expect(outcome).toEqual({
      replays: [0, 0, 0],
      fifth: null,
      replayAtLimit: null,
      sixth: expect.objectContaining({ code: 'PT429' }),
    });
  });

  it('counts the rows of one multi-row insert too (a batched outbox flush)', async () => {
    const refusal = await asPersona(db, learner, (tx) =>
      refusalOf(tx, () =>
        tx.query(
          `insert into threads (id, org_id, place_key, title)
           select gen_random_uuid(), $1, $2, 'Batched ' || n from generate_series(1, 6) n`,
          [ORG_A, PLACE_KEY],
        ),
      ),
    );
    expect(refusal).toMatchObject({ code: 'PT429' });
  });

  it('is per user: another member can still ask', async () => {
    const mentorsTurn = await asPersona(db, learner, async (tx) => {
      for (let i = 0; i < 5; i++) await ask(tx);
      await becomePersona(tx, mentor);
      return refusalOf(tx, () => ask(tx));
    });
    expect(mentorsTurn).toBeNull();
  });

  it('does not limit provisioning (no signed-in user)', async () => {
    const inserted = await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) await ask(tx);
      const { rows } = await tx.query<{ n: number }>(
        `select count(*)::int as n from threads where created_at = now() and title = 'A question'`,
      );
      await tx.rollback();
      return rows[0]!.n;
    });
    expect(inserted).toBe(8);
  });
});

describe('answers and replies', () => {
  it('twenty a minute; the 21st is refused; replays are free', async () => {
    // The moderator has no fixture posts (the others' were written moments ago, and count).
    const outcome = await asPersona(db, moderator, async (tx) => {
      const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
      for (const id of ids) await answer(tx, id);
      const replay = await refusalOf(tx, () => answer(tx, ids[0]));
      const replayOfFixture = await refusalOf(tx, () => answer(tx, POST.learnerAnswerToMentor));
      return { replay, replayOfFixture, next: await refusalOf(tx, () => answer(tx)) };
    });
    expect(outcome).toEqual({
      replay: null,
      replayOfFixture: null,
      next: {
        code: 'PT429',
        message: expect.stringMatching(
          /^You have posted 20 answers and replies in the last minute\. Try again in \d+ seconds\.$/,
        ),
        detail: expect.any(String),
      },
    });
  });
});

describe('reports', () => {
  it('ten an hour; the eleventh is refused in minutes; a replayed report is free', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      // Ten different items: the fixtures' visible threads and posts, plus new ones by the mentor.
      await becomePersona(tx, mentor);
      const items: string[] = [];
      for (let i = 0; i < 11; i++) {
        const id = crypto.randomUUID();
        await answer(tx, id);
        items.push(id);
      }
      await becomePersona(tx, learner);
      const report = (id: string, target: string) =>
        tx.query('select report_content($1, $2, $3, $4)', [id, 'post', target, 'spam']);
      const reportIds = items.map(() => crypto.randomUUID());
      for (let i = 0; i < 10; i++) await report(reportIds[i]!, items[i]!);
      const replay = await refusalOf(tx, () => report(reportIds[0]!, items[0]!));
      const eleventh = await refusalOf(tx, () => report(reportIds[10]!, items[10]!));
      return { replay, eleventh };
    });
    expect(outcome).toEqual({
      replay: null,
      eleventh: {
        code: 'PT429',
        message: expect.stringMatching(/^You have sent 10 reports in the last hour\. Try again in \d+ minutes\.$/),
        detail: expect.stringMatching(/"retry_after_seconds" : \d+/),
      },
    });
  });
});

/** The seconds to wait that a refusal's detail carries. */
const retryAfter = (refusal: Refusal | null) =>
  (JSON.parse(refusal!.detail) as { retry_after_seconds: number }).retry_after_seconds;

describe('endorsements', () => {
  const ENDORSE = 'select * from endorse($1, $2, $3)';
  const endorse = (tx: Transaction, id: string, postId: string) => tx.query(ENDORSE, [id, 'post', postId]);

  /** `count` visible answers by the mentor, inserted as provisioning would (no limit applies). */
  async function mentorAnswers(tx: Transaction, count: number): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(
      `insert into posts (id, org_id, thread_id, author_id, body)
       select gen_random_uuid(), $1, $2, $3, 'Answer ' || n from generate_series(1, $4::int) n returning id`,
      [ORG_A, THREAD.byMentor, mentor.userId, count],
    );
    return rows.map((row) => row.id);
  }

  it('thirty an hour, withdrawn ones included; the 31st is refused in minutes; replays and repeats are free', async () => {
    const outcome = await db.transaction(async (tx) => {
      const posts = await mentorAnswers(tx, 31);
      await becomePersona(tx, learner);
      const ids = posts.map(() => crypto.randomUUID());
      for (let i = 0; i < 30; i++) expect(await refusalOf(tx, () => endorse(tx, ids[i]!, posts[i]!))).toBeNull();
      // Withdrawing one gives no slot back: giving and withdrawing in a loop is what the limit is for.
      await tx.query('select withdraw_endorsement($1)', [ids[0]]);
      // A replay of an endorsement's id, and endorsing a post again under a new id (which hands back
      // the standing endorsement), write nothing new, so the limit lets them through.
      const replay = await refusalOf(tx, () => endorse(tx, ids[1]!, posts[1]!));
      const again = await refusalOf(tx, () => endorse(tx, crypto.randomUUID(), posts[2]!));
      const next = await refusalOf(tx, () => endorse(tx, ids[30]!, posts[30]!));
      // Per user: the admin can still endorse the same answer.
      await becomePersona(tx, admin);
      const admins = await refusalOf(tx, () => endorse(tx, crypto.randomUUID(), posts[30]!));
      await tx.rollback();
      return { replay, again, next, admins };
    });
    expect(outcome).toEqual({
      replay: null,
      again: null,
      next: {
        code: 'PT429',
        message: expect.stringMatching(
          /^You have given 30 endorsements in the last hour\. Try again in \d+ minutes\.$/,
        ),
        detail: expect.stringMatching(/^\{"retry_after_seconds" : \d+\}$/),
      },
      admins: null,
    });
    const seconds = retryAfter(outcome.next);
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(outcome.next!.message).toContain(`Try again in ${Math.ceil(seconds / 60)} minutes.`);
  });

  it('at the limit, a call refused for another reason still gets its own sentence', async () => {
    const outcome = await db.transaction(async (tx) => {
      const posts = await mentorAnswers(tx, 30);
      await becomePersona(tx, learner);
      for (const post of posts) await endorse(tx, crypto.randomUUID(), post);
      const own = await refusalOf(tx, () => endorse(tx, crypto.randomUUID(), POST.learnerReply));
      const hidden = await refusalOf(tx, () => endorse(tx, crypto.randomUUID(), POST.hiddenMentorAnswer));
      await tx.rollback();
      return { own, hidden };
    });
    expect(outcome).toEqual({
      own: { code: '42501', message: 'You cannot endorse your own post.', detail: undefined },
      hidden: { code: 'P0001', message: 'This post does not exist or you cannot see it.', detail: undefined },
    });
  });
});

describe('mentoring requests', () => {
  const REQUEST = 'select * from request_mentor($1, $2, $3)';
  const request = (tx: Transaction, id: string) => tx.query(REQUEST, [id, mentor.userId, 'Help with SQL joins?']);

  /** The fixture mentor offers mentoring (as provisioning would insert it). */
  const offerMentoring = (tx: Transaction) =>
    tx.query(`insert into mentor_profiles (org_id, user_id, skills, capacity) values ($1, $2, '{SQL}', 3)`, [
      ORG_A,
      mentor.userId,
    ]);

  it('five a day; the sixth is refused; a replay, other refusals and another learner are not held back', async () => {
    const outcome = await db.transaction(async (tx) => {
      await offerMentoring(tx);
      await becomePersona(tx, learner);
      // Asking and withdrawing: each new request counts, whatever became of it.
      const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
      for (const id of ids.slice(0, 4)) {
        expect(await refusalOf(tx, () => request(tx, id))).toBeNull();
        await tx.query('select withdraw_mentor_request($1)', [id]);
      }
      const fifth = await refusalOf(tx, () => request(tx, ids[4]!));
      // At the limit, a replay of the open request is still the no-op it was.
      const replay = await refusalOf(tx, () => request(tx, ids[4]!));
      await tx.query('select withdraw_mentor_request($1)', [ids[4]]);
      // At the limit, a request refused for another reason gets that reason, which says what to fix.
      const empty = await refusalOf(tx, () => tx.query(REQUEST, [crypto.randomUUID(), mentor.userId, ' ']));
      const notOffering = await refusalOf(tx, () => tx.query(REQUEST, [crypto.randomUUID(), admin.userId, 'Hi']));
      const sixth = await refusalOf(tx, () => request(tx, crypto.randomUUID()));
      await becomePersona(tx, moderator);
      const moderators = await refusalOf(tx, () => request(tx, crypto.randomUUID()));
      await tx.rollback();
      return {
        empty: empty?.code,
        notOffering: notOffering?.code,
        fifth,
        replay,
        sixth,
        moderators,
      };
    });
    expect(outcome).toEqual({
      empty: '22023',
      notOffering: 'P0001',
      fifth: null,
      replay: null,
      sixth: {
        code: 'PT429',
        message: expect.stringMatching(
          /^You have asked for mentoring 5 times in the last day\. Try again in 24 hours\.$/,
        ),
        detail: expect.stringMatching(/^\{"retry_after_seconds" : \d+\}$/),
      },
      moderators: null,
    });
    const seconds = retryAfter(outcome.sixth);
    expect(seconds).toBeGreaterThan(86_300);
    expect(seconds).toBeLessThanOrEqual(86_400);
  });

  it('counts requests made in the last day only', async () => {
    const outcome = await db.transaction(async (tx) => {
      await offerMentoring(tx);
      // Five requests from yesterday, a day and a minute ago (closed since), do not count today.
      await tx.query(
        `insert into mentor_requests (id, org_id, learner_id, mentor_id, message, state, created_at, closed_at)
         select gen_random_uuid(), $1, $2, $3, 'Earlier', 'withdrawn', now() - interval '1 day 1 minute', now()
         from generate_series(1, 5)`,
        [ORG_A, learner.userId, mentor.userId],
      );
      await becomePersona(tx, learner);
      const today = await refusalOf(tx, () => request(tx, crypto.randomUUID()));
      await tx.rollback();
      return today;
    });
    expect(outcome).toBeNull();
  });
});
