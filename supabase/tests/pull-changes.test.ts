/**
 * pull_changes, the offline cache's delta pull, as each persona: it returns exactly what RLS lets the
 * persona read (and tombstones, without content, for what it may no longer read), pages in one
 * keyset order without skipping or repeating rows that share an updated_at, reports only changes
 * after the cursor, and never anything of another org.
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

interface Change {
  kind: 'thread' | 'post' | 'vote';
  id: string;
  updated_at: string;
  op: 'upsert' | 'hidden' | 'deleted';
  data: Record<string, unknown> | null;
}

// Timestamps as text, exactly as the client keeps its cursor (a JS Date would drop microseconds).
const PULL = `select kind, id, updated_at::text as updated_at, op, data
  from pull_changes($1::timestamptz, $2::uuid, $3::text, $4::integer)`;

type Cursor = [string | null, string | null, string | null];
const START: Cursor = [null, null, null];
const cursorAfter = (row: Change): Cursor => [row.updated_at, row.id, row.kind];

async function pullIn(tx: Transaction, cursor: Cursor = START, maxRows = 1000): Promise<Change[]> {
  return (await tx.query<Change>(PULL, [...cursor, maxRows])).rows;
}

/** Pages through everything after `cursor`, `pageSize` rows at a time. */
async function pullAllIn(tx: Transaction, pageSize: number, cursor: Cursor = START): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const page = await pullIn(tx, cursor, pageSize);
    all.push(...page);
    if (page.length < pageSize) return all;
    cursor = cursorAfter(page.at(-1)!);
  }
}

const pull = (persona: Persona) => asPersona(db, persona, (tx) => pullIn(tx));
const summary = (rows: Change[]) => rows.map((row) => `${row.kind} ${row.op} ${row.id}`).sort();
const idsOf = async (persona: Persona, table: string) =>
  (await rowsAs<{ id: string }>(db, persona, `select id from ${table}`)).map((row) => row.id).sort();

describe('pull_changes from the start', () => {
  it("gives a learner their org's threads, posts and own votes, with tombstones for what they cannot read", async () => {
    const rows = await pull(learner);
    expect(summary(rows)).toEqual(
      [
        `thread upsert ${THREAD.open}`,
        `thread upsert ${THREAD.byMentor}`,
        // The learner's own hidden question stays readable to them, as in RLS.
        `thread upsert ${THREAD.hidden}`,
        `thread upsert ${THREAD.locked}`,
        `thread deleted ${THREAD.deleted}`,
        `post upsert ${POST.mentorAnswer}`,
        `post upsert ${POST.adminAnswer}`,
        `post upsert ${POST.learnerAnswerToMentor}`,
        `post upsert ${POST.adminAnswerOnLocked}`,
        `post hidden ${POST.hiddenMentorAnswer}`,
        `post upsert ${POST.learnerReply}`,
        `vote upsert ${VOTE.learnerUpOnMentorAnswer}`,
      ].sort(),
    );
  });

  it('returns content for exactly the rows each persona can select directly, and tombstones for the rest', async () => {
    for (const persona of [learner, mentor, moderator, admin, memberB]) {
      const rows = await pull(persona);
      const upserts = (kind: string) =>
        rows
          .filter((row) => row.kind === kind && row.op === 'upsert')
          .map((row) => row.id)
          .sort();
      expect(upserts('thread'), persona.label).toEqual(await idsOf(persona, 'threads'));
      expect(upserts('post'), persona.label).toEqual(await idsOf(persona, 'posts'));
      expect(upserts('vote'), persona.label).toEqual(await idsOf(persona, 'votes'));
      for (const row of rows) {
        expect(row.data === null, `${persona.label} ${row.kind} ${row.id}`).toBe(row.op !== 'upsert');
        if (row.data) expect(row.data.id).toBe(row.id);
      }
    }
  });

  it('moderators get hidden rows with their content; the deleted thread is a tombstone for everyone', async () => {
    const rows = await pull(moderator);
    expect(rows.find((row) => row.id === POST.hiddenMentorAnswer)).toMatchObject({
      op: 'upsert',
      data: { body: 'Hidden answer' },
    });
    expect(rows.find((row) => row.id === THREAD.hidden)).toMatchObject({ op: 'upsert' });
    expect(rows.find((row) => row.id === THREAD.deleted)).toMatchObject({ op: 'deleted', data: null });
  });

  it('never leaks the content of a hidden or deleted row', async () => {
    for (const persona of [learner, memberB]) {
      const text = JSON.stringify(await pull(persona));
      expect(text).not.toContain('Hidden answer');
      expect(text).not.toContain('Deleted question');
    }
    // The mentor reads their own hidden answer, not the learner's hidden question.
    const mentorText = JSON.stringify(await pull(mentor));
    expect(mentorText).toContain('Hidden answer');
    expect(mentorText).not.toContain('Hidden question');
  });

  it("never returns another org's rows, and nothing to a non-member; anon cannot call it", async () => {
    const rows = await pull(memberB);
    expect(summary(rows)).toEqual([`post upsert ${POST.orgB}`, `thread upsert ${THREAD.orgB}`]);
    expect(rows.every((row) => row.data?.org_id === ORG_B)).toBe(true);
    expect((await pull(learner)).some((row) => row.data?.org_id === ORG_B)).toBe(false);
    expect(await pull(stranger)).toEqual([]);
    expect(await denialAs(db, anon, PULL, [...START, 10])).toEqual({
      code: '42501',
      message: 'permission denied for function pull_changes',
    });
  });
});

