// `npm run screenshot`: the README's picture of the panel beside a demo course, made with the e2e
// set-up: the development build in real Chromium, the demo LMS and the local backend with its seed,
// signed in as a seeded learner through the options page. The side panel is drawn by its own page
// pinned to the course tab, since a headless browser cannot capture browser chrome. The seeded
// questions are keyed to moodle.localhost:8080, so the demo must get port 8080.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startBackend } from './backend/index.mjs';
import { startDemoLms } from '../tests/fixtures/demo-lms/server.mjs';
import { launchWithExtension } from './launch-chromium.mjs';

const OUT = resolve(import.meta.dirname, '../docs/images/panel-beside-moodle.png');
const DEV_BUILD = resolve(import.meta.dirname, '../.output/chrome-mv3-dev');
const HEIGHT = 720;
const LEARNER = 'amara.okafor@northwind.example';

const codes = new Map();
const backend = await startBackend({
  port: 0,
  dbPort: 0,
  dataDir: null,
  log: () => {},
  onCode: ({ email, code }) => codes.set(email, code),
});
const demo = await startDemoLms({ port: 8080 }).catch(async (error) => {
  await backend.stop();
  throw new Error(`The screenshot needs port 8080 for the demo LMS (the seed's place keys use it): ${error.message}`);
});
const { context, extensionId, userDataDir } = await launchWithExtension({ extensionDir: DEV_BUILD });
try {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Server address').fill(backend.url);
  await options.getByLabel('Access key').fill(backend.anonKey);
  await options.getByRole('button', { name: 'Connect' }).click();
  await options.getByLabel('Work email').fill(LEARNER);
  await options.getByRole('button', { name: 'Email me a sign-in code' }).click();
  // The field shows once the code is sent, so the code has reached onCode by then.
  await options.getByLabel('Sign-in code').waitFor();
  await options.getByLabel('Sign-in code').fill(codes.get(LEARNER));
  await options.getByRole('button', { name: 'Sign in' }).click();
  await options.getByText('Signed in as Amara Okafor').waitFor();
  await options.close();

  const lms = await context.newPage();
  await lms.setViewportSize({ width: 900, height: HEIGHT });
  await lms.goto(`http://moodle.localhost:${demo.port}/mod/quiz/view.php?id=1325312`);
  await lms.getByRole('button', { name: /Open Peerside/ }).waitFor();
  await lms.bringToFront();
  const worker = context.serviceWorkers()[0];
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const lmsShot = await lms.screenshot();

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 380, height: HEIGHT });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.locator('.thread-list li').first().waitFor({ timeout: 20_000 });
  await panel.getByText(/^Up to date/).waitFor({ timeout: 20_000 });
  const panelShot = await panel.screenshot();

  const canvas = await context.newPage();
  await canvas.setViewportSize({ width: 900 + 1 + 380, height: HEIGHT });
  const img = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await canvas.setContent(
    `<body style="margin:0;display:flex;background:#9ca3af;gap:1px">
       <img src="${img(lmsShot)}" width="900" height="${HEIGHT}"><img src="${img(panelShot)}" width="380" height="${HEIGHT}">
     </body>`,
  );
  await canvas.screenshot({ path: OUT });
  console.log(`Screenshot written to ${OUT}`);
} finally {
  await context.close();
  await demo.close();
  await backend.stop();
  await rm(userDataDir, { recursive: true, force: true });
}
