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

  it("never shows another person's notifications", async () => {
    const ben = await signedIn('ben.carter@contoso.example');
    const grace = await signedIn('grace.liu@northwind.example');
    const theirs = new Set((await readInbox(grace)).items.map((item) => item.id));
    for (const item of (await readInbox(ben)).items) expect(theirs.has(item.id)).toBe(false);
  });
});
