/**
 * Following a question (its new answers and replies) or a place (new questions there and under it),
 * against the organisation's project. Follows are the follower's own rows under RLS; following twice is
 * a no-op (one follow per member and target), unfollowing deletes by target. Online only.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Outcome } from '../domain/account';
import type { FollowTarget } from '../domain/follows';
import { isOffline, registerPlace } from './postgrest';

export type { FollowTarget };

const NEEDS_CONNECTION = "Following needs a connection. Try again when you're back online.";

function sentence(error: { message: string; code?: string }, status: number): string {
  if (isOffline(status)) return NEEDS_CONNECTION;
  if (error.code === 'PT429') return error.message;
  if (error.code === '42501' || error.code === '23503') {
    return 'This is not yours to follow: it may be gone, or belong to another organisation.';
  }
  return `Peerside could not change what you follow: ${error.message}`;
}

/** Whether the signed-in member follows the target (null when it cannot tell: offline, or an error). */
export async function isFollowing(
  client: SupabaseClient,
  orgId: string,
  target: FollowTarget,
): Promise<boolean | null> {
  let query = client.from('follows').select('id').eq('org_id', orgId).limit(1);
  query = target.kind === 'thread' ? query.eq('thread_id', target.threadId) : query.eq('place_key', target.place.key);
  const { data, error } = await query.retry(false);
  if (error) return null;
  return data.length > 0;
}

export async function follow(
  client: SupabaseClient,
  orgId: string,
  followId: string,
  target: FollowTarget,
): Promise<Outcome> {
  if (target.kind === 'place') {
    // The place may be new to the server (nobody has written here yet): add it first.
    const placed = await registerPlace(client, orgId, target.place);
    if (!placed.ok) return { ok: false, error: sentence({ message: placed.message }, placed.status) };
  }
  const row: Record<string, string> =
    target.kind === 'thread'
      ? { id: followId, org_id: orgId, thread_id: target.threadId }
      : { id: followId, org_id: orgId, place_key: target.place.key };
  const { error, status } = await client.from('follows').upsert(row, {
    onConflict: target.kind === 'thread' ? 'thread_id,user_id' : 'org_id,place_key,user_id',
    ignoreDuplicates: true,
  });
  return error ? { ok: false, error: sentence(error, status) } : { ok: true };
}

export async function unfollow(client: SupabaseClient, orgId: string, target: FollowTarget): Promise<Outcome> {
  let query = client.from('follows').delete().eq('org_id', orgId);
  query = target.kind === 'thread' ? query.eq('thread_id', target.threadId) : query.eq('place_key', target.place.key);
  const { error, status } = await query;
  return error ? { ok: false, error: sentence(error, status) } : { ok: true };
}
