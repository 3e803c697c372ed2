/**
 * Accepting an answer: a rule-bearing write (only the question's author, or a moderator), so it is an
 * RPC the database checks and audits, not an outbox row. Online only; the answer's sentence says so.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Outcome } from '../domain/account';

export async function acceptAnswer(client: SupabaseClient, threadId: string, postId: string): Promise<Outcome> {
  const { error, status } = await client.rpc('accept_answer', { thread_id: threadId, post_id: postId });
  if (!error) return { ok: true };
  if (status === 0 || /fetch|network/i.test(error.message)) {
    return { ok: false, error: "Accepting an answer needs a connection. Try again when you're back online." };
  }
  if (error.code === '42501') return { ok: false, error: 'Only the person who asked can accept an answer.' };
  return { ok: false, error: `The answer could not be accepted: ${error.message}` };
}
