/**
 * Mentoring: mentor_profiles, mentor_requests, mentor_request_events and the transitions
 * (request_mentor, respond_mentor_request, withdraw_mentor_request, complete_mentor_request,
 * expire_mentor_requests), as each persona of both orgs: what they read, what they may do, the audit
 * trail, and the exact refusal. The fixture mentor takes one mentee at a time (capacity 1).
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  affectedAs,
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
  stranger,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(
    `insert into public.mentor_profiles (org_id, user_id, skills, capacity, availability)
     values ($1, $2, '{SQL,Statistics}', 1, 'Mondays')`,
    [ORG_A, mentor.userId],
  );
});

afterAll(async () => {
  await db?.close();
});

const REQUEST = 'select * from request_mentor($1, $2, $3)';
const RESPOND = 'select * from respond_mentor_request($1, $2, $3)';
const WITHDRAW = 'select * from withdraw_mentor_request($1)';
const COMPLETE = 'select * from complete_mentor_request($1)';

interface MentorRequest {
  id: string;
  org_id: string;
  learner_id: string;
  mentor_id: string;
  message: string;
  reply: string | null;
  state: string;
  responded_at: Date | null;
  closed_at: Date | null;
}

const ask = async (tx: Transaction, id: string = crypto.randomUUID(), message = 'Help me with SQL joins, please.') =>
  (await tx.query<MentorRequest>(REQUEST, [id, mentor.userId, message])).rows[0]!;
const call = async (tx: Transaction, sql: string, params: unknown[]) =>
  (await tx.query<MentorRequest>(sql, params)).rows[0]!;

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

/** Back to postgres (the session user) for fixture changes inside a persona's transaction. */
const becomePostgres = (tx: Transaction) => tx.exec('reset role');

const denial = (code: string, message: string) => ({ code, message });
const denied = (table: string) => denial('42501', `permission denied for table ${table}`);
const rlsViolation = (table: string) =>
  denial('42501', `new row violates row-level security policy for table "${table}"`);
const notFound = denial('P0001', 'This mentoring request does not exist or you cannot see it.');
const notOffering = denial('P0001', 'This person is not offering mentoring in your organisation.');
const mentorFull = denial(
  'P0001',
  'milo is mentoring as many people as they can at the moment (1 of 1). Ask another mentor, or try again later.',
);

describe('mentor_profiles', () => {
  it('members of the org read active profiles; a mentor also their inactive one; org B none; anon refused', async () => {
    const seen = await asPersona(db, admin, async (tx) => {
      await tx.query(`insert into mentor_profiles (org_id, capacity, active) values ($1, 2, false)`, [ORG_A]);
      const users = async (persona: Persona) => {
        await becomePersona(tx, persona);
        return (await tx.query<{ user_id: string }>('select user_id from mentor_profiles order by capacity')).rows.map(
          (row) => row.user_id,
        );
      };
      return {
        learner: await users(learner),
        admin: await users(admin),
        memberB: await users(memberB),
        stranger: await users(stranger),
      };
    });
    expect(seen).toEqual({
      learner: [mentor.userId],
      admin: [mentor.userId, admin.userId],
      memberB: [],
      stranger: [],
    });
    expect(await denialAs(db, anon, 'select * from mentor_profiles')).toEqual(denied('mentor_profiles'));
  });

  it('mentors, moderators and admins offer mentoring for themselves; learners and other orgs cannot', async () => {
    const offer = 'insert into mentor_profiles (org_id, user_id, skills, capacity) values ($1, $2, $3, $4)';
    expect(await affectedAs(db, moderator, offer, [ORG_A, moderator.userId, ['Statistics'], 5])).toBe(1);
    expect(await denialAs(db, learner, offer, [ORG_A, learner.userId, [], 1])).toEqual(rlsViolation('mentor_profiles'));
    expect(await denialAs(db, admin, offer, [ORG_A, learner.userId, [], 1])).toEqual(rlsViolation('mentor_profiles'));
    expect(await denialAs(db, memberB, offer, [ORG_A, memberB.userId, [], 1])).toEqual(rlsViolation('mentor_profiles'));
    expect(await denialAs(db, memberB, offer, [ORG_B, memberB.userId, [], 1])).toEqual(rlsViolation('mentor_profiles'));
    expect(await denialAs(db, moderator, offer, [ORG_A, moderator.userId, [], 21])).toEqual(
      denial(
        '23514',
        'new row for relation "mentor_profiles" violates check constraint "mentor_profiles_capacity_range"',
      ),
    );
  });

  it('a mentor edits their own profile; nobody else can; nobody deletes one', async () => {
    const edit = 'update mentor_profiles set capacity = 4, availability = $1 where user_id = $2';
    expect(await affectedAs(db, mentor, edit, ['Weekends', mentor.userId])).toBe(1);
    expect(await affectedAs(db, admin, edit, ['Never', mentor.userId])).toBe(0);
    expect(await affectedAs(db, memberB, edit, ['Never', mentor.userId])).toBe(0);
    expect(await denialAs(db, mentor, 'update mentor_profiles set user_id = $1', [admin.userId])).toEqual(
      denied('mentor_profiles'),
    );
    expect(await denialAs(db, mentor, 'delete from mentor_profiles')).toEqual(denied('mentor_profiles'));
  });
});

