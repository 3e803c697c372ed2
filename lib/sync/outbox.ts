/**
 * The outbox: every local write is stored as the changed row AND a queued entry in one Dexie
 * transaction, so no change is ever shown without being tracked. Also the learner's two ways out of
 * a refused write: edit it (it is queued again in its place) or discard it (its row goes back to the
 * server's version). Never talks to the network; the engine sends what is queued here.
 */
import {
  PostPatchSchema,
  ThreadPatchSchema,
  validateInsert,
  validatePatch,
  VotePatchSchema,
  type PatchOf,
  type PlaceRow,
  type PostPatch,
  type PostRow,
  type RowOf,
  type ThreadPatch,
  type ThreadRow,
  type VotePatch,
  type VoteRow,
} from '../domain/rows';
import type { PeersideDb } from '../db/database';
import { OutboxEntrySchema, parseRecord, placeRef, type OutboxEntry, type SyncMark } from '../db/records';
import { deleteRow, readRow, writeRow, type RowTable } from '../db/store';
import type { LocalVersion } from './merge';

/** A change the learner made, as the panel hands it over. Rows carry client-generated uuids. */
export type LocalWrite =
  | { op: 'insert'; table: 'places'; row: PlaceRow }
  | { op: 'insert'; table: 'threads'; row: ThreadRow }
  | { op: 'insert'; table: 'posts'; row: PostRow }
  | { op: 'insert'; table: 'votes'; row: VoteRow }
  | { op: 'update'; table: 'threads'; id: string; patch: ThreadPatch }
  | { op: 'update'; table: 'posts'; id: string; patch: PostPatch }
  | { op: 'update'; table: 'votes'; id: string; patch: VotePatch }
  | { op: 'delete'; table: 'votes'; id: string };

/** A write Peerside will not queue; the message is a sentence for the learner. */
export class WriteRefusedError extends Error {
  override name = 'WriteRefusedError';
}

const nouns = { places: 'course page', threads: 'question', posts: 'answer', votes: 'vote' } as const;
const patchSchemas = { threads: ThreadPatchSchema, posts: PostPatchSchema, votes: VotePatchSchema } as const;
const rowTables = ['threads', 'posts', 'votes', 'places', 'outbox'] as const;

/** The key other writes use to depend on this entry's row. */
export function entryKey(entry: OutboxEntry): string {
  return entry.table === 'places' ? placeRef(entry.orgId, entry.payload.key) : entry.rowId;
}

/** What a row builds on: a thread its place, a post its thread and parent, a vote its post. */
function refsOf(table: RowTable, row: RowOf[RowTable]): string[] {
  if (table === 'threads') return [placeRef(row.orgId, (row as ThreadRow).placeKey)];
  if (table === 'posts') {
    const post = row as PostRow;
    return post.parentId ? [post.threadId, post.parentId] : [post.threadId];
  }
  return [(row as VoteRow).postId];
}

/**
 * Which entry to send next, strictly in queue order. A failed entry stays put until the learner acts;
 * entries for the same row, or that build on it (an answer in a refused question), wait behind it.
 */
export function nextToPush(entries: readonly OutboxEntry[]): OutboxEntry | null {
  const blocked = new Set<string>();
  for (const entry of entries) {
    const key = entryKey(entry);
    if (entry.status === 'failed' || blocked.has(key) || entry.refs.some((ref) => blocked.has(ref))) {
      blocked.add(key);
      continue;
    }
    return entry;
  }
  return null;
}

/** The outbox in queue order, parsed (an entry that does not parse is logged and left for inspection). */
export async function readOutbox(db: PeersideDb, log?: (message: string) => void): Promise<OutboxEntry[]> {
  const raw = await db.outbox.orderBy('seq').toArray();
  return raw.flatMap((value) => parseRecord(OutboxEntrySchema, value, 'outbox entry', log) ?? []);
}

/** The writes the server refused, oldest first, each with its sentence in `lastError`. */
export async function listFailedWrites(db: PeersideDb): Promise<OutboxEntry[]> {
  return (await readOutbox(db)).filter((entry) => entry.status === 'failed');
}

