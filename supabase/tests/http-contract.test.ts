/**
 * The HTTP contract the extension relies on, end to end through the real local stack (startBackend:
 * PGlite + PostgREST + gateway + auth stand-in, seeded) with supabase-js as the client: statuses,
 * error codes and messages exactly as a caller sees them.
 */
import { describe, expect, it } from 'vitest';
import { useSeededStack } from './support/stack';

// Seeded in supabase/seed.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const LESSON = 'moodle|moodle.localhost:8080|4021|cm:1325312';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const AMARA = 'amara.okafor@northwind.example';
const JONAS = 'jonas.becker@northwind.example';
const BEN_OF_CONTOSO = 'ben.carter@contoso.example';
const JONAS_THREAD = 'd4000000-0000-4000-8000-000000000002';
const ANSWER_TO_JONAS = 'e5000000-0000-4000-8000-000000000004';

const stack = useSeededStack();
const { client, signIn, codes } = stack;

const claimsOf = (accessToken: string) =>
  JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('the gateway', () => {
  it('requires an API key, as Supabase does', async () => {
    const missing = await fetch(`${stack.backend.url}/rest/v1/threads`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: 'No API key found in request' });
    const wrong = await fetch(`${stack.backend.url}/rest/v1/threads`, { headers: { apikey: 'not-a-key' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: 'Invalid API key' });
  });
});

describe('anon (the anon key, no session)', () => {
  it('is refused with 401 on tables and RPCs', async () => {
    const supabase = client();
    const threads = await supabase.from('threads').select('id');
    expect(threads.status).toBe(401);
    expect(threads.error).toMatchObject({ code: '42501', message: 'permission denied for table threads' });
    const list = await supabase.rpc('thread_list', { place_key: LESSON });
    expect(list.status).toBe(401);
    expect(list.error).toMatchObject({ code: '42501', message: 'permission denied for function thread_list' });
  });
});

