/**
 * The admin path: LMS rules delivered as real Chromium managed policy (a JSON file in Chromium's
 * Linux policy folder), read by the extension from storage.managed. Uses the development build, whose
 * fixed key gives the extension id the policy must name, and whose *.localhost match covers the demo
 * in-house LMS at academy.localhost. Writing the policy folder needs root (CI runs as root); the
 * Playwright config includes this file only where it can (see playwright.config.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';
import { expect, launcher, openPanelFor, tabIdOf, test, type LoadedExtension } from './fixtures';

const DEV_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3-dev');
const POLICY_FILE = '/etc/chromium/policies/managed/peerside-e2e.json';

/** Chromium's id for an extension key: the first 128 bits of its SHA-256, written with a-p. */
function extensionIdFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

const rules = [
  {
    host: 'academy.localhost',
    platform: 'custom',
    pattern: '^/training/(?<course>[\\w-]+)(?:/lesson/(?<lesson>[\\w-]+))?',
    courseTitleSelector: 'h1',
    lessonTitleSelector: '.lesson-name',
  },
  { host: 'learn.example.edu', platform: 'moodle' },
  { host: 'not a host', platform: 'moodle' },
];

test('admin LMS rules from managed policy: reported in options and dashboard, applied on the in-house LMS', async () => {
  const manifest = JSON.parse(await readFile(resolve(DEV_BUILD, 'manifest.json'), 'utf8')) as { key: string };
  const id = extensionIdFromKey(manifest.key);
  await mkdir('/etc/chromium/policies/managed', { recursive: true });
  const backend = {
    supabaseUrl: 'https://northwind-demo.supabase.co',
    supabaseAnonKey: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2ln',
  };
  await writeFile(
    POLICY_FILE,
    JSON.stringify({ '3rdparty': { extensions: { [id]: { lmsRules: rules, ...backend } } } }),
  );
  const server = await startDemoLms();
  const { context, extensionId, userDataDir } = await launchWithExtension({ extensionDir: DEV_BUILD });
  try {
    expect(extensionId).toBe(id);
    const extension: LoadedExtension = { context, id, worker: context.serviceWorkers()[0]! };

    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    // Managed values can take a moment to arrive after start-up.
    await expect(options.getByRole('heading', { name: "Your organisation's learning platforms" })).toBeVisible({
      timeout: 15_000,
    });
    await expect(options.getByText('*://academy.localhost/*')).toBeVisible();
    // The organisation's server comes from policy too: shown, and not editable by the learner.
    await expect(
      options.getByText('Your organisation connected Peerside to https://northwind-demo.supabase.co.'),
    ).toBeVisible();
    await expect(options.getByLabel('Server address')).toHaveCount(0);
    await expect(options.getByText('*://learn.example.edu/*')).toBeVisible();
    await expect(options.getByText('Peerside needs your permission to read pages on 1 of these sites.')).toBeVisible();
    await expect(options.getByRole('button', { name: 'Allow Peerside on these sites' })).toBeVisible();
    await expect(
      options.getByText('LMS rule 3 (not a host) was skipped: Use a host name such as learn.example.com'),
    ).toBeVisible();

    // The admin dashboard reports the same, as counts an admin can check at a glance.
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${id}/dashboard.html`);
    await expect(dashboard.getByText('LMS rules in force: 2')).toBeVisible();
    await expect(dashboard.getByText('Waiting for the learner to allow: 1')).toBeVisible();
    await expect(dashboard.getByText('Rules skipped: 1. Fix them in your policy:')).toBeVisible();
    await expect(dashboard.getByText('LMS rule 3 (not a host) was skipped', { exact: false })).toBeVisible();
    const axe = await new AxeBuilder({ page: dashboard }).analyze();
    expect(axe.violations).toEqual([]);

    const page = await context.newPage();
    await page.goto(`http://academy.localhost:${server.port}/training/forklift-safety/lesson/pre-use-checks`);
    await expect(launcher(page)).toBeVisible();
    const panel = await openPanelFor(extension, await tabIdOf(extension, page));
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Forklift safety');
    await expect(panel.getByTestId('lesson-title')).toHaveText('Pre-use checks');

    await page.goto(`http://academy.localhost:${server.port}/profile`);
    await expect(
      panel.getByText("You're on your organisation's learning platform, but this page isn't part of a course."),
    ).toBeVisible();
  } finally {
    await context.close();
    await server.close();
    await rm(POLICY_FILE, { force: true });
    await rm(userDataDir, { recursive: true, force: true });
  }
});