describe('request_mentor', () => {
  it('a member asks an active mentor of their org; the request and its first event are logged', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx, crypto.randomUUID(), '  Help me with SQL joins, please.  ');
      const events = (
        await tx.query('select actor_id, from_state, to_state from mentor_request_events where request_id = $1', [
          request.id,
        ])
      ).rows;
      return { request, events };
    });
    expect(outcome.request).toMatchObject({
      org_id: ORG_A,
      learner_id: learner.userId,
      mentor_id: mentor.userId,
      message: 'Help me with SQL joins, please.',
      state: 'requested',
      responded_at: null,
      closed_at: null,
    });
    expect(outcome.events).toEqual([{ actor_id: learner.userId, from_state: null, to_state: 'requested' }]);
  });

  it('a replay returns the same request and logs nothing; a second open request to the mentor is refused', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      const first = await ask(tx, id);
      const replay = await ask(tx, id, 'A different message');
      const second = await attempt(tx, REQUEST, [crypto.randomUUID(), mentor.userId, 'Again']);
      const counts = (
        await tx.query<{ requests: number; events: number }>(
          `select (select count(*)::int from mentor_requests) as requests,
             (select count(*)::int from mentor_request_events) as events`,
        )
      ).rows[0];
      await becomePersona(tx, admin);
      const taken = await attempt(tx, REQUEST, [id, mentor.userId, 'Mine now']);
      return { first, replay, second, counts, taken };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.second).toEqual(
      denial('P0001', 'You already have an open request with this mentor. Withdraw it before asking again.'),
    );
    expect(outcome.counts).toEqual({ requests: 1, events: 1 });
    expect(outcome.taken).toEqual(denial('42501', 'This request id is already taken; generate a new one.'));
  });

  it('refuses yourself, other orgs, non-members, someone not offering mentoring, an empty message, anon', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, mentor, REQUEST, [id, mentor.userId, 'Hi'])).toEqual(
      denial('42501', 'You cannot ask yourself for mentoring.'),
    );
    expect(await denialAs(db, memberB, REQUEST, [id, mentor.userId, 'Hi'])).toEqual(notOffering);
    expect(await denialAs(db, stranger, REQUEST, [id, mentor.userId, 'Hi'])).toEqual(notOffering);
    expect(await denialAs(db, learner, REQUEST, [id, moderator.userId, 'Hi'])).toEqual(notOffering);
    expect(await denialAs(db, learner, REQUEST, [id, mentor.userId, '   '])).toEqual(
      denial('22023', 'Write a message of 1 to 1000 characters saying what you would like help with.'),
    );
    expect(await denialAs(db, anon, REQUEST, [id, mentor.userId, 'Hi'])).toEqual(
      denial('42501', 'permission denied for function request_mentor'),
    );
  });

  it('refuses an inactive mentor, and a mentor at capacity with a sentence saying what to do', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, mentor);
      await call(tx, RESPOND, [request.id, true, null]);
      await becomePersona(tx, moderator);
      const full = await attempt(tx, REQUEST, [crypto.randomUUID(), mentor.userId, 'Me too']);
      await becomePersona(tx, learner);
      await call(tx, COMPLETE, [request.id]);
      await becomePersona(tx, moderator);
      const roomAgain = await attempt(tx, REQUEST, [crypto.randomUUID(), mentor.userId, 'Me too']);
      await becomePersona(tx, mentor);
      await tx.query('update mentor_profiles set active = false where user_id = $1', [mentor.userId]);
      await becomePersona(tx, admin);
      const inactive = await attempt(tx, REQUEST, [crypto.randomUUID(), mentor.userId, 'Hi']);
      return { full, roomAgain, inactive };
    });
    expect(outcome).toEqual({ full: mentorFull, roomAgain: 'done', inactive: notOffering });
  });
});

