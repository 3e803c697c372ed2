/**
 * Circles: circles, circle_members, circle_sessions, circle_session_attendees and their RPCs
 * (create_circle, update_circle, archive_circle, join_circle, add_circle_member, leave_circle,
 * remove_circle_member, schedule_circle_session, reschedule_circle_session, cancel_circle_session,
 * rsvp_circle_session), as each persona of both orgs: what they read, what they may do, capacity and
 * the row lock that guards it, the last-lead rule, replays, the rate limits and the exact refusal.
 * And the Circles tab's reads, circle_list and circle_session_list: order, bounds, what each persona
 * sees, and counts that hold past PostgREST's 1000-row pages.
 * Also the demo seed's circles (supabase/seeds/20_circles.sql), as the seed's people.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../scripts/backend/migrate.mjs';
import {
  asPersona,
  becomePersona,
  createMigratedDatabase,
  denialAs,
  rowsAs,
  type Denial,
  type Persona,
} from './support/database';
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

const CREATE = 'select * from create_circle($1, $2, $3, $4, $5, $6, $7)';
const UPDATE = 'select * from update_circle($1, $2, $3, $4, $5)';
const ARCHIVE = 'select * from archive_circle($1)';
const JOIN = 'select * from join_circle($1)';
const ADD = 'select * from add_circle_member($1, $2, $3)';
const LEAVE = 'select leave_circle($1)';
const REMOVE = 'select remove_circle_member($1, $2)';
const SCHEDULE = 'select * from schedule_circle_session($1, $2, $3, $4, $5, $6, $7, $8, $9)';
const RESCHEDULE = 'select * from reschedule_circle_session($1, $2, $3)';
const CANCEL = 'select * from cancel_circle_session($1)';
const RSVP = 'select * from rsvp_circle_session($1, $2)';

interface Circle {
  id: string;
  org_id: string;
  kind: string;
  course_key: string;
  name: string;
  description: string | null;
  capacity: number;
  invite_only: boolean;
  created_by: string | null;
  archived_at: Date | null;
}

interface CircleMember {
  org_id: string;
  circle_id: string;
  user_id: string;
  role: string;
  joined_at: Date;
}

interface Session {
  id: string;
  org_id: string;
  circle_id: string;
  kind: string;
  title: string;
  agenda: string | null;
  starts_at: Date;
  duration_minutes: number;
  meeting_url: string | null;
  host_id: string;
  created_by: string | null;
  cancelled_at: Date | null;
}

interface Rsvp {
  org_id: string;
  circle_id: string;
  session_id: string;
  user_id: string;
  going: boolean;
}

/** An ISO timestamp `hours` from now (negative: in the past). */
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

interface CircleOptions {
  id?: string;
  kind?: string;
  course?: string | null;
  name?: string | null;
  description?: string | null;
  capacity?: number | null;
  inviteOnly?: boolean;
}
const circleArgs = ({
  id = crypto.randomUUID(),
  kind = 'cohort',
  course = COURSE_KEY,
  name = 'Statistics study group',
  description = null,
  capacity = null,
  inviteOnly = false,
}: CircleOptions = {}) => [id, kind, course, name, description, capacity, inviteOnly];
/** The current persona starts a circle. */
const start = async (tx: Transaction, options: CircleOptions = {}) =>
  (await tx.query<Circle>(CREATE, circleArgs(options))).rows[0]!;

interface SessionOptions {
  id?: string;
  kind?: string;
  title?: string | null;
  startsAt?: string | null;
  duration?: number | null;
  agenda?: string | null;
  url?: string | null;
  host?: string | null;
}
const sessionArgs = (
  circle: string,
  {
    id = crypto.randomUUID(),
    kind = 'practice',
    title = 'Practice the quiz together',
    startsAt = inHours(48),
    duration = 60,
    agenda = null,
    url = null,
    host = null,
  }: SessionOptions = {},
) => [id, circle, kind, title, startsAt, duration, agenda, url, host];
/** The current persona schedules a session of `circle`. */
const schedule = async (tx: Transaction, circle: string, options: SessionOptions = {}) =>
  (await tx.query<Session>(SCHEDULE, sessionArgs(circle, options))).rows[0]!;

const join = async (tx: Transaction, circle: string) => (await tx.query<CircleMember>(JOIN, [circle])).rows[0]!;
const rsvp = async (tx: Transaction, session: string, going: boolean) =>
  (await tx.query<Rsvp>(RSVP, [session, going])).rows[0]!;
const count = async (tx: Transaction, table: string) =>
  (await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;

/** The persona each transaction acts as, so `peek` can come back to it. */
const acting = new WeakMap<Transaction, Persona>();
const become = async (tx: Transaction, persona: Persona) => {
  acting.set(tx, persona);
  await becomePersona(tx, persona);
};
/** Runs `work` as `persona` in a transaction that is rolled back; `become` switches persona. */
const as = <T>(persona: Persona, work: (tx: Transaction) => Promise<T>) =>
  asPersona(db, persona, async (tx) => {
    acting.set(tx, persona);
    return work(tx);
  });
/** Runs `sql` as postgres (no RLS: what is really stored, or a fixture), then acts as before. */
async function peek<T = Record<string, unknown>>(tx: Transaction, sql: string, params: unknown[] = []) {
  await tx.exec('reset role');
  try {
    return (await tx.query<T>(sql, params)).rows;
  } finally {
    await becomePersona(tx, acting.get(tx)!);
  }
}
/** Who is in a circle, as stored: `user_id:role`, sorted. */
const people = async (tx: Transaction, circle: string) =>
  (
    await peek<{ who: string }>(
      tx,
      `select user_id || ':' || role as who from public.circle_members where circle_id = $1`,
      [circle],
    )
  )
    .map((row) => row.who)
    .sort();

/** Runs `sql` in a savepoint and returns its refusal, or 'done' when it succeeds. */
async function attempt(tx: Transaction, sql: string, params: unknown[]): Promise<Denial | 'done'> {
  await tx.exec('savepoint attempt');
  try {
    await tx.query(sql, params);
    await tx.exec('release savepoint attempt');
    return 'done';
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message } = error as Denial;
    return { code, message };
  }
}

const denial = (code: string, message: string) => ({ code, message });
const CIRCLE_NOT_FOUND = denial('P0001', 'This circle does not exist or you cannot see it.');
const SESSION_NOT_FOUND = denial('P0001', 'This session does not exist or you cannot see it.');
const ARCHIVED = denial('P0001', 'This circle is archived and can no longer change.');
const NOT_A_LEAD_TO_ADD = denial('42501', 'Only the leads of this circle, or an admin, can add people to it.');
const NOT_A_LEAD_TO_REMOVE = denial('42501', 'Only the leads of this circle, or an admin, can remove people from it.');
const NOT_LEAD_OR_HOST = denial('42501', "Only the leads of this circle or the session's host can move or cancel it.");
const STARTED = denial('P0001', 'This session has already started; it can no longer be moved or cancelled.');
const LAST_LEAD_LEAVING = denial(
  'P0001',
  'You are the last lead of this circle: make another member a lead, or archive the circle, before you leave.',
);
const NO_MEMBER = denial('P0001', 'This member does not exist or you cannot see them.');

