/**
 * top_contributors: who helped most lately, on a small dataset with known answers built inside each
 * test's transaction on top of the persona fixtures (whose questions, answers and votes are at the
 * lesson of course 101, dated when the fixtures loaded, so inside any period). Exact rows for the whole
 * org and per course, hidden, deleted, withdrawn and too-old items left out, org B never counted for
 * org A (nor A for B, even for someone in both), the same list for every member, endorsements made
 * through the RPCs, who may call it, and the bounds.
 *
 * Org A, besides the fixtures (mentor: one answer, +1; admin: two answers, -1 and, with the mentor's
 * vote below, +1; learner: an answer, +1, and a reply; the mentor's hidden answer):
 *   The learner accepted the mentor's answer, and endorsed it; the moderator's endorsement of it is
 *   withdrawn; the learner's endorsement of the mentor's hidden answer does not count.
 *   Skills: the admin endorsed the mentor's SQL 3 days ago; the learner the mentor's Statistics 40 days
 *   ago (inside 60 days, not 30); the mentor the moderator's "Community moderation" 2 days ago.
 *   Course 55: the moderator answered the learner's question 10 days ago (the learner votes +1) and
 *   40 days ago; a deleted answer of the moderator. Course 10 (not 101): the admin answered.
 *   The moderator's answers in the hidden and in the deleted question of the fixtures never count.
 * Org B: its learner's answer at the same lesson key (fixtures); its admin endorsed the learner's Excel.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { becomePersona, createMigratedDatabase, type Denial, type Persona } from './support/database';
import {
  admin,
  anon,
  COURSE_KEY,
  learner,
  loadPersonaFixtures,
  memberB,
  mentor,
  moderator,
  ORG_A,
  ORG_B,
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

const OTHER_COURSE = 'canvas|lms.example.edu|55';
/** Shares its first characters with COURSE_KEY: a prefix must end at a "|" to match. */
const COURSE_10 = 'moodle|lms.example.edu|10';
const adminB: Persona = { label: 'admin of org B', userId: '1b000000-0000-4000-8000-000000000002' };
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const q = (n: number) => id('5c000000', n);
const p = (n: number) => id('6c000000', n);
const e = (n: number) => id('8c000000', n);

/** The dataset described above, inserted as postgres inside the caller's transaction. */
async function loadDataset(tx: Transaction): Promise<void> {
  const [L, M, Mo, A, B] = [learner, mentor, moderator, admin, memberB].map((persona) => persona.userId);
  await tx.exec(`
    insert into auth.users (id, email, aud, role)
      values ('${adminB.userId}', 'bea@b.example', 'authenticated', 'authenticated');
    insert into public.members (org_id, user_id, role, display_name) values ('${ORG_B}', '${adminB.userId}', 'admin', 'bea');
    update public.members set skills = '{SQL,Statistics}' where org_id = '${ORG_A}' and user_id = '${M}';
    update public.members set skills = '{"Community moderation"}' where org_id = '${ORG_A}' and user_id = '${Mo}';
    update public.members set skills = '{Excel}' where org_id = '${ORG_B}' and user_id = '${B}';
    insert into public.places (org_id, key, platform, course_id) values
      ('${ORG_A}', '${OTHER_COURSE}', 'canvas', '55'),
      ('${ORG_A}', '${COURSE_10}', 'moodle', '10');

    insert into public.threads (id, org_id, place_key, author_id, title, created_at) values
      ('${q(1)}', '${ORG_A}', '${OTHER_COURSE}', '${L}', 'Gantt or kanban?', now() - interval '45 days'),
      ('${q(2)}', '${ORG_A}', '${COURSE_10}', '${L}', 'Course 10 question', now() - interval '5 days');

    insert into public.posts (id, org_id, thread_id, parent_id, author_id, body, created_at) values
      ('${p(1)}', '${ORG_A}', '${q(1)}', null, '${Mo}', 'kanban, recently', now() - interval '10 days'),
      ('${p(2)}', '${ORG_A}', '${q(1)}', null, '${Mo}', 'gantt, long ago', now() - interval '40 days'),
      ('${p(3)}', '${ORG_A}', '${q(1)}', null, '${Mo}', 'deleted', now() - interval '9 days'),
      ('${p(4)}', '${ORG_A}', '${q(2)}', null, '${A}', 'course 10 answer', now() - interval '4 days'),
      ('${p(5)}', '${ORG_A}', '${THREAD.hidden}', null, '${Mo}', 'in a hidden question', now() - interval '1 day'),
      ('${p(6)}', '${ORG_A}', '${THREAD.deleted}', null, '${Mo}', 'in a deleted question', now() - interval '1 day');
    update public.posts set deleted_at = now() where id = '${p(3)}';

    insert into public.votes (id, org_id, post_id, user_id, value) values
      ('${id('7c000000', 1)}', '${ORG_A}', '${p(1)}', '${L}', 1),
      ('${id('7c000000', 2)}', '${ORG_A}', '${POST.adminAnswerOnLocked}', '${M}', 1);

    update public.threads set accepted_post_id = '${POST.mentorAnswer}', accepted_by = '${L}',
      accepted_at = now(), status = 'resolved'
    where id = '${THREAD.open}';

    insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, skill, withdrawn_at, created_at) values
      ('${e(1)}', '${ORG_A}', '${L}', 'post', '${POST.mentorAnswer}', '${M}', null, null, now() - interval '1 day'),
      ('${e(2)}', '${ORG_A}', '${Mo}', 'post', '${POST.mentorAnswer}', '${M}', null, now(), now() - interval '1 day'),
      ('${e(3)}', '${ORG_A}', '${L}', 'post', '${POST.hiddenMentorAnswer}', '${M}', null, null, now() - interval '1 day'),
      ('${e(4)}', '${ORG_A}', '${A}', 'skill', null, '${M}', 'SQL', null, now() - interval '3 days'),
      ('${e(5)}', '${ORG_A}', '${L}', 'skill', null, '${M}', 'Statistics', null, now() - interval '40 days'),
      ('${e(6)}', '${ORG_A}', '${M}', 'skill', null, '${Mo}', 'Community moderation', null, now() - interval '2 days'),
      ('${e(7)}', '${ORG_B}', '${adminB.userId}', 'skill', null, '${B}', 'Excel', null, now() - interval '2 days');
  `);
}

