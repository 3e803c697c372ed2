/**
 * Org settings (the table, update_org_settings and what the settings enforce), as each persona of both
 * orgs: who reads and who changes them, pre-moderation of learners' new questions and answers, and
 * the exact refusal of a feature that is turned off (circles and playlists included: the RPCs refuse
 * new rows, replays and tidying up still pass). No settings row means today's behaviour. Also the
 * switch machinery as data (private.org_features): every feature has its column, every trigger names
 * a known feature, and a new feature needs a column, a row and triggers.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  POST,
  stranger,
  THREAD,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(`update public.members set skills = '{SQL}' where user_id = $1`, [mentor.userId]);
  await db.query(`insert into public.mentor_profiles (org_id, user_id, skills) values ($1, $2, '{SQL}')`, [
    ORG_A,
    mentor.userId,
  ]);
});

afterAll(async () => {
  await db?.close();
});

/** The call with the first five arguments, as clients made it before reviews, circles and playlists. */
const UPDATE = 'select * from update_org_settings($1, $2, $3, $4, $5)';
/** Every argument, by position. */
const UPDATE_ALL = 'select * from update_org_settings($1, $2, $3, $4, $5, $6, $7, $8)';
const denial = (code: string, message: string) => ({ code, message });
const ADMINS_ONLY = denial('42501', "Only admins can change your organisation's settings.");
const QA_OFF = denial('42501', 'Questions and answers are turned off in your organisation.');
const CIRCLES_OFF = denial('42501', 'Circles are turned off in your organisation.');
const PLAYLISTS_OFF = denial('42501', 'Shared playlists are turned off in your organisation.');
const SAY_WHICH = denial(
  '22023',
  'Say which setting to change: qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting, ' +
    'pre_moderation, reviews_enabled, circles_enabled or playlists_enabled.',
);

interface Settings {
  org_id: string;
  qa_enabled: boolean;
  endorsements_enabled: boolean;
  mentoring_enabled: boolean;
  anonymous_posting: boolean;
  pre_moderation: boolean;
  reviews_enabled: boolean;
  circles_enabled: boolean;
  playlists_enabled: boolean;
  updated_by: string | null;
}

/** The settings, in update_org_settings' argument order. */
const SETTINGS = [
  'qa_enabled',
  'endorsements_enabled',
  'mentoring_enabled',
  'anonymous_posting',
  'pre_moderation',
  'reviews_enabled',
  'circles_enabled',
  'playlists_enabled',
] as const;
type Change = Partial<Pick<Settings, (typeof SETTINGS)[number]>>;

/** update_org_settings called with named arguments, as PostgREST calls it: `circles_enabled => $1`. */
const updateNamed = (tx: Transaction, change: Change) => {
  const names = SETTINGS.filter((name) => change[name] !== undefined);
  const args = names.map((name, index) => `${name} => $${index + 1}`).join(', ');
  return tx.query<Settings>(
    `select * from update_org_settings(${args})`,
    names.map((name) => change[name]),
  );
};

/** Acts as the admin of org A to change its settings, then as `then` for the rest of the transaction. */
const configure = async (tx: Transaction, change: Change, then: Persona) => {
  await becomePersona(tx, admin);
  await updateNamed(tx, change);
  await becomePersona(tx, then);
};

/** The error `work` fails with inside a savepoint, so the transaction goes on. */
const refusal = async (tx: Transaction, work: () => Promise<unknown>) => {
  await tx.exec('savepoint attempt');
  try {
    await work();
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  await tx.exec('release savepoint attempt');
  return null;
};

/** 'done' when `sql` succeeds, else its refusal; inside a savepoint, so the transaction goes on. */
const attempt = async (tx: Transaction, sql: string, params: unknown[] = []): Promise<Denial | 'done'> =>
  (await refusal(tx, () => tx.query(sql, params))) ?? 'done';

/** The refusal of a statement run as postgres (outside any persona), or 'done'. */
const failureOf = async (sql: string, params: unknown[] = []): Promise<Denial | 'done'> => {
  try {
    await db.query(sql, params);
    return 'done';
  } catch (error) {
    const { code, message } = error as Denial;
    return { code, message };
  }
};

const askAs = (tx: Transaction, title: string, id: string = crypto.randomUUID(), org = ORG_A) =>
  tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, $4)`, [id, org, PLACE_KEY, title]);

const uuid = () => crypto.randomUUID();
/** An ISO timestamp `hours` from now. */
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const CREATE_CIRCLE = 'select * from create_circle($1, $2, $3, $4, $5, $6, $7)';
const circleArgs = (id: string, name = 'Statistics study group', kind = 'cohort') => [
  id,
  kind,
  COURSE_KEY,
  name,
  null,
  null,
  false,
];
const SCHEDULE = 'select * from schedule_circle_session($1, $2, $3, $4, $5, $6, $7, $8, $9)';
const sessionArgs = (id: string, circle: string) => [
  id,
  circle,
  'practice',
  'Practice the quiz together',
  inHours(48),
  60,
  null,
  null,
  null,
];
const JOIN = 'select * from join_circle($1)';
const ADD_MEMBER = 'select * from add_circle_member($1, $2, $3)';
const RSVP = 'select * from rsvp_circle_session($1, $2)';

const CREATE_PLAYLIST = 'select * from create_playlist($1, $2, $3, $4, $5)';
const playlistArgs = (id: string) => [id, PLACE_KEY, 'Statistics resources', null, true];
const ADD_ITEM = 'select * from add_playlist_item($1, $2, $3, $4, $5)';
const itemArgs = (id: string, playlist: string) => [id, playlist, `https://example.org/${id}`, 'A resource', null];
const MODERATE_PLAYLIST = 'select * from moderate_playlist($1, $2, $3, $4)';
const VOTE =
  'insert into playlist_votes (id, org_id, item_id, value) values ($1, $2, $3, $4) on conflict (id) do nothing';
