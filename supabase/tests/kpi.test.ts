/**
 * kpi_weekly: the pilot KPIs per ISO week, on a small dataset with known answers built inside each
 * test's transaction (March 2025, far from the persona fixtures' dates): exact numbers per week for
 * the whole org and per course, hidden, deleted and withdrawn items left out, org B's activity never
 * counted for org A (nor A's for B), who may call it, and the range refusals.
 *
 * Week A (Mon 2025-03-03), all in course 101 unless noted:
 *   Q1 (learner) answered after 2h (mentor; the learner replies), again later (admin); a moderator votes.
 *   Q2 (learner) answered after 30h (admin). Q3 (mentor) unanswered: its only answer is hidden.
 *   A hidden question (answered by the moderator) and a deleted one: never counted.
 *   Endorsements: the learner of the mentor's answer, the admin of the mentor's skill; the
 *   moderator's withdrawn one does not count. Mentoring: the learner's request accepted, another declined.
 *   Peer review: R1 (learner, at the lesson) reviewed by the mentor and the admin; R2 (mentor, at no
 *   place, since closed) reviewed by the learner on Thursday.
 * Week B (Mon 2025-03-10):
 *   Q4 (admin) in course 55, answered after 216h, i.e. in a later week and outside 7 days.
 *   Q5 (learner) answered after 1.5h (mentor). A request from the moderator, completed.
 *   Peer review: R3 (admin, in course 55); the moderator, who posts nothing, reviews R1 and R3.
 * Org B, week A: its learner asks and answers at the same lesson key, and asks for a review its admin gives.
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
  PLACE_KEY,
  stranger,
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
const adminB: Persona = { label: 'admin of org B', userId: '1b000000-0000-4000-8000-000000000002' };
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const q = (n: number) => id('5a000000', n);
const p = (n: number) => id('6a000000', n);
const r = (n: number) => id('ca000000', n);
const v = (n: number) => id('cb000000', n);
const RUBRIC = JSON.stringify(['Clarity', 'Evidence']);
const SCORES = JSON.stringify({ Clarity: 4, Evidence: 5 });

/** The dataset described above, inserted as postgres inside the caller's transaction. */
async function loadDataset(tx: Transaction): Promise<void> {
  const [L, M, Mo, A, B] = [learner, mentor, moderator, admin, memberB].map((persona) => persona.userId);
  await tx.exec(`
    insert into auth.users (id, email, aud, role)
      values ('${adminB.userId}', 'bea@b.example', 'authenticated', 'authenticated');
    insert into public.members (org_id, user_id, role, display_name) values ('${ORG_B}', '${adminB.userId}', 'admin', 'bea');
    insert into public.places (org_id, key, platform, course_id) values ('${ORG_A}', '${OTHER_COURSE}', 'canvas', '55');

    insert into public.threads (id, org_id, place_key, author_id, title, created_at) values
      ('${q(1)}', '${ORG_A}', '${PLACE_KEY}', '${L}', 'Question 1', '2025-03-03 09:00Z'),
      ('${q(2)}', '${ORG_A}', '${PLACE_KEY}', '${L}', 'Question 2', '2025-03-04 10:00Z'),
      ('${q(3)}', '${ORG_A}', '${COURSE_KEY}', '${M}', 'Question 3', '2025-03-05 12:00Z'),
      ('${q(6)}', '${ORG_A}', '${PLACE_KEY}', '${L}', 'Hidden', '2025-03-05 13:00Z'),
      ('${q(7)}', '${ORG_A}', '${PLACE_KEY}', '${L}', 'Deleted', '2025-03-06 13:00Z'),
      ('${q(4)}', '${ORG_A}', '${OTHER_COURSE}', '${A}', 'Question 4', '2025-03-11 08:00Z'),
      ('${q(5)}', '${ORG_A}', '${PLACE_KEY}', '${L}', 'Question 5', '2025-03-12 10:00Z'),
      ('${q(8)}', '${ORG_B}', '${PLACE_KEY}', '${B}', 'Org B', '2025-03-04 10:00Z');

    insert into public.posts (id, org_id, thread_id, parent_id, author_id, body, created_at) values
      ('${p(1)}', '${ORG_A}', '${q(1)}', null, '${M}', 'first', '2025-03-03 11:00Z'),
      ('${p(2)}', '${ORG_A}', '${q(1)}', '${p(1)}', '${L}', 'thanks', '2025-03-03 12:00Z'),
      ('${p(3)}', '${ORG_A}', '${q(1)}', null, '${A}', 'second', '2025-03-05 09:00Z'),
      ('${p(4)}', '${ORG_A}', '${q(2)}', null, '${A}', 'after 30h', '2025-03-05 16:00Z'),
      ('${p(5)}', '${ORG_A}', '${q(3)}', null, '${Mo}', 'hidden answer', '2025-03-05 13:00Z'),
      ('${p(6)}', '${ORG_A}', '${q(6)}', null, '${Mo}', 'in a hidden question', '2025-03-05 14:00Z'),
      ('${p(7)}', '${ORG_A}', '${q(4)}', null, '${L}', 'after 216h', '2025-03-20 08:00Z'),
      ('${p(8)}', '${ORG_A}', '${q(5)}', null, '${M}', 'after 1.5h', '2025-03-12 11:30Z'),
      ('${p(9)}', '${ORG_B}', '${q(8)}', null, '${B}', 'org B answer', '2025-03-04 11:00Z');

    insert into public.votes (id, org_id, post_id, user_id, value, created_at) values
      ('${id('7a000000', 1)}', '${ORG_A}', '${p(1)}', '${Mo}', 1, '2025-03-04 09:00Z');

    update public.threads set hidden_at = now() where id = '${q(6)}';
    update public.threads set deleted_at = now() where id = '${q(7)}';
    update public.posts set hidden_at = now() where id = '${p(5)}';

    insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, skill, withdrawn_at, created_at) values
      ('${id('8a000000', 1)}', '${ORG_A}', '${L}', 'post', '${p(1)}', '${M}', null, null, '2025-03-04 12:00Z'),
      ('${id('8a000000', 2)}', '${ORG_A}', '${A}', 'skill', null, '${M}', 'SQL', null, '2025-03-06 12:00Z'),
      ('${id('8a000000', 3)}', '${ORG_A}', '${Mo}', 'post', '${p(4)}', '${A}', null, now(), '2025-03-06 12:00Z');

    insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message, state, created_at, responded_at, closed_at) values
      ('${id('9a000000', 1)}', '${ORG_A}', '${L}', '${M}', 'SQL?', 'accepted', '2025-03-05 09:00Z', '2025-03-05 10:00Z', null),
      ('${id('9a000000', 2)}', '${ORG_A}', '${A}', '${M}', 'Stats?', 'declined', '2025-03-06 09:00Z', '2025-03-06 10:00Z', '2025-03-06 10:00Z'),
      ('${id('9a000000', 3)}', '${ORG_A}', '${Mo}', '${M}', 'R?', 'completed', '2025-03-13 09:00Z', '2025-03-13 10:00Z', '2025-03-14 10:00Z');

    insert into public.review_requests (id, org_id, requester_id, place_key, title, work_url, rubric, closed_at, created_at) values
      ('${r(1)}', '${ORG_A}', '${L}', '${PLACE_KEY}', 'Quiz 1 essay', 'https://docs.example.com/r1', '${RUBRIC}', null, '2025-03-04 09:00Z'),
      ('${r(2)}', '${ORG_A}', '${M}', null, 'Study plan', 'https://docs.example.com/r2', '${RUBRIC}', '2025-03-07 09:00Z', '2025-03-06 08:00Z'),
      ('${r(3)}', '${ORG_A}', '${A}', '${OTHER_COURSE}', 'Canvas slides', 'https://docs.example.com/r3', '${RUBRIC}', null, '2025-03-11 09:00Z'),
      ('${r(4)}', '${ORG_B}', '${B}', '${PLACE_KEY}', 'Org B essay', 'https://docs.example.com/r4', '${RUBRIC}', null, '2025-03-04 10:00Z');

    insert into public.reviews (id, org_id, request_id, reviewer_id, scores, created_at) values
      ('${v(1)}', '${ORG_A}', '${r(1)}', '${M}', '${SCORES}', '2025-03-04 15:00Z'),
      ('${v(2)}', '${ORG_A}', '${r(1)}', '${A}', '${SCORES}', '2025-03-05 10:00Z'),
      ('${v(3)}', '${ORG_A}', '${r(2)}', '${L}', '${SCORES}', '2025-03-06 12:00Z'),
      ('${v(4)}', '${ORG_A}', '${r(1)}', '${Mo}', '${SCORES}', '2025-03-11 10:00Z'),
      ('${v(5)}', '${ORG_A}', '${r(3)}', '${Mo}', '${SCORES}', '2025-03-12 10:00Z'),
      ('${v(6)}', '${ORG_B}', '${r(4)}', '${adminB.userId}', '${SCORES}', '2025-03-05 10:00Z');
  `);
}