interface Contributor {
  user_id: string;
  display_name: string;
  skills: string[];
  answers: number;
  accepted_answers: number;
  endorsements_received: number;
  helpful_votes: number;
  score: number;
}

const TOP = 'select * from top_contributors($1, $2, $3)';

/** The rows `persona` gets for the dataset, or the refusal; always rolled back. */
async function top(
  persona: Persona,
  { course = null as string | null, days = 30 as number | null, rows = 10 as number | null } = {},
  before: (tx: Transaction) => Promise<void> = async () => {},
) {
  return db.transaction(async (tx) => {
    await loadDataset(tx);
    await before(tx);
    await becomePersona(tx, persona);
    let result: Contributor[] | Denial;
    try {
      result = (await tx.query<Contributor>(TOP, [course, days, rows])).rows;
    } catch (error) {
      const { code, message } = error as Denial;
      result = { code, message };
    }
    await tx.rollback();
    return result;
  });
}

const row = (persona: Persona, name: string, skills: string[], [answers, accepted, endorsements, votes]: number[]) => ({
  user_id: persona.userId!,
  display_name: name,
  skills,
  answers: answers!,
  accepted_answers: accepted!,
  endorsements_received: endorsements!,
  helpful_votes: votes!,
  score: answers! + 3 * accepted! + 2 * endorsements! + votes!,
});

// The mentor: one visible answer, accepted, endorsed by the learner (not the withdrawn or the hidden
// one), SQL endorsed 3 days ago, +1. The moderator: one answer in the period (+1), their skill endorsed.
const mentorRow = row(mentor, 'milo', ['SQL', 'Statistics'], [1, 1, 2, 1]);
const moderatorRow = row(moderator, 'mona', ['Community moderation'], [1, 0, 1, 1]);
// The admin: two answers in course 101 (-1 and +1) and one in course 10; the learner: an answer (+1)
// and a reply. Both score 3: the tie goes by name.
const adminRow = row(admin, 'ada', [], [3, 0, 0, 0]);
const learnerRow = row(learner, 'lena', [], [2, 0, 0, 1]);

