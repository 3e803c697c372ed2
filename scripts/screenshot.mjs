// `npm run screenshot`: the README's picture of the panel beside a demo course, made with the same
// set-up as the e2e tests (built extension, real Chromium, demo LMS on 127.0.0.1). The side panel is
// drawn by its own page pinned to the course tab, since a headless browser cannot capture browser chrome.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startDemoLms } from '../tests/fixtures/demo-lms/server.mjs';
import { launchWithExtension } from './launch-chromium.mjs';

const OUT = resolve(import.meta.dirname, '../docs/images/panel-beside-moodle.png');
const HEIGHT = 640;

const server = await startDemoLms();
const { context, extensionId, userDataDir } = await launchWithExtension();
try {
  const lms = await context.newPage();
  await lms.setViewportSize({ width: 900, height: HEIGHT });
  await lms.goto(`http://school.moodlecloud.com:${server.port}/mod/quiz/view.php?id=1325312`);
  await lms.getByRole('button', { name: /Open Peerside/ }).waitFor();
  await lms.bringToFront();
  const worker = context.serviceWorkers()[0];
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const lmsShot = await lms.screenshot();

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 360, height: HEIGHT });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  await panel.getByTestId('lesson-title').waitFor();
  const panelShot = await panel.screenshot();

  const canvas = await context.newPage();
  await canvas.setViewportSize({ width: 900 + 1 + 360, height: HEIGHT });
  const img = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await canvas.setContent(
    `<body style="margin:0;display:flex;background:#9ca3af;gap:1px">
       <img src="${img(lmsShot)}" width="900" height="${HEIGHT}"><img src="${img(panelShot)}" width="360" height="${HEIGHT}">
     </body>`,
  );
  await canvas.screenshot({ path: OUT });
  console.log(`Screenshot written to ${OUT}`);
} finally {
  await context.close();
  await server.close();
  await rm(userDataDir, { recursive: true, force: true });
}
