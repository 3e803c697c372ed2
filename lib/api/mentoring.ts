/**
 * Mentoring against the organisation's project: read the org's active mentors and the viewer's
 * requests (RLS shows a request only to its learner and its mentor), and the rule-bearing
 * transitions as RPCs (request_mentor, respond_mentor_request, withdraw_mentor_request,
 * complete_mentor_request). Each write is online only and answers with the database's own sentence
 * when it is refused; request ids are client-made, so sending one twice is a no-op.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import { MentoringSchema, mentorRequestStates, type MentoringAnswer } from '../domain/mentoring';
import { isOffline, memberNames, rpcOutcome } from './postgrest';

const ProfileRow = z.object({
  user_id: z.string(),
  skills: z.array(z.string()),
  availability: z.string(),
  capacity: z.number(),
});
const RequestRow = z.object({
  id: z.string(),
  learner_id: z.string(),
  mentor_id: z.string(),
  message: z.string(),
  reply: z.nullable(z.string()),
  state: z.enum(mentorRequestStates),
  created_at: z.string(),
});

const NEEDS_CONNECTION = "Mentoring needs a connection. Try again when you're back online.";

/**
 * The org's mentors who take requests now, and the viewer's requests, newest first (at most 50).
 * Reads are not retried by supabase-js: the panel says "needs a connection" at once and offers to try
 * again, rather than waiting through seven seconds of backoff.
 */
export async function readMentoring(client: SupabaseClient, orgId: string, viewerId: string): Promise<MentoringAnswer> {
  const [profiles, requests] = await Promise.all([
    client
      .from('mentor_profiles')
      .select('user_id, skills, availability, capacity')
      .eq('org_id', orgId)
      .eq('active', true)
      .retry(false),
    client
      .from('mentor_requests')
      .select('id, learner_id, mentor_id, message, reply, state, created_at')
      .eq('org_id', orgId)
      .order('created_at', { ascending: false })
      .limit(50)
      .retry(false),
  ]);
  const failed = profiles.error ?? requests.error;
  if (failed) {
    const status = profiles.error ? profiles.status : requests.status;
    return {
      ok: false,
      error: isOffline(status) ? NEEDS_CONNECTION : `Mentoring could not be loaded: ${failed.message}`,
    };
  }
  const mentorRows = z.array(ProfileRow).safeParse(profiles.data);
  const requestRows = z.array(RequestRow).safeParse(requests.data);
  if (!mentorRows.success || !requestRows.success) {
    return {
      ok: false,
      error: 'The server answered with mentoring Peerside does not understand. Update Peerside, then try again.',
    };
  }

  // Names of everyone on screen, from the org's member list (which every member may read).
  const people = new Set([
    ...mentorRows.data.map((row) => row.user_id),
    ...requestRows.data.flatMap((row) => [row.learner_id, row.mentor_id]),
  ]);
  const members = await memberNames(client, orgId, people);
  if (!members.ok) {
    return {
      ok: false,
      error: isOffline(members.status) ? NEEDS_CONNECTION : `Mentoring could not be loaded: ${members.message}`,
    };
  }
  const { names } = members;
  const nameOf = (userId: string) => names.get(userId) ?? 'A former member';

  return {
    ok: true,
    mentoring: MentoringSchema.parse({
      viewerId,
      mentors: mentorRows.data.map((row) => ({
        userId: row.user_id,
        displayName: nameOf(row.user_id),
        skills: row.skills,
        availability: row.availability,
        capacity: row.capacity,
      })),
      requests: requestRows.data.map((row) => ({
        id: row.id,
        learnerId: row.learner_id,
        mentorId: row.mentor_id,
        learnerName: nameOf(row.learner_id),
        mentorName: nameOf(row.mentor_id),
        message: row.message,
        reply: row.reply,
        state: row.state,
        createdAt: Date.parse(row.created_at),
      })),
    }),
  };
}

// The database's own sentences: the mentor is full, you already asked them, it is not yours to answer.
const call = (client: SupabaseClient, rpc: string, args: Record<string, unknown>) =>
  rpcOutcome(client, rpc, args, NEEDS_CONNECTION);

/** Ask a mentor for mentoring. `requestId` is client-made, so a repeat is a no-op. */
export const requestMentor = (client: SupabaseClient, requestId: string, mentorId: string, message: string) =>
  call(client, 'request_mentor', { request_id: requestId, mentor_user_id: mentorId, message });

/** The mentor accepts or declines a request, with an optional reply. */
export const respondToMentorRequest = (client: SupabaseClient, requestId: string, accept: boolean, reply?: string) =>
  call(client, 'respond_mentor_request', { request_id: requestId, accept, reply: reply?.trim() || null });

/** The learner withdraws a request (waiting or accepted). */
export const withdrawMentorRequest = (client: SupabaseClient, requestId: string) =>
  call(client, 'withdraw_mentor_request', { request_id: requestId });

/** Either of the two marks accepted mentoring completed. */
export const completeMentorRequest = (client: SupabaseClient, requestId: string) =>
  call(client, 'complete_mentor_request', { request_id: requestId });