describe('create_circle', () => {
  it('a learner starts a cohort on a course of their org and becomes its lead', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx, {
        course: `  ${COURSE_KEY} `,
        name: '  Statistics study group  ',
        description: '  We meet on Tuesdays.  ',
      });
      return { circle, people: await people(tx, circle.id) };
    });
    expect(outcome.circle).toMatchObject({
      org_id: ORG_A,
      kind: 'cohort',
      course_key: COURSE_KEY,
      name: 'Statistics study group',
      description: 'We meet on Tuesdays.',
      capacity: 30,
      invite_only: false,
      created_by: learner.userId,
      archived_at: null,
    });
    expect(outcome.people).toEqual([`${learner.userId}:lead`]);
  });

  it('mentors and admins start mentorship circles (8 people unless told); learners and moderators cannot', async () => {
    const outcome = await as(mentor, async (tx) => {
      const byMentor = await start(tx, { kind: 'mentorship', name: 'SQL with Milo', inviteOnly: true });
      await become(tx, admin);
      const byAdmin = await start(tx, { kind: 'mentorship', name: 'Career talks', capacity: 4 });
      await become(tx, learner);
      const byLearner = await attempt(tx, CREATE, circleArgs({ kind: 'mentorship', name: 'Mine' }));
      await become(tx, moderator);
      const byModerator = await attempt(tx, CREATE, circleArgs({ kind: 'mentorship', name: 'Mine' }));
      const cohortByModerator = await attempt(tx, CREATE, circleArgs({ name: 'Moderators’ cohort' }));
      return { byMentor, byAdmin, byLearner, byModerator, cohortByModerator };
    });
    expect(outcome.byMentor).toMatchObject({ kind: 'mentorship', capacity: 8, invite_only: true });
    expect(outcome.byAdmin).toMatchObject({ kind: 'mentorship', capacity: 4, created_by: admin.userId });
    const notMentor = denial('42501', 'Only mentors and admins can start a mentorship circle.');
    expect(outcome.byLearner).toEqual(notMentor);
    expect(outcome.byModerator).toEqual(notMentor);
    expect(outcome.cohortByModerator).toBe('done');
  });

  it('a replay returns the same row and adds nothing; another user cannot take the id', async () => {
    const id = crypto.randomUUID();
    const outcome = await as(learner, async (tx) => {
      const first = await start(tx, { id });
      const replay = await start(tx, { id, name: 'Something else', capacity: 5 });
      const rows = { circles: await count(tx, 'circles'), members: await count(tx, 'circle_members') };
      await become(tx, mentor);
      return { first, replay, rows, taken: await attempt(tx, CREATE, circleArgs({ id, name: 'Mine' })) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.rows).toEqual({ circles: 1, members: 1 });
    expect(outcome.taken).toEqual(denial('42501', 'This circle id is already taken; generate a new one.'));
  });

  const COURSE = 'Give the course as its key, "platform|host|course", without a lesson.';
  it.each<[string, CircleOptions, string]>([
    ['an unknown kind', { kind: 'study' }, 'Choose the kind of circle: cohort or mentorship.'],
    ['an empty name', { name: '   ' }, 'Give the circle a name of 1 to 120 characters.'],
    ['no name', { name: null }, 'Give the circle a name of 1 to 120 characters.'],
    ['a name over 120 characters', { name: 'x'.repeat(121) }, 'Give the circle a name of 1 to 120 characters.'],
    [
      'a description over 2000 characters',
      { description: 'x'.repeat(2001) },
      'Keep the description to 2000 characters.',
    ],
    ['room for 1', { capacity: 1 }, 'Give the circle room for 2 to 200 people.'],
    ['room for 201', { capacity: 201 }, 'Give the circle room for 2 to 200 people.'],
    ['a lesson instead of a course', { course: PLACE_KEY }, COURSE],
    ['a key without a course', { course: 'moodle|lms.example.edu' }, COURSE],
    ['a key with spaces', { course: 'moodle|lms.example.edu|Stats 101' }, COURSE],
    ['no course', { course: null }, COURSE],
  ])('refuses %s (22023)', async (_label, options, message) => {
    expect(await denialAs(db, learner, CREATE, circleArgs(options))).toEqual(denial('22023', message));
  });

  it('refuses a course the org has no place at, and a name already taken on the course (in any case)', async () => {
    const outcome = await as(learner, async (tx) => {
      const unknown = await attempt(tx, CREATE, circleArgs({ course: 'moodle|lms.example.edu|999' }));
      // A prefix of a real course is not that course.
      const prefix = await attempt(tx, CREATE, circleArgs({ course: 'moodle|lms.example.edu|10' }));
      const first = await start(tx, { name: 'Stats group' });
      await become(tx, mentor);
      const same = await attempt(tx, CREATE, circleArgs({ name: ' stats GROUP ' }));
      await become(tx, learner);
      await tx.query(ARCHIVE, [first.id]);
      await become(tx, mentor);
      const afterArchive = await attempt(tx, CREATE, circleArgs({ name: 'Stats group' }));
      return { unknown, prefix, same, afterArchive };
    });
    const notSeen = denial(
      'P0001',
      'Peerside has not seen this course in your organisation yet: open it in your LMS first.',
    );
    expect(outcome).toEqual({
      unknown: notSeen,
      prefix: notSeen,
      same: denial('P0001', 'There is already a circle called "stats GROUP" on this course; choose another name.'),
      afterArchive: 'done',
    });
  });

  it('org B starts circles on its own places only; a non-member and anon cannot start any', async () => {
    const inB = await as(memberB, (tx) => start(tx));
    expect(inB).toMatchObject({ org_id: ORG_B, created_by: memberB.userId });
    expect(await denialAs(db, stranger, CREATE, circleArgs())).toEqual(
      denial('42501', 'Only members of an organisation can start circles.'),
    );
    expect(await denialAs(db, anon, CREATE, circleArgs())).toEqual(
      denial('42501', 'permission denied for function create_circle'),
    );
  });

  it('allows 5 circles in 24 hours; the sixth is PT429 with a sentence; a replay is not counted', async () => {
    const outcome = await as(learner, async (tx) => {
      const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
      for (const [n, id] of ids.entries()) await start(tx, { id, name: `Group ${n}` });
      const replay = await attempt(tx, CREATE, circleArgs({ id: ids[0], name: 'Group 0' }));
      const sixth = await attempt(tx, CREATE, circleArgs({ name: 'Group 5' }));
      await become(tx, mentor);
      const someoneElse = await attempt(tx, CREATE, circleArgs({ name: 'Group 5' }));
      return { replay, sixth, someoneElse, rows: await count(tx, 'circles') };
    });
    expect(outcome.replay).toBe('done');
    expect(outcome.sixth).toEqual(
      denial('PT429', 'You have started 5 circles in the last 24 hours. Try again in 24 hours.'),
    );
    expect(outcome.someoneElse).toBe('done');
    expect(outcome.rows).toBe(6);
  });

  it('nobody writes the tables directly', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into circles (id, org_id, kind, course_key, name, capacity, created_by)
         values ($1, $2, 'cohort', $3, 'x', 5, $4)`,
        [crypto.randomUUID(), ORG_A, COURSE_KEY, learner.userId],
      ),
    ).toEqual(denial('42501', 'permission denied for table circles'));
    expect(await denialAs(db, admin, `update circle_members set role = 'lead'`)).toEqual(
      denial('42501', 'permission denied for table circle_members'),
    );
    expect(await denialAs(db, admin, `delete from circle_sessions`)).toEqual(
      denial('42501', 'permission denied for table circle_sessions'),
    );
    expect(await denialAs(db, learner, `update circle_session_attendees set going = true`)).toEqual(
      denial('42501', 'permission denied for table circle_session_attendees'),
    );
  });
});

describe('join_circle', () => {
  it('members of the org join an open circle; joining again returns the same row', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const joined: CircleMember[] = [];
      for (const persona of [mentor, moderator, admin]) {
        await become(tx, persona);
        joined.push(await join(tx, circle.id));
      }
      const replay = await join(tx, circle.id);
      return { circle, joined, replay, people: await people(tx, circle.id) };
    });
    expect(
      outcome.joined.map(({ org_id, circle_id, user_id, role }) => ({ org_id, circle_id, user_id, role })),
    ).toEqual(
      [mentor, moderator, admin].map((persona) => ({
        org_id: ORG_A,
        circle_id: outcome.circle.id,
        user_id: persona.userId,
        role: 'member',
      })),
    );
    expect(outcome.replay).toEqual(outcome.joined[2]);
    expect(outcome.people).toEqual(
      [
        `${learner.userId}:lead`,
        `${mentor.userId}:member`,
        `${moderator.userId}:member`,
        `${admin.userId}:member`,
      ].sort(),
    );
  });

  it('holds the capacity: a full circle refuses the next person (a replay still passes); leaving frees a place', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx, { capacity: 3 });
      await become(tx, mentor);
      await join(tx, circle.id);
      await become(tx, moderator);
      await join(tx, circle.id);
      await become(tx, admin);
      const full = await attempt(tx, JOIN, [circle.id]);
      await become(tx, mentor);
      const replayWhenFull = await attempt(tx, JOIN, [circle.id]);
      await tx.query(LEAVE, [circle.id]);
      await become(tx, admin);
      const afterLeave = await attempt(tx, JOIN, [circle.id]);
      return { full, replayWhenFull, afterLeave, people: (await people(tx, circle.id)).length };
    });
    expect(outcome).toEqual({
      full: denial('P0001', 'This circle is full (3 of 3). Ask a lead to make room, or join another circle.'),
      replayWhenFull: 'done',
      afterLeave: 'done',
      people: 3,
    });
  });

  it('locks the circle row FOR UPDATE before it counts, so concurrent joins take the last place one at a time', async () => {
    // PGlite is one session, so two joins cannot race here; what makes them queue on a server is the
    // row lock, which the tuple header records (pageinspect): xmax = the locking transaction, with
    // HEAP_XMAX_EXCL_LOCK (64) and HEAP_KEYS_UPDATED (8192) for FOR UPDATE. The foreign key check of
    // the membership insert alone would leave only HEAP_XMAX_KEYSHR_LOCK (16), which does not queue.
    const inspected = await PGlite.create({ extensions: { pageinspect } });
    try {
      await prepareDatabase(inspected, { seed: false });
      await loadPersonaFixtures(inspected);
      await inspected.exec('create schema inspect; create extension pageinspect schema inspect');
      const outcome = await asPersona(inspected, mentor, async (tx) => {
        const id = crypto.randomUUID();
        const lock = async () => {
          await tx.exec('reset role');
          const [row] = (
            await tx.query<{ xmax: string; me: string; mode: number }>(
              `select p.t_xmax::text as xmax, txid_current()::text as me,
                 (p.t_infomask & (16 | 64)) | (p.t_infomask2 & 8192) as mode
               from public.circles c,
                 inspect.heap_page_items(inspect.get_raw_page('public.circles', (c.ctid::text::point)[0]::int)) p
               where c.id = $1 and p.lp = (c.ctid::text::point)[1]::int`,
              [id],
            )
          ).rows;
          await becomePersona(tx, mentor);
          return row!.xmax === '0' ? 'none' : { mine: row!.xmax === row!.me, mode: row!.mode };
        };
        await tx.exec('reset role');
        await tx.query(
          `insert into public.circles (id, org_id, kind, course_key, name, capacity, created_by)
           values ($1, $2, 'cohort', $3, 'Locked', 5, $4)`,
          [id, ORG_A, COURSE_KEY, learner.userId],
        );
        const before = await lock();
        await join(tx, id);
        return { before, after: await lock() };
      });
      expect(outcome).toEqual({ before: 'none', after: { mine: true, mode: 64 | 8192 } });
    } finally {
      await inspected.close();
    }
  }, 60_000);

  it('refuses invite-only and archived circles, other orgs, non-members, unknown ids and anon', async () => {
    const outcome = await as(mentor, async (tx) => {
      const closed = await start(tx, { kind: 'mentorship', name: 'Closed', inviteOnly: true });
      const archived = await start(tx, { name: 'Old group' });
      await tx.query(ARCHIVE, [archived.id]);
      await become(tx, learner);
      const inviteOnly = await attempt(tx, JOIN, [closed.id]);
      const wasArchived = await attempt(tx, JOIN, [archived.id]);
      const unknown = await attempt(tx, JOIN, [crypto.randomUUID()]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, JOIN, [archived.id]);
      await become(tx, stranger);
      const nonMember = await attempt(tx, JOIN, [archived.id]);
      return { inviteOnly, wasArchived, unknown, otherOrg, nonMember };
    });
    expect(outcome).toEqual({
      inviteOnly: denial('42501', 'This circle is invite-only: ask one of its leads to add you.'),
      wasArchived: ARCHIVED,
      unknown: CIRCLE_NOT_FOUND,
      otherOrg: CIRCLE_NOT_FOUND,
      nonMember: CIRCLE_NOT_FOUND,
    });
    expect(await denialAs(db, anon, JOIN, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function join_circle'),
    );
  });
});

describe('add_circle_member', () => {
  it('a lead adds members of the org to an invite-only circle; adding again changes nothing', async () => {
    const outcome = await as(mentor, async (tx) => {
      const circle = await start(tx, { kind: 'mentorship', name: 'Mentoring circle', inviteOnly: true });
      const added = (await tx.query<CircleMember>(ADD, [circle.id, learner.userId, 'member'])).rows[0]!;
      const replay = (await tx.query<CircleMember>(ADD, [circle.id, learner.userId, 'member'])).rows[0]!;
      const asDefault = (await tx.query<CircleMember>(ADD.replace(', $3', ''), [circle.id, moderator.userId])).rows[0]!;
      return { circle, added, replay, asDefault, people: await people(tx, circle.id) };
    });
    expect(outcome.added).toMatchObject({ org_id: ORG_A, circle_id: outcome.circle.id, role: 'member' });
    expect(outcome.replay).toEqual(outcome.added);
    expect(outcome.asDefault.role).toBe('member');
    expect(outcome.people).toEqual(
      [`${mentor.userId}:lead`, `${learner.userId}:member`, `${moderator.userId}:member`].sort(),
    );
  });

  it('hands a circle over: a new lead, then the first steps down; never leaves it without a lead', async () => {
    const outcome = await as(mentor, async (tx) => {
      const circle = await start(tx, { kind: 'mentorship' });
      await tx.query(ADD, [circle.id, learner.userId, 'member']);
      const learnerAsLead = await attempt(tx, ADD, [circle.id, learner.userId, 'lead']);
      const selfDown = await attempt(tx, ADD, [circle.id, mentor.userId, 'member']);
      // An admin, not in the circle, joins as a second lead and steps the mentor down.
      await become(tx, admin);
      await tx.query(ADD, [circle.id, admin.userId, 'lead']);
      await tx.query(ADD, [circle.id, mentor.userId, 'member']);
      const adminDown = await attempt(tx, ADD, [circle.id, admin.userId, 'member']);
      await become(tx, mentor);
      const backUp = await attempt(tx, ADD, [circle.id, mentor.userId, 'lead']);
      return { learnerAsLead, selfDown, adminDown, backUp, people: await people(tx, circle.id) };
    });
    expect(outcome).toEqual({
      learnerAsLead: denial('P0001', 'Only mentors and admins can lead a mentorship circle; lena is a learner.'),
      selfDown: denial('P0001', 'You are the last lead of this circle: make another member a lead first.'),
      adminDown: denial('P0001', 'You are the last lead of this circle: make another member a lead first.'),
      backUp: NOT_A_LEAD_TO_ADD,
      people: [`${admin.userId}:lead`, `${mentor.userId}:member`, `${learner.userId}:member`].sort(),
    });
  });

  it('any member can be made a lead of a cohort; nobody steps down its last lead', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await tx.query(ADD, [circle.id, moderator.userId, 'lead']);
      await tx.query(LEAVE, [circle.id]);
      await become(tx, admin);
      const lastLead = await attempt(tx, ADD, [circle.id, moderator.userId, 'member']);
      return { lastLead, people: await people(tx, circle.id) };
    });
    expect(outcome).toEqual({
      lastLead: denial('P0001', 'mona is the last lead of this circle: make another member a lead first.'),
      people: [`${moderator.userId}:lead`],
    });
  });

  it('refuses members who are not leads, people outside the org, unknown roles, a full or archived circle', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx, { capacity: 2 });
      const small = await start(tx, { name: 'Tiny', capacity: 2 });
      await tx.query(ADD, [small.id, mentor.userId, 'member']);
      const full = await attempt(tx, ADD, [small.id, moderator.userId, 'member']);
      const orgB = await attempt(tx, ADD, [circle.id, memberB.userId, 'member']);
      const nonMember = await attempt(tx, ADD, [circle.id, stranger.userId, 'member']);
      const unknownRole = await attempt(tx, ADD, [circle.id, mentor.userId, 'owner']);
      const noRole = await attempt(tx, ADD, [circle.id, mentor.userId, null]);
      await become(tx, mentor);
      const notLead = await attempt(tx, ADD, [small.id, moderator.userId, 'member']);
      await become(tx, moderator);
      const notInCircle = await attempt(tx, ADD, [circle.id, moderator.userId, 'member']);
      await become(tx, learner);
      await tx.query(ARCHIVE, [circle.id]);
      const archived = await attempt(tx, ADD, [circle.id, mentor.userId, 'member']);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, ADD, [small.id, memberB.userId, 'member']);
      return { full, orgB, nonMember, unknownRole, noRole, notLead, notInCircle, archived, otherOrg };
    });
    const role = denial('22023', 'Choose the role in the circle: lead or member.');
    expect(outcome).toEqual({
      full: denial('P0001', 'This circle is full (2 of 2): raise its capacity or remove someone first.'),
      orgB: NO_MEMBER,
      nonMember: NO_MEMBER,
      unknownRole: role,
      noRole: role,
      notLead: NOT_A_LEAD_TO_ADD,
      notInCircle: NOT_A_LEAD_TO_ADD,
      archived: ARCHIVED,
      otherOrg: CIRCLE_NOT_FOUND,
    });
    expect(await denialAs(db, anon, ADD, [crypto.randomUUID(), learner.userId, 'member'])).toEqual(
      denial('42501', 'permission denied for function add_circle_member'),
    );
  });
});

describe('leave_circle and remove_circle_member', () => {
  it('a member leaves: the sessions they host still to come are cancelled, and their RSVPs go', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await become(tx, mentor);
      await join(tx, circle.id);
      const hosted = await schedule(tx, circle.id, { title: 'Mine, upcoming' });
      const past = await schedule(tx, circle.id, { title: 'Mine, past' });
      await peek(tx, `update circle_sessions set starts_at = now() - interval '3 days' where id = $1`, [past.id]);
      await become(tx, learner);
      const leads = await schedule(tx, circle.id, { title: 'The lead’s' });
      await become(tx, mentor);
      await rsvp(tx, leads.id, true);
      const left = await attempt(tx, LEAVE, [circle.id]);
      const again = await attempt(tx, LEAVE, [circle.id]);
      const sessions = await peek<{ title: string; cancelled: boolean }>(
        tx,
        `select title, cancelled_at is not null as cancelled from circle_sessions where circle_id = $1 order by title`,
        [circle.id],
      );
      return {
        hosted: hosted.title,
        left,
        again,
        sessions,
        rsvps: await peek(tx, 'select user_id from circle_session_attendees where circle_id = $1', [circle.id]),
        people: await people(tx, circle.id),
      };
    });
    expect(outcome).toEqual({
      hosted: 'Mine, upcoming',
      left: 'done',
      again: 'done',
      sessions: [
        { title: 'Mine, past', cancelled: false },
        { title: 'Mine, upcoming', cancelled: true },
        { title: 'The lead’s', cancelled: false },
      ],
      rsvps: [],
      people: [`${learner.userId}:lead`],
    });
  });

  it('the last lead leaves only after handing over, or once the circle is archived', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const alone = await start(tx, { name: 'Alone' });
      await become(tx, mentor);
      await join(tx, circle.id);
      await become(tx, learner);
      const lastLead = await attempt(tx, LEAVE, [circle.id]);
      const viaRemove = await attempt(tx, REMOVE, [circle.id, learner.userId]);
      await tx.query(ADD, [circle.id, mentor.userId, 'lead']);
      const handedOver = await attempt(tx, LEAVE, [circle.id]);
      const aloneLeaving = await attempt(tx, LEAVE, [alone.id]);
      await tx.query(ARCHIVE, [alone.id]);
      const archivedLeaving = await attempt(tx, LEAVE, [alone.id]);
      return {
        lastLead,
        viaRemove,
        handedOver,
        aloneLeaving,
        archivedLeaving,
        circle: await people(tx, circle.id),
        alone: await people(tx, alone.id),
      };
    });
    expect(outcome).toEqual({
      lastLead: LAST_LEAD_LEAVING,
      viaRemove: LAST_LEAD_LEAVING,
      handedOver: 'done',
      aloneLeaving: LAST_LEAD_LEAVING,
      archivedLeaving: 'done',
      circle: [`${mentor.userId}:lead`],
      alone: [],
    });
  });

  it('a lead or an admin removes someone; other members cannot; removing someone not in it is a no-op', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      for (const persona of [mentor, moderator]) {
        await become(tx, persona);
        await join(tx, circle.id);
      }
      const byMember = await attempt(tx, REMOVE, [circle.id, mentor.userId]);
      const self = await attempt(tx, REMOVE, [circle.id, moderator.userId]);
      await become(tx, learner);
      const byLead = await attempt(tx, REMOVE, [circle.id, mentor.userId]);
      const notIn = await attempt(tx, REMOVE, [circle.id, admin.userId]);
      const nobody = await attempt(tx, REMOVE, [circle.id, null]);
      await tx.query(ADD, [circle.id, mentor.userId, 'member']);
      await become(tx, admin);
      const byAdmin = await attempt(tx, REMOVE, [circle.id, mentor.userId]);
      const lastLead = await attempt(tx, REMOVE, [circle.id, learner.userId]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, REMOVE, [circle.id, learner.userId]);
      return {
        byMember,
        self,
        byLead,
        notIn,
        nobody,
        byAdmin,
        lastLead,
        otherOrg,
        people: await people(tx, circle.id),
      };
    });
    expect(outcome).toEqual({
      byMember: NOT_A_LEAD_TO_REMOVE,
      self: 'done',
      byLead: 'done',
      notIn: 'done',
      nobody: denial('22023', 'Say whom to remove (their user id).'),
      byAdmin: 'done',
      lastLead: denial(
        'P0001',
        'lena is the last lead of this circle: make another member a lead, or archive the circle, first.',
      ),
      otherOrg: CIRCLE_NOT_FOUND,
      people: [`${learner.userId}:lead`],
    });
    expect(await denialAs(db, anon, LEAVE, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function leave_circle'),
    );
    expect(await denialAs(db, anon, REMOVE, [crypto.randomUUID(), learner.userId])).toEqual(
      denial('42501', 'permission denied for function remove_circle_member'),
    );
  });
});

describe('update_circle', () => {
  it('a lead renames, describes, resizes and closes the circle; null keeps a setting, empty clears the description', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx, { description: 'Tuesdays' });
      const changed = (await tx.query<Circle>(UPDATE, [circle.id, '  Stats circle ', null, 12, true])).rows[0]!;
      const cleared = (await tx.query<Circle>(UPDATE, [circle.id, null, '  ', null, null])).rows[0]!;
      await become(tx, admin);
      const byAdmin = (await tx.query<Circle>(UPDATE, [circle.id, null, 'Run by the L&D team', null, false])).rows[0]!;
      return { changed, cleared, byAdmin };
    });
    expect(outcome.changed).toMatchObject({
      name: 'Stats circle',
      description: 'Tuesdays',
      capacity: 12,
      invite_only: true,
    });
    expect(outcome.cleared).toMatchObject({ name: 'Stats circle', description: null, capacity: 12, invite_only: true });
    expect(outcome.byAdmin).toMatchObject({ description: 'Run by the L&D team', invite_only: false });
  });

  it('refuses members who are not leads, nothing to change, too little room, a taken name, an archived circle', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const other = await start(tx, { name: 'Other group' });
      for (const persona of [mentor, moderator]) {
        await become(tx, persona);
        await join(tx, circle.id);
      }
      const byMember = await attempt(tx, UPDATE, [circle.id, 'Mine', null, null, null]);
      await become(tx, learner);
      const nothing = await attempt(tx, UPDATE, [circle.id, null, null, null, null]);
      const tooSmall = await attempt(tx, UPDATE, [circle.id, null, null, 2, null]);
      const tooBig = await attempt(tx, UPDATE, [circle.id, null, null, 201, null]);
      const emptyName = await attempt(tx, UPDATE, [circle.id, ' ', null, null, null]);
      const taken = await attempt(tx, UPDATE, [circle.id, 'OTHER group', null, null, null]);
      const ownName = await attempt(tx, UPDATE, [circle.id, 'statistics study group', null, null, null]);
      await tx.query(ARCHIVE, [other.id]);
      const archived = await attempt(tx, UPDATE, [other.id, 'Renamed', null, null, null]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, UPDATE, [circle.id, 'Mine', null, null, null]);
      return { byMember, nothing, tooSmall, tooBig, emptyName, taken, ownName, archived, otherOrg };
    });
    expect(outcome).toEqual({
      byMember: denial('42501', 'Only the leads of this circle, or an admin, can change it.'),
      nothing: denial('22023', 'Say what to change: name, description, capacity or invite_only.'),
      tooSmall: denial('P0001', 'This circle has 3 people; give it room for at least that many.'),
      tooBig: denial('22023', 'Give the circle room for 2 to 200 people.'),
      emptyName: denial('22023', 'Give the circle a name of 1 to 120 characters.'),
      taken: denial('P0001', 'There is already a circle called "OTHER group" on this course; choose another name.'),
      ownName: 'done',
      archived: ARCHIVED,
      otherOrg: CIRCLE_NOT_FOUND,
    });
    expect(await denialAs(db, anon, UPDATE, [crypto.randomUUID(), 'x', null, null, null])).toEqual(
      denial('42501', 'permission denied for function update_circle'),
    );
  });
});

describe('archive_circle', () => {
  it('a lead archives: sessions still to come are cancelled, past ones kept; it stays readable, marked', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const upcoming = await schedule(tx, circle.id, { title: 'Upcoming' });
      const past = await schedule(tx, circle.id, { title: 'Past' });
      await peek(tx, `update circle_sessions set starts_at = now() - interval '1 day' where id = $1`, [past.id]);
      const archived = (await tx.query<Circle>(ARCHIVE, [circle.id])).rows[0]!;
      const again = (await tx.query<Circle>(ARCHIVE, [circle.id])).rows[0]!;
      const scheduling = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      const sessions = await peek<{ id: string; cancelled: boolean }>(
        tx,
        'select id, cancelled_at is not null as cancelled from circle_sessions where circle_id = $1',
        [circle.id],
      );
      await become(tx, mentor);
      const seen = (await tx.query<Circle>('select * from circles where id = $1', [circle.id])).rows;
      return { archived, again, scheduling, upcoming, past, sessions, seen };
    });
    expect(outcome.archived.archived_at).toBeInstanceOf(Date);
    expect(outcome.again).toEqual(outcome.archived);
    expect(outcome.scheduling).toEqual(ARCHIVED);
    expect(outcome.sessions).toHaveLength(2);
    expect(outcome.sessions).toEqual(
      expect.arrayContaining([
        { id: outcome.upcoming.id, cancelled: true },
        { id: outcome.past.id, cancelled: false },
      ]),
    );
    expect(outcome.seen).toEqual([outcome.archived]);
  });

  it('moderators and admins archive any circle of their org; members who are not leads, other orgs and anon cannot', async () => {
    const outcome = await as(learner, async (tx) => {
      const first = await start(tx, { name: 'First' });
      const second = await start(tx, { name: 'Second' });
      await become(tx, mentor);
      await join(tx, first.id);
      const byMember = await attempt(tx, ARCHIVE, [first.id]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, ARCHIVE, [first.id]);
      await become(tx, stranger);
      const nonMember = await attempt(tx, ARCHIVE, [first.id]);
      await become(tx, moderator);
      const byModerator = await attempt(tx, ARCHIVE, [first.id]);
      await become(tx, admin);
      const byAdmin = await attempt(tx, ARCHIVE, [second.id]);
      return { byMember, otherOrg, nonMember, byModerator, byAdmin };
    });
    expect(outcome).toEqual({
      byMember: denial('42501', 'Only the leads of this circle, or a moderator, can archive it.'),
      otherOrg: CIRCLE_NOT_FOUND,
      nonMember: CIRCLE_NOT_FOUND,
      byModerator: 'done',
      byAdmin: 'done',
    });
    expect(await denialAs(db, anon, ARCHIVE, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function archive_circle'),
    );
  });
});

describe('schedule_circle_session', () => {
  it('a lead schedules a micro-teaching session for a member to present; a member schedules one they host', async () => {
    const startsAt = inHours(72);
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await become(tx, mentor);
      await join(tx, circle.id);
      await become(tx, learner);
      const teaching = await schedule(tx, circle.id, {
        kind: 'micro_teaching',
        title: '  Milo explains p-values  ',
        startsAt,
        duration: 30,
        agenda: '  10 minutes teaching, 10 minutes feedback.  ',
        url: ' https://meet.example.com/stats?room=1 ',
        host: mentor.userId,
      });
      await become(tx, mentor);
      const practice = await schedule(tx, circle.id, { duration: 240, agenda: '   ' });
      return { circle, teaching, practice };
    });
    expect(outcome.teaching).toMatchObject({
      org_id: ORG_A,
      circle_id: outcome.circle.id,
      kind: 'micro_teaching',
      title: 'Milo explains p-values',
      agenda: '10 minutes teaching, 10 minutes feedback.',
      starts_at: new Date(startsAt),
      duration_minutes: 30,
      meeting_url: 'https://meet.example.com/stats?room=1',
      host_id: mentor.userId,
      created_by: learner.userId,
      cancelled_at: null,
    });
    expect(outcome.practice).toMatchObject({
      kind: 'practice',
      agenda: null,
      meeting_url: null,
      duration_minutes: 240,
      host_id: mentor.userId,
      created_by: mentor.userId,
    });
  });

  it('a replay returns the same row and adds nothing; another user cannot take the id', async () => {
    const id = crypto.randomUUID();
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const first = await schedule(tx, circle.id, { id });
      const replay = await schedule(tx, circle.id, { id, title: 'Changed', startsAt: inHours(5) });
      const rows = await count(tx, 'circle_sessions');
      await become(tx, mentor);
      await join(tx, circle.id);
      return { first, replay, rows, taken: await attempt(tx, SCHEDULE, sessionArgs(circle.id, { id })) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.rows).toBe(1);
    expect(outcome.taken).toEqual(denial('42501', 'This session id is already taken; generate a new one.'));
  });

  it('refuses a member scheduling for someone else, people outside the circle, and a host outside it', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await become(tx, mentor);
      await join(tx, circle.id);
      const forSomeoneElse = await attempt(tx, SCHEDULE, sessionArgs(circle.id, { host: learner.userId }));
      await become(tx, moderator);
      const notInCircle = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      await become(tx, learner);
      const hostOutside = await attempt(tx, SCHEDULE, sessionArgs(circle.id, { host: moderator.userId }));
      const hostInOrgB = await attempt(tx, SCHEDULE, sessionArgs(circle.id, { host: memberB.userId }));
      await become(tx, memberB);
      const otherOrg = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      await become(tx, stranger);
      const nonMember = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      return { forSomeoneElse, notInCircle, hostOutside, hostInOrgB, otherOrg, nonMember };
    });
    const host = denial('P0001', 'The host must be a member of this circle; add them to it first.');
    expect(outcome).toEqual({
      forSomeoneElse: denial('42501', 'Only the leads of this circle can schedule a session for someone else to host.'),
      notInCircle: denial('42501', 'Only members of this circle can schedule its sessions.'),
      hostOutside: host,
      hostInOrgB: host,
      otherOrg: CIRCLE_NOT_FOUND,
      nonMember: CIRCLE_NOT_FOUND,
    });
    expect(await denialAs(db, anon, SCHEDULE, sessionArgs(crypto.randomUUID()))).toEqual(
      denial('42501', 'permission denied for function schedule_circle_session'),
    );
  });

  const WHEN = 'Schedule the session to start in the future, at most a year from now.';
  const LONG = 'Give the session a duration of 15 to 240 minutes.';
  const LINK = 'Give the meeting link as an https:// address of at most 2000 characters.';
  it.each<[string, SessionOptions, string]>([
    ['an unknown kind', { kind: 'lecture' }, 'Choose the kind of session: practice or micro_teaching.'],
    ['an empty title', { title: '  ' }, 'Give the session a title of 1 to 200 characters.'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'Give the session a title of 1 to 200 characters.'],
    ['an agenda over 2000 characters', { agenda: 'x'.repeat(2001) }, 'Keep the agenda to 2000 characters.'],
    ['a start in the past', { startsAt: inHours(-1) }, WHEN],
    ['a start over a year ahead', { startsAt: inHours(24 * 366) }, WHEN],
    ['no start', { startsAt: null }, WHEN],
    ['10 minutes', { duration: 10 }, LONG],
    ['241 minutes', { duration: 241 }, LONG],
    ['no duration', { duration: null }, LONG],
    ['a javascript: link', { url: 'javascript:alert(document.cookie)' }, LINK],
    ['an http: link', { url: 'http://meet.example.com/room' }, LINK],
    ['a data: link', { url: 'data:text/html,<script>alert(1)</script>' }, LINK],
    ['a link with spaces', { url: 'https://meet.example.com/my room' }, LINK],
    ['a link over 2000 characters', { url: `https://meet.example.com/${'x'.repeat(2000)}` }, LINK],
  ])('refuses %s (22023)', async (_label, options, message) => {
    const refusal = await as(learner, async (tx) => {
      const circle = await start(tx);
      return attempt(tx, SCHEDULE, sessionArgs(circle.id, options));
    });
    expect(refusal).toEqual(denial('22023', message));
  });

  it('allows 10 sessions an hour; the eleventh is PT429 with a sentence; a replay is not counted', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const ids = Array.from({ length: 10 }, () => crypto.randomUUID());
      for (const id of ids) await schedule(tx, circle.id, { id });
      const replay = await attempt(tx, SCHEDULE, sessionArgs(circle.id, { id: ids[0] }));
      const eleventh = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      await become(tx, mentor);
      await join(tx, circle.id);
      const someoneElse = await attempt(tx, SCHEDULE, sessionArgs(circle.id));
      return { replay, eleventh, someoneElse, rows: await count(tx, 'circle_sessions') };
    });
    expect(outcome).toEqual({
      replay: 'done',
      eleventh: denial('PT429', 'You have scheduled 10 circle sessions in the last hour. Try again in 60 minutes.'),
      someoneElse: 'done',
      rows: 11,
    });
  });
});

