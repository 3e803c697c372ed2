/**
 * Realtime "pull now" from the database: a change to a question or answer queues a broadcast on the
 * org's private topic carrying only the kind of row, and only the org's members may receive it. There
 * is no Realtime server locally: these tests read realtime.messages, which is what Realtime delivers.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase } from './support/database';

let db: PGlite;
beforeAll(async () => {
  db = await createMigratedDatabase({ seed: true });
}, 60_000);
afterAll(async () => db?.close());

const NORTHWIND = '10000000-0000-4000-8000-000000000001';
// Seeded in supabase/seed.sql: Priya is a member of Northwind, Ben of Contoso only.
const PRIYA = 'a1000000-0000-4000-8000-000000000001';
const BEN_OF_CONTOSO = 'b2000000-0000-4000-8000-000000000002';

describe('realtime pull-now signals', () => {
  it('queues one signal per change on the org topic, with the kind only', async () => {
    await db.query('delete from realtime.messages');
    await db.query(
      `insert into public.threads (id, org_id, place_key, author_id, title, body)
       values (gen_random_uuid(), $1, 'moodle|moodle.localhost:8080|4021', $2, 'A question for the signal test', 'Its body')`,
      [NORTHWIND, PRIYA],
    );
    const { rows } = await db.query<{ topic: string; event: string; payload: unknown; private: boolean }>(
      'select topic, event, payload, private from realtime.messages',
    );
    expect(rows).toEqual([{ topic: `org:${NORTHWIND}`, event: 'changed', payload: { kind: 'thread' }, private: true }]);
  });

  it("lets members receive their org's signals, and nobody else", async () => {
    const topic = `org:${NORTHWIND}`;
    const seen = (userId: string) =>
      db.transaction(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ sub: userId, role: 'authenticated' }),
        ]);
        await tx.query(`select set_config('realtime.topic', $1, true)`, [topic]);
        await tx.query('set local role authenticated');
        const { rows } = await tx.query<{ count: number }>(
          'select count(*)::int as count from realtime.messages where topic = $1',
          [topic],
        );
        return rows[0]!.count;
      });
    expect(await seen(PRIYA)).toBeGreaterThan(0);
    expect(await seen(BEN_OF_CONTOSO)).toBe(0);
  });
});
