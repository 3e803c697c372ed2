/**
 * Org settings (the table, update_org_settings and what the settings enforce), as each persona of both
 * orgs: who reads and who changes them, pre-moderation of learners' new questions and answers, and
 * the exact refusal of a feature that is turned off. No settings row means today's behaviour.
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
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(`update public.members set skills = '{SQL}' where user_id = $1`, [mentor.userId]);
  await db.query(`insert into public.mentor_profiles (org_id, user_id, skills) values ($1, $2, '{SQL}')`, [
    ORG_A,
    mentor.userId,
  ]);
});

afterAll(async () => {
  await db?.close();
});

const UPDATE = 'select * from update_org_settings($1, $2, $3, $4, $5)';
const denial = (code: string, message: string) => ({ code, message });
const ADMINS_ONLY = denial('42501', "Only admins can change your organisation's settings.");
const QA_OFF = denial('42501', 'Questions and answers are turned off in your organisation.');

interface Settings {
  org_id: string;
  qa_enabled: boolean;
  endorsements_enabled: boolean;
  mentoring_enabled: boolean;
  anonymous_posting: boolean;
  pre_moderation: boolean;
  updated_by: string | null;
}

type Change = Partial<
  Pick<Settings, 'qa_enabled' | 'endorsements_enabled' | 'mentoring_enabled' | 'anonymous_posting' | 'pre_moderation'>
>;

/** Acts as the admin of org A to change its settings, then as `then` for the rest of the transaction. */
const configure = async (tx: Transaction, change: Change, then: Persona) => {
  await becomePersona(tx, admin);
  await tx.query(UPDATE, [
    change.qa_enabled ?? null,
    change.endorsements_enabled ?? null,
    change.mentoring_enabled ?? null,
    change.anonymous_posting ?? null,
    change.pre_moderation ?? null,
  ]);
  await becomePersona(tx, then);
};

