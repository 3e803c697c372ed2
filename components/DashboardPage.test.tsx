// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ORG_SETTINGS } from '@/lib/domain/org-settings';
import { until } from '@/tests/fixtures/peer';
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

  it("shows the organisation's settings only when given them (admins)", async () => {
    const orgSettings = {
      load: vi.fn(async () => ({ ok: true as const, settings: { ...DEFAULT_ORG_SETTINGS } })),
      save: vi.fn(async () => undefined),
    };
    const policy = { ruleHosts: [], waiting: [], problems: [] };
    const admin = renderWithStrings(<DashboardPage orgSettings={orgSettings} policy={policy} platforms={['canvas']} />);
    await until(() => admin.querySelector('fieldset') !== null, 'the settings');
    expect([...admin.querySelectorAll('h2')].map((h) => h.textContent)).toContain('Organisation settings');
    expect(await axeViolations()).toEqual([]);

    const moderator = renderWithStrings(<DashboardPage policy={policy} platforms={['canvas']} />);
    expect([...moderator.querySelectorAll('h2')].map((h) => h.textContent)).not.toContain('Organisation settings');
  });

  it('says plainly when no policy arrived', () => {
    const view = renderWithStrings(
      <DashboardPage policy={{ ruleHosts: [], waiting: [], problems: [] }} platforms={['canvas']} />,
    );
    expect(view.textContent).toContain('No LMS rules arrived from managed policy.');
  });
});
