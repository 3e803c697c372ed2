/**
 * Edit history (revisions), as each persona of both orgs: an edit of a question's title, body or tags
 * or of a post's body keeps the version it replaces (who replaced it, when it was written); who reads
 * a history (exactly who reads the item: hidden items' history only their author and moderators,
 * deleted items' nobody); that nobody writes it; and that an item keeps at most 50 versions.
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

const denial = (code: string, message: string) => ({ code, message });
const DENIED = denial('42501', 'permission denied for table revisions');

interface Revision {
  org_id: string;
  thread_id: string;
  post_id: string | null;
  version: number;
  title: string | null;
  tags: string[] | null;
  body: string;
  written_at: Date;
  replaced_by: string | null;
  replaced_at: Date;
}

const HISTORY = `select org_id, thread_id, post_id, version, title, tags, body, written_at, replaced_by, replaced_at
  from revisions where thread_id = $1 and post_id is not distinct from $2 order by version`;
const history = async (tx: Transaction, thread: string, post: string | null = null) =>
  (await tx.query<Revision>(HISTORY, [thread, post])).rows;

const EDIT_POST = 'update posts set body = $2 where id = $1';
const EDIT_THREAD = 'update threads set title = $2, body = $3, tags = $4 where id = $1';

const EVERYONE: Persona[] = [learner, mentor, moderator, admin, memberB, stranger];

/** How many revisions of the item each persona reads (ends acting as the last one). */
async function readers(tx: Transaction, thread: string, post: string | null = null) {
  const seen: Record<string, number> = {};
  for (const persona of EVERYONE) {
    await becomePersona(tx, persona);
    seen[persona.label] = (await history(tx, thread, post)).length;
  }
  return seen;
}

describe('keeping versions', () => {
  it('an edit of a post’s body keeps the text it replaced, numbered, with who replaced it and when it was written', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const before = (
        await tx.query<{ created_at: Date }>('select created_at from posts where id = $1', [POST.mentorAnswer])
      ).rows[0]!;
      await tx.query(EDIT_POST, [POST.mentorAnswer, 'Mentor answer, clarified']);
      const firstEdit = (
        await tx.query<{ edited_at: Date }>('select edited_at from posts where id = $1', [POST.mentorAnswer])
      ).rows[0]!;
      await tx.query(EDIT_POST, [POST.mentorAnswer, 'Mentor answer, clarified twice']);
      const now = (await tx.query<{ now: Date }>('select now()')).rows[0]!.now;
      return { before, firstEdit, now, rows: await history(tx, THREAD.open, POST.mentorAnswer) };
    });
    expect(outcome.rows).toEqual([
      {
        org_id: ORG_A,
        thread_id: THREAD.open,
        post_id: POST.mentorAnswer,
        version: 1,
        title: null,
        tags: null,
        body: 'Mentor answer',
        written_at: outcome.before.created_at,
        replaced_by: mentor.userId,
        replaced_at: outcome.now,
      },
      {
        org_id: ORG_A,
        thread_id: THREAD.open,
        post_id: POST.mentorAnswer,
        version: 2,
        title: null,
        tags: null,
        body: 'Mentor answer, clarified',
        written_at: outcome.firstEdit.edited_at,
        replaced_by: mentor.userId,
        replaced_at: outcome.now,
      },
    ]);
  });

  it('an edit of a question keeps its title, body and tags; only a change of them counts as an edit', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await tx.query(EDIT_THREAD, [THREAD.open, 'Open question, rephrased', 'Some context', ['stats']]);
      await tx.query(EDIT_THREAD, [THREAD.open, 'Open question, rephrased', 'Some context', ['stats']]);
      await tx.query('update threads set mentioned_user_ids = $2 where id = $1', [THREAD.open, [mentor.userId]]);
      await tx.query(EDIT_THREAD, [THREAD.open, 'Open question, rephrased', 'Some context', ['stats', 'quiz-1']]);
      await tx.query(EDIT_POST, [POST.learnerReply, 'Thanks!']);
      return {
        rows: (await history(tx, THREAD.open)).map(({ version, title, body, tags, post_id, replaced_by }) => ({
          version,
          title,
          body,
          tags,
          post_id,
          replaced_by,
        })),
        unchangedReply: await history(tx, THREAD.open, POST.learnerReply),
      };
    });
    expect(outcome).toEqual({
      rows: [
        { version: 1, title: 'Open question', body: '', tags: [], post_id: null, replaced_by: learner.userId },
        {
          version: 2,
          title: 'Open question, rephrased',
          body: 'Some context',
          tags: ['stats'],
          post_id: null,
          replaced_by: learner.userId,
        },
      ],
      unchangedReply: [],
    });
  });

  it('nobody else can edit, so nobody else adds history; org B’s history is its own', async () => {
    const outcome = await asPersona(db, moderator, async (tx) => {
      const byModerator = (await tx.query(EDIT_POST, [POST.mentorAnswer, 'Rewritten by a moderator'])).affectedRows;
      await becomePersona(tx, memberB);
      const byOtherOrg = (await tx.query(EDIT_POST, [POST.mentorAnswer, 'Rewritten from org B'])).affectedRows;
      await tx.query(EDIT_POST, [POST.orgB, 'Org B answer, edited']);
      const orgB = (await history(tx, THREAD.orgB, POST.orgB)).map((row) => [row.org_id, row.body]);
      await becomePersona(tx, admin);
      return {
        byModerator,
        byOtherOrg,
        orgB,
        seenInA: (await tx.query('select 1 from revisions')).rows.length,
      };
    });
    expect(outcome).toEqual({ byModerator: 0, byOtherOrg: 0, orgB: [[ORG_B, 'Org B answer']], seenInA: 0 });
  });

  it('keeps the first version and the 49 latest: at most 50 per item', async () => {
    const versions = await asPersona(db, mentor, async (tx) => {
      for (let n = 1; n <= 60; n++) await tx.query(EDIT_POST, [POST.mentorAnswer, `Edit ${n}`]);
      return (await history(tx, THREAD.open, POST.mentorAnswer)).map((row) => [row.version, row.body]);
    });
    expect(versions).toHaveLength(50);
    expect(versions[0]).toEqual([1, 'Mentor answer']);
    expect(versions[1]).toEqual([12, 'Edit 11']);
    expect(versions.at(-1)).toEqual([60, 'Edit 59']);
  });
});

