/**
 * The second slice's HTTP contract through the real local stack (PGlite + PostgREST + gateway + auth
 * stand-in, seeded) with supabase-js: the delta pull, moderation and search RPCs, and rate limits as
 * HTTP 429 with a sentence, exactly as the extension's background worker sees them.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { useSeededStack } from './support/stack';

// Seeded in supabase/seed.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const AMARA = 'amara.okafor@northwind.example';
const SOFIA = 'sofia.marino@northwind.example';
const TOMAS_MODERATOR = 'tomas.alvarez@northwind.example';
const BEN_OF_CONTOSO = 'ben.carter@contoso.example';
const HIDDEN_THREAD = 'd4000000-0000-4000-8000-000000000005';
const SOFIAS_THREAD = 'd4000000-0000-4000-8000-000000000003';
const JONAS_ANSWER = 'e5000000-0000-4000-8000-000000000002';
const CONTOSO_THREAD = 'd4000000-0000-4000-8000-000000000101';

const stack = useSeededStack();
const { client, signIn } = stack;

interface Change {
  kind: string;
  id: string;
  updated_at: string;
  op: string;
  data: Record<string, unknown> | null;
}

async function pullAll(supabase: SupabaseClient, maxRows: number): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = {
    since_updated_at: null as string | null,
    since_id: null as string | null,
    since_kind: null as string | null,
  };
  for (;;) {
    const { data, error, status } = await supabase.rpc('pull_changes', { ...cursor, max_rows: maxRows });
    expect([status, error]).toEqual([200, null]);
    const page = data as Change[];
    all.push(...page);
    if (page.length < maxRows) return all;
    const last = page.at(-1)!;
    // The cursor travels as the server's text: a JS Date would drop the microseconds.
    cursor = { since_updated_at: last.updated_at, since_id: last.id, since_kind: last.kind };
  }
}

describe('pull_changes over HTTP', () => {
  it('pages through the org in keyset order, hidden content as a tombstone, nothing of Contoso', async () => {
    const supabase = await signIn(AMARA);
    const everything = await pullAll(supabase, 1000);
    expect(await pullAll(supabase, 3)).toEqual(everything);
    expect(everything.find((row) => row.id === HIDDEN_THREAD)).toMatchObject({ op: 'hidden', data: null });
    expect(JSON.stringify(everything)).not.toContain('Selling my completed quiz answers');
    expect(everything.some((row) => row.id === CONTOSO_THREAD)).toBe(false);
    expect(everything.filter((row) => row.op === 'upsert').every((row) => row.data?.org_id === NORTHWIND)).toBe(true);
    // Microsecond timestamps survive the round trip, so the last cursor is really the end.
    const last = everything.at(-1)!;
    const after = await supabase.rpc('pull_changes', {
      since_updated_at: last.updated_at,
      since_id: last.id,
      since_kind: last.kind,
    });
    expect(after.data).toEqual([]);
  });

  it('is refused to anon with 401', async () => {
    const { status, error } = await client().rpc('pull_changes', {});
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: '42501', message: 'permission denied for function pull_changes' });
  });
});

describe('rate limits over HTTP', () => {
  it('answers the sixth question in a minute with 429 and a sentence; a replay is still a 201 no-op', async () => {
    const supabase = await signIn(SOFIA);
    const ask = (id: string) =>
      supabase
        .from('threads')
        .upsert(
          { id, org_id: NORTHWIND, place_key: COURSE, title: `Question ${id.slice(0, 8)}` },
          { onConflict: 'id', ignoreDuplicates: true },
        );
    const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
    for (const id of ids) expect((await ask(id)).status).toBe(201);

    const sixth = await ask(crypto.randomUUID());
    expect(sixth.status).toBe(429);
    expect(sixth.error).toMatchObject({
      code: 'PT429',
      message: expect.stringMatching(/^You have asked 5 questions in the last minute\. Try again in \d+ seconds\.$/),
    });
    const { retry_after_seconds } = JSON.parse(sixth.error!.details) as { retry_after_seconds: number };
    expect(retry_after_seconds).toBeGreaterThan(0);

    const replay = await ask(ids[0]!);
    expect([replay.status, replay.error]).toEqual([201, null]);
    const mine = await supabase.from('threads').select('id').in('id', ids);
    expect(mine.data).toHaveLength(5);
  });
});

describe('moderation over HTTP', () => {
  it('a learner reports, is refused moderation (403); the moderator sees the queue and hides the thread', async () => {
    const amara = await signIn(AMARA);
    const reportId = crypto.randomUUID();
    const report = await amara.rpc('report_content', {
      report_id: reportId,
      target_kind: 'thread',
      target_id: SOFIAS_THREAD,
      reason: 'off_topic',
      note: 'Not about this course',
    });
    expect(report).toMatchObject({ status: 200, data: { id: reportId, status: 'open' } });

    const refused = await amara.rpc('moderate', {
      target_kind: 'thread',
      target_id: SOFIAS_THREAD,
      action: 'hide',
      reason: 'Because',
    });
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({ code: '42501', message: 'Only moderators and admins can moderate.' });
    const queueRefused = await amara.rpc('moderation_queue');
    expect([queueRefused.status, queueRefused.error?.code]).toEqual([403, '42501']);

    const tomas = await signIn(TOMAS_MODERATOR);
    const queue = await tomas.rpc('moderation_queue');
    // The seed's open report on Jonas's answer waits there too.
    expect(queue.data).toEqual([
      expect.objectContaining({ target_kind: 'post', target_id: JONAS_ANSWER, reasons: { misinformation: 1 } }),
      expect.objectContaining({
        target_kind: 'thread',
        target_id: SOFIAS_THREAD,
        report_count: 1,
        reasons: { off_topic: 1 },
        report_ids: [reportId],
      }),
    ]);
    const hidden = await tomas.rpc('moderate', {
      target_kind: 'thread',
      target_id: SOFIAS_THREAD,
      action: 'hide',
      reason: 'Off topic for this course',
    });
    expect(hidden).toMatchObject({ status: 200, data: { action: 'hide', reason: 'Off topic for this course' } });
    expect((await tomas.rpc('moderation_queue')).data).toEqual([expect.objectContaining({ target_id: JONAS_ANSWER })]);
    expect((await amara.from('threads').select('id').eq('id', SOFIAS_THREAD)).data).toEqual([]);
  });

  it('another org cannot delete Northwind content: 400 "does not exist"', async () => {
    const ben = await signIn(BEN_OF_CONTOSO);
    const { status, error } = await ben.rpc('delete_content', { target_kind: 'thread', target_id: SOFIAS_THREAD });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'P0001', message: 'This thread does not exist or you cannot see it.' });
  });
});

describe('search_threads over HTTP', () => {
  it("finds the org's own threads and answers only", async () => {
    const amara = await signIn(AMARA);
    const { data, status } = await amara.rpc('search_threads', { query: 'kelvin' });
    expect(status).toBe(200);
    expect(data).toEqual([
      expect.objectContaining({ title: 'Why is temperature interval and not ratio data?', matched_in: 'answer' }),
    ]);
    const ben = await signIn(BEN_OF_CONTOSO);
    expect((await ben.rpc('search_threads', { query: 'kelvin' })).data).toEqual([]);
    expect((await ben.rpc('search_threads', { query: 'dataset' })).data).toEqual([
      expect.objectContaining({ id: CONTOSO_THREAD }),
    ]);
  });
});
