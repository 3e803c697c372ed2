/**
 * The organisation's feature switches end to end: the seeded admin turns Circles off on the dashboard,
 * and a learner's panel on the demo Moodle course then offers no Circles tab. Real Chromium with the
 * built extension, the real local backend and its seed.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, signIn, startTestBackend } from './peer-helpers';

const PRIYA = 'priya.raman@northwind.example';
const NORTHWIND = '10000000-0000-4000-8000-000000000001';

test('an admin turns Circles off on the dashboard, and a learner’s panel no longer offers them', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const admin = await launchWithExtension();
  const learner = await launchWithExtension();
  try {
    await signIn(admin.context, admin.extensionId, backend, codes, PRIYA);
    const dashboard = await admin.context.newPage();
    await dashboard.goto(`chrome-extension://${admin.extensionId}/dashboard.html`);
    const settings = dashboard.getByRole('region', { name: 'Organisation settings' });
    const circles = settings.getByRole('checkbox', { name: 'Circles' });
    await expect(circles).toBeChecked();
    const save = settings.getByRole('button', { name: 'Save settings' });
    await expect(save).toBeDisabled();
    expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);

    await circles.uncheck();
    await save.click();
    await expect(settings.getByRole('status')).toHaveText(
      "Settings saved. Members' panels follow when they next come into view.",
    );
    await expect(circles).not.toBeChecked();
    await expect(save).toBeDisabled();
    const row = await fetch(`${backend.url}/rest/v1/org_settings?org_id=eq.${NORTHWIND}&select=circles_enabled`, {
      headers: { apikey: backend.serviceRoleKey, authorization: `Bearer ${backend.serviceRoleKey}` },
    });
    expect(await row.json()).toEqual([{ circles_enabled: false }]);

    await signIn(learner.context, learner.extensionId, backend, codes, AMARA);
    const extension: LoadedExtension = {
      context: learner.context,
      id: learner.extensionId,
      worker: learner.context.serviceWorkers()[0]!,
    };
    const page = await learner.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/course/view.php?id=4021`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    // The feature tabs appear once the panel knows the settings: Resources is still on, Circles is not.
    await expect(panel.getByRole('tab', { name: 'Resources' })).toBeVisible();
    await expect(panel.getByRole('tab', { name: 'People' })).toBeVisible();
    await expect(panel.getByRole('tab', { name: 'Reviews' })).toBeVisible();
    await expect(panel.getByRole('tab', { name: 'Circles' })).toHaveCount(0);
  } finally {
    for (const launched of [admin, learner]) {
      await launched.context.close();
      await rm(launched.userDataDir, { recursive: true, force: true });
    }
    await demo.close();
    await backend.stop();
  }
});
