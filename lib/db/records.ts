/**
 * The shapes kept in the Dexie cache: a shared row plus what only this device knows (is it sent yet,
 * the last server version seen, search words, when a place was last opened). Every record read back
 * is parsed with these schemas; a record that does not parse is dropped and logged, never trusted.
 */
import { z } from 'zod/mini';
import {
  IdSchema,
  MillisSchema,
  PlaceRowSchema,
  PostPatchSchema,
  PostRowSchema,
  ThreadPatchSchema,
  ThreadRowSchema,
  VotePatchSchema,
  VoteRowSchema,
  type PostRow,
  type ThreadRow,
} from '../domain/rows';
import { searchTokens } from '../domain/text';

/** synced: the server has this version; pending: a local change waits in the outbox; failed: refused. */
export const SyncMarkSchema = z.enum(['synced', 'pending', 'failed']);
export type SyncMark = z.infer<typeof SyncMarkSchema>;

const local = {
  sync: SyncMarkSchema,
  /** The server's updatedAt of the last server version merged (server clock); null before any. */
  serverUpdatedAt: z.nullable(MillisSchema),
};

export const ThreadRecordSchema = z.extend(ThreadRowSchema, {
  ...local,
  /** The latest server version that arrived while local changes were pending (restored on discard). */
  shadow: z.nullable(ThreadRowSchema),
  /** searchTokens of title, body and tags; empty when the row is hidden or deleted. */
  words: z.array(z.string()),
});
export type ThreadRecord = z.infer<typeof ThreadRecordSchema>;

export const PostRecordSchema = z.extend(PostRowSchema, {
  ...local,
  shadow: z.nullable(PostRowSchema),
  words: z.array(z.string()),
});
export type PostRecord = z.infer<typeof PostRecordSchema>;

export const VoteRecordSchema = z.extend(VoteRowSchema, { ...local, shadow: z.nullable(VoteRowSchema) });
export type VoteRecord = z.infer<typeof VoteRecordSchema>;

export const PlaceRecordSchema = z.extend(PlaceRowSchema, {
  ...local,
  /** When the panel last showed this place (least recently used places are evicted first). */
  lastUsedAt: MillisSchema,
  /** Its threads were evicted: deltas for it are not kept until the place is refreshed. */
  evicted: z.boolean(),
});
export type PlaceRecord = z.infer<typeof PlaceRecordSchema>;

/** The keyset cursor of a delta pull: the server's exact updated_at text (microseconds) and the id. */
/**
 * Opaque to the engine; the Supabase remote also keeps the last row's kind (pull_changes' tiebreak) and
 * completeThrough, a server time through which this cache holds every change (the updatedAt of the
 * cursor with which it last caught up, or the horizon the server gave when it was downloaded again;
 * null while a first download pages along), which the server compares with the deletions it pruned.
 */
export const PullCursorSchema = z.object({
  updatedAt: z.string(),
  id: IdSchema,
  kind: z.optional(z.string()),
  completeThrough: z.optional(z.nullable(z.string())),
});
export type PullCursor = z.infer<typeof PullCursorSchema>;

export const MetaRecordSchema = z.object({
  orgId: IdSchema,
  cursor: z.nullable(PullCursorSchema),
  lastSyncedAt: z.nullable(MillisSchema),
});
export type MetaRecord = z.infer<typeof MetaRecordSchema>;

const entryFields = {
  seq: z.number().check(z.int(), z.positive()),
  orgId: IdSchema,
  rowId: IdSchema,
  /** Keys of what this write builds on (its place, thread, parent post, post); see dependencyKeys. */
  refs: z.array(z.string()),
  attempts: z.number().check(z.int(), z.nonnegative()),
  nextAttemptAt: MillisSchema,
  /** Why the last attempt failed, as a sentence for the learner; null before any failure. */
  lastError: z.nullable(z.string()),
  status: z.enum(['pending', 'failed']),
  createdAt: MillisSchema,
};

/** One queued write. `before` is the row as it was before this write (restored if it is discarded). */
export const OutboxEntrySchema = z.union([
  z.object({
    ...entryFields,
    table: z.literal('places'),
    op: z.literal('insert'),
    payload: PlaceRowSchema,
    before: z.null(),
  }),
  z.object({
    ...entryFields,
    table: z.literal('threads'),
    op: z.literal('insert'),
    payload: ThreadRowSchema,
    before: z.null(),
  }),
  z.object({
    ...entryFields,
    table: z.literal('threads'),
    op: z.literal('update'),
    payload: ThreadPatchSchema,
    before: ThreadRowSchema,
  }),
  z.object({
    ...entryFields,
    table: z.literal('posts'),
    op: z.literal('insert'),
    payload: PostRowSchema,
    before: z.null(),
  }),
  z.object({
    ...entryFields,
    table: z.literal('posts'),
    op: z.literal('update'),
    payload: PostPatchSchema,
    before: PostRowSchema,
  }),
  z.object({
    ...entryFields,
    table: z.literal('votes'),
    op: z.literal('insert'),
    payload: VoteRowSchema,
    before: z.null(),
  }),
  z.object({
    ...entryFields,
    table: z.literal('votes'),
    op: z.literal('update'),
    payload: VotePatchSchema,
    before: VoteRowSchema,
  }),
  z.object({
    ...entryFields,
    table: z.literal('votes'),
    op: z.literal('delete'),
    payload: z.null(),
    before: VoteRowSchema,
  }),
]);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/** The key another write names in `refs` to depend on this row (places are known by org and key). */
export const placeRef = (orgId: string, key: string) => `place:${orgId}|${key}`;

/** Search words: hidden and deleted rows are not found by search. */
export function threadWords(row: ThreadRow): string[] {
  if (row.hiddenAt !== null || row.deletedAt !== null) return [];
  return searchTokens(`${row.title} ${row.body} ${row.tags.join(' ')}`);
}

export function postWords(row: PostRow): string[] {
  if (row.hiddenAt !== null || row.deletedAt !== null) return [];
  return searchTokens(row.body);
}

/**
 * Read back one record; returns null (and logs why) when it does not parse, so one bad record
 * never breaks a list.
 */
export function parseRecord<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: string,
  log: (message: string) => void = (message) => console.warn(message),
): z.infer<S> | null {
  if (value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.infer<S>;
  log(`Peerside ignored a cached ${what} that does not parse: ${z.prettifyError(parsed.error)}`);
  return null;
}
