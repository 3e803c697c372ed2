// Backend query timings at scale: thread_list, pull_changes and search_threads as a signed-in member,
// and kpi_weekly as a moderator (12 weeks, org-wide and for one course), over 1,000,000 posts in 100
// orgs (with endorsements, mentoring requests and peer reviews for the KPIs to count), on an
// in-memory PGlite with the real migrations. The dataset is generated with set-based SQL
// (generate_series), triggers off while it loads and the derived columns (answered status, scores)
// written as the triggers would have kept them. Returns figures for `npm run bench` to print; never a
// pass/fail test. PGlite is Postgres 18 in WASM, so absolute times run slower than a Supabase
// instance; the plans (index scans, no sequential scans) are what carry over.
// Where Debian's PostgreSQL 15 is installed (/usr/lib/postgresql/15/bin, as CI has it), the same
// dataset and reads also run on a throwaway native cluster (benchBackendOnPostgres15), the major
// version Supabase runs: the figures closest to a hosted project this machine can give.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { prepareDatabase } from '../../scripts/backend/migrate.mjs';

const DEFAULTS = { orgs: 100, membersPerOrg: 40, placesPerOrg: 20, threadsPerPlace: 50, postsPerThread: 10 };
/** The KPI range the dashboard asks for: the last 12 weeks, today included. */
const KPI_WEEKS = 12;

const WORDS = [
  'variable',
  'mean',
  'median',
  'histogram',
  'outlier',
  'regression',
  'sample',
  'variance',
  'charter',
  'stakeholder',
  'milestone',
  'budget',
  'risk',
  'scope',
  'quiz',
  'deadline',
  'formula',
  'spreadsheet',
  'python',
  'excel',
  'dataset',
  'chart',
  'probability',
  'hypothesis',
  'interval',
  'ratio',
  'nominal',
  'ordinal',
  'discrete',
  'continuous',
  'kelvin',
  'celsius',
  'survey',
  'interview',
  'template',
  'rubric',
  'feedback',
  'grade',
  'module',
  'lesson',
  'reading',
  'video',
  'exercise',
  'question',
  'answer',
  'example',
  'confused',
  'why',
  'how',
  'what',
  'the',
  'a',
  'is',
  'of',
  'in',
  'to',
  'and',
  'for',
  'with',
  'my',
];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), runs: sorted.length };
}