const rlsViolation = (table: string) =>
  denial('42501', `new row violates row-level security policy for table "${table}"`);

/** How many rows of each table are stored for org A (as postgres), then acts as `then` again. */
const storedInOrgA = async (tx: Transaction, tables: string[], then: Persona) => {
  await tx.exec('reset role');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (
      await tx.query<{ n: number }>(`select count(*)::int as n from public.${table} where org_id = $1`, [ORG_A])
    ).rows[0]!.n;
  }
  await becomePersona(tx, then);
  return counts;
};

describe('org_settings', () => {
  it('an admin changes their org’s settings; null keeps a setting; who and when are recorded', async () => {
    const settings = await asPersona(db, admin, async (tx) => {
      await tx.query(UPDATE, [null, false, null, true, null]);
      return (await tx.query<Settings>(UPDATE, [null, null, null, null, true])).rows[0]!;
    });
    expect(settings).toMatchObject({
      org_id: ORG_A,
      qa_enabled: true,
      endorsements_enabled: false,
      mentoring_enabled: true,
      anonymous_posting: true,
      pre_moderation: true,
      updated_by: admin.userId,
    });
  });

  it.each([learner, mentor, moderator, memberB, stranger])('%s cannot change settings', async (persona) => {
    expect(await denialAs(db, persona, UPDATE, [false, null, null, null, null])).toEqual(ADMINS_ONLY);
  });

  it('anon cannot call update_org_settings at all; an empty change is refused', async () => {
    expect(await denialAs(db, anon, UPDATE, [false, null, null, null, null])).toEqual(
      denial('42501', 'permission denied for function update_org_settings'),
    );
    expect((await denialAs(db, admin, UPDATE, [null, null, null, null, null])).code).toBe('22023');
  });

  it('every member of the org reads its settings; the other org, strangers and anon do not', async () => {
    const read = (persona: Persona) =>
      asPersona(db, admin, async (tx) => {
        await tx.query(UPDATE, [null, null, null, true, null]);
        await becomePersona(tx, persona);
        return (await tx.query<{ org_id: string }>('select org_id from org_settings')).rows;
      });
    for (const persona of [learner, mentor, moderator, admin]) {
      expect(await read(persona)).toEqual([{ org_id: ORG_A }]);
    }
    expect(await read(memberB)).toEqual([]);
    expect(await read(stranger)).toEqual([]);
    expect(await denialAs(db, anon, 'select * from org_settings')).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
  });

  it('nobody writes the table directly, not even an admin', async () => {
    expect(await denialAs(db, admin, 'insert into org_settings (org_id) values ($1)', [ORG_A])).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
    expect(await denialAs(db, admin, 'update org_settings set qa_enabled = false')).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
  });

  it('an admin changes only their own org: org B keeps its (absent) settings', async () => {
    const rows = await asPersona(db, admin, async (tx) => {
      await tx.query(UPDATE, [false, null, null, null, null]);
      await tx.exec('reset role');
      return (await tx.query('select org_id, qa_enabled from public.org_settings order by org_id')).rows;
    });
    expect(rows).toEqual([{ org_id: ORG_A, qa_enabled: false }]);
  });
});

describe('defaults (no settings row)', () => {
  it('a learner’s question is visible to peers at once, as before settings existed', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      await askAs(tx, 'Visible at once', id);
      await becomePersona(tx, mentor);
      return (await tx.query('select hidden_at from threads where id = $1', [id])).rows;
    });
    expect(seen).toEqual([{ hidden_at: null }]);
  });
});

