/**
 * The same SQL on Debian's PostgreSQL 15, the major version Supabase runs (the other tests use PGlite,
 * which is Postgres 18): a throwaway cluster gets the platform stand-in, every migration and the demo
 * seed exactly as scripts/backend/migrate.mjs applies them, then the schema guards of schema.test.ts
 * and a slice of persona behaviour, acted out on the seed's people in transactions that roll back.
 * Run only where /usr/lib/postgresql/15/bin exists (see vitest.config.ts); CI installs it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relative, resolve } from 'node:path';
import { listMigrations, listSeedFiles, SUPABASE_DIR } from '../../scripts/backend/migrate.mjs';
import type { Persona } from './support/database';
import {
  asPersonaOn,
  becomePersonaOn,
  denialOn,
  Postgres15Cluster,
  type PgRunner,
  type PgTransaction,
} from './support/postgres15';

// The demo seed's people and data (supabase/seed.sql).
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const priya: Persona = { label: 'Priya (Northwind admin)', userId: 'a1000000-0000-4000-8000-000000000001' };
const grace: Persona = { label: 'Grace (Northwind mentor)', userId: 'a1000000-0000-4000-8000-000000000003' };
const amara: Persona = { label: 'Amara (Northwind learner)', userId: 'a1000000-0000-4000-8000-000000000004' };
const jonas: Persona = { label: 'Jonas (Northwind learner)', userId: 'a1000000-0000-4000-8000-000000000005' };
const ben: Persona = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
const anon: Persona = { label: 'anon', userId: null };
const QUIZ_LESSON = 'moodle|moodle.localhost:8080|4021|cm:1325312';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const THREAD = {
  /** Amara's, resolved; Grace's answer and Jonas's answer (JONAS_ANSWER). */
  siblings: 'd4000000-0000-4000-8000-000000000001',
  /** Jonas's; answered by Sofia (SOFIA_ANSWER). */
  temperature: 'd4000000-0000-4000-8000-000000000002',
  contoso: 'd4000000-0000-4000-8000-000000000101',
};
const JONAS_ANSWER = 'e5000000-0000-4000-8000-000000000002';
const SOFIA_ANSWER = 'e5000000-0000-4000-8000-000000000004';

const cluster = new Postgres15Cluster();
let db: PgRunner;