interface Week {
  week_start: string;
  active_contributors: number;
  questions: number;
  answers: number;
  posts_per_contributor: number | null;
  response_rate: number | null;
  median_hours_to_first_answer: number | null;
  endorsements_given: number;
  mentor_requests_made: number | null;
  mentor_requests_fulfilled: number | null;
  peer_reviews_requested: number;
  peer_reviews_given: number;
}

const KPI = `select week_start::text as week_start, active_contributors, questions, answers, posts_per_contributor,
  response_rate, median_hours_to_first_answer, endorsements_given, mentor_requests_made, mentor_requests_fulfilled,
  peer_reviews_requested, peer_reviews_given
  from kpi_weekly($1, $2, $3)`;

/** The rows `persona` gets for the dataset, or the refusal; always rolled back. */
async function kpis(persona: Persona, from: string | null, to: string | null, course: string | null = null) {
  return db.transaction(async (tx) => {
    await loadDataset(tx);
    await becomePersona(tx, persona);
    let result: Week[] | Denial;
    try {
      result = (await tx.query<Week>(KPI, [from, to, course])).rows;
    } catch (error) {
      const { code, message } = error as Denial;
      result = { code, message };
    }
    await tx.rollback();
    return result;
  });
}

const emptyWeek = (week_start: string, mentoring: number | null = 0): Week => ({
  week_start,
  active_contributors: 0,
  questions: 0,
  answers: 0,
  posts_per_contributor: null,
  response_rate: null,
  median_hours_to_first_answer: null,
  endorsements_given: 0,
  mentor_requests_made: mentoring,
  mentor_requests_fulfilled: mentoring,
  peer_reviews_requested: 0,
  peer_reviews_given: 0,
});

