/**
 * Follows (the table, the author's auto-follow, the 'follow' rate limit) and the followed_activity
 * notification, as each persona of both orgs: what each reads, follows and unfollows, replays and
 * repeats that are no-ops, the exact refusals; who is told of a new answer, reply or question (once,
 * with the most specific kind, never the writer), and that held or hidden content tells nobody
 * until a moderator publishes it, and then nobody who cannot read it.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asPersona,
  becomePersona,
  createMigratedDatabase,
  denialAs,
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

/** A second learner of org A, created below: a peer who cannot read what moderators hide. */
const peer: Persona = { label: 'second learner of org A', userId: '1a000000-0000-4000-8000-0000000000f1' };

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(
    `insert into auth.users (id, email, aud, role) values ($1, 'pia@a.example', 'authenticated', 'authenticated')`,
    [peer.userId],
  );
  await db.query(`insert into public.members (org_id, user_id, role, display_name) values ($1, $2, 'learner', 'pia')`, [
    ORG_A,
    peer.userId,
  ]);
});

afterAll(async () => {
  await db?.close();
});

const denial = (code: string, message: string) => ({ code, message });
const RLS = denial('42501', 'new row violates row-level security policy for table "follows"');
const DENIED = denial('42501', 'permission denied for table follows');

const FOLLOW_THREAD = 'insert into follows (id, org_id, thread_id) values ($1, $2, $3) returning id';
const FOLLOW_PLACE = 'insert into follows (id, org_id, place_key) values ($1, $2, $3) returning id';

interface Follow {
  id: string;
  org_id: string;
  user_id: string;
  thread_id: string | null;
  place_key: string | null;
}

/** Runs `sql` in a savepoint: its rows, or its refusal. */
async function attempt(tx: Transaction, sql: string, params: unknown[]): Promise<Denial | { rows: number }> {
  await tx.exec('savepoint attempt');
  try {
    const { rows } = await tx.query(sql, params);
    await tx.exec('release savepoint attempt');
    return { rows: rows.length };
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message } = error as Denial;
    return { code, message };
  }
}

const followThread = (tx: Transaction, thread: string, org = ORG_A, id: string = crypto.randomUUID()) =>
  tx.query(FOLLOW_THREAD, [id, org, thread]);
const followPlace = (tx: Transaction, key: string, org = ORG_A, id: string = crypto.randomUUID()) =>
  tx.query(FOLLOW_PLACE, [id, org, key]);
const myFollows = async (tx: Transaction) =>
  (
    await tx.query<Follow>(
      'select id, org_id, user_id, thread_id, place_key from follows order by thread_id nulls last, place_key',
    )
  ).rows;

