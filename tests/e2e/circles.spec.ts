/**
 * Circles as a learner meets them in the panel: on a lesson of the demo Moodle course, Amara finds
 * Sofia's open cohort of that course, joins it, and says she is going to its next practice session.
 * Real Chromium with the built extension and the real local backend; the circle, its members and the
 * session are put at the demo course (whose key carries the demo's free port) before the test.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import type { Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, signIn, startTestBackend } from './peer-helpers';

const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const AMARA_ID = 'a1000000-0000-4000-8000-000000000004';
const JONAS = 'a1000000-0000-4000-8000-000000000005';
const SOFIA = 'a1000000-0000-4000-8000-000000000006';
const CIRCLE = 'Week 2 study group (e2e)';
const SESSION = 'Practice: the measurement scales quiz, together';

/** Rows written with the service role (past RLS), as the circle RPCs would have written them. */
async function serviceRole(backend: Backend, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${backend.url}/rest/v1/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: backend.serviceRoleKey,
      authorization: `Bearer ${backend.serviceRoleKey}`,
      'content-type': 'application/json',
      prefer: 'return=minimal',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} failed: ${response.status} ${await response.text()}`);
  return init.method ? null : ((await response.json()) as unknown[]);
}

/**
 * Sofia's open cohort on the demo course, with Jonas in it, and a practice session tomorrow that
 * Jonas is going to. The seed's circles live at moodle.localhost:8080; the e2e demo runs on a free port.
 */
async function seedCircle(backend: Backend, courseKey: string) {
  const circleId = crypto.randomUUID();
  const sessionId = crypto.randomUUID();
  const startsAt = new Date(Date.now() + 24 * 60 * 60_000);
  startsAt.setUTCHours(17, 0, 0, 0);
  const write = (table: string, rows: object[]) => serviceRole(backend, table, { method: 'POST', body: rows });
  await write('circles', [
    {
      id: circleId,
      org_id: NORTHWIND,
      kind: 'cohort',
      course_key: courseKey,
      name: CIRCLE,
      description: 'We work through the exercises together and take turns explaining one idea in ten minutes.',
      capacity: 12,
      invite_only: false,
      created_by: SOFIA,
    },
  ]);
  await write('circle_members', [
    { org_id: NORTHWIND, circle_id: circleId, user_id: SOFIA, role: 'lead' },
    { org_id: NORTHWIND, circle_id: circleId, user_id: JONAS, role: 'member' },
  ]);
  await write('circle_sessions', [
    {
      id: sessionId,
      org_id: NORTHWIND,
      circle_id: circleId,
      kind: 'practice',
      title: SESSION,
      agenda: 'Each of us answers two questions out loud; the others check the reasoning.',
      starts_at: startsAt.toISOString(),
      duration_minutes: 60,
      meeting_url: 'https://meet.example.com/northwind-week2',
      host_id: SOFIA,
      created_by: SOFIA,
    },
  ]);
  await write('circle_session_attendees', [
    { org_id: NORTHWIND, circle_id: circleId, session_id: sessionId, user_id: JONAS, going: true },
  ]);
  return { circleId, sessionId, startsAt };
}

test("a learner joins a peer's open cohort of the course and says she is going to its session", async () => {
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
    // The circle belongs to the course; the learner is on one of its lessons.
    const { circleId, sessionId, startsAt } = await seedCircle(backend, `moodle|${MOODLE}:${demo.port}|4021`);
    const page = await launched.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/mod/quiz/view.php?id=1325312`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await panel.getByRole('tab', { name: 'Circles' }).click();

    const circles = panel.getByRole('region', { name: 'Circles' });
    const circle = circles
      .getByRole('listitem')
      .filter({ has: panel.getByRole('heading', { name: CIRCLE, exact: true }) });
    await expect(circle.getByText('2 of 12 places taken · Led by Sofia Marino')).toBeVisible();
    await expect(circle.getByText('Cohort', { exact: true })).toBeVisible();

    const session = circles
      .getByRole('listitem')
      .filter({ has: panel.getByRole('heading', { name: SESSION, exact: true }) });
    await expect(session.getByText(`In ${CIRCLE}`, { exact: true })).toBeVisible();
    await expect(session.getByText('Going: 1')).toBeVisible();
    await expect(session.locator('time')).toHaveAttribute('datetime', startsAt.toISOString());
    const meeting = session.getByRole('link', { name: /^Join the meeting on meet\.example\.com/ });
    await expect(meeting).toHaveAttribute('href', 'https://meet.example.com/northwind-week2');
    await expect(meeting).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(session.getByText(`Join ${CIRCLE} to say whether you are going.`)).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);

    await circle.getByRole('button', { name: `Join ${CIRCLE}` }).click();
    await expect(circle.getByText("You're in this circle")).toBeVisible();
    await expect(circle.getByText('3 of 12 places taken · Led by Sofia Marino')).toBeVisible();
    await expect(circle.getByRole('heading', { name: CIRCLE })).toBeFocused();

    const answer = session.getByRole('group', { name: `Are you going to ${SESSION}?` });
    await answer.getByRole('button', { name: 'Going', exact: true }).click();
    await expect(answer.getByRole('button', { name: 'Going', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(session.getByText('Going: 2')).toBeVisible();
    expect((await new AxeBuilder({ page: panel }).analyze()).violations).toEqual([]);

    // The database holds both: Amara in the circle, and her answer.
    expect(
      await serviceRole(backend, `circle_members?circle_id=eq.${circleId}&user_id=eq.${AMARA_ID}&select=role`),
    ).toEqual([{ role: 'member' }]);
    expect(
      await serviceRole(
        backend,
        `circle_session_attendees?session_id=eq.${sessionId}&user_id=eq.${AMARA_ID}&select=going`,
      ),
    ).toEqual([{ going: true }]);

    // A fresh panel reads the same from the server.
    await panel.reload();
    await panel.getByRole('tab', { name: 'Circles' }).click();
    await expect(session.getByText('Going: 2')).toBeVisible();
    await expect(answer.getByRole('button', { name: 'Going', exact: true })).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await launched.context.close();
    await rm(launched.userDataDir, { recursive: true, force: true });
    await demo.close();
    await backend.stop();
  }
});
