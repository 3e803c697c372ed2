/**
 * Endorsements (the table) and their RPCs (endorse, withdraw_endorsement, endorsements_received), as
 * each persona of both orgs: what they read, what they may endorse, and the exact refusal.
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
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(`update public.members set skills = '{SQL,Statistics}' where user_id = $1`, [mentor.userId]);
  await db.query(`update public.members set skills = '{Excel}' where user_id = $1`, [learner.userId]);
  await db.query(`update public.members set skills = '{SQL}' where user_id = $1`, [memberB.userId]);
});

afterAll(async () => {
  await db?.close();
});

const ENDORSE = 'select * from endorse($1, $2, $3, $4, $5, $6)';
const WITHDRAW = 'select * from withdraw_endorsement($1)';
const RECEIVED = 'select * from endorsements_received($1)';

interface Endorsement {
  id: string;
  org_id: string;
  endorser_id: string;
  target_kind: string;
  post_id: string | null;
  member_user_id: string;
  skill: string | null;
  note: string | null;
  withdrawn_at: Date | null;
}

const endorsePost = async (
  tx: Transaction,
  post: string,
  id: string = crypto.randomUUID(),
  note: string | null = null,
) => (await tx.query<Endorsement>(ENDORSE, [id, 'post', post, null, null, note])).rows[0]!;
const endorseSkill = async (tx: Transaction, member: Persona, skill: string, id: string = crypto.randomUUID()) =>
  (await tx.query<Endorsement>(ENDORSE, [id, 'skill', null, member.userId, skill, null])).rows[0]!;
const countEndorsements = async (tx: Transaction) =>
  (await tx.query<{ n: number }>('select count(*)::int as n from endorsements')).rows[0]!.n;

const denial = (code: string, message: string) => ({ code, message });
const denied = (table: string) => denial('42501', `permission denied for table ${table}`);

describe('endorse', () => {
  it('a member endorses a peer’s post: the endorsement names the author and the post’s org', async () => {
    const endorsement = await asPersona(db, learner, (tx) =>
      endorsePost(tx, POST.mentorAnswer, crypto.randomUUID(), '  Clear and kind  '),
    );
    expect(endorsement).toMatchObject({
      org_id: ORG_A,
      endorser_id: learner.userId,
      target_kind: 'post',
      post_id: POST.mentorAnswer,
      member_user_id: mentor.userId,
      skill: null,
      note: 'Clear and kind',
      withdrawn_at: null,
    });
  });

  it('a member endorses a skill from a peer’s profile, spelled as the profile spells it', async () => {
    const endorsement = await asPersona(db, admin, (tx) => endorseSkill(tx, mentor, ' sql '));
    expect(endorsement).toMatchObject({
      org_id: ORG_A,
      endorser_id: admin.userId,
      target_kind: 'skill',
      post_id: null,
      member_user_id: mentor.userId,
      skill: 'SQL',
    });
  });

  it('a replay returns the same row; endorsing the same target again returns the first; one row', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      const first = await endorsePost(tx, POST.mentorAnswer, id);
      const replay = await endorsePost(tx, POST.mentorAnswer, id);
      const again = await endorsePost(tx, POST.mentorAnswer);
      const skill = await endorseSkill(tx, mentor, 'Statistics');
      const skillAgain = await endorseSkill(tx, mentor, 'statistics');
      return { first, replay, again, skill, skillAgain, rows: await countEndorsements(tx) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.again).toEqual(outcome.first);
    expect(outcome.skillAgain).toEqual(outcome.skill);
    expect(outcome.rows).toBe(2);
  });

  it('refuses endorsing yourself: your own post, your own skill', async () => {
    expect(
      await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'post', POST.learnerAnswerToMentor, null, null, null]),
    ).toEqual(denial('42501', 'You cannot endorse your own post.'));
    expect(
      await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'post', POST.learnerReply, null, null, null]),
    ).toEqual(denial('42501', 'You cannot endorse your own post.'));
    expect(
      await denialAs(db, mentor, ENDORSE, [crypto.randomUUID(), 'skill', null, mentor.userId, 'SQL', null]),
    ).toEqual(denial('42501', 'You cannot endorse your own skill.'));
  });

  it('refuses across orgs and to non-members, as if the post or member did not exist', async () => {
    const noPost = denial('P0001', 'This post does not exist or you cannot see it.');
    const noMember = denial('P0001', 'This member does not exist or you cannot see them.');
    expect(
      await denialAs(db, memberB, ENDORSE, [crypto.randomUUID(), 'post', POST.mentorAnswer, null, null, null]),
    ).toEqual(noPost);
    expect(await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'post', POST.orgB, null, null, null])).toEqual(
      noPost,
    );
    expect(
      await denialAs(db, stranger, ENDORSE, [crypto.randomUUID(), 'post', POST.mentorAnswer, null, null, null]),
    ).toEqual(noPost);
    expect(
      await denialAs(db, memberB, ENDORSE, [crypto.randomUUID(), 'skill', null, mentor.userId, 'SQL', null]),
    ).toEqual(noMember);
    expect(
      await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'skill', null, memberB.userId, 'SQL', null]),
    ).toEqual(noMember);
  });

  it('refuses a hidden post and a skill the member does not list', async () => {
    expect(
      await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'post', POST.hiddenMentorAnswer, null, null, null]),
    ).toEqual(denial('P0001', 'This post does not exist or you cannot see it.'));
    expect(
      await denialAs(db, learner, ENDORSE, [crypto.randomUUID(), 'skill', null, mentor.userId, 'Cooking', null]),
    ).toEqual(denial('P0001', 'This member does not list that skill on their profile.'));
  });

  it('refuses arguments that do not fit the kind, a long note, a taken id and anon', async () => {
    const id = crypto.randomUUID();
    expect(await denialAs(db, learner, ENDORSE, [id, 'thread', POST.mentorAnswer, null, null, null])).toEqual(
      denial('22023', 'You can endorse a post or a skill.'),
    );
    expect(await denialAs(db, learner, ENDORSE, [id, 'post', POST.mentorAnswer, null, 'SQL', null])).toEqual(
      denial('22023', 'To endorse a post, give its post_id and no member or skill.'),
    );
    expect(await denialAs(db, learner, ENDORSE, [id, 'skill', null, mentor.userId, null, null])).toEqual(
      denial('22023', 'To endorse a skill, give the member_user_id and the skill, and no post_id.'),
    );
    expect(await denialAs(db, learner, ENDORSE, [id, 'post', POST.mentorAnswer, null, null, 'x'.repeat(501)])).toEqual(
      denial('22023', 'Keep the note to 500 characters.'),
    );
    const taken = await asPersona(db, learner, async (tx) => {
      const mine = await endorsePost(tx, POST.mentorAnswer);
      await becomePersona(tx, admin);
      return tx
        .query(ENDORSE, [mine.id, 'post', POST.mentorAnswer, null, null, null])
        .catch((error: { code: string; message: string }) => denial(error.code, error.message));
    });
    expect(taken).toEqual(denial('42501', 'This endorsement id is already taken; generate a new one.'));
    expect(await denialAs(db, anon, ENDORSE, [id, 'post', POST.mentorAnswer, null, null, null])).toEqual(
      denial('42501', 'permission denied for function endorse'),
    );
  });
});

describe('withdraw_endorsement', () => {
  it('the endorser withdraws; a replay changes nothing; a new endorsement of the target is then allowed', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      await endorsePost(tx, POST.mentorAnswer, id);
      const withdrawn = (await tx.query<Endorsement>(WITHDRAW, [id])).rows[0]!;
      const replay = (await tx.query<Endorsement>(WITHDRAW, [id])).rows[0]!;
      // A replayed endorse of the withdrawn id stays the no-op it was: it does not stand again.
      const replayedEndorse = await endorsePost(tx, POST.mentorAnswer, id);
      const renewed = await endorsePost(tx, POST.mentorAnswer);
      await becomePersona(tx, moderator);
      const othersSee = (await tx.query<{ id: string }>('select id from endorsements')).rows.map((row) => row.id);
      return { id, withdrawn, replay, replayedEndorse, renewed, othersSee };
    });
    expect(outcome.withdrawn.withdrawn_at).toBeInstanceOf(Date);
    expect(outcome.replay).toEqual(outcome.withdrawn);
    expect(outcome.replayedEndorse).toEqual(outcome.withdrawn);
    expect(outcome.renewed).toMatchObject({ withdrawn_at: null, post_id: POST.mentorAnswer });
    expect(outcome.renewed.id).not.toBe(outcome.id);
    // Members read standing endorsements only; the withdrawn one stays the endorser's.
    expect(outcome.othersSee).toEqual([outcome.renewed.id]);
  });

  it('refuses anyone but the endorser: another member, another org, no such endorsement', async () => {
    const refusals = await asPersona(db, learner, async (tx) => {
      const mine = await endorsePost(tx, POST.mentorAnswer);
      const attempt = async (persona: Persona, id: string) => {
        await becomePersona(tx, persona);
        await tx.exec('savepoint attempt');
        try {
          await tx.query(WITHDRAW, [id]);
          return 'withdrawn';
        } catch (error) {
          await tx.exec('rollback to savepoint attempt');
          const { code, message } = error as { code: string; message: string };
          return denial(code, message);
        }
      };
      return {
        mentor: await attempt(mentor, mine.id),
        admin: await attempt(admin, mine.id),
        memberB: await attempt(memberB, mine.id),
        stranger: await attempt(stranger, mine.id),
        unknown: await attempt(learner, crypto.randomUUID()),
      };
    });
    const notYours = denial('42501', 'Only the person who gave an endorsement can withdraw it.');
    const notFound = denial('P0001', 'This endorsement does not exist or you cannot see it.');
    expect(refusals).toEqual({
      mentor: notYours,
      admin: notYours,
      memberB: notFound,
      stranger: notFound,
      unknown: notFound,
    });
    expect(await denialAs(db, anon, WITHDRAW, [crypto.randomUUID()])).toEqual(
      denial('42501', 'permission denied for function withdraw_endorsement'),
    );
  });
});

describe('endorsements (the table)', () => {
  it('members of the org read its endorsements; org B and non-members none; anon is refused', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      await endorsePost(tx, POST.mentorAnswer);
      await becomePersona(tx, admin);
      await endorseSkill(tx, mentor, 'Statistics');
      const count = async (persona: Persona) => {
        await becomePersona(tx, persona);
        return countEndorsements(tx);
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
    expect(seen).toEqual({ learner: 2, mentor: 2, moderator: 2, admin: 2, memberB: 0, stranger: 0 });
    expect(await denialAs(db, anon, 'select * from endorsements')).toEqual(denied('endorsements'));
  });

  it('nobody writes endorsements directly: insert, update and delete are refused', async () => {
    expect(
      await denialAs(
        db,
        learner,
        `insert into endorsements (id, org_id, endorser_id, target_kind, member_user_id, skill)
         values ($1, $2, $3, 'skill', $4, 'SQL')`,
        [crypto.randomUUID(), ORG_A, learner.userId, mentor.userId],
      ),
    ).toEqual(denied('endorsements'));
    expect(await denialAs(db, learner, 'update endorsements set note = null')).toEqual(denied('endorsements'));
    expect(await denialAs(db, admin, 'delete from endorsements')).toEqual(denied('endorsements'));
  });
});

describe('endorsements_received', () => {
  it('counts a member’s standing endorsements per skill, and their posts’, most first; only in the org', async () => {
    const counts = await asPersona(db, learner, async (tx) => {
      await endorsePost(tx, POST.mentorAnswer);
      await endorseSkill(tx, mentor, 'SQL');
      await becomePersona(tx, admin);
      await endorseSkill(tx, mentor, 'SQL');
      const withdrawn = await endorseSkill(tx, mentor, 'Statistics');
      await tx.query(WITHDRAW, [withdrawn.id]);
      await becomePersona(tx, moderator);
      await endorseSkill(tx, learner, 'Excel');
      const received = async (persona: Persona, member: Persona) => {
        await becomePersona(tx, persona);
        return (
          await tx.query<{ target_kind: string; skill: string | null; endorsement_count: number }>(
            'select target_kind, skill, endorsement_count from endorsements_received($1)',
            [member.userId],
          )
        ).rows;
      };
      return {
        mentorAsSeenByModerator: await received(moderator, mentor),
        learnerAsSeenByThemselves: await received(learner, learner),
        mentorAsSeenByOrgB: await received(memberB, mentor),
      };
    });
    expect(counts).toEqual({
      mentorAsSeenByModerator: [
        { target_kind: 'skill', skill: 'SQL', endorsement_count: 2 },
        { target_kind: 'post', skill: null, endorsement_count: 1 },
      ],
      learnerAsSeenByThemselves: [{ target_kind: 'skill', skill: 'Excel', endorsement_count: 1 }],
      mentorAsSeenByOrgB: [],
    });
    expect(await rowsAs(db, stranger, RECEIVED, [mentor.userId])).toEqual([]);
    expect(await denialAs(db, anon, RECEIVED, [mentor.userId])).toEqual(
      denial('42501', 'permission denied for function endorsements_received'),
    );
  });
});