const answer = async (tx: Transaction, thread: string, parent: string | null = null, id = crypto.randomUUID()) => {
  await tx.query(`insert into posts (id, org_id, thread_id, parent_id, body) values ($1, $2, $3, $4, 'Body')`, [
    id,
    ORG_A,
    thread,
    parent,
  ]);
  return id;
};
const ask = async (tx: Transaction, placeKey = PLACE_KEY, id = crypto.randomUUID(), org = ORG_A) => {
  await tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'A new question')`, [
    id,
    org,
    placeKey,
  ]);
  return id;
};

const EVERYONE = [learner, peer, mentor, moderator, admin, memberB, stranger];

/**
 * What each persona holds, reading their own notifications, about an item: a post, or a question
 * itself (post null). Leaves the transaction acting as the last persona.
 */
async function toldAbout(tx: Transaction, thread: string, post: string | null) {
  const told: { to: string; kind: string; actor_id: string | null }[] = [];
  for (const persona of EVERYONE) {
    await becomePersona(tx, persona);
    const { rows } = await tx.query<{ kind: string; actor_id: string | null }>(
      `select kind, actor_id from notifications
       where thread_id = $1 and post_id is not distinct from $2 and kind <> 'content_hidden'
       order by created_at, id`,
      [thread, post],
    );
    told.push(...rows.map((row) => ({ to: persona.label, ...row })));
  }
  return told;
}

describe('reading follows', () => {
  it('each member reads only their own: the fixtures’ askers follow their questions; others nothing', async () => {
    const seen: Record<string, (string | null)[]> = {};
    for (const persona of [learner, mentor, moderator, admin, memberB, stranger]) {
      seen[persona.label] = await asPersona(db, persona, async (tx) =>
        (await myFollows(tx)).map((row) => {
          expect(row.user_id).toBe(persona.userId);
          return row.thread_id;
        }),
      );
    }
    expect(seen).toEqual({
      [learner.label]: [THREAD.open, THREAD.hidden, THREAD.deleted].sort(),
      [mentor.label]: [THREAD.byMentor, THREAD.locked].sort(),
      [moderator.label]: [],
      [admin.label]: [],
      [memberB.label]: [THREAD.orgB],
      [stranger.label]: [],
    });
  });

  it('a moderator does not read who follows what; anon is refused the table', async () => {
    const counts = await asPersona(db, mentor, async (tx) => {
      await followThread(tx, THREAD.open);
      await becomePersona(tx, moderator);
      const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from follows');
      return rows[0]!.n;
    });
    expect(counts).toBe(0);
    expect(await denialAs(db, anon, 'select * from follows')).toEqual(DENIED);
  });
});

describe('following', () => {
  it('asking a question follows it for its author (a held one too); answering does not', async () => {
    const outcome = await asPersona(db, admin, async (tx) => {
      await tx.query('select update_org_settings(pre_moderation => true)');
      await becomePersona(tx, learner);
      const question = await ask(tx);
      const held = (
        await tx.query<{ hidden: boolean }>('select hidden_at is not null as hidden from threads where id = $1', [
          question,
        ])
      ).rows[0]!;
      const learnerFollows = (await myFollows(tx)).map((row) => row.thread_id);
      await becomePersona(tx, mentor);
      await answer(tx, THREAD.open);
      const mentorFollows = (await myFollows(tx)).map((row) => row.thread_id);
      return { question, held, learnerFollows, mentorFollows };
    });
    expect(outcome.held).toEqual({ hidden: true });
    expect(outcome.learnerFollows).toContain(outcome.question);
    expect(outcome.mentorFollows).toEqual([THREAD.byMentor, THREAD.locked].sort());
  });

  it('a member follows a question they can read, a lesson and a course of their org', async () => {
    const rows = await asPersona(db, mentor, async (tx) => {
      await followThread(tx, THREAD.open);
      await followPlace(tx, PLACE_KEY);
      await followPlace(tx, COURSE_KEY);
      return myFollows(tx);
    });
    expect(
      rows.map(({ org_id, user_id, thread_id, place_key }) => ({ org_id, user_id, thread_id, place_key })),
    ).toEqual([
      { org_id: ORG_A, user_id: mentor.userId, thread_id: THREAD.open, place_key: null },
      { org_id: ORG_A, user_id: mentor.userId, thread_id: THREAD.byMentor, place_key: null },
      { org_id: ORG_A, user_id: mentor.userId, thread_id: THREAD.locked, place_key: null },
      { org_id: ORG_A, user_id: mentor.userId, thread_id: null, place_key: COURSE_KEY },
      { org_id: ORG_A, user_id: mentor.userId, thread_id: null, place_key: PLACE_KEY },
    ]);
  });

  it('a replay, or following again under a new id (another device), is a no-op; another user’s id is refused', async () => {
    const id = crypto.randomUUID();
    const outcome = await asPersona(db, mentor, async (tx) => {
      const first = await attempt(tx, FOLLOW_THREAD, [id, ORG_A, THREAD.open]);
      const replay = await attempt(
        tx,
        `${FOLLOW_THREAD.replace(' returning', ' on conflict (id) do nothing returning')}`,
        [id, ORG_A, THREAD.open],
      );
      const plainAgain = await attempt(tx, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.open]);
      const upsertAgain = await attempt(
        tx,
        FOLLOW_THREAD.replace(' returning', ' on conflict (thread_id, user_id) do nothing returning'),
        [crypto.randomUUID(), ORG_A, THREAD.open],
      );
      const placeAgain = await (async () => {
        await followPlace(tx, PLACE_KEY);
        return attempt(tx, FOLLOW_PLACE, [crypto.randomUUID(), ORG_A, PLACE_KEY]);
      })();
      const mine = (await myFollows(tx)).filter((row) => row.thread_id === THREAD.open || row.place_key === PLACE_KEY);
      await becomePersona(tx, learner);
      const taken = await attempt(tx, FOLLOW_PLACE, [id, ORG_A, PLACE_KEY]);
      const takenIgnored = await attempt(
        tx,
        FOLLOW_PLACE.replace(' returning', ' on conflict (id) do nothing returning'),
        [id, ORG_A, PLACE_KEY],
      );
      const learnerPlaces = (await myFollows(tx)).filter((row) => row.place_key !== null);
      return { first, replay, plainAgain, upsertAgain, placeAgain, mine, taken, takenIgnored, learnerPlaces };
    });
    expect(outcome).toMatchObject({
      first: { rows: 1 },
      replay: { rows: 0 },
      plainAgain: { rows: 0 },
      upsertAgain: { rows: 0 },
      placeAgain: { rows: 0 },
      taken: denial('23505', 'duplicate key value violates unique constraint "follows_pkey"'),
      takenIgnored: { rows: 0 },
      learnerPlaces: [],
    });
    expect(outcome.mine.map((row) => row.id)).toEqual([id, expect.any(String)]);
  });

  it('refuses someone else’s hidden question, a deleted one, the other org, a stranger and anon', async () => {
    const refusals = {
      hiddenForMentor: await denialAs(db, mentor, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.hidden]),
      deletedForMentor: await denialAs(db, mentor, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.deleted]),
      deletedForModerator: await denialAs(db, moderator, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.deleted]),
      otherOrgAsA: await denialAs(db, memberB, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.open]),
      otherOrgAsB: await denialAs(db, memberB, FOLLOW_THREAD, [crypto.randomUUID(), ORG_B, THREAD.open]),
      placeOfA: await denialAs(db, memberB, FOLLOW_PLACE, [crypto.randomUUID(), ORG_A, PLACE_KEY]),
      courseMissingInB: await denialAs(db, memberB, FOLLOW_PLACE, [crypto.randomUUID(), ORG_B, COURSE_KEY]),
      stranger: await denialAs(db, stranger, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.open]),
      forSomeoneElse: await denialAs(
        db,
        learner,
        'insert into follows (id, org_id, user_id, thread_id) values ($1, $2, $3, $4)',
        [crypto.randomUUID(), ORG_A, mentor.userId, THREAD.open],
      ),
      anon: await denialAs(db, anon, FOLLOW_THREAD, [crypto.randomUUID(), ORG_A, THREAD.open]),
    };
    expect(refusals).toEqual({
      hiddenForMentor: RLS,
      deletedForMentor: RLS,
      deletedForModerator: RLS,
      otherOrgAsA: RLS,
      otherOrgAsB: RLS,
      placeOfA: RLS,
      courseMissingInB: RLS,
      stranger: RLS,
      forSomeoneElse: RLS,
      anon: DENIED,
    });
    // What the author and moderators can read, they can follow.
    const hidden = await asPersona(db, moderator, async (tx) => (await followThread(tx, THREAD.hidden)).rows.length);
    expect(hidden).toBe(1);
  });

  it('a follow names exactly one question or one place (23514)', async () => {
    const check = denial('23514', 'new row for relation "follows" violates check constraint "follows_one_target"');
    expect(
      await denialAs(db, mentor, 'insert into follows (id, org_id, thread_id, place_key) values ($1, $2, $3, $4)', [
        crypto.randomUUID(),
        ORG_A,
        THREAD.open,
        PLACE_KEY,
      ]),
    ).toEqual(check);
    expect(
      await denialAs(db, mentor, 'insert into follows (id, org_id) values ($1, $2)', [crypto.randomUUID(), ORG_A]),
    ).toEqual(check);
  });

  it('unfollowing deletes one’s own row, by id or by target; others’ rows are untouched; nobody updates', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const id = crypto.randomUUID();
      await followThread(tx, THREAD.open, ORG_A, id);
      await followPlace(tx, PLACE_KEY);
      await becomePersona(tx, learner);
      const byOthers = (await tx.query('delete from follows where id = $1', [id])).affectedRows;
      const othersAll = (await tx.query('delete from follows where user_id = $1', [mentor.userId])).affectedRows;
      await becomePersona(tx, mentor);
      const byId = (await tx.query('delete from follows where id = $1', [id])).affectedRows;
      const byTarget = (await tx.query('delete from follows where place_key = $1', [PLACE_KEY])).affectedRows;
      const update = await attempt(tx, 'update follows set thread_id = $1', [THREAD.open]);
      const left = (await myFollows(tx)).map((row) => row.thread_id);
      return { byOthers, othersAll, byId, byTarget, update, left };
    });
    expect(outcome).toEqual({
      byOthers: 0,
      othersAll: 0,
      byId: 1,
      byTarget: 1,
      update: DENIED,
      left: [THREAD.byMentor, THREAD.locked].sort(),
    });
  });

  it('allows 60 new follows an hour; the 61st is PT429; replays and repeats are not counted; asking still follows', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(
        `insert into places (org_id, key, platform) select $1, 'moodle|lms.example.edu|900|cm:' || n, 'moodle'
         from generate_series(1, 61) as n`,
        [ORG_A],
      );
      const ids: string[] = [];
      for (let n = 1; n <= 60; n++) {
        const id = crypto.randomUUID();
        ids.push(id);
        await followPlace(tx, `moodle|lms.example.edu|900|cm:${n}`, ORG_A, id);
      }
      const replay = await attempt(tx, FOLLOW_PLACE.replace(' returning', ' on conflict (id) do nothing returning'), [
        ids[0],
        ORG_A,
        'moodle|lms.example.edu|900|cm:1',
      ]);
      const repeat = await attempt(tx, FOLLOW_PLACE, [crypto.randomUUID(), ORG_A, 'moodle|lms.example.edu|900|cm:2']);
      const over = await attempt(tx, FOLLOW_PLACE, [crypto.randomUUID(), ORG_A, 'moodle|lms.example.edu|900|cm:61']);
      const question = await ask(tx);
      const followsQuestion = (await myFollows(tx)).some((row) => row.thread_id === question);
      await becomePersona(tx, mentor);
      const someoneElse = await attempt(tx, FOLLOW_PLACE, [
        crypto.randomUUID(),
        ORG_A,
        'moodle|lms.example.edu|900|cm:61',
      ]);
      return { replay, repeat, over, followsQuestion, someoneElse };
    });
    expect(outcome).toEqual({
      replay: { rows: 0 },
      repeat: { rows: 0 },
      over: denial('PT429', 'You have followed 60 questions and places in the last hour. Try again in 60 minutes.'),
      followsQuestion: true,
      someoneElse: { rows: 1 },
    });
  });
});

describe('followed_activity', () => {
  it('a new answer: the asker gets `answer` (not both), a follower `followed_activity`, the writer nothing', async () => {
    const told = await asPersona(db, moderator, async (tx) => {
      await followThread(tx, THREAD.open);
      await becomePersona(tx, peer);
      await followThread(tx, THREAD.open);
      await becomePersona(tx, admin);
      await followThread(tx, THREAD.open);
      const post = await answer(tx, THREAD.open);
      return toldAbout(tx, THREAD.open, post);
    });
    expect(told).toEqual([
      { to: learner.label, kind: 'answer', actor_id: admin.userId },
      { to: peer.label, kind: 'followed_activity', actor_id: admin.userId },
      { to: moderator.label, kind: 'followed_activity', actor_id: admin.userId },
    ]);
  });

  it('a new reply: the answer’s author gets `reply`, the asker (who follows) and followers `followed_activity`', async () => {
    const told = await asPersona(db, peer, async (tx) => {
      await followThread(tx, THREAD.open);
      await becomePersona(tx, admin);
      const post = await answer(tx, THREAD.open, POST.mentorAnswer);
      return toldAbout(tx, THREAD.open, post);
    });
    expect(told).toEqual([
      { to: learner.label, kind: 'followed_activity', actor_id: admin.userId },
      { to: peer.label, kind: 'followed_activity', actor_id: admin.userId },
      { to: mentor.label, kind: 'reply', actor_id: admin.userId },
    ]);
  });

  it('a replayed post tells nobody again; an unfollowed question tells nothing', async () => {
    const outcome = await asPersona(db, peer, async (tx) => {
      await followThread(tx, THREAD.byMentor);
      await becomePersona(tx, admin);
      const id = await answer(tx, THREAD.byMentor);
      await tx.query(
        `insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Body') on conflict (id) do nothing`,
        [id, ORG_A, THREAD.byMentor],
      );
      const once = await toldAbout(tx, THREAD.byMentor, id);
      await becomePersona(tx, peer);
      await tx.query('delete from follows where thread_id = $1', [THREAD.byMentor]);
      await becomePersona(tx, admin);
      const later = await answer(tx, THREAD.byMentor);
      return { once, after: await toldAbout(tx, THREAD.byMentor, later) };
    });
    expect(outcome).toEqual({
      once: [
        { to: peer.label, kind: 'followed_activity', actor_id: admin.userId },
        { to: mentor.label, kind: 'answer', actor_id: admin.userId },
      ],
      after: [{ to: mentor.label, kind: 'answer', actor_id: admin.userId }],
    });
  });

  it('a new question tells the followers of its lesson and of its course, in its org only, not the asker', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      await followPlace(tx, PLACE_KEY);
      await becomePersona(tx, moderator);
      await followPlace(tx, COURSE_KEY);
      await becomePersona(tx, memberB);
      await followPlace(tx, PLACE_KEY, ORG_B);
      await becomePersona(tx, learner);
      await followPlace(tx, PLACE_KEY);
      const atLesson = await ask(tx, PLACE_KEY);
      const atCourse = await ask(tx, COURSE_KEY);
      return {
        atLesson: await toldAbout(tx, atLesson, null),
        atCourse: await toldAbout(tx, atCourse, null),
      };
    });
    expect(outcome).toEqual({
      atLesson: [
        { to: mentor.label, kind: 'followed_activity', actor_id: learner.userId },
        { to: moderator.label, kind: 'followed_activity', actor_id: learner.userId },
      ],
      atCourse: [{ to: moderator.label, kind: 'followed_activity', actor_id: learner.userId }],
    });
  });

  it('held content tells nobody until a moderator restores it; then once, dated then; a second restore repeats nothing', async () => {
    const post = crypto.randomUUID();
    const question = crypto.randomUUID();
    const outcome = await asPersona(db, admin, async (tx) => {
      await tx.query('select update_org_settings(pre_moderation => true)');
      await followThread(tx, THREAD.byMentor);
      await followPlace(tx, PLACE_KEY);
      await becomePersona(tx, learner);
      await answer(tx, THREAD.byMentor, null, post);
      await ask(tx, PLACE_KEY, question);
      const held = [...(await toldAbout(tx, THREAD.byMentor, post)), ...(await toldAbout(tx, question, null))];
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('post', $1, 'restore', 'Fine to publish')`, [post]);
      await tx.query(`select moderate('thread', $1, 'restore', 'Fine to publish')`, [question]);
      const restored = [...(await toldAbout(tx, THREAD.byMentor, post)), ...(await toldAbout(tx, question, null))];
      await becomePersona(tx, moderator);
      for (const action of ['hide', 'restore']) {
        await tx.query(`select moderate('post', $1, $2, 'Checking')`, [post, action]);
        await tx.query(`select moderate('thread', $1, $2, 'Checking')`, [question, action]);
      }
      const again = [...(await toldAbout(tx, THREAD.byMentor, post)), ...(await toldAbout(tx, question, null))];
      await becomePersona(tx, mentor);
      const dated = (
        await tx.query<{ recent: boolean }>(
          `select created_at = now() as recent from notifications where post_id = $1`,
          [post],
        )
      ).rows;
      return { held, restored, again, dated };
    });
    const published = [
      { to: mentor.label, kind: 'answer', actor_id: learner.userId },
      { to: admin.label, kind: 'followed_activity', actor_id: learner.userId },
      { to: admin.label, kind: 'followed_activity', actor_id: learner.userId },
    ];
    expect(outcome.held).toEqual([]);
    expect(outcome.restored).toEqual(published);
    expect(outcome.again).toEqual(published);
    expect(outcome.dated).toEqual([{ recent: true }]);
  });

  it('a post published in a question hidden from a follower tells them nothing; its author still hears', async () => {
    const post = crypto.randomUUID();
    const told = await asPersona(db, peer, async (tx) => {
      await followThread(tx, THREAD.byMentor);
      await becomePersona(tx, admin);
      await tx.query('select update_org_settings(pre_moderation => true)');
      await becomePersona(tx, learner);
      await answer(tx, THREAD.byMentor, null, post);
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('thread', $1, 'hide', 'Under review')`, [THREAD.byMentor]);
      await tx.query(`select moderate('post', $1, 'restore', 'Fine to publish')`, [post]);
      return toldAbout(tx, THREAD.byMentor, post);
    });
    expect(told).toEqual([{ to: mentor.label, kind: 'answer', actor_id: learner.userId }]);
  });
});