describe('pre-moderation', () => {
  it('hides a learner’s new question from peers, shows it to its author and moderators', async () => {
    const id = crypto.randomUUID();
    const seen = await asPersona(db, learner, async (tx) => {
      await configure(tx, { pre_moderation: true }, learner);
      await askAs(tx, 'Waiting for a moderator', id);
      const result: Record<string, number> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB]) {
        await becomePersona(tx, persona);
        result[persona.label] = (await tx.query('select 1 from threads where id = $1', [id])).rows.length;
      }
      await becomePersona(tx, mentor);
      const pulled = (await tx.query<{ op: string }>(`select op from pull_changes() where id = $1`, [id])).rows;
      return { result, pulled };
    });
    expect(seen.result).toEqual({
      [learner.label]: 1,
      [mentor.label]: 0,
      [moderator.label]: 1,
      [admin.label]: 1,
      [memberB.label]: 0,
    });
    expect(seen.pulled).toEqual([{ op: 'hidden' }]);
  });

  it('a moderator’s restore shows it to peers; a learner’s answer waits too, a mentor’s does not', async () => {
    const id = crypto.randomUUID();
    const answers = { learner: crypto.randomUUID(), mentor: crypto.randomUUID() };
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { pre_moderation: true }, learner);
      await askAs(tx, 'Restored later', id);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Learner answer')`, [
        answers.learner,
        ORG_A,
        THREAD.byMentor,
      ]);
      await becomePersona(tx, mentor);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Mentor answer')`, [
        answers.mentor,
        ORG_A,
        THREAD.open,
      ]);
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('thread', $1, 'restore', 'Fine to publish')`, [id]);
      await becomePersona(tx, admin);
      return (
        await tx.query<{ id: string; hidden: boolean }>(
          `select id, hidden_at is not null as hidden from posts where id = any ($1)
           union all select id, hidden_at is not null from threads where id = $2`,
          [[answers.learner, answers.mentor], id],
        )
      ).rows;
    });
    expect(outcome).toEqual(
      expect.arrayContaining([
        { id: answers.learner, hidden: true },
        { id: answers.mentor, hidden: false },
        { id, hidden: false },
      ]),
    );
  });

  it('does not apply in the other org', async () => {
    const hidden = await asPersona(db, memberB, async (tx) => {
      await configure(tx, { pre_moderation: true }, memberB);
      const id = crypto.randomUUID();
      await askAs(tx, 'Org B question', id, ORG_B);
      return (await tx.query('select hidden_at from threads where id = $1', [id])).rows;
    });
    expect(hidden).toEqual([{ hidden_at: null }]);
  });
});

describe('a feature turned off', () => {
  it('questions and answers: new questions, answers and votes are refused with the sentence', async () => {
    const refusals = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, learner);
      return [
        await refusal(tx, () => askAs(tx, 'Not now')),
        await refusal(tx, () =>
          tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'An answer')`, [
            crypto.randomUUID(),
            ORG_A,
            THREAD.byMentor,
          ]),
        ),
        await refusal(tx, () =>
          tx.query(`insert into votes (id, org_id, post_id, value) values ($1, $2, $3, 1)`, [
            crypto.randomUUID(),
            ORG_A,
            POST.adminAnswer,
          ]),
        ),
      ];
    });
    expect(refusals).toEqual([QA_OFF, QA_OFF, QA_OFF]);
  });

  it('questions and answers: an outbox replay of an existing question stays a no-op', async () => {
    const replayed = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, learner);
      return (
        await tx.query(
          `insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'Open question')
           on conflict (id) do nothing`,
          [THREAD.open, ORG_A, PLACE_KEY],
        )
      ).affectedRows;
    });
    expect(replayed).toBe(0);
  });

  it('questions and answers: the other org still asks; a non-member meets RLS, not the sentence', async () => {
    const outcome = await asPersona(db, memberB, async (tx) => {
      await configure(tx, { qa_enabled: false }, memberB);
      const own = await refusal(tx, () => askAs(tx, 'Org B is unaffected', crypto.randomUUID(), ORG_B));
      const intoA = await refusal(tx, () => askAs(tx, 'Into org A'));
      return { own, intoA };
    });
    expect(outcome).toEqual({
      own: null,
      intoA: denial('42501', 'new row violates row-level security policy for table "threads"'),
    });
  });

  it('endorsements: endorse is refused with the sentence', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { endorsements_enabled: false }, learner);
      return refusal(tx, () =>
        tx.query('select * from endorse($1, $2, $3, null, null, null)', [
          crypto.randomUUID(),
          'post',
          POST.mentorAnswer,
        ]),
      );
    });
    expect(outcome).toEqual(denial('42501', 'Endorsements are turned off in your organisation.'));
  });

  it('mentoring: request_mentor and mentor profile edits are refused with the sentence', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { mentoring_enabled: false }, learner);
      const request = await refusal(tx, () =>
        tx.query('select * from request_mentor($1, $2, $3)', [crypto.randomUUID(), mentor.userId, 'Help please']),
      );
      await becomePersona(tx, mentor);
      const profile = await refusal(tx, () => tx.query('update mentor_profiles set capacity = 5'));
      return { request, profile };
    });
    const off = denial('42501', 'Mentoring is turned off in your organisation.');
    expect(outcome).toEqual({ request: off, profile: off });
  });

  it('turned back on, the same write works', async () => {
    const rows = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, admin);
      await tx.query(UPDATE, [true, null, null, null, null]);
      await becomePersona(tx, learner);
      await askAs(tx, 'Back again');
      return (await tx.query(`select title from threads where title = 'Back again'`)).rows;
    });
    expect(rows).toEqual([{ title: 'Back again' }]);
  });
});

