/**
 * The database's scheduled jobs where there is no pg_cron: on PGlite the scheduled-jobs migration
 * creates nothing, and the local stack (startBackend) runs the same jobs itself: mentor-request expiry
 * and tombstone pruning, once at start and then on timers. Acted out on a seeded database on disk that
 * "slept" with a request unanswered for 15 days and a tombstone 100 days old. (On PostgreSQL 15 with
 * pg_cron, postgres15.pg15.test.ts checks the cron jobs themselves.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../scripts/backend/migrate.mjs';
import { startBackend } from '../../scripts/backend/index.mjs';

// Seeded in supabase/seed.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const AMARA = 'a1000000-0000-4000-8000-000000000004';
const JONAS = 'a1000000-0000-4000-8000-000000000005';

const id = (n: number) => `f7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const STALE_REQUEST = id(1);
const RECENT_REQUEST = id(2);
const OLD_TOMBSTONE = id(3);
const RECENT_TOMBSTONE = id(4);

const dataDir = mkdtempSync(join(tmpdir(), 'peerside-jobs-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scheduled jobs without pg_cron', () => {
  it('the local stack expires stale mentoring requests and prunes old tombstones as it starts', async () => {
    // A seeded database that was last running weeks ago; the migration scheduled nothing in it.
    const before = await PGlite.create({ dataDir });
    await prepareDatabase(before, { seed: true });
    const cron = await before.query(
      `select to_regnamespace('cron') as schema, (select count(*)::int from pg_extension where extname = 'pg_cron') as extensions`,
    );
    expect(cron.rows).toEqual([{ schema: null, extensions: 0 }]);
    await before.exec(`
      insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message, created_at) values
        ('${STALE_REQUEST}', '${NORTHWIND}', '${AMARA}', '${GRACE}', 'Unanswered for 15 days', now() - interval '15 days'),
        ('${RECENT_REQUEST}', '${NORTHWIND}', '${JONAS}', '${GRACE}', 'Unanswered for 13 days', now() - interval '13 days');
      insert into private.deleted_rows (kind, id, org_id, deleted_at) values
        ('post', '${OLD_TOMBSTONE}', '${NORTHWIND}', now() - interval '100 days'),
        ('post', '${RECENT_TOMBSTONE}', '${NORTHWIND}', now() - interval '10 days');`);
    await before.close();

    const lines: string[] = [];
    const backend = await startBackend({ port: 0, dbPort: 0, dataDir, log: (line) => lines.push(line) });
    await backend.stop();
    expect(lines).toContain('Expired 1 mentoring request unanswered for 14 days.');
    expect(lines).toContain('Pruned 1 delete tombstone older than 90 days.');

    const after = await PGlite.create({ dataDir });
    try {
      const requests = await after.query(
        `select r.id, r.state, r.closed_at is not null as closed,
           (select json_agg(json_build_object('actor', e.actor_id, 'from', e.from_state, 'to', e.to_state))
            from mentor_request_events e where e.request_id = r.id and e.to_state = 'expired') as expiry
         from mentor_requests r where r.id in ($1, $2) order by r.id`,
        [STALE_REQUEST, RECENT_REQUEST],
      );
      expect(requests.rows).toEqual([
        {
          id: STALE_REQUEST,
          state: 'expired',
          closed: true,
          expiry: [{ actor: null, from: 'requested', to: 'expired' }],
        },
        { id: RECENT_REQUEST, state: 'requested', closed: false, expiry: null },
      ]);
      const tombstones = await after.query(`select id from private.deleted_rows where id in ($1, $2)`, [
        OLD_TOMBSTONE,
        RECENT_TOMBSTONE,
      ]);
      expect(tombstones.rows).toEqual([{ id: RECENT_TOMBSTONE }]);
    } finally {
      await after.close();
    }
  }, 120_000);
});
