/**
 * The Supabase remote's delta pull on canned PostgREST answers (no server): what it asks for, the kinds
 * it skips, the cursor it hands back (with when the cache last caught up), and a 410 as
 * ResyncRequiredError. The real stack is exercised in remote.test.ts.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import type { PullCursor } from '../db/records';
import { RemoteError, ResyncRequiredError, classifyError, needsResync } from '../sync/errors';
import { createSupabaseRemote } from './remote';

const ORG = '10000000-0000-4000-8000-000000000001';
const signedIn = {
  auth: { getSession: async () => ({ data: { session: { access_token: 'token' } } }) },
} as unknown as SupabaseClient;

interface Answer {
  status: number;
  body: unknown;
}

/** A remote whose fetch answers `answers` in turn and records each request body. */
function remoteAnswering(answers: Answer[], pageSize = 3) {
  const bodies: Record<string, unknown>[] = [];
  const logs: string[] = [];
  const remote = createSupabaseRemote({
    client: signedIn,
    url: 'http://127.0.0.1:1',
    anonKey: 'anon',
    pageSize,
    log: (message) => logs.push(message),
    fetch: async (_input, init) => {
      bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      const answer = answers.shift()!;
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { remote, bodies, logs };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (second: number) => `2025-11-25T09:00:${String(second).padStart(2, '0')}.000001+00:00`;
const row = (kind: string, n: number, op = 'deleted') => ({ kind, id: id(n), updated_at: at(n), op, data: null });

describe('pullSince', () => {
  it('asks for the kinds the cache holds, with the cursor and when the cache last caught up', async () => {
    const { remote, bodies } = remoteAnswering([
      { status: 200, body: [] },
      { status: 200, body: [] },
    ]);
    await remote.pullSince(ORG, null);
    const cursor: PullCursor = { updatedAt: at(1), id: id(1), kind: 'post', completeThrough: at(1) };
    await remote.pullSince(ORG, cursor);
    expect(bodies).toEqual([
      {
        since_updated_at: null,
        since_id: null,
        since_kind: null,
        max_rows: 3,
        kinds: ['thread', 'post', 'vote'],
        complete_through: null,
      },
      {
        since_updated_at: at(1),
        since_id: id(1),
        since_kind: 'post',
        max_rows: 3,
        kinds: ['thread', 'post', 'vote'],
        complete_through: at(1),
      },
    ]);
  });

  it('skips rows of kinds it does not keep, and still moves the cursor past them', async () => {
    const { remote, logs } = remoteAnswering([
      {
        status: 200,
        body: [row('thread', 1), row('review_request', 2, 'upsert'), row('review', 3, 'hidden')],
      },
    ]);
    const page = await remote.pullSince(ORG, null);
    expect(page.rows).toEqual([
      {
        table: 'threads',
        row: expect.objectContaining({ tombstone: true, id: id(1), deletedAt: Date.parse(at(1)) }),
      },
    ]);
    expect(page.cursor).toEqual({ updatedAt: at(3), id: id(3), kind: 'review', completeThrough: null });
    expect(logs).toEqual(['Peerside skipped 2 pulled row(s) of a kind it does not keep: review_request, review.']);
  });

  it('remembers when the cache caught up: a short page, then the same cursor once nothing is new', async () => {
    const { remote } = remoteAnswering([
      { status: 200, body: [row('thread', 1), row('post', 2), row('vote', 3)] },
      { status: 200, body: [row('post', 4)] },
      { status: 200, body: [] },
    ]);
    const full = await remote.pullSince(ORG, null);
    // A full page says nothing about the rest: the cache has not caught up yet.
    expect(full.cursor).toEqual({ updatedAt: at(3), id: id(3), kind: 'vote', completeThrough: null });
    const short = await remote.pullSince(ORG, full.cursor);
    expect(short.cursor).toEqual({ updatedAt: at(4), id: id(4), kind: 'post', completeThrough: at(4) });
    const done = await remote.pullSince(ORG, short.cursor);
    expect(done.cursor).toBe(short.cursor);
  });

  it('never moves completeThrough back: a download started over keeps the horizon it was given', async () => {
    const { remote } = remoteAnswering([
      { status: 200, body: [row('thread', 1), row('post', 2)] },
      { status: 200, body: [] },
    ]);
    const startOver: PullCursor = {
      updatedAt: '-infinity',
      id: '00000000-0000-0000-0000-000000000000',
      completeThrough: at(30),
    };
    const page = await remote.pullSince(ORG, startOver);
    expect(page.cursor).toEqual({ updatedAt: at(2), id: id(2), kind: 'post', completeThrough: at(30) });
    expect((await remote.pullSince(ORG, page.cursor)).cursor).toBe(page.cursor);
  });

  it('marks a cursor kept from before completeThrough existed as caught up on an empty page', async () => {
    const { remote, bodies } = remoteAnswering([
      { status: 200, body: [] },
      { status: 200, body: [] },
    ]);
    const old: PullCursor = { updatedAt: at(5), id: id(5), kind: 'thread' };
    const first = await remote.pullSince(ORG, old);
    expect(first.cursor).toEqual({ ...old, completeThrough: at(5) });
    // It tells the server it is complete through its own position, so a newer pruned deletion is refused.
    expect(bodies[0]).toMatchObject({ since_updated_at: at(5), complete_through: at(5) });
    expect((await remote.pullSince(ORG, first.cursor)).cursor).toBe(first.cursor);
  });

  it('turns a 410 (PT410) into ResyncRequiredError with the server’s sentence; other errors stay as they are', async () => {
    const sentence = 'Your offline copy is too old to update; Peerside will download it again.';
    const prunedThrough = '2025-11-25T09:00:30.123456+00:00';
    const { remote } = remoteAnswering([
      {
        status: 410,
        body: { code: 'PT410', message: sentence, details: JSON.stringify({ pruned_through: prunedThrough }) },
      },
      { status: 410, body: { code: 'PT410', message: sentence, details: null } },
      { status: 403, body: { code: '42501', message: 'permission denied for function pull_changes' } },
    ]);
    const cursor: PullCursor = { updatedAt: at(1), id: id(1), kind: 'thread', completeThrough: at(1) };
    const tooOld = await remote.pullSince(ORG, cursor).catch((error: unknown) => error);
    expect(tooOld).toBeInstanceOf(ResyncRequiredError);
    expect(tooOld).toBeInstanceOf(RemoteError);
    expect(tooOld).toMatchObject({ name: 'ResyncRequiredError', status: 410, message: sentence });
    // Downloading again from before every row, complete through what was pruned from the start.
    expect((tooOld as ResyncRequiredError).restartFrom).toEqual({
      updatedAt: '-infinity',
      id: '00000000-0000-0000-0000-000000000000',
      completeThrough: prunedThrough,
    });
    expect(needsResync(tooOld)).toBe(true);
    const withoutDetails = await remote.pullSince(ORG, cursor).catch((error: unknown) => error);
    expect(withoutDetails).toMatchObject({ name: 'ResyncRequiredError', restartFrom: null });
    // Outside a pull a 410 is what it always was: the item is gone.
    expect(classifyError(tooOld, 0)).toEqual({ kind: 'permanent', reason: 'gone' });

    const forbidden = await remote.pullSince(ORG, cursor).catch((error: unknown) => error);
    expect(forbidden).not.toBeInstanceOf(ResyncRequiredError);
    expect(forbidden).toMatchObject({ status: 403 });
    expect(needsResync(forbidden)).toBe(false);
  });
});
