/**
 * The admin dashboard's KPIs, as a moderator sees them: real Chromium, the real local backend with its
 * seed (recent, relative dates), signed in through the options page.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { AMARA, signIn, startTestBackend } from './peer-helpers';
import { expect, test } from './fixtures';

test('a moderator sees the pilot KPIs as charts with a table; a learner is told who may see them', async () => {
  const { backend, codes } = await startTestBackend();
  const moderator = await launchWithExtension();
  const learner = await launchWithExtension();
  try {
    await signIn(moderator.context, moderator.extensionId, backend, codes, 'tomas.alvarez@northwind.example');
    const dashboard = await moderator.context.newPage();
    await dashboard.goto(`chrome-extension://${moderator.extensionId}/dashboard.html`);
    await expect(dashboard.getByRole('heading', { name: 'Pilot KPIs, last 12 weeks' })).toBeVisible();
    await expect(dashboard.getByRole('img', { name: /^Active contributors per week: from / })).toBeVisible();
    await expect(dashboard.getByRole('img', { name: /^Questions and answers per week: / })).toBeVisible();
    const table = dashboard.getByRole('table', { name: 'Weekly figures' });
    await expect(table.getByRole('row'))
      .toHaveCount(1 + 12, { timeout: 10_000 })
      .catch(async () => {
        // A range can straddle 13 ISO weeks; what matters is one row per week, at least 12.
        expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
      });
    const questions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(questions.map(Number).reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0);
    // The organisation's settings are for admins only.
    await expect(dashboard.getByRole('heading', { name: 'Organisation settings' })).toHaveCount(0);
    const axe = await new AxeBuilder({ page: dashboard }).analyze();
    expect(axe.violations).toEqual([]);

    await signIn(learner.context, learner.extensionId, backend, codes, AMARA);
    const theirs = await learner.context.newPage();
    await theirs.goto(`chrome-extension://${learner.extensionId}/dashboard.html`);
    await expect(theirs.getByText('Sign in as a moderator or admin of your organisation')).toBeVisible();
    await expect(theirs.getByRole('img')).toHaveCount(0);
  } finally {
    for (const launched of [moderator, learner]) {
      await launched.context.close();
      await rm(launched.userDataDir, { recursive: true, force: true });
    }
    await backend.stop();
  }
});
