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
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startBackend, type Backend } from '../../scripts/backend/index.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { MOODLE, expect, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';

const AMARA = 'amara.okafor@northwind.example';

async function signIn(context: BrowserContext, extensionId: string, backend: Backend, codes: Map<string, string>) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Server address').fill(backend.url);
  await options.getByLabel('Access key').fill(backend.anonKey);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByLabel('Work email').fill(AMARA);
  await options.getByRole('button', { name: 'Email me a sign-in code' }).click();
  await expect(options.getByLabel('Sign-in code')).toBeVisible();
  await options.getByLabel('Sign-in code').fill(codes.get(AMARA)!);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await expect(options.getByText('Signed in as Amara Okafor')).toBeVisible();
  await options.close();
}

async function ask(panel: Page, title: string) {
  // The empty list also offers "Ask the first question": either opens the same composer.
  await panel.getByRole('button', { name: 'Ask a question' }).click();
  await panel.getByLabel('Your question').fill(title);
  await panel.getByLabel('Details (optional)').fill('Asked from the e2e test.');
  await panel.getByRole('button', { name: 'Post question' }).click();
}

/** Threads with this title in PostgreSQL, read with the service role (past RLS). */
async function serverThreads(backend: Backend, title: string): Promise<number> {
  const response = await fetch(`${backend.url}/rest/v1/threads?title=eq.${encodeURIComponent(title)}&select=id`, {
    headers: { apikey: backend.serviceRoleKey, authorization: `Bearer ${backend.serviceRoleKey}` },
  });
  return ((await response.json()) as unknown[]).length;
}

test('asking in the panel reaches peers; asked offline, it waits, survives a restart and is sent once', async () => {
  test.setTimeout(120_000);
  const codes = new Map<string, string>();
  const dataDir = await mkdtemp(join(tmpdir(), 'peerside-backend-'));
  const start = (port = 0, dbPort = 0) =>
    startBackend({ port, dbPort, dataDir, log: () => {}, onCode: ({ email, code }) => void codes.set(email, code) });
  let backend = await start();
  const ports = { api: Number(new URL(backend.url).port), db: Number(new URL(backend.dbUrl).port) };
  const demo = await startDemoLms();
  let launched = await launchWithExtension();
  const { userDataDir } = launched;
  try {
    await signIn(launched.context, launched.extensionId, backend, codes);
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
