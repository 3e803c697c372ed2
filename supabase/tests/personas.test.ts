/**
 * Row-level security, table by table, as each persona: what they read, what they may write, and the
 * exact refusal (SQLSTATE and message) when they may not. Runs the real migrations on PGlite in
 * process; every statement is rolled back, so tests are independent.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedAs, asPersona, createMigratedDatabase, denialAs, rowsAs, type Persona } from './support/database';
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
  VOTE,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
});

afterAll(async () => {
  await db?.close();
});

const ids = async (persona: Persona, sql: string, params: unknown[] = []) =>
  (await rowsAs<{ id: string }>(db, persona, sql, params)).map((row) => row.id).sort();

const denied = (table: string) => ({ code: '42501', message: `permission denied for table ${table}` });
const rlsViolation = (table: string) => ({
  code: '42501',
  message: `new row violates row-level security policy for table "${table}"`,
});
const checkViolation = (table: string, constraint: string) => ({
  code: '23514',
  message: `new row for relation "${table}" violates check constraint "${constraint}"`,
});

describe('orgs', () => {
  it('members read only their own org; a non-member reads none', async () => {
    expect(await ids(learner, 'select id from orgs')).toEqual([ORG_A]);
    expect(await ids(admin, 'select id from orgs')).toEqual([ORG_A]);
    expect(await ids(memberB, 'select id from orgs')).toEqual([ORG_B]);
    expect(await ids(stranger, 'select id from orgs')).toEqual([]);
  });

  it('anon is refused outright', async () => {
    expect(await denialAs(db, anon, 'select id from orgs')).toEqual(denied('orgs'));
  });

  it("only the org's admin can rename it", async () => {
    const rename = `update orgs set name = 'Renamed' where id = $1`;
    expect(await affectedAs(db, admin, rename, [ORG_A])).toBe(1);
    expect(await affectedAs(db, moderator, rename, [ORG_A])).toBe(0);
    expect(await affectedAs(db, learner, rename, [ORG_A])).toBe(0);
    expect(await affectedAs(db, memberB, rename, [ORG_A])).toBe(0);
  });

  it('nobody creates or deletes orgs through the API', async () => {
    expect(await denialAs(db, admin, `insert into orgs (name) values ('Mine')`)).toEqual(denied('orgs'));
    expect(await denialAs(db, admin, 'delete from orgs where id = $1', [ORG_A])).toEqual(denied('orgs'));
  });
});

describe('members', () => {
  it("members see their org's members and nobody else's", async () => {
    const a = [learner, mentor, moderator, admin].map((p) => p.userId).sort();
    const userIds = async (persona: Persona) =>
      (await rowsAs<{ user_id: string }>(db, persona, 'select user_id from members')).map((r) => r.user_id).sort();
    expect(await userIds(learner)).toEqual(a);
    expect(await userIds(memberB)).toEqual([memberB.userId]);
    expect(await userIds(stranger)).toEqual([]);
    expect(await denialAs(db, anon, 'select * from members')).toEqual(denied('members'));
  });

  it('a member edits their own profile, not anyone else’s', async () => {
    const profile = await asPersona(db, learner, async (tx) => {
      await tx.query(`update members set display_name = 'Lena K', skills = '{SQL,R}' where user_id = $1`, [
        learner.userId,
      ]);
      return (await tx.query('select display_name, skills from members where user_id = $1', [learner.userId])).rows;
    });
    expect(profile).toEqual([{ display_name: 'Lena K', skills: ['SQL', 'R'] }]);
    expect(
      await affectedAs(db, learner, `update members set display_name = 'X' where user_id = $1`, [mentor.userId]),
    ).toBe(0);
    expect(
      await affectedAs(db, admin, `update members set display_name = 'X' where user_id = $1`, [learner.userId]),
    ).toBe(0);
  });

  it('nobody promotes themselves: role is not writable through the API', async () => {
    expect(
      await denialAs(db, learner, `update members set role = 'admin' where user_id = $1`, [learner.userId]),
    ).toEqual(denied('members'));
    expect(
      await denialAs(db, admin, `update members set role = 'moderator' where user_id = $1`, [learner.userId]),
    ).toEqual(denied('members'));
  });

  it('nobody joins an org or removes members through the API', async () => {
    expect(
      await denialAs(db, stranger, `insert into members (org_id, user_id, display_name) values ($1, $2, 'Sam')`, [
        ORG_A,
        stranger.userId,
      ]),
    ).toEqual(denied('members'));
    expect(await denialAs(db, admin, 'delete from members where user_id = $1', [learner.userId])).toEqual(
      denied('members'),
    );
  });

  it('profiles are bounded', async () => {
    const tooMany = `{${Array.from({ length: 21 }, (_, i) => `skill${i}`).join(',')}}`;
    expect(
      await denialAs(db, learner, 'update members set skills = $1 where user_id = $2', [tooMany, learner.userId]),
    ).toEqual(checkViolation('members', 'members_skills_bounded'));
    expect(
      await denialAs(db, learner, `update members set display_name = '   ' where user_id = $1`, [learner.userId]),
    ).toEqual(checkViolation('members', 'members_display_name_length'));
  });
});

describe('places', () => {
  const insertPlace = `insert into places (org_id, key, platform, course_id, lesson_id)
    values ($1, $2, 'moodle', '101', 'cm:8') on conflict (org_id, key) do nothing`;

  it("members read their org's places only, even where another org has the same key", async () => {
    const keys = async (persona: Persona) =>
      (await rowsAs<{ org_id: string; key: string }>(db, persona, 'select org_id, key from places order by key')).map(
        (r) => `${r.org_id === ORG_A ? 'A' : 'B'} ${r.key}`,
      );
    expect(await keys(learner)).toEqual([`A ${COURSE_KEY}`, `A ${PLACE_KEY}`]);
    expect(await keys(memberB)).toEqual([`B ${PLACE_KEY}`]);
    expect(await keys(stranger)).toEqual([]);
    expect(await denialAs(db, anon, 'select * from places')).toEqual(denied('places'));
  });

  it('a member adds a place in their org, and a replay of that insert changes nothing', async () => {
    const rows = await asPersona(db, learner, async (tx) => {
      await tx.query(insertPlace, [ORG_A, `${COURSE_KEY}|cm:8`]);
      await tx.query(insertPlace, [ORG_A, `${COURSE_KEY}|cm:8`]);
      return (await tx.query('select created_by from places where key = $1', [`${COURSE_KEY}|cm:8`])).rows;
    });
    expect(rows).toEqual([{ created_by: learner.userId }]);
  });

  it("nobody adds a place to another org, or in someone else's name", async () => {
    expect(await denialAs(db, memberB, insertPlace, [ORG_A, `${COURSE_KEY}|cm:9`])).toEqual(rlsViolation('places'));
    expect(await denialAs(db, stranger, insertPlace, [ORG_A, `${COURSE_KEY}|cm:9`])).toEqual(rlsViolation('places'));
    expect(
      await denialAs(
        db,
        learner,
        `insert into places (org_id, key, platform, created_by) values ($1, 'x', 'moodle', $2)`,
        [ORG_A, mentor.userId],
      ),
    ).toEqual(denied('places'));
  });

  it('moderators correct titles; learners cannot', async () => {
    const retitle = `update places set lesson_title = 'Quiz 1 (revised)' where key = $1`;
    expect(await affectedAs(db, moderator, retitle, [PLACE_KEY])).toBe(1);
    expect(await affectedAs(db, admin, retitle, [PLACE_KEY])).toBe(1);
    expect(await affectedAs(db, learner, retitle, [PLACE_KEY])).toBe(0);
    expect(await affectedAs(db, mentor, retitle, [PLACE_KEY])).toBe(0);
    expect(await denialAs(db, moderator, `update places set key = 'other' where key = $1`, [PLACE_KEY])).toEqual(
      denied('places'),
    );
  });

  it('keys and titles are bounded', async () => {
    expect(await denialAs(db, learner, insertPlace, [ORG_A, 'k'.repeat(601)])).toEqual(
      checkViolation('places', 'places_key_length'),
    );
    expect(
      await denialAs(db, learner, `insert into places (org_id, key, platform) values ($1, 'k', 'Not A Slug')`, [ORG_A]),
    ).toEqual(checkViolation('places', 'places_platform_slug'));
  });
});

describe('threads', () => {
  const insertThread = `insert into threads (id, org_id, place_key, title, body, tags)
    values ($1, $2, $3, 'How do I read a box plot?', 'The whiskers confuse me.', '{box-plots}')
    on conflict (id) do nothing`;

  it('each role reads what it should: no deleted threads, hidden ones only for their author and moderators', async () => {
    const all = 'select id from threads';
    expect(await ids(learner, all)).toEqual([THREAD.open, THREAD.byMentor, THREAD.hidden, THREAD.locked].sort());
    expect(await ids(mentor, all)).toEqual([THREAD.open, THREAD.byMentor, THREAD.locked].sort());
    expect(await ids(moderator, all)).toEqual([THREAD.open, THREAD.byMentor, THREAD.hidden, THREAD.locked].sort());
    expect(await ids(admin, all)).toEqual([THREAD.open, THREAD.byMentor, THREAD.hidden, THREAD.locked].sort());
    expect(await ids(memberB, all)).toEqual([THREAD.orgB]);
    expect(await ids(stranger, all)).toEqual([]);
    expect(await denialAs(db, anon, all)).toEqual(denied('threads'));
  });

  it('a member asks a question in their org; replaying the insert is a no-op', async () => {
    const id = crypto.randomUUID();
    const rows = await asPersona(db, learner, async (tx) => {
      const first = await tx.query(insertThread, [id, ORG_A, PLACE_KEY]);
      const replay = await tx.query(insertThread, [id, ORG_A, PLACE_KEY]);
      const stored = await tx.query('select author_id, status, locked from threads where id = $1', [id]);
      return { first: first.affectedRows, replay: replay.affectedRows, stored: stored.rows };
    });
    expect(rows).toEqual({
      first: 1,
      replay: 0,
      stored: [{ author_id: learner.userId, status: 'open', locked: false }],
    });
  });

  it('nobody asks in another org, at another org’s place, or as someone else', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, memberB, insertThread, [id, ORG_A, PLACE_KEY])).toEqual(rlsViolation('threads'));
    expect(await denialAs(db, stranger, insertThread, [id, ORG_A, PLACE_KEY])).toEqual(rlsViolation('threads'));
    expect(
      await denialAs(
        db,
        learner,
        `insert into threads (id, org_id, place_key, author_id, title) values ($1, $2, $3, $4, 'On behalf')`,
        [id, ORG_A, PLACE_KEY, mentor.userId],
      ),
    ).toEqual(rlsViolation('threads'));
    // Org A's learner naming org B's place key under org A finds no such place in org A.
    expect(
      await denialAs(
        db,
        learner,
        `insert into threads (id, org_id, place_key, title) values ($1, $2, 'nowhere', 'Lost')`,
        [id, ORG_A],
      ),
    ).toEqual({
      code: '23503',
      message: 'insert or update on table "threads" violates foreign key constraint "threads_place_fkey"',
    });
  });

  it('rule-bearing columns cannot be written directly', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into threads (id, org_id, place_key, title, status) values ($1, $2, $3, 'Pre-solved', 'resolved')`,
        [crypto.randomUUID(), ORG_A, PLACE_KEY],
      ),
    ).toEqual(denied('threads'));
    for (const assignment of [`status = 'resolved'`, 'locked = false', 'hidden_at = null', 'deleted_at = now()']) {
      expect(await denialAs(db, learner, `update threads set ${assignment} where id = $1`, [THREAD.open])).toEqual(
        denied('threads'),
      );
    }
    expect(
      await denialAs(db, learner, 'update threads set accepted_post_id = $1 where id = $2', [
        POST.mentorAnswer,
        THREAD.open,
      ]),
    ).toEqual(denied('threads'));
    expect(await denialAs(db, learner, 'delete from threads where id = $1', [THREAD.open])).toEqual(denied('threads'));
  });

  it('authors edit their own question (marked edited) until it is locked; others cannot', async () => {
    const edited = await asPersona(db, learner, async (tx) => {
      await tx.query(`update threads set title = 'Open question, clarified' where id = $1`, [THREAD.open]);
      return (await tx.query('select title, edited_at is not null as edited from threads where id = $1', [THREAD.open]))
        .rows;
    });
    expect(edited).toEqual([{ title: 'Open question, clarified', edited: true }]);
    const retitle = `update threads set title = 'Changed by someone' where id = $1`;
    expect(await affectedAs(db, learner, retitle, [THREAD.byMentor])).toBe(0);
    expect(await affectedAs(db, moderator, retitle, [THREAD.open])).toBe(0);
    expect(await affectedAs(db, mentor, retitle, [THREAD.locked])).toBe(0);
    expect(await affectedAs(db, memberB, retitle, [THREAD.open])).toBe(0);
  });

  it('titles, bodies and tags are bounded', async () => {
    const id = crypto.randomUUID();
    const insert = `insert into threads (id, org_id, place_key, title, body, tags) values ($1, $2, $3, $4, $5, $6)`;
    expect(await denialAs(db, learner, insert, [id, ORG_A, PLACE_KEY, 'x'.repeat(201), '', '{}'])).toEqual(
      checkViolation('threads', 'threads_title_length'),
    );
    expect(await denialAs(db, learner, insert, [id, ORG_A, PLACE_KEY, 'Fine title', 'b'.repeat(20001), '{}'])).toEqual(
      checkViolation('threads', 'threads_body_length'),
    );
    expect(await denialAs(db, learner, insert, [id, ORG_A, PLACE_KEY, 'Fine title', '', '{"Not A Slug"}'])).toEqual(
      checkViolation('threads', 'threads_tags_bounded'),
    );
  });
});

describe('posts', () => {
  const insertPost = `insert into posts (id, org_id, thread_id, parent_id, body) values ($1, $2, $3, $4, 'An answer')
    on conflict (id) do nothing`;

  it('members read visible posts; a hidden answer only by its author and moderators', async () => {
    const visible = [
      POST.mentorAnswer,
      POST.adminAnswer,
      POST.learnerAnswerToMentor,
      POST.adminAnswerOnLocked,
      POST.learnerReply,
    ];
    const all = 'select id from posts';
    expect(await ids(learner, all)).toEqual([...visible].sort());
    expect(await ids(mentor, all)).toEqual([...visible, POST.hiddenMentorAnswer].sort());
    expect(await ids(moderator, all)).toEqual([...visible, POST.hiddenMentorAnswer].sort());
    expect(await ids(memberB, all)).toEqual([POST.orgB]);
    expect(await denialAs(db, anon, all)).toEqual(denied('posts'));
  });

  it('a member answers, the question becomes answered, and a replay is a no-op', async () => {
    const id = crypto.randomUUID();
    const outcome = await asPersona(db, mentor, async (tx) => {
      const first = await tx.query(insertPost, [id, ORG_A, THREAD.byMentor, null]);
      const replay = await tx.query(insertPost, [id, ORG_A, THREAD.byMentor, null]);
      const count = await tx.query('select count(*)::int as n from posts where id = $1', [id]);
      return { first: first.affectedRows, replay: replay.affectedRows, count: count.rows };
    });
    expect(outcome).toEqual({ first: 1, replay: 0, count: [{ n: 1 }] });

    const fresh = crypto.randomUUID();
    const status = await asPersona(db, learner, async (tx) => {
      await tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'Fresh question')`, [
        fresh,
        ORG_A,
        PLACE_KEY,
      ]);
      const before = (await tx.query<{ status: string }>('select status from threads where id = $1', [fresh])).rows;
      await tx.query(insertPost, [crypto.randomUUID(), ORG_A, fresh, null]);
      const after = (await tx.query<{ status: string }>('select status from threads where id = $1', [fresh])).rows;
      return [before[0]?.status, after[0]?.status];
    });
    expect(status).toEqual(['open', 'answered']);
  });

  it('nobody posts in a locked or hidden thread, in another org, or as someone else', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, learner, insertPost, [id, ORG_A, THREAD.locked, null])).toEqual(rlsViolation('posts'));
    expect(await denialAs(db, mentor, insertPost, [id, ORG_A, THREAD.hidden, null])).toEqual(rlsViolation('posts'));
    expect(await denialAs(db, learner, insertPost, [id, ORG_A, THREAD.deleted, null])).toEqual(rlsViolation('posts'));
    expect(await denialAs(db, memberB, insertPost, [id, ORG_A, THREAD.open, null])).toEqual(rlsViolation('posts'));
    expect(await denialAs(db, memberB, insertPost, [id, ORG_B, THREAD.open, null])).toEqual(rlsViolation('posts'));
    expect(
      await denialAs(
        db,
        learner,
        `insert into posts (id, org_id, thread_id, author_id, body) values ($1, $2, $3, $4, 'Ghost')`,
        [id, ORG_A, THREAD.open, mentor.userId],
      ),
    ).toEqual(rlsViolation('posts'));
  });

  it('a reply answers a post of the same thread', async () => {
    expect(
      await denialAs(db, learner, insertPost, [crypto.randomUUID(), ORG_A, THREAD.byMentor, POST.mentorAnswer]),
    ).toEqual({
      code: '23503',
      message: 'insert or update on table "posts" violates foreign key constraint "posts_parent_fkey"',
    });
  });

  it('authors edit their own posts (marked edited); others, and the score, are out of reach', async () => {
    const edited = await asPersona(db, mentor, async (tx) => {
      await tx.query(`update posts set body = 'Mentor answer, with an example' where id = $1`, [POST.mentorAnswer]);
      return (
        await tx.query('select body, edited_at is not null as edited from posts where id = $1', [POST.mentorAnswer])
      ).rows;
    });
    expect(edited).toEqual([{ body: 'Mentor answer, with an example', edited: true }]);
    const rewrite = `update posts set body = 'Rewritten' where id = $1`;
    expect(await affectedAs(db, learner, rewrite, [POST.mentorAnswer])).toBe(0);
    expect(await affectedAs(db, moderator, rewrite, [POST.mentorAnswer])).toBe(0);
    expect(await affectedAs(db, admin, rewrite, [POST.adminAnswerOnLocked])).toBe(0);
    expect(await denialAs(db, mentor, 'update posts set score = 100 where id = $1', [POST.mentorAnswer])).toEqual(
      denied('posts'),
    );
    expect(await denialAs(db, mentor, 'delete from posts where id = $1', [POST.mentorAnswer])).toEqual(denied('posts'));
  });

  it('bodies are bounded', async () => {
    expect(
      await denialAs(db, learner, insertPost.replace("'An answer'", "'   '"), [
        crypto.randomUUID(),
        ORG_A,
        THREAD.open,
        null,
      ]),
    ).toEqual(checkViolation('posts', 'posts_body_length'));
  });
});

describe('votes', () => {
  const vote = `insert into votes (id, org_id, post_id, value) values ($1, $2, $3, $4) on conflict (id) do nothing`;
  const score = async (persona: Persona, post: string) =>
    (await rowsAs<{ score: number }>(db, persona, 'select score from posts where id = $1', [post]))[0]?.score;

  it('everyone sees scores; each voter sees only their own votes', async () => {
    expect(await score(learner, POST.mentorAnswer)).toBe(1);
    expect(await score(learner, POST.adminAnswer)).toBe(-1);
    expect(await ids(learner, 'select id from votes')).toEqual([VOTE.learnerUpOnMentorAnswer]);
    expect(await ids(moderator, 'select id from votes')).toEqual([VOTE.moderatorDownOnAdminAnswer]);
    expect(await ids(admin, 'select id from votes')).toEqual([]);
    expect(await ids(memberB, 'select id from votes')).toEqual([]);
    expect(await denialAs(db, anon, 'select * from votes')).toEqual(denied('votes'));
  });

  it('a vote moves the score once, however often the insert is replayed', async () => {
    const id = crypto.randomUUID();
    const scores = await asPersona(db, learner, async (tx) => {
      const read = async () =>
        (await tx.query<{ score: number }>('select score from posts where id = $1', [POST.adminAnswer])).rows[0]?.score;
      await tx.query(vote, [id, ORG_A, POST.adminAnswer, 1]);
      const afterVote = await read();
      await tx.query(vote, [id, ORG_A, POST.adminAnswer, 1]);
      const afterReplay = await read();
      await tx.query('update votes set value = -1 where id = $1', [id]);
      const afterChange = await read();
      await tx.query('delete from votes where id = $1', [id]);
      return [afterVote, afterReplay, afterChange, await read()];
    });
    expect(scores).toEqual([0, 0, -2, -1]);
  });

  it('one vote per person per post', async () => {
    expect(await denialAs(db, learner, vote, [crypto.randomUUID(), ORG_A, POST.mentorAnswer, -1])).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "votes_one_per_user_per_post"',
    });
  });

  it('nobody votes on their own post, across orgs, on hidden posts, or as someone else', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, mentor, vote, [id, ORG_A, POST.mentorAnswer, 1])).toEqual(rlsViolation('votes'));
    expect(await denialAs(db, memberB, vote, [id, ORG_A, POST.mentorAnswer, 1])).toEqual(rlsViolation('votes'));
    expect(await denialAs(db, memberB, vote, [id, ORG_B, POST.mentorAnswer, 1])).toEqual(rlsViolation('votes'));
    expect(await denialAs(db, learner, vote, [id, ORG_A, POST.hiddenMentorAnswer, 1])).toEqual(rlsViolation('votes'));
    expect(
      await denialAs(
        db,
        learner,
        `insert into votes (id, org_id, post_id, user_id, value) values ($1, $2, $3, $4, 1)`,
        [id, ORG_A, POST.adminAnswer, mentor.userId],
      ),
    ).toEqual(rlsViolation('votes'));
  });

  it("nobody changes or withdraws someone else's vote", async () => {
    expect(
      await affectedAs(db, admin, 'update votes set value = -1 where id = $1', [VOTE.learnerUpOnMentorAnswer]),
    ).toBe(0);
    expect(await affectedAs(db, moderator, 'delete from votes where id = $1', [VOTE.learnerUpOnMentorAnswer])).toBe(0);
    expect(
      await denialAs(db, learner, 'update votes set post_id = $1 where id = $2', [
        POST.adminAnswer,
        VOTE.learnerUpOnMentorAnswer,
      ]),
    ).toEqual(denied('votes'));
  });

  it('a vote is up or down', async () => {
    expect(await denialAs(db, learner, vote, [crypto.randomUUID(), ORG_A, POST.adminAnswer, 2])).toEqual(
      checkViolation('votes', 'votes_value_up_or_down'),
    );
  });
});
