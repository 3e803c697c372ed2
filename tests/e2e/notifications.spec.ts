/**
 * Notifications as a learner meets them: the toolbar badge and the launcher's count on a course page,
 * "New for you" in the panel, and marking them read. Real Chromium, the real local backend and its
 * seed (Grace, a mentor, has a mentoring request and endorsements waiting).
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, launcher, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { signIn, startTestBackend } from './peer-helpers';

test('unread notifications show on the launcher and in the panel, and marking them read clears both', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const launched = await launchWithExtension();
  try {
    await signIn(launched.context, launched.extensionId, backend, codes, 'grace.liu@northwind.example');
    const extension: LoadedExtension = {
      context: launched.context,
      id: launched.extensionId,
      worker: launched.context.serviceWorkers()[0]!,
    };
    const page = await launched.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/course/view.php?id=4021`);
    await expect(launcher(page)).toHaveAccessibleName(/Open Peerside.*\(\d+ new for you\)$/);
    const badge = () => extension.worker.evaluate(() => chrome.action.getBadgeText({}));
    await expect.poll(badge).toMatch(/^\d+$/);

    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    const inbox = panel.getByRole('region', { name: /New for you/ });
    await expect(inbox.getByText('A learner asked you to mentor them.')).toBeVisible();
    const axe = await new AxeBuilder({ page: panel }).analyze();
    expect(axe.violations).toEqual([]);

    await inbox.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(panel.getByRole('region', { name: /New for you/ })).toHaveCount(0);
    await expect.poll(badge).toBe('');
    await expect(launcher(page)).toHaveAccessibleName(
      /^Open Peerside: questions and answers from your peers for this page$/,
    );
  } finally {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
    await demo.close();
    await backend.stop();
  }
});