describe('reschedule_circle_session and cancel_circle_session', () => {
  it('the host moves their session: a new start clears the RSVPs, a new duration alone keeps them', async () => {
    const later = inHours(96);
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await become(tx, mentor);
      await join(tx, circle.id);
      const session = await schedule(tx, circle.id);
      await become(tx, learner);
      await rsvp(tx, session.id, true);
      await become(tx, mentor);
      const longer = (await tx.query<Session>(RESCHEDULE, [session.id, session.starts_at, 90])).rows[0]!;
      const kept = await count(tx, 'circle_session_attendees');
      const moved = (await tx.query<Session>(RESCHEDULE, [session.id, later, null])).rows[0]!;
      const replay = (await tx.query<Session>(RESCHEDULE, [session.id, later, null])).rows[0]!;
      return { longer, kept, moved, replay, cleared: await count(tx, 'circle_session_attendees') };
    });
    expect(outcome.longer.duration_minutes).toBe(90);
    expect(outcome.kept).toBe(1);
    expect(outcome.moved).toMatchObject({ starts_at: new Date(later), duration_minutes: 90 });
    expect(outcome.replay).toEqual(outcome.moved);
    expect(outcome.cleared).toBe(0);
  });

  it('a lead cancels a member’s session; cancelling again changes nothing; it cannot be moved or answered any more', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      await become(tx, mentor);
      await join(tx, circle.id);
      const session = await schedule(tx, circle.id);
      await become(tx, learner);
      const cancelled = (await tx.query<Session>(CANCEL, [session.id])).rows[0]!;
      const again = (await tx.query<Session>(CANCEL, [session.id])).rows[0]!;
      await become(tx, mentor);
      const moving = await attempt(tx, RESCHEDULE, [session.id, inHours(100), null]);
      const answering = await attempt(tx, RSVP, [session.id, true]);
      return { cancelled, again, moving, answering };
    });
    expect(outcome.cancelled.cancelled_at).toBeInstanceOf(Date);
    expect(outcome.again).toEqual(outcome.cancelled);
    expect(outcome.moving).toEqual(denial('P0001', 'This session is cancelled; schedule a new one.'));
    expect(outcome.answering).toEqual(denial('P0001', 'This session is cancelled.'));
  });

  it('refuses other members, other orgs, sessions that have started and times out of bounds', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const session = await schedule(tx, circle.id);
      const started = await schedule(tx, circle.id, { title: 'Started' });
      await peek(tx, `update circle_sessions set starts_at = now() - interval '5 minutes' where id = $1`, [started.id]);
      const toPast = await attempt(tx, RESCHEDULE, [session.id, inHours(-2), null]);
      const tooLong = await attempt(tx, RESCHEDULE, [session.id, session.starts_at, 300]);
      const noStart = await attempt(tx, RESCHEDULE, [session.id, null, null]);
      const movingStarted = await attempt(tx, RESCHEDULE, [started.id, inHours(30), null]);
      const cancellingStarted = await attempt(tx, CANCEL, [started.id]);
      const unknown = await attempt(tx, CANCEL, [crypto.randomUUID()]);
      await become(tx, moderator);
      await join(tx, circle.id);
      const movingByMember = await attempt(tx, RESCHEDULE, [session.id, inHours(30), null]);
      const cancellingByMember = await attempt(tx, CANCEL, [session.id]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, CANCEL, [session.id]);
      await become(tx, stranger);
      const nonMember = await attempt(tx, RESCHEDULE, [session.id, inHours(30), null]);
      return {
        toPast,
        tooLong,
        noStart,
        movingStarted,
        cancellingStarted,
        unknown,
        movingByMember,
        cancellingByMember,
        otherOrg,
        nonMember,
      };
    });
    expect(outcome).toEqual({
      toPast: denial('22023', 'Schedule the session to start in the future, at most a year from now.'),
      tooLong: denial('22023', 'Give the session a duration of 15 to 240 minutes.'),
      noStart: denial('22023', 'Schedule the session to start in the future, at most a year from now.'),
      movingStarted: STARTED,
      cancellingStarted: STARTED,
      unknown: SESSION_NOT_FOUND,
      movingByMember: NOT_LEAD_OR_HOST,
      cancellingByMember: NOT_LEAD_OR_HOST,
      otherOrg: SESSION_NOT_FOUND,
      nonMember: SESSION_NOT_FOUND,
    });
    expect(await denialAs(db, anon, RESCHEDULE, [crypto.randomUUID(), inHours(5), null])).toEqual(
      denial('42501', 'permission denied for function reschedule_circle_session'),
    );
    expect(await denialAs(db, anon, CANCEL, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function cancel_circle_session'),
    );
  });
});

