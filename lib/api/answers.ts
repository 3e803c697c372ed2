/**
 * Rule-bearing writes on answers, as RPCs the database checks and audits rather than outbox rows:
 * accepting (only the question's author, or a moderator) and endorsing (never one's own). Online only;
 * the sentences say so.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Outcome } from '../domain/account';
import { isOffline } from './postgrest';

export async function acceptAnswer(client: SupabaseClient, threadId: string, postId: string): Promise<Outcome> {
  const { error, status } = await client.rpc('accept_answer', { thread_id: threadId, post_id: postId });
  if (!error) return { ok: true };
  if (isOffline(status)) {
    return { ok: false, error: "Accepting an answer needs a connection. Try again when you're back online." };
  }
  if (error.code === '42501') return { ok: false, error: 'Only the person who asked can accept an answer.' };
  return { ok: false, error: `The answer could not be accepted: ${error.message}` };
}

/** Endorse a peer's answer as helpful. `endorsementId` is client-made, so a repeat is a no-op. */
export async function endorseAnswer(client: SupabaseClient, endorsementId: string, postId: string): Promise<Outcome> {
  const { error, status } = await client.rpc('endorse', {
    endorsement_id: endorsementId,
    target_kind: 'post',
    post_id: postId,
  });
  if (!error) return { ok: true };
  if (isOffline(status)) {
    return { ok: false, error: "Endorsing needs a connection. Try again when you're back online." };
  }
  // The database's own sentences (own answer, feature turned off, not in your organisation).
  return { ok: false, error: error.message };
}