/** The mark a row shows, from what is still queued for it. */
export async function syncMarkFor(db: PeersideDb, table: OutboxEntry['table'], rowId: string): Promise<SyncMark> {
  const entries = await db.outbox.where('[table+rowId]').equals([table, rowId]).toArray();
  if (entries.some((entry) => entry.status === 'failed')) return 'failed';
  return entries.length > 0 ? 'pending' : 'synced';
}

/** Set a row's mark to what its queued entries say (after one was added, acknowledged or discarded). */
export async function refreshSyncMark(db: PeersideDb, entry: OutboxEntry): Promise<void> {
  if (entry.table === 'places') {
    const mark = await syncMarkFor(db, 'places', entry.rowId);
    await db.places.update([entry.orgId, entry.payload.key], { sync: mark });
    return;
  }
  const stored = await readRow(db, entry.table, entry.rowId);
  if (!stored) return;
  const mark = await syncMarkFor(db, entry.table, entry.rowId);
  // Once nothing is queued the server has this version; the kept-aside server copy is no longer needed.
  const version = mark === 'synced' ? { ...stored.version, shadow: null } : stored.version;
  await writeRow(db, entry.table, version, mark);
}

type NewEntry = Omit<OutboxEntry, 'seq'>;

function queued(
  fields: Pick<OutboxEntry, 'table' | 'op' | 'rowId' | 'orgId' | 'payload' | 'before' | 'refs'>,
  now: number,
) {
  return { ...fields, attempts: 0, nextAttemptAt: now, lastError: null, status: 'pending', createdAt: now } as NewEntry;
}

function refuseUnwritable(table: RowTable, row: RowOf[RowTable]): void {
  if ('deletedAt' in row && row.deletedAt !== null) {
    throw new WriteRefusedError(`This ${nouns[table]} was removed, so it cannot be changed.`);
  }
  if ('hiddenAt' in row && row.hiddenAt !== null) {
    throw new WriteRefusedError(`A moderator hid this ${nouns[table]}, so it cannot be changed.`);
  }
}

async function refuseLockedThread(db: PeersideDb, threadId: string): Promise<void> {
  const thread = await readRow(db, 'threads', threadId);
  if (!thread) {
    throw new WriteRefusedError('This question is no longer on this device. Reopen it and try again.');
  }
  refuseUnwritable('threads', thread.version.row);
  if (thread.version.row.locked) {
    throw new WriteRefusedError('This question is locked, so it cannot take new answers or edits.');
  }
}

async function insertRow(
  db: PeersideDb,
  write: Extract<LocalWrite, { op: 'insert' }>,
  now: number,
): Promise<number | null> {
  if (write.table === 'places') {
    const row = write.row;
    // A place is known by (org, key): if this device already has it, there is nothing to create.
    if (await db.places.get([row.orgId, row.key])) return null;
    await db.places.put({ ...row, sync: 'pending', serverUpdatedAt: null, lastUsedAt: now, evicted: false });
    return db.outbox.add(
      queued(
        { table: 'places', op: 'insert', rowId: row.id, orgId: row.orgId, payload: row, before: null, refs: [] },
        now,
      ),
    );
  }
  const { table, row } = write;
  if (await readRow(db, table, row.id)) {
    throw new WriteRefusedError(`This ${nouns[table]} was already saved.`);
  }
  if (table === 'threads') {
    if (!(await db.places.get([row.orgId, row.placeKey]))) {
      throw new WriteRefusedError('Peerside does not know this course page yet. Reload the page and try again.');
    }
  } else if (table === 'posts') {
    await refuseLockedThread(db, row.threadId);
  } else {
    const mine = await db.votes
      .where('postId')
      .equals(row.postId)
      .filter((vote) => vote.userId === row.userId)
      .count();
    if (mine > 0) throw new WriteRefusedError('You already voted on this answer; change that vote instead.');
  }
  await writeRow(
    db,
    table,
    { row, serverUpdatedAt: null, shadow: null } as LocalVersion<RowOf[typeof table]>,
    'pending',
  );
  const fields = {
    table,
    op: 'insert',
    rowId: row.id,
    orgId: row.orgId,
    payload: row,
    before: null,
    refs: refsOf(table, row),
  };
  return db.outbox.add(queued(fields as Pick<OutboxEntry, keyof typeof fields>, now));
}

