/**
 * The sync engine's Remote over the organisation's Supabase project: one queued write per request
 * to PostgREST with the client-generated id (a replay is a no-op), and pages of pull_changes (keyset,
 * with tombstones for rows the learner may no longer read). Raw fetch, not postgrest-js, so statuses
 * and Retry-After reach the engine as they are; the access token comes from the supabase-js session.
 * It never retries or swallows an error: it throws RemoteError and the engine decides (a 410 from the
 * pull, "your offline copy is too old", as ResyncRequiredError: the engine downloads the org again).
 * It asks only for the kinds the cache holds (threads, posts, votes), and skips any other kind a server
 * sends all the same.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { OutboxEntry, PullCursor } from '../db/records';
import { RemoteError, ResyncRequiredError } from '../sync/errors';
import type { PullPage, PushAck, Remote } from '../sync/remote';

export interface SupabaseRemoteOptions {
  client: SupabaseClient;
  url: string;
  anonKey: string;
  /** Injected for tests that cut the network; the browser's fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  pageSize?: number;
  /** Where skipped rows are reported; console.warn otherwise. */
  log?: (message: string) => void;
}

const millis = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : null);

/** The columns each table accepts on insert (the INSERT grants in supabase/migrations). */
const insertColumns = {
  places: ['id', 'org_id', 'key', 'platform', 'course_id', 'lesson_id', 'course_title', 'lesson_title'],
  threads: ['id', 'org_id', 'place_key', 'author_id', 'title', 'body', 'tags'],
  posts: ['id', 'org_id', 'thread_id', 'parent_id', 'author_id', 'body'],
  votes: ['id', 'org_id', 'post_id', 'user_id', 'value'],
} as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function toServer(row: object, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = snake(key);
    if (columns.includes(column)) out[column] = value;
  }
  return out;
}

/** A server row (snake_case, ISO times) as the cache holds it (camelCase, epoch ms). */
export function fromServer(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[camel(key)] = key.endsWith('_at') ? (value === null ? null : millis(value)) : value;
  }
  return out;
}

/** The kinds of pull_changes rows the cache holds, and their tables. */
const tableOfKind = { thread: 'threads', post: 'posts', vote: 'votes' } as const;
type KnownKind = keyof typeof tableOfKind;
const syncedKinds = Object.keys(tableOfKind) as KnownKind[];
const isKnownKind = (kind: string): kind is KnownKind => Object.hasOwn(tableOfKind, kind);

interface PulledRow {
  /** thread, post or vote; a newer server may send other kinds (review_request, review...). */
  kind: string;
  id: string;
  updated_at: string;
  op: 'upsert' | 'hidden' | 'deleted';
  data: Record<string, unknown> | null;
}

