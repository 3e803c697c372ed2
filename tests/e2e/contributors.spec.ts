/**
 * Recognising contributors as a learner meets it in the panel: on the demo Moodle course, Amara opens
 * the People tab, sees Grace and Sofia among those who helped most in the course this month, endorses
 * Grace for one of her skills, and finds it still endorsed in a fresh panel. Real Chromium with the
 * built extension and the real local backend; the peers' answers are put at the demo course (whose
 * key carries the demo's free port) before the test, as the seed's live at moodle.localhost:8080.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import type { Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, seedThread, signIn, startTestBackend } from './peer-helpers';

const AMARA_ID = 'a1000000-0000-4000-8000-000000000004';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const JONAS = 'a1000000-0000-4000-8000-000000000005';
const SOFIA = 'a1000000-0000-4000-8000-000000000006';

/** Amara's standing endorsements of Grace's skills in PostgreSQL, read with the service role (past RLS). */
async function serverEndorsements(backend: Backend): Promise<unknown[]> {
  const response = await fetch(
    `${backend.url}/rest/v1/endorsements?endorser_id=eq.${AMARA_ID}&member_user_id=eq.${GRACE}` +
      '&target_kind=eq.skill&withdrawn_at=is.null&select=skill',
    { headers: { apikey: backend.serviceRoleKey, authorization: `Bearer ${backend.serviceRoleKey}` } },
  );
  return (await response.json()) as unknown[];
}

test("a learner sees who helps most in the course and endorses a peer's skill", async () => {
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const launched = await launchWithExtension();
  try {
    await signIn(launched.context, launched.extensionId, backend, codes, AMARA);
    const extension: LoadedExtension = {
      context: launched.context,
      id: launched.extensionId,
      worker: launched.context.serviceWorkers()[0]!,
    };
    // Jonas asked on the quiz lesson of the course; Grace and Sofia answered today.
    await seedThread(backend, {
      placeKey: `moodle|${MOODLE}:${demo.port}|4021|cm:1325312`,
      platform: 'moodle',
      title: 'Is a Likert scale ordinal or interval?',
      authorId: JONAS,
      answers: [
        { authorId: GRACE, body: 'Ordinal: the steps are ordered, but nobody promises they are equally far apart.' },
        { authorId: SOFIA, body: 'Our week 3 reading treats the summed scale as interval, for what it is worth.' },
      ],
    });
    const page = await launched.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/course/view.php?id=4021`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await panel.getByRole('tab', { name: 'People' }).click();

    const helping = panel.getByRole('region', { name: 'Helping most in this course (last 30 days)' });
    const people = helping.getByRole('listitem').filter({ has: panel.locator('.contributor-name') });
    // Grace first: her answer and the seed's endorsements of her SQL and Statistics this month.
    await expect(people.locator('.contributor-name')).toHaveText(['Grace Liu', 'Sofia Marino']);
    const grace = people.filter({ hasText: 'Grace Liu' });
    await expect(grace.getByText('1 answer or reply, 2 endorsements.')).toBeVisible();
    const skills = grace.getByRole('list', { name: 'Skills of Grace Liu' });
    await expect(skills.getByRole('listitem').filter({ hasText: 'SQL' })).toContainText('1 endorsement');
    // The mentoring section is still on the tab, under its own heading.
    await expect(panel.getByRole('heading', { name: 'Mentoring', level: 3 })).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);

    const endorse = skills.getByRole('button', { name: 'Endorse Grace Liu for Data visualisation' });
    await expect(endorse).toHaveAttribute('aria-pressed', 'false');
    await endorse.click();
    await expect(endorse).toHaveAttribute('aria-pressed', 'true');
    await expect(skills.getByRole('listitem').filter({ hasText: 'Data visualisation' })).toContainText(
      '1 endorsement, yours included',
    );
    await expect(panel.locator('.announcer')).toHaveText(
      'You endorsed Grace Liu for Data visualisation. They will hear about it.',
    );
    await expect(grace.getByText('1 answer or reply, 3 endorsements.')).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);

    // The database holds it, and a fresh panel reads the same from the server.
    expect(await serverEndorsements(backend)).toEqual([{ skill: 'Data visualisation' }]);
    await panel.reload();
    await panel.getByRole('tab', { name: 'People' }).click();
    await expect(endorse).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
    await demo.close();
    await backend.stop();
  }
});