describe('top_contributors', () => {
  it('ranks the org’s members by the documented score over the last 30 days, ties by name', async () => {
    expect(await top(admin)).toEqual([mentorRow, moderatorRow, adminRow, learnerRow]);
    expect(mentorRow.score).toBe(9);
    expect([adminRow.score, learnerRow.score]).toEqual([3, 3]);
  });

  it('gives every member of the org the same list: hidden items count for nobody, their author or moderators included', async () => {
    for (const persona of [learner, mentor, moderator]) {
      expect(await top(persona)).toEqual([mentorRow, moderatorRow, adminRow, learnerRow]);
    }
  });

  it('counts only what falls inside the period: 60 days take in the older answer and skill endorsement', async () => {
    expect(await top(admin, { days: 60 })).toEqual([
      row(mentor, 'milo', ['SQL', 'Statistics'], [1, 1, 3, 1]),
      row(moderator, 'mona', ['Community moderation'], [2, 0, 1, 1]),
      adminRow,
      learnerRow,
    ]);
    // One day: only the fixtures' answers (dated when they loaded) and the day-old endorsement.
    expect(await top(admin, { days: 1 })).toEqual([
      row(mentor, 'milo', ['SQL', 'Statistics'], [1, 1, 1, 1]),
      learnerRow,
      row(admin, 'ada', [], [2, 0, 0, 0]),
    ]);
  });

  it('filters by course key: its places only, whole segments only; skill endorsements still count', async () => {
    // The moderator has endorsed skills but no answer in course 101, so is not listed there.
    expect(await top(learner, { course: COURSE_KEY })).toEqual([
      mentorRow,
      learnerRow,
      row(admin, 'ada', [], [2, 0, 0, 0]),
    ]);
    expect(await top(learner, { course: COURSE_10 })).toEqual([row(admin, 'ada', [], [1, 0, 0, 0])]);
    expect(await top(learner, { course: OTHER_COURSE })).toEqual([moderatorRow]);
    expect(await top(learner, { course: OTHER_COURSE, days: 60 })).toEqual([
      row(moderator, 'mona', ['Community moderation'], [2, 0, 1, 1]),
    ]);
    expect(await top(learner, { course: 'moodle|lms.example.edu|999' })).toEqual([]);
  });

  it('returns at most max_rows people, the highest first', async () => {
    expect(await top(mentor, { rows: 2 })).toEqual([mentorRow, moderatorRow]);
    expect(await top(mentor, { rows: 1 })).toEqual([mentorRow]);
  });

  it('never counts another org: org B’s members see only org B, org A never sees org B', async () => {
    const orgB = [row(memberB, 'bo', ['Excel'], [1, 0, 1, 0])];
    expect(await top(memberB)).toEqual(orgB);
    expect(await top(adminB)).toEqual(orgB);
    expect(await top(adminB, { course: COURSE_KEY })).toEqual(orgB);
    const orgA = await top(admin);
    expect(Array.isArray(orgA) && orgA.map((r) => r.user_id)).not.toContain(memberB.userId);
  });

  it('reads the org of the token’s claim for someone in both orgs, and only that org', async () => {
    const inBoth = async (claimedOrg: string | null) =>
      db.transaction(async (tx) => {
        await loadDataset(tx);
        await tx.query(
          `insert into public.members (org_id, user_id, role, display_name) values ($1, $2, 'learner', 'lena')`,
          [ORG_B, learner.userId],
        );
        await becomePersona(tx, learner);
        const claims = {
          sub: learner.userId,
          role: 'authenticated',
          app_metadata: claimedOrg ? { org_id: claimedOrg } : {},
        };
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
        const result = (await tx.query<Contributor>(TOP, [null, 30, 10])).rows.map((r) => r.display_name);
        await tx.rollback();
        return result;
      });
    expect(await inBoth(ORG_B)).toEqual(['bo']);
    expect(await inBoth(ORG_A)).toEqual(['milo', 'mona', 'ada', 'lena']);
    // No claim: their first membership, org A.
    expect(await inBoth(null)).toEqual(['milo', 'mona', 'ada', 'lena']);
  });

  it('counts skill endorsements given and withdrawn through the RPCs at once', async () => {
    const endorsement = crypto.randomUUID();
    const endorsed = await top(learner, {}, async (tx) => {
      await becomePersona(tx, learner);
      await tx.query(`select endorse($1, 'skill', null, $2, 'community MODERATION')`, [endorsement, moderator.userId]);
      // A replay from the outbox is the same endorsement, not a second one.
      await tx.query(`select endorse($1, 'skill', null, $2, 'Community moderation')`, [endorsement, moderator.userId]);
    });
    expect(Array.isArray(endorsed) && endorsed.find((r) => r.user_id === moderator.userId)).toEqual(
      row(moderator, 'mona', ['Community moderation'], [1, 0, 2, 1]),
    );
    const withdrawn = await top(learner, {}, async (tx) => {
      await becomePersona(tx, learner);
      await tx.query(`select endorse($1, 'skill', null, $2, 'Community moderation')`, [endorsement, moderator.userId]);
      await tx.query('select withdraw_endorsement($1)', [endorsement]);
    });
    expect(Array.isArray(withdrawn) && withdrawn.find((r) => r.user_id === moderator.userId)).toEqual(moderatorRow);
  });

  it('refuses non-members and anon (42501)', async () => {
    expect(await top(stranger)).toEqual({
      code: '42501',
      message: 'Only members of an organisation can see who helps most in it.',
    });
    expect(await top(anon)).toEqual({ code: '42501', message: 'permission denied for function top_contributors' });
  });

  it('refuses days outside 1 to 365, max_rows outside 1 to 50 and an empty course key (22023)', async () => {
    const refusal = (message: string) => ({ code: '22023', message });
    for (const days of [0, 366, -5, null]) {
      expect(await top(admin, { days })).toEqual(refusal('Ask for the last 1 to 365 days.'));
    }
    expect(Array.isArray(await top(admin, { days: 365 }))).toBe(true);
    for (const rows of [0, 51, null]) {
      expect(await top(admin, { rows })).toEqual(refusal('Ask for 1 to 50 people.'));
    }
    expect(await top(admin, { rows: 50 })).toEqual([mentorRow, moderatorRow, adminRow, learnerRow]);
    expect(await top(admin, { course: ' ' })).toEqual(
      refusal('Give a course_key ("platform|host|course"), or none for the whole organisation.'),
    );
  });

  it('is SECURITY INVOKER, executable by authenticated only', async () => {
    const { rows } = await db.query<{ definer: boolean; anon: boolean; authenticated: boolean }>(`
      select p.prosecdef as definer,
        has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
        has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated
      from pg_proc p where p.proname = 'top_contributors'`);
    expect(rows).toEqual([{ definer: false, anon: false, authenticated: true }]);
  });
});