/** Loads the dataset with set-based SQL. Ids are derived from numbers so the queries can name them. */
async function generate(db, size) {
  const { orgs, membersPerOrg, placesPerOrg, threadsPerPlace, postsPerThread } = size;
  const words = `array[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  const uuid = (prefix, n) => `('${prefix}' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  // Secondary indexes are dropped while loading and rebuilt after, which is far faster than
  // maintaining them row by row; the constraint indexes (keys) stay.
  const { rows: indexes } = await db.query(`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ('threads', 'posts', 'votes')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const { indexname } of indexes) await db.exec(`drop index public.${indexname}`);
  await db.exec(`
    set session_replication_role = replica; -- no triggers or FK checks while loading consistent data
    create temporary table sentences as
      select array_agg(text order by n) as texts from (
        select n, (select string_agg((${words})[1 + ((n * 7919 + k * 104729) % ${WORDS.length})], ' ')
                   from generate_series(1, 6 + n % 14) k) as text
        from generate_series(0, 999) n) s;

    insert into public.orgs (id, name)
      select ${uuid('0000000a-0000-4000-8000-', 'o')}, 'Org ' || o from generate_series(1, ${orgs}) o;
    insert into auth.users (id, email, aud, role)
      select ${uuid('0000000b-0000-4000-8000-', 'u')}, 'user' || u || '@bench.example', 'authenticated', 'authenticated'
      from generate_series(1, ${orgs * membersPerOrg}) u;
    insert into public.members (org_id, user_id, role, display_name)
      select ${uuid('0000000a-0000-4000-8000-', '1 + (u - 1) / ' + membersPerOrg)}, ${uuid('0000000b-0000-4000-8000-', 'u')},
        case when u % ${membersPerOrg} = 1 then 'moderator' else 'learner' end, 'User ' || u
      from generate_series(1, ${orgs * membersPerOrg}) u;
    insert into public.places (org_id, key, platform, course_id, lesson_id)
      select ${uuid('0000000a-0000-4000-8000-', 'o')}, 'moodle|lms.bench.example|' || o || '|cm:' || l, 'moodle',
        o::text, 'cm:' || l
      from generate_series(1, ${orgs}) o, generate_series(1, ${placesPerOrg}) l;

    -- Threads: t numbers org-major; each org's created and updated all over the last year (about 8.8 h apart).
    insert into public.threads (id, org_id, place_key, author_id, title, body, tags, status, created_at, updated_at)
      select ${uuid('0000000c-0000-4000-8000-', 't')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        'moodle|lms.bench.example|' || o || '|cm:' || (1 + (t % ${placesPerOrg})),
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + (t % ${membersPerOrg})`)},
        left(texts[1 + t % 1000], 190) || ' ' || t,
        texts[1 + (t * 31) % 1000], '{}', 'answered',
        now() - make_interval(secs => (t * 31567) % 31536000), now() - make_interval(secs => (t * 31567) % 31536000)
      from (select t, 1 + (t - 1) / ${placesPerOrg * threadsPerPlace} as o
            from generate_series(1::bigint, ${orgs * placesPerOrg * threadsPerPlace}) t) g, sentences;

    -- Posts: p numbers thread-major; every fourth is a reply to the thread's first answer.
    insert into public.posts (id, org_id, thread_id, parent_id, author_id, body, score, created_at, updated_at)
      select ${uuid('0000000d-0000-4000-8000-', 'p')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('0000000c-0000-4000-8000-', 't')},
        case when p % 4 = 0 then ${uuid('0000000d-0000-4000-8000-', `(t - 1) * ${postsPerThread} + 1`)} end,
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + (p % ${membersPerOrg})`)},
        texts[1 + (p * 17) % 1000],
        -- The score the votes below add up to (the votes trigger is off while loading).
        case when p % 2 = 1 then 0 when p % 10 = 0 then -1 else 1 end,
        now() - make_interval(secs => (p * 104729) % 31536000), now() - make_interval(secs => (p * 104729) % 31536000)
      from (select p, 1 + (p - 1) / ${postsPerThread} as t,
              1 + (p - 1) / ${placesPerOrg * threadsPerPlace * postsPerThread} as o
            from generate_series(1::bigint, ${orgs * placesPerOrg * threadsPerPlace * postsPerThread}) p) g, sentences;

    -- One vote on every other post, by a member who is not its author.
    insert into public.votes (id, org_id, post_id, user_id, value, created_at, updated_at)
      select ${uuid('0000000e-0000-4000-8000-', 'p')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('0000000d-0000-4000-8000-', 'p')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + ((p + 1) % ${membersPerOrg})`)},
        case when p % 10 = 0 then -1 else 1 end, now() - interval '1 day', now() - interval '1 day'
      from (select p, 1 + (p - 1) / ${placesPerOrg * threadsPerPlace * postsPerThread} as o
            from generate_series(2::bigint, ${orgs * placesPerOrg * threadsPerPlace * postsPerThread}, 2) p) g;

    -- For the KPIs: an endorsement of every 20th post (by another member than its author), dated with it.
    insert into public.endorsements (id, org_id, endorser_id, target_kind, post_id, member_user_id, created_at, updated_at)
      select ${uuid('0000000f-0000-4000-8000-', 'p')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + ((p + 2) % ${membersPerOrg})`)},
        'post', ${uuid('0000000d-0000-4000-8000-', 'p')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + (p % ${membersPerOrg})`)},
        now() - make_interval(secs => (p * 104729) % 31536000), now() - make_interval(secs => (p * 104729) % 31536000)
      from (select p, 1 + (p - 1) / ${placesPerOrg * threadsPerPlace * postsPerThread} as o
            from generate_series(20::bigint, ${orgs * placesPerOrg * threadsPerPlace * postsPerThread}, 20) p) g;

    -- 20 mentoring requests per org over the year, each learner to the org's second member; a third
    -- of them accepted (still open), the rest completed.
    insert into public.mentor_requests (id, org_id, learner_id, mentor_id, message, state, created_at, updated_at,
        responded_at, closed_at)
      select ${uuid('00000010-0000-4000-8000-', 'n')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 3 + (n % 20)`)},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 2`)},
        'Could you help me with the project charter?', case when n % 3 = 0 then 'accepted' else 'completed' end,
        now() - make_interval(secs => (n * 1576801) % 31536000), now(), now(),
        case when n % 3 = 0 then null else now() end
      from (select n, 1 + (n - 1) / 20 as o from generate_series(1::bigint, ${orgs * 20}) n) g;

    -- 50 review requests per org over the year, at one of its lessons, each reviewed by two peers.
    insert into public.review_requests (id, org_id, requester_id, place_key, title, work_url, rubric, created_at,
        updated_at)
      select ${uuid('00000011-0000-4000-8000-', 'n')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + (n % ${membersPerOrg})`)},
        'moodle|lms.bench.example|' || o || '|cm:' || (1 + (n % ${placesPerOrg})), 'Draft ' || n,
        'https://docs.bench.example/' || n, '["Clarity", "Evidence"]',
        now() - make_interval(secs => (n * 630737) % 31536000), now() - make_interval(secs => (n * 630737) % 31536000)
      from (select n, 1 + (n - 1) / 50 as o from generate_series(1::bigint, ${orgs * 50}) n) g;
    insert into public.reviews (id, org_id, request_id, reviewer_id, scores, created_at, updated_at)
      select ${uuid('00000012-0000-4000-8000-', '2 * n + k')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        ${uuid('00000011-0000-4000-8000-', 'n')},
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + ((n + 1 + k) % ${membersPerOrg})`)},
        '{"Clarity": 4, "Evidence": 3}',
        now() - make_interval(secs => (n * 630737) % 31536000 - 3600 * (k + 1)),
        now() - make_interval(secs => (n * 630737) % 31536000 - 3600 * (k + 1))
      from (select n, 1 + (n - 1) / 50 as o from generate_series(1::bigint, ${orgs * 50}) n) g,
        generate_series(0, 1) k;

    set session_replication_role = origin;
  `);
  for (const { indexdef } of indexes) await db.exec(indexdef);
  await db.exec('analyze');
}