/** The error `work` fails with inside a savepoint, so the transaction goes on. */
const refusal = async (tx: Transaction, work: () => Promise<unknown>) => {
  await tx.exec('savepoint attempt');
  try {
    await work();
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  await tx.exec('release savepoint attempt');
  return null;
};

const askAs = (tx: Transaction, title: string, id: string = crypto.randomUUID(), org = ORG_A) =>
  tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, $4)`, [id, org, PLACE_KEY, title]);

describe('org_settings', () => {
  it('an admin changes their org’s settings; null keeps a setting; who and when are recorded', async () => {
    const settings = await asPersona(db, admin, async (tx) => {
      await tx.query(UPDATE, [null, false, null, true, null]);
      return (await tx.query<Settings>(UPDATE, [null, null, null, null, true])).rows[0]!;
    });
    expect(settings).toMatchObject({
      org_id: ORG_A,
      qa_enabled: true,
      endorsements_enabled: false,
      mentoring_enabled: true,
      anonymous_posting: true,
      pre_moderation: true,
      updated_by: admin.userId,
    });
  });

  it.each([learner, mentor, moderator, memberB, stranger])('%s cannot change settings', async (persona) => {
    expect(await denialAs(db, persona, UPDATE, [false, null, null, null, null])).toEqual(ADMINS_ONLY);
  });

  it('anon cannot call update_org_settings at all; an empty change is refused', async () => {
    expect(await denialAs(db, anon, UPDATE, [false, null, null, null, null])).toEqual(
      denial('42501', 'permission denied for function update_org_settings'),
    );
    expect((await denialAs(db, admin, UPDATE, [null, null, null, null, null])).code).toBe('22023');
  });

  it('every member of the org reads its settings; the other org, strangers and anon do not', async () => {
    const read = (persona: Persona) =>
      asPersona(db, admin, async (tx) => {
        await tx.query(UPDATE, [null, null, null, true, null]);
        await becomePersona(tx, persona);
        return (await tx.query<{ org_id: string }>('select org_id from org_settings')).rows;
      });
    for (const persona of [learner, mentor, moderator, admin]) {
      expect(await read(persona)).toEqual([{ org_id: ORG_A }]);
    }
    expect(await read(memberB)).toEqual([]);
    expect(await read(stranger)).toEqual([]);
    expect(await denialAs(db, anon, 'select * from org_settings')).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
  });

  it('nobody writes the table directly, not even an admin', async () => {
    expect(await denialAs(db, admin, 'insert into org_settings (org_id) values ($1)', [ORG_A])).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
    expect(await denialAs(db, admin, 'update org_settings set qa_enabled = false')).toEqual(
      denial('42501', 'permission denied for table org_settings'),
    );
  });

  it('an admin changes only their own org: org B keeps its (absent) settings', async () => {
    const rows = await asPersona(db, admin, async (tx) => {
      await tx.query(UPDATE, [false, null, null, null, null]);
      await tx.exec('reset role');
      return (await tx.query('select org_id, qa_enabled from public.org_settings order by org_id')).rows;
    });
    expect(rows).toEqual([{ org_id: ORG_A, qa_enabled: false }]);
  });
});

describe('defaults (no settings row)', () => {
  it('a learner’s question is visible to peers at once, as before settings existed', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      await askAs(tx, 'Visible at once', id);
      await becomePersona(tx, mentor);
      return (await tx.query('select hidden_at from threads where id = $1', [id])).rows;
    });
    expect(seen).toEqual([{ hidden_at: null }]);
  });
});

describe('pre-moderation', () => {
  it('hides a learner’s new question from peers, shows it to its author and moderators', async () => {
    const id = crypto.randomUUID();
    const seen = await asPersona(db, learner, async (tx) => {
      await configure(tx, { pre_moderation: true }, learner);
      await askAs(tx, 'Waiting for a moderator', id);
      const result: Record<string, number> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB]) {
        await becomePersona(tx, persona);
        result[persona.label] = (await tx.query('select 1 from threads where id = $1', [id])).rows.length;
      }
      await becomePersona(tx, mentor);
      const pulled = (await tx.query<{ op: string }>(`select op from pull_changes() where id = $1`, [id])).rows;
      return { result, pulled };
    });
    expect(seen.result).toEqual({
      [learner.label]: 1,
      [mentor.label]: 0,
      [moderator.label]: 1,
      [admin.label]: 1,
      [memberB.label]: 0,
    });
    expect(seen.pulled).toEqual([{ op: 'hidden' }]);
  });

  it('a moderator’s restore shows it to peers; a learner’s answer waits too, a mentor’s does not', async () => {
    const id = crypto.randomUUID();
    const answers = { learner: crypto.randomUUID(), mentor: crypto.randomUUID() };
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { pre_moderation: true }, learner);
      await askAs(tx, 'Restored later', id);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Learner answer')`, [
        answers.learner,
        ORG_A,
        THREAD.byMentor,
      ]);
      await becomePersona(tx, mentor);
      await tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'Mentor answer')`, [
        answers.mentor,
        ORG_A,
        THREAD.open,
      ]);
      await becomePersona(tx, moderator);
      await tx.query(`select moderate('thread', $1, 'restore', 'Fine to publish')`, [id]);
      await becomePersona(tx, admin);
      return (
        await tx.query<{ id: string; hidden: boolean }>(
          `select id, hidden_at is not null as hidden from posts where id = any ($1)
           union all select id, hidden_at is not null from threads where id = $2`,
          [[answers.learner, answers.mentor], id],
        )
      ).rows;
    });
    expect(outcome).toEqual(
      expect.arrayContaining([
        { id: answers.learner, hidden: true },
        { id: answers.mentor, hidden: false },
        { id, hidden: false },
      ]),
    );
  });

  it('does not apply in the other org', async () => {
    const hidden = await asPersona(db, memberB, async (tx) => {
      await configure(tx, { pre_moderation: true }, memberB);
      const id = crypto.randomUUID();
      await askAs(tx, 'Org B question', id, ORG_B);
      return (await tx.query('select hidden_at from threads where id = $1', [id])).rows;
    });
    expect(hidden).toEqual([{ hidden_at: null }]);
  });
});

describe('a feature turned off', () => {
  it('questions and answers: new questions, answers and votes are refused with the sentence', async () => {
    const refusals = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, learner);
      return [
        await refusal(tx, () => askAs(tx, 'Not now')),
        await refusal(tx, () =>
          tx.query(`insert into posts (id, org_id, thread_id, body) values ($1, $2, $3, 'An answer')`, [
            crypto.randomUUID(),
            ORG_A,
            THREAD.byMentor,
          ]),
        ),
        await refusal(tx, () =>
          tx.query(`insert into votes (id, org_id, post_id, value) values ($1, $2, $3, 1)`, [
            crypto.randomUUID(),
            ORG_A,
            POST.adminAnswer,
          ]),
        ),
      ];
    });
    expect(refusals).toEqual([QA_OFF, QA_OFF, QA_OFF]);
  });

  it('questions and answers: an outbox replay of an existing question stays a no-op', async () => {
    const replayed = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, learner);
      return (
        await tx.query(
          `insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'Open question')
           on conflict (id) do nothing`,
          [THREAD.open, ORG_A, PLACE_KEY],
        )
      ).affectedRows;
    });
    expect(replayed).toBe(0);
  });

  it('questions and answers: the other org still asks; a non-member meets RLS, not the sentence', async () => {
    const outcome = await asPersona(db, memberB, async (tx) => {
      await configure(tx, { qa_enabled: false }, memberB);
      const own = await refusal(tx, () => askAs(tx, 'Org B is unaffected', crypto.randomUUID(), ORG_B));
      const intoA = await refusal(tx, () => askAs(tx, 'Into org A'));
      return { own, intoA };
    });
    expect(outcome).toEqual({
      own: null,
      intoA: denial('42501', 'new row violates row-level security policy for table "threads"'),
    });
  });

  it('endorsements: endorse is refused with the sentence', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { endorsements_enabled: false }, learner);
      return refusal(tx, () =>
        tx.query('select * from endorse($1, $2, $3, null, null, null)', [
          crypto.randomUUID(),
          'post',
          POST.mentorAnswer,
        ]),
      );
    });
    expect(outcome).toEqual(denial('42501', 'Endorsements are turned off in your organisation.'));
  });

  it('mentoring: request_mentor and mentor profile edits are refused with the sentence', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      await configure(tx, { mentoring_enabled: false }, learner);
      const request = await refusal(tx, () =>
        tx.query('select * from request_mentor($1, $2, $3)', [crypto.randomUUID(), mentor.userId, 'Help please']),
      );
      await becomePersona(tx, mentor);
      const profile = await refusal(tx, () => tx.query('update mentor_profiles set capacity = 5'));
      return { request, profile };
    });
    const off = denial('42501', 'Mentoring is turned off in your organisation.');
    expect(outcome).toEqual({ request: off, profile: off });
  });

  it('turned back on, the same write works', async () => {
    const rows = await asPersona(db, learner, async (tx) => {
      await configure(tx, { qa_enabled: false }, admin);
      await tx.query(UPDATE, [true, null, null, null, null]);
      await becomePersona(tx, learner);
      await askAs(tx, 'Back again');
      return (await tx.query(`select title from threads where title = 'Back again'`)).rows;
    });
    expect(rows).toEqual([{ title: 'Back again' }]);
  });
});

describe('the demo seed', () => {
  it('gives Northwind its settings row with the defaults; Contoso has none', async () => {
    const seeded = await createMigratedDatabase({ seed: true });
    try {
      const priya = { label: 'Priya (Northwind admin)', userId: 'a1000000-0000-4000-8000-000000000001' };
      const ben = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
      expect(
        await rowsAs(
          seeded,
          priya,
          `select qa_enabled, endorsements_enabled, mentoring_enabled, anonymous_posting, pre_moderation, updated_by
           from org_settings`,
        ),
      ).toEqual([
        {
          qa_enabled: true,
          endorsements_enabled: true,
          mentoring_enabled: true,
          anonymous_posting: false,
          pre_moderation: false,
          updated_by: priya.userId,
        },
      ]);
      expect(await rowsAs(seeded, ben, 'select * from org_settings')).toEqual([]);
    } finally {
      await seeded.close();
    }
  });
});
