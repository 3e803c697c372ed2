/**
 * Peer reviews: review_requests, reviews and their RPCs (request_review, submit_review,
 * close_review_request), as each persona of both orgs: what they read, what they may do, the
 * review_received notification, the reviews_enabled switch, the rate limit and the exact refusal.
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

const REQUEST = 'select * from request_review($1, $2, $3, $4, $5, $6)';
const SUBMIT = 'select * from submit_review($1, $2, $3, $4)';
const CLOSE = 'select * from close_review_request($1)';

const RUBRIC = ['Clarity', 'Evidence'];
const SCORES = { Clarity: 4, Evidence: 5 };

interface ReviewRequest {
  id: string;
  org_id: string;
  requester_id: string;
  place_key: string | null;
  title: string;
  work_url: string | null;
  work_text: string | null;
  rubric: string[];
  closed_at: Date | null;
}

interface Review {
  id: string;
  org_id: string;
  request_id: string;
  reviewer_id: string;
  scores: Record<string, number>;
  comment: string | null;
}

const ask = async (
  tx: Transaction,
  id: string = crypto.randomUUID(),
  {
    url = 'https://docs.example.com/essay' as string | null,
    text = null as string | null,
    rubric = RUBRIC as unknown,
  } = {},
) => (await tx.query<ReviewRequest>(REQUEST, [id, 'My essay draft', url, text, JSON.stringify(rubric), null])).rows[0]!;
const review = async (
  tx: Transaction,
  request: string,
  id: string = crypto.randomUUID(),
  scores: unknown = SCORES,
  comment: string | null = 'Clear argument.',
) => (await tx.query<Review>(SUBMIT, [id, request, JSON.stringify(scores), comment])).rows[0]!;
const count = async (tx: Transaction, table: string) =>
  (await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;

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

/** The learner of org A asks for a review, then the transaction goes on as `then`. */
const askedBy = async (tx: Transaction, then: Persona, requester: Persona = learner) => {
  await becomePersona(tx, requester);
  const request = await ask(tx);
  await becomePersona(tx, then);
  return request;
};

const denial = (code: string, message: string) => ({ code, message });
const NOT_FOUND = denial('P0001', 'This review request does not exist or you cannot see it.');
const MISMATCH = denial('22023', 'Score each criterion of the rubric from 1 to 5: Clarity, Evidence.');