describe('reading history', () => {
  it('of a visible item: every member of its org; not org B, a non-member or anon', async () => {
    const seen = await asPersona(db, mentor, async (tx) => {
      await tx.query(EDIT_POST, [POST.mentorAnswer, 'Edited']);
      await becomePersona(tx, learner);
      await tx.query(EDIT_THREAD, [THREAD.open, 'Open question?', '', []]);
      return { post: await readers(tx, THREAD.open, POST.mentorAnswer), question: await readers(tx, THREAD.open) };
    });
    const expected = {
      [learner.label]: 1,
      [mentor.label]: 1,
      [moderator.label]: 1,
      [admin.label]: 1,
      [memberB.label]: 0,
      [stranger.label]: 0,
    };
    expect(seen).toEqual({ post: expected, question: expected });
    expect(await denialAs(db, anon, 'select * from revisions')).toEqual(DENIED);
  });

  it('of a hidden post or question: its author and moderators only; restored, everyone again', async () => {
    const seen = await asPersona(db, mentor, async (tx) => {
      await tx.query(EDIT_POST, [POST.hiddenMentorAnswer, 'Hidden answer, edited']);
      await becomePersona(tx, learner);
      await tx.query(EDIT_THREAD, [THREAD.hidden, 'Hidden question, edited', '', []]);
      const hidden = {
        post: await readers(tx, THREAD.open, POST.hiddenMentorAnswer),
        question: await readers(tx, THREAD.hidden),
      };
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('post', $1, 'restore', 'Fine')`, [POST.hiddenMentorAnswer]);
      return { hidden, restored: await readers(tx, THREAD.open, POST.hiddenMentorAnswer) };
    });
    expect(seen).toEqual({
      hidden: {
        post: {
          [learner.label]: 0,
          [mentor.label]: 1,
          [moderator.label]: 1,
          [admin.label]: 1,
          [memberB.label]: 0,
          [stranger.label]: 0,
        },
        question: {
          [learner.label]: 1,
          [mentor.label]: 0,
          [moderator.label]: 1,
          [admin.label]: 1,
          [memberB.label]: 0,
          [stranger.label]: 0,
        },
      },
      restored: {
        [learner.label]: 1,
        [mentor.label]: 1,
        [moderator.label]: 1,
        [admin.label]: 1,
        [memberB.label]: 0,
        [stranger.label]: 0,
      },
    });
  });

  it('of a deleted item: nobody, its author and moderators included', async () => {
    const seen = await asPersona(db, mentor, async (tx) => {
      await tx.query(EDIT_POST, [POST.mentorAnswer, 'Edited, then deleted']);
      await tx.query(`select delete_content('post', $1)`, [POST.mentorAnswer]);
      await becomePersona(tx, learner);
      await tx.query(EDIT_THREAD, [THREAD.open, 'Edited, then deleted', '', []]);
      await tx.query(`select delete_content('thread', $1)`, [THREAD.open]);
      return { post: await readers(tx, THREAD.open, POST.mentorAnswer), question: await readers(tx, THREAD.open) };
    });
    const nobody = Object.fromEntries(EVERYONE.map((persona) => [persona.label, 0]));
    expect(seen).toEqual({ post: nobody, question: nobody });
  });
});

describe('writing history', () => {
  it('nobody writes, changes or deletes it through the API', async () => {
    const rows = await rowsAs<{ id: string }>(db, learner, 'select id from revisions');
    expect(rows).toEqual([]);
    const statements = [
      [
        `insert into revisions (org_id, thread_id, version, title, tags, body, written_at)
         values ($1, $2, 1, 'Fake', '{}', 'Fake', now())`,
        [ORG_A, THREAD.open],
      ],
      [`update revisions set body = 'Rewritten'`, []],
      [`delete from revisions`, []],
    ] as const;
    for (const persona of [learner, mentor, moderator, admin, memberB]) {
      for (const [sql, params] of statements) {
        expect(await denialAs(db, persona, sql, [...params])).toEqual(DENIED);
      }
    }
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

  it('a post’s history and a question’s own history are served by indexes', async () => {
    expect(await planOf('select * from revisions where post_id = $1 order by version', [POST.mentorAnswer])).toContain(
      'revisions_post_id_version_idx',
    );
    expect(
      await planOf('select * from revisions where thread_id = $1 and post_id is null order by version', [THREAD.open]),
    ).toContain('revisions_one_per_version');
  });
});
