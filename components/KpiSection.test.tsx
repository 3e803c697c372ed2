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
  peerReviewsRequested: 0,
  peerReviewsGiven: 0,
  ...fields,
});

const weeks = [
  week('2026-11-09', {
    activeContributors: 3,
    questions: 3,
    answers: 2,
    responseRate: 2 / 3,
    medianHoursToFirstAnswer: 16,
    peerReviewsRequested: 2,
    peerReviewsGiven: 1,
  }),
  week('2026-11-16', {
    activeContributors: 7,
    questions: 5,
    answers: 9,
    responseRate: 1,
    medianHoursToFirstAnswer: 4.5,
    peerReviewsRequested: 1,
    peerReviewsGiven: 4,
  }),
];

describe('KpiSection', () => {
  it('draws each measure as a chart a screen reader can summarise, and lists the figures in a table', async () => {
    const view = renderWithStrings(<KpiSection state={{ status: 'ready', answer: { ok: true, weeks } }} />);
    const charts = [...view.querySelectorAll('svg[role="img"]')];
    expect(charts).toHaveLength(4);
    expect(charts[0]!.getAttribute('aria-label')).toBe(
      'Active contributors per week: from 3 in the week of 2026-11-09 to 7 in the week of 2026-11-16; highest 7.',
    );
    expect(charts[2]!.getAttribute('aria-label')).toContain('from 67% in the week of 2026-11-09 to 100%');
    // Peer reviews: given (the first series) and asked for, scaled to the larger of the two.
    expect(charts[3]!.getAttribute('aria-label')).toBe(
      'Peer reviews per week: from 1 in the week of 2026-11-09 to 4 in the week of 2026-11-16; highest 4.',
    );
    expect([...charts[3]!.querySelectorAll('rect title')].map((title) => title.textContent)).toEqual([
      'Reviews given, 2026-11-09: 1',
      'Reviews asked for, 2026-11-09: 2',
      'Reviews given, 2026-11-16: 4',
      'Reviews asked for, 2026-11-16: 1',
    ]);
    expect(view.querySelectorAll('svg rect')).toHaveLength(2 + 4 + 2 + 4);
    const headers = [...view.querySelectorAll('thead th')].map((cell) => cell.textContent);
    expect(headers.slice(-2)).toEqual(['Reviews given', 'Reviews asked for']);
    const rows = [...view.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-11-09', '3', '3', '2', '67%', '16.0', '0', '0 (0)', '1', '2'],
      ['2026-11-16', '7', '5', '9', '100%', '4.5', '0', '0 (0)', '4', '1'],
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a dash for the peer review measures when the database predates them', () => {
    const older = [week('2026-11-16', { activeContributors: 2, peerReviewsRequested: null, peerReviewsGiven: null })];
    const view = renderWithStrings(<KpiSection state={{ status: 'ready', answer: { ok: true, weeks: older } }} />);
    const cells = [...view.querySelectorAll('tbody tr td')].map((cell) => cell.textContent);
    expect(cells.slice(-2)).toEqual(['–', '–']);
    expect(view.querySelectorAll('svg[role="img"]')[3]!.getAttribute('aria-label')).toBe(
      'Peer reviews per week: from – in the week of 2026-11-16 to – in the week of 2026-11-16; highest 1.',
    );
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
