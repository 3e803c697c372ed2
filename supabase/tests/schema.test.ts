/**
 * Guards on the schema as a whole, so a new migration cannot quietly weaken it: RLS on every public
 * table, nothing granted to anon, policies that name their role and wrap auth.uid(), SECURITY
 * DEFINER only with an empty search_path, each table's policies in its own migration. Also checks
 * that the migrations are tracked (a restart applies nothing) and that the demo seed loads.
 */
import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLocalPlatform, applyMigrations, listMigrations } from '../../scripts/backend/migrate.mjs';
import { createMigratedDatabase, denialAs, rowsAs } from './support/database';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase({ seed: true });
});

afterAll(async () => {
  await db?.close();
});

const names = async (sql: string) => (await db.query<{ name: string }>(sql)).rows.map((row) => row.name).sort();

describe('every public table', () => {
  it('has row-level security enabled', async () => {
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`),
    ).toEqual([]);
  });

  it('carries org_id (orgs is the tenant itself)', async () => {
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'orgs'
          and not exists (
            select 1 from pg_attribute a
            where a.attrelid = c.oid and a.attname = 'org_id' and a.attnotnull
              and a.atttypid = 'uuid'::regtype)`),
    ).toEqual([]);
  });

  it('exists (a guard that the checks above looked at something)', async () => {
    expect(await names(`select tablename as name from pg_tables where schemaname = 'public'`)).toEqual([
      'circle_members',
      'circle_session_attendees',
      'circle_sessions',
      'circles',
      'endorsements',
      'follows',
      'members',
      'mentor_profiles',
      'mentor_request_events',
      'mentor_requests',
      'moderation_actions',
      'notifications',
      'org_settings',
      'orgs',
      'places',
      'playlist_items',
      'playlist_moderation_actions',
      'playlist_votes',
      'playlists',
      'posts',
      'reports',
      'review_requests',
      'reviews',
      'revisions',
      'threads',
      'votes',
    ]);
  });
});

describe('anon', () => {
  it('holds no privilege on any public table, view or column', async () => {
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
  });

  it('holds no privilege on any public sequence', async () => {
    expect(
      await names(`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public'
          and case when c.relkind = 'S' then has_sequence_privilege('anon', c.oid, 'USAGE, SELECT, UPDATE') end`),
    ).toEqual([]);
  });

  it('can execute no public function, nor reach the private schema', async () => {
    expect(
      await names(`
        select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'EXECUTE')
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`),
    ).toEqual([]);
    const [usage] = (
      await db.query<{ usage: boolean }>(`select has_schema_privilege('anon', 'private', 'USAGE') as usage`)
    ).rows;
    expect(usage).toEqual({ usage: false });
  });

  it('is refused by Postgres itself on every table, before any policy runs', async () => {
    const tables = await names(`select tablename as name from pg_tables where schemaname = 'public'`);
    const anon = { label: 'anon', userId: null };
    for (const table of tables) {
      expect(await denialAs(db, anon, `select * from public.${table}`)).toEqual({
        code: '42501',
        message: `permission denied for table ${table}`,
      });
    }
  });
});

