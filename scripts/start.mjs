// `npm start`: builds Peerside for development, starts the local backend (npm run backend) and the
// demo LMS, and opens Chromium with the extension on a demo course when there is a display. Without
// one it prints how to load the build and which page to open, and keeps serving until Ctrl+C.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startDemoLms } from '../tests/fixtures/demo-lms/server.mjs';
import { startBackend } from './backend/index.mjs';
import { findChromium } from './chromium-path.mjs';

const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3-dev');
const PREFERRED_PORT = Number(process.env.PEERSIDE_DEMO_PORT ?? 8080);

function step(message) {
  console.log(`\n> ${message}`);
}

step('Building the extension (development build: it also runs on *.localhost demo pages)');
const build = spawnSync('npx', ['wxt', 'build', '--mode', 'development'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed: see the errors above. Fix them and run npm start again.');
  process.exit(build.status ?? 1);
}

step('Starting the local backend (Postgres, PostgREST, auth stand-in; data in .peerside/backend)');
let backend;
try {
  const options = { log: () => {}, onCode: ({ email, code }) => console.log(`One-time code for ${email}: ${code}`) };
  backend = await startBackend(options).catch(async (error) => {
    // The demo database was made by an older schema (a pull changed the platform or a migration):
    // npm start is for trying Peerside, so start it afresh rather than stop. npm run backend asks first.
    if (!/changed since this database was created/.test(error.message)) throw error;
    console.log('The local demo database was made by an older version of the schema: starting it afresh.');
    return startBackend({ ...options, reset: true });
  });
} catch (error) {
  // The extension runs without it (it works offline); say why and carry on.
  console.warn(`The local backend did not start (${error.message}). Peerside runs without it; see docs/backend.md.`);
}

step('Starting the demo LMS');
let server;
try {
  server = await startDemoLms({ port: PREFERRED_PORT });
} catch {
  console.log(`Port ${PREFERRED_PORT} is busy; using a free port instead (set PEERSIDE_DEMO_PORT to choose).`);
  server = await startDemoLms({ port: 0 });
}
const moodle = `http://moodle.localhost:${server.port}/course/view.php?id=4021`;
const canvas = `http://canvas.localhost:${server.port}/courses/1730`;

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const wantBrowser = hasDisplay && !process.env.CI && !process.argv.includes('--no-browser');

console.log(`
Peerside is built and the demo LMS is running:
  Moodle course:  ${moodle}
  Canvas course:  ${canvas}
${backend ? `  Local backend:  ${backend.url} (anon key: ${backend.anonKey})\n` : ''}${backend ? signInSteps() : ''}`);

/** How to see the seeded peer Q&A: connect the extension to the local backend and sign in. */
function signInSteps() {
  return `
To see peers' questions: right-click the Peerside toolbar button > Options, press Connect (this
development build fills in ${backend.url} and its key), sign in as
  amara.okafor@northwind.example (a seeded learner; tomas.alvarez@northwind.example is a moderator)
and enter the code this terminal prints. The seed's questions are on the demo Moodle course.
`;
}

if (wantBrowser) {
  step('Opening Chromium with Peerside loaded');
  const { launchWithExtension } = await import('./launch-chromium.mjs');
  try {
    const { context } = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: false, mapHosts: false });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(moodle);
    console.log('Close the browser window or press Ctrl+C to stop.');
    context.on('close', () => void stopAll());
  } catch (error) {
    console.error(`Chromium could not be opened (${error.message}). Load the extension by hand as described below.`);
    printManualSteps();
  }
} else {
  printManualSteps();
}

function printManualSteps() {
  console.log(`To try it in your own Chromium, Chrome or Edge:
  1. Open chrome://extensions and turn on "Developer mode".
  2. Click "Load unpacked" and choose: ${EXTENSION_DIR}
  3. Open ${moodle}
     and click the "Peers" button at the bottom right (or press Alt+Shift+P).
${findChromium() ? '' : '(No Chromium was found on this machine: use any Chromium-based browser.)\n'}
Serving until you press Ctrl+C.`);
}

async function stopAll() {
  await server.close();
  await backend?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stopAll());
