/** Contributors as the background reads and writes them, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { createBackendClient } from '@/lib/api/account';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { endorseSkill, readContributors, withdrawEndorsement } from './contributors';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql (and seeds/10_follows.sql: Sofia's answer on the Canvas course).
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const MOODLE_COURSE = 'moodle|moodle.localhost:8080|4021';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const AMARA = 'a1000000-0000-4000-8000-000000000004';
const JONAS = 'a1000000-0000-4000-8000-000000000005';
const BEN = 'b2000000-0000-4000-8000-000000000002';

async function contributorsOf(email: string, orgId: string, userId: string, courseKey: string | null) {
  const answer = await readContributors(await signedIn(email), orgId, userId, courseKey);
  if (!answer.ok) throw new Error(answer.error);
  return answer.contributors;
}

const graceSkills = (dataVisualisation: number, mine: string | null = null) => [
  { name: 'SQL', endorsements: 1, mine: null },
  { name: 'Statistics', endorsements: 1, mine: null },
  { name: 'Data visualisation', endorsements: dataVisualisation, mine },
  { name: 'Project planning', endorsements: 0, mine: null },
];

describe('contributors', () => {
  it("ranks who helped most in the course's last 30 days, with their skills and endorsements", async () => {
    const { contributors, courseKey, viewerId } = await contributorsOf(
      'amara.okafor@northwind.example',
      NORTHWIND,
      AMARA,
      MOODLE_COURSE,
    );
    expect({ courseKey, viewerId }).toEqual({ courseKey: MOODLE_COURSE, viewerId: AMARA });
    // Grace: her accepted answer (3 up-votes, Amara's endorsement) and her SQL and Statistics
    // endorsements; Sofia's answer has one up-vote; Jonas's answer is +1 -1; Amara replied; Tomás
    // answered on the reading. Ties by name.
    expect(
      contributors.map((c) => [c.displayName, c.answers, c.acceptedAnswers, c.endorsementsReceived, c.helpfulVotes]),
    ).toEqual([
      ['Grace Liu', 1, 1, 3, 3],
      ['Sofia Marino', 1, 0, 0, 1],
      ['Amara Okafor', 1, 0, 0, 0],
      ['Jonas Becker', 1, 0, 0, 0],
      ['Tomás Álvarez', 1, 0, 0, 0],
    ]);
    expect(contributors[0]).toEqual({
      userId: GRACE,
      displayName: 'Grace Liu',
      skills: graceSkills(0),
      answers: 1,
      acceptedAnswers: 1,
      endorsementsReceived: 3,
      helpfulVotes: 3,
      score: 13,
    });
    expect(contributors.find((c) => c.userId === JONAS)!.skills).toEqual([]);

    // The whole organisation adds Grace's and Sofia's answers on the Canvas course.
    const org = await contributorsOf('amara.okafor@northwind.example', NORTHWIND, AMARA, null);
    expect(org.contributors.slice(0, 2).map((c) => [c.displayName, c.answers, c.score])).toEqual([
      ['Grace Liu', 2, 15],
      ['Sofia Marino', 2, 3],
    ]);
  });

  it('endorses a peer for a skill once however often it is sent, and withdraws it', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const id = crypto.randomUUID();
    // Matched as the profile spells it, whatever the case.
    expect(await endorseSkill(amara, id, GRACE, 'data VISUALISATION')).toEqual({ ok: true });
    expect(await endorseSkill(amara, id, GRACE, 'data VISUALISATION')).toEqual({ ok: true });
    let read = await readContributors(amara, NORTHWIND, AMARA, MOODLE_COURSE);
    expect(read.ok && read.contributors.contributors[0]).toMatchObject({
      displayName: 'Grace Liu',
      skills: graceSkills(1, id),
      endorsementsReceived: 4,
    });

    // Another learner sees the count, but not as theirs.
    const jonas = await signedIn('jonas.becker@northwind.example');
    read = await readContributors(jonas, NORTHWIND, JONAS, MOODLE_COURSE);
    expect(read.ok && read.contributors.contributors[0]!.skills[2]).toEqual({
      name: 'Data visualisation',
      endorsements: 1,
      mine: null,
    });
    expect(await withdrawEndorsement(jonas, id)).toEqual({
      ok: false,
      error: 'Only the person who gave an endorsement can withdraw it.',
    });

    expect(await withdrawEndorsement(amara, id)).toEqual({ ok: true });
    expect(await withdrawEndorsement(amara, id)).toEqual({ ok: true });
    read = await readContributors(amara, NORTHWIND, AMARA, MOODLE_COURSE);
    expect(read.ok && read.contributors.contributors[0]).toMatchObject({
      skills: graceSkills(0),
      endorsementsReceived: 3,
    });
  });

  it("refuses with the database's sentences: your own skill, a skill not listed, another org", async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    expect(await endorseSkill(amara, crypto.randomUUID(), AMARA, 'Excel')).toEqual({
      ok: false,
      error: 'You cannot endorse your own skill.',
    });
    expect(await endorseSkill(amara, crypto.randomUUID(), GRACE, 'Cooking')).toEqual({
      ok: false,
      error: 'This member does not list that skill on their profile.',
    });
    const ben = await signedIn('ben.carter@contoso.example');
    expect(await endorseSkill(ben, crypto.randomUUID(), GRACE, 'SQL')).toEqual({
      ok: false,
      error: 'This member does not exist or you cannot see them.',
    });
  });

  it("shows another organisation's member only their own organisation's contributors", async () => {
    const { contributors } = await contributorsOf('ben.carter@contoso.example', CONTOSO, BEN, MOODLE_COURSE);
    expect(contributors.map((c) => [c.displayName, c.answers, c.helpfulVotes, c.skills])).toEqual([
      ['Nadia Haddad', 1, 1, []],
    ]);
  });

  it('says it needs a connection when the server cannot be reached', async () => {
    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    expect(await readContributors(unreachable, NORTHWIND, AMARA, MOODLE_COURSE)).toEqual({
      ok: false,
      error: "Seeing who helps most needs a connection. Try again when you're back online.",
    });
    expect(await endorseSkill(unreachable, crypto.randomUUID(), GRACE, 'SQL')).toEqual({
      ok: false,
      error: "Endorsing needs a connection. Try again when you're back online.",
    });
  });
});
