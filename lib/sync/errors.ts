/**
 * What went wrong talking to the server, sorted into what to do about it: transient (wait and retry,
 * the write stays queued), signed out (stop until the learner signs in again) or permanent (the write
 * becomes `failed` and waits for the learner to edit or discard it). Every outcome carries a sentence
 * that tells the learner what happens next or what to do. PURE: no network, no clock.
 */
import type { PullCursor } from '../db/records';
import type { TableName } from '../domain/rows';
import { parseRetryAfter } from './backoff';

/**
 * The error a `Remote` throws. `status` is the HTTP status, or null when no response arrived
 * (connection dropped, DNS, offline). `retryAfter` is the raw Retry-After header, when there was one.
 */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly status: number | null;
  readonly timedOut: boolean;
  readonly retryAfter: string | null;
  /** The error's details as the server sent them (PostgREST: a JSON text or null), when it did. */
  readonly details: unknown;

  constructor(
    message: string,
    options: {
      status?: number | null;
      timedOut?: boolean;
      retryAfter?: string | null;
      details?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status ?? null;
    this.timedOut = options.timedOut ?? false;
    this.retryAfter = options.retryAfter ?? null;
    this.details = options.details ?? null;
  }
}

/**
 * The server can no longer bring this cache up to date (HTTP 410, SQLSTATE PT410 from pull_changes): it
 * pruned deletions the cache has not heard of, so some cached server rows may be gone. The engine drops
 * the org's cached server rows (never a queued write) and pulls the org again from `restartFrom`, an
 * opaque cursor meaning "from the start" that the remote chose (null: no cursor at all).
 */
export class ResyncRequiredError extends RemoteError {
  override name = 'ResyncRequiredError';
  readonly restartFrom: PullCursor | null;

  constructor(message: string, options: { restartFrom?: PullCursor | null; cause?: unknown } = {}) {
    super(message, { status: 410, cause: options.cause });
    this.restartFrom = options.restartFrom ?? null;
  }
}

/** A pull refused because the cache is too old to update (any Remote: a 410 from the server). */
export function needsResync(error: unknown): boolean {
  return error instanceof RemoteError && error.status === 410;
}

export type TransientReason = 'offline' | 'timeout' | 'server' | 'rate-limited';
export type PermanentReason = 'invalid' | 'forbidden' | 'conflict' | 'gone';

export type Classified =
  | { kind: 'transient'; reason: TransientReason; retryAfterMs: number | null }
  | { kind: 'signed-out' }
  | { kind: 'permanent'; reason: PermanentReason };

const isNamed = (error: unknown, names: readonly string[]) =>
  typeof error === 'object' && error !== null && 'name' in error && names.includes(String(error.name));

export function classifyError(error: unknown, now: number): Classified {
  if (error instanceof RemoteError) {
    const { status } = error;
    if (error.timedOut || status === 408 || status === 504)
      return { kind: 'transient', reason: 'timeout', retryAfterMs: null };
    if (status === null) return { kind: 'transient', reason: 'offline', retryAfterMs: null };
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(error.retryAfter, now);
      return { kind: 'transient', reason: status === 429 ? 'rate-limited' : 'server', retryAfterMs };
    }
    if (status >= 500) return { kind: 'transient', reason: 'server', retryAfterMs: null };
    if (status === 401) return { kind: 'signed-out' };
    if (status === 403) return { kind: 'permanent', reason: 'forbidden' };
    if (status === 404 || status === 410) return { kind: 'permanent', reason: 'gone' };
    if (status === 409) return { kind: 'permanent', reason: 'conflict' };
    if (status >= 400) return { kind: 'permanent', reason: 'invalid' };
    return { kind: 'transient', reason: 'server', retryAfterMs: null };
  }
  // fetch rejects with a TypeError when there is no connection; AbortSignal.timeout with TimeoutError.
  if (isNamed(error, ['TimeoutError', 'AbortError']))
    return { kind: 'transient', reason: 'timeout', retryAfterMs: null };
  if (error instanceof TypeError) return { kind: 'transient', reason: 'offline', retryAfterMs: null };
  // Anything else is a bug or an unknown failure: keep the write and retry with backoff rather than
  // drop what the learner wrote. The engine logs it.
  return { kind: 'transient', reason: 'server', retryAfterMs: null };
}

const nouns: Record<TableName, string> = {
  places: 'course page',
  threads: 'question',
  posts: 'answer',
  votes: 'vote',
};

/** The sentence a failed write carries, for the learner. */
export function permanentSentence(reason: PermanentReason, table: TableName): string {
  const noun = nouns[table];
  switch (reason) {
    case 'forbidden':
      return `You are not allowed to post this ${noun} (the question may be locked or hidden, or your access changed). Copy anything you want to keep, then discard it.`;
    case 'gone':
      return `This ${noun} was removed from Peerside, so your change cannot be sent. Discard it.`;
    case 'conflict':
      return `This ${noun} clashes with a change already on the server. Edit it and send it again, or discard it.`;
    case 'invalid':
      return `The server refused this ${noun} as invalid. Edit it and send it again, or discard it.`;
  }
}

/** The sentence the sync state carries while writes wait. */
export function waitingSentence(classified: Exclude<Classified, { kind: 'permanent' }>): string {
  if (classified.kind === 'signed-out') {
    return 'Sign in to Peerside again to send your changes; they are kept on this device until then.';
  }
  switch (classified.reason) {
    case 'offline':
      return 'You are offline. Your changes are kept on this device and will be sent when you are back online.';
    case 'timeout':
      return 'The Peerside server is not answering in time. Your changes are kept and will be sent automatically.';
    case 'rate-limited':
      return 'The Peerside server asked to slow down. Your changes are kept and will be sent automatically.';
    case 'server':
      return 'The Peerside server had a problem. Your changes are kept and will be sent automatically.';
  }
}
