/**
 * Mentoring as learner and mentor meet it in the panel: Amara finds Grace among the org's mentors and
 * asks her for help; Grace, in her own browser, accepts with a reply; Amara sees it. Real Chromium with
 * the built extension, the real local backend and its seed.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import type { Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, signIn, startTestBackend } from './peer-helpers';

const GRACE = 'grace.liu@northwind.example';

/** One person's browser, signed in, with the panel open beside the demo Moodle course. */
async function panelAs(email: string, backend: Backend, codes: Map<string, string>, demoPort: number) {
  const launched = await launchWithExtension();
  await signIn(launched.context, launched.extensionId, backend, codes, email);
  const extension: LoadedExtension = {
    context: launched.context,
    id: launched.extensionId,
    worker: launched.context.serviceWorkers()[0]!,
  };
  const page = await launched.context.newPage();
  await page.goto(`http://${MOODLE}:${demoPort}/course/view.php?id=4021`);
  const panel = await openPanelFor(extension, await tabIdOf(extension, page));
  // Mentoring is on the People tab, under who helps most in the course.
  await panel.getByRole('tab', { name: 'People' }).click();
  const close = async () => {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
  };
  return { panel, close };
}

test('a learner asks a mentor for help and the mentor accepts with a reply', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  let close = async () => {};
  try {
    const amara = await panelAs(AMARA, backend, codes, demo.port);
    close = amara.close;
    const mentoring = amara.panel.getByRole('region', { name: 'Mentoring' });
    await mentoring.getByRole('button', { name: 'Find a mentor' }).click();
    const mentors = mentoring.getByRole('list', { name: 'Mentors in your organisation' });
    await expect(mentors.getByText('Skills: SQL · Statistics · Data visualisation')).toBeVisible();
    await mentors.getByRole('button', { name: 'Ask Grace Liu for mentoring' }).click();
    await mentors
      .getByLabel('What would you like Grace Liu to help with?')
      .fill('Could you help me choose the right chart for my survey results?');
    expect((await new AxeBuilder({ page: amara.panel }).analyze()).violations).toEqual([]);
    await mentors.getByRole('button', { name: 'Send request' }).click();
    await expect(mentoring.getByText('You asked Grace Liu. Waiting for an answer.')).toHaveCount(2);
    await amara.close();

    const grace = await panelAs(GRACE, backend, codes, demo.port);
    close = grace.close;
    const inbox = grace.panel.getByRole('region', { name: 'Mentoring' });
    const request = inbox.getByRole('listitem').filter({ hasText: 'Amara Okafor asked you for mentoring.' });
    await expect(request.getByText('Could you help me choose the right chart for my survey results?')).toBeVisible();
    expect((await new AxeBuilder({ page: grace.panel }).analyze()).violations).toEqual([]);
    await request.getByLabel('Reply (optional)').fill('Gladly. Bring the data on Tuesday at 18:00 UTC.');
    await request.getByRole('button', { name: 'Accept' }).click();
    await expect(inbox.getByText('You are mentoring Amara Okafor.')).toBeVisible();
    await grace.close();

    const again = await panelAs(AMARA, backend, codes, demo.port);
    close = again.close;
    const mine = again.panel.getByRole('region', { name: 'Mentoring' });
    await expect(mine.getByText('Grace Liu is mentoring you.')).toBeVisible();
    await expect(mine.getByText('Gladly. Bring the data on Tuesday at 18:00 UTC.')).toBeVisible();
  } finally {
    await close();
    await demo.close();
    await backend.stop();
  }
});