describe('request_review', () => {
  it('a member asks for reviews of a link or a text, in their org, with the rubric’s labels trimmed', async () => {
    const { link, text } = await asPersona(db, learner, async (tx) => ({
      link: await ask(tx, crypto.randomUUID(), { rubric: [' Clarity ', 'Use of evidence'] }),
      text: (
        await tx.query<ReviewRequest>(REQUEST, [
          crypto.randomUUID(),
          '  Lab report  ',
          null,
          '  The results show... ',
          JSON.stringify(RUBRIC),
          PLACE_KEY,
        ])
      ).rows[0]!,
    }));
    expect(link).toMatchObject({
      org_id: ORG_A,
      requester_id: learner.userId,
      place_key: null,
      title: 'My essay draft',
      work_url: 'https://docs.example.com/essay',
      work_text: null,
      rubric: ['Clarity', 'Use of evidence'],
      closed_at: null,
    });
    expect(text).toMatchObject({
      place_key: PLACE_KEY,
      title: 'Lab report',
      work_url: null,
      work_text: 'The results show...',
    });
  });

  it('a replay returns the same row and adds none; another user cannot take the id', async () => {
    const id = crypto.randomUUID();
    const outcome = await asPersona(db, learner, async (tx) => {
      const first = await ask(tx, id);
      const replay = await ask(tx, id, { url: 'https://elsewhere.example.com' });
      const rows = await count(tx, 'review_requests');
      await becomePersona(tx, mentor);
      return { first, replay, rows, taken: await attempt(tx, REQUEST, [id, 'Mine', null, 'x', '["A","B"]', null]) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.rows).toBe(1);
    expect(outcome.taken).toEqual(denial('42501', 'This request id is already taken; generate a new one.'));
  });

  const WORK = 'Give either a link to the work or its text, not both.';
  const LINK = 'Give the work as an https:// link of at most 2000 characters.';
  it.each<[string, string | null, string | null, string]>([
    ['both a link and a text', 'https://a.example', 'text', WORK],
    ['neither a link nor a text', null, null, WORK],
    ['an http link', 'http://a.example', null, LINK],
    ['a link with spaces', 'https://a.example/my essay', null, LINK],
    ['an over-long text', null, 'x'.repeat(20001), 'Keep the text of the work to 1 to 20000 characters.'],
  ])('refuses %s (22023)', async (_label, url, text, message) => {
    expect(
      await denialAs(db, learner, REQUEST, [crypto.randomUUID(), 'Essay', url, text, JSON.stringify(RUBRIC), null]),
    ).toEqual(denial('22023', message));
  });

  it.each<[string, unknown]>([
    ['one criterion', ['Clarity']],
    ['six criteria', ['A', 'B', 'C', 'D', 'E', 'F']],
    ['criteria differing only in case', ['Clarity', ' clarity']],
    ['an empty label', ['Clarity', '  ']],
    ['a label over 80 characters', ['Clarity', 'x'.repeat(81)]],
    ['a number as a criterion', ['Clarity', 3]],
    ['an object, not a list', { Clarity: 1, Evidence: 2 }],
    ['no rubric', null],
  ])('refuses a rubric with %s (22023)', async (_label, rubric) => {
    expect(
      await denialAs(db, learner, REQUEST, [
        crypto.randomUUID(),
        'Essay',
        'https://a.example',
        null,
        rubric === null ? null : JSON.stringify(rubric),
        null,
      ]),
    ).toEqual(denial('22023', 'Give a rubric of 2 to 5 criteria, each a different label of 1 to 80 characters.'));
  });

  it('refuses an empty title, a place outside the org, a non-member and anon', async () => {
    expect(
      await denialAs(db, learner, REQUEST, [crypto.randomUUID(), '  ', 'https://a.example', null, '["A","B"]', null]),
    ).toEqual(denial('22023', 'Give the request a title of 1 to 200 characters.'));
    expect(
      await denialAs(db, memberB, REQUEST, [
        crypto.randomUUID(),
        'Essay',
        'https://a.example',
        null,
        '["A","B"]',
        'moodle|lms.example.edu|101',
      ]),
    ).toEqual(denial('P0001', 'This place does not exist in your organisation.'));
    expect(
      await denialAs(db, stranger, REQUEST, [
        crypto.randomUUID(),
        'Essay',
        'https://a.example',
        null,
        '["A","B"]',
        null,
      ]),
    ).toEqual(denial('42501', 'Only members of an organisation can ask for reviews.'));
    expect(
      await denialAs(db, anon, REQUEST, [crypto.randomUUID(), 'Essay', 'https://a.example', null, '["A","B"]', null]),
    ).toEqual(denial('42501', 'permission denied for function request_review'));
  });

  it('allows 5 requests an hour; the sixth is PT429 with a sentence; a replay is not counted', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
      for (const id of ids) await ask(tx, id);
      const replay = await attempt(tx, REQUEST, [
        ids[0],
        'My essay draft',
        'https://a.example',
        null,
        '["A","B"]',
        null,
      ]);
      const sixth = await attempt(tx, REQUEST, [
        crypto.randomUUID(),
        'One more',
        'https://a.example',
        null,
        '["A","B"]',
        null,
      ]);
      await becomePersona(tx, mentor);
      const someoneElse = await attempt(tx, REQUEST, [
        crypto.randomUUID(),
        'Mine',
        'https://a.example',
        null,
        '["A","B"]',
        null,
      ]);
      return { replay, sixth, someoneElse, rows: await count(tx, 'review_requests') };
    });
    expect(outcome.replay).toBe('done');
    expect(outcome.sixth).toEqual(
      denial('PT429', 'You have asked for 5 reviews in the last hour. Try again in 60 minutes.'),
    );
    expect(outcome.someoneElse).toBe('done');
    expect(outcome.rows).toBe(6);
  });

  it('nobody writes the tables directly', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into review_requests (id, org_id, requester_id, title, work_text, rubric)
         values ($1, $2, $3, 'x', 'y', '["A","B"]')`,
        [crypto.randomUUID(), ORG_A, learner.userId],
      ),
    ).toEqual(denial('42501', 'permission denied for table review_requests'));
    expect(await denialAs(db, mentor, `update reviews set comment = 'x'`)).toEqual(
      denial('42501', 'permission denied for table reviews'),
    );
  });
});

describe('submit_review', () => {
  it.each([mentor, moderator, admin])(
    '$label reviews a peer’s work; the requester is notified with ids only',
    async (persona) => {
      const outcome = await asPersona(db, persona, async (tx) => {
        const request = await askedBy(tx, persona);
        const row = await review(tx, request.id, crypto.randomUUID(), SCORES, '  Clear argument.  ');
        await becomePersona(tx, learner);
        const notes = (
          await tx.query(
            `select kind, actor_id, review_id, thread_id, post_id from notifications where kind = 'review_received'`,
          )
        ).rows;
        return { request, row, notes };
      });
      expect(outcome.row).toMatchObject({
        org_id: ORG_A,
        request_id: outcome.request.id,
        reviewer_id: persona.userId,
        scores: SCORES,
        comment: 'Clear argument.',
      });
      expect(outcome.notes).toEqual([
        {
          kind: 'review_received',
          actor_id: persona.userId,
          review_id: outcome.row.id,
          thread_id: null,
          post_id: null,
        },
      ]);
    },
  );

  it('a replay returns the same review and adds nothing; a second review by the same peer is refused', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const request = await askedBy(tx, mentor);
      const id = crypto.randomUUID();
      const first = await review(tx, request.id, id);
      const replay = await review(tx, request.id, id, { Clarity: 1, Evidence: 1 }, 'changed');
      const second = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, admin);
      const taken = await attempt(tx, SUBMIT, [id, request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, learner);
      const notes = (await tx.query(`select id from notifications where kind = 'review_received'`)).rows.length;
      return { first, replay, second, taken, notes, rows: await count(tx, 'reviews') };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.second).toEqual(denial('P0001', 'You have already reviewed this work.'));
    expect(outcome.taken).toEqual(denial('42501', 'This review id is already taken; generate a new one.'));
    expect(outcome.rows).toBe(1);
    expect(outcome.notes).toBe(1);
  });

  it('refuses your own work, another org, a non-member and anon', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      const own = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, memberB);
      const otherOrg = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, stranger);
      const nonMember = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, mentor);
      const missing = await attempt(tx, SUBMIT, [
        crypto.randomUUID(),
        crypto.randomUUID(),
        JSON.stringify(SCORES),
        null,
      ]);
      return { own, otherOrg, nonMember, missing, rows: await count(tx, 'reviews') };
    });
    expect(outcome).toEqual({
      own: denial('42501', 'You cannot review your own work.'),
      otherOrg: NOT_FOUND,
      nonMember: NOT_FOUND,
      missing: NOT_FOUND,
      rows: 0,
    });
    expect(
      await denialAs(db, anon, SUBMIT, [crypto.randomUUID(), crypto.randomUUID(), JSON.stringify(SCORES), null]),
    ).toEqual(denial('42501', 'permission denied for function submit_review'));
  });

  it.each([
    ['a missing criterion', { Clarity: 4 }],
    ['an extra criterion', { Clarity: 4, Evidence: 5, Style: 3 }],
    ['a criterion spelled differently', { clarity: 4, Evidence: 5 }],
    ['a score of 0', { Clarity: 0, Evidence: 5 }],
    ['a score of 6', { Clarity: 6, Evidence: 5 }],
    ['a fractional score', { Clarity: 3.5, Evidence: 5 }],
    ['a score as text', { Clarity: '4', Evidence: 5 }],
    ['a list instead of an object', [4, 5]],
  ])('refuses scores that do not match the rubric: %s (22023)', async (_label, scores) => {
    const refusal = await asPersona(db, mentor, async (tx) => {
      const request = await askedBy(tx, mentor);
      return attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(scores), null]);
    });
    expect(refusal).toEqual(MISMATCH);
  });

  it('refuses a comment over 2000 characters', async () => {
    const refusal = await asPersona(db, mentor, async (tx) => {
      const request = await askedBy(tx, mentor);
      return attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), 'x'.repeat(2001)]);
    });
    expect(refusal).toEqual(denial('22023', 'Keep the comment to 2000 characters.'));
  });
});

describe('close_review_request', () => {
  it('the requester closes it: no more reviews; peers stop reading it; the requester and reviewer still do', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const request = await askedBy(tx, mentor);
      const mentorReview = await review(tx, request.id);
      const notRequester = await attempt(tx, CLOSE, [request.id]);
      await becomePersona(tx, memberB);
      const otherOrg = await attempt(tx, CLOSE, [request.id]);
      await becomePersona(tx, learner);
      const closed = (await tx.query<ReviewRequest>(CLOSE, [request.id])).rows[0]!;
      const again = (await tx.query<ReviewRequest>(CLOSE, [request.id])).rows[0]!;
      const requesterReads = {
        requests: await count(tx, 'review_requests'),
        reviews: await count(tx, 'reviews'),
      };
      await becomePersona(tx, admin);
      const late = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      const adminReads = { requests: await count(tx, 'review_requests'), reviews: await count(tx, 'reviews') };
      await becomePersona(tx, mentor);
      const reviewerReads = { requests: await count(tx, 'review_requests'), reviews: await count(tx, 'reviews') };
      return { mentorReview, notRequester, otherOrg, closed, again, requesterReads, late, adminReads, reviewerReads };
    });
    expect(outcome.notRequester).toEqual(
      denial('42501', 'Only the person who asked for reviews can close the request.'),
    );
    expect(outcome.otherOrg).toEqual(NOT_FOUND);
    expect(outcome.closed.closed_at).toBeInstanceOf(Date);
    expect(outcome.again).toEqual(outcome.closed);
    expect(outcome.late).toEqual(denial('P0001', 'This review request is closed and takes no more reviews.'));
    expect(outcome.requesterReads).toEqual({ requests: 1, reviews: 1 });
    expect(outcome.adminReads).toEqual({ requests: 0, reviews: 0 });
    expect(outcome.reviewerReads).toEqual({ requests: 0, reviews: 1 });
  });

  it('refuses anon', async () => {
    expect(await denialAs(db, anon, CLOSE, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function close_review_request'),
    );
  });
});

describe('reading', () => {
  it('every member of the org reads open requests and their reviews; org B and non-members nothing', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, mentor);
      await review(tx, request.id);
      const reads: Record<string, { requests: number; reviews: number }> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB, stranger]) {
        await becomePersona(tx, persona);
        reads[persona.label] = { requests: await count(tx, 'review_requests'), reviews: await count(tx, 'reviews') };
      }
      return reads;
    });
    const both = { requests: 1, reviews: 1 };
    const none = { requests: 0, reviews: 0 };
    expect(seen).toEqual({
      [learner.label]: both,
      [mentor.label]: both,
      [moderator.label]: both,
      [admin.label]: both,
      [memberB.label]: none,
      [stranger.label]: none,
    });
  });

  it('org B’s requests stay in org B', async () => {
    const outcome = await asPersona(db, memberB, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, learner);
      return {
        request,
        seenByA: await count(tx, 'review_requests'),
        reviewByA: await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]),
      };
    });
    expect(outcome.request.org_id).toBe(ORG_B);
    expect(outcome.seenByA).toBe(0);
    expect(outcome.reviewByA).toEqual(NOT_FOUND);
  });

  it('anon is refused both tables', async () => {
    expect(await denialAs(db, anon, 'select * from review_requests')).toEqual(
      denial('42501', 'permission denied for table review_requests'),
    );
    expect(await denialAs(db, anon, 'select * from reviews')).toEqual(
      denial('42501', 'permission denied for table reviews'),
    );
  });
});

describe('reviews_enabled', () => {
  it('turned off by an admin, org A cannot request, review or close; org B is unaffected', async () => {
    const OFF = denial('42501', 'Peer reviews are turned off in your organisation.');
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, admin);
      const settings = (await tx.query('select reviews_enabled from update_org_settings(reviews_enabled => false)'))
        .rows[0];
      await becomePersona(tx, learner);
      const asking = await attempt(tx, REQUEST, [
        crypto.randomUUID(),
        'x',
        'https://a.example',
        null,
        '["A","B"]',
        null,
      ]);
      const closing = await attempt(tx, CLOSE, [request.id]);
      await becomePersona(tx, mentor);
      const reviewing = await attempt(tx, SUBMIT, [crypto.randomUUID(), request.id, JSON.stringify(SCORES), null]);
      await becomePersona(tx, memberB);
      const orgB = await attempt(tx, REQUEST, [crypto.randomUUID(), 'x', 'https://a.example', null, '["A","B"]', null]);
      return { settings, asking, closing, reviewing, orgB };
    });
    expect(outcome).toEqual({
      settings: { reviews_enabled: false },
      asking: OFF,
      closing: OFF,
      reviewing: OFF,
      orgB: 'done',
    });
  });

  it('is on for an org without a settings row', async () => {
    expect(await rowsAs(db, memberB, 'select * from org_settings')).toEqual([]);
    const row = await asPersona(db, memberB, (tx) => ask(tx));
    expect(row.org_id).toBe(ORG_B);
  });
});