/** An in-memory PGlite with the migrations and the generated dataset (close it when done). */
export async function createBenchDatabase(size = DEFAULTS) {
  const db = await PGlite.create();
  try {
    await prepareDatabase(db, { seed: false });
    await generate(db, size);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

export const PG15_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL 15 cluster as supabase/tests/support/postgres15.ts starts one (temp directory,
 * unix socket only, trust, initdb and pg_ctl as the postgres user when we are root), tuned for a bulk
 * load that may be lost, and one node-postgres connection shaped like the PGlite calls this file and
 * migrate.mjs make (query, exec, transaction). stop() removes everything, even after a failed start.
 */
async function startPostgres15() {
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : null;
  const run = (command, args) => {
    const [file, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
    try {
      return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    } catch (error) {
      throw new Error(`${[file, ...argv].join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`, {
        cause: error,
      });
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'peerside-bench-pg15-'));
  const data = join(dir, 'data');
  let client = null;
  const stop = async () => {
    await client?.end().catch(() => {});
    if (existsSync(join(data, 'postmaster.pid')))
      run(join(PG15_BIN, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (user) {
      const id = (flag) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    run(join(PG15_BIN, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = ''`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        // Room for the load and its index builds without checkpoints; reads then come from memory,
        // as they mostly would on a hosted instance with this working set.
        'shared_buffers = 512MB',
        'maintenance_work_mem = 512MB',
        'max_wal_size = 8GB',
        '',
      ].join('\n'),
    );
    run(join(PG15_BIN, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log')]);
    client = new pg.Client({ host: dir, user: 'postgres', database: 'postgres' });
    await client.connect();
    const query = async (sql, params) => ({ rows: (await client.query(sql, params)).rows });
    const exec = async (sql) => {
      await client.query(sql);
    };
    const db = {
      query,
      exec,
      async transaction(work) {
        let open = true;
        await exec('begin');
        try {
          const result = await work({
            query,
            exec,
            rollback: async () => {
              await exec('rollback');
              open = false;
            },
          });
          if (open) await exec('commit');
          return result;
        } catch (error) {
          if (open) await exec('rollback');
          throw error;
        }
      },
      close: stop,
    };
    return db;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function timeAs(db, userId, sql, paramsFor, runs) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    await db.transaction(async (tx) => {
      await tx.exec('set local role authenticated');
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: userId(i), role: 'authenticated' }),
      ]);
      const params = paramsFor(i);
      const started = performance.now();
      await tx.query(sql, params);
      samples.push(performance.now() - started);
      await tx.rollback();
    });
  }
  return summarise(samples);
}

/** Rows and timings of the read paths on `db` (already loaded), as members and moderators of random orgs. */
async function timeReads(db, { size, runs, log, search: withSearch = true }) {
  const { rows } = await db.query(
    'select (select count(*) from posts)::int as posts, (select count(*) from threads)::int as threads, ' +
      '(select count(*) from votes)::int as votes, (select count(*) from orgs)::int as orgs, ' +
      '(select count(*) from endorsements)::int as endorsements, (select count(*) from reviews)::int as reviews',
  );
  const dataset = rows[0];
  const { orgs, membersPerOrg, placesPerOrg } = size;
  const hex = (n) => n.toString(16).padStart(12, '0');
  // A deterministic spread of members over orgs: run i acts as a learner of org 1 + (i * 37) % orgs,
  // or as its moderator (each org's first member) for the KPIs.
  const orgOf = (i) => 1 + ((i * 37) % orgs);
  const member = (i) =>
    `0000000b-0000-4000-8000-${hex((orgOf(i) - 1) * membersPerOrg + 2 + (i % (membersPerOrg - 1)))}`;
  const moderatorOf = (i) => `0000000b-0000-4000-8000-${hex((orgOf(i) - 1) * membersPerOrg + 1)}`;
  const placeKey = (i) => `moodle|lms.bench.example|${orgOf(i)}|cm:${1 + ((i * 13) % placesPerOrg)}`;

  const threadList = await timeAs(db, member, 'select * from thread_list($1)', (i) => [placeKey(i)], runs);
  log(`thread_list ${JSON.stringify(threadList)}`);
  const pullFirstPage = await timeAs(db, member, 'select * from pull_changes(null, null, null, 500)', () => [], runs);
  log(`pull_changes first page ${JSON.stringify(pullFirstPage)}`);
  // A client that last synced an hour ago.
  const pullIncremental = await timeAs(
    db,
    member,
    `select * from pull_changes(now() - interval '1 hour', null, null, 500)`,
    () => [],
    runs,
  );
  log(`pull_changes since an hour ago ${JSON.stringify(pullIncremental)}`);
  // The dashboard's call: the last 12 weeks, for the whole org and for one course of it.
  const kpiRange = `current_date - ${KPI_WEEKS * 7 - 1}, current_date`;
  const kpiRuns = Math.max(20, Math.floor(runs / 4));
  const kpiOrg = await timeAs(db, moderatorOf, `select * from kpi_weekly(${kpiRange})`, () => [], kpiRuns);
  log(`kpi_weekly, 12 weeks, org-wide ${JSON.stringify(kpiOrg)}`);
  const kpiCourse = await timeAs(
    db,
    moderatorOf,
    `select * from kpi_weekly(${kpiRange}, $1)`,
    (i) => [`moodle|lms.bench.example|${orgOf(i)}`],
    kpiRuns,
  );
  log(`kpi_weekly, 12 weeks, one course ${JSON.stringify(kpiCourse)}`);
  const search = withSearch
    ? await timeAs(
        db,
        member,
        'select * from search_threads($1)',
        (i) => [`${WORDS[(i * 7) % 30]} ${WORDS[(i * 11 + 3) % 30]}`],
        Math.max(20, Math.floor(runs / 4)),
      )
    : null;
  if (search) log(`search_threads ${JSON.stringify(search)}`);
  return { dataset, threadList, pullFirstPage, pullIncremental, kpiOrg, kpiCourse, search };
}

/**
 * Builds the dataset in PGlite and times the read paths as members (and moderators) of random orgs.
 * @returns {Promise<{ dataset: object, loadSeconds: number, threadList: object, pullFirstPage: object,
 *   pullIncremental: object, kpiOrg: object, kpiCourse: object, search: object }>} each timing as
 *   { p50Ms, p95Ms, runs }
 */
export async function benchBackend({ size = DEFAULTS, runs = 200, log = () => {} } = {}) {
  const loadStarted = performance.now();
  const db = await createBenchDatabase(size);
  try {
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`PGlite: loaded the dataset in ${loadSeconds.toFixed(1)} s`);
    return { engine: 'PGlite', loadSeconds, ...(await timeReads(db, { size, runs, log })) };
  } finally {
    await db.close();
  }
}

/**
 * The same dataset and reads (thread_list, the pulls, kpi_weekly; not search) on a throwaway Debian
 * PostgreSQL 15 cluster, or null where /usr/lib/postgresql/15/bin is missing.
 * @returns {Promise<null | { engine: string, dataset: object, loadSeconds: number, threadList: object,
 *   pullFirstPage: object, pullIncremental: object, kpiOrg: object, kpiCourse: object, search: null }>}
 */
export async function benchBackendOnPostgres15({ size = DEFAULTS, runs = 200, log = () => {} } = {}) {
  if (!existsSync(join(PG15_BIN, 'initdb'))) return null;
  const loadStarted = performance.now();
  const db = await startPostgres15();
  try {
    await prepareDatabase(db, { seed: false });
    await generate(db, size);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`PostgreSQL 15: loaded the dataset in ${loadSeconds.toFixed(1)} s`);
    return { engine: 'PostgreSQL 15', loadSeconds, ...(await timeReads(db, { size, runs, log, search: false })) };
  } finally {
    await db.close();
  }
}

/**
 * The bench table's rows for one engine's figures, as scripts/bench.mjs prints them:
 * [what, measured, budget, verdict, note].
 */
export function backendTimingRows(result) {
  const note =
    result.engine === 'PGlite'
      ? 'PGlite is Postgres 18 in WASM; Supabase runs native Postgres'
      : 'native Debian PostgreSQL 15 on this machine, fsync off';
  const row = (name, timing, budget, met) => [
    `${name} (${result.engine}, ${result.dataset.posts.toLocaleString('en')} posts)`,
    `p50 ${timing.p50Ms.toFixed(1)} ms, p95 ${timing.p95Ms.toFixed(1)} ms`,
    budget,
    met === undefined ? '-' : met ? 'within' : 'OVER',
    note,
  ];
  return [
    row('lesson thread list RPC', result.threadList, 'p50 < 10 ms', result.threadList.p50Ms < 10),
    row('delta pull, first page of 500', result.pullFirstPage, 'no budget'),
    row('delta pull since an hour ago', result.pullIncremental, 'no budget'),
    row('KPIs, 12 weeks, whole org', result.kpiOrg, 'no budget'),
    row('KPIs, 12 weeks, one course', result.kpiCourse, 'no budget'),
    ...(result.search ? [row('full-text search RPC', result.search, 'no budget')] : []),
  ];
}

/** Prints rows as scripts/bench.mjs does: columns padded to their widest cell. */
function printTable(rows) {
  const table = [['what', 'measured', 'budget', 'verdict', 'note'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  for (const line of table) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  '));
}

// `node tests/bench/backend-bench.mjs [--small]`: both engines' figures in the bench table's shape.
// --small uses 10 orgs (100,000 posts) for a quick look.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const small = process.argv.includes('--small');
  const size = small ? { ...DEFAULTS, orgs: 10 } : DEFAULTS;
  const log = (line) => console.log(line);
  const results = [await benchBackend({ size, log }), await benchBackendOnPostgres15({ size, log })];
  if (!results[1]) console.log(`No PostgreSQL 15 at ${PG15_BIN}: PGlite figures only.`);
  console.log('');
  printTable(results.filter(Boolean).flatMap(backendTimingRows));
}
