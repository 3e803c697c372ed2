/**
 * The personas and data the SQL tests act on, independent of supabase/seed.sql so the demo seed can
 * change freely. Org A has one member per role; org B has one learner and shares a place key with
 * org A (the same LMS lesson), which is the case isolation must get right. Test-only.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Persona } from './database';

const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ORG_A = uuid('0a000000', 1);
export const ORG_B = uuid('0b000000', 1);
/** The same lesson key exists as a place in both orgs. */
export const PLACE_KEY = 'moodle|lms.example.edu|101|cm:7';
export const COURSE_KEY = 'moodle|lms.example.edu|101';

export const learner: Persona = { label: 'learner of org A', userId: uuid('1a000000', 1) };
export const mentor: Persona = { label: 'mentor of org A', userId: uuid('1a000000', 2) };
export const moderator: Persona = { label: 'moderator of org A', userId: uuid('1a000000', 3) };
export const admin: Persona = { label: 'admin of org A', userId: uuid('1a000000', 4) };
export const memberB: Persona = { label: 'learner of org B', userId: uuid('1b000000', 1) };
/** Signed in, but a member of no org (a new sign-up before provisioning). */
export const stranger: Persona = { label: 'signed-in non-member', userId: uuid('1c000000', 1) };
export const anon: Persona = { label: 'anon', userId: null };

export const THREAD = {
  /** By the learner; answered by the mentor (P1) and the admin (P2); a hidden answer by the mentor (P5). */
  open: uuid('2a000000', 1),
  /** By the mentor; answered by the learner (P3). */
  byMentor: uuid('2a000000', 2),
  /** By the learner, hidden by a moderator. */
  hidden: uuid('2a000000', 3),
  /** By the mentor, locked by a moderator; answered by the admin (P4). */
  locked: uuid('2a000000', 4),
  /** By the learner, soft-deleted. */
  deleted: uuid('2a000000', 5),
  /** Org B's thread at the same lesson key. */
  orgB: uuid('2b000000', 1),
};

export const POST = {
  mentorAnswer: uuid('3a000000', 1),
  adminAnswer: uuid('3a000000', 2),
  learnerAnswerToMentor: uuid('3a000000', 3),
  adminAnswerOnLocked: uuid('3a000000', 4),
  hiddenMentorAnswer: uuid('3a000000', 5),
  /** The learner's reply to the mentor's answer in THREAD.open. */
  learnerReply: uuid('3a000000', 6),
  orgB: uuid('3b000000', 1),
};

export const VOTE = {
  learnerUpOnMentorAnswer: uuid('4a000000', 1),
  moderatorDownOnAdminAnswer: uuid('4a000000', 2),
  mentorUpOnLearnerAnswer: uuid('4a000000', 3),
};

const people: [Persona, string, string | null, string][] = [
  [learner, 'lena@a.example', ORG_A, 'learner'],
  [mentor, 'milo@a.example', ORG_A, 'mentor'],
  [moderator, 'mona@a.example', ORG_A, 'moderator'],
  [admin, 'ada@a.example', ORG_A, 'admin'],
  [memberB, 'bo@b.example', ORG_B, 'learner'],
  [stranger, 'sam@c.example', null, ''],
];

/** Inserts the personas' org, memberships, places, threads, posts and votes (as postgres). */
export async function loadPersonaFixtures(db: PGlite): Promise<void> {
  await db.exec(`insert into public.orgs (id, name) values ('${ORG_A}', 'Org A'), ('${ORG_B}', 'Org B')`);
  for (const [persona, email, org, role] of people) {
    await db.query(`insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')`, [
      persona.userId,
      email,
    ]);
    if (org) {
      await db.query(`insert into public.members (org_id, user_id, role, display_name) values ($1, $2, $3, $4)`, [
        org,
        persona.userId,
        role,
        email.split('@')[0],
      ]);
    }
  }
  await db.exec(`
    insert into public.places (org_id, key, platform, course_id, lesson_id, course_title, lesson_title) values
      ('${ORG_A}', '${COURSE_KEY}', 'moodle', '101', null, 'Statistics 101', null),
      ('${ORG_A}', '${PLACE_KEY}', 'moodle', '101', 'cm:7', 'Statistics 101', 'Quiz 1'),
      ('${ORG_B}', '${PLACE_KEY}', 'moodle', '101', 'cm:7', 'Statistics 101', 'Quiz 1');

    insert into public.threads (id, org_id, place_key, author_id, title, created_at) values
      ('${THREAD.open}', '${ORG_A}', '${PLACE_KEY}', '${learner.userId}', 'Open question', now() - interval '5 days'),
      ('${THREAD.byMentor}', '${ORG_A}', '${PLACE_KEY}', '${mentor.userId}', 'Mentor question', now() - interval '4 days'),
      ('${THREAD.hidden}', '${ORG_A}', '${PLACE_KEY}', '${learner.userId}', 'Hidden question', now() - interval '3 days'),
      ('${THREAD.locked}', '${ORG_A}', '${PLACE_KEY}', '${mentor.userId}', 'Locked question', now() - interval '2 days'),
      ('${THREAD.deleted}', '${ORG_A}', '${PLACE_KEY}', '${learner.userId}', 'Deleted question', now() - interval '1 day'),
      ('${THREAD.orgB}', '${ORG_B}', '${PLACE_KEY}', '${memberB.userId}', 'Org B question', now());

    insert into public.posts (id, org_id, thread_id, parent_id, author_id, body) values
      ('${POST.mentorAnswer}', '${ORG_A}', '${THREAD.open}', null, '${mentor.userId}', 'Mentor answer'),
      ('${POST.adminAnswer}', '${ORG_A}', '${THREAD.open}', null, '${admin.userId}', 'Admin answer'),
      ('${POST.learnerAnswerToMentor}', '${ORG_A}', '${THREAD.byMentor}', null, '${learner.userId}', 'Learner answer'),
      ('${POST.adminAnswerOnLocked}', '${ORG_A}', '${THREAD.locked}', null, '${admin.userId}', 'Answer on locked'),
      ('${POST.hiddenMentorAnswer}', '${ORG_A}', '${THREAD.open}', null, '${mentor.userId}', 'Hidden answer'),
      ('${POST.learnerReply}', '${ORG_A}', '${THREAD.open}', '${POST.mentorAnswer}', '${learner.userId}', 'Thanks!'),
      ('${POST.orgB}', '${ORG_B}', '${THREAD.orgB}', null, '${memberB.userId}', 'Org B answer');

    insert into public.votes (id, org_id, post_id, user_id, value) values
      ('${VOTE.learnerUpOnMentorAnswer}', '${ORG_A}', '${POST.mentorAnswer}', '${learner.userId}', 1),
      ('${VOTE.moderatorDownOnAdminAnswer}', '${ORG_A}', '${POST.adminAnswer}', '${moderator.userId}', -1),
      ('${VOTE.mentorUpOnLearnerAnswer}', '${ORG_A}', '${POST.learnerAnswerToMentor}', '${mentor.userId}', 1);

    update public.threads set hidden_at = now() where id = '${THREAD.hidden}';
    update public.threads set locked = true where id = '${THREAD.locked}';
    update public.threads set deleted_at = now() where id = '${THREAD.deleted}';
    update public.posts set hidden_at = now() where id = '${POST.hiddenMentorAnswer}';
  `);
}
