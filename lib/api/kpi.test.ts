/** The dashboard's KPI call against the real local stack and its seed (recent, relative dates). */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { weeklyKpis, weeksBack } from './kpi';

const local = useLocalBackend();

const signedIn = (email: string) => signedInClient(local, email);

describe('weeklyKpis', () => {
  it('gives a moderator one row per week of the range, with the seeded activity counted', async () => {
    const answer = await weeklyKpis(await signedIn('tomas.alvarez@northwind.example'), weeksBack(new Date(), 16));
    expect(answer.ok).toBe(true);
    expect(answer.weeks.length).toBeGreaterThanOrEqual(16);
    const total = answer.weeks.reduce((sum, week) => sum + week.questions, 0);
    expect(total).toBeGreaterThan(0);
    // Every week carries the peer review measures, as counts (never null from a current database).
    for (const week of answer.weeks) {
      expect(Number.isInteger(week.peerReviewsGiven) && Number.isInteger(week.peerReviewsRequested)).toBe(true);
    }
  });

  it('still shows the other figures from a database that predates the peer review measures', async () => {
    const row = {
      week_start: '2026-11-16',
      active_contributors: 2,
      questions: 1,
      answers: 1,
      posts_per_contributor: 1,
      response_rate: 1,
      median_hours_to_first_answer: 2.5,
      endorsements_given: 0,
      mentor_requests_made: 0,
      mentor_requests_fulfilled: 0,
    };
    const older = { rpc: async () => ({ data: [row], error: null }) } as unknown as SupabaseClient;
    expect(await weeklyKpis(older, { fromDate: '2026-11-16', toDate: '2026-11-22' })).toEqual({
      ok: true,
      weeks: [
        {
          weekStart: '2026-11-16',
          activeContributors: 2,
          questions: 1,
          answers: 1,
          postsPerContributor: 1,
          responseRate: 1,
          medianHoursToFirstAnswer: 2.5,
          endorsementsGiven: 0,
          mentorRequestsMade: 0,
          mentorRequestsFulfilled: 0,
          peerReviewsRequested: null,
          peerReviewsGiven: null,
        },
      ],
    });
  });

  it('tells a learner, in a sentence, that the KPIs are for moderators and admins', async () => {
    const answer = await weeklyKpis(await signedIn('amara.okafor@northwind.example'), weeksBack(new Date(), 4));
    expect(answer).toEqual({
      ok: false,
      weeks: [],
      error: "Only moderators and admins can see your organisation's KPIs.",
    });
  });

  it('computes inclusive week ranges', () => {
    expect(weeksBack(new Date('2026-11-25T12:00:00Z'), 1)).toEqual({ fromDate: '2026-11-19', toDate: '2026-11-25' });
  });
});
