/**
 * Notifications, as each persona of both orgs: each kind is written once by its event (and never for
 * acting on one's own content), each member reads and marks read only their own, with the exact
 * refusals; and the notifications the demo seed's rows give rise to.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPersona, becomePersona, createMigratedDatabase, denialAs, rowsAs, type Persona } from './support/database';
import {
  admin,
  anon,
  learner,
  loadPersonaFixtures,
  memberB,
  mentor,
  moderator,
  ORG_A,
  POST,
  stranger,
  THREAD,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(`insert into public.mentor_profiles (org_id, user_id, skills) values ($1, $2, '{SQL}')`, [
    ORG_A,
    mentor.userId,
  ]);
});

afterAll(async () => {
  await db?.close();
});

interface Notification {
  id: string;
  user_id: string;
  actor_id: string | null;
  kind: string;
  thread_id: string | null;
  post_id: string | null;
  endorsement_id: string | null;
  mentor_request_id: string | null;
}

const denial = (code: string, message: string) => ({ code, message });

/** The notifications every member of org A holds about `target` (any of the ids), read as each of them. */
const notificationsAbout = async (tx: Transaction, target: string) => {
  const found: { to: string; kind: string; actor_id: string | null }[] = [];
  for (const persona of [learner, mentor, moderator, admin]) {
    await becomePersona(tx, persona);
    const { rows } = await tx.query<Pick<Notification, 'kind' | 'actor_id'>>(
      `select kind, actor_id from notifications
       where $1 in (thread_id, post_id, endorsement_id, mentor_request_id) and read_at is null
       order by created_at, id`,
      [target],
    );
    found.push(...rows.map((row) => ({ to: persona.label, ...row })));
  }
  return found;
};

const answer = (tx: Transaction, thread: string, parent: string | null = null, id = crypto.randomUUID()) =>
  tx
    .query(`insert into posts (id, org_id, thread_id, parent_id, body) values ($1, $2, $3, $4, 'Body')`, [
      id,
      ORG_A,
      thread,
      parent,
    ])
    .then(() => id);

/** Acts as `actor` for `work`, then reports who was notified about `target`. */
const after = (actor: Persona, work: (tx: Transaction) => Promise<string>) =>
  asPersona(db, actor, async (tx) => {
    const target = await work(tx);
    return notificationsAbout(tx, target);
  });