/** Before every row of an org: a cursor to download it again from, with its own completeThrough. */
const START_OVER = { updatedAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' } as const;

/** The later of two server times (ISO text, or '-infinity'); microseconds decide within a millisecond. */
function later(a: string | null | undefined, b: string): string {
  if (a === null || a === undefined) return b;
  const instant = (text: string) => (text === '-infinity' ? -Infinity : Date.parse(text));
  const [x, y] = [instant(a), instant(b)];
  if (x !== y) return x > y ? a : b;
  return a >= b ? a : b;
}

/**
 * The cursor after a page: past its last row (skipped kinds included, or the next page would repeat
 * them), with completeThrough, the server time through which this cache holds every change, which
 * pull_changes compares with the deletions it has pruned. A short page brings it up to its last row (the
 * server had nothing newer); a full page leaves it. An empty page at a cursor that already says so is the
 * very same cursor, which tells the engine the pull is done.
 */
function nextCursor(cursor: PullCursor | null, last: PulledRow | undefined, caughtUp: boolean): PullCursor | null {
  if (!last) {
    if (!cursor) return cursor;
    const complete = later(cursor.completeThrough, cursor.updatedAt);
    return complete === cursor.completeThrough ? cursor : { ...cursor, completeThrough: complete };
  }
  const previous = cursor?.completeThrough ?? null;
  return {
    updatedAt: last.updated_at,
    id: last.id,
    kind: last.kind,
    completeThrough: caughtUp ? later(previous, last.updated_at) : previous,
  };
}

export function createSupabaseRemote(options: SupabaseRemoteOptions): Remote {
  const { client, url, anonKey } = options;
  const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pageSize = options.pageSize ?? 500;
  const log = options.log ?? ((message: string) => console.warn(message));

  async function request(method: string, path: string, body?: unknown, prefer?: string): Promise<unknown> {
    const { data } = await client.auth.getSession();
    const token = data.session?.access_token;
    if (!token) throw new RemoteError('Sign in to send and receive questions.', { status: 401 });
    let response: Response;
    try {
      response = await fetchFn(`${url}/rest/v1/${path}`, {
        method,
        headers: {
          apikey: anonKey,
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(prefer ? { prefer } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new RemoteError(timedOut ? 'The server did not answer in time.' : 'The server could not be reached.', {
        status: null,
        timedOut,
        cause: error,
      });
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      let retryAfter = response.headers.get('retry-after');
      let details: unknown = null;
      try {
        const body = JSON.parse(text) as { message?: string; details?: unknown };
        message = body.message ?? text;
        // Our refusals put what a client acts on in the error's details, as JSON: the rate limits say
        // when to come back ({"retry_after_seconds": n}), pull_changes' 410 {"pruned_through": time}.
        details = typeof body.details === 'string' ? (JSON.parse(body.details) as unknown) : (body.details ?? null);
        const seconds = (details as { retry_after_seconds?: unknown } | null)?.retry_after_seconds;
        if (retryAfter === null && typeof seconds === 'number') retryAfter = String(seconds);
      } catch {
        // Not JSON (a proxy's error page): keep the text.
      }
      throw new RemoteError(message || `HTTP ${response.status}`, { status: response.status, retryAfter, details });
    }
    return text ? (JSON.parse(text) as unknown) : null;
  }

  async function insert(table: keyof typeof insertColumns, row: object, conflict = 'id'): Promise<PushAck> {
    const result = await request(
      'POST',
      `${table}?on_conflict=${conflict}&columns=${insertColumns[table].join(',')}`,
      toServer(row, insertColumns[table]),
      'return=representation,resolution=ignore-duplicates',
    );
    // An ignored duplicate returns no row: the server already had this write (a replay).
    return { applied: Array.isArray(result) && result.length > 0 };
  }

  async function update(table: string, id: string, patch: object): Promise<PushAck> {
    const result = await request(
      'PATCH',
      `${table}?id=eq.${id}`,
      toServer(patch, Object.keys(patch).map(snake)),
      'return=representation',
    );
    if (!Array.isArray(result) || result.length === 0) {
      // RLS filtered the row out: it is gone, or no longer the learner's to edit.
      throw new RemoteError('That row is gone or can no longer be edited.', { status: 404 });
    }
    return { applied: true };
  }

  return {
    async push(entry: OutboxEntry): Promise<PushAck> {
      if (entry.op === 'insert') {
        return insert(entry.table, entry.payload, entry.table === 'places' ? 'org_id,key' : 'id');
      }
      if (entry.op === 'update') return update(entry.table, entry.rowId, entry.payload);
      await request('DELETE', `votes?id=eq.${entry.rowId}`, undefined, 'return=minimal');
      return { applied: true };
    },

    async pullSince(orgId: string, cursor: PullCursor | null): Promise<PullPage> {
      let rows: PulledRow[];
      try {
        rows = (await request('POST', 'rpc/pull_changes', {
          since_updated_at: cursor?.updatedAt ?? null,
          since_id: cursor?.id ?? null,
          since_kind: cursor?.kind ?? null,
          max_rows: pageSize,
          kinds: syncedKinds,
          // A cursor kept from before completeThrough existed came from a pull that ran until caught
          // up (the engine always did), so it is complete through its own position: saying so lets the
          // server refuse it if it has since pruned a deletion newer than that (one extra download at
          // worst), instead of never hearing of that deletion.
          complete_through: cursor
            ? cursor.completeThrough === undefined
              ? cursor.updatedAt
              : cursor.completeThrough
            : null,
        })) as PulledRow[];
      } catch (error) {
        // PT410: the server pruned deletions this cache has not seen (see ResyncRequiredError). A copy
        // downloaded again from nothing is complete through everything pruned so far.
        if (error instanceof RemoteError && error.status === 410) {
          const prunedThrough = (error.details as { pruned_through?: unknown } | null)?.pruned_through;
          const restartFrom =
            typeof prunedThrough === 'string' ? { ...START_OVER, completeThrough: prunedThrough } : null;
          throw new ResyncRequiredError(error.message, { restartFrom, cause: error });
        }
        throw error;
      }
      const last = rows.at(-1);
      const skipped = rows.filter((row) => !isKnownKind(row.kind));
      if (skipped.length > 0) {
        const kinds = [...new Set(skipped.map((row) => row.kind))].join(', ');
        log(`Peerside skipped ${skipped.length} pulled row(s) of a kind it does not keep: ${kinds}.`);
      }
      return {
        rows: rows.flatMap((row) => {
          if (!isKnownKind(row.kind)) return [];
          const table = tableOfKind[row.kind];
          if (row.op === 'upsert' && row.data) return [{ table, row: fromServer(row.data) }];
          const at = millis(row.updated_at);
          return [
            {
              table,
              row: {
                tombstone: true,
                id: row.id,
                orgId,
                updatedAt: at,
                hiddenAt: row.op === 'hidden' ? at : null,
                deletedAt: row.op === 'deleted' ? at : null,
              },
            },
          ];
        }),
        cursor: nextCursor(cursor, last, rows.length < pageSize),
      };
    },

    async pullPlace(orgId: string, placeKey: string): Promise<{ rows: unknown[] }> {
      const key = encodeURIComponent(`"${placeKey.replace(/"/g, '\\"')}"`);
      const places = (await request('GET', `places?org_id=eq.${orgId}&key=eq.${key}`)) as Record<string, unknown>[];
      const threads = (await request('GET', `threads?org_id=eq.${orgId}&place_key=eq.${key}`)) as Record<
        string,
        unknown
      >[];
      const ids = threads.map((thread) => String(thread['id']));
      const posts = ids.length
        ? ((await request('GET', `posts?thread_id=in.(${ids.join(',')})`)) as Record<string, unknown>[])
        : [];
      const postIds = posts.map((post) => String(post['id']));
      const votes = postIds.length
        ? ((await request('GET', `votes?post_id=in.(${postIds.join(',')})`)) as Record<string, unknown>[])
        : [];
      return {
        rows: [
          ...places.map((row) => ({ table: 'places', row: fromServer(row) })),
          ...threads.map((row) => ({ table: 'threads', row: fromServer(row) })),
          ...posts.map((row) => ({ table: 'posts', row: fromServer(row) })),
          ...votes.map((row) => ({ table: 'votes', row: fromServer(row) })),
        ],
      };
    },
  };
}
