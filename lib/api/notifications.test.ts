/** Notifications as the background reads them, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { memoryArea, useLocalBackend } from '@/tests/fixtures/local-backend';
import { createBackendClient, sendCode, verifyCode } from './account';
import { markRead, readInbox } from './notifications';

const local = useLocalBackend();

async function signedIn(email: string) {
  const client = createBackendClient({ url: local.backend.url, anonKey: local.backend.anonKey }, memoryArea());
  await sendCode(client, email);
  await verifyCode(client, email, local.codes.get(email)!);
  return client;
}

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