beforeAll(async () => {
  try {
    db = await cluster.start();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- server log ---\n${cluster.log()}`, { cause: error });
  }
}, 60_000);

afterAll(async () => {
  await cluster.stop();
}, 30_000);

const names = async (sql: string) => (await db.query<{ name: string }>(sql)).rows.map((row) => row.name).sort();

describe('the server', () => {
  it('is PostgreSQL 15, with the platform stand-in, every migration and the seed recorded', async () => {
    const [{ version }] = (
      await db.query<{ version: string }>(`select current_setting('server_version_num') as version`)
    ).rows as [{ version: string }];
    expect(version).toMatch(/^15\d{4}$/);
    const recorded = await db.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded.rows.map((row) => row.version)).toEqual(listMigrations().map((m) => m.version));
    expect((await db.query('select path from supabase_migrations.seed_files order by path')).rows).toEqual(
      listSeedFiles()
        .map((path) => ({ path: relative(resolve(SUPABASE_DIR, '..'), path) }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    );
  });

  it('truncated no identifier and warned about nothing while applying them', () => {
    expect(cluster.notices.filter((n) => n.code === '42622' || n.severity === 'WARNING')).toEqual([]);
  });
});

describe('schema guards', () => {
  it('every public table has row-level security and a non-null uuid org_id (orgs is the tenant)', async () => {
    const created = listMigrations().flatMap(({ path }) =>
      [...readFileSync(path, 'utf8').matchAll(/create table public\.(\w+)/g)].map(([, table]) => table as string),
    );
    expect(await names(`select tablename as name from pg_tables where schemaname = 'public'`)).toEqual(created.sort());
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`),
    ).toEqual([]);
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'orgs'
          and not exists (
            select 1 from pg_attribute a
            where a.attrelid = c.oid and a.attname = 'org_id' and a.attnotnull and a.atttypid = 'uuid'::regtype)`),
    ).toEqual([]);
  });

  it('anon holds no privilege in public: tables, columns, sequences, functions; nor the private schema', async () => {
    expect(
      await names(`
        select c.relname || ' ' || p.privilege as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
          as p (privilege)
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
          and (has_table_privilege('anon', c.oid, p.privilege)
            or (p.privilege in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
              and has_any_column_privilege('anon', c.oid, p.privilege)))`),
    ).toEqual([]);
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public'
          and case when c.relkind = 'S' then has_sequence_privilege('anon', c.oid, 'USAGE, SELECT, UPDATE') end`),
    ).toEqual([]);
    expect(
      await names(`
        select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'EXECUTE')
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`),
    ).toEqual([]);
    expect((await db.query(`select has_schema_privilege('anon', 'private', 'USAGE') as usage`)).rows).toEqual([
      { usage: false },
    ]);
    expect(await denialOn(db, anon, 'select * from public.threads')).toEqual({
      code: '42501',
      message: 'permission denied for table threads',
    });
  });

  it("every SECURITY DEFINER function pins search_path=''", async () => {
    expect(await names(`select p.proname as name from pg_proc p where p.prosecdef`)).not.toEqual([]);
    expect(
      await names(`
        select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and p.prosecdef
          and not coalesce(p.proconfig @> array['search_path=""'], false)`),
    ).toEqual([]);
  });

  it('policy names fit 63 bytes: Postgres 15 keeps every name the migrations wrote, whole', async () => {
    const written = listMigrations().flatMap(({ path }) =>
      [...readFileSync(path, 'utf8').matchAll(/create policy "([^"]+)"/g)].map(([, name]) => name!),
    );
    expect(written.filter((name) => Buffer.byteLength(name) > 63)).toEqual([]);
    expect(
      await names(`select policyname as name from pg_policies where schemaname in ('public', 'realtime')`),
    ).toEqual([...written].sort());
  });
});

