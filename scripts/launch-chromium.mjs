// Launches Chromium with the built Peerside extension, as the e2e tests, the screenshot script and
// `npm start` all need it. Real LMS hostnames resolve to this machine (--host-resolver-rules), so the
// shipped manifest's match patterns are exercised unchanged and no request leaves 127.0.0.1.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium-path.mjs';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');

/**
 * `mapHosts` (default true) points every hostname at 127.0.0.1: right for tests, wrong for a browser a
 * person uses, so `npm start` turns it off and uses *.localhost names instead.
 * @param {{ extensionDir?: string, headless?: boolean, userDataDir?: string, mapHosts?: boolean, args?: string[] }} [options]
 * @returns {Promise<{ context: import('@playwright/test').BrowserContext, extensionId: string, userDataDir: string }>}
 */
export async function launchWithExtension({
  extensionDir = EXTENSION_DIR,
  headless = true,
  userDataDir,
  mapHosts = true,
  args = [],
} = {}) {
  const profile = userDataDir ?? (await mkdtemp(join(tmpdir(), 'peerside-profile-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(mapHosts ? ['--host-resolver-rules=MAP * 127.0.0.1'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host, userDataDir: profile };
}
