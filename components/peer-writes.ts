/**
 * The learner's writes from the panel, as local-first rows: each goes to Dexie as the row plus its
 * outbox entry (enqueueWrite), then the background is asked to sync. Never touches the network.
 * Refusals throw WriteRefusedError with a sentence for the learner.
 */
import type { OutboxEntry, PostRecord, VoteRecord } from '@/lib/db/records';
import { newPostRow, newThreadRow } from '@/lib/domain/new-rows';
import type { PlaceRow } from '@/lib/domain/rows';
import type { CoursePlace } from '@/lib/lms/types';
import { enqueueWrite, outboxScope } from '@/lib/sync/outbox';
import type { PeerServices, Viewer } from './peer-services';

type Writer = Pick<PeerServices, 'db' | 'now' | 'newId'>;

/**
 * Ask a question at this place. The place row is queued too when this org has none for the key yet;
 * both go in one transaction, so a refused question leaves no orphan place behind. Returns its id.
 */
export async function askQuestion(
  { db, now, newId }: Writer,
  viewer: Viewer,
  place: CoursePlace,
  draft: { title: string; body: string },
): Promise<string> {
  const at = now();
  const placeRow: PlaceRow = {
    id: newId(),
    orgId: viewer.orgId,
    key: place.key,
    platform: place.platform,
    courseId: place.courseId ?? null,
    lessonId: place.lessonId ?? null,
    courseTitle: place.courseTitle ?? null,
    lessonTitle: place.lessonTitle ?? null,
    createdBy: viewer.userId,
    createdAt: at,
    updatedAt: at,
  };
  const thread = newThreadRow({
    id: newId(),
    orgId: viewer.orgId,
    placeKey: place.key,
    authorId: viewer.userId,
    title: draft.title.trim(),
    body: draft.body.trim(),
    at,
  });
  await db.transaction('rw', outboxScope, async () => {
    // enqueueWrite skips the place when this device already has it for (org, key).
    await enqueueWrite(db, { op: 'insert', table: 'places', row: placeRow }, at);
    await enqueueWrite(db, { op: 'insert', table: 'threads', row: thread }, at);
  });
  return thread.id;
}

/** Answer a question. Returns the answer's id. */
export async function postAnswer(
  { db, now, newId }: Writer,
  viewer: Viewer,
  threadId: string,
  body: string,
): Promise<string> {
  const at = now();
  const post = newPostRow({
    id: newId(),
    orgId: viewer.orgId,
    threadId,
    authorId: viewer.userId,
    body: body.trim(),
    at,
  });
  await enqueueWrite(db, { op: 'insert', table: 'posts', row: post }, at);
  return post.id;
}

/**
 * Vote on an answer, one vote per learner: a first vote inserts the row, the other direction changes
 * it, the same direction again withdraws it (deletes the row).
 */
export async function vote(
  { db, now, newId }: Writer,
  viewer: Viewer,
  postId: string,
  current: VoteRecord | undefined,
  value: 1 | -1,
): Promise<void> {
  const at = now();
  if (!current) {
    const row = {
      id: newId(),
      orgId: viewer.orgId,
      postId,
      userId: viewer.userId,
      value,
      createdAt: at,
      updatedAt: at,
    };
    await enqueueWrite(db, { op: 'insert', table: 'votes', row }, at);
  } else if (current.value === value) {
    await enqueueWrite(db, { op: 'delete', table: 'votes', id: current.id }, at);
  } else {
    await enqueueWrite(db, { op: 'update', table: 'votes', id: current.id, patch: { value } }, at);
  }
}

/**
 * What the learner's unsent votes add to each post's score. posts.score is kept by the server, so a
 * vote shows in it only after sync; until then the panel adds the difference between the learner's
 * vote now and the vote the server had when the first unsent change was queued.
 */
export function unsentVoteDeltas(
  entries: readonly OutboxEntry[],
  myVotes: readonly VoteRecord[],
  postIds: ReadonlySet<string>,
): Map<string, number> {
  const serverValue = new Map<string, number>();
  for (const entry of entries) {
    if (entry.table !== 'votes') continue;
    const postId = entry.op === 'insert' ? entry.payload.postId : entry.before.postId;
    if (!postIds.has(postId) || serverValue.has(postId)) continue;
    serverValue.set(postId, entry.op === 'insert' ? 0 : entry.before.value);
  }
  const deltas = new Map<string, number>();
  for (const [postId, before] of serverValue) {
    const now = myVotes.find((mine) => mine.postId === postId)?.value ?? 0;
    deltas.set(postId, now - before);
  }
  return deltas;
}

/** Answers in reading order: the accepted one first, then by score, then oldest first. */
export function orderAnswers<A extends { post: Pick<PostRecord, 'id' | 'createdAt'>; score: number }>(
  answers: readonly A[],
  acceptedPostId: string | null,
): A[] {
  const accepted = (answer: A) => Number(answer.post.id === acceptedPostId);
  return [...answers].sort(
    (a, b) => accepted(b) - accepted(a) || b.score - a.score || a.post.createdAt - b.post.createdAt,
  );
}
