/**
 * One week of the pilot's KPIs (supabase/migrations/*_kpi_weekly.sql defines each measure), as the
 * dashboard receives it. PURE: zod only.
 */
import { z } from 'zod/mini';

const count = z.number().check(z.int(), z.nonnegative());
const ratio = z.nullable(z.number());

export const KpiWeekSchema = z.object({
  weekStart: z.string(),
  activeContributors: count,
  questions: count,
  answers: count,
  postsPerContributor: ratio,
  responseRate: ratio,
  medianHoursToFirstAnswer: ratio,
  endorsementsGiven: count,
  mentorRequestsMade: z.nullable(count),
  mentorRequestsFulfilled: z.nullable(count),
  /** Null from a database that predates the peer review measures (its migrations are behind). */
  peerReviewsRequested: z.nullable(count),
  peerReviewsGiven: z.nullable(count),
});
export type KpiWeek = z.infer<typeof KpiWeekSchema>;

export const KpiAnswerSchema = z.object({
  ok: z.boolean(),
  weeks: z.array(KpiWeekSchema),
  error: z.optional(z.string()),
});
export type KpiAnswer = z.infer<typeof KpiAnswerSchema>;
