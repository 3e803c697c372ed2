/**
 * Rate limits on writes, as the database enforces them: questions and posts per minute, reports per
 * hour, per user. Over the limit the write fails with PT429 (HTTP 429) and a sentence saying when
 * to try again; a replayed insert of an existing id is neither counted nor refused.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPersona, becomePersona, createMigratedDatabase } from './support/database';
import { learner, loadPersonaFixtures, mentor, moderator, ORG_A, PLACE_KEY, POST, THREAD } from './support/personas';

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