describe('update_org_settings: circles_enabled and playlists_enabled', () => {
  const pick = ({ circles_enabled, playlists_enabled, reviews_enabled, anonymous_posting, updated_by }: Settings) => ({
    circles_enabled,
    playlists_enabled,
    reviews_enabled,
    anonymous_posting,
    updated_by,
  });

  it('an admin switches them by name or by position; null keeps every other setting; members read them', async () => {
    const outcome = await asPersona(db, admin, async (tx) => {
      const byName = pick((await updateNamed(tx, { circles_enabled: false })).rows[0]!);
      const byPosition = pick(
        (await tx.query<Settings>(UPDATE_ALL, [null, null, null, null, null, null, null, false])).rows[0]!,
      );
      const both = pick((await updateNamed(tx, { circles_enabled: true, anonymous_posting: true })).rows[0]!);
      await becomePersona(tx, learner);
      const read = (await tx.query('select circles_enabled, playlists_enabled from org_settings')).rows;
      return { byName, byPosition, both, read };
    });
    const defaults = { reviews_enabled: true, anonymous_posting: false, updated_by: admin.userId };
    expect(outcome).toEqual({
      byName: { ...defaults, circles_enabled: false, playlists_enabled: true },
      byPosition: { ...defaults, circles_enabled: false, playlists_enabled: false },
      both: { ...defaults, anonymous_posting: true, circles_enabled: true, playlists_enabled: false },
      read: [{ circles_enabled: true, playlists_enabled: false }],
    });
  });

  it('calls with the earlier arguments, positional or named, still work and leave the new switches alone', async () => {
    const outcome = await asPersona(db, admin, async (tx) => {
      await updateNamed(tx, { circles_enabled: false, playlists_enabled: false });
      const five = pick((await tx.query<Settings>(UPDATE, [null, null, null, true, null])).rows[0]!);
      const six = pick(
        (
          await tx.query<Settings>('select * from update_org_settings($1, $2, $3, $4, $5, $6)', [
            null,
            null,
            null,
            null,
            null,
            false,
          ])
        ).rows[0]!,
      );
      const named = pick(
        (await tx.query<Settings>('select * from update_org_settings(pre_moderation => true, reviews_enabled => true)'))
          .rows[0]!,
      );
      return { five, six, named };
    });
    const off = { circles_enabled: false, playlists_enabled: false, anonymous_posting: true, updated_by: admin.userId };
    expect(outcome).toEqual({
      five: { ...off, reviews_enabled: true },
      six: { ...off, reviews_enabled: false },
      named: { ...off, reviews_enabled: true },
    });
    const { rows } = await db.query<{ args: string }>(`
      select pg_get_function_identity_arguments(p.oid) as args
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = 'update_org_settings'`);
    expect(rows).toEqual([{ args: SETTINGS.map((name) => `${name} boolean`).join(', ') }]);
  });

  it.each([learner, mentor, moderator, memberB, stranger])('%s cannot switch circles or playlists', async (persona) => {
    expect(
      await denialAs(
        db,
        persona,
        'select * from update_org_settings(circles_enabled => false, playlists_enabled => false)',
      ),
    ).toEqual(ADMINS_ONLY);
  });

  it('anon cannot call it; nothing to change is refused with a sentence listing every setting', async () => {
    expect(await denialAs(db, anon, 'select * from update_org_settings(circles_enabled => false)')).toEqual(
      denial('42501', 'permission denied for function update_org_settings'),
    );
    expect(await denialAs(db, admin, UPDATE_ALL, [null, null, null, null, null, null, null, null])).toEqual(SAY_WHICH);
    expect(await denialAs(db, admin, 'select * from update_org_settings()')).toEqual(SAY_WHICH);
  });

  it('changes the admin’s own org only: org B keeps its (absent) settings', async () => {
    const rows = await asPersona(db, admin, async (tx) => {
      await updateNamed(tx, { circles_enabled: false, playlists_enabled: false });
      await tx.exec('reset role');
      return (await tx.query('select org_id, circles_enabled, playlists_enabled from public.org_settings')).rows;
    });
    expect(rows).toEqual([{ org_id: ORG_A, circles_enabled: false, playlists_enabled: false }]);
  });
});