describe('rsvp_circle_session', () => {
  it('members of the circle say whether they are going and may change their mind; repeating an answer changes nothing', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const session = await schedule(tx, circle.id);
      await become(tx, mentor);
      await join(tx, circle.id);
      const going = await rsvp(tx, session.id, true);
      const replay = await rsvp(tx, session.id, true);
      const notGoing = await rsvp(tx, session.id, false);
      await become(tx, learner);
      const host = await rsvp(tx, session.id, true);
      const rows = Object.fromEntries(
        (
          await peek<{ user_id: string; going: boolean }>(
            tx,
            'select user_id, going from circle_session_attendees where session_id = $1',
            [session.id],
          )
        ).map((row) => [row.user_id, row.going]),
      );
      return { circle, session, going, replay, notGoing, host, rows };
    });
    expect(outcome.going).toMatchObject({
      org_id: ORG_A,
      circle_id: outcome.circle.id,
      session_id: outcome.session.id,
      user_id: mentor.userId,
      going: true,
    });
    expect(outcome.replay).toEqual(outcome.going);
    expect(outcome.notGoing.going).toBe(false);
    expect(outcome.host.going).toBe(true);
    expect(outcome.rows).toEqual({ [learner.userId!]: true, [mentor.userId!]: false });
  });

  it('answers while a session runs, not once it has ended', async () => {
    const outcome = await as(learner, async (tx) => {
      const circle = await start(tx);
      const running = await schedule(tx, circle.id, { title: 'Running', duration: 60 });
      const ended = await schedule(tx, circle.id, { title: 'Ended', duration: 60 });
      await peek(tx, `update circle_sessions set starts_at = now() - interval '30 minutes' where id = $1`, [
        running.id,
      ]);
      await peek(tx, `update circle_sessions set starts_at = now() - interval '61 minutes' where id = $1`, [ended.id]);
      return {
        running: await attempt(tx, RSVP, [running.id, true]),
        ended: await attempt(tx, RSVP, [ended.id, true]),
      };
    });
    expect(outcome).toEqual({ running: 'done', ended: denial('P0001', 'This session has ended.') });
  });

  it('refuses people outside the circle (an invite-only circle’s sessions they cannot even see), and a missing answer', async () => {
    const outcome = await as(learner, async (tx) => {
      const open = await start(tx);
      const openSession = await schedule(tx, open.id);
      await become(tx, mentor);
      const closed = await start(tx, { kind: 'mentorship', name: 'Mentoring circle', inviteOnly: true });
      const closedSession = await schedule(tx, closed.id);
      const noAnswer = await attempt(tx, RSVP, [closedSession.id, null]);
      await become(tx, learner);
      const closedToLearner = await attempt(tx, RSVP, [closedSession.id, true]);
      await become(tx, moderator);
      const openToModerator = await attempt(tx, RSVP, [openSession.id, true]);
      const closedToModerator = await attempt(tx, RSVP, [closedSession.id, true]);
      await become(tx, memberB);
      const otherOrg = await attempt(tx, RSVP, [openSession.id, true]);
      await become(tx, stranger);
      const nonMember = await attempt(tx, RSVP, [openSession.id, true]);
      return { noAnswer, closedToLearner, openToModerator, closedToModerator, otherOrg, nonMember };
    });
    const joinFirst = denial('42501', 'Only members of this circle can answer for its sessions; join it first.');
    expect(outcome).toEqual({
      noAnswer: denial('22023', 'Say whether you are going: true or false.'),
      closedToLearner: SESSION_NOT_FOUND,
      openToModerator: joinFirst,
      closedToModerator: joinFirst,
      otherOrg: SESSION_NOT_FOUND,
      nonMember: SESSION_NOT_FOUND,
    });
    expect(await denialAs(db, anon, RSVP, [crypto.randomUUID(), true])).toEqual(
      denial('42501', 'permission denied for function rsvp_circle_session'),
    );
  });
});

