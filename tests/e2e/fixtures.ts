/**
 * Shared e2e set-up: the demo LMS on 127.0.0.1 and one real Chromium with the built extension per
 * test file; each test gets a fresh page. Nothing here is faked: the extension, the browser and the
 * pages are the real ones, only DNS is pointed at this machine.
 */
import { rm } from 'node:fs/promises';
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';

export interface Demo {
  /** `http://<host>:<port><path>` on the demo server, e.g. demo.url('school.moodlecloud.com', '/my/'). */
  url(host: string, path: string): string;
}

export interface LoadedExtension {
  context: BrowserContext;
  id: string;
  worker: Worker;
}

interface WorkerFixtures {
  demo: Demo;
  extension: LoadedExtension;
}

export const MOODLE = 'school.moodlecloud.com';
export const CANVAS = 'demo.instructure.com';

export const test = base.extend<{ page: Page }, WorkerFixtures>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => {
      const server = await startDemoLms();
      await use({ url: (host, path) => `http://${host}:${server.port}${path}` });
      await server.close();
    },
    { scope: 'worker' },
  ],
  extension: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use) => {
      const { context, extensionId, userDataDir } = await launchWithExtension();
      const worker = context.serviceWorkers()[0]!;
      await use({ context, id: extensionId, worker });
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

/**
 * The browser's id for the tab showing `page`. The extension has no "tabs" permission, so it cannot
 * look tabs up by URL: bring the page to the front and ask for the active tab.
 */
export async function tabIdOf(extension: LoadedExtension, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await extension.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error(`No active tab for ${page.url()}`);
  return id;
}

/** Opens the side panel's page as a tab that follows the tab with id `tabId`. */
export async function openPanelFor(extension: LoadedExtension, tabId: number): Promise<Page> {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.id}/sidepanel.html?tabId=${tabId}`);
  return panel;
}

/** The launcher button inside its shadow root (Playwright locators pierce open shadow roots). */
export const launcher = (page: Page) => page.getByRole('button', { name: /Open Peerside/ });

/**
 * The text of Chrome's real side panel, if one is open. Playwright does not expose the side panel as a
 * page, so this reaches it over the DevTools protocol (the panel is a target like any page).
 */
export async function sidePanelText(page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const panel = targetInfos.find((target) => target.url.endsWith('/sidepanel.html'));
    if (!panel) return undefined;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: panel.targetId, flatten: false });
    const answer = new Promise<string>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: string } } };
        if (message.id === 1) resolve(message.result?.result?.value ?? '');
      });
    });
    const evaluate = { id: 1, method: 'Runtime.evaluate', params: { expression: 'document.body.innerText' } };
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(evaluate) });
    return await answer;
  } finally {
    await cdp.detach();
  }
}