describe('circles turned off', () => {
  const TABLES = ['circles', 'circle_members', 'circle_sessions', 'circle_session_attendees'];

  it('every RPC that adds a circle, a member, a session or an RSVP is refused with the sentence', async () => {
    const circle = uuid();
    const session = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_CIRCLE, circleArgs(circle));
      await tx.query(SCHEDULE, sessionArgs(session, circle));
      await configure(tx, { circles_enabled: false }, learner);
      const result = {
        starting: await attempt(tx, CREATE_CIRCLE, circleArgs(uuid(), 'Another group')),
        scheduling: await attempt(tx, SCHEDULE, sessionArgs(uuid(), circle)),
        adding: await attempt(tx, ADD_MEMBER, [circle, mentor.userId, 'member']),
        answering: await attempt(tx, RSVP, [session, true]),
      };
      await becomePersona(tx, moderator);
      const joining = await attempt(tx, JOIN, [circle]);
      await becomePersona(tx, admin);
      const mentorship = await attempt(tx, CREATE_CIRCLE, circleArgs(uuid(), 'Mentoring group', 'mentorship'));
      const stored = await storedInOrgA(tx, TABLES, admin);
      return { ...result, joining, mentorship, stored };
    });
    expect(outcome).toEqual({
      starting: CIRCLES_OFF,
      scheduling: CIRCLES_OFF,
      adding: CIRCLES_OFF,
      answering: CIRCLES_OFF,
      joining: CIRCLES_OFF,
      mentorship: CIRCLES_OFF,
      stored: { circles: 1, circle_members: 1, circle_sessions: 1, circle_session_attendees: 0 },
    });
  });

  it('replays of what exists still pass, and what exists can still be tidied up', async () => {
    const circle = uuid();
    const session = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_CIRCLE, circleArgs(circle));
      await tx.query(SCHEDULE, sessionArgs(session, circle));
      await becomePersona(tx, mentor);
      await tx.query(JOIN, [circle]);
      await tx.query(RSVP, [session, true]);
      await configure(tx, { circles_enabled: false }, learner);
      const replays = {
        circle: (await tx.query<{ id: string }>(CREATE_CIRCLE, circleArgs(circle))).rows[0]!.id,
        session: (await tx.query<{ id: string }>(SCHEDULE, sessionArgs(session, circle))).rows[0]!.id,
      };
      await becomePersona(tx, mentor);
      const mentorSide = {
        joinAgain: await attempt(tx, JOIN, [circle]),
        sameAnswer: await attempt(tx, RSVP, [session, true]),
        // A changed answer is a new RSVP row proposed for insertion (INSERT ... ON CONFLICT DO UPDATE).
        changedAnswer: await attempt(tx, RSVP, [session, false]),
      };
      await becomePersona(tx, learner);
      const tidying = {
        rename: await attempt(tx, 'select * from update_circle($1, $2, null, null, null)', [circle, 'Renamed group']),
        cancel: await attempt(tx, 'select * from cancel_circle_session($1)', [session]),
      };
      await becomePersona(tx, mentor);
      const leave = await attempt(tx, 'select leave_circle($1)', [circle]);
      await becomePersona(tx, learner);
      const archive = await attempt(tx, 'select * from archive_circle($1)', [circle]);
      const read = (
        await tx.query('select name, archived_at is not null as archived from circles where id = $1', [circle])
      ).rows;
      const stored = await storedInOrgA(tx, TABLES, learner);
      return { replays, ...mentorSide, ...tidying, leave, archive, read, stored };
    });
    expect(outcome).toEqual({
      replays: { circle, session },
      joinAgain: 'done',
      sameAnswer: 'done',
      changedAnswer: CIRCLES_OFF,
      rename: 'done',
      cancel: 'done',
      leave: 'done',
      archive: 'done',
      read: [{ name: 'Renamed group', archived: true }],
      stored: { circles: 1, circle_members: 1, circle_sessions: 1, circle_session_attendees: 0 },
    });
  });

  it('org B still starts circles; outsiders meet the usual refusals, not the sentence', async () => {
    const circle = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_CIRCLE, circleArgs(circle));
      await configure(tx, { circles_enabled: false }, memberB);
      const own = await attempt(tx, CREATE_CIRCLE, circleArgs(uuid()));
      const intoA = await attempt(tx, JOIN, [circle]);
      await becomePersona(tx, stranger);
      const strangerStarts = await attempt(tx, CREATE_CIRCLE, circleArgs(uuid()));
      const strangerJoins = await attempt(tx, JOIN, [circle]);
      return { own, intoA, strangerStarts, strangerJoins };
    });
    const notFound = denial('P0001', 'This circle does not exist or you cannot see it.');
    expect(outcome).toEqual({
      own: 'done',
      intoA: notFound,
      strangerStarts: denial('42501', 'Only members of an organisation can start circles.'),
      strangerJoins: notFound,
    });
  });
});

