/** Mentoring as the background reads and writes it, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { createBackendClient } from '@/lib/api/account';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import {
  completeMentorRequest,
  readMentoring,
  requestMentor,
  respondToMentorRequest,
  withdrawMentorRequest,
} from './mentoring';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const AMARA = 'a1000000-0000-4000-8000-000000000004';
const MEI = 'a1000000-0000-4000-8000-000000000007';
const BEN = 'b2000000-0000-4000-8000-000000000002';

async function mentoringOf(email: string, orgId: string, userId: string) {
  const answer = await readMentoring(await signedIn(email), orgId, userId);
  if (!answer.ok) throw new Error(answer.error);
  return answer.mentoring;
}

describe('mentoring', () => {
  it("lists the org's mentors with their skills, and only the viewer's own requests", async () => {
    const mentoring = await mentoringOf('amara.okafor@northwind.example', NORTHWIND, AMARA);
    expect(mentoring.mentors).toEqual([
      expect.objectContaining({
        userId: GRACE,
        displayName: 'Grace Liu',
        skills: ['SQL', 'Statistics', 'Data visualisation'],
      }),
    ]);
    // Mei's seeded request to Grace is between Mei and Grace only.
    expect(mentoring.requests).toEqual([]);
  });

  it('carries a request from the learner to the mentor and back, once however often it is sent', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const grace = await signedIn('grace.liu@northwind.example');
    const id = crypto.randomUUID();
    const message = 'Could you look at how I structure my SQL capstone queries?';
    expect(await requestMentor(amara, id, GRACE, message)).toEqual({ ok: true });
    expect(await requestMentor(amara, id, GRACE, message)).toEqual({ ok: true });

    const graceView = await readMentoring(grace, NORTHWIND, GRACE);
    expect(graceView.ok && graceView.mentoring.requests.map((r) => [r.learnerName, r.state])).toEqual([
      ['Amara Okafor', 'requested'],
      ['Mei Tanaka', 'requested'],
    ]);

    expect(await respondToMentorRequest(grace, id, true, 'Happy to. Thursday 18:00 UTC?')).toEqual({ ok: true });
    let mine = await readMentoring(amara, NORTHWIND, AMARA);
    expect(mine.ok && mine.mentoring.requests).toEqual([
      expect.objectContaining({
        id,
        mentorName: 'Grace Liu',
        state: 'accepted',
        reply: 'Happy to. Thursday 18:00 UTC?',
        message,
      }),
    ]);

    // One open request per mentor: a second one is refused with the database's sentence.
    expect(await requestMentor(amara, crypto.randomUUID(), GRACE, 'And another thing')).toEqual({
      ok: false,
      error: 'You already have an open request with this mentor. Withdraw it before asking again.',
    });

    expect(await completeMentorRequest(amara, id)).toEqual({ ok: true });
    mine = await readMentoring(amara, NORTHWIND, AMARA);
    expect(mine.ok && mine.mentoring.requests.map((r) => r.state)).toEqual(['completed']);
  });

  it('lets a learner withdraw and a mentor decline, and refuses what is not theirs to do', async () => {
    const grace = await signedIn('grace.liu@northwind.example');
    const mei = await signedIn('mei.tanaka@northwind.example');
    const jonas = await signedIn('jonas.becker@northwind.example');
    const seeded = 'a9000000-0000-4000-8000-000000000001';

    // Jonas cannot see Mei's request at all, so he is told it does not exist for him.
    expect(await respondToMentorRequest(jonas, seeded, true)).toEqual({
      ok: false,
      error: 'This mentoring request does not exist or you cannot see it.',
    });

    expect(await respondToMentorRequest(grace, seeded, false, 'My evenings are full this month, sorry.')).toEqual({
      ok: true,
    });
    const meiView = await readMentoring(mei, NORTHWIND, MEI);
    expect(meiView.ok && meiView.mentoring.requests[0]).toMatchObject({ state: 'declined', mentorName: 'Grace Liu' });

    const id = crypto.randomUUID();
    expect(await requestMentor(mei, id, GRACE, 'Could we try again next month?')).toEqual({ ok: true });
    expect(await withdrawMentorRequest(mei, id)).toEqual({ ok: true });
    const after = await readMentoring(mei, NORTHWIND, MEI);
    expect(after.ok && after.mentoring.requests.map((r) => r.state)).toEqual(['withdrawn', 'declined']);
  });

  it("shows another organisation's member none of Northwind's mentors, and refuses their request", async () => {
    const ben = await signedIn('ben.carter@contoso.example');
    const view = await readMentoring(ben, CONTOSO, BEN);
    expect(view.ok && view.mentoring.mentors.map((m) => m.userId)).not.toContain(GRACE);
    expect(await requestMentor(ben, crypto.randomUUID(), GRACE, 'Hello from Contoso')).toEqual({
      ok: false,
      error: 'This person is not offering mentoring in your organisation.',
    });
  });

  it('says mentoring needs a connection when the server cannot be reached', async () => {
    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    expect(await readMentoring(unreachable, NORTHWIND, AMARA)).toEqual({
      ok: false,
      error: "Mentoring needs a connection. Try again when you're back online.",
    });
    expect(await requestMentor(unreachable, crypto.randomUUID(), GRACE, 'Hi')).toEqual({
      ok: false,
      error: "Mentoring needs a connection. Try again when you're back online.",
    });
  });
});
