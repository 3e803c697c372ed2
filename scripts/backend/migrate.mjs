// Brings a PGlite database to the state `supabase db reset` would: the local platform stand-in
// (supabase/local/platform.sql), then every migration not yet applied, then the seed on a fresh
// database. Applied migrations are recorded in supabase_migrations.schema_migrations, the table the
// Supabase CLI uses, so a restart applies only new files. It never edits or reorders migrations.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readSupabaseConfig } from './supabase-config.mjs';

export const SUPABASE_DIR = resolve(import.meta.dirname, '../../supabase');
const PROJECT_DIR = resolve(SUPABASE_DIR, '..');
const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Migration files in version order: `{ version, name, path }`. */
export function listMigrations(dir = join(SUPABASE_DIR, 'migrations')) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration "${file}" must be named <14-digit timestamp>_<snake_name>.sql.`);
      return { version: match[1], name: match[2], path: join(dir, file) };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

/** Applies the local stand-in for Supabase's own roles, grants and auth schema, once per database. */
export async function applyLocalPlatform(db, { log = () => {} } = {}) {
  const path = join(SUPABASE_DIR, 'local', 'platform.sql');
  const sql = readFileSync(path, 'utf8');
  const { rows } = await db.query(`select to_regclass('supabase_migrations.local_platform') is not null as ready`);
  if (rows[0].ready) {
    const applied = await db.query('select hash from supabase_migrations.local_platform');
    if (applied.rows[0]?.hash !== sha256(sql)) {
      throw new Error(
        'supabase/local/platform.sql changed since this database was created. Start again with `npm run backend -- --reset`.',
      );
    }
    return false;
  }
  await db.transaction(async (tx) => {
    await tx.exec(sql);
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text);
      create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null);
      create table supabase_migrations.local_platform (hash text not null);`);
    await tx.query('insert into supabase_migrations.local_platform (hash) values ($1)', [sha256(sql)]);
  });
  log('Applied the local Supabase platform stand-in (supabase/local/platform.sql).');
  return true;
}

/** Applies, each in its own transaction, the migrations not yet recorded. Returns their versions. */
export async function applyMigrations(db, { dir, log = () => {} } = {}) {
  const { rows } = await db.query('select version from supabase_migrations.schema_migrations');
  const done = new Set(rows.map((row) => row.version));
  const applied = [];
  for (const migration of listMigrations(dir)) {
    if (done.has(migration.version)) continue;
    const sql = readFileSync(migration.path, 'utf8');
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query(
          'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [migration.version, [sql], migration.name],
        );
      });
    } catch (error) {
      throw new Error(`Migration ${relative(PROJECT_DIR, migration.path)} failed: ${error.message}`, { cause: error });
    }
    applied.push(migration.version);
    log(`Applied migration ${migration.version}_${migration.name}.`);
  }
  return applied;
}

/**
 * The seed files `[db.seed] sql_paths` of supabase/config.toml names, in order, as the Supabase CLI
 * reads them: paths relative to supabase/, where a `*` in the file name matches within one folder and
 * a pattern's matches apply in name order (`./seeds/*.sql`). Each file applies once.
 */
export function listSeedFiles(configPath = join(SUPABASE_DIR, 'config.toml')) {
  const patterns = readSupabaseConfig(configPath).db?.seed?.sql_paths ?? ['./seed.sql'];
  const files = [];
  for (const pattern of patterns) {
    const path = resolve(SUPABASE_DIR, pattern);
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!name.includes('*')) {
      files.push(path);
      continue;
    }
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (!existsSync(dir)) continue;
    const escape = (part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    const matcher = new RegExp(`^${name.split('*').map(escape).join('[^/]*')}$`);
    files.push(
      ...readdirSync(dir)
        .filter((file) => matcher.test(file))
        .sort()
        .map((file) => join(dir, file)),
    );
  }
  return [...new Set(files)];
}

/**
 * Applies seed files that this database has not seen, like `supabase db reset` on a fresh database.
 * A seed that changed after it ran is reported, not re-run: rows it inserted already exist.
 */
export async function applySeed(db, { paths = listSeedFiles(), log = () => {} } = {}) {
  for (const path of paths) {
    const key = relative(PROJECT_DIR, path);
    const sql = readFileSync(path, 'utf8');
    const { rows } = await db.query('select hash from supabase_migrations.seed_files where path = $1', [key]);
    if (rows.length > 0) {
      if (rows[0].hash !== sha256(sql)) log(`${key} changed since it was applied; run with --reset to re-seed.`);
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query('insert into supabase_migrations.seed_files (path, hash) values ($1, $2)', [key, sha256(sql)]);
      });
    } catch (error) {
      throw new Error(`Seed ${key} failed: ${error.message}`, { cause: error });
    }
    log(`Applied seed ${key}.`);
  }
}

/** Platform stand-in, migrations and (unless `seed` is false) the seed, in that order. */
export async function prepareDatabase(db, { seed = true, log } = {}) {
  await applyLocalPlatform(db, { log });
  await applyMigrations(db, { log });
  if (seed) await applySeed(db, { log });
}
