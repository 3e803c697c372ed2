// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { KpiWeek } from '@/lib/domain/kpi';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { KpiSection } from './KpiSection';

const week = (weekStart: string, fields: Partial<KpiWeek>): KpiWeek => ({
  weekStart,
  activeContributors: 0,
  questions: 0,
  answers: 0,
  postsPerContributor: null,
  responseRate: null,
  medianHoursToFirstAnswer: null,
  endorsementsGiven: 0,
  mentorRequestsMade: 0,
  mentorRequestsFulfilled: 0,
  ...fields,
});

const weeks = [
  week('2026-11-09', {
    activeContributors: 3,
    questions: 3,
    answers: 2,
    responseRate: 2 / 3,
    medianHoursToFirstAnswer: 16,
  }),
  week('2026-11-16', {
    activeContributors: 7,
    questions: 5,
    answers: 9,
    responseRate: 1,
    medianHoursToFirstAnswer: 4.5,
  }),
];

describe('KpiSection', () => {
  it('draws each measure as a chart a screen reader can summarise, and lists the figures in a table', async () => {
    const view = renderWithStrings(<KpiSection state={{ status: 'ready', answer: { ok: true, weeks } }} />);
    const charts = [...view.querySelectorAll('svg[role="img"]')];
    expect(charts).toHaveLength(3);
    expect(charts[0]!.getAttribute('aria-label')).toBe(
      'Active contributors per week: from 3 in the week of 2026-11-09 to 7 in the week of 2026-11-16; highest 7.',
    );
    expect(charts[2]!.getAttribute('aria-label')).toContain('from 67% in the week of 2026-11-09 to 100%');
    expect(view.querySelectorAll('svg rect')).toHaveLength(2 + 4 + 2);
    const rows = [...view.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-11-09', '3', '3', '2', '67%', '16.0', '0', '0 (0)'],
      ['2026-11-16', '7', '5', '9', '100%', '4.5', '0', '0 (0)'],
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it("says why there are no figures: not a moderator, or the server's sentence", () => {
    expect(renderWithStrings(<KpiSection state={{ status: 'unavailable' }} />).textContent).toContain(
      'Sign in as a moderator or admin',
    );
    const refused = renderWithStrings(
      <KpiSection
        state={{ status: 'ready', answer: { ok: false, weeks: [], error: 'Only moderators and admins can see it.' } }}
      />,
    );
    expect(refused.querySelector('[role="alert"]')?.textContent).toBe('Only moderators and admins can see it.');
  });
});
