/**
 * Peer Q&A end to end: real Chromium with the built extension, the demo Moodle course, and the real
 * local backend (PGlite + PostgREST + the auth stand-in, which fakes only Supabase Auth's server and
 * hands the test the one-time code). A question asked while the server is down waits on the device,
 * survives a browser restart, and reaches PostgreSQL exactly once when the server is back.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';
import { AMARA, ask, serverThreads, signIn, startTestBackend } from './peer-helpers';

test('asking in the panel reaches peers; asked offline, it waits, survives a restart and is sent once', async () => {
  test.setTimeout(120_000);
  const codes = new Map<string, string>();
  const dataDir = await mkdtemp(join(tmpdir(), 'peerside-backend-'));
  const start = async (port = 0, dbPort = 0) => (await startTestBackend(codes, { port, dbPort, dataDir })).backend;
  let backend = await start();
  const ports = { api: Number(new URL(backend.url).port), db: Number(new URL(backend.dbUrl).port) };
  const demo = await startDemoLms();
  let launched = await launchWithExtension();
  const { userDataDir } = launched;
  try {
    await signIn(launched.context, launched.extensionId, backend, codes, AMARA);
    const extension: LoadedExtension = {
      context: launched.context,
      id: launched.extensionId,
      worker: launched.context.serviceWorkers()[0]!,
    };
    const page = await launched.context.newPage();
    await page.goto(`http://${MOODLE}:${demo.port}/mod/quiz/view.php?id=1325312`);
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Introduction to Data Analysis');

    // Online: the question shows at once and reaches the server.
    await ask(panel, 'Why does my p-value change with sample size?');
    await expect(panel.getByText('Why does my p-value change with sample size?')).toBeVisible();
    await expect.poll(() => serverThreads(backend, 'Why does my p-value change with sample size?')).toBe(1);
    await expect(panel.getByText(/^Up to date/)).toBeVisible();
    const axe = await new AxeBuilder({ page: panel }).analyze();
    expect(axe.violations).toEqual([]);

    // Offline: the server is gone; the question waits on this device.
    await backend.stop();
    await ask(panel, 'Is a larger sample always better?');
    await expect(panel.getByText('Is a larger sample always better?')).toBeVisible();
    await expect(panel.getByText('Waiting to send').first()).toBeVisible();

    // The learner closes the browser with the write pending; later the server and the browser return.
    await launched.context.close();
    backend = await start(ports.api, ports.db);
    launched = await launchWithExtension({ userDataDir });
    await expect.poll(() => serverThreads(backend, 'Is a larger sample always better?'), { timeout: 30_000 }).toBe(1);
    // Sent exactly once, and the first question was not sent again.
    expect(await serverThreads(backend, 'Why does my p-value change with sample size?')).toBe(1);
  } finally {
    await launched.context.close();
    await backend.stop();
    await demo.close();
    await rm(userDataDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('two learners in two browsers ask at the same lesson at once, and each sees both questions', async () => {
  test.setTimeout(120_000);
  const { backend, codes } = await startTestBackend();
  const demo = await startDemoLms();
  const browsers = [await launchWithExtension(), await launchWithExtension()];
  try {
    const learners = [
      { email: AMARA, question: 'Can a median be a fraction?' },
      { email: 'jonas.becker@northwind.example', question: 'Does the mode need a peak?' },
    ];
    const panels = await Promise.all(
      browsers.map(async (launched, index) => {
        await signIn(launched.context, launched.extensionId, backend, codes, learners[index]!.email);
        const extension: LoadedExtension = {
          context: launched.context,
          id: launched.extensionId,
          worker: launched.context.serviceWorkers()[0]!,
        };
        const page = await launched.context.newPage();
        await page.goto(`http://${MOODLE}:${demo.port}/mod/page/view.php?id=1325321`);
        return openPanelFor(extension, await tabIdOf(extension, page));
      }),
    );
    // Both ask at once.
    await Promise.all(panels.map((panel, index) => ask(panel, learners[index]!.question)));
    for (const { question } of learners) await expect.poll(() => serverThreads(backend, question)).toBe(1);

    // Opening the lesson again syncs (so does the alarm, every few minutes): each sees both, once.
    for (const panel of panels) {
      await panel.reload();
      for (const { question } of learners) await expect(panel.getByText(question, { exact: true })).toHaveCount(1);
    }
    for (const { question } of learners) expect(await serverThreads(backend, question)).toBe(1);
  } finally {
    for (const launched of browsers) {
      await launched.context.close();
      await rm(launched.userDataDir, { recursive: true, force: true });
    }
    await demo.close();
    await backend.stop();
  }
});
