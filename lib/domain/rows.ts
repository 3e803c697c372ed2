/**
 * The shared Q&A rows (places, threads, posts, votes) as the extension holds them: camelCase, times in
 * epoch milliseconds, one zod schema each, mirroring supabase/migrations. PURE: never imports Dexie,
 * WXT or supabase-js; the Dexie cache and the server adapter both parse into these shapes.
 */
import { z } from 'zod/mini';

export const tableNames = ['places', 'threads', 'posts', 'votes'] as const;
export const TableNameSchema = z.enum(tableNames);
export type TableName = z.infer<typeof TableNameSchema>;

/** Postgres prints uuids as lowercase 8-4-4-4-12 hex; clients generate v4 ones (crypto.randomUUID). */
export const IdSchema = z.guid();
/** A server or client time in epoch milliseconds (Postgres keeps microseconds; the cursor keeps those). */
export const MillisSchema = z.number().check(z.int(), z.nonnegative());
const NullableMillis = z.nullable(MillisSchema);

/**
 * Read schemas accept what the server may hold; they check types, not the write rules (a later
 * migration may loosen a limit, and an older extension must still show the row). The write rules are
 * `validateInsert` and `validatePatch` below.
 */
export const PlaceRowSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  /** The detection key (lib/lms), e.g. "moodle|moodle.example.edu|4021|cm:1325312". */
  key: z.string().check(z.minLength(1), z.maxLength(600)),
  platform: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/)),
  courseId: z.nullable(z.string()),
  lessonId: z.nullable(z.string()),
  courseTitle: z.nullable(z.string()),
  lessonTitle: z.nullable(z.string()),
  createdBy: z.nullable(IdSchema),
  createdAt: MillisSchema,
  updatedAt: MillisSchema,
});
export type PlaceRow = z.infer<typeof PlaceRowSchema>;

export const threadStatuses = ['open', 'answered', 'resolved'] as const;

export const ThreadRowSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  placeKey: z.string().check(z.minLength(1), z.maxLength(600)),
  authorId: z.nullable(IdSchema),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  status: z.enum(threadStatuses),
  acceptedPostId: z.nullable(IdSchema),
  acceptedBy: z.nullable(IdSchema),
  acceptedAt: NullableMillis,
  locked: z.boolean(),
  hiddenAt: NullableMillis,
  deletedAt: NullableMillis,
  createdAt: MillisSchema,
  updatedAt: MillisSchema,
  editedAt: NullableMillis,
});
export type ThreadRow = z.infer<typeof ThreadRowSchema>;

export const PostRowSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  threadId: IdSchema,
  /** null: an answer to the thread; set: a reply to that answer (same thread). */
  parentId: z.nullable(IdSchema),
  authorId: z.nullable(IdSchema),
  body: z.string(),
  /** Kept by the server's votes trigger; clients never write it. */
  score: z.number().check(z.int()),
  hiddenAt: NullableMillis,
  deletedAt: NullableMillis,
  createdAt: MillisSchema,
  updatedAt: MillisSchema,
  editedAt: NullableMillis,
});
export type PostRow = z.infer<typeof PostRowSchema>;

export const VoteRowSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  postId: IdSchema,
  userId: IdSchema,
  value: z.union([z.literal(1), z.literal(-1)]),
  createdAt: MillisSchema,
  updatedAt: MillisSchema,
});
export type VoteRow = z.infer<typeof VoteRowSchema>;

/**
 * What a pull says about a thread or post the caller may no longer read: deleted (gone for everyone,
 * for good) or hidden by a moderator (still readable by its author and moderators, who get the row).
 */