describe('playlists turned off', () => {
  const TABLES = ['playlists', 'playlist_items', 'playlist_votes'];

  it('new playlists, resources and votes are refused with the sentence, admins included', async () => {
    const playlist = uuid();
    const item = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_PLAYLIST, playlistArgs(playlist));
      await tx.query(ADD_ITEM, itemArgs(item, playlist));
      await configure(tx, { playlists_enabled: false }, learner);
      const creating = await attempt(tx, CREATE_PLAYLIST, playlistArgs(uuid()));
      const curatorAdding = await attempt(tx, ADD_ITEM, itemArgs(uuid(), playlist));
      await becomePersona(tx, mentor);
      const adding = await attempt(tx, ADD_ITEM, itemArgs(uuid(), playlist));
      const voting = await attempt(tx, VOTE, [uuid(), ORG_A, item, 1]);
      await becomePersona(tx, admin);
      const adminCreating = await attempt(tx, CREATE_PLAYLIST, playlistArgs(uuid()));
      const stored = await storedInOrgA(tx, TABLES, admin);
      return { creating, curatorAdding, adding, voting, adminCreating, stored };
    });
    expect(outcome).toEqual({
      creating: PLAYLISTS_OFF,
      curatorAdding: PLAYLISTS_OFF,
      adding: PLAYLISTS_OFF,
      voting: PLAYLISTS_OFF,
      adminCreating: PLAYLISTS_OFF,
      stored: { playlists: 1, playlist_items: 1, playlist_votes: 0 },
    });
  });

  it('replays of what exists still pass (a vote’s replay stays a no-op), and what exists can be tidied up', async () => {
    const playlist = uuid();
    const item = uuid();
    const vote = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_PLAYLIST, playlistArgs(playlist));
      await tx.query(ADD_ITEM, itemArgs(item, playlist));
      await becomePersona(tx, mentor);
      await tx.query(VOTE, [vote, ORG_A, item, 1]);
      await configure(tx, { playlists_enabled: false }, learner);
      const replays = {
        playlist: (await tx.query<{ id: string }>(CREATE_PLAYLIST, playlistArgs(playlist))).rows[0]!.id,
        item: (await tx.query<{ id: string }>(ADD_ITEM, itemArgs(item, playlist))).rows[0]!.id,
      };
      await becomePersona(tx, mentor);
      const voteReplay = (await tx.query(VOTE, [vote, ORG_A, item, 1])).affectedRows;
      const scoreAfterReplay = (
        await tx.query<{ score: number }>('select score from playlist_items where id = $1', [item])
      ).rows[0]!.score;
      const change = await attempt(tx, 'update playlist_votes set value = -1 where id = $1', [vote]);
      const withdraw = await attempt(tx, 'delete from playlist_votes where id = $1', [vote]);
      await becomePersona(tx, learner);
      const retitle = await attempt(tx, `update playlists set title = 'Renamed resources' where id = $1`, [playlist]);
      await becomePersona(tx, moderator);
      const hide = await attempt(tx, MODERATE_PLAYLIST, ['playlist_item', item, 'hide', 'The link is broken']);
      await becomePersona(tx, learner);
      const archive = await attempt(tx, 'select * from archive_playlist($1, true)', [playlist]);
      const remove = await attempt(tx, 'select * from delete_playlist($1, null)', [playlist]);
      const stored = await storedInOrgA(tx, TABLES, learner);
      return { replays, voteReplay, scoreAfterReplay, change, withdraw, retitle, hide, archive, remove, stored };
    });
    expect(outcome).toEqual({
      replays: { playlist, item },
      voteReplay: 0,
      scoreAfterReplay: 1,
      change: PLAYLISTS_OFF,
      withdraw: 'done',
      retitle: 'done',
      hide: 'done',
      archive: 'done',
      remove: 'done',
      stored: { playlists: 1, playlist_items: 1, playlist_votes: 0 },
    });
  });

  it('org B still shares playlists; outsiders meet RLS or the usual refusal, not the sentence', async () => {
    const playlist = uuid();
    const item = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(CREATE_PLAYLIST, playlistArgs(playlist));
      await tx.query(ADD_ITEM, itemArgs(item, playlist));
      await configure(tx, { playlists_enabled: false }, memberB);
      const own = await attempt(tx, CREATE_PLAYLIST, playlistArgs(uuid()));
      const voteIntoA = await attempt(tx, VOTE, [uuid(), ORG_A, item, 1]);
      await becomePersona(tx, stranger);
      const strangerCreates = await attempt(tx, CREATE_PLAYLIST, playlistArgs(uuid()));
      const strangerVotes = await attempt(tx, VOTE, [uuid(), ORG_A, item, 1]);
      return { own, voteIntoA, strangerCreates, strangerVotes };
    });
    expect(outcome).toEqual({
      own: 'done',
      voteIntoA: rlsViolation('playlist_votes'),
      strangerCreates: denial('42501', 'Only members of an organisation can create playlists.'),
      strangerVotes: rlsViolation('playlist_votes'),
    });
  });

  it('turned back on by position, circles and playlists take new rows again', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { circles_enabled: false, playlists_enabled: false }, admin);
      await tx.query(UPDATE_ALL, [null, null, null, null, null, null, true, true]);
      await becomePersona(tx, learner);
      return {
        circle: await attempt(tx, CREATE_CIRCLE, circleArgs(uuid())),
        playlist: await attempt(tx, CREATE_PLAYLIST, playlistArgs(uuid())),
      };
    });
    expect(outcome).toEqual({ circle: 'done', playlist: 'done' });
  });
});