describe('pull_changes paging', () => {
  it('returns one keyset order, (updated_at, id, kind), with most fixture rows sharing one updated_at', async () => {
    const rows = await pull(admin);
    const keys = rows.map((row) => [row.updated_at, row.id, row.kind].join(' '));
    expect(keys).toEqual([...keys].sort());
    // The fixtures were written in one transaction: the ties are the point of the next test.
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.updated_at, (counts.get(row.updated_at) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(5);
  });

  it('pages of any size neither skip nor repeat rows that share an updated_at', async () => {
    for (const persona of [learner, moderator]) {
      const everything = await pull(persona);
      for (const size of [1, 2, 3, 5]) {
        const paged = await asPersona(db, persona, (tx) => pullAllIn(tx, size));
        expect(paged, `${persona.label}, pages of ${size}`).toEqual(everything);
      }
    }
  });

  it('a thread and a post with the same id and updated_at are both delivered (the kind breaks the tie)', async () => {
    const sharedId = crypto.randomUUID();
    const paged = await asPersona(db, admin, async (tx) => {
      await tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'Same id')`, [
        sharedId,
        ORG_A,
        'moodle|lms.example.edu|101',
      ]);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $1, 'Same id too')`, [
        sharedId,
        ORG_A,
      ]);
      return pullAllIn(tx, 1);
    });
    expect(paged.filter((row) => row.id === sharedId).map((row) => row.kind)).toEqual(['post', 'thread']);
  });

  it('clamps max_rows to 1..1000 and refuses an unknown cursor kind', async () => {
    expect(await asPersona(db, admin, (tx) => pullIn(tx, START, 0))).toHaveLength(1);
    expect(await denialAs(db, learner, PULL, [new Date().toISOString(), THREAD.open, 'place', 10])).toEqual({
      code: '22023',
      message: 'since_kind must be thread, post or vote (the kind of the last row pulled).',
    });
  });
});

