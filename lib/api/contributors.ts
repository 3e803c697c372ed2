/**
 * Contributors against the organisation's project: who helped most in a course lately (the
 * top_contributors RPC, which ranks the caller's org), the standing endorsements of their skills (the
 * endorsements table, which every member may read), and endorsing or withdrawing a skill endorsement
 * through the endorse and withdraw_endorsement RPCs. Each write is online only and answers with the
 * database's own sentence when it is refused; endorsement ids are client-made, so sending one twice is
 * a no-op.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import {
  CONTRIBUTOR_DAYS,
  CONTRIBUTORS_SHOWN,
  ContributorsSchema,
  skillsWithEndorsements,
  type ContributorsAnswer,
} from '../domain/contributors';
import { isOffline, rpcOutcome } from './postgrest';

const ContributorRow = z.object({
  user_id: z.string(),
  display_name: z.string(),
  skills: z.array(z.string()),
  answers: z.number(),
  accepted_answers: z.number(),
  endorsements_received: z.number(),
  helpful_votes: z.number(),
  score: z.number(),
});
const EndorsementRow = z.object({
  id: z.string(),
  endorser_id: z.string(),
  member_user_id: z.string(),
  skill: z.string(),
});

const NEEDS_CONNECTION = "Seeing who helps most needs a connection. Try again when you're back online.";
const NOT_UNDERSTOOD =
  'The server answered with contributors Peerside does not understand. Update Peerside, then try again.';
const failure = (error: { message: string }, status: number): { ok: false; error: string } => ({
  ok: false,
  error: isOffline(status) ? NEEDS_CONNECTION : `Who helps most could not be loaded: ${error.message}`,
});

/**
 * The people who helped most in the last 30 days in the course (`courseKey`, or the whole org when
 * null), most helpful first, each with their skills, the standing endorsements of each and the
 * viewer's own. Reads are not retried by supabase-js: the panel says "needs a connection" at once and
 * offers to try again.
 */
export async function readContributors(
  client: SupabaseClient,
  orgId: string,
  viewerId: string,
  courseKey: string | null,
): Promise<ContributorsAnswer> {
  const top = await client
    .rpc('top_contributors', { course_key: courseKey, days: CONTRIBUTOR_DAYS, max_rows: CONTRIBUTORS_SHOWN })
    .retry(false);
  if (top.error) return failure(top.error, top.status);
  const people = z.array(ContributorRow).safeParse(top.data);
  if (!people.success) return { ok: false, error: NOT_UNDERSTOOD };

  // One read for every listed person's skill endorsements (RLS: standing ones of the viewer's orgs,
  // and the viewer's own withdrawn ones, which the filter leaves out).
  let endorsements: z.infer<typeof EndorsementRow>[] = [];
  if (people.data.length > 0) {
    const read = await client
      .from('endorsements')
      .select('id, endorser_id, member_user_id, skill')
      .eq('org_id', orgId)
      .eq('target_kind', 'skill')
      .is('withdrawn_at', null)
      .in(
        'member_user_id',
        people.data.map((row) => row.user_id),
      )
      .limit(2000)
      .retry(false);
    if (read.error) return failure(read.error, read.status);
    const rows = z.array(EndorsementRow).safeParse(read.data);
    if (!rows.success) return { ok: false, error: NOT_UNDERSTOOD };
    endorsements = rows.data;
  }
  const skillEndorsements = endorsements.map((row) => ({
    id: row.id,
    endorserId: row.endorser_id,
    memberId: row.member_user_id,
    skill: row.skill,
  }));

  return {
    ok: true,
    contributors: ContributorsSchema.parse({
      viewerId,
      courseKey,
      contributors: people.data.map((row) => ({
        userId: row.user_id,
        displayName: row.display_name,
        skills: skillsWithEndorsements(row.user_id, row.skills, skillEndorsements, viewerId),
        answers: row.answers,
        acceptedAnswers: row.accepted_answers,
        endorsementsReceived: row.endorsements_received,
        helpfulVotes: row.helpful_votes,
        score: row.score,
      })),
    }),
  };
}

const ENDORSING_NEEDS_CONNECTION = "Endorsing needs a connection. Try again when you're back online.";

/** Endorse a peer for one of their profile skills. `endorsementId` is client-made, so a repeat is a no-op. */
export const endorseSkill = (client: SupabaseClient, endorsementId: string, memberId: string, skill: string) =>
  rpcOutcome(
    client,
    'endorse',
    { endorsement_id: endorsementId, target_kind: 'skill', member_user_id: memberId, skill },
    // Refusals are the database's sentences: your own skill, a skill not listed, endorsements turned off.
    ENDORSING_NEEDS_CONNECTION,
  );

/** Withdraw an endorsement the viewer gave (withdrawing it again is a no-op). */
export const withdrawEndorsement = (client: SupabaseClient, endorsementId: string) =>
  rpcOutcome(client, 'withdraw_endorsement', { endorsement_id: endorsementId }, ENDORSING_NEEDS_CONNECTION);