describe('each kind, once, from its event', () => {
  it('answer: the question’s author is told; answering one’s own question tells nobody', async () => {
    expect(await after(mentor, (tx) => answer(tx, THREAD.open))).toEqual([
      { to: learner.label, kind: 'answer', actor_id: mentor.userId },
    ]);
    expect(await after(learner, (tx) => answer(tx, THREAD.open))).toEqual([]);
  });

  it('reply: the answer’s author is told; replying under one’s own answer tells only the question’s followers', async () => {
    expect(await after(learner, (tx) => answer(tx, THREAD.open, POST.mentorAnswer))).toEqual([
      { to: mentor.label, kind: 'reply', actor_id: learner.userId },
    ]);
    // The asker follows their question (20251125107000_follows.sql), so hears of the reply as a follower.
    expect(await after(mentor, (tx) => answer(tx, THREAD.open, POST.mentorAnswer))).toEqual([
      { to: learner.label, kind: 'followed_activity', actor_id: mentor.userId },
    ]);
  });

  it('answer_accepted: the answer’s author is told once; accepting one’s own answer tells nobody', async () => {
    expect(
      await after(learner, async (tx) => {
        await tx.query('select accept_answer($1, $2)', [THREAD.open, POST.mentorAnswer]);
        await tx.query('select accept_answer($1, $2)', [THREAD.open, POST.mentorAnswer]);
        return POST.mentorAnswer;
      }).then((told) => told.filter((n) => n.kind === 'answer_accepted')),
    ).toEqual([{ to: mentor.label, kind: 'answer_accepted', actor_id: learner.userId }]);
    expect(
      await after(learner, async (tx) => {
        const own = await answer(tx, THREAD.open);
        await tx.query('select accept_answer($1, $2)', [THREAD.open, own]);
        return own;
      }),
    ).toEqual([]);
  });

  it('endorsed: the endorsed member is told once, a replayed endorse adds nothing', async () => {
    const id = crypto.randomUUID();
    expect(
      await after(learner, async (tx) => {
        await tx.query(`select endorse($1, 'post', $2)`, [id, POST.mentorAnswer]);
        await tx.query(`select endorse($1, 'post', $2)`, [id, POST.mentorAnswer]);
        return id;
      }),
    ).toEqual([{ to: mentor.label, kind: 'endorsed', actor_id: learner.userId }]);
  });

  it('mentor_requested, then mentor_accepted: the mentor, then the learner', async () => {
    const id = crypto.randomUUID();
    expect(
      await after(learner, async (tx) => {
        await tx.query('select request_mentor($1, $2, $3)', [id, mentor.userId, 'Help with SQL?']);
        await becomePersona(tx, mentor);
        await tx.query('select respond_mentor_request($1, true)', [id]);
        await tx.query('select respond_mentor_request($1, true)', [id]);
        await becomePersona(tx, learner);
        await tx.query('select withdraw_mentor_request($1)', [id]);
        return id;
      }),
    ).toEqual([
      { to: learner.label, kind: 'mentor_accepted', actor_id: mentor.userId },
      { to: mentor.label, kind: 'mentor_requested', actor_id: learner.userId },
    ]);
  });

  it('mentor_declined: the learner', async () => {
    const id = crypto.randomUUID();
    const told = await after(learner, async (tx) => {
      await tx.query('select request_mentor($1, $2, $3)', [id, mentor.userId, 'Help with SQL?']);
      await becomePersona(tx, mentor);
      await tx.query(`select respond_mentor_request($1, false, 'Full this month')`, [id]);
      return id;
    });
    expect(told.filter((n) => n.to === learner.label)).toEqual([
      { to: learner.label, kind: 'mentor_declined', actor_id: mentor.userId },
    ]);
  });

  it('content_hidden: the author is told once (hide, restore, hide); a moderator hiding their own, nobody', async () => {
    expect(
      await after(moderator, async (tx) => {
        for (const action of ['hide', 'restore', 'hide']) {
          await tx.query(`select moderate('thread', $1, $2, 'Off topic')`, [THREAD.open, action]);
        }
        return THREAD.open;
      }).then((told) => told.filter((n) => n.kind === 'content_hidden')),
    ).toEqual([{ to: learner.label, kind: 'content_hidden', actor_id: moderator.userId }]);
    expect(
      await after(moderator, async (tx) => {
        const own = await answer(tx, THREAD.byMentor);
        await tx.query(`select moderate('post', $1, 'hide', 'Posted by mistake')`, [own]);
        return own;
      }).then((told) => told.filter((n) => n.kind === 'content_hidden')),
    ).toEqual([]);
  });

  it('a held (pre-moderated) answer tells nobody', async () => {
    expect(
      await after(admin, async (tx) => {
        await tx.query('select update_org_settings(pre_moderation => true)');
        await becomePersona(tx, learner);
        return answer(tx, THREAD.byMentor);
      }),
    ).toEqual([]);
  });
});

describe('what a notification carries', () => {
  it('ids and a kind, never a copy of the content', async () => {
    const columns = await db.query<{ name: string }>(
      `select column_name as name from information_schema.columns
       where table_schema = 'public' and table_name = 'notifications' order by ordinal_position`,
    );
    expect(columns.rows.map((row) => row.name)).toEqual([
      'id',
      'org_id',
      'user_id',
      'actor_id',
      'kind',
      'thread_id',
      'post_id',
      'endorsement_id',
      'mentor_request_id',
      'read_at',
      'created_at',
      // Added with peer reviews (20251125103200_review_notifications.sql).
      'review_id',
    ]);
    const [row] = await asPersona(db, mentor, async (tx) => {
      const post = await answer(tx, THREAD.open);
      await becomePersona(tx, learner);
      return (await tx.query<Notification>('select * from notifications where post_id = $1', [post])).rows.map((n) => ({
        ...n,
        post,
      }));
    });
    expect(row).toMatchObject({
      user_id: learner.userId,
      actor_id: mentor.userId,
      kind: 'answer',
      thread_id: THREAD.open,
      post_id: row!.post,
      endorsement_id: null,
      mentor_request_id: null,
    });
  });
});