describe('pull_changes after a cursor', () => {
  /** Pulls to the end as `persona`, runs `change` (as whoever it chooses), then pulls again as `persona`. */
  async function changesAfter(persona: Persona, change: (tx: Transaction) => Promise<void>): Promise<Change[]> {
    return asPersona(db, persona, async (tx) => {
      const before = await pullIn(tx);
      await change(tx);
      await becomePersona(tx, persona);
      return pullIn(tx, cursorAfter(before.at(-1)!));
    });
  }

  it('returns nothing when nothing changed', async () => {
    expect(await changesAfter(learner, async () => {})).toEqual([]);
  });

  it('an edit, a new answer and a vote each bump updated_at, and only they come back', async () => {
    const newAnswer = crypto.randomUUID();
    const rows = await changesAfter(learner, async (tx) => {
      await becomePersona(tx, mentor);
      await tx.query(`update posts set body = 'Mentor answer, edited' where id = $1`, [POST.mentorAnswer]);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'New answer')`, [
        newAnswer,
        ORG_A,
        THREAD.open,
      ]);
      await becomePersona(tx, admin);
      // A vote changes the post's score, which the cache must learn.
      await tx.query(`insert into votes (id, org_id, post_id, value) values ($1, $2, $3, 1)`, [
        crypto.randomUUID(),
        ORG_A,
        POST.learnerAnswerToMentor,
      ]);
    });
    expect(summary(rows)).toEqual(
      [
        `post upsert ${POST.mentorAnswer}`,
        `post upsert ${newAnswer}`,
        `post upsert ${POST.learnerAnswerToMentor}`,
      ].sort(),
    );
    expect(rows.find((row) => row.id === POST.mentorAnswer)?.data).toMatchObject({ body: 'Mentor answer, edited' });
    expect(rows.find((row) => row.id === POST.learnerAnswerToMentor)?.data).toMatchObject({ score: 2 });
  });

  it('a post hidden since the cursor is a content-free tombstone for members, and comes back when restored', async () => {
    const hide = async (tx: Transaction) => {
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('post', $1, 'hide', 'Off topic')`, [POST.adminAnswer]);
    };
    expect(await changesAfter(learner, hide)).toEqual([
      expect.objectContaining({ kind: 'post', id: POST.adminAnswer, op: 'hidden', data: null }),
    ]);
    expect(await changesAfter(admin, hide)).toEqual([
      expect.objectContaining({ kind: 'post', id: POST.adminAnswer, op: 'upsert' }),
    ]);
    const restored = await changesAfter(learner, async (tx) => {
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('post', $1, 'restore', 'Fine after all')`, [POST.hiddenMentorAnswer]);
    });
    expect(restored).toEqual([
      expect.objectContaining({ id: POST.hiddenMentorAnswer, op: 'upsert', data: expect.objectContaining({}) }),
    ]);
  });

  it('a thread deleted since the cursor is a tombstone, and so is each of its posts', async () => {
    const rows = await changesAfter(mentor, async (tx) => {
      await becomePersona(tx, learner);
      await tx.query(`select delete_content('thread', $1)`, [THREAD.open]);
    });
    expect(summary(rows)).toEqual(
      [
        `thread deleted ${THREAD.open}`,
        `post deleted ${POST.mentorAnswer}`,
        `post deleted ${POST.adminAnswer}`,
        `post deleted ${POST.hiddenMentorAnswer}`,
        `post deleted ${POST.learnerReply}`,
      ].sort(),
    );
    expect(rows.every((row) => row.data === null)).toBe(true);
  });

  it('a withdrawn vote is a tombstone for the voter only; a hard-deleted thread is one for everyone', async () => {
    const withdraw = async (tx: Transaction) => {
      await becomePersona(tx, learner);
      await tx.query('delete from votes where id = $1', [VOTE.learnerUpOnMentorAnswer]);
    };
    expect(await changesAfter(learner, withdraw)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'vote', id: VOTE.learnerUpOnMentorAnswer, op: 'deleted', data: null }),
      ]),
    );
    const seenByMentor = await changesAfter(mentor, withdraw);
    expect(seenByMentor.map((row) => row.id)).toEqual([POST.mentorAnswer]);

    const purged = await changesAfter(learner, async (tx) => {
      await tx.exec('reset role');
      await tx.query('delete from threads where id = $1', [THREAD.byMentor]);
      await tx.exec('set local role authenticated');
    });
    expect(summary(purged)).toEqual([
      `post deleted ${POST.learnerAnswerToMentor}`,
      `thread deleted ${THREAD.byMentor}`,
    ]);
  });

  it('stops at its horizon: a row stamped later than the pull is left for the next pull', async () => {
    // As if written by a transaction that started after this pull read its horizon (a provisioning
    // insert can stamp any updated_at; the API cannot).
    const future = crypto.randomUUID();
    const rows = await changesAfter(learner, async (tx) => {
      await tx.exec('reset role');
      await tx.query(
        `insert into threads (id, org_id, place_key, title, updated_at)
         values ($1, $2, 'moodle|lms.example.edu|101', 'From the future', now() + interval '1 hour')`,
        [future, ORG_A],
      );
      await tx.exec('set local role authenticated');
    });
    expect(rows).toEqual([]);
  });

  it("another org's changes never show up", async () => {
    const rows = await changesAfter(memberB, async (tx) => {
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('thread', $1, 'lock', 'Enough said')`, [THREAD.open]);
      await tx.query(`select delete_content('post', $1)`, [POST.adminAnswer]);
    });
    expect(rows).toEqual([]);
  });
});
