/**
 * Reports, the moderation log and the rule-bearing RPCs around them (report_content, delete_content,
 * moderate, moderation_queue), as each persona: results, audit rows, and the exact refusal.
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
});

afterAll(async () => {
  await db?.close();
});

const REPORT = 'select * from report_content($1, $2, $3, $4, $5)';
const MODERATE = 'select * from moderate($1, $2, $3, $4)';
const DELETE = 'select delete_content($1, $2, $3) as result';

interface Report {
  id: string;
  org_id: string;
  target_kind: string;
  thread_id: string;
  post_id: string | null;
  reporter_id: string;
  reason: string;
  note: string | null;
  status: string;
  resolved_by: string | null;
}

async function reportIn(
  tx: Transaction,
  kind: 'thread' | 'post',
  target: string,
  reason = 'spam',
  note: string | null = null,
  id: string = crypto.randomUUID(),
): Promise<Report> {
  return (await tx.query<Report>(REPORT, [id, kind, target, reason, note])).rows[0]!;
}

const denial = (code: string, message: string) => ({ code, message });
const denied = (table: string) => denial('42501', `permission denied for table ${table}`);
const deniedFunction = (name: string) => denial('42501', `permission denied for function ${name}`);

describe('report_content', () => {
  it('a member reports a post they can see; the report is theirs, open, in the item’s org', async () => {
    const report = await asPersona(db, learner, (tx) =>
      reportIn(tx, 'post', POST.adminAnswer, 'harassment', '  Rude to me  '),
    );
    expect(report).toMatchObject({
      org_id: ORG_A,
      target_kind: 'post',
      thread_id: THREAD.open,
      post_id: POST.adminAnswer,
      reporter_id: learner.userId,
      reason: 'harassment',
      note: 'Rude to me',
      status: 'open',
    });
  });

  it('a replay returns the same report; a second report of the same open item returns the first', async () => {
    const [first, replay, again, otherItem] = await asPersona(db, mentor, async (tx) => {
      const id = crypto.randomUUID();
      const one = await reportIn(tx, 'thread', THREAD.open, 'spam', null, id);
      return [
        one,
        await reportIn(tx, 'thread', THREAD.open, 'spam', null, id),
        await reportIn(tx, 'thread', THREAD.open, 'off_topic'),
        await reportIn(tx, 'post', POST.mentorAnswer === POST.adminAnswer ? '' : POST.adminAnswer),
      ];
    });
    expect(replay).toEqual(first);
    expect(again).toEqual(first);
    expect(otherItem.id).not.toBe(first!.id);
  });

  it('refuses what the reporter cannot see: another org, a hidden or deleted item, no item', async () => {
    const hiddenOrGone = (kind: string) => denial('P0001', `This ${kind} does not exist or you cannot see it.`);
    expect(await denialAs(db, memberB, REPORT, [crypto.randomUUID(), 'post', POST.adminAnswer, 'spam', null])).toEqual(
      hiddenOrGone('post'),
    );
    expect(
      await denialAs(db, learner, REPORT, [crypto.randomUUID(), 'post', POST.hiddenMentorAnswer, 'spam', null]),
    ).toEqual(hiddenOrGone('post'));
    expect(await denialAs(db, learner, REPORT, [crypto.randomUUID(), 'thread', THREAD.deleted, 'spam', null])).toEqual(
      hiddenOrGone('thread'),
    );
    expect(await denialAs(db, stranger, REPORT, [crypto.randomUUID(), 'thread', THREAD.open, 'spam', null])).toEqual(
      hiddenOrGone('thread'),
    );
    // Posts and threads are told apart: a thread id reported as a post is not found.
    expect(await denialAs(db, learner, REPORT, [crypto.randomUUID(), 'post', THREAD.open, 'spam', null])).toEqual(
      hiddenOrGone('post'),
    );
  });

  it('refuses a reason off the list, an unknown kind, a long note, a taken id and anon', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, learner, REPORT, [id, 'post', POST.adminAnswer, 'boring', null])).toEqual(
      denial('22023', 'Choose a reason: spam, harassment, off_topic, cheating, misinformation or other.'),
    );
    expect(await denialAs(db, learner, REPORT, [id, 'member', POST.adminAnswer, 'spam', null])).toEqual(
      denial('22023', 'You can report a thread or a post.'),
    );
    expect(await denialAs(db, learner, REPORT, [id, 'post', POST.adminAnswer, 'other', 'x'.repeat(1001)])).toEqual(
      denial('22023', 'Keep the note to 1000 characters.'),
    );
    const taken = await asPersona(db, learner, async (tx) => {
      const mine = await reportIn(tx, 'post', POST.adminAnswer);
      await becomePersona(tx, mentor);
      return tx.query(REPORT, [mine.id, 'post', POST.adminAnswer, 'spam', null]).catch((error: Error) => error.message);
    });
    expect(taken).toBe('This report id is already taken; generate a new one.');
    expect(await denialAs(db, anon, REPORT, [id, 'post', POST.adminAnswer, 'spam', null])).toEqual(
      deniedFunction('report_content'),
    );
  });
});

describe('reports (the table)', () => {
  it('reporters read their own reports, moderators and admins their org’s, others none', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      await reportIn(tx, 'post', POST.adminAnswer);
      await becomePersona(tx, mentor);
      await reportIn(tx, 'post', POST.adminAnswer);
      const count = async (persona: Persona) => {
        await becomePersona(tx, persona);
        return (await tx.query<{ n: number }>('select count(*)::int as n from reports')).rows[0]!.n;
      };
      return {
        learner: await count(learner),
        mentor: await count(mentor),
        moderator: await count(moderator),
        admin: await count(admin),
        memberB: await count(memberB),
        stranger: await count(stranger),
      };
    });
    expect(seen).toEqual({ learner: 1, mentor: 1, moderator: 2, admin: 2, memberB: 0, stranger: 0 });
    expect(await denialAs(db, anon, 'select * from reports')).toEqual(denied('reports'));
  });

  it('nobody writes reports directly: insert, update and delete are refused', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into reports (id, org_id, target_kind, thread_id, reason) values ($1, $2, 'thread', $3, 'spam')`,
        [crypto.randomUUID(), ORG_A, THREAD.open],
      ),
    ).toEqual(denied('reports'));
    expect(await denialAs(db, moderator, `update reports set status = 'dismissed'`)).toEqual(denied('reports'));
    expect(await denialAs(db, admin, 'delete from reports')).toEqual(denied('reports'));
  });
});

describe('moderate', () => {
  const notModerator = denial('42501', 'Only moderators and admins can moderate.');

  it('a moderator hides a post: it is hidden, its open reports are actioned, and the log says who and why', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const report = await reportIn(tx, 'post', POST.adminAnswer);
      await becomePersona(tx, moderator);
      const logged = (await tx.query(MODERATE, ['post', POST.adminAnswer, 'hide', ' Insulting '])).rows[0];
      const post = (await tx.query('select hidden_at from posts where id = $1', [POST.adminAnswer])).rows[0];
      const closed = (await tx.query('select status, resolved_by from reports where id = $1', [report.id])).rows[0];
      await becomePersona(tx, learner);
      const learnerSees = (await tx.query('select id from posts where id = $1', [POST.adminAnswer])).rows;
      return { logged, post, closed, learnerSees };
    });
    expect(outcome.logged).toMatchObject({
      org_id: ORG_A,
      actor_id: moderator.userId,
      action: 'hide',
      target_kind: 'post',
      target_id: POST.adminAnswer,
      thread_id: THREAD.open,
      reason: 'Insulting',
    });
    expect(outcome.post).toEqual({ hidden_at: expect.any(Date) });
    expect(outcome.closed).toEqual({ status: 'actioned', resolved_by: moderator.userId });
    expect(outcome.learnerSees).toEqual([]);
  });

  it('admins lock and unlock threads; a locked thread takes no new answers from members', async () => {
    const result = await asPersona(db, admin, async (tx) => {
      await tx.query(MODERATE, ['thread', THREAD.open, 'lock', 'Resolved in class']);
      await becomePersona(tx, mentor);
      const answer = await tx
        .query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Late')`, [
          crypto.randomUUID(),
          ORG_A,
          THREAD.open,
        ])
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      return answer;
    });
    expect(result).toBe('new row violates row-level security policy for table "posts"');
    const unlocked = await asPersona(db, moderator, async (tx) => {
      await tx.query(MODERATE, ['thread', THREAD.locked, 'unlock', 'Reopened']);
      return (await tx.query('select locked from threads where id = $1', [THREAD.locked])).rows;
    });
    expect(unlocked).toEqual([{ locked: false }]);
  });

  it('restores a hidden thread, and dismisses a report or all open reports of an item', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const one = await reportIn(tx, 'thread', THREAD.byMentor);
      await becomePersona(tx, admin);
      const two = await reportIn(tx, 'thread', THREAD.byMentor, 'off_topic');
      await becomePersona(tx, moderator);
      await tx.query(MODERATE, ['thread', THREAD.hidden, 'restore', 'It was fine']);
      await tx.query(MODERATE, ['report', one.id, 'dismiss', 'Not spam']);
      await tx.exec('savepoint twice');
      const again = await tx.query(MODERATE, ['report', one.id, 'dismiss', 'Twice']).catch((e: Error) => e.message);
      await tx.exec('rollback to savepoint twice');
      await tx.query(MODERATE, ['thread', THREAD.byMentor, 'dismiss', 'On topic']);
      const statuses = (
        await tx.query<{ id: string; status: string }>('select id, status from reports where id = any($1)', [
          [one.id, two.id],
        ])
      ).rows;
      const hidden = (await tx.query('select hidden_at from threads where id = $1', [THREAD.hidden])).rows;
      return { statuses, hidden, again };
    });
    expect(outcome.hidden).toEqual([{ hidden_at: null }]);
    expect(outcome.again).toBe('This report has already been closed.');
    expect(outcome.statuses.map((r) => r.status)).toEqual(['dismissed', 'dismissed']);
  });

  it('refuses learners and mentors (42501), and other orgs and non-members as "no such item" (P0001)', async () => {
    expect(await denialAs(db, learner, MODERATE, ['post', POST.adminAnswer, 'hide', 'No'])).toEqual(notModerator);
    expect(await denialAs(db, mentor, MODERATE, ['thread', THREAD.open, 'lock', 'No'])).toEqual(notModerator);
    expect(await denialAs(db, memberB, MODERATE, ['post', POST.adminAnswer, 'hide', 'No'])).toEqual(
      denial('P0001', 'This post does not exist or you cannot see it.'),
    );
    expect(await denialAs(db, stranger, MODERATE, ['thread', THREAD.open, 'hide', 'No'])).toEqual(
      denial('P0001', 'This thread does not exist or you cannot see it.'),
    );
    expect(await denialAs(db, moderator, MODERATE, ['thread', THREAD.deleted, 'restore', 'Undo'])).toEqual(
      denial('P0001', 'This thread does not exist or you cannot see it.'),
    );
    expect(await denialAs(db, anon, MODERATE, ['thread', THREAD.open, 'hide', 'No'])).toEqual(
      deniedFunction('moderate'),
    );
  });

  it('refuses an action the item does not have, and a missing reason', async () => {
    expect(await denialAs(db, moderator, MODERATE, ['post', POST.adminAnswer, 'lock', 'Why'])).toEqual(
      denial('22023', 'A post can be: hidden, restored or have its reports dismissed.'),
    );
    expect(await denialAs(db, moderator, MODERATE, ['report', crypto.randomUUID(), 'hide', 'Why'])).toEqual(
      denial('22023', 'A report can be: dismissed.'),
    );
    expect(await denialAs(db, moderator, MODERATE, ['place', THREAD.open, 'hide', 'Why'])).toEqual(
      denial('22023', 'You can moderate a thread, a post or a report.'),
    );
    expect(await denialAs(db, moderator, MODERATE, ['thread', THREAD.open, 'hide', '   '])).toEqual(
      denial('22023', 'Say why, in 1 to 500 characters: it is kept in the moderation log.'),
    );
  });
});

describe('delete_content', () => {
  it('the author deletes their thread: it and its posts vanish, the log records it, a replay is a no-op', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const first = (await tx.query<{ result: unknown }>(DELETE, ['thread', THREAD.open, null])).rows[0]!.result;
      const replay = (await tx.query<{ result: unknown }>(DELETE, ['thread', THREAD.open, null])).rows[0]!.result;
      const threads = (await tx.query('select id from threads where id = $1', [THREAD.open])).rows;
      await becomePersona(tx, moderator);
      const posts = (await tx.query('select id from posts where thread_id = $1', [THREAD.open])).rows;
      const log = (
        await tx.query('select actor_id, action, target_kind, reason from moderation_actions where target_id = $1', [
          THREAD.open,
        ])
      ).rows;
      return { first, replay, threads, posts, log };
    });
    expect(outcome.first).toEqual({ kind: 'thread', id: THREAD.open, deleted_at: expect.any(String) });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.threads).toEqual([]);
    expect(outcome.posts).toEqual([]);
    expect(outcome.log).toEqual([{ actor_id: learner.userId, action: 'delete', target_kind: 'thread', reason: null }]);
  });

  it('moderators delete any post of their org; deleting the accepted answer un-resolves the thread', async () => {
    const thread = await asPersona(db, learner, async (tx) => {
      await tx.query('select accept_answer($1, $2)', [THREAD.open, POST.mentorAnswer]);
      await becomePersona(tx, moderator);
      await tx.query(DELETE, ['post', POST.mentorAnswer, 'Wrong and harmful']);
      return (await tx.query('select status, accepted_post_id from threads where id = $1', [THREAD.open])).rows;
    });
    expect(thread).toEqual([{ status: 'answered', accepted_post_id: null }]);
  });

  it("refuses someone else's content, a locked thread's author, other orgs and anon", async () => {
    expect(await denialAs(db, mentor, DELETE, ['thread', THREAD.open, null])).toEqual(
      denial('42501', 'Only the author, or a moderator, can delete this thread.'),
    );
    expect(await denialAs(db, learner, DELETE, ['post', POST.adminAnswer, null])).toEqual(
      denial('42501', 'Only the author, or a moderator, can delete this post.'),
    );
    expect(await denialAs(db, mentor, DELETE, ['thread', THREAD.locked, null])).toEqual(
      denial('42501', 'This question is locked; only a moderator can change it.'),
    );
    expect(await denialAs(db, memberB, DELETE, ['thread', THREAD.open, null])).toEqual(
      denial('P0001', 'This thread does not exist or you cannot see it.'),
    );
    expect(await denialAs(db, learner, DELETE, ['vote', THREAD.open, null])).toEqual(
      denial('22023', 'You can delete a thread or a post.'),
    );
    expect(await denialAs(db, anon, DELETE, ['thread', THREAD.open, null])).toEqual(deniedFunction('delete_content'));
  });

  it('members still cannot set deleted_at or hidden_at themselves', async () => {
    expect(await denialAs(db, learner, 'update threads set deleted_at = now() where id = $1', [THREAD.open])).toEqual(
      denied('threads'),
    );
    expect(await denialAs(db, mentor, 'update posts set hidden_at = null where id = $1', [POST.mentorAnswer])).toEqual(
      denied('posts'),
    );
  });
});

describe('moderation_actions (the log)', () => {
  it('moderators and admins read their org’s log; learners, mentors and other orgs read nothing', async () => {
    const counts = await asPersona(db, moderator, async (tx) => {
      await tx.query(MODERATE, ['thread', THREAD.open, 'lock', 'Calm down']);
      const count = async (persona: Persona) => {
        await becomePersona(tx, persona);
        return (await tx.query<{ n: number }>('select count(*)::int as n from moderation_actions')).rows[0]!.n;
      };
      return [
        await count(moderator),
        await count(admin),
        await count(mentor),
        await count(learner),
        await count(memberB),
      ];
    });
    expect(counts).toEqual([1, 1, 0, 0, 0]);
    expect(await denialAs(db, anon, 'select * from moderation_actions')).toEqual(denied('moderation_actions'));
  });

  it('nobody writes or rewrites the log directly', async () => {
    expect(
      await denialAs(
        db,
        admin,
        `insert into moderation_actions (org_id, action, target_kind, target_id, thread_id) values ($1, 'hide', 'thread', $2, $2)`,
        [ORG_A, THREAD.open],
      ),
    ).toEqual(denied('moderation_actions'));
    expect(await denialAs(db, admin, 'delete from moderation_actions')).toEqual(denied('moderation_actions'));
  });
});

describe('moderation_queue', () => {
  const QUEUE = 'select target_kind, target_id, report_count, reasons, hidden_at from moderation_queue()';

  it('lists reported items with open reports, most reported first, with counts per reason', async () => {
    const queue = await asPersona(db, learner, async (tx) => {
      await reportIn(tx, 'post', POST.adminAnswer, 'spam');
      await reportIn(tx, 'thread', THREAD.byMentor, 'off_topic');
      await becomePersona(tx, mentor);
      await reportIn(tx, 'post', POST.adminAnswer, 'harassment');
      await becomePersona(tx, memberB);
      await reportIn(tx, 'thread', THREAD.orgB, 'spam');
      await becomePersona(tx, moderator);
      return (await tx.query(QUEUE)).rows;
    });
    expect(queue).toEqual([
      {
        target_kind: 'post',
        target_id: POST.adminAnswer,
        report_count: 2,
        reasons: { spam: 1, harassment: 1 },
        hidden_at: null,
      },
      {
        target_kind: 'thread',
        target_id: THREAD.byMentor,
        report_count: 1,
        reasons: { off_topic: 1 },
        hidden_at: null,
      },
    ]);
  });

  it('is refused to learners, mentors, other orgs’ learners and non-members', async () => {
    const refusal = denial('42501', 'Only moderators and admins can see the moderation queue.');
    for (const persona of [learner, mentor, memberB, stranger]) {
      expect(await denialAs(db, persona, QUEUE), persona.label).toEqual(refusal);
    }
    expect(await rowsAs(db, admin, QUEUE)).toEqual([]);
    expect(await denialAs(db, anon, QUEUE)).toEqual(deniedFunction('moderation_queue'));
  });
});
