// Which Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own build.
// Branded Chrome is never used: since Chrome 137 it ignores --load-extension.
import { existsSync } from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path) => path && existsSync(path));
  return found; // undefined: let Playwright use the browser `npx playwright install chromium` fetched
}
