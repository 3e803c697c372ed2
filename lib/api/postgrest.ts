/**
 * What every call to the organisation's project shares: telling "the server could not be reached"
 * from a refusal, calling a rule-bearing RPC for an Outcome, the display names of the people on screen,
 * and adding a place the server may not know yet.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Outcome } from '../domain/account';
import type { CoursePlace } from '../lms/types';

/**
 * supabase-js answers status 0 when the request never got an HTTP response (offline, DNS, refused).
 * Only that is "needs a connection": a refusal's message may mention networks (a circle named
 * "Networking basics" that already exists) and is still a refusal.
 */
export const isOffline = (status: number) => status === 0;

/**
 * Calls a rule-bearing RPC: ok, or the database's own sentence (the rule it refused on), or
 * `needsConnection` when the server could not be reached.
 */
export async function rpcOutcome(
  client: SupabaseClient,
  rpc: string,
  args: Record<string, unknown>,
  needsConnection: string,
): Promise<Outcome> {
  const { error, status } = await client.rpc(rpc, args);
  if (!error) return { ok: true };
  return { ok: false, error: isOffline(status) ? needsConnection : error.message };
}

const MemberRow = z.object({ user_id: z.string(), display_name: z.string() });

/**
 * Display names of these members of the org (every member may read the org's member list). People
 * who left are simply absent from the map. Not retried: the panel says "needs a connection" at once.
 */
export async function memberNames(
  client: SupabaseClient,
  orgId: string,
  userIds: Iterable<string>,
): Promise<{ ok: true; names: Map<string, string> } | { ok: false; status: number; message: string }> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return { ok: true, names: new Map() };
  const { data, error, status } = await client
    .from('members')
    .select('user_id, display_name')
    .eq('org_id', orgId)
    .in('user_id', ids)
    .retry(false);
  if (error) return { ok: false, status, message: error.message };
  const rows = z.array(MemberRow).safeParse(data);
  if (!rows.success) return { ok: false, status, message: 'the member list was not understood' };
  return { ok: true, names: new Map(rows.data.map((row) => [row.user_id, row.display_name])) };
}

/**
 * Adds the page's place (or its course, with `scope: 'course'`) to the org, as the sync engine does
 * when someone first asks a question there: a place that exists is left as it is. Rows that hang off
 * a place (playlists, circles, reviews, follows) need it. Resolves with the place key, or the failure.
 */
export async function registerPlace(
  client: SupabaseClient,
  orgId: string,
  place: CoursePlace,
  { scope = 'lesson', key = place.key }: { scope?: 'lesson' | 'course'; key?: string } = {},
): Promise<{ ok: true; key: string } | { ok: false; status: number; message: string }> {
  const { error, status } = await client.from('places').upsert(
    {
      org_id: orgId,
      key,
      platform: place.platform,
      course_id: place.courseId ?? null,
      lesson_id: scope === 'lesson' ? (place.lessonId ?? null) : null,
      course_title: place.courseTitle ?? null,
      lesson_title: scope === 'lesson' ? (place.lessonTitle ?? null) : null,
    },
    { onConflict: 'org_id,key', ignoreDuplicates: true },
  );
  return error ? { ok: false, status, message: error.message } : { ok: true, key };
}
