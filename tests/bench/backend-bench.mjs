// Backend query timings at scale: thread_list, pull_changes and search_threads as a signed-in member,
// over 1,000,000 posts in 100 orgs, on an in-memory PGlite with the real migrations. The dataset is
// generated with set-based SQL (generate_series), triggers off while it loads and the derived columns
// (answered status, scores) written as the triggers would have kept them. Returns figures for
// `npm run bench` to print; never a pass/fail test. PGlite is Postgres 18 in WASM, so absolute times
// run slower than a Supabase instance; the plans (index scans, no sequential scans) are what carry over.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { prepareDatabase } from '../../scripts/backend/migrate.mjs';

const DEFAULTS = { orgs: 100, membersPerOrg: 40, placesPerOrg: 20, threadsPerPlace: 50, postsPerThread: 10 };

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

    -- Threads: t numbers org-major; created and updated over the last year.
    insert into public.threads (id, org_id, place_key, author_id, title, body, tags, status, created_at, updated_at)
      select ${uuid('0000000c-0000-4000-8000-', 't')}, ${uuid('0000000a-0000-4000-8000-', 'o')},
        'moodle|lms.bench.example|' || o || '|cm:' || (1 + (t % ${placesPerOrg})),
        ${uuid('0000000b-0000-4000-8000-', `(o - 1) * ${membersPerOrg} + 1 + (t % ${membersPerOrg})`)},
        left(texts[1 + t % 1000], 190) || ' ' || t,
        texts[1 + (t * 31) % 1000], '{}', 'answered',
        now() - make_interval(secs => (t * 7919) % 31536000), now() - make_interval(secs => (t * 7919) % 31536000)
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

/**
 * Builds the dataset and times the three read paths as members of random orgs.
 * @returns {Promise<{ dataset: object, loadSeconds: number, threadList: object, pullFirstPage: object,
 *   pullIncremental: object, search: object }>} each timing as { p50Ms, p95Ms, runs }
 */
export async function benchBackend({ size = DEFAULTS, runs = 200, log = () => {} } = {}) {
  const loadStarted = performance.now();
  const db = await createBenchDatabase(size);
  try {
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const { rows } = await db.query(
      'select (select count(*) from posts)::int as posts, (select count(*) from threads)::int as threads, ' +
        '(select count(*) from votes)::int as votes, (select count(*) from orgs)::int as orgs',
    );
    log(`generated ${JSON.stringify(rows[0])} in ${loadSeconds.toFixed(1)} s`);

    const { orgs, membersPerOrg, placesPerOrg } = size;
    const hex = (n) => n.toString(16).padStart(12, '0');
    // A deterministic spread of members over orgs: run i acts as a learner of org 1 + (i * 37) % orgs.
    const orgOf = (i) => 1 + ((i * 37) % orgs);
    const member = (i) =>
      `0000000b-0000-4000-8000-${hex((orgOf(i) - 1) * membersPerOrg + 2 + (i % (membersPerOrg - 1)))}`;
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
    const search = await timeAs(
      db,
      member,
      'select * from search_threads($1)',
      (i) => [`${WORDS[(i * 7) % 30]} ${WORDS[(i * 11 + 3) % 30]}`],
      Math.max(20, Math.floor(runs / 4)),
    );
    log(`search_threads ${JSON.stringify(search)}`);
    return { dataset: rows[0], loadSeconds, threadList, pullFirstPage, pullIncremental, search };
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const small = process.argv.includes('--small');
  const result = await benchBackend({
    size: small ? { ...DEFAULTS, orgs: 10 } : DEFAULTS,
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