describe('policies', () => {
  type Policy = { name: string; tablename: string; roles: string[]; qual: string | null; with_check: string | null };
  const policies = async () =>
    (
      await db.query<Policy>(
        `select policyname as name, tablename, roles::text[] as roles, qual, with_check
         from pg_policies where schemaname = 'public'`,
      )
    ).rows;

  it('name the role they are for, never the default PUBLIC', async () => {
    const offenders = (await policies()).filter((p) => p.roles.includes('public')).map((p) => p.name);
    expect(offenders).toEqual([]);
  });

  it('wrap auth.uid() in a select, so Postgres evaluates it once per statement', async () => {
    const offenders = (await policies())
      .filter((p) =>
        `${p.qual ?? ''} ${p.with_check ?? ''}`.replaceAll('( SELECT auth.uid() AS uid)', '').includes('auth.uid()'),
      )
      .map((p) => p.name);
    expect(offenders).toEqual([]);
  });

  it('have names Postgres keeps whole (it cuts identifiers at 63 bytes, with only a notice)', () => {
    const tooLong = listMigrations().flatMap(({ path }) =>
      [...readFileSync(path, 'utf8').matchAll(/create policy "([^"]+)"/g)]
        .map(([, name]) => name!)
        .filter((name) => Buffer.byteLength(name) > 63),
    );
    expect(tooLong).toEqual([]);
  });

  it('are named as sentences', async () => {
    const offenders = (await policies())
      .map((p) => p.name)
      .filter((name) => !/^[A-Z][a-z]* [a-z][\w ']*[a-z]$/.test(name));
    expect(offenders).toEqual([]);
  });
});

describe('functions', () => {
  it('that are SECURITY DEFINER pin an empty search_path', async () => {
    expect(
      await names(`
        select n.nspname || '.' || p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and p.prosecdef
          and not coalesce(p.proconfig @> array['search_path=""'], false)`),
    ).toEqual([]);
  });

  it('that are SECURITY DEFINER live in private, except the rule-bearing RPCs', async () => {
    expect(
      await names(`
        select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef`),
    ).toEqual([
      'accept_answer',
      'add_circle_member',
      'add_playlist_item',
      'archive_circle',
      'archive_playlist',
      'cancel_circle_session',
      'close_review_request',
      'complete_mentor_request',
      'create_circle',
      'create_playlist',
      'delete_content',
      'delete_playlist',
      'endorse',
      'expire_mentor_requests',
      'join_circle',
      'kpi_weekly',
      'leave_circle',
      'mark_notifications_read',
      'moderate',
      'moderate_playlist',
      'pull_changes',
      'remove_circle_member',
      'reorder_playlist_items',
      'report_content',
      'request_mentor',
      'request_review',
      'reschedule_circle_session',
      'respond_mentor_request',
      'rsvp_circle_session',
      'schedule_circle_session',
      'set_playlist_curators',
      'submit_review',
      'update_circle',
      'update_org_settings',
      'withdraw_endorsement',
      'withdraw_mentor_request',
    ]);
  });
});

describe('migrations', () => {
  it('create each table with its RLS, grants and policies in the same file', () => {
    const incomplete = listMigrations().flatMap(({ path, version }) => {
      const sql = readFileSync(path, 'utf8');
      return [...sql.matchAll(/create table public\.(\w+)/g)].flatMap(([, table]) => {
        const needs = [
          `alter table public.${table} enable row level security`,
          `revoke all on table public.${table} from anon`,
          `on public.${table} for`,
        ];
        return needs.filter((needle) => !sql.includes(needle)).map((needle) => `${version} ${table}: ${needle}`);
      });
    });
    expect(incomplete).toEqual([]);
  });

  it('are recorded, so starting again applies nothing twice', async () => {
    expect(await applyLocalPlatform(db)).toBe(false);
    expect(await applyMigrations(db)).toEqual([]);
    const recorded = await db.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded.rows.map((row) => row.version)).toEqual(listMigrations().map((m) => m.version));
  });
});

describe('the demo seed', () => {
  it('gives Northwind Learning every role and Contoso Academy its own members', async () => {
    const { rows } = await db.query<{ org: string; role: string; people: number }>(`
      select o.name as org, m.role, count(*)::int as people
      from members m join orgs o on o.id = m.org_id group by o.name, m.role order by o.name, m.role`);
    expect(rows).toEqual([
      { org: 'Contoso Academy', role: 'admin', people: 1 },
      { org: 'Contoso Academy', role: 'learner', people: 1 },
      { org: 'Northwind Learning', role: 'admin', people: 1 },
      { org: 'Northwind Learning', role: 'learner', people: 4 },
      { org: 'Northwind Learning', role: 'mentor', people: 1 },
      { org: 'Northwind Learning', role: 'moderator', people: 1 },
    ]);
  });

  it('shows a Northwind learner the demo lesson’s threads and none of Contoso’s', async () => {
    const amara = { label: 'Amara (Northwind learner)', userId: 'a1000000-0000-4000-8000-000000000004' };
    const threads = await rowsAs<{ title: string; answer_count: number; vote_score: number; status: string }>(
      db,
      amara,
      `select title, answer_count, vote_score, status from thread_list('moodle|moodle.localhost:8080|4021|cm:1325312')`,
    );
    expect(threads).toEqual([
      { title: 'Why is temperature interval and not ratio data?', answer_count: 1, vote_score: 1, status: 'answered' },
      { title: 'Is "number of siblings" discrete or continuous?', answer_count: 2, vote_score: 3, status: 'resolved' },
    ]);
    const course = await rowsAs<{ title: string }>(
      db,
      amara,
      `select title from thread_list('moodle|moodle.localhost:8080|4021')`,
    );
    expect(course.map((row) => row.title)).toEqual([
      'Which spreadsheet tool are people using for the week 2 exercises?',
    ]);
  });

  it('gives Grace, the mentor, endorsements and an open request from Mei, which Contoso never sees', async () => {
    const grace = 'a1000000-0000-4000-8000-000000000003';
    const mei = { label: 'Mei (Northwind learner)', userId: 'a1000000-0000-4000-8000-000000000007' };
    const ben = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
    const received = `select target_kind, skill, endorsement_count from endorsements_received($1)`;
    expect(await rowsAs(db, mei, received, [grace])).toEqual([
      { target_kind: 'post', skill: null, endorsement_count: 1 },
      { target_kind: 'skill', skill: 'SQL', endorsement_count: 1 },
      { target_kind: 'skill', skill: 'Statistics', endorsement_count: 1 },
    ]);
    expect(await rowsAs(db, mei, 'select mentor_id, state from mentor_requests')).toEqual([
      { mentor_id: grace, state: 'requested' },
    ]);
    expect(await rowsAs(db, mei, 'select user_id, capacity from mentor_profiles')).toEqual([
      { user_id: grace, capacity: 3 },
    ]);
    expect(await rowsAs(db, ben, received, [grace])).toEqual([]);
    expect(await rowsAs(db, ben, 'select user_id from mentor_profiles')).toEqual([]);
  });
});
