/**
 * New rows as the learner creates them: every column a fresh question or answer starts with, in one
 * place, so the panel, the tests and the benchmarks never spell the defaults out again. PURE.
 */
import type { PostRow, ThreadRow } from './rows';

export interface NewThread {
  id: string;
  orgId: string;
  placeKey: string;
  authorId: string;
  title: string;
  body: string;
  /** Creation time, epoch ms; the server sets its own on insert. */
  at: number;
  tags?: string[];
}

export function newThreadRow({ id, orgId, placeKey, authorId, title, body, at, tags = [] }: NewThread): ThreadRow {
  return {
    id,
    orgId,
    placeKey,
    authorId,
    title,
    body,
    tags,
    status: 'open',
    acceptedPostId: null,
    acceptedBy: null,
    acceptedAt: null,
    locked: false,
    hiddenAt: null,
    deletedAt: null,
    createdAt: at,
    updatedAt: at,
    editedAt: null,
  };
}

export interface NewPost {
  id: string;
  orgId: string;
  threadId: string;
  authorId: string;
  body: string;
  at: number;
  /** The answer this replies to; null or absent for an answer to the question. */
  parentId?: string | null;
}

export function newPostRow({ id, orgId, threadId, authorId, body, at, parentId = null }: NewPost): PostRow {
  return {
    id,
    orgId,
    threadId,
    parentId,
    authorId,
    body,
    score: 0,
    hiddenAt: null,
    deletedAt: null,
    createdAt: at,
    updatedAt: at,
    editedAt: null,
  };
}
