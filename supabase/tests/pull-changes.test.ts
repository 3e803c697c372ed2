/**
 * pull_changes, the offline cache's delta pull, as each persona: it returns exactly what RLS lets the
 * persona read (and tombstones, without content, for what it may no longer read), pages in one
 * keyset order without skipping or repeating rows that share an updated_at, reports only changes
 * after the cursor, and never anything of another org. Also peer reviews (the kinds a client asks
 * for) and tombstone retention: private.prune_deleted_rows and the PT410 refusal of a cursor older
 * than what was pruned.
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
  PLACE_KEY,
  POST,
  stranger,
  THREAD,
  VOTE,
} from './support/personas';

let db: PGlite;

/** Review requests and reviews of both orgs, written as postgres (the RPCs are tested in reviews.test.ts). */
const rid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const REQUEST = {
  /** By the learner, open; reviewed by the mentor and the admin. */
  open: rid('5a000000', 1),
  /** By the learner, closed; reviewed by the mentor and the moderator. */
  closed: rid('5a000000', 2),
  /** By the mentor, open; reviewed by the learner. */
  byMentor: rid('5a000000', 3),
  /** Org B's, at the lesson key org A shares. */
  orgB: rid('5b000000', 1),
};
const REVIEW = {
  mentorOnOpen: rid('6a000000', 1),
  adminOnOpen: rid('6a000000', 2),
  mentorOnClosed: rid('6a000000', 3),
  moderatorOnClosed: rid('6a000000', 4),
  learnerOnMentors: rid('6a000000', 5),
};

async function loadReviewFixtures(): Promise<void> {
  const rubric = `'["Clarity", "Evidence"]'`;
  const scores = `'{"Clarity": 4, "Evidence": 3}'`;
  await db.exec(`
    insert into public.review_requests (id, org_id, requester_id, place_key, title, work_url, work_text, rubric, closed_at)
    values
      ('${REQUEST.open}', '${ORG_A}', '${learner.userId}', '${PLACE_KEY}', 'Open essay', 'https://docs.example.com/open', null, ${rubric}, null),
      ('${REQUEST.closed}', '${ORG_A}', '${learner.userId}', null, 'Closed lab report', null, 'Private findings', ${rubric}, now()),
      ('${REQUEST.byMentor}', '${ORG_A}', '${mentor.userId}', null, 'Mentor slides', 'https://docs.example.com/slides', null, ${rubric}, null),
      ('${REQUEST.orgB}', '${ORG_B}', '${memberB.userId}', '${PLACE_KEY}', 'Org B essay', null, 'Org B text', ${rubric}, null);

    insert into public.reviews (id, org_id, request_id, reviewer_id, scores, comment) values
      ('${REVIEW.mentorOnOpen}', '${ORG_A}', '${REQUEST.open}', '${mentor.userId}', ${scores}, 'Mentor on open'),
      ('${REVIEW.adminOnOpen}', '${ORG_A}', '${REQUEST.open}', '${admin.userId}', ${scores}, 'Admin on open'),
      ('${REVIEW.mentorOnClosed}', '${ORG_A}', '${REQUEST.closed}', '${mentor.userId}', ${scores}, 'Mentor on closed'),
      ('${REVIEW.moderatorOnClosed}', '${ORG_A}', '${REQUEST.closed}', '${moderator.userId}', ${scores}, 'Moderator on closed'),
      ('${REVIEW.learnerOnMentors}', '${ORG_A}', '${REQUEST.byMentor}', '${learner.userId}', ${scores}, 'Learner on slides');
  `);
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await loadReviewFixtures();
});

afterAll(async () => {
  await db?.close();
});

type Kind = 'thread' | 'post' | 'vote' | 'review_request' | 'review';

interface Change {
  kind: Kind;
  id: string;
  updated_at: string;
  op: 'upsert' | 'hidden' | 'deleted';
  data: Record<string, unknown> | null;
}