describe('respond_mentor_request', () => {
  it('the mentor accepts with a reply; a replay changes nothing; declining it afterwards is refused', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, mentor);
      const accepted = await call(tx, RESPOND, [request.id, true, '  Happy to. Monday?  ']);
      const replay = await call(tx, RESPOND, [request.id, true, 'Something else']);
      const decline = await attempt(tx, RESPOND, [request.id, false, null]);
      return { accepted, replay, decline };
    });
    expect(outcome.accepted).toMatchObject({ state: 'accepted', reply: 'Happy to. Monday?', closed_at: null });
    expect(outcome.accepted.responded_at).toBeInstanceOf(Date);
    expect(outcome.replay).toEqual(outcome.accepted);
    expect(outcome.decline).toEqual(
      denial('P0001', 'Only a new request can be accepted or declined; this one is accepted.'),
    );
  });

  it('the mentor declines, which closes the request; accepting it afterwards is refused', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, mentor);
      const declined = await call(tx, RESPOND, [request.id, false, 'Full this term, sorry.']);
      const accept = await attempt(tx, RESPOND, [request.id, true, null]);
      return { declined, accept };
    });
    expect(outcome.declined).toMatchObject({ state: 'declined', reply: 'Full this term, sorry.' });
    expect(outcome.declined.closed_at).toBeInstanceOf(Date);
    expect(outcome.accept).toEqual(
      denial('P0001', 'Only a new request can be accepted or declined; this one is declined.'),
    );
  });

  it('only the mentor asked may respond; others of the org are told it does not exist; so is org B', async () => {
    const refusals = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      const as = async (persona: Persona, accept: boolean | null) => {
        await becomePersona(tx, persona);
        return attempt(tx, RESPOND, [request.id, accept, null]);
      };
      return {
        learner: await as(learner, true),
        moderator: await as(moderator, true),
        admin: await as(admin, false),
        memberB: await as(memberB, true),
        stranger: await as(stranger, true),
        noAnswer: await as(mentor, null),
      };
    });
    expect(refusals).toEqual({
      learner: denial('42501', 'Only the mentor who was asked can accept or decline this request.'),
      moderator: notFound,
      admin: notFound,
      memberB: notFound,
      stranger: notFound,
      noAnswer: denial('22023', 'Say whether you accept (true) or decline (false) the request.'),
    });
  });

  it('refuses accepting beyond the mentor’s capacity, telling the mentor what to do', async () => {
    const refusal = await asPersona(db, learner, async (tx) => {
      const first = await ask(tx);
      await becomePersona(tx, admin);
      const second = await ask(tx);
      await becomePersona(tx, mentor);
      await call(tx, RESPOND, [first.id, true, null]);
      return attempt(tx, RESPOND, [second.id, true, null]);
    });
    expect(refusal).toEqual(
      denial(
        'P0001',
        'You are already mentoring 1 of the 1 people your capacity allows. Complete a mentorship or raise your capacity first.',
      ),
    );
  });
});