function applyPatch<T extends RowTable>(table: T, row: RowOf[T], patch: PatchOf[T], now: number): RowOf[T] {
  const edited = table === 'votes' ? {} : { editedAt: now };
  return { ...row, ...patch, ...edited, updatedAt: now };
}

async function changeRow(
  db: PeersideDb,
  write: Extract<LocalWrite, { op: 'update' | 'delete' }>,
  now: number,
): Promise<number> {
  const { table } = write;
  const stored = await readRow(db, table, write.id);
  if (!stored) {
    throw new WriteRefusedError(`This ${nouns[table]} is no longer on this device. Reopen it and try again.`);
  }
  const before = stored.version.row;
  refuseUnwritable(table, before);
  if (table === 'threads') await refuseLockedThread(db, write.id);
  if (table === 'posts') await refuseLockedThread(db, (before as PostRow).threadId);
  const common = { table, rowId: write.id, orgId: before.orgId, before, refs: refsOf(table, before) };
  if (write.op === 'delete') {
    await deleteRow(db, table, write.id);
    return db.outbox.add(
      queued(
        { ...common, op: 'delete', payload: null } as Pick<OutboxEntry, keyof typeof common | 'op' | 'payload'>,
        now,
      ),
    );
  }
  const patch = patchSchemas[table].parse(write.patch) as PatchOf[typeof table];
  const refusal = validatePatch(table, patch);
  if (refusal) throw new WriteRefusedError(refusal);
  const row = applyPatch(table, before, patch, now);
  await writeRow(
    db,
    table,
    { ...stored.version, row } as LocalVersion<RowOf[typeof table]>,
    stored.sync === 'failed' ? 'failed' : 'pending',
  );
  return db.outbox.add(
    queued(
      { ...common, op: 'update', payload: patch } as Pick<OutboxEntry, keyof typeof common | 'op' | 'payload'>,
      now,
    ),
  );
}

/**
 * Record a local write: the changed row (marked pending) and its outbox entry, in ONE transaction.
 * Returns the entry's queue number, or null when there was nothing to queue (a place this device
 * already knows). Throws WriteRefusedError, with a sentence, for a write the server would refuse.
 */
export async function enqueueWrite(db: PeersideDb, write: LocalWrite, now: number): Promise<number | null> {
  if (write.op === 'insert') {
    const refusal = validateInsert(write.table, write.row);
    if (refusal) throw new WriteRefusedError(refusal);
  }
  // The scope must itself be an async function: Dexie follows native awaits only from one.
  return db.transaction('rw', rowTables, async () =>
    write.op === 'insert' ? await insertRow(db, write, now) : await changeRow(db, write, now),
  );
}

async function failedEntry(db: PeersideDb, seq: number): Promise<{ entries: OutboxEntry[]; target: OutboxEntry }> {
  const entries = await readOutbox(db);
  const target = entries.find((entry) => entry.seq === seq);
  if (!target) throw new WriteRefusedError('This change is no longer waiting to be sent.');
  if (target.status !== 'failed') {
    throw new WriteRefusedError(
      'This change is still being sent; only a change the server refused can be edited or discarded.',
    );
  }
  return { entries, target };
}

