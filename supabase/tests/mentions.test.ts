/**
 * Mentions (threads.mentioned_user_ids, posts.mentioned_user_ids) and the `mention` notification, as
 * each persona of both orgs: the list is cleaned and checked by the database (duplicates, at most 10,
 * members of the row's org only, never probing another org), who is told (once, with the most specific
 * kind, never oneself), edits that mention someone new, and held or hidden content that tells nobody
 * until it is published.
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

const denial = (code: string, message: string) => ({ code, message });
const NOT_MEMBERS = denial('22023', 'You can mention only members of your organisation.');
const TOO_MANY = denial('22023', 'Mention at most 10 people in a question, answer or reply.');

const POST_SQL = `insert into posts (id, org_id, thread_id, parent_id, body, mentioned_user_ids)
  values ($1, $2, $3, $4, 'Body', $5) returning mentioned_user_ids`;
const THREAD_SQL = `insert into threads (id, org_id, place_key, title, mentioned_user_ids)
  values ($1, $2, $3, 'A question', $4) returning mentioned_user_ids`;

const post = async (
  tx: Transaction,
  mentioned: (string | null)[],
  { thread = THREAD.open, parent = null as string | null, id = crypto.randomUUID() } = {},
) => {
  await tx.query(POST_SQL, [id, ORG_A, thread, parent, mentioned]);
  return id;
};
const question = async (tx: Transaction, mentioned: (string | null)[], id = crypto.randomUUID()) => {
  await tx.query(THREAD_SQL, [id, ORG_A, PLACE_KEY, mentioned]);
  return id;
};

/** Runs `sql` in a savepoint: 'done', or its refusal. */
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

const EVERYONE: Persona[] = [learner, mentor, moderator, admin, memberB, stranger];

/** What each persona holds, reading their own notifications, about a post, or a question itself (post null). */
async function toldAbout(tx: Transaction, thread: string, target: string | null) {
  const told: { to: string; kind: string; actor_id: string | null }[] = [];
  for (const persona of EVERYONE) {
    await becomePersona(tx, persona);
    const { rows } = await tx.query<{ kind: string; actor_id: string | null }>(
      `select kind, actor_id from notifications
       where thread_id = $1 and post_id is not distinct from $2 and kind <> 'content_hidden'
       order by created_at, id`,
      [thread, target],
    );
    told.push(...rows.map((row) => ({ to: persona.label, ...row })));
  }
  return told;
}