// Timestamps as text, exactly as the client keeps its cursor (a JS Date would drop microseconds).
// Without kinds, exactly as today's extension calls it (four arguments).
const PULL = `select kind, id, updated_at::text as updated_at, op, data
  from pull_changes($1::timestamptz, $2::uuid, $3::text, $4::integer)`;
const PULL_KINDS = `select kind, id, updated_at::text as updated_at, op, data
  from pull_changes($1::timestamptz, $2::uuid, $3::text, $4::integer, $5::text[])`;
// With complete_through: when the client's cache last caught up (the tombstone retention check).
const PULL_V2 = `select kind, id, updated_at::text as updated_at, op, data
  from pull_changes($1::timestamptz, $2::uuid, $3::text, $4::integer, $5::text[], $6::timestamptz)`;
const REVIEW_KINDS: Kind[] = ['review_request', 'review'];
const ALL_KINDS: Kind[] = ['thread', 'post', 'vote', 'review_request', 'review'];

type Cursor = [string | null, string | null, string | null];
const START: Cursor = [null, null, null];
const cursorAfter = (row: Change): Cursor => [row.updated_at, row.id, row.kind];

/** One page; `kinds` undefined calls the four-argument form (the default kinds). */
async function pullIn(tx: Transaction, cursor: Cursor = START, maxRows = 1000, kinds?: Kind[]): Promise<Change[]> {
  const result = kinds
    ? await tx.query<Change>(PULL_KINDS, [...cursor, maxRows, kinds])
    : await tx.query<Change>(PULL, [...cursor, maxRows]);
  return result.rows;
}

/** Pages through everything after `cursor`, `pageSize` rows at a time. */
async function pullAllIn(tx: Transaction, pageSize: number, cursor: Cursor = START, kinds?: Kind[]): Promise<Change[]> {
  const all: Change[] = [];
  for (;;) {
    const page = await pullIn(tx, cursor, pageSize, kinds);
    all.push(...page);
    if (page.length < pageSize) return all;
    cursor = cursorAfter(page.at(-1)!);
  }
}

const pull = (persona: Persona, kinds?: Kind[]) => asPersona(db, persona, (tx) => pullIn(tx, START, 1000, kinds));
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
      const rows = await pull(persona, ALL_KINDS);
      const upserts = (kind: string) =>
        rows
          .filter((row) => row.kind === kind && row.op === 'upsert')
          .map((row) => row.id)
          .sort();
      expect(upserts('thread'), persona.label).toEqual(await idsOf(persona, 'threads'));
      expect(upserts('post'), persona.label).toEqual(await idsOf(persona, 'posts'));
      expect(upserts('vote'), persona.label).toEqual(await idsOf(persona, 'votes'));
      expect(upserts('review_request'), persona.label).toEqual(await idsOf(persona, 'review_requests'));
      expect(upserts('review'), persona.label).toEqual(await idsOf(persona, 'reviews'));
      // Every readable row is an upsert; everything else of the org is a tombstone, never missing.
      const own = persona === memberB ? ORG_B : ORG_A;
      for (const [kind, table] of [
        ['review_request', 'review_requests'],
        ['review', 'reviews'],
      ] as const) {
        const everyId = (
          await db.query<{ id: string }>(`select id from public.${table} where org_id = $1 order by id`, [own])
        ).rows.map((row) => row.id);
        expect(
          rows
            .filter((row) => row.kind === kind)
            .map((row) => row.id)
            .sort(),
          `${persona.label} ${kind}`,
        ).toEqual(everyId);
      }
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
      message: 'since_kind must be thread, post, vote, review_request or review (the kind of the last row pulled).',
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

