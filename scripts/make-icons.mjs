// Renders assets/icon.svg to the PNG sizes the manifest lists, in headless Chromium.
// Run after changing the SVG: `npm run icons`. The PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium-path.mjs';

const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
  );
  const png = await page.screenshot({ omitBackground: true });
  await writeFile(new URL(`../public/icons/${size}.png`, import.meta.url), png);
}
await browser.close();
console.log('Icons written to public/icons/.');
