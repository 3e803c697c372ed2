import { describe, expect, it } from 'vitest';
import { enqueueWrite } from '../sync/outbox';
import { alice, createClient, newPlace, newThread, orgId, testClock } from '@/tests/fixtures/sync-harness';
import { createMemoryServer } from '@/tests/fixtures/memory-server';
import { cacheUsage, clearCache } from './usage';

describe('cache usage and clearing', () => {
  it('counts what is cached, and clearing keeps every unsent write', async () => {
    const clock = testClock();
    const server = createMemoryServer();
    server.addMember(orgId, alice);
    const client = await createClient(server, { name: 'usage', userId: alice, clock });
    const place = newPlace();
    await client.write({ op: 'insert', table: 'places', row: place });
    await client.engine.sync();
    const sent = newThread(alice, 'Sent already');
    await client.write({ op: 'insert', table: 'threads', row: sent });
    await client.engine.sync();
    const unsent = newThread(alice, 'Still on this device');
    await enqueueWrite(client.db, { op: 'insert', table: 'threads', row: unsent }, clock.now());

    expect(await cacheUsage(client.db, async () => ({ usage: 2048 }))).toEqual({
      questions: 2,
      answers: 0,
      unsent: 1,
      bytes: 2048,
    });
    await clearCache(client.db);
    const after = await cacheUsage(client.db);
    expect(after).toEqual({ questions: 1, answers: 0, unsent: 1, bytes: null });
    expect(await client.db.threads.get(unsent.id)).toBeDefined();
  });
});
