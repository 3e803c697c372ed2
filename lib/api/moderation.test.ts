/** Reporting and the moderation queue as the background reads and writes them, on the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { moderate, readQueue, reportContent } from './moderation';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql: Mei's open report on Jonas's answer; Sofia's answer to Jonas's question.
const JONAS_ANSWER = 'e5000000-0000-4000-8000-000000000002';
const SOFIA_ANSWER = 'e5000000-0000-4000-8000-000000000004';

describe('moderation', () => {
  it("shows moderators their org's open reports grouped by item, with the author's name", async () => {
    const tomas = await signedIn('tomas.alvarez@northwind.example');
    const queue = await readQueue(tomas);
    expect(queue).toEqual({
      ok: true,
      items: [
        expect.objectContaining({
          targetKind: 'post',
          targetId: JONAS_ANSWER,
          authorName: 'Jonas Becker',
          hidden: false,
          reportCount: 1,
          reasons: [{ reason: 'misinformation', count: 1 }],
        }),
      ],
    });
  });

  it('refuses the queue to a learner with a sentence', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    expect(await readQueue(amara)).toEqual({
      ok: false,
      error: 'Only moderators and admins can see the moderation queue.',
    });
  });

  it('takes a report once however often it is sent, and the moderator hides the answer with a reason', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const priya = await signedIn('priya.raman@northwind.example');
    const report = {
      reportId: crypto.randomUUID(),
      targetKind: 'post' as const,
      targetId: SOFIA_ANSWER,
      reason: 'spam' as const,
    };
    expect(await reportContent(amara, { ...report, note: '  Links to a paid essay site.  ' })).toEqual({ ok: true });
    expect(await reportContent(amara, report)).toEqual({ ok: true });

    let queue = await readQueue(priya);
    const item = queue.ok ? queue.items.find((i) => i.targetId === SOFIA_ANSWER) : undefined;
    expect(item).toMatchObject({ reportCount: 1, reasons: [{ reason: 'spam', count: 1 }], authorName: 'Sofia Marino' });

    expect(await moderate(priya, 'post', SOFIA_ANSWER, 'hide', '')).toEqual({
      ok: false,
      error: 'Say why, in 1 to 500 characters: it is kept in the moderation log.',
    });
    expect(await moderate(priya, 'post', SOFIA_ANSWER, 'hide', 'Advertises a paid essay service.')).toEqual({
      ok: true,
    });
    queue = await readQueue(priya);
    expect(queue.ok && queue.items.map((i) => i.targetId)).not.toContain(SOFIA_ANSWER);

    expect(await moderate(priya, 'post', JONAS_ANSWER, 'dismiss', 'A fair simplification for week 1.')).toEqual({
      ok: true,
    });
    expect(await readQueue(priya)).toEqual({ ok: true, items: [] });
  });

  it('refuses a learner moderating, and another org reporting what it cannot see', async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    expect(await moderate(amara, 'post', JONAS_ANSWER, 'hide', 'I disagree')).toEqual({
      ok: false,
      error: 'Only moderators and admins can moderate.',
    });
    const ben = await signedIn('ben.carter@contoso.example');
    expect(
      await reportContent(ben, {
        reportId: crypto.randomUUID(),
        targetKind: 'post',
        targetId: JONAS_ANSWER,
        reason: 'spam',
      }),
    ).toEqual({ ok: false, error: 'This post does not exist or you cannot see it.' });
  });
});