describe('withdraw_mentor_request and complete_mentor_request', () => {
  it('the learner withdraws an accepted request; a replay changes nothing; it can no longer be completed', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      await becomePersona(tx, mentor);
      await call(tx, RESPOND, [request.id, true, null]);
      const byMentor = await attempt(tx, WITHDRAW, [request.id]);
      await becomePersona(tx, learner);
      const withdrawn = await call(tx, WITHDRAW, [request.id]);
      const replay = await call(tx, WITHDRAW, [request.id]);
      const complete = await attempt(tx, COMPLETE, [request.id]);
      return { byMentor, withdrawn, replay, complete };
    });
    expect(outcome.byMentor).toEqual(denial('42501', 'Only the person who asked can withdraw this request.'));
    expect(outcome.withdrawn).toMatchObject({ state: 'withdrawn' });
    expect(outcome.withdrawn.closed_at).toBeInstanceOf(Date);
    expect(outcome.replay).toEqual(outcome.withdrawn);
    expect(outcome.complete).toEqual(
      denial('P0001', 'Only an accepted request can be completed; this one is withdrawn.'),
    );
  });

  it('either party completes an accepted request, not a requested one; the log holds every step', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const request = await ask(tx);
      const early = await attempt(tx, COMPLETE, [request.id]);
      await becomePersona(tx, memberB);
      const otherOrg = await attempt(tx, COMPLETE, [request.id]);
      await becomePersona(tx, mentor);
      await call(tx, RESPOND, [request.id, true, null]);
      const completed = await call(tx, COMPLETE, [request.id]);
      await becomePersona(tx, learner);
      const replay = await call(tx, COMPLETE, [request.id]);
      const withdraw = await attempt(tx, WITHDRAW, [request.id]);
      const events = (
        await tx.query(
          `select actor_id, from_state, to_state from mentor_request_events where request_id = $1
           order by created_at, case to_state when 'requested' then 0 when 'accepted' then 1 else 2 end`,
          [request.id],
        )
      ).rows;
      return { early, otherOrg, completed, replay, withdraw, events };
    });
    expect(outcome.early).toEqual(denial('P0001', 'Only an accepted request can be completed; this one is requested.'));
    expect(outcome.otherOrg).toEqual(notFound);
    expect(outcome.completed).toMatchObject({ state: 'completed' });
    expect(outcome.replay).toEqual(outcome.completed);
    expect(outcome.withdraw).toEqual(denial('P0001', 'Only an open request can be withdrawn; this one is completed.'));
    expect(outcome.events).toEqual([
      { actor_id: learner.userId, from_state: null, to_state: 'requested' },
      { actor_id: mentor.userId, from_state: 'requested', to_state: 'accepted' },
      { actor_id: mentor.userId, from_state: 'accepted', to_state: 'completed' },
    ]);
  });

  it('refuses anon', async () => {
    for (const [sql, name] of [
      [WITHDRAW, 'withdraw_mentor_request'],
      [COMPLETE, 'complete_mentor_request'],
    ] as const) {
      expect(await denialAs(db, anon, sql, [crypto.randomUUID()])).toEqual(
        denial('42501', `permission denied for function ${name}`),
      );
    }
    expect(await denialAs(db, anon, RESPOND, [crypto.randomUUID(), true, null])).toEqual(
      denial('42501', 'permission denied for function respond_mentor_request'),
    );
  });
});