describe('the switches as data', () => {
  it('private.org_features lists every feature and its sentence; no API role reads it or its helpers', async () => {
    expect((await db.query('select feature, sentence from private.org_features order by feature')).rows).toEqual([
      { feature: 'circles', sentence: 'Circles are turned off in your organisation.' },
      { feature: 'endorsements', sentence: 'Endorsements are turned off in your organisation.' },
      { feature: 'mentoring', sentence: 'Mentoring is turned off in your organisation.' },
      { feature: 'playlists', sentence: 'Shared playlists are turned off in your organisation.' },
      { feature: 'qa', sentence: 'Questions and answers are turned off in your organisation.' },
      { feature: 'reviews', sentence: 'Peer reviews are turned off in your organisation.' },
    ]);
    for (const persona of [learner, admin, memberB, stranger]) {
      expect(await denialAs(db, persona, 'select * from private.org_features')).toEqual(
        denial('42501', 'permission denied for table org_features'),
      );
    }
    expect(await denialAs(db, anon, 'select * from private.org_features')).toEqual(
      denial('42501', 'permission denied for schema private'),
    );
    expect(await denialAs(db, admin, `select private.change_org_settings('{"circles_enabled": false}')`)).toEqual(
      denial('42501', 'permission denied for function change_org_settings'),
    );
    expect(await denialAs(db, learner, `select private.org_feature_enabled($1, 'circles')`, [ORG_A])).toEqual(
      denial('42501', 'permission denied for function org_feature_enabled'),
    );
  });

  it('each feature has its column org_settings.<feature>_enabled: boolean, not null, on by default', async () => {
    const { rows } = await db.query(`
      select f.feature, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
        pg_get_expr(d.adbin, d.adrelid) as default_value
      from private.org_features f
      left join pg_attribute a
        on a.attrelid = 'public.org_settings'::regclass and a.attname = f.feature || '_enabled' and not a.attisdropped
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      order by f.feature`);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toMatchObject({ type: 'boolean', not_null: true, default_value: 'true' });
    }
  });

  it('every trigger that refuses a turned-off feature names a known one, replayable only where id is the key', async () => {
    const { rows } = await db.query<{ table: string; args: string; definition: string; key: string[] }>(`
      select c.relname as table, encode(t.tgargs, 'escape') as args, pg_get_triggerdef(t.oid) as definition,
        (select array_agg(a.attname::text order by a.attname)
         from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
         where i.indrelid = c.oid and i.indisprimary) as key
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgfoid = 'private.refuse_when_feature_off'::regproc
      order by c.relname`);
    const features = (await db.query<{ feature: string }>('select feature from private.org_features')).rows.map(
      (row) => row.feature,
    );
    const triggers = rows.map((row) => ({ ...row, args: row.args.split('\\000').filter(Boolean) }));
    const misfits = triggers.filter(
      ({ args, key }) =>
        !features.includes(args[0]!) ||
        args.length > 2 ||
        (args.length === 2 && (args[1] !== 'replayable' || key.join() !== 'id')),
    );
    expect(misfits).toEqual([]);
    expect(new Set(triggers.map(({ args }) => args[0]))).toEqual(new Set(features));
    const mine = triggers
      .filter(({ args }) => args[0] === 'circles' || args[0] === 'playlists')
      .map(({ definition }) => definition.replace(/^CREATE TRIGGER \w+ /, ''));
    const call = (feature: string, replayable: boolean) =>
      `FOR EACH ROW EXECUTE FUNCTION private.refuse_when_feature_off('${feature}'${replayable ? ", 'replayable'" : ''})`;
    expect(mine).toEqual([
      `BEFORE INSERT ON public.circle_members ${call('circles', false)}`,
      `BEFORE INSERT ON public.circle_session_attendees ${call('circles', false)}`,
      `BEFORE INSERT ON public.circle_sessions ${call('circles', true)}`,
      `BEFORE INSERT ON public.circles ${call('circles', true)}`,
      `BEFORE INSERT ON public.playlist_items ${call('playlists', true)}`,
      `BEFORE INSERT OR UPDATE OF value ON public.playlist_votes ${call('playlists', true)}`,
      `BEFORE INSERT ON public.playlists ${call('playlists', true)}`,
    ]);
  });

  it('org_feature_enabled reads a feature’s column (on without a row) and refuses an unknown feature with 22023', async () => {
    const enabled = await asPersona(db, admin, async (tx) => {
      await updateNamed(tx, { playlists_enabled: false });
      await tx.exec('reset role');
      return (
        await tx.query(
          `select private.org_feature_enabled($1, 'playlists') as a_playlists,
             private.org_feature_enabled($1, 'circles') as a_circles,
             private.org_feature_enabled($2, 'playlists') as b_playlists`,
          [ORG_A, ORG_B],
        )
      ).rows;
    });
    expect(enabled).toEqual([{ a_playlists: false, a_circles: true, b_playlists: true }]);
    expect(await failureOf(`select private.org_feature_enabled($1, 'chat')`, [ORG_A])).toEqual(
      denial('22023', 'There is no feature called "chat" (see private.org_features).'),
    );
  });

  it('a new feature needs only a column, a row and a trigger; the settings machinery picks it up', async () => {
    const outcome = await db.transaction(async (tx) => {
      await tx.exec(`
        alter table public.org_settings add column quizzes_enabled boolean not null default true;
        insert into private.org_features (feature, sentence)
          values ('quizzes', 'Quizzes are turned off in your organisation.');
        create trigger places_check_feature before insert on public.places
          for each row execute function private.refuse_when_feature_off('quizzes');
      `);
      // As the admin, through the function update_org_settings hands its arguments to.
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: admin.userId, role: 'authenticated' }),
      ]);
      const empty = await refusal(tx, () => tx.query(`select private.change_org_settings('{}')`));
      const changed = (
        await tx.query(
          `select quizzes_enabled, circles_enabled from private.change_org_settings('{"quizzes_enabled": false}')`,
        )
      ).rows;
      await becomePersona(tx, learner);
      const place = await refusal(tx, () =>
        tx.query(
          `insert into places (org_id, key, platform, course_id) values ($1, 'moodle|lms.example.edu|202', 'moodle', '202')`,
          [ORG_A],
        ),
      );
      await tx.rollback();
      return { empty, changed, place };
    });
    expect(outcome).toEqual({
      empty: denial(
        '22023',
        SAY_WHICH.message.replace(' or playlists_enabled.', ', playlists_enabled or quizzes_enabled.'),
      ),
      changed: [{ quizzes_enabled: false, circles_enabled: true }],
      place: denial('42501', 'Quizzes are turned off in your organisation.'),
    });
  });
});

describe('the demo seed', () => {
  it('gives Northwind its settings row with the defaults; Contoso has none', async () => {
    const seeded = await createMigratedDatabase({ seed: true });
    try {
      const priya = { label: 'Priya (Northwind admin)', userId: 'a1000000-0000-4000-8000-000000000001' };
      const ben = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
      expect(
        await rowsAs(
          seeded,
          priya,
          `select qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting, pre_moderation,
             reviews_enabled, circles_enabled, playlists_enabled, updated_by
           from org_settings`,
        ),
      ).toEqual([
        {
          qa_enabled: true,
          endorsements_enabled: true,
          mentoring_enabled: true,
          anonymous_posting: false,
          pre_moderation: false,
          reviews_enabled: true,
          circles_enabled: true,
          playlists_enabled: true,
          updated_by: priya.userId,
        },
      ]);
      expect(await rowsAs(seeded, ben, 'select * from org_settings')).toEqual([]);
    } finally {
      await seeded.close();
    }
  });
});
