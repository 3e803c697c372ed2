/**
 * Typed access to the cached rows of each table as (row, local version, sync mark), so the outbox and
 * the engine never handle raw Dexie records. Runs inside the caller's transaction; never opens one.
 */
import type { Table } from 'dexie';
import type { RowOf } from '../domain/rows';
import type { LocalVersion } from '../sync/merge';
import type { PeersideDb } from './database';
import {
  parseRecord,
  postWords,
  PostRecordSchema,
  threadWords,
  ThreadRecordSchema,
  VoteRecordSchema,
  type PostRecord,
  type SyncMark,
  type ThreadRecord,
  type VoteRecord,
} from './records';

/** The tables whose rows are addressed by id and carry local versions (places are keyed by org + key). */
export type RowTable = 'threads' | 'posts' | 'votes';

interface RecordOf {
  threads: ThreadRecord;
  posts: PostRecord;
  votes: VoteRecord;
}

export interface StoredRow<T extends RowTable> {
  version: LocalVersion<RowOf[T]>;
  sync: SyncMark;
}

function tableOf<T extends RowTable>(db: PeersideDb, table: T): Table<RecordOf[T], string> {
  return db[table] as unknown as Table<RecordOf[T], string>;
}

/** Split a record into its row and its local fields. */
function split<T extends RowTable>(table: T, record: RecordOf[T]): StoredRow<T> {
  if (table === 'votes') {
    const { sync, serverUpdatedAt, shadow, ...row } = record as VoteRecord;
    return { version: { row, serverUpdatedAt, shadow }, sync } as StoredRow<T>;
  }
  const { sync, serverUpdatedAt, shadow, ...withWords } = record as ThreadRecord | PostRecord;
  const row: Partial<typeof withWords> = { ...withWords };
  delete row.words; // derived from the row, rebuilt by toRecord
  return { version: { row, serverUpdatedAt, shadow }, sync } as StoredRow<T>;
}

const recordSchemas = { threads: ThreadRecordSchema, posts: PostRecordSchema, votes: VoteRecordSchema } as const;

export async function readRow<T extends RowTable>(
  db: PeersideDb,
  table: T,
  id: string,
  log?: (message: string) => void,
): Promise<StoredRow<T> | undefined> {
  const record = parseRecord(recordSchemas[table], await tableOf(db, table).get(id), table, log);
  return record ? split(table, record as RecordOf[T]) : undefined;
}

/** Several rows at once (one request), in the order asked; undefined where a row is not cached. */
export async function readRows<T extends RowTable>(
  db: PeersideDb,
  table: T,
  ids: readonly string[],
  log?: (message: string) => void,
): Promise<(StoredRow<T> | undefined)[]> {
  if (ids.length === 0) return [];
  const records = await tableOf(db, table).bulkGet([...ids]);
  return records.map((value) => {
    const record = value === undefined ? null : parseRecord(recordSchemas[table], value, table, log);
    return record ? split(table, record as RecordOf[T]) : undefined;
  });
}

export function toRecord<T extends RowTable>(table: T, version: LocalVersion<RowOf[T]>, sync: SyncMark): RecordOf[T] {
  const { row, serverUpdatedAt, shadow } = version;
  if (table === 'threads') {
    const thread = row as RowOf['threads'];
    return { ...thread, sync, serverUpdatedAt, shadow, words: threadWords(thread) } as RecordOf[T];
  }
  if (table === 'posts') {
    const post = row as RowOf['posts'];
    return { ...post, sync, serverUpdatedAt, shadow, words: postWords(post) } as RecordOf[T];
  }
  return { ...row, sync, serverUpdatedAt, shadow } as RecordOf[T];
}

export async function writeRow<T extends RowTable>(
  db: PeersideDb,
  table: T,
  version: LocalVersion<RowOf[T]>,
  sync: SyncMark,
): Promise<void> {
  await tableOf(db, table).put(toRecord(table, version, sync));
}

export async function deleteRow(db: PeersideDb, table: RowTable, id: string): Promise<void> {
  await tableOf(db, table).delete(id);
}

/** Several rows at once (one request). */
export async function writeRows<T extends RowTable>(
  db: PeersideDb,
  table: T,
  rows: readonly StoredRow<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tableOf(db, table).bulkPut(rows.map(({ version, sync }) => toRecord(table, version, sync)));
}

export async function deleteRows(db: PeersideDb, table: RowTable, ids: readonly string[]): Promise<void> {
  await tableOf(db, table).bulkDelete([...ids]);
}
