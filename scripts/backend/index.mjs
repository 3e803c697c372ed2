// startBackend: the Docker-free local Supabase for `npm run backend`, `npm start` and tests.
// Postgres is PGlite (served on the DB port by pglite-socket), the API is the real PostgREST binary,
// auth is a named stand-in (auth-stand-in.mjs), all behind a gateway on the API port. It is dev
// tooling: it binds 127.0.0.1 only, uses the public local secret, and is never shipped. PGlite has no
// pg_cron, so it also runs the database's scheduled jobs itself (LOCAL_JOBS below).
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createAuthStandIn } from './auth-stand-in.mjs';
import { createExclusiveSql } from './exclusive-sql.mjs';
import { createGateway } from './gateway.mjs';
import { apiKeysFor, LOCAL_JWT_SECRET } from './jwt.mjs';
import { prepareDatabase, SUPABASE_DIR } from './migrate.mjs';
import { startPostgrest } from './postgrest.mjs';
import { postgresHookFunction, readSupabaseConfig } from './supabase-config.mjs';

export const DEFAULT_DATA_DIR = join(SUPABASE_DIR, '..', '.peerside', 'backend');

// The jobs pg_cron runs on Supabase (supabase/migrations/20251125108200_scheduled_jobs.sql), which the
// local stack runs on timers instead: each once at start, so a database that was stopped for weeks
// catches up as cron would have, then every `everyMs`. Expiry runs every minute here rather than every
// 15, so trying it out locally does not mean waiting. Each run is one short transaction taken between
// PostgREST's (exclusive-sql.mjs), as postgres, like the cron job.
const LOCAL_JOBS = [
  {
    sql: 'select public.expire_mentor_requests() as done',
    everyMs: 60_000,
    says: (done) => `Expired ${done} mentoring request${done === 1 ? '' : 's'} unanswered for 14 days.`,
  },
  {
    sql: 'select private.prune_deleted_rows() as done',
    everyMs: 24 * 60 * 60_000,
    says: (done) => `Pruned ${done} delete tombstone${done === 1 ? '' : 's'} older than 90 days.`,
  },
];

/** Runs LOCAL_JOBS now and then on their timers; returns a function that stops them (and waits). */
async function runLocalJobs(transaction, log) {
  let running = Promise.resolve();
  const run = (job) => {
    running = running.then(async () => {
      try {
        const [row] = await transaction((query) => query(job.sql));
        const done = Number(row?.done ?? 0);
        if (done > 0) log(job.says(done));
      } catch (error) {
        log(`The scheduled job "${job.sql}" failed: ${error.message}`);
      }
    });
    return running;
  };
  for (const job of LOCAL_JOBS) await run(job);
  // unref: the timers alone never keep the process alive.
  const timers = LOCAL_JOBS.map((job) => setInterval(() => run(job), job.everyMs).unref());
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await running;
  };
}

// Ports the OS says are free right now (PostgREST cannot report a port it picked itself). All are
// held open until every one is chosen, so the same port is never handed out twice.
async function freePorts(count) {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = [];
  for (const server of servers) ports.push(await listen(server, 0));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function listen(server, port) {
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return server.address().port;
}

/**
 * @param {import('./index.d.mts').BackendOptions} [options]
 * @returns {Promise<import('./index.d.mts').Backend>}
 */
export async function startBackend(options = {}) {
  const config = readSupabaseConfig(join(SUPABASE_DIR, 'config.toml'));
  const {
    port = config.api?.port ?? 54321,
    dbPort = config.db?.port ?? 54322,
    dataDir = DEFAULT_DATA_DIR,
    reset = false,
    seed = config.db?.seed?.enabled ?? true,
    onCode,
    log = (line) => console.log(line),
  } = options;
  const jwtSecret = LOCAL_JWT_SECRET;
  const { anonKey, serviceRoleKey } = apiKeysFor(jwtSecret);
  const cleanups = [];
  const stop = async () => {
    while (cleanups.length > 0) await cleanups.pop()();
  };

  try {
    if (reset && dataDir) await rm(dataDir, { recursive: true, force: true });
    // PGlite creates only the last folder of its data path; a fresh clone has no .peerside/ yet.
    if (dataDir) await mkdir(dirname(dataDir), { recursive: true });
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    cleanups.push(() => db.close());
    await prepareDatabase(db, { seed, log });
    const transaction = createExclusiveSql(db);
    cleanups.push(await runLocalJobs(transaction, log));

    // PostgREST holds one connection; up to three more let a developer attach psql. They share
    // PGlite's single session, so they must not change session settings (SET ROLE, search_path).
    const dbServer = new PGLiteSocketServer({ db, host: '127.0.0.1', port: dbPort, maxConnections: 4 });
    await dbServer.start();
    cleanups.push(() => dbServer.stop());
    const boundDbPort = Number(dbServer.getServerConn().split(':').pop());

    const [serverPort, adminPort] = await freePorts(2);
    const postgrest = await startPostgrest({
      dbPort: boundDbPort,
      serverPort,
      adminPort,
      jwtSecret,
      maxRows: config.api?.max_rows ?? 1000,
      log,
    });
    cleanups.push(() => postgrest.stop());

    let url = '';
    const auth = createAuthStandIn({
      transaction,
      secret: jwtSecret,
      // The issuer names the gateway, whose port is known only once it listens.
      issuer: () => `${url}/auth/v1`,
      settings: {
        jwtExpiry: config.auth?.jwt_expiry ?? 3600,
        otpLength: config.auth?.email?.otp_length ?? 6,
        otpExpiry: config.auth?.email?.otp_expiry ?? 3600,
        refreshTokenReuseInterval: config.auth?.refresh_token_reuse_interval ?? 10,
      },
      hook: postgresHookFunction(config.auth?.hook?.custom_access_token),
      onCode,
      log,
    });

    const gateway = createGateway({
      apiKeys: [anonKey, serviceRoleKey],
      postgrestUrl: postgrest.url,
      auth,
      log,
    });
    url = `http://127.0.0.1:${await listen(gateway, port)}`;
    cleanups.push(
      () =>
        new Promise((resolve) => {
          gateway.close(() => resolve());
          gateway.closeAllConnections();
        }),
    );
    return {
      url,
      anonKey,
      serviceRoleKey,
      jwtSecret,
      dbUrl: `postgresql://postgres:postgres@127.0.0.1:${boundDbPort}/postgres`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
