/**
 * The RPCs that carry rules (accept_answer), the thread list the panel reads (thread_list), and the
 * custom access token hook, as each persona: results, and the exact refusal when refused.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPersona, createMigratedDatabase, denialAs, rowsAs, type Persona } from './support/database';
import {
  admin,
  anon,
  learner,
  loadPersonaFixtures,
  memberB,
  mentor,
  moderator,
  ORG_A,
  ORG_B,
  PLACE_KEY,
  POST,
  stranger,
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

describe('accept_answer', () => {
  const accept = 'select * from accept_answer($1, $2)';
  const acceptAs = (persona: Persona, thread: string, post: string) =>
    rowsAs<{ id: string; status: string; accepted_post_id: string; accepted_by: string; accepted_at: Date | null }>(
      db,
      persona,
      accept,
      [thread, post],
    );
  const notAllowed = { code: '42501', message: 'Only the person who asked, or a moderator, can accept an answer.' };
  const notAnAnswer = { code: 'P0001', message: 'Only a visible answer to this question can be accepted.' };
  const noSuchThread = { code: 'P0001', message: 'This question does not exist or you cannot see it.' };

  it('the asker accepts an answer: the thread records what, who and when, and is resolved', async () => {
    const [thread] = await acceptAs(learner, THREAD.open, POST.mentorAnswer);
    expect(thread).toMatchObject({
      id: THREAD.open,
      status: 'resolved',
      accepted_post_id: POST.mentorAnswer,
      accepted_by: learner.userId,
    });
    expect(thread?.accepted_at).toBeInstanceOf(Date);
  });

  it('moderators and admins accept on any thread of their org, locked ones included', async () => {
    expect((await acceptAs(moderator, THREAD.open, POST.adminAnswer))[0]).toMatchObject({
      accepted_post_id: POST.adminAnswer,
      accepted_by: moderator.userId,
    });
    expect((await acceptAs(admin, THREAD.byMentor, POST.learnerAnswerToMentor))[0]).toMatchObject({
      accepted_by: admin.userId,
    });
    expect((await acceptAs(moderator, THREAD.locked, POST.adminAnswerOnLocked))[0]).toMatchObject({
      status: 'resolved',
    });
  });

  it("a learner who did not ask is refused, and so is a mentor on someone else's question", async () => {
    expect(await denialAs(db, learner, accept, [THREAD.byMentor, POST.learnerAnswerToMentor])).toEqual(notAllowed);
    expect(await denialAs(db, mentor, accept, [THREAD.open, POST.mentorAnswer])).toEqual(notAllowed);
  });

  it('the asker cannot change a locked question', async () => {
    expect(await denialAs(db, mentor, accept, [THREAD.locked, POST.adminAnswerOnLocked])).toEqual({
      code: '42501',
      message: 'This question is locked; only a moderator can change it.',
    });
  });

  it('only a visible answer of the same thread can be accepted', async () => {
    expect(await denialAs(db, learner, accept, [THREAD.open, POST.learnerReply])).toEqual(notAnAnswer);
    expect(await denialAs(db, learner, accept, [THREAD.open, POST.hiddenMentorAnswer])).toEqual(notAnAnswer);
    expect(await denialAs(db, learner, accept, [THREAD.open, POST.learnerAnswerToMentor])).toEqual(notAnAnswer);
  });

  it('another org, a non-member and a deleted thread all look like "no such question"', async () => {
    expect(await denialAs(db, memberB, accept, [THREAD.open, POST.mentorAnswer])).toEqual(noSuchThread);
    expect(await denialAs(db, stranger, accept, [THREAD.open, POST.mentorAnswer])).toEqual(noSuchThread);
    expect(await denialAs(db, learner, accept, [THREAD.deleted, POST.mentorAnswer])).toEqual(noSuchThread);
    expect(await denialAs(db, learner, accept, [crypto.randomUUID(), POST.mentorAnswer])).toEqual(noSuchThread);
  });

  it('anon cannot call it at all', async () => {
    expect(await denialAs(db, anon, accept, [THREAD.open, POST.mentorAnswer])).toEqual({
      code: '42501',
      message: 'permission denied for function accept_answer',
    });
  });
});

describe('thread_list', () => {
  type Row = { id: string; author_name: string; status: string; answer_count: number; vote_score: number };
  const list = (persona: Persona, key = PLACE_KEY) =>
    rowsAs<Row>(db, persona, 'select id, author_name, status, answer_count, vote_score from thread_list($1)', [key]);

  it('lists the place’s threads newest first, with visible answers counted and their votes summed', async () => {
    expect(await list(learner)).toEqual([
      { id: THREAD.locked, author_name: 'milo', status: 'answered', answer_count: 1, vote_score: 0 },
      { id: THREAD.hidden, author_name: 'lena', status: 'open', answer_count: 0, vote_score: 0 },
      { id: THREAD.byMentor, author_name: 'milo', status: 'answered', answer_count: 1, vote_score: 1 },
      // The mentor's hidden answer is not counted for a learner; the reply is not an answer.
      { id: THREAD.open, author_name: 'lena', status: 'answered', answer_count: 2, vote_score: 0 },
    ]);
  });

  it('moderators also count hidden answers; other members do not see hidden threads', async () => {
    expect((await list(moderator)).map((row) => [row.id, row.answer_count])).toEqual([
      [THREAD.locked, 1],
      [THREAD.hidden, 0],
      [THREAD.byMentor, 1],
      [THREAD.open, 3],
    ]);
    expect((await list(mentor)).map((row) => row.id)).toEqual([THREAD.locked, THREAD.byMentor, THREAD.open]);
  });

  it('shows each org only its own threads at a key both orgs use', async () => {
    expect((await list(memberB)).map((row) => row.id)).toEqual([THREAD.orgB]);
    expect(await list(stranger)).toEqual([]);
    expect(await list(learner, 'moodle|lms.example.edu|101|cm:404')).toEqual([]);
  });

  it('reflects a vote and an answer as soon as they are written', async () => {
    const row = await asPersona(db, moderator, async (tx) => {
      await tx.query(`insert into votes (id, org_id, post_id, value) values ($1, $2, $3, 1)`, [
        crypto.randomUUID(),
        ORG_A,
        POST.learnerAnswerToMentor,
      ]);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Another angle')`, [
        crypto.randomUUID(),
        ORG_A,
        THREAD.byMentor,
      ]);
      return (
        await tx.query<Row>('select answer_count, vote_score from thread_list($1) where id = $2', [
          PLACE_KEY,
          THREAD.byMentor,
        ])
      ).rows;
    });
    expect(row).toEqual([{ answer_count: 2, vote_score: 2 }]);
  });

  it('anon cannot call it', async () => {
    expect(await denialAs(db, anon, 'select * from thread_list($1)', [PLACE_KEY])).toEqual({
      code: '42501',
      message: 'permission denied for function thread_list',
    });
  });
});

describe('custom_access_token_hook', () => {
  const event = (userId: string | null) => ({
    user_id: userId,
    claims: {
      aud: 'authenticated',
      sub: userId,
      role: 'authenticated',
      email: 'someone@example.com',
      app_metadata: { provider: 'email', providers: ['email'] },
      session_id: 'c0ffee00-0000-4000-8000-000000000000',
    },
    authentication_method: 'otp',
  });

  const runHook = (userId: string | null) =>
    db.transaction(async (tx) => {
      await tx.exec('set local role supabase_auth_admin');
      const { rows } = await tx.query<{ result: { claims: Record<string, unknown> } }>(
        'select public.custom_access_token_hook($1::jsonb) as result',
        [JSON.stringify(event(userId))],
      );
      await tx.rollback();
      return rows[0]!.result;
    });

  it("adds the member's org and role to app_metadata, keeping every other claim", async () => {
    const { claims } = await runHook(moderator.userId);
    expect(claims).toEqual({
      ...event(moderator.userId).claims,
      app_metadata: { provider: 'email', providers: ['email'], org_id: ORG_A, org_role: 'moderator' },
    });
    expect((await runHook(memberB.userId)).claims.app_metadata).toMatchObject({ org_id: ORG_B, org_role: 'learner' });
  });

  it('a user with no membership gets no org claim', async () => {
    expect((await runHook(stranger.userId)).claims.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
  });

  it('only the auth server may run it', async () => {
    const call = 'select public.custom_access_token_hook($1::jsonb)';
    const refusal = { code: '42501', message: 'permission denied for function custom_access_token_hook' };
    expect(await denialAs(db, learner, call, [JSON.stringify(event(learner.userId))])).toEqual(refusal);
    expect(await denialAs(db, anon, call, [JSON.stringify(event(learner.userId))])).toEqual(refusal);
  });
});