describe('reading', () => {
  const TABLES = ['circles', 'circle_members', 'circle_sessions', 'circle_session_attendees'] as const;

  it('the org reads every circle; open circles’ members, sessions and RSVPs too; invite-only ones only their members, moderators and admins', async () => {
    const seen = await as(learner, async (tx) => {
      // Open: the learner leads, the mentor joins; one session, both answer.
      const open = await start(tx);
      const openSession = await schedule(tx, open.id);
      await rsvp(tx, openSession.id, true);
      await become(tx, mentor);
      await join(tx, open.id);
      await rsvp(tx, openSession.id, false);
      // Invite-only: the mentor alone; one session, one answer.
      const closed = await start(tx, { kind: 'mentorship', name: 'Mentoring circle', inviteOnly: true });
      const closedSession = await schedule(tx, closed.id);
      await rsvp(tx, closedSession.id, true);
      const reads: Record<string, Record<string, number>> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB, stranger]) {
        await become(tx, persona);
        reads[persona.label] = {};
        for (const table of TABLES) reads[persona.label]![table] = await count(tx, table);
      }
      return reads;
    });
    const all = { circles: 2, circle_members: 3, circle_sessions: 2, circle_session_attendees: 3 };
    const openOnly = { circles: 2, circle_members: 2, circle_sessions: 1, circle_session_attendees: 2 };
    const none = { circles: 0, circle_members: 0, circle_sessions: 0, circle_session_attendees: 0 };
    expect(seen).toEqual({
      [learner.label]: openOnly,
      [mentor.label]: all,
      [moderator.label]: all,
      [admin.label]: all,
      [memberB.label]: none,
      [stranger.label]: none,
    });
  });

  it('a member added to an invite-only circle starts reading it; leaving stops it', async () => {
    const outcome = await as(mentor, async (tx) => {
      const closed = await start(tx, { kind: 'mentorship', name: 'Mentoring circle', inviteOnly: true });
      await schedule(tx, closed.id);
      await tx.query(ADD, [closed.id, learner.userId, 'member']);
      await become(tx, learner);
      const added = { members: await count(tx, 'circle_members'), sessions: await count(tx, 'circle_sessions') };
      await tx.query(LEAVE, [closed.id]);
      const left = { members: await count(tx, 'circle_members'), sessions: await count(tx, 'circle_sessions') };
      return { added, left };
    });
    expect(outcome).toEqual({ added: { members: 2, sessions: 1 }, left: { members: 0, sessions: 0 } });
  });

  it('org B’s circles stay in org B, even on the same course key', async () => {
    const outcome = await as(memberB, async (tx) => {
      const circle = await start(tx);
      const session = await schedule(tx, circle.id);
      await become(tx, admin);
      return {
        circle,
        seenByA: await count(tx, 'circles'),
        joinByA: await attempt(tx, JOIN, [circle.id]),
        rsvpByA: await attempt(tx, RSVP, [session.id, true]),
      };
    });
    expect(outcome.circle).toMatchObject({ org_id: ORG_B, course_key: COURSE_KEY });
    expect(outcome.seenByA).toBe(0);
    expect(outcome.joinByA).toEqual(CIRCLE_NOT_FOUND);
    expect(outcome.rsvpByA).toEqual(SESSION_NOT_FOUND);
  });

  it('anon is refused every table', async () => {
    for (const table of TABLES) {
      expect(await denialAs(db, anon, `select * from ${table}`)).toEqual(
        denial('42501', `permission denied for table ${table}`),
      );
    }
  });
});