describe('the mentioned_user_ids list', () => {
  it('is stored without duplicates, in the order written; no list is an empty one', async () => {
    const stored = await asPersona(db, mentor, async (tx) => ({
      post: (
        await tx.query<{ mentioned_user_ids: string[] }>(POST_SQL, [
          crypto.randomUUID(),
          ORG_A,
          THREAD.open,
          null,
          [admin.userId, learner.userId, admin.userId],
        ])
      ).rows[0]!.mentioned_user_ids,
      question: (
        await tx.query<{ mentioned_user_ids: string[] }>(THREAD_SQL, [crypto.randomUUID(), ORG_A, PLACE_KEY, null])
      ).rows[0]!.mentioned_user_ids,
      plain: (
        await tx.query<{ mentioned_user_ids: string[] }>(
          `insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Body') returning mentioned_user_ids`,
          [crypto.randomUUID(), ORG_A, THREAD.open],
        )
      ).rows[0]!.mentioned_user_ids,
    }));
    expect(stored).toEqual({ post: [admin.userId, learner.userId], question: [], plain: [] });
  });

  it('refuses more than 10 people, an empty id, and anyone outside the org (22023)', async () => {
    const eleven = Array.from({ length: 11 }, () => crypto.randomUUID());
    const refusals = {
      eleven: await denialAs(db, mentor, POST_SQL, [crypto.randomUUID(), ORG_A, THREAD.open, null, eleven]),
      tenAndARepeat: await denialAs(db, learner, THREAD_SQL, [
        crypto.randomUUID(),
        ORG_A,
        PLACE_KEY,
        [...eleven.slice(0, 10), eleven[0]],
      ]),
      nullId: await denialAs(db, mentor, POST_SQL, [
        crypto.randomUUID(),
        ORG_A,
        THREAD.open,
        null,
        [admin.userId, null],
      ]),
      otherOrg: await denialAs(db, mentor, POST_SQL, [crypto.randomUUID(), ORG_A, THREAD.open, null, [memberB.userId]]),
      stranger: await denialAs(db, mentor, POST_SQL, [
        crypto.randomUUID(),
        ORG_A,
        THREAD.open,
        null,
        [stranger.userId],
      ]),
      nobody: await denialAs(db, learner, THREAD_SQL, [crypto.randomUUID(), ORG_A, PLACE_KEY, [crypto.randomUUID()]]),
      fromB: await denialAs(db, memberB, POST_SQL, [crypto.randomUUID(), ORG_B, THREAD.orgB, null, [learner.userId]]),
    };
    expect(refusals).toEqual({
      eleven: TOO_MANY,
      // Eleven ids with a repeat are ten people: not too many, but not members of the org either.
      tenAndARepeat: NOT_MEMBERS,
      nullId: denial('22023', 'Each mention needs the user id of a member.'),
      otherOrg: NOT_MEMBERS,
      stranger: NOT_MEMBERS,
      nobody: NOT_MEMBERS,
      fromB: NOT_MEMBERS,
    });
  });

  it('tells a non-member writer only what RLS says, so nobody can probe who belongs to an org', async () => {
    const RLS_POSTS = denial('42501', 'new row violates row-level security policy for table "posts"');
    expect(
      await denialAs(db, memberB, POST_SQL, [crypto.randomUUID(), ORG_A, THREAD.open, null, [mentor.userId]]),
    ).toEqual(RLS_POSTS);
    expect(
      await denialAs(db, memberB, POST_SQL, [crypto.randomUUID(), ORG_A, THREAD.open, null, [crypto.randomUUID()]]),
    ).toEqual(RLS_POSTS);
    expect(
      await denialAs(db, stranger, THREAD_SQL, [crypto.randomUUID(), ORG_A, PLACE_KEY, [crypto.randomUUID()]]),
    ).toEqual(denial('42501', 'new row violates row-level security policy for table "threads"'));
    expect(await denialAs(db, anon, POST_SQL, [crypto.randomUUID(), ORG_A, THREAD.open, null, []])).toEqual(
      denial('42501', 'permission denied for table posts'),
    );
  });

  it('is readable with the item by every member of its org, and by nobody else', async () => {
    const seen = await asPersona(db, mentor, async (tx) => {
      const id = await post(tx, [admin.userId]);
      const reads: Record<string, unknown[]> = {};
      for (const persona of EVERYONE) {
        await becomePersona(tx, persona);
        reads[persona.label] = (await tx.query('select mentioned_user_ids from posts where id = $1', [id])).rows;
      }
      return reads;
    });
    const row = [{ mentioned_user_ids: [admin.userId] }];
    expect(seen).toEqual({
      [learner.label]: row,
      [mentor.label]: row,
      [moderator.label]: row,
      [admin.label]: row,
      [memberB.label]: [],
      [stranger.label]: [],
    });
  });
});