describe('access paths', () => {
  const planOf = async (sql: string, params: unknown[]) =>
    db.transaction(async (tx) => {
      await tx.exec('set local enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
      await tx.rollback();
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });

  it('“who follows this question”, “who follows these places” and “my follows” are served by indexes', async () => {
    expect(await planOf('select user_id from follows where thread_id = $1', [THREAD.open])).toContain(
      'follows_one_per_thread',
    );
    expect(
      await planOf('select user_id from follows where org_id = $1 and place_key = any ($2)', [
        ORG_A,
        [COURSE_KEY, PLACE_KEY],
      ]),
    ).toContain('follows_one_per_place');
    expect(await planOf('select id from follows where user_id = $1 order by created_at', [learner.userId])).toContain(
      'follows_user_id_created_at_idx',
    );
  });
});

describe('the demo seed', () => {
  it('has Northwind’s follows, Sofia’s edited answer with its history and Tomás’s mention; Contoso sees none of it', async () => {
    const seeded = await createMigratedDatabase({ seed: true });
    const person = (label: string, n: string): Persona => ({
      label,
      userId: `a1000000-0000-4000-8000-00000000000${n}`,
    });
    const [tomas, grace, amara] = [person('Tomás', '2'), person('Grace', '3'), person('Amara', '4')];
    const ben: Persona = { label: 'Ben', userId: 'b2000000-0000-4000-8000-000000000002' };
    const SOFIA_ANSWER = 'e5000000-0000-4000-8000-000000000004';
    const of = (persona: Persona, sql: string, params: unknown[] = []) =>
      asPersona(seeded, persona, async (tx) => (await tx.query(sql, params)).rows);
    try {
      expect(await of(grace, 'select thread_id, place_key from follows order by place_key')).toEqual([
        { thread_id: null, place_key: 'moodle|moodle.localhost:8080|4021|cm:1325312' },
      ]);
      expect(await of(ben, 'select org_id, thread_id, place_key from follows order by place_key nulls first')).toEqual([
        {
          org_id: '20000000-0000-4000-8000-000000000002',
          thread_id: 'd4000000-0000-4000-8000-000000000101',
          place_key: null,
        },
        {
          org_id: '20000000-0000-4000-8000-000000000002',
          thread_id: null,
          place_key: 'moodle|moodle.localhost:8080|4021',
        },
      ]);
      const HISTORY = `select version, replaced_by, written_at < replaced_at as ordered, replaced_at < now() as earlier
        from revisions where post_id = $1 order by version`;
      const sofia = 'a1000000-0000-4000-8000-000000000006';
      expect(await of(amara, HISTORY, [SOFIA_ANSWER])).toEqual([
        { version: 1, replaced_by: sofia, ordered: true, earlier: true },
        { version: 2, replaced_by: sofia, ordered: true, earlier: true },
      ]);
      expect(await of(ben, HISTORY, [SOFIA_ANSWER])).toEqual([]);
      expect(
        await of(tomas, `select kind, post_id from notifications where kind = 'mention' and read_at is null`),
      ).toEqual([{ kind: 'mention', post_id: 'e5070000-0000-4000-8000-000000000001' }]);
    } finally {
      await seeded.close();
    }
  });
});
