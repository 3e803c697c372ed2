// How long the panel takes to name a new lesson after a single-page-app navigation (issue budget:
// 300 ms), measured in real Chromium with the built extension against the demo Canvas course, which
// navigates client-side. Both ends are stamped in their own pages on the shared wall clock
// (performance.timeOrigin + now), so the test driver's round trips are not counted.
import { rm } from 'node:fs/promises';
import { launchWithExtension } from '../../scripts/launch-chromium.mjs';
import { startDemoLms } from '../fixtures/demo-lms/server.mjs';

const ITEMS = [
  'Draft a project charter',
  'Check-in quiz: scope and stakeholders',
  'Week 1: Welcome and ways of working',
];

export async function benchSpaFollow({ rounds = 4 } = {}) {
  const server = await startDemoLms();
  const { context, extensionId, userDataDir } = await launchWithExtension();
  try {
    const page = await context.newPage();
    await page.goto(`http://demo.instructure.com:${server.port}/courses/1730/modules`);
    await page.bringToFront();
    const worker = context.serviceWorkers()[0];
    const tabId = await worker.evaluate(
      async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
    );
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    await panel.getByTestId('lesson-title').waitFor();

    const samples = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const item of ITEMS) {
        await page.getByRole('link', { name: 'Modules' }).click();
        await panel.getByTestId('lesson-title').filter({ hasText: 'Course home' }).waitFor();
        const seen = panel.evaluate(
          (expected) =>
            new Promise((resolve) => {
              const observer = new MutationObserver(() => {
                if (document.querySelector('[data-testid="lesson-title"]')?.textContent === expected) {
                  observer.disconnect();
                  resolve(performance.timeOrigin + performance.now());
                }
              });
              observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            }),
          item,
        );
        const clickedAt = await page.evaluate((name) => {
          const link = [...document.querySelectorAll('a')].find((a) => a.textContent === name);
          const at = performance.timeOrigin + performance.now();
          link.click();
          return at;
        }, item);
        samples.push((await seen) - clickedAt);
      }
    }
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    return { navigations: samples.length, medianMs: at(0.5), p95Ms: at(0.95) };
  } finally {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}