/** Rebuild a row from the server's copy and the writes still queued for it (after a discard). */
async function rebuildRow(
  db: PeersideDb,
  all: readonly OutboxEntry[],
  removed: ReadonlySet<number>,
  first: OutboxEntry,
): Promise<void> {
  const forRow = all.filter((entry) => entry.table === first.table && entryKey(entry) === entryKey(first));
  const remaining = forRow.filter((entry) => !removed.has(entry.seq));
  if (first.table === 'places') {
    const place = await db.places.get([first.orgId, first.payload.key]);
    if (place && remaining.length === 0 && place.serverUpdatedAt === null)
      await db.places.delete([first.orgId, first.payload.key]);
    else if (place) await refreshSyncMark(db, first);
    return;
  }
  const table = first.table;
  const stored = await readRow(db, table, first.rowId);
  let row: RowOf[RowTable] | null = stored?.version.shadow ?? forRow[0]!.before;
  for (const entry of remaining) {
    if (entry.table === 'places') continue;
    if (entry.op === 'insert') row = row ?? entry.payload;
    else if (entry.op === 'update' && row) row = { ...row, ...entry.payload } as RowOf[RowTable];
    else if (entry.op === 'delete') row = null;
  }
  if (!row) {
    await deleteRow(db, table, first.rowId);
    return;
  }
  // Moderation comes only from the server and is kept whatever is discarded.
  const current = stored?.version.row;
  if (current && 'hiddenAt' in current && 'hiddenAt' in row) {
    row = { ...row, hiddenAt: current.hiddenAt, deletedAt: current.deletedAt ?? row.deletedAt };
  }
  const mark: SyncMark = remaining.some((entry) => entry.status === 'failed')
    ? 'failed'
    : remaining.length > 0
      ? 'pending'
      : 'synced';
  const version = {
    row,
    serverUpdatedAt: stored?.version.serverUpdatedAt ?? null,
    shadow: mark === 'synced' ? null : (stored?.version.shadow ?? null),
  } as LocalVersion<RowOf[typeof table]>;
  await writeRow(db, table, version, mark);
}

/**
 * Discard a write the server refused. Writes that build on it (later changes to the same row, answers
 * in a refused question, votes on a refused answer) can never be sent either and are discarded with it.
 * Each affected row goes back to the server's version (or disappears if the server never had it).
 * Returns every discarded entry, so the panel can say what went.
 */
export async function discardWrite(db: PeersideDb, seq: number): Promise<OutboxEntry[]> {
  return db.transaction('rw', rowTables, async () => {
    const { entries, target } = await failedEntry(db, seq);
    const removedKeys = new Set([entryKey(target)]);
    const removed = [target];
    for (const entry of entries) {
      if (entry.seq <= target.seq) continue;
      if (removedKeys.has(entryKey(entry)) || entry.refs.some((ref) => removedKeys.has(ref))) {
        removed.push(entry);
        removedKeys.add(entryKey(entry));
      }
    }
    const removedSeqs = new Set(removed.map((entry) => entry.seq));
    await db.outbox.bulkDelete([...removedSeqs]);
    const rebuilt = new Set<string>();
    for (const entry of removed) {
      const rowKey = `${entry.table}:${entryKey(entry)}`;
      if (rebuilt.has(rowKey)) continue;
      rebuilt.add(rowKey);
      await rebuildRow(db, entries, removedSeqs, entry);
    }
    return removed;
  });
}

/**
 * Send a refused write again, optionally edited first (a longer title, a shorter answer). It keeps its
 * place in the queue, and the writes waiting behind it go once it is through.
 */
export async function retryWrite(
  db: PeersideDb,
  seq: number,
  patch: ThreadPatch | PostPatch | VotePatch = {},
  now: number,
): Promise<void> {
  await db.transaction('rw', rowTables, async () => {
    const { target } = await failedEntry(db, seq);
    let payload: OutboxEntry['payload'] = target.payload;
    if (target.table !== 'places' && Object.keys(patch).length > 0) {
      const table = target.table;
      const cleanPatch = patchSchemas[table].parse(patch) as PatchOf[typeof table];
      if (target.op === 'insert') {
        const row = { ...target.payload, ...cleanPatch } as RowOf[typeof table];
        const refusal = validateInsert(table, row);
        if (refusal) throw new WriteRefusedError(refusal);
        payload = row;
      } else if (target.op === 'update') {
        const merged = { ...target.payload, ...cleanPatch } as PatchOf[typeof table];
        const refusal = validatePatch(table, merged);
        if (refusal) throw new WriteRefusedError(refusal);
        payload = merged;
      }
      const stored = await readRow(db, table, target.rowId);
      if (stored) {
        const row = applyPatch(table, stored.version.row, cleanPatch, now);
        await writeRow(db, table, { ...stored.version, row } as LocalVersion<RowOf[typeof table]>, stored.sync);
      }
    }
    await db.outbox.update(seq, {
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    } as Partial<OutboxEntry>);
    await refreshSyncMark(db, target);
  });
}

/** The tables a transaction that changes rows and the outbox together must hold. */
export const outboxScope = rowTables;