export const TombstoneSchema = z.object({
  tombstone: z.literal(true),
  id: IdSchema,
  orgId: IdSchema,
  updatedAt: MillisSchema,
  hiddenAt: NullableMillis,
  deletedAt: NullableMillis,
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

export interface RowOf {
  places: PlaceRow;
  threads: ThreadRow;
  posts: PostRow;
  votes: VoteRow;
}
export type AnyRow = RowOf[TableName];

export const rowSchemas = {
  places: PlaceRowSchema,
  threads: ThreadRowSchema,
  posts: PostRowSchema,
  votes: VoteRowSchema,
} as const;

/** One row of a delta pull: a full row, or a tombstone for threads and posts. */
export const PulledChangeSchema = z.union([
  z.object({ table: z.literal('places'), row: PlaceRowSchema }),
  z.object({ table: z.literal('threads'), row: z.union([TombstoneSchema, ThreadRowSchema]) }),
  z.object({ table: z.literal('posts'), row: z.union([TombstoneSchema, PostRowSchema]) }),
  // A vote withdrawn on another device comes as a tombstone (deletedAt set): the cache drops it.
  z.object({ table: z.literal('votes'), row: z.union([TombstoneSchema, VoteRowSchema]) }),
]);
export type PulledChange = z.infer<typeof PulledChangeSchema>;

export function isTombstone(row: object): row is Tombstone {
  return 'tombstone' in row && row.tombstone === true;
}

/** The columns an author may change after the insert (the UPDATE grants in the migrations). */
export const ThreadPatchSchema = z.object({
  title: z.optional(z.string()),
  body: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
});
export type ThreadPatch = z.infer<typeof ThreadPatchSchema>;
export const PostPatchSchema = z.object({ body: z.optional(z.string()) });
export type PostPatch = z.infer<typeof PostPatchSchema>;
export const VotePatchSchema = z.object({ value: z.optional(z.union([z.literal(1), z.literal(-1)])) });
export type VotePatch = z.infer<typeof VotePatchSchema>;

export interface PatchOf {
  threads: ThreadPatch;
  posts: PostPatch;
  votes: VotePatch;
}

/** Postgres char_length counts code points, and btrim(text) trims spaces only. */
const length = (text: string) => [...text].length;
const btrimmedLength = (text: string) => length(text.replace(/^ +| +$/g, ''));
const tagPattern = /^[a-z0-9][a-z0-9+#.-]*$/;

const rules = {
  title: (title: string) =>
    btrimmedLength(title) >= 3 && btrimmedLength(title) <= 200
      ? null
      : 'Give your question a title of 3 to 200 characters.',
  threadBody: (body: string) => (length(body) <= 20000 ? null : 'Shorten the question to at most 20,000 characters.'),
  postBody: (body: string) =>
    btrimmedLength(body) >= 1 && length(body) <= 20000 ? null : 'Write an answer of 1 to 20,000 characters.',
  tags: (tags: readonly string[]) =>
    tags.length <= 10 && tags.every((tag) => tag.length <= 32 && tagPattern.test(tag))
      ? null
      : 'Use at most 10 tags, each in lowercase letters, digits or + # . - (up to 32 characters).',
};

/**
 * The server's CHECK constraints, applied before a write is queued, so the learner hears about a
 * too-short title at once and not as a failed sync later. Returns a sentence, or null when valid.
 */
export function validateInsert<T extends TableName>(table: T, row: RowOf[T]): string | null {
  const parsed = rowSchemas[table].safeParse(row);
  if (!parsed.success) return 'Peerside could not save this: some of it is not in the expected form.';
  if (table === 'threads') {
    const thread = row as ThreadRow;
    return rules.title(thread.title) ?? rules.threadBody(thread.body) ?? rules.tags(thread.tags);
  }
  if (table === 'posts') return rules.postBody((row as PostRow).body);
  return null;
}

export function validatePatch<T extends keyof PatchOf>(table: T, patch: PatchOf[T]): string | null {
  if (table === 'threads') {
    const { title, body, tags } = patch as ThreadPatch;
    return (
      (title === undefined ? null : rules.title(title)) ??
      (body === undefined ? null : rules.threadBody(body)) ??
      (tags === undefined ? null : rules.tags(tags))
    );
  }
  if (table === 'posts') {
    const { body } = patch as PostPatch;
    return body === undefined ? null : rules.postBody(body);
  }
  return null;
}
