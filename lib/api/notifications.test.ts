/** Notifications as the background reads them, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { markRead, readInbox } from './notifications';

const local = useLocalBackend();

const signedIn = (email: string) => signedInClient(local, email);

describe('notifications', () => {
  it("reads a learner's own notifications with the unread count, and marks them read", async () => {
    const grace = await signedIn('grace.liu@northwind.example');
    const inbox = await readInbox(grace);
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items.filter((item) => !item.read)).toHaveLength(Math.min(inbox.unread, inbox.items.length));
    expect(inbox.items.map((item) => item.kind)).toContain('mentor_requested');

    await markRead(grace);
    expect((await readInbox(grace)).unread).toBe(0);
  });

  it('reads a kind the inbox has a sentence for when a peer reviews your work', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const jonas = await signedIn('jonas.becker@northwind.example');
    const requestId = crypto.randomUUID();
    const requested = await amara.rpc('request_review', {
      request_id: requestId,
      title: 'My churn analysis write-up',
      work_text: 'Churn fell 4% after the onboarding change; see the cohort table.',
      rubric: ['Clarity', 'Evidence'],
    });
    expect(requested.error).toBeNull();
    const reviewed = await jonas.rpc('submit_review', {
      review_id: crypto.randomUUID(),
      request_id: requestId,
      scores: { Clarity: 4, Evidence: 3 },
      comment: 'Clear story; the cohort table needs a baseline week.',
    });
    expect(reviewed.error).toBeNull();
    const inbox = await readInbox(amara);
    expect(inbox.items[0]).toMatchObject({ kind: 'review_received', read: false });
  });

  it('tells a follower of a question about a new answer, in a sentence of its own', async () => {
    // Seeded: Mei follows Jonas's temperature question (supabase/seeds/10_follows.sql).
    const priya = await signedIn('priya.raman@northwind.example');
    const answered = await priya.from('posts').insert({
      id: crypto.randomUUID(),
      org_id: '10000000-0000-4000-8000-000000000001',
      thread_id: 'd4000000-0000-4000-8000-000000000002',
      body: 'Kelvin is the scale where ratios of temperature mean something.',
    });
    expect(answered.error).toBeNull();
    const mei = await signedIn('mei.tanaka@northwind.example');
    expect((await readInbox(mei)).items[0]).toMatchObject({
      kind: 'followed_activity',
      threadId: 'd4000000-0000-4000-8000-000000000002',
      read: false,
    });
  });

  it("never shows another person's notifications", async () => {
    const ben = await signedIn('ben.carter@contoso.example');
    const grace = await signedIn('grace.liu@northwind.example');
    const theirs = new Set((await readInbox(grace)).items.map((item) => item.id));
    for (const item of (await readInbox(ben)).items) expect(theirs.has(item.id)).toBe(false);
  });
});