describe('signing in with an email code', () => {
  it('issues a session whose token carries the org and role from the access token hook', async () => {
    const supabase = await signIn(AMARA);
    const { data } = await supabase.auth.getSession();
    expect(claimsOf(data.session!.access_token)).toMatchObject({
      sub: 'a1000000-0000-4000-8000-000000000004',
      role: 'authenticated',
      email: AMARA,
      app_metadata: { org_id: NORTHWIND, org_role: 'learner', provider: 'email' },
    });
    const user = await supabase.auth.getUser();
    expect(user.data.user?.email).toBe(AMARA);
  });

  it('refuses a wrong code', async () => {
    const supabase = client();
    await supabase.auth.signInWithOtp({ email: JONAS });
    const wrong = codes.get(JONAS) === '000000' ? '111111' : '000000';
    const { error } = await supabase.auth.verifyOtp({ email: JONAS, token: wrong, type: 'email' });
    expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('signs up a new address, which belongs to no org yet and so sees nothing', async () => {
    const supabase = await signIn('new.starter@northwind.example');
    const { data } = await supabase.auth.getSession();
    expect(claimsOf(data.session!.access_token).app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    const list = await supabase.rpc('thread_list', { place_key: LESSON });
    expect(list).toMatchObject({ status: 200, data: [] });
  });

  it('refreshes, and after sign-out neither the refresh token nor the session works', async () => {
    const supabase = await signIn(AMARA);
    const before = (await supabase.auth.getSession()).data.session!;
    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(before.refresh_token);
    const after = refreshed.data.session!;
    // Two tabs refreshing at once: the just-rotated token still works within the reuse interval.
    const racingTab = await client().auth.refreshSession({ refresh_token: before.refresh_token });
    expect(racingTab.error).toBeNull();

    expect((await supabase.auth.signOut()).error).toBeNull();
    const reuse = await client().auth.refreshSession({ refresh_token: after.refresh_token });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    // The server answers 403 session_not_found; supabase-js reports that as a missing session.
    const stale = await client().auth.getUser(after.access_token);
    expect(stale.error?.name).toBe('AuthSessionMissingError');
    const raw = await fetch(`${stack.backend.url}/auth/v1/user`, {
      headers: { apikey: stack.backend.anonKey, authorization: `Bearer ${after.access_token}` },
    });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toMatchObject({ code: 'session_not_found' });
  });
});

describe('a signed-in learner', () => {
  it('reads the threads at a lesson with answer counts and vote scores', async () => {
    const supabase = await signIn(AMARA);
    const { data, error, status } = await supabase.rpc('thread_list', { place_key: LESSON });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(
      data.map((t: { title: string; answer_count: number; vote_score: number }) => [
        t.title,
        t.answer_count,
        t.vote_score,
      ]),
    ).toEqual([
      ['Why is temperature interval and not ratio data?', 1, 1],
      ['Is "number of siblings" discrete or continuous?', 2, 3],
    ]);
  });

  it('asks a question; replaying the same insert creates no duplicate', async () => {
    const supabase = await signIn(AMARA);
    const question = {
      id: crypto.randomUUID(),
      org_id: NORTHWIND,
      place_key: COURSE,
      title: 'Is there a study group for week 2?',
      body: 'Happy to meet online on Thursdays.',
      tags: ['study-group'],
    };
    const first = await supabase.from('threads').upsert(question, { onConflict: 'id', ignoreDuplicates: true });
    const replay = await supabase.from('threads').upsert(question, { onConflict: 'id', ignoreDuplicates: true });
    expect([first.status, first.error, replay.status, replay.error]).toEqual([201, null, 201, null]);
    const stored = await supabase.from('threads').select('id, author_id, status').eq('id', question.id);
    expect(stored.data).toEqual([
      { id: question.id, author_id: 'a1000000-0000-4000-8000-000000000004', status: 'open' },
    ]);
  });

  it('cannot accept an answer on a question someone else asked', async () => {
    const supabase = await signIn(AMARA);
    const { status, error } = await supabase.rpc('accept_answer', {
      thread_id: JONAS_THREAD,
      post_id: ANSWER_TO_JONAS,
    });
    expect(status).toBe(403);
    expect(error).toMatchObject({
      code: '42501',
      message: 'Only the person who asked, or a moderator, can accept an answer.',
    });
  });

  it('accepts an answer to their own question', async () => {
    const supabase = await signIn(JONAS);
    const { status, data } = await supabase.rpc('accept_answer', { thread_id: JONAS_THREAD, post_id: ANSWER_TO_JONAS });
    expect(status).toBe(200);
    expect(data).toMatchObject({ id: JONAS_THREAD, status: 'resolved', accepted_post_id: ANSWER_TO_JONAS });
  });
});

describe('another org', () => {
  it("cannot write into Northwind's threads (403, 42501) and reads only its own at a shared key", async () => {
    const supabase = await signIn(BEN_OF_CONTOSO);
    const { status, error } = await supabase.from('threads').insert({
      id: crypto.randomUUID(),
      org_id: NORTHWIND,
      place_key: COURSE,
      title: 'Posting into another org',
    });
    expect(status).toBe(403);
    expect(error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "threads"',
    });
    const list = await supabase.rpc('thread_list', { place_key: COURSE });
    expect(list.data.map((t: { title: string }) => t.title)).toEqual(['Where do I find the dataset for week 1?']);
  });
});

describe('endorsements and mentoring', () => {
  const GRACE = 'a1000000-0000-4000-8000-000000000003';
  const GRACE_ANSWER = 'e5000000-0000-4000-8000-000000000001';

  it('endorses a peer’s skill (a replay is a no-op); refuses their own skill (403) and another org (400)', async () => {
    const amara = await signIn(AMARA);
    const endorsement = { endorsement_id: crypto.randomUUID(), target_kind: 'skill', member_user_id: GRACE };
    const first = await amara.rpc('endorse', { ...endorsement, skill: 'Data visualisation' });
    const replay = await amara.rpc('endorse', { ...endorsement, skill: 'Data visualisation' });
    expect([first.status, first.error, replay.status]).toEqual([200, null, 200]);
    expect(replay.data).toEqual(first.data);
    const own = await amara.rpc('endorse', {
      endorsement_id: crypto.randomUUID(),
      target_kind: 'skill',
      member_user_id: 'a1000000-0000-4000-8000-000000000004',
      skill: 'Excel',
    });
    expect(own.status).toBe(403);
    expect(own.error).toMatchObject({ code: '42501', message: 'You cannot endorse your own skill.' });
    const ben = await signIn(BEN_OF_CONTOSO);
    const across = await ben.rpc('endorse', {
      endorsement_id: crypto.randomUUID(),
      target_kind: 'post',
      post_id: GRACE_ANSWER,
    });
    expect(across.status).toBe(400);
    expect(across.error).toMatchObject({ code: 'P0001', message: 'This post does not exist or you cannot see it.' });
  });

  it('asks a mentor; a second open request to the same mentor is refused (400); members cannot expire requests', async () => {
    const jonas = await signIn(JONAS);
    const asked = await jonas.rpc('request_mentor', {
      request_id: crypto.randomUUID(),
      mentor_user_id: GRACE,
      message: 'Could we go through measurement scales together?',
    });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ mentor_id: GRACE, state: 'requested' });
    const again = await jonas.rpc('request_mentor', {
      request_id: crypto.randomUUID(),
      mentor_user_id: GRACE,
      message: 'Me again',
    });
    expect(again.status).toBe(400);
    expect(again.error).toMatchObject({
      code: 'P0001',
      message: 'You already have an open request with this mentor. Withdraw it before asking again.',
    });
    const expire = await jonas.rpc('expire_mentor_requests');
    expect(expire.status).toBe(403);
    expect(expire.error).toMatchObject({
      code: '42501',
      message: 'permission denied for function expire_mentor_requests',
    });
  });
});