const weekA: Week = {
  week_start: '2025-03-03',
  // learner (asked, replied, endorsed, reviewed), mentor (asked, answered, reviewed), admin (answered,
  // endorsed, reviewed), moderator (voted)
  active_contributors: 4,
  questions: 3,
  answers: 3,
  // (3 questions + 3 answers + 1 reply) / 4
  posts_per_contributor: 1.75,
  response_rate: 0.667,
  median_hours_to_first_answer: 16,
  endorsements_given: 2,
  mentor_requests_made: 2,
  mentor_requests_fulfilled: 1,
  // R1 and R2; the mentor's and the admin's reviews of R1, the learner's of R2 (closed since)
  peer_reviews_requested: 2,
  peer_reviews_given: 3,
};

const weekB: Week = {
  week_start: '2025-03-10',
  // admin (asked, asked for a review), learner (asked), mentor (answered), moderator (only reviewed)
  active_contributors: 4,
  questions: 2,
  answers: 1,
  // (2 questions + 1 answer) / 4
  posts_per_contributor: 0.75,
  response_rate: 0.5,
  median_hours_to_first_answer: 108.75,
  endorsements_given: 0,
  mentor_requests_made: 1,
  mentor_requests_fulfilled: 1,
  // R3; the moderator's reviews of R1 (asked the week before) and R3
  peer_reviews_requested: 1,
  peer_reviews_given: 2,
};

