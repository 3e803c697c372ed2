// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { DashboardPage } from './DashboardPage';

describe('DashboardPage', () => {
  it('shows how the policy applies: rules in force, waiting, and skipped with reasons', async () => {
    const view = renderWithStrings(
      <DashboardPage
        policy={{
          ruleHosts: ['*://learn.example.edu/*'],
          waiting: ['*://learn.example.edu/*'],
          problems: ['LMS rule 2 (bad host) was skipped: Use a host name such as learn.example.com.'],
        }}
        platforms={['canvas', 'moodle', 'openedx']}
      />,
    );
    expect(view.textContent).toContain('LMS rules in force: 1');
    expect(view.textContent).toContain('Waiting for the learner to allow: 1');
    expect(view.textContent).toContain('Rules skipped: 1. Fix them in your policy:');
    expect(view.textContent).toContain('LMS rule 2 (bad host) was skipped');
    expect([...view.querySelectorAll('.platform-list li')].map((item) => item.textContent)).toEqual([
      'Canvas',
      'Moodle',
      'Open edX',
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it('says plainly when no policy arrived', () => {
    const view = renderWithStrings(
      <DashboardPage policy={{ ruleHosts: [], waiting: [], problems: [] }} platforms={['canvas']} />,
    );
    expect(view.textContent).toContain('No LMS rules arrived from managed policy.');
  });
});