describe('circle_list and circle_session_list', () => {
  const LIST = 'select * from circle_list($1)';
  const SESSIONS = 'select * from circle_session_list($1)';
  const SESSIONS_SINCE = 'select * from circle_session_list($1, $2)';

  interface Listed {
    id: string;
    org_id: string;
    name: string;
    member_count: number;
    my_role: string | null;
    lead_names: string[];
    members_readable: boolean;
    archived_at: Date | null;
  }
  interface ListedSession {
    id: string;
    title: string;
    circle_name: string;
    host_name: string | null;
    cancelled_at: Date | null;
    going_count: number;
    my_going: boolean | null;
  }

  const list = async (tx: Transaction, course = COURSE_KEY) => (await tx.query<Listed>(LIST, [course])).rows;
  const listSessions = async (tx: Transaction, since?: string) =>
    (
      await (since === undefined
        ? tx.query<ListedSession>(SESSIONS, [COURSE_KEY])
        : tx.query<ListedSession>(SESSIONS_SINCE, [COURSE_KEY, since]))
    ).rows;
  /** What the panel shows of a circle. */
  const shown = ({ name, member_count, my_role, lead_names, members_readable }: Listed) => ({
    name,
    member_count,
    my_role,
    lead_names,
    members_readable,
  });
  /** What the panel shows of a session. */
  const shownSession = ({ title, circle_name, host_name, cancelled_at, going_count, my_going }: ListedSession) => ({
    title,
    circle_name,
    host_name,
    cancelled: cancelled_at !== null,
    going_count,
    my_going,
  });

  /** Runs `sql` as postgres (fixtures the RPCs would refuse), then acts as before. */
  async function asPostgres(tx: Transaction, sql: string) {
    await tx.exec('reset role');
    try {
      await tx.exec(sql);
    } finally {
      await becomePersona(tx, acting.get(tx)!);
    }
  }

  /**
   * Org A on the course: "Open cohort" (Lena leads, Milo is in; three days old), Milo's invite-only
   * "Closed circle" (Ada is in; two days old) and Ada's "Old cohort", archived though newest. Sessions:
   * in the open cohort one running now, one that ended yesterday, one Milo cancelled (Lena had said
   * no), one in two days both are going to; one in the closed circle Ada is going to; one in the old
   * cohort, cancelled by its archiving. Org B: Bo's cohort and session on the same course key.
   */
  async function course(tx: Transaction) {
    await become(tx, learner);
    const open = await start(tx, { name: 'Open cohort' });
    const practice = await schedule(tx, open.id, { title: 'Practice together', startsAt: inHours(48) });
    await rsvp(tx, practice.id, true);
    await become(tx, mentor);
    await join(tx, open.id);
    await rsvp(tx, practice.id, true);
    const called = await schedule(tx, open.id, { title: 'Called off', startsAt: inHours(24) });
    const closed = await start(tx, { kind: 'mentorship', name: 'Closed circle', inviteOnly: true });
    await tx.query(ADD, [closed.id, admin.userId, 'member']);
    await schedule(tx, closed.id, { title: 'Mentoring hour', startsAt: inHours(72) });
    await become(tx, learner);
    await rsvp(tx, called.id, false);
    await become(tx, mentor);
    await tx.query(CANCEL, [called.id]);
    await become(tx, admin);
    const mentoring = await peek<{ id: string }>(tx, `select id from circle_sessions where title = 'Mentoring hour'`);
    await rsvp(tx, mentoring[0]!.id, true);
    const old = await start(tx, { name: 'Old cohort' });
    await schedule(tx, old.id, { title: 'Never held', startsAt: inHours(96) });
    await tx.query(ARCHIVE, [old.id]);
    await become(tx, memberB);
    const inB = await start(tx, { name: 'Org B cohort' });
    await schedule(tx, inB.id, { title: 'Org B session', startsAt: inHours(12) });
    await asPostgres(
      tx,
      `update public.circles set created_at = now() - interval '3 days' where id = '${open.id}';
       update public.circles set created_at = now() - interval '2 days' where id = '${closed.id}';
       insert into public.circle_sessions (id, org_id, circle_id, kind, title, starts_at, duration_minutes, host_id)
       values
         ('${crypto.randomUUID()}', '${ORG_A}', '${open.id}', 'practice', 'Running now', now() - interval '30 minutes', 60, '${learner.userId}'),
         ('${crypto.randomUUID()}', '${ORG_A}', '${open.id}', 'practice', 'Held yesterday', now() - interval '1 day', 60, '${mentor.userId}');`,
    );
    return { open, closed, old, inB, practice };
  }

  it('lists the course’s circles active first, newest first, with counts, my role and the leads each persona may see', async () => {
    const seen = await as(learner, async (tx) => {
      await course(tx);
      const reads: Record<string, ReturnType<typeof shown>[]> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB]) {
        await become(tx, persona);
        reads[persona.label] = (await list(tx)).map(shown);
      }
      return reads;
    });
    const closed = { name: 'Closed circle', member_count: 2, lead_names: ['milo'], members_readable: true };
    const open = { name: 'Open cohort', member_count: 2, lead_names: ['lena'], members_readable: true };
    const old = { name: 'Old cohort', member_count: 1, lead_names: ['ada'], members_readable: true };
    expect(seen).toEqual({
      // Lena is not in the invite-only circle: she sees that it has 2 people, not who they are.
      [learner.label]: [
        { ...closed, my_role: null, lead_names: [], members_readable: false },
        { ...open, my_role: 'lead' },
        { ...old, my_role: null },
      ],
      [mentor.label]: [
        { ...closed, my_role: 'lead' },
        { ...open, my_role: 'member' },
        { ...old, my_role: null },
      ],
      [moderator.label]: [
        { ...closed, my_role: null },
        { ...open, my_role: null },
        { ...old, my_role: null },
      ],
      [admin.label]: [
        { ...closed, my_role: 'member' },
        { ...open, my_role: null },
        { ...old, my_role: 'lead' },
      ],
      [memberB.label]: [
        { name: 'Org B cohort', member_count: 1, my_role: 'lead', lead_names: ['bo'], members_readable: true },
      ],
    });
  });

  it('answers every column the panel needs, in a stable order', async () => {
    const outcome = await as(learner, async (tx) => {
      const { open } = await course(tx);
      await become(tx, learner);
      const rows = await list(tx);
      return { open, row: rows.find((row) => row.id === open.id)! };
    });
    expect(Object.keys(outcome.row)).toEqual([
      'id',
      'org_id',
      'kind',
      'course_key',
      'name',
      'description',
      'capacity',
      'invite_only',
      'created_by',
      'archived_at',
      'created_at',
      'member_count',
      'my_role',
      'lead_names',
      'members_readable',
    ]);
    expect(outcome.row).toEqual({
      id: outcome.open.id,
      org_id: ORG_A,
      kind: 'cohort',
      course_key: COURSE_KEY,
      name: 'Open cohort',
      description: null,
      capacity: 30,
      invite_only: false,
      created_by: learner.userId,
      archived_at: null,
      created_at: expect.any(Date),
      member_count: 2,
      my_role: 'lead',
      lead_names: ['lena'],
      members_readable: true,
    });
  });

  it('follows changes: a new circle comes first, someone added to an invite-only circle sees its leads, leaving stops it', async () => {
    const outcome = await as(learner, async (tx) => {
      const { closed } = await course(tx);
      await become(tx, learner);
      await start(tx, { name: 'Brand new' });
      const first = (await list(tx))[0]!.name;
      await become(tx, mentor);
      await tx.query(ADD, [closed.id, learner.userId, 'member']);
      await become(tx, learner);
      const added = shown((await list(tx)).find((row) => row.id === closed.id)!);
      await tx.query(LEAVE, [closed.id]);
      const left = shown((await list(tx)).find((row) => row.id === closed.id)!);
      return { first, added, left };
    });
    expect(outcome).toEqual({
      first: 'Brand new',
      added: {
        name: 'Closed circle',
        member_count: 3,
        my_role: 'member',
        lead_names: ['milo'],
        members_readable: true,
      },
      left: { name: 'Closed circle', member_count: 2, my_role: null, lead_names: [], members_readable: false },
    });
  });

  it('lists exactly the course asked for (spaces around the key ignored), never another course or org', async () => {
    const outcome = await as(admin, async (tx) => {
      await course(tx);
      await asPostgres(
        tx,
        `insert into public.circles (id, org_id, kind, course_key, name, capacity, created_by) values
           ('${crypto.randomUUID()}', '${ORG_A}', 'cohort', 'moodle|lms.example.edu|1010', 'Another course', 5, '${admin.userId}')`,
      );
      await become(tx, admin);
      return {
        spaced: (await list(tx, `  ${COURSE_KEY} `)).map((row) => row.name),
        other: (await list(tx, 'moodle|lms.example.edu|1010')).map((row) => row.name),
        unknown: await list(tx, 'moodle|lms.example.edu|999'),
        orgs: [...new Set((await list(tx)).map((row) => row.org_id))],
      };
    });
    expect(outcome).toEqual({
      spaced: ['Closed circle', 'Open cohort', 'Old cohort'],
      other: ['Another course'],
      unknown: [],
      orgs: [ORG_A],
    });
  });

  it('lists sessions not ended soonest first, cancelled ones marked, with going counts and my answer', async () => {
    const seen = await as(learner, async (tx) => {
      await course(tx);
      const reads: Record<string, ReturnType<typeof shownSession>[]> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB]) {
        await become(tx, persona);
        reads[persona.label] = (await listSessions(tx)).map(shownSession);
      }
      return reads;
    });
    const running = { title: 'Running now', circle_name: 'Open cohort', host_name: 'lena', cancelled: false };
    const called = { title: 'Called off', circle_name: 'Open cohort', host_name: 'milo', cancelled: true };
    const practice = { title: 'Practice together', circle_name: 'Open cohort', host_name: 'lena', cancelled: false };
    const mentoring = { title: 'Mentoring hour', circle_name: 'Closed circle', host_name: 'milo', cancelled: false };
    const never = { title: 'Never held', circle_name: 'Old cohort', host_name: 'ada', cancelled: true };
    expect(seen).toEqual({
      // Not the invite-only circle's session: Lena is not in it.
      [learner.label]: [
        { ...running, going_count: 0, my_going: null },
        { ...called, going_count: 0, my_going: false },
        { ...practice, going_count: 2, my_going: true },
        { ...never, going_count: 0, my_going: null },
      ],
      [mentor.label]: [
        { ...running, going_count: 0, my_going: null },
        { ...called, going_count: 0, my_going: null },
        { ...practice, going_count: 2, my_going: true },
        { ...mentoring, going_count: 1, my_going: null },
        { ...never, going_count: 0, my_going: null },
      ],
      [moderator.label]: [
        { ...running, going_count: 0, my_going: null },
        { ...called, going_count: 0, my_going: null },
        { ...practice, going_count: 2, my_going: null },
        { ...mentoring, going_count: 1, my_going: null },
        { ...never, going_count: 0, my_going: null },
      ],
      [admin.label]: [
        { ...running, going_count: 0, my_going: null },
        { ...called, going_count: 0, my_going: null },
        { ...practice, going_count: 2, my_going: null },
        { ...mentoring, going_count: 1, my_going: true },
        { ...never, going_count: 0, my_going: null },
      ],
      [memberB.label]: [
        {
          title: 'Org B session',
          circle_name: 'Org B cohort',
          host_name: 'bo',
          cancelled: false,
          going_count: 0,
          my_going: null,
        },
      ],
    });
  });

  it('answers every session column the panel needs, and sessions that ended within include_past', async () => {
    const outcome = await as(learner, async (tx) => {
      const { open, practice } = await course(tx);
      await become(tx, learner);
      const rows = await listSessions(tx);
      return {
        open,
        practice,
        row: rows.find((row) => row.id === practice.id)!,
        pastDay: (await listSessions(tx, '2 days')).map((row) => row.title),
        pastHour: (await listSessions(tx, 'PT1H')).map((row) => row.title),
        zero: (await listSessions(tx, '0')).map((row) => row.title),
      };
    });
    expect(Object.keys(outcome.row)).toEqual([
      'id',
      'org_id',
      'circle_id',
      'circle_name',
      'kind',
      'title',
      'agenda',
      'starts_at',
      'duration_minutes',
      'meeting_url',
      'host_id',
      'host_name',
      'cancelled_at',
      'going_count',
      'my_going',
    ]);
    expect(outcome.row).toEqual({
      id: outcome.practice.id,
      org_id: ORG_A,
      circle_id: outcome.open.id,
      circle_name: 'Open cohort',
      kind: 'practice',
      title: 'Practice together',
      agenda: null,
      starts_at: outcome.practice.starts_at,
      duration_minutes: 60,
      meeting_url: null,
      host_id: learner.userId,
      host_name: 'lena',
      cancelled_at: null,
      going_count: 2,
      my_going: true,
    });
    const upcoming = ['Running now', 'Called off', 'Practice together', 'Never held'];
    expect(outcome.pastDay).toEqual(['Held yesterday', ...upcoming]);
    // Held yesterday ended 23 hours ago: not within the last hour.
    expect(outcome.pastHour).toEqual(upcoming);
    expect(outcome.zero).toEqual(upcoming);
  });

  it('counts every member and RSVP of a busy course, far past PostgREST’s 1000-row pages, and keeps to 200 circles', async () => {
    // 1,200 people of org A in six full circles of 200 (the first three open, the last three
    // invite-only), each with a session that 150 of its 200 are going to and 50 are not: 1,200
    // circle_members rows and 1,200 RSVPs. Then 250 archived circles, newer than all of them.
    const outcome = await as(learner, async (tx) => {
      await asPostgres(
        tx,
        `insert into auth.users (id, email, aud, role)
           select ('1d000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'peer' || i || '@a.example',
             'authenticated', 'authenticated'
           from generate_series(1, 1200) i;
         insert into public.members (org_id, user_id, role, display_name)
           select '${ORG_A}', ('1d000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'learner', 'Peer ' || i
           from generate_series(1, 1200) i;
         insert into public.circles (id, org_id, kind, course_key, name, capacity, invite_only, created_by, created_at)
           select ('c1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ORG_A}', 'cohort', '${COURSE_KEY}',
             'Busy ' || n, 200, n > 3, '${learner.userId}', now() - make_interval(days => n)
           from generate_series(1, 6) n;
         insert into public.circle_members (org_id, circle_id, user_id, role)
           select '${ORG_A}', ('c1000000-0000-4000-8000-' || lpad(((i - 1) / 200 + 1)::text, 12, '0'))::uuid,
             ('1d000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
             case when i % 200 = 1 then 'lead' else 'member' end
           from generate_series(1, 1200) i;
         insert into public.circle_sessions (id, org_id, circle_id, kind, title, starts_at, duration_minutes, host_id)
           select ('c1500000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${ORG_A}',
             ('c1000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'practice', 'Busy session ' || n,
             now() + make_interval(hours => n), 60, ('1d000000-0000-4000-8000-' || lpad(((n - 1) * 200 + 1)::text, 12, '0'))::uuid
           from generate_series(1, 6) n;
         insert into public.circle_session_attendees (org_id, circle_id, session_id, user_id, going)
           select '${ORG_A}', ('c1000000-0000-4000-8000-' || lpad(((i - 1) / 200 + 1)::text, 12, '0'))::uuid,
             ('c1500000-0000-4000-8000-' || lpad(((i - 1) / 200 + 1)::text, 12, '0'))::uuid,
             ('1d000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, i % 4 <> 0
           from generate_series(1, 1200) i;
         insert into public.circles (id, org_id, kind, course_key, name, capacity, created_by, archived_at)
           select gen_random_uuid(), '${ORG_A}', 'cohort', '${COURSE_KEY}', 'Archived ' || n, 10, '${learner.userId}', now()
           from generate_series(1, 250) n;`,
      );
      const stored = await peek<{ members: number; rsvps: number }>(
        tx,
        `select (select count(*)::int from circle_members) as members,
           (select count(*)::int from circle_session_attendees) as rsvps`,
      );
      const reads: Record<string, unknown> = { stored: stored[0] };
      for (const persona of [learner, moderator]) {
        await become(tx, persona);
        const circles = await list(tx);
        reads[persona.label] = {
          circles: circles.length,
          busy: circles
            .slice(0, 6)
            .map(({ name, member_count, lead_names }) => ({ name, member_count, leads: lead_names.length })),
          archivedAfter: circles.slice(6).every((row) => row.archived_at !== null),
          sessions: (await listSessions(tx)).map(({ title, going_count }) => ({ title, going_count })),
        };
      }
      return reads;
    });
    const busy = (n: number, leads: number) => ({ name: `Busy ${n}`, member_count: 200, leads });
    const going = (n: number) => ({ title: `Busy session ${n}`, going_count: 150 });
    expect(outcome).toEqual({
      stored: { members: 1200, rsvps: 1200 },
      // Every member count, invite-only circles' included; their leads and sessions only for the moderator.
      [learner.label]: {
        circles: 200,
        busy: [busy(1, 1), busy(2, 1), busy(3, 1), busy(4, 0), busy(5, 0), busy(6, 0)],
        archivedAfter: true,
        sessions: [going(1), going(2), going(3)],
      },
      [moderator.label]: {
        circles: 200,
        busy: [1, 2, 3, 4, 5, 6].map((n) => busy(n, 1)),
        archivedAfter: true,
        sessions: [1, 2, 3, 4, 5, 6].map(going),
      },
    });
  }, 60_000);

  const COURSE = denial('22023', 'Give the course as its key, "platform|host|course", without a lesson.');
  it.each<[string, string | null]>([
    ['a lesson key', PLACE_KEY],
    ['a key without a course', 'moodle|lms.example.edu'],
    ['a key with spaces inside', 'moodle|lms.example.edu|Stats 101'],
    ['an empty key', '   '],
    ['no key', null],
  ])('refuses %s (22023)', async (_label, key) => {
    expect(await denialAs(db, learner, LIST, [key])).toEqual(COURSE);
    expect(await denialAs(db, learner, SESSIONS, [key])).toEqual(COURSE);
  });

  it('refuses include_past outside 0 to 30 days (22023)', async () => {
    const PAST = denial('22023', 'Ask for past sessions of at most the last 30 days.');
    expect(await denialAs(db, learner, SESSIONS_SINCE, [COURSE_KEY, '31 days'])).toEqual(PAST);
    expect(await denialAs(db, learner, SESSIONS_SINCE, [COURSE_KEY, '-1 hour'])).toEqual(PAST);
    expect(await rowsAs(db, learner, SESSIONS_SINCE, [COURSE_KEY, '30 days'])).toEqual([]);
  });

  it('refuses a member of no org, a token without a user and anon (42501)', async () => {
    for (const sql of [LIST, SESSIONS]) {
      expect(await denialAs(db, stranger, sql, [COURSE_KEY])).toEqual(
        denial('42501', 'Only members of an organisation can see circles.'),
      );
    }
    const withoutUser = await db.transaction(async (tx) => {
      await tx.exec('set local role authenticated');
      await tx.query(`select set_config('request.jwt.claims', '{"role":"authenticated"}', true)`);
      const outcome = {
        list: await attempt(tx, LIST, [COURSE_KEY]),
        sessions: await attempt(tx, SESSIONS, [COURSE_KEY]),
      };
      await tx.rollback();
      return outcome;
    });
    const signIn = denial('42501', 'Sign in to see circles.');
    expect(withoutUser).toEqual({ list: signIn, sessions: signIn });
    expect(await denialAs(db, anon, LIST, [COURSE_KEY])).toEqual(
      denial('42501', 'permission denied for function circle_list'),
    );
    expect(await denialAs(db, anon, SESSIONS, [COURSE_KEY])).toEqual(
      denial('42501', 'permission denied for function circle_session_list'),
    );
  });
});

