// Makes sure a Chromium that loads unpacked extensions is there before the e2e tests: Debian's
// /usr/bin/chromium (installed with apt-get when we are root on Debian), else Playwright's own build.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium-path.mjs';

function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

if (!findChromium() && !playwrightChromium()) {
  if (isRoot && hasApt) {
    console.log('Installing Chromium with apt-get (the e2e tests drive a real browser)...');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  } else {
    console.log("Installing Playwright's Chromium (the e2e tests drive a real browser)...");
    spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  }
}

if (!findChromium() && !playwrightChromium()) {
  console.error(
    'No Chromium found for the e2e tests. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
      'elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to its executable, then run npm test again.',
  );
  process.exit(1);
}
