/** The dashboard's KPI call against the real local stack and its seed (recent, relative dates). */
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