describe('personas on the seed', () => {
  it("a learner reads their own org's threads and none of the other org's", async () => {
    const threadsOf = (persona: Persona) =>
      asPersonaOn(
        db,
        persona,
        async (tx) => (await tx.query<{ id: string; org_id: string }>('select id, org_id from threads')).rows,
      );
    const amaras = await threadsOf(amara);
    expect(amaras.map((row) => row.id)).toEqual(expect.arrayContaining([THREAD.siblings, THREAD.temperature]));
    expect(amaras.filter((row) => row.org_id !== NORTHWIND)).toEqual([]);
    expect(await threadsOf(ben)).toEqual([{ id: THREAD.contoso, org_id: CONTOSO }]);
    const listed = await asPersonaOn(
      db,
      amara,
      async (tx) => (await tx.query<{ title: string }>('select title from thread_list($1)', [COURSE])).rows,
    );
    expect(listed).toEqual([{ title: 'Which spreadsheet tool are people using for the week 2 exercises?' }]);
  });

  it("a write into another org is refused with 42501 (RLS's WITH CHECK)", async () => {
    const refusal = await denialOn(
      db,
      amara,
      `insert into threads (id, org_id, place_key, title) values (gen_random_uuid(), $1, $2, 'Hello Contoso')`,
      [CONTOSO, COURSE],
    );
    expect(refusal.code).toBe('42501');
  });

  it('accept_answer is refused for a learner who did not ask', async () => {
    expect(
      await denialOn(db, amara, 'select * from accept_answer($1, $2)', [THREAD.temperature, SOFIA_ANSWER]),
    ).toEqual({
      code: '42501',
      message: 'Only the person who asked, or a moderator, can accept an answer.',
    });
  });

  it('pull_changes gives a tombstone, without content, for a post deleted since the cursor', async () => {
    type Change = { kind: string; id: string; updated_at: string; op: string; data: unknown };
    const PULL = `select kind, id, updated_at::text as updated_at, op, data
      from pull_changes($1::timestamptz, $2::uuid, $3::text, $4::integer)`;
    const pull = async (tx: PgTransaction, cursor: (string | null)[]) =>
      (await tx.query<Change>(PULL, [...cursor, 1000])).rows;
    const changes = await asPersonaOn(db, amara, async (tx) => {
      const before = await pull(tx, [null, null, null]);
      expect(before).toEqual(expect.arrayContaining([expect.objectContaining({ id: JONAS_ANSWER, op: 'upsert' })]));
      const last = before.at(-1)!;
      await becomePersonaOn(tx, jonas);
      await tx.query(`select delete_content('post', $1)`, [JONAS_ANSWER]);
      await becomePersonaOn(tx, amara);
      return pull(tx, [last.updated_at, last.id, last.kind]);
    });
    expect(changes.filter((row) => row.id === JONAS_ANSWER)).toEqual([
      { kind: 'post', id: JONAS_ANSWER, updated_at: expect.any(String), op: 'deleted', data: null },
    ]);
  });

  it('the sixth question in a minute is refused with PT429', async () => {
    const outcomes = await asPersonaOn(db, amara, async (tx) => {
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) {
        await tx.exec('savepoint attempt');
        try {
          await tx.query(`insert into threads (id, org_id, place_key, title) values (gen_random_uuid(), $1, $2, $3)`, [
            NORTHWIND,
            QUIZ_LESSON,
            `Question ${i + 1}`,
          ]);
          await tx.exec('release savepoint attempt');
          codes.push('ok');
        } catch (error) {
          await tx.exec('rollback to savepoint attempt');
          codes.push((error as { code: string }).code);
        }
      }
      return codes;
    });
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'PT429']);
  });

  it('kpi_weekly is refused for a learner and answers an admin', async () => {
    const KPI = `select week_start::text as week_start, questions from kpi_weekly($1, $2, null)`;
    const range = ['2025-03-03', '2025-03-16'];
    expect(await denialOn(db, amara, KPI, range)).toEqual({
      code: '42501',
      message: "Only moderators and admins can see your organisation's KPIs.",
    });
    const weeks = await asPersonaOn(db, priya, async (tx) => (await tx.query(KPI, range)).rows);
    expect(weeks).toEqual([
      { week_start: '2025-03-03', questions: 0 },
      { week_start: '2025-03-10', questions: 0 },
    ]);
    expect((await denialOn(db, grace, KPI, range)).code).toBe('42501');
  });
});

describe('scheduled jobs (pg_cron)', () => {
  it('schedules mentor-request expiry and tombstone pruning where pg_cron is loaded, and says so where not', async () => {
    const [cron] = (await db.query<{ present: boolean }>(`select to_regnamespace('cron') is not null as present`))
      .rows as [{ present: boolean }];
    if (!cluster.pgCron) {
      // Without postgresql-15-cron the migration changes nothing and tells whoever applies it.
      expect(cron).toEqual({ present: false });
      expect(cluster.notices.map((notice) => notice.message)).toContainEqual(
        expect.stringMatching(/^pg_cron is not available on this server, so no job is scheduled\./),
      );
      return;
    }
    type Job = { jobname: string; schedule: string; command: string; database: string; username: string };
    const jobs = (
      await db.query<Job & { active: boolean }>(
        'select jobname, schedule, command, database, username, active from cron.job order by jobname',
      )
    ).rows;
    expect(jobs).toEqual([
      {
        jobname: 'peerside-expire-mentor-requests',
        schedule: '*/15 * * * *',
        command: 'select public.expire_mentor_requests()',
        database: 'postgres',
        username: 'postgres',
        active: true,
      },
      {
        jobname: 'peerside-prune-deleted-rows',
        schedule: '23 3 * * *',
        command: 'select private.prune_deleted_rows()',
        database: 'postgres',
        username: 'postgres',
        active: true,
      },
    ]);
    // Each command runs as its job's user would run it (rolled back): the functions it names exist.
    for (const job of jobs) {
      await db.transaction(async (tx) => {
        await tx.exec(job.command);
        await tx.rollback();
      });
    }
    // Nobody signed in can see or change the jobs: the cron schema is not granted to API roles.
    expect(await denialOn(db, priya, 'select jobname from cron.job')).toEqual({
      code: '42501',
      message: 'permission denied for schema cron',
    });
  });
});
