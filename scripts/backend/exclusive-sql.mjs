// In-process SQL for the local auth stand-in, safe beside PostgREST on the same PGlite.
// PGlite is one Postgres session that pglite-socket shares between clients. Its own db.query() can run
// between two wire messages of PostgREST's open transaction and so inside it (with PostgREST's role
// and settings). This module waits until no client is inside a transaction, then holds PGlite's lock
// for its whole transaction. It must never be used for long work: everyone else waits meanwhile.
import { protocol } from '@electric-sql/pglite';

const { serialize } = protocol;
const WAIT_MS = 2;
// PostgREST's transactions last milliseconds; only a client that left one open (a psql BEGIN) lasts this.
const GIVE_UP_MS = 10_000;

/** Runs `work(query)` in a transaction of its own; `query(text, params)` returns rows of text values. */
export function createExclusiveSql(db) {
  return async function transaction(work) {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const outcome = await db.runExclusive(async () => {
        if (db.isInTransaction()) return null;
        await simple(db, 'begin');
        try {
          const value = await work((text, params = []) => extended(db, text, params));
          await simple(db, 'commit');
          return { value };
        } catch (error) {
          await simple(db, 'rollback');
          throw error;
        }
      });
      if (outcome) return outcome.value;
      if (Date.now() > deadline) {
        throw new Error('Another database client has kept a transaction open for 10 s (an open psql BEGIN?).');
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  };
}

// execProtocolStream, not execProtocol: pglite-socket leaves its socket writer installed as PGlite's
// output sink, and only the stream variant swaps in its own, so our replies never reach PostgREST.
async function simple(db, text) {
  await db.execProtocolStream(serialize.query(text));
}

// The extended protocol, message by message as PGlite's own query() sends it: parameters travel
// separately from the SQL text, so nothing is ever spliced into a statement.
async function extended(db, text, params) {
  const messages = [];
  let failure;
  const send = async (message) => {
    const replies = await db.execProtocolStream(message, { throwOnError: false });
    messages.push(...replies);
    failure ??= replies.find((m) => m.name === 'error');
  };
  const steps = [
    () => serialize.parse({ text }),
    () => serialize.bind({ values: params.map((value) => (value === null ? null : String(value))) }),
    () => serialize.describe({ type: 'P' }),
    () => serialize.execute({}),
  ];
  // After an error Postgres ignores everything up to Sync, so stop there and sync.
  for (const step of steps) {
    if (failure) break;
    await send(step());
  }
  await send(serialize.sync());
  if (failure) throw failure;
  const description = messages.find((m) => m.name === 'rowDescription');
  const names = description ? description.fields.map((field) => field.name) : [];
  return messages
    .filter((m) => m.name === 'dataRow')
    .map((row) => Object.fromEntries(names.map((name, index) => [name, row.fields[index]])));
}
