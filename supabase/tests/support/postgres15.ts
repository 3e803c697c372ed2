/**
 * A throwaway PostgreSQL 15 cluster (Debian's postgresql-15, the major version Supabase runs) for the
 * tests that check our SQL on a real server as well as on PGlite. It lives in a temp directory owned
 * by the server's user, listens only on a unix socket in that directory (no TCP port, so it cannot
 * collide with Debian's default cluster or another run), trusts local connections and is removed in
 * stop(), which is safe to call after a failed or partial start. As root, initdb and pg_ctl run as
 * the postgres user (the server refuses root). Test-only.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../../../scripts/backend/migrate.mjs';
import type { Denial, Persona } from './database';

export const PG15_BIN = '/usr/lib/postgresql/15/bin';
/** Debian's postgresql-15-cron (CI installs it): the cluster preloads it when it is there. */
export const PG15_CRON_LIBRARY = '/usr/lib/postgresql/15/lib/pg_cron.so';
const PORT = 5432; // Only names the socket file: the server listens on no TCP address.

export interface Rows<T> {
  rows: T[];
  affectedRows: number;
}

/** The part of PGlite's transaction that scripts/backend/migrate.mjs and the persona helpers use. */
export interface PgTransaction {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Rows<T>>;
  exec(sql: string): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * One node-postgres connection shaped like the PGlite API that migrate.mjs calls (query, exec,
 * transaction), so the platform stand-in, migrations and seed are applied by the same code.
 */
export class PgRunner {
  constructor(readonly client: pg.Client) {}

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Rows<T>> {
    const result = await this.client.query(sql, params);
    return { rows: result.rows as T[], affectedRows: result.rowCount ?? 0 };
  }

  /** Without parameters node-postgres uses the simple protocol, so `sql` may hold many statements. */
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  /** Like PGlite's: commits unless `work` throws (rolled back, rethrown) or rolled back itself. */
  async transaction<T>(work: (tx: PgTransaction) => Promise<T>): Promise<T> {
    let open = true;
    const tx: PgTransaction = {
      query: (sql, params) => this.query(sql, params),
      exec: (sql) => this.exec(sql),
      rollback: async () => {
        await this.exec('rollback');
        open = false;
      },
    };
    await this.exec('begin');
    try {
      const result = await work(tx);
      if (open) await this.exec('commit');
      return result;
    } catch (error) {
      if (open) await this.exec('rollback');
      throw error;
    }
  }
}

/** Acts as `persona` for the rest of the transaction, as PostgREST does (see support/database.ts). */
export async function becomePersonaOn(tx: PgTransaction, persona: Persona): Promise<void> {
  const role = persona.userId ? 'authenticated' : 'anon';
  const claims = persona.userId ? { sub: persona.userId, role, aud: 'authenticated' } : { role };
  await tx.exec(`set local role ${role}`);
  await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
}

/** Runs `work` as the persona inside a transaction that is always rolled back. */
export async function asPersonaOn<T>(
  db: PgRunner,
  persona: Persona,
  work: (tx: PgTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await becomePersonaOn(tx, persona);
    const result = await work(tx);
    await tx.rollback();
    return result;
  });
}

/** The error a persona's statement fails with; throws if the statement succeeds. */
export async function denialOn(db: PgRunner, persona: Persona, sql: string, params: unknown[] = []): Promise<Denial> {
  try {
    await asPersonaOn(db, persona, (tx) => tx.query(sql, params));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { code: code ?? 'no code', message: message ?? String(error) };
  }
  throw new Error(`Expected ${persona.label} to be refused: ${sql}`);
}

const run = (command: string, args: string[], asUser: string | null, cwd: string): string => {
  const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', command, ...args]] : [command, args];
  try {
    return execFileSync(file, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...argv].join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
};

/** The server's user when we are root (it refuses to run as root), else ourselves. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { name: 'postgres', uid: id('-u'), gid: id('-g') };
}

export class Postgres15Cluster {
  private dir: string | null = null;
  private user: ReturnType<typeof serverUser> = null;
  private client: pg.Client | null = null;
  /** Every NOTICE and WARNING the server sent while preparing the database. */
  readonly notices: { severity: string; code: string; message: string }[] = [];
  /**
   * Whether the server preloads pg_cron, as Supabase does, so the scheduled-jobs migration schedules
   * its jobs here; without the package the migration schedules nothing and says so in a notice.
   */
  readonly pgCron = existsSync(PG15_CRON_LIBRARY);

  /** initdb, start, connect, then platform stand-in, migrations and seed as migrate.mjs applies them. */
  async start(): Promise<PgRunner> {
    this.user = serverUser();
    this.dir = mkdtempSync(join(tmpdir(), 'peerside-pg15-'));
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
    const data = join(this.dir, 'data');
    const as = this.user?.name ?? null;
    run(
      join(PG15_BIN, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      as,
      this.dir,
    );
    // A file the server's user owns; appending keeps the owner. Durability is pointless here.
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = ''`,
        `unix_socket_directories = '${this.dir}'`,
        `port = ${PORT}`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        // pg_cron's scheduler runs jobs in background workers (no TCP connection back to the server),
        // in the database the migrations are applied to.
        ...(this.pgCron
          ? [
              `shared_preload_libraries = 'pg_cron'`,
              `cron.database_name = 'postgres'`,
              'cron.use_background_workers = on',
            ]
          : []),
        '',
      ].join('\n'),
    );
    run(
      join(PG15_BIN, 'pg_ctl'),
      ['start', '-w', '-t', '30', '-D', data, '-l', join(this.dir, 'server.log')],
      as,
      this.dir,
    );

    this.client = new pg.Client({ host: this.dir, port: PORT, user: 'postgres', database: 'postgres' });
    this.client.on('notice', (notice) => {
      this.notices.push({ severity: notice.severity ?? '', code: notice.code ?? '', message: notice.message ?? '' });
    });
    await this.client.connect();
    const db = new PgRunner(this.client);
    // migrate.mjs's types name PGlite, but it only calls query, exec and transaction, which PgRunner has.
    await prepareDatabase(db as unknown as Parameters<typeof prepareDatabase>[0], { seed: true });
    return db;
  }

  /** The server log so far, for a failure message. */
  log(): string {
    const path = this.dir && join(this.dir, 'server.log');
    return path && existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  /** Disconnects, stops the server and deletes the directory; each step runs even if one before failed. */
  async stop(): Promise<void> {
    const problems: unknown[] = [];
    await this.client?.end().catch((error: unknown) => problems.push(error));
    this.client = null;
    // A server is running (or was left behind by a crash) only if it wrote its pid file.
    if (this.dir && existsSync(join(this.dir, 'data', 'postmaster.pid'))) {
      try {
        run(
          join(PG15_BIN, 'pg_ctl'),
          ['stop', '-w', '-m', 'immediate', '-D', join(this.dir, 'data')],
          this.user?.name ?? null,
          this.dir,
        );
      } catch (error) {
        problems.push(error);
      }
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    if (problems.length > 0) throw new AggregateError(problems, 'Stopping the PostgreSQL 15 cluster failed.');
  }
}