describe('kpi_weekly', () => {
  it('gives an admin exact numbers per week for the whole org, leaving hidden, deleted and withdrawn items out', async () => {
    expect(await kpis(admin, '2025-03-03', '2025-03-16')).toEqual([weekA, weekB]);
  });

  it('counts only activity dated inside the range, and lists quiet weeks with zeros', async () => {
    // From Wednesday: Q1, Q2 and their early answers, the vote and the learner's endorsement fall before it.
    expect(await kpis(moderator, '2025-03-05', '2025-03-23')).toEqual([
      {
        week_start: '2025-03-03',
        // the mentor (asked Q3, asked for R2), the admin (answered Q1 and Q2, endorsed a skill, reviewed
        // R1), the learner (reviewed R2 on Thursday)
        active_contributors: 3,
        questions: 1,
        answers: 2,
        posts_per_contributor: 1,
        response_rate: 0,
        median_hours_to_first_answer: null,
        endorsements_given: 1,
        mentor_requests_made: 2,
        mentor_requests_fulfilled: 1,
        // R1 and the mentor's review of it fall before Wednesday
        peer_reviews_requested: 1,
        peer_reviews_given: 2,
      },
      weekB,
      { ...emptyWeek('2025-03-17'), active_contributors: 1, answers: 1, posts_per_contributor: 1 },
    ]);
    expect(await kpis(admin, '2025-02-24', '2025-03-02')).toEqual([emptyWeek('2025-02-24')]);
  });

  it('filters by course key: its places only, post endorsements only, reviews of its requests, no mentoring columns', async () => {
    expect(await kpis(admin, '2025-03-03', '2025-03-16', COURSE_KEY)).toEqual([
      // R2, asked at no place, and the learner's review of it belong to no course.
      {
        ...weekA,
        endorsements_given: 1,
        mentor_requests_made: null,
        mentor_requests_fulfilled: null,
        peer_reviews_requested: 1,
        peer_reviews_given: 2,
      },
      {
        week_start: '2025-03-10',
        // the learner (asked Q5), the mentor (answered it), the moderator (reviewed R1)
        active_contributors: 3,
        questions: 1,
        answers: 1,
        posts_per_contributor: 0.67,
        response_rate: 1,
        median_hours_to_first_answer: 1.5,
        endorsements_given: 0,
        mentor_requests_made: null,
        mentor_requests_fulfilled: null,
        peer_reviews_requested: 0,
        peer_reviews_given: 1,
      },
    ]);
    const other = await kpis(admin, '2025-03-03', '2025-03-16', OTHER_COURSE);
    expect(other).toEqual([
      emptyWeek('2025-03-03', null),
      {
        ...emptyWeek('2025-03-10', null),
        // the admin (asked Q4, asked for R3), the moderator (reviewed R3)
        active_contributors: 2,
        questions: 1,
        posts_per_contributor: 0.5,
        response_rate: 0,
        median_hours_to_first_answer: 216,
        peer_reviews_requested: 1,
        peer_reviews_given: 1,
      },
    ]);
    // A prefix matches whole segments only: course 10 is not course 101.
    expect(await kpis(admin, '2025-03-03', '2025-03-09', 'moodle|lms.example.edu|10')).toEqual([
      emptyWeek('2025-03-03', null),
    ]);
  });

  it('never counts another org: org B’s admin sees only org B’s question, answer and review', async () => {
    expect(await kpis(adminB, '2025-03-03', '2025-03-16')).toEqual([
      {
        ...emptyWeek('2025-03-03'),
        // org B's learner (asked, answered, asked for a review) and its admin (reviewed)
        active_contributors: 2,
        questions: 1,
        answers: 1,
        posts_per_contributor: 1,
        response_rate: 1,
        median_hours_to_first_answer: 1,
        peer_reviews_requested: 1,
        peer_reviews_given: 1,
      },
      emptyWeek('2025-03-10'),
    ]);
  });

  it('counts reviews written through the RPCs, also of a closed request the admin can no longer read', async () => {
    const outcome = await db.transaction(async (tx) => {
      const request = crypto.randomUUID();
      await becomePersona(tx, learner);
      await tx.query(`select request_review($1, 'My lab report', 'https://docs.example.com/lab', null, $2)`, [
        request,
        RUBRIC,
      ]);
      const mentorsReview = crypto.randomUUID();
      await becomePersona(tx, mentor);
      await tx.query('select submit_review($1, $2, $3)', [mentorsReview, request, SCORES]);
      // A replay from the mentor's outbox is the same review, not a second one.
      await tx.query('select submit_review($1, $2, $3)', [mentorsReview, request, SCORES]);
      await becomePersona(tx, moderator);
      await tx.query('select submit_review($1, $2, $3)', [crypto.randomUUID(), request, SCORES]);
      await becomePersona(tx, learner);
      await tx.query('select close_review_request($1)', [request]);
      await becomePersona(tx, admin);
      const readable = (await tx.query('select id from review_requests where id = $1', [request])).rows;
      const today = (await tx.query<Week>(KPI, ['today', 'today', null])).rows;
      await tx.rollback();
      return { readable, today };
    });
    expect(outcome.readable).toEqual([]);
    expect(outcome.today).toEqual([expect.objectContaining({ peer_reviews_requested: 1, peer_reviews_given: 2 })]);
  });

  it('refuses learners, mentors, other orgs’ learners, non-members and anon', async () => {
    const onlyModerators = { code: '42501', message: "Only moderators and admins can see your organisation's KPIs." };
    for (const persona of [learner, mentor, memberB, stranger]) {
      expect(await kpis(persona, '2025-03-03', '2025-03-16')).toEqual(onlyModerators);
    }
    expect(await kpis(anon, '2025-03-03', '2025-03-16')).toEqual({
      code: '42501',
      message: 'permission denied for function kpi_weekly',
    });
  });

  it('refuses a missing or reversed range, more than 53 weeks and an empty course key (22023)', async () => {
    const refusal = (message: string) => ({ code: '22023', message });
    expect(await kpis(admin, null, '2025-03-16')).toEqual(refusal('Give both from_date and to_date.'));
    expect(await kpis(admin, '2025-03-16', '2025-03-03')).toEqual(refusal('from_date must be on or before to_date.'));
    // 2025-01-06 is a Monday: through 2026-01-11 is 53 weeks, one more day starts a 54th.
    expect(await kpis(admin, '2025-01-06', '2026-01-12')).toEqual(refusal('Ask for at most 53 weeks at a time.'));
    const year = await kpis(admin, '2025-01-06', '2026-01-11');
    expect(Array.isArray(year) && year.length).toBe(53);
    expect(await kpis(admin, '2025-03-03', '2025-03-16', ' ')).toEqual(
      refusal('Give a course_key ("platform|host|course"), or none for the whole organisation.'),
    );
  });
});
