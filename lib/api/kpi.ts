/** The dashboard's KPIs: kpi_weekly for the signed-in moderator's or admin's organisation, parsed. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import { KpiWeekSchema, type KpiAnswer } from '../domain/kpi';

const RowSchema = z.object({
  week_start: z.string(),
  active_contributors: z.number(),
  questions: z.number(),
  answers: z.number(),
  posts_per_contributor: z.nullable(z.number()),
  response_rate: z.nullable(z.number()),
  median_hours_to_first_answer: z.nullable(z.number()),
  endorsements_given: z.number(),
  mentor_requests_made: z.nullable(z.number()),
  mentor_requests_fulfilled: z.nullable(z.number()),
  // Absent from a project whose migrations predate them: the other figures still show.
  peer_reviews_requested: z.optional(z.number()),
  peer_reviews_given: z.optional(z.number()),
});

/** The ISO date `weeks` weeks before `today` (inclusive range ending today). */
export function weeksBack(today: Date, weeks: number): { fromDate: string; toDate: string } {
  const from = new Date(today.getTime() - (weeks * 7 - 1) * 86_400_000);
  return { fromDate: from.toISOString().slice(0, 10), toDate: today.toISOString().slice(0, 10) };
}

export async function weeklyKpis(
  client: SupabaseClient,
  range: { fromDate: string; toDate: string; courseKey?: string },
): Promise<KpiAnswer> {
  const { data, error } = await client.rpc('kpi_weekly', {
    from_date: range.fromDate,
    to_date: range.toDate,
    course_key: range.courseKey ?? null,
  });
  if (error) {
    const sentence =
      error.code === '42501' || error.code === '22023'
        ? error.message
        : `The KPIs could not be loaded: ${error.message}. Try again in a minute.`;
    return { ok: false, weeks: [], error: sentence };
  }
  const rows = z.array(RowSchema).safeParse(data);
  if (!rows.success)
    return {
      ok: false,
      weeks: [],
      error: 'The server answered with figures Peerside does not understand. Update Peerside, then try again.',
    };
  const weeks = rows.data.map((row) =>
    KpiWeekSchema.parse({
      weekStart: row.week_start,
      activeContributors: row.active_contributors,
      questions: row.questions,
      answers: row.answers,
      postsPerContributor: row.posts_per_contributor,
      responseRate: row.response_rate,
      medianHoursToFirstAnswer: row.median_hours_to_first_answer,
      endorsementsGiven: row.endorsements_given,
      mentorRequestsMade: row.mentor_requests_made,
      mentorRequestsFulfilled: row.mentor_requests_fulfilled,
      peerReviewsRequested: row.peer_reviews_requested ?? null,
      peerReviewsGiven: row.peer_reviews_given ?? null,
    }),
  );
  return { ok: true, weeks };
}