describe('reading and marking', () => {
  const MINE = 'select user_id, org_id from notifications';

  it('each member reads only their own; the other org and strangers read none; anon is refused', async () => {
    for (const persona of [learner, mentor, moderator, admin, memberB]) {
      const rows = await rowsAs<{ user_id: string }>(db, persona, MINE);
      expect(rows.filter((row) => row.user_id !== persona.userId)).toEqual([]);
    }
    expect((await rowsAs(db, learner, MINE)).length).toBeGreaterThan(0);
    expect(await rowsAs(db, memberB, `select 1 from notifications where org_id = $1`, [ORG_A])).toEqual([]);
    expect(await rowsAs(db, stranger, MINE)).toEqual([]);
    expect(await denialAs(db, anon, MINE)).toEqual(denial('42501', 'permission denied for table notifications'));
  });

  it('nobody writes the table directly', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into notifications (org_id, user_id, kind, mentor_request_id)
        values ($1, $2, 'mentor_accepted', gen_random_uuid())`,
        [ORG_A, mentor.userId],
      ),
    ).toEqual(denial('42501', 'permission denied for table notifications'));
    expect(await denialAs(db, learner, 'update notifications set read_at = now()')).toEqual(
      denial('42501', 'permission denied for table notifications'),
    );
  });

  it('mark_notifications_read marks the caller’s own ids, ignores others’, and null marks all', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const mentors = (await tx.query<{ id: string }>('select id from notifications where read_at is null')).rows;
      await becomePersona(tx, learner);
      const learners = (await tx.query<{ id: string }>('select id from notifications where read_at is null')).rows;
      const first = learners[0]!.id;
      const one = (await tx.query<{ n: number }>('select mark_notifications_read($1) as n', [[first, mentors[0]!.id]]))
        .rows[0]!.n;
      const again = (await tx.query<{ n: number }>('select mark_notifications_read($1) as n', [[first]])).rows[0]!.n;
      const rest = (await tx.query<{ n: number }>('select mark_notifications_read() as n')).rows[0]!.n;
      const unread = (await tx.query('select 1 from notifications where read_at is null')).rows.length;
      await becomePersona(tx, mentor);
      const mentorUnread = (await tx.query('select 1 from notifications where read_at is null')).rows.length;
      return { one, again, rest, unread, mentorUnread, learners: learners.length, mentors: mentors.length };
    });
    expect(outcome).toMatchObject({ one: 1, again: 0, rest: outcome.learners - 1, unread: 0 });
    expect(outcome.mentorUnread).toBe(outcome.mentors);
    expect(outcome.learners).toBeGreaterThan(1);
  });

  it('mark_notifications_read refuses anon and more than 1000 ids; a stranger marks nothing', async () => {
    expect(await denialAs(db, anon, 'select mark_notifications_read()')).toEqual(
      denial('42501', 'permission denied for function mark_notifications_read'),
    );
    const many = Array.from({ length: 1001 }, () => crypto.randomUUID());
    expect(await denialAs(db, learner, 'select mark_notifications_read($1)', [many])).toEqual(
      denial('22023', 'Mark at most 1000 notifications at a time, or pass null to mark them all.'),
    );
    expect(await rowsAs(db, stranger, 'select mark_notifications_read() as n')).toEqual([{ n: 0 }]);
  });

  it('"my unread, newest first" is served by its partial index', async () => {
    const plan = await asPersona(db, learner, async (tx) => {
      await tx.exec('set local enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(
        `explain select id from notifications where user_id = $1 and org_id = $2 and read_at is null
         order by created_at desc limit 20`,
        [learner.userId, ORG_A],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('notifications_user_id_org_id_created_at_unread_idx');
  });
});

describe('the demo seed', () => {
  it('gives Grace her unread request and endorsements, Jonas his hidden thread, and Ben only his own (an answer, and a review of his work)', async () => {
    const seeded = await createMigratedDatabase({ seed: true });
    try {
      const unread = (userId: string) =>
        rowsAs<{ kind: string }>(
          seeded,
          { label: userId, userId },
          'select kind from notifications where read_at is null order by created_at desc',
        ).then((rows) => rows.map((row) => row.kind));
      expect(await unread('a1000000-0000-4000-8000-000000000003')).toEqual([
        'mentor_requested',
        'endorsed',
        'endorsed',
      ]);
      expect(await unread('a1000000-0000-4000-8000-000000000005')).toEqual(['content_hidden', 'answer']);
      expect(await unread('b2000000-0000-4000-8000-000000000002')).toEqual(['review_received', 'answer']);
    } finally {
      await seeded.close();
    }
  });
});
