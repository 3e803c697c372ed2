/**
 * An in-process PGlite with the local platform stand-in and every migration applied, and helpers that
 * run SQL as a persona exactly as PostgREST would (SET LOCAL ROLE + request.jwt.claims), always in a
 * transaction that is rolled back, so tests never see each other's writes. Test-only.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { prepareDatabase } from '../../../scripts/backend/migrate.mjs';

export interface Persona {
  /** Shown in test names. */
  label: string;
  /** The signed-in user's id; null for anon (no session, only the anon key). */
  userId: string | null;
}

export interface Denial {
  code: string;
  message: string;
}

/** A fresh in-memory database with platform stand-in and migrations (and the seed if asked). */
export async function createMigratedDatabase({ seed = false }: { seed?: boolean } = {}): Promise<PGlite> {
  const db = await PGlite.create();
  await prepareDatabase(db, { seed });
  return db;
}

/** Acts as `persona` for the rest of the transaction (switch personas mid-transaction with it). */
export async function becomePersona(tx: Transaction, persona: Persona): Promise<void> {
  const role = persona.userId ? 'authenticated' : 'anon';
  const claims = persona.userId ? { sub: persona.userId, role, aud: 'authenticated' } : { role };
  await tx.exec(`set local role ${role}`);
  await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
}

/** Runs `work` as the persona inside a transaction that is always rolled back. */
export async function asPersona<T>(db: PGlite, persona: Persona, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await becomePersona(tx, persona);
    const result = await work(tx);
    await tx.rollback();
    return result;
  });
}

/** The rows a persona gets back from one statement. */
export async function rowsAs<T = Record<string, unknown>>(
  db: PGlite,
  persona: Persona,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return asPersona(db, persona, async (tx) => (await tx.query<T>(sql, params)).rows);
}

/** How many rows a persona's write touched (RLS filters an UPDATE or DELETE silently to 0). */
export async function affectedAs(db: PGlite, persona: Persona, sql: string, params: unknown[] = []): Promise<number> {
  return asPersona(db, persona, async (tx) => (await tx.query(sql, params)).affectedRows ?? 0);
}

/** The error a persona's statement fails with; fails the test if the statement succeeds. */
export async function denialAs(db: PGlite, persona: Persona, sql: string, params: unknown[] = []): Promise<Denial> {
  try {
    await asPersona(db, persona, (tx) => tx.query(sql, params));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { code: code ?? 'no code', message: message ?? String(error) };
  }
  throw new Error(`Expected ${persona.label} to be refused: ${sql}`);
}