describe('expire_mentor_requests', () => {
  it('expires requests unanswered for 14 days, logged with no actor; the service role only', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const old = await ask(tx);
      await becomePersona(tx, admin);
      const recent = await ask(tx);
      const byMember = await attempt(tx, 'select expire_mentor_requests()', []);
      await becomePostgres(tx);
      await tx.query(`update public.mentor_requests set created_at = now() - interval '15 days' where id = $1`, [
        old.id,
      ]);
      await tx.query(`update public.mentor_requests set created_at = now() - interval '13 days' where id = $1`, [
        recent.id,
      ]);
      await tx.exec('set local role service_role');
      const expired = (await tx.query<{ n: number }>('select expire_mentor_requests() as n')).rows[0]!.n;
      const again = (await tx.query<{ n: number }>('select expire_mentor_requests() as n')).rows[0]!.n;
      await becomePersona(tx, learner);
      const afterwards = await call(tx, 'select * from mentor_requests where id = $1', [old.id]);
      const lastEvent = (
        await tx.query(
          `select actor_id, from_state, to_state from mentor_request_events where request_id = $1 and to_state = 'expired'`,
          [old.id],
        )
      ).rows;
      const respond = await attempt(tx, WITHDRAW, [old.id]);
      await becomePersona(tx, admin);
      const recentState = (await call(tx, 'select * from mentor_requests where id = $1', [recent.id])).state;
      return { byMember, expired, again, afterwards, lastEvent, respond, recentState };
    });
    expect(outcome.byMember).toEqual(denial('42501', 'permission denied for function expire_mentor_requests'));
    expect(outcome.expired).toBe(1);
    expect(outcome.again).toBe(0);
    expect(outcome.afterwards).toMatchObject({ state: 'expired' });
    expect(outcome.afterwards.closed_at).toBeInstanceOf(Date);
    expect(outcome.lastEvent).toEqual([{ actor_id: null, from_state: 'requested', to_state: 'expired' }]);
    expect(outcome.respond).toEqual(denial('P0001', 'Only an open request can be withdrawn; this one is expired.'));
    expect(outcome.recentState).toBe('requested');
  });
});

describe('mentor_requests and mentor_request_events (the tables)', () => {
  it('only the learner and the mentor read a request and its history; anon is refused', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      await ask(tx);
      const count = async (persona: Persona) => {
        await becomePersona(tx, persona);
        return (
          await tx.query<{ requests: number; events: number }>(
            `select (select count(*)::int from mentor_requests) as requests,
               (select count(*)::int from mentor_request_events) as events`,
          )
        ).rows[0];
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
    const one = { requests: 1, events: 1 };
    const none = { requests: 0, events: 0 };
    expect(seen).toEqual({ learner: one, mentor: one, moderator: none, admin: none, memberB: none, stranger: none });
    expect(await denialAs(db, anon, 'select * from mentor_requests')).toEqual(denied('mentor_requests'));
    expect(await denialAs(db, anon, 'select * from mentor_request_events')).toEqual(denied('mentor_request_events'));
    expect(await rowsAs(db, memberB, 'select * from mentor_requests')).toEqual([]);
  });

  it('nobody writes requests or events directly', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into mentor_requests (id, org_id, learner_id, mentor_id, message) values ($1, $2, $3, $4, 'Hi')`,
        [crypto.randomUUID(), ORG_A, learner.userId, mentor.userId],
      ),
    ).toEqual(denied('mentor_requests'));
    expect(await denialAs(db, mentor, `update mentor_requests set state = 'accepted'`)).toEqual(
      denied('mentor_requests'),
    );
    expect(await denialAs(db, learner, 'delete from mentor_requests')).toEqual(denied('mentor_requests'));
    expect(
      await denialAs(
        db,
        learner,
        `insert into mentor_request_events (org_id, request_id, to_state) values ($1, $2, 'accepted')`,
        [ORG_A, crypto.randomUUID()],
      ),
    ).toEqual(denied('mentor_request_events'));
    expect(await denialAs(db, admin, 'delete from mentor_request_events')).toEqual(denied('mentor_request_events'));
  });
});