describe('the demo seed', () => {
  let seeded: PGlite;
  beforeAll(async () => {
    seeded = await createMigratedDatabase({ seed: true });
  }, 60_000);
  afterAll(async () => {
    await seeded?.close();
  });

  const person = (label: string, n: number): Persona => ({
    label,
    userId: `a1000000-0000-4000-8000-00000000000${n}`,
  });
  const jonas = person('Jonas (Northwind learner, in the cohort)', 5);
  const amara = person('Amara (Northwind learner, in both circles)', 4);
  const grace = person('Grace (Northwind mentor)', 3);
  const ben: Persona = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
  const CIRCLES = `select name, kind, invite_only, archived_at is not null as archived from circles order by name`;
  const SESSIONS = `select s.title, s.kind, s.cancelled_at is not null as cancelled, s.starts_at > now() as upcoming,
      (select count(*)::int from circle_session_attendees a where a.session_id = s.id and a.going) as going
    from circle_sessions s order by s.starts_at`;

  it('gives Northwind a cohort, Grace’s invite-only mentorship circle and an archived cohort', async () => {
    expect(await rowsAs(seeded, jonas, CIRCLES)).toEqual([
      { name: 'Charter clinic', kind: 'cohort', invite_only: false, archived: true },
      { name: 'SQL for analysts with Grace', kind: 'mentorship', invite_only: true, archived: false },
      { name: 'Week 2 study group', kind: 'cohort', invite_only: false, archived: false },
    ]);
    expect(
      await rowsAs(
        seeded,
        grace,
        `select c.name, m.display_name, cm.role from circle_members cm join circles c on c.id = cm.circle_id
         join members m on m.org_id = cm.org_id and m.user_id = cm.user_id
         where c.archived_at is null order by c.name, cm.role, m.display_name`,
      ),
    ).toEqual([
      { name: 'SQL for analysts with Grace', display_name: 'Grace Liu', role: 'lead' },
      { name: 'SQL for analysts with Grace', display_name: 'Amara Okafor', role: 'member' },
      { name: 'SQL for analysts with Grace', display_name: 'Mei Tanaka', role: 'member' },
      { name: 'Week 2 study group', display_name: 'Sofia Marino', role: 'lead' },
      { name: 'Week 2 study group', display_name: 'Amara Okafor', role: 'member' },
      { name: 'Week 2 study group', display_name: 'Jonas Becker', role: 'member' },
    ]);
  });

  it('shows Amara the sessions of both her circles, Jonas only the open cohort’s, Ben only Contoso’s', async () => {
    expect(await rowsAs(seeded, amara, SESSIONS)).toEqual([
      { title: 'Kick-off: how we work', kind: 'practice', cancelled: false, upcoming: false, going: 2 },
      { title: 'Office hour', kind: 'practice', cancelled: true, upcoming: true, going: 0 },
      {
        title: 'Practice: the measurement scales quiz, together',
        kind: 'practice',
        cancelled: false,
        upcoming: true,
        going: 1,
      },
      {
        title: 'Jonas explains interval and ratio data in 10 minutes',
        kind: 'micro_teaching',
        cancelled: false,
        upcoming: true,
        going: 2,
      },
      {
        title: 'Mei teaches GROUP BY with the course dataset',
        kind: 'micro_teaching',
        cancelled: false,
        upcoming: true,
        going: 2,
      },
      {
        title: 'Query clinic: bring your week 2 exercise',
        kind: 'practice',
        cancelled: false,
        upcoming: true,
        going: 1,
      },
    ]);
    expect((await rowsAs<{ title: string }>(seeded, jonas, SESSIONS)).map((row) => row.title)).toEqual([
      'Kick-off: how we work',
      'Practice: the measurement scales quiz, together',
      'Jonas explains interval and ratio data in 10 minutes',
    ]);
    expect(await rowsAs(seeded, ben, CIRCLES)).toEqual([
      { name: 'Data Analysis peers', kind: 'cohort', invite_only: false, archived: false },
    ]);
    expect((await rowsAs<{ title: string }>(seeded, ben, SESSIONS)).map((row) => row.title)).toEqual([
      'Week 1 dataset walk-through',
    ]);
  });

  it('lets Jonas RSVP to his cohort’s session, and refuses him Grace’s invite-only circle', async () => {
    const outcome = await asPersona(seeded, jonas, async (tx) => ({
      rsvp: (await tx.query<Rsvp>(RSVP, ['c1c50000-0000-4000-8000-000000000002', true])).rows[0]!.going,
      join: await attempt(tx, JOIN, ['c1c00000-0000-4000-8000-000000000002']),
    }));
    expect(outcome).toEqual({
      rsvp: true,
      join: denial('42501', 'This circle is invite-only: ask one of its leads to add you.'),
    });
  });
});
