/**
 * Reporting and moderating as people meet them: a learner follows a question and reports a peer's
 * answer in it from the panel; a moderator finds it in the dashboard's queue, hides it with a reason,
 * and it leaves the learner's panel. Real Chromium with the built extension and the real local backend;
 * the peers' question and answers are put at the demo lesson before the test.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, seedThread, serverFollows, signIn, startTestBackend } from './peer-helpers';

const JONAS = 'a1000000-0000-4000-8000-000000000005';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const SOFIA = 'a1000000-0000-4000-8000-000000000006';
const AMARA_ID = 'a1000000-0000-4000-8000-000000000004';
const QUESTION = 'Is "number of pets" discrete or continuous?';
const JONAS_ANSWER = 'Buy the full quiz key at quiz-answers.example, 5 dollars.';
const GRACE_ANSWER = 'Discrete: you can count pets, and there is no 2.4 of a pet.';

test('a learner reports an answer, a moderator hides it from the queue, and it leaves the panel', async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const learner = await launchWithExtension();
  const moderator = await launchWithExtension();
  try {
    await signIn(learner.context, learner.extensionId, backend, codes, AMARA);
    const extension: LoadedExtension = {
      context: learner.context,
      id: learner.extensionId,
      worker: learner.context.serviceWorkers()[0]!,
    };
    const { threadId } = await seedThread(backend, {
      placeKey: `moodle|${MOODLE}:${demo.port}|4021|cm:1325312`,
      platform: 'moodle',
      title: QUESTION,
      authorId: SOFIA,
      answers: [
        { authorId: GRACE, body: GRACE_ANSWER },
        { authorId: JONAS, body: JONAS_ANSWER },
      ],
    });
    const page = await learner.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/mod/quiz/view.php?id=1325312`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await panel.getByRole('button', { name: QUESTION }).click();
    // Following the question (it is Sofia's) on the way.
    await panel.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect(panel.getByRole('button', { name: 'Following', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => serverFollows(backend, threadId, AMARA_ID)).toBe(1);
    const answer = panel.getByRole('listitem').filter({ hasText: JONAS_ANSWER });
    await answer.getByRole('button', { name: 'Report this answer to the moderators' }).click();
    await answer.getByRole('radio', { name: 'Spam or advertising' }).check();
    await answer.getByLabel('Anything the moderators should know? (optional)').fill('Selling the quiz answers.');
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);
    await answer.getByRole('button', { name: 'Send report' }).click();
    await expect(answer.getByText('Thanks. The moderators will take a look.')).toBeVisible();

    await signIn(moderator.context, moderator.extensionId, backend, codes, 'tomas.alvarez@northwind.example');
    const dashboard = await moderator.context.newPage();
    await dashboard.goto(`chrome-extension://${moderator.extensionId}/dashboard.html`);
    const queue = dashboard.getByRole('region', { name: 'Moderation queue' });
    const item = queue.getByRole('article', { name: QUESTION });
    await expect(item.getByText('Answer by Jonas Becker')).toBeVisible();
    await expect(item.getByText('Open reports: 1. Spam or advertising (1)')).toBeVisible();
    expect((await new AxeBuilder({ page: dashboard }).analyze()).violations).toEqual([]);
    await item.getByLabel('Your reason (kept in the moderation log)').fill('Sells graded answers.');
    await item.getByRole('button', { name: 'Hide' }).click();
    await expect(queue.getByRole('article', { name: QUESTION })).toHaveCount(0);
    // The seed's own open report is still there.
    await expect(queue.getByRole('article')).toHaveCount(1);

    // The learner's next pull brings the hide: the answer leaves the cache and the panel.
    await panel.reload();
    await panel.getByRole('button', { name: QUESTION }).click();
    await expect(panel.getByText(JONAS_ANSWER)).toHaveCount(0);
    await expect(panel.getByText(GRACE_ANSWER)).toBeVisible();
    await expect(panel.getByRole('heading', { name: '1 answer' })).toBeVisible();
  } finally {
    for (const launched of [learner, moderator]) {
      await launched.context.close();
      await rm(launched.userDataDir, { recursive: true, force: true });
    }
    await demo.close();
    await backend.stop();
  }
});