describe('the mention notification', () => {
  it('an answer tells each member it mentions; the asker, mentioned too, gets one `answer`; never oneself', async () => {
    const told = await asPersona(db, mentor, async (tx) => {
      const id = await post(tx, [moderator.userId, learner.userId, mentor.userId, admin.userId]);
      return toldAbout(tx, THREAD.open, id);
    });
    expect(told).toEqual([
      { to: learner.label, kind: 'answer', actor_id: mentor.userId },
      { to: moderator.label, kind: 'mention', actor_id: mentor.userId },
      { to: admin.label, kind: 'mention', actor_id: mentor.userId },
    ]);
  });

  it('a reply and a question tell whom they mention; a follower who is mentioned gets `mention` only', async () => {
    const outcome = await asPersona(db, moderator, async (tx) => {
      await tx.query('insert into follows (id, org_id, thread_id) values ($1, $2, $3)', [
        crypto.randomUUID(),
        ORG_A,
        THREAD.open,
      ]);
      await becomePersona(tx, admin);
      const reply = await post(tx, [moderator.userId], { parent: POST.mentorAnswer });
      await becomePersona(tx, learner);
      const asked = await question(tx, [mentor.userId, admin.userId]);
      return {
        reply: await toldAbout(tx, THREAD.open, reply),
        asked: await toldAbout(tx, asked, null),
      };
    });
    expect(outcome).toEqual({
      reply: [
        { to: learner.label, kind: 'followed_activity', actor_id: admin.userId },
        { to: mentor.label, kind: 'reply', actor_id: admin.userId },
        { to: moderator.label, kind: 'mention', actor_id: admin.userId },
      ],
      asked: [
        { to: mentor.label, kind: 'mention', actor_id: learner.userId },
        { to: admin.label, kind: 'mention', actor_id: learner.userId },
      ],
    });
  });

  it('a held answer or question tells nobody; restored, it tells whom it mentions, once', async () => {
    const outcome = await asPersona(db, admin, async (tx) => {
      await tx.query('select update_org_settings(pre_moderation => true)');
      await becomePersona(tx, learner);
      const answerId = await post(tx, [moderator.userId], { thread: THREAD.byMentor });
      const asked = await question(tx, [mentor.userId]);
      const held = [...(await toldAbout(tx, THREAD.byMentor, answerId)), ...(await toldAbout(tx, asked, null))];
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('post', $1, 'restore', 'Fine')`, [answerId]);
      await tx.query(`select moderate('thread', $1, 'restore', 'Fine')`, [asked]);
      await tx.query(`select moderate('thread', $1, 'hide', 'Again')`, [asked]);
      await tx.query(`select moderate('thread', $1, 'restore', 'Fine again')`, [asked]);
      const published = [...(await toldAbout(tx, THREAD.byMentor, answerId)), ...(await toldAbout(tx, asked, null))];
      return { held, published };
    });
    expect(outcome).toEqual({
      held: [],
      published: [
        { to: mentor.label, kind: 'answer', actor_id: learner.userId },
        { to: moderator.label, kind: 'mention', actor_id: learner.userId },
        { to: mentor.label, kind: 'mention', actor_id: learner.userId },
      ],
    });
  });
});

describe('editing mentions', () => {
  const EDIT_POST = 'update posts set mentioned_user_ids = $2 where id = $1';
  const EDIT_THREAD = 'update threads set mentioned_user_ids = $2, body = $3 where id = $1';

  it('the author’s edit tells whom it newly mentions, once; resending or re-adding tells nobody again', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(EDIT_THREAD, [THREAD.open, [mentor.userId], 'Now with a mention']);
      await tx.query(EDIT_THREAD, [THREAD.open, [mentor.userId], 'Resent']);
      await tx.query(EDIT_THREAD, [THREAD.open, [], 'Removed']);
      await tx.query(EDIT_THREAD, [THREAD.open, [mentor.userId, admin.userId, learner.userId], 'Re-added']);
      const questionTold = await toldAbout(tx, THREAD.open, null);
      await becomePersona(tx, mentor);
      await tx.query(EDIT_POST, [POST.mentorAnswer, [moderator.userId]]);
      return { questionTold, answerTold: await toldAbout(tx, THREAD.open, POST.mentorAnswer) };
    });
    expect(outcome.questionTold).toEqual([
      { to: mentor.label, kind: 'mention', actor_id: learner.userId },
      { to: admin.label, kind: 'mention', actor_id: learner.userId },
    ]);
    // The fixtures' answer told the learner `answer` when it was posted; the edit adds only the mention.
    expect(outcome.answerTold).toEqual([
      { to: learner.label, kind: 'answer', actor_id: mentor.userId },
      { to: moderator.label, kind: 'mention', actor_id: mentor.userId },
    ]);
  });

  it('an edit of a hidden item tells nobody; only its author edits it; a new non-member is refused', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      await tx.query(EDIT_POST, [POST.hiddenMentorAnswer, [admin.userId]]);
      const hidden = (await toldAbout(tx, THREAD.open, POST.hiddenMentorAnswer)).filter((n) => n.kind === 'mention');
      await becomePersona(tx, admin);
      const byOther = (await tx.query(EDIT_POST, [POST.mentorAnswer, [moderator.userId]])).affectedRows;
      await becomePersona(tx, mentor);
      const outsider = await attempt(tx, EDIT_POST, [POST.mentorAnswer, [memberB.userId]]);
      return { hidden, byOther, outsider };
    });
    expect(outcome).toEqual({ hidden: [], byOther: 0, outsider: NOT_MEMBERS });
  });

  it('a member who has left since does not block an edit of the other mentions', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      await tx.query(EDIT_POST, [POST.mentorAnswer, [moderator.userId]]);
      await tx.exec('reset role');
      await tx.query('delete from public.members where org_id = $1 and user_id = $2', [ORG_A, moderator.userId]);
      await becomePersona(tx, mentor);
      const kept = await attempt(tx, EDIT_POST, [POST.mentorAnswer, [moderator.userId, admin.userId]]);
      const added = await attempt(tx, EDIT_POST, [POST.mentorAnswer, [moderator.userId, learner.userId]]);
      const stored = (await tx.query('select mentioned_user_ids from posts where id = $1', [POST.mentorAnswer])).rows;
      const readd = await attempt(tx, EDIT_POST, [POST.mentorAnswer, [admin.userId]]);
      const back = await attempt(tx, EDIT_POST, [POST.mentorAnswer, [admin.userId, moderator.userId]]);
      return { kept, added, stored, readd, back };
    });
    expect(outcome).toEqual({
      kept: 'done',
      added: 'done',
      stored: [{ mentioned_user_ids: [moderator.userId, learner.userId] }],
      readd: 'done',
      back: NOT_MEMBERS,
    });
  });
});
