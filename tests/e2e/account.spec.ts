/**
 * Connecting to the organisation and signing in, as a learner does it on the options page, against the
 * real local backend (PGlite + PostgREST + the auth stand-in, which fakes only Supabase Auth's server
 * and hands us the one-time code instead of emailing it). The session must survive a browser restart.
 */
import AxeBuilder from '@axe-core/playwright';
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { expect, test } from './fixtures';
import { startTestBackend } from './peer-helpers';

test('a learner connects Peerside, signs in with an emailed code, and stays signed in across a restart', async () => {
  const { backend, codes } = await startTestBackend();
  let launched = await launchWithExtension();
  const { userDataDir } = launched;
  try {
    const options = await launched.context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
    await options.getByLabel('Server address').fill(backend.url);
    await options.getByLabel('Access key').fill('not a key');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect(options.getByRole('status').first()).toHaveText(
      "Use the project's anon (publishable) key from Supabase's API settings.",
    );
    await options.getByLabel('Access key').fill(backend.anonKey);
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect(options.getByText(`Connected to ${backend.url}.`)).toBeVisible();

    await options.getByLabel('Work email').fill('amara.okafor@northwind.example');
    await options.getByRole('button', { name: 'Email me a sign-in code' }).click();
    await expect(options.getByText('We sent a code to amara.okafor@northwind.example. Enter it below.')).toBeVisible();
    await options.getByLabel('Sign-in code').fill('000000');
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect(options.getByText('That code is wrong or has expired.', { exact: false })).toBeVisible();
    await options.getByLabel('Sign-in code').fill(codes.get('amara.okafor@northwind.example')!);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect(options.getByText('Signed in as Amara Okafor')).toBeVisible();
    await expect(options.getByText('Northwind Learning · learner')).toBeVisible();
    const axe = await new AxeBuilder({ page: options }).analyze();
    expect(axe.violations).toEqual([]);

    // Close the browser and start it again on the same profile: the session lives in extension storage.
    await launched.context.close();
    launched = await launchWithExtension({ userDataDir });
    const again = await launched.context.newPage();
    await again.goto(`chrome-extension://${launched.extensionId}/options.html`);
    await expect(again.getByText('Signed in as Amara Okafor')).toBeVisible();

    await again.getByRole('button', { name: 'Sign out' }).click();
    await expect(again.getByLabel('Work email')).toBeVisible();
  } finally {
    await launched.context.close();
    await backend.stop();
    await rm(userDataDir, { recursive: true, force: true });
  }
});