describe('pull_changes with peer reviews', () => {
  it('streams review kinds only to a client that asks; the four-argument call is what it always was', async () => {
    const defaults = await pull(learner);
    expect(new Set(defaults.map((row) => row.kind))).toEqual(new Set(['thread', 'post', 'vote']));
    expect(await pull(learner, ['thread', 'post', 'vote'])).toEqual(defaults);
    const reviews = await pull(learner, REVIEW_KINDS);
    expect(new Set(reviews.map((row) => row.kind))).toEqual(new Set(REVIEW_KINDS));
    expect(await pull(learner, ['review'])).toEqual(reviews.filter((row) => row.kind === 'review'));
    const everything = await pull(learner, ALL_KINDS);
    expect(summary(everything)).toEqual(summary([...defaults, ...reviews]));
    // One function, so PostgREST and Postgres never have two overloads to choose between.
    const overloads = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_proc where proname = 'pull_changes' and pronamespace = 'public'::regnamespace`,
    );
    expect(overloads.rows).toEqual([{ n: 1 }]);
  });

  it('gives each persona the rows the review policies let them read, and tombstones for a closed request', async () => {
    expect(summary(await pull(learner, REVIEW_KINDS))).toEqual(
      [
        `review_request upsert ${REQUEST.open}`,
        // The requester still reads their closed request and its reviews.
        `review_request upsert ${REQUEST.closed}`,
        `review_request upsert ${REQUEST.byMentor}`,
        `review upsert ${REVIEW.mentorOnOpen}`,
        `review upsert ${REVIEW.adminOnOpen}`,
        `review upsert ${REVIEW.mentorOnClosed}`,
        `review upsert ${REVIEW.moderatorOnClosed}`,
        `review upsert ${REVIEW.learnerOnMentors}`,
      ].sort(),
    );
    expect(summary(await pull(mentor, REVIEW_KINDS))).toEqual(
      [
        `review_request upsert ${REQUEST.open}`,
        `review_request hidden ${REQUEST.closed}`,
        `review_request upsert ${REQUEST.byMentor}`,
        `review upsert ${REVIEW.mentorOnOpen}`,
        `review upsert ${REVIEW.adminOnOpen}`,
        // A reviewer always reads their own review; not a peer's of a closed request.
        `review upsert ${REVIEW.mentorOnClosed}`,
        `review hidden ${REVIEW.moderatorOnClosed}`,
        `review upsert ${REVIEW.learnerOnMentors}`,
      ].sort(),
    );
    // Moderators and admins have no special right to read peer reviews.
    const byAdmin = await pull(admin, REVIEW_KINDS);
    expect(byAdmin.filter((row) => row.op === 'hidden').map((row) => row.id)).toEqual(
      expect.arrayContaining([REQUEST.closed, REVIEW.mentorOnClosed, REVIEW.moderatorOnClosed]),
    );
    expect(summary(await pull(memberB, ALL_KINDS))).toEqual(
      [`post upsert ${POST.orgB}`, `review_request upsert ${REQUEST.orgB}`, `thread upsert ${THREAD.orgB}`].sort(),
    );
    expect(await pull(stranger, ALL_KINDS)).toEqual([]);
    expect(await denialAs(db, anon, PULL_KINDS, [...START, 10, REVIEW_KINDS])).toEqual({
      code: '42501',
      message: 'permission denied for function pull_changes',
    });
  });

  it('never leaks the content of a closed request, or of its reviews, to a peer', async () => {
    for (const persona of [mentor, moderator, admin, memberB]) {
      const text = JSON.stringify(await pull(persona, ALL_KINDS));
      expect(text, persona.label).not.toContain('Private findings');
      expect(text, persona.label).not.toContain(persona === moderator ? 'Mentor on closed' : 'Moderator on closed');
      expect(text, persona.label).not.toContain(persona === memberB ? 'Open essay' : 'Org B essay');
    }
    const requester = JSON.stringify(await pull(learner, REVIEW_KINDS));
    expect(requester).toContain('Private findings');
    expect(requester).toContain('Moderator on closed');
  });

  it('pages review kinds with the rest in one keyset order, neither skipping nor repeating', async () => {
    for (const persona of [learner, mentor]) {
      const everything = await pull(persona, ALL_KINDS);
      const keys = everything.map((row) => [row.updated_at, row.id, row.kind].join(' '));
      expect(keys).toEqual([...keys].sort());
      for (const size of [1, 2, 4]) {
        const paged = await asPersona(db, persona, (tx) => pullAllIn(tx, size, START, ALL_KINDS));
        expect(paged, `${persona.label}, pages of ${size}`).toEqual(everything);
      }
    }
  });

  /** Pulls review kinds to the end as `persona`, runs `change`, then pulls them again after the cursor. */
  async function reviewChangesAfter(persona: Persona, change: (tx: Transaction) => Promise<void>) {
    return asPersona(db, persona, async (tx) => {
      const before = await pullIn(tx, START, 1000, ALL_KINDS);
      await change(tx);
      await becomePersona(tx, persona);
      return pullIn(tx, cursorAfter(before.at(-1)!), 1000, ALL_KINDS);
    });
  }

  const close = async (tx: Transaction) => {
    await becomePersona(tx, learner);
    await tx.query('select close_review_request($1)', [REQUEST.open]);
  };

  it('a request closed since the cursor comes back with its reviews: tombstones for peers, rows for the rest', async () => {
    // Closing touches the request's reviews, whose own rows did not change, so every cache hears of them.
    expect(summary(await reviewChangesAfter(mentor, close))).toEqual(
      [
        `review_request hidden ${REQUEST.open}`,
        `review upsert ${REVIEW.mentorOnOpen}`,
        `review hidden ${REVIEW.adminOnOpen}`,
      ].sort(),
    );
    const seenByRequester = await reviewChangesAfter(learner, close);
    expect(summary(seenByRequester)).toEqual(
      [
        `review_request upsert ${REQUEST.open}`,
        `review upsert ${REVIEW.mentorOnOpen}`,
        `review upsert ${REVIEW.adminOnOpen}`,
      ].sort(),
    );
    expect(seenByRequester.find((row) => row.kind === 'review_request')?.data).toMatchObject({
      closed_at: expect.any(String),
    });
    expect(await reviewChangesAfter(memberB, close)).toEqual([]);
  });

  it('a new review arrives; a hard-deleted request is a tombstone, and so is each of its reviews', async () => {
    const newReview = crypto.randomUUID();
    const reviewed = await reviewChangesAfter(learner, async (tx) => {
      await becomePersona(tx, moderator);
      await tx.query(`select submit_review($1, $2, '{"Clarity": 5, "Evidence": 5}', 'Solid')`, [
        newReview,
        REQUEST.byMentor,
      ]);
    });
    expect(reviewed).toEqual([expect.objectContaining({ kind: 'review', id: newReview, op: 'upsert' })]);

    const purged = await reviewChangesAfter(admin, async (tx) => {
      // A cascade, as when the mentor leaves the org: nobody deletes requests through the API.
      await tx.exec('reset role');
      await tx.query('delete from public.review_requests where id = $1', [REQUEST.byMentor]);
    });
    expect(summary(purged)).toEqual([
      `review deleted ${REVIEW.learnerOnMentors}`,
      `review_request deleted ${REQUEST.byMentor}`,
    ]);
    expect(purged.every((row) => row.data === null)).toBe(true);
    // Not asked for review kinds: not told of their tombstones either.
    const withDefaults = await asPersona(db, admin, async (tx) => {
      const before = await pullIn(tx);
      await tx.exec('reset role');
      await tx.query('delete from public.review_requests where id = $1', [REQUEST.byMentor]);
      await becomePersona(tx, admin);
      return pullIn(tx, cursorAfter(before.at(-1)!));
    });
    expect(withDefaults).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown kind',
      ['thread', 'comment'],
      'Peerside cannot sync "comment": ask for thread, post, vote, review_request or review.',
    ],
    [
      'a null kind',
      ['thread', null],
      'Peerside cannot sync "null": ask for thread, post, vote, review_request or review.',
    ],
    ['no kinds', [], 'Ask for at least one kind: thread, post, vote, review_request or review.'],
    ['kinds of null', null, 'Ask for at least one kind: thread, post, vote, review_request or review.'],
  ])('refuses %s (22023)', async (_label, kinds, message) => {
    expect(await denialAs(db, learner, PULL_KINDS, [...START, 10, kinds])).toEqual({ code: '22023', message });
  });
});

describe('tombstone retention', () => {
  const TOO_OLD = {
    code: 'PT410',
    message: 'Your offline copy is too old to update; Peerside will download it again.',
  };

  /** Runs `work` as postgres in a transaction that is always rolled back. */
  const asPostgres = <T>(work: (tx: Transaction) => Promise<T>) =>
    db.transaction(async (tx) => {
      const result = await work(tx);
      await tx.rollback();
      return result;
    });

  /** Runs `sql` in a savepoint and returns its refusal, or its rows when it succeeds. */
  async function attempt(tx: Transaction, sql: string, params: unknown[]) {
    await tx.exec('savepoint attempt');
    try {
      const { rows } = await tx.query<Change>(sql, params);
      await tx.exec('release savepoint attempt');
      return rows;
    } catch (error) {
      await tx.exec('rollback to savepoint attempt');
      const { code, message } = error as { code: string; message: string };
      return { code, message };
    }
  }

  /** The parsed detail (JSON) of the refusal `sql` meets, in a savepoint. */
  async function detailOf(tx: Transaction, sql: string, params: unknown[]): Promise<unknown> {
    await tx.exec('savepoint refusal');
    try {
      await tx.query(sql, params);
      await tx.exec('release savepoint refusal');
      return 'no refusal';
    } catch (error) {
      await tx.exec('rollback to savepoint refusal');
      return JSON.parse((error as { detail?: string }).detail ?? 'null') as unknown;
    }
  }

  /** Tombstones as the triggers write them, `daysAgo` old. */
  async function tombstone(tx: Transaction, kind: Kind, org: string, daysAgo: number, userId: string | null = null) {
    const id = crypto.randomUUID();
    await tx.query(
      `insert into private.deleted_rows (kind, id, org_id, user_id, deleted_at)
       values ($1, $2, $3, $4, now() - make_interval(days => $5))`,
      [kind, id, org, userId, daysAgo],
    );
    return id;
  }

  const horizons = (tx: Transaction) =>
    tx
      .query<{ org_id: string; kind: string; days: number }>(
        `select org_id, kind, round(extract(epoch from now() - pruned_through) / 86400)::int as days
         from private.tombstone_horizons order by org_id, kind`,
      )
      .then((result) => result.rows);

  it('prunes tombstones older than the retention (90 days by default), keeps the rest, records each horizon', async () => {
    const outcome = await asPostgres(async (tx) => {
      await tombstone(tx, 'thread', ORG_A, 200);
      await tombstone(tx, 'thread', ORG_A, 120);
      const recent = await tombstone(tx, 'thread', ORG_A, 30);
      await tombstone(tx, 'vote', ORG_A, 95, learner.userId);
      await tombstone(tx, 'review', ORG_B, 91);
      // A tombstone of an org that is gone: pruned, with no horizon (nobody can pull that org).
      await tombstone(tx, 'post', crypto.randomUUID(), 400);
      const pruned = (await tx.query<{ n: number }>('select private.prune_deleted_rows() as n')).rows[0]!.n;
      const left = (await tx.query<{ id: string }>('select id from private.deleted_rows')).rows.map((row) => row.id);
      return { pruned, left, recent, horizons: await horizons(tx) };
    });
    expect(outcome.pruned).toBe(5);
    expect(outcome.left).toEqual([outcome.recent]);
    expect(outcome.horizons).toEqual(
      [
        { org_id: ORG_A, kind: 'thread', days: 120 },
        { org_id: ORG_A, kind: 'vote', days: 95 },
        { org_id: ORG_B, kind: 'review', days: 91 },
      ].sort((a, b) => (a.org_id + a.kind < b.org_id + b.kind ? -1 : 1)),
    );
  });

  it('only moves a horizon forward, and refuses a missing or negative retention (22023)', async () => {
    const outcome = await asPostgres(async (tx) => {
      await tombstone(tx, 'post', ORG_A, 10);
      const first = (await tx.query<{ n: number }>(`select private.prune_deleted_rows('5 days') as n`)).rows[0]!.n;
      // An older tombstone pruned later (a slow transaction's) does not move the horizon back.
      await tombstone(tx, 'post', ORG_A, 40);
      const second = (await tx.query<{ n: number }>(`select private.prune_deleted_rows('5 days') as n`)).rows[0]!.n;
      const again = (await tx.query<{ n: number }>(`select private.prune_deleted_rows('5 days') as n`)).rows[0]!.n;
      return {
        counts: [first, second, again],
        horizons: await horizons(tx),
        negative: await attempt(tx, `select private.prune_deleted_rows('-1 day')`, []),
        missing: await attempt(tx, 'select private.prune_deleted_rows(null)', []),
      };
    });
    expect(outcome.counts).toEqual([1, 1, 0]);
    expect(outcome.horizons).toEqual([{ org_id: ORG_A, kind: 'post', days: 10 }]);
    const refusal = { code: '22023', message: "Give a retention of zero or more, such as interval '90 days'." };
    expect(outcome.negative).toEqual(refusal);
    expect(outcome.missing).toEqual(refusal);
  });

  it('refuses a cache that last caught up before the horizon (PT410), for the kinds and org it covers', async () => {
    const outcome = await asPostgres(async (tx) => {
      await tombstone(tx, 'vote', ORG_A, 100, learner.userId);
      await tx.query('select private.prune_deleted_rows()');
      const shifted = async (interval: string) =>
        (
          await tx.query<{ at: string }>(
            `select (pruned_through + $1::interval)::text as at from private.tombstone_horizons`,
            [interval],
          )
        ).rows[0]!.at;
      const [before, at] = [await shifted('-1 microsecond'), await shifted('0')];
      // The cursor a client keeps paging with, and when it last caught up (complete_through).
      const caughtUpAt = (since: string, kinds: Kind[] = ['thread', 'post', 'vote']) => [
        since,
        THREAD.open,
        'thread',
        10,
        kinds,
        since,
      ];
      await becomePersona(tx, learner);
      const result = {
        before: await attempt(tx, PULL_V2, caughtUpAt(before)),
        detail: await detailOf(tx, PULL_V2, caughtUpAt(before)),
        withReviewKinds: await attempt(tx, PULL_V2, caughtUpAt(before, ['vote', 'review'])),
        // Every row at or before a caught-up cursor was delivered, the pruned one included.
        at: await attempt(tx, PULL_V2, caughtUpAt(at)),
        // A first download pages through cursors older than any horizon; it holds nothing deleted before it began.
        firstDownload: await attempt(tx, PULL_V2, [
          before,
          THREAD.open,
          'thread',
          10,
          ['thread', 'post', 'vote'],
          null,
        ]),
        // The extension before complete_through existed is never refused (it could not act on a 410).
        fourArguments: await attempt(tx, PULL, [before, THREAD.open, 'thread', 10]),
        // A client that does not sync votes lost nothing.
        withoutVotes: await attempt(tx, PULL_V2, caughtUpAt(before, ['thread', 'post'])),
      };
      await becomePersona(tx, memberB);
      const otherOrg = await attempt(tx, PULL_V2, caughtUpAt(before));
      await tx.exec('reset role');
      const detailIsHorizon = (
        await tx.query<{ same: boolean }>(
          `select ($1::jsonb ->> 'pruned_through')::timestamptz = pruned_through as same from private.tombstone_horizons`,
          [JSON.stringify(result.detail)],
        )
      ).rows[0]!.same;
      return { ...result, otherOrg, detailIsHorizon };
    });
    expect(outcome.before).toEqual(TOO_OLD);
    expect(outcome.withReviewKinds).toEqual(TOO_OLD);
    // The refusal says through when the pruned deletions go (to the microsecond).
    expect(outcome.detail).toEqual({ pruned_through: expect.any(String) });
    expect(outcome.detailIsHorizon).toBe(true);
    expect(outcome.at).toEqual(expect.any(Array));
    expect(outcome.firstDownload).toEqual(expect.any(Array));
    expect((outcome.firstDownload as Change[]).length).toBeGreaterThan(0);
    expect(outcome.fourArguments).toEqual(outcome.firstDownload);
    expect(outcome.withoutVotes).toEqual(expect.any(Array));
    expect((outcome.withoutVotes as Change[]).length).toBeGreaterThan(0);
    expect(outcome.otherOrg).toEqual(expect.any(Array));
  });

  it('lets a fresh download start complete through pruned_through, even when the newest change was the pruned deletion', async () => {
    const outcome = await asPostgres(async (tx) => {
      // Deleted after every row the fixtures wrote, then pruned: the org's newest change is gone.
      await tx.query(
        `insert into private.deleted_rows (kind, id, org_id, deleted_at)
         values ('thread', $1, $2, now() - interval '1 microsecond')`,
        [crypto.randomUUID(), ORG_A],
      );
      await tx.query(`select private.prune_deleted_rows('0 seconds')`);
      const prunedThrough = (
        await tx.query<{ at: string }>(`select pruned_through::text as at from private.tombstone_horizons`)
      ).rows[0]!.at;
      await becomePersona(tx, learner);
      const everything = await pullIn(tx);
      const last = everything.at(-1)!;
      // Caught up at its last row, before the deletion: it may still hold the deleted thread.
      const stale = await attempt(tx, PULL_V2, [...cursorAfter(last), 10, ['thread', 'post', 'vote'], last.updated_at]);
      // Downloading again from '-infinity', complete through the horizon from the start.
      const START_OVER = ['-infinity', '00000000-0000-0000-0000-000000000000', null];
      const again = await attempt(tx, PULL_V2, [...START_OVER, 1000, ['thread', 'post', 'vote'], prunedThrough]);
      const paged: Change[] = [];
      let cursor: unknown[] = START_OVER;
      for (;;) {
        const page = await attempt(tx, PULL_V2, [...cursor, 3, ['thread', 'post', 'vote'], prunedThrough]);
        if (!Array.isArray(page)) return { stale, again, paged: page };
        paged.push(...page);
        if (page.length < 3) break;
        cursor = cursorAfter(page.at(-1)!);
      }
      return { stale, again, paged, everything };
    });
    expect(outcome.stale).toEqual(TOO_OLD);
    expect(outcome.again).toEqual(outcome.everything);
    expect(outcome.paged).toEqual(outcome.everything);
  });

  it('is not reachable by anyone the API serves', async () => {
    expect(await denialAs(db, learner, 'select private.prune_deleted_rows()')).toEqual({
      code: '42501',
      message: 'permission denied for function prune_deleted_rows',
    });
    expect(await denialAs(db, admin, 'select * from private.tombstone_horizons')).toEqual({
      code: '42501',
      message: 'permission denied for table tombstone_horizons',
    });
    expect(await denialAs(db, anon, 'select private.prune_deleted_rows()')).toEqual({
      code: '42501',
      message: 'permission denied for schema private',
    });
  });
});
