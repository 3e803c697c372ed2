// `npm run bench`: Peerside's measured figures beside their budgets (ARCHITECTURE.md) and anchors.
// Sizes are exact, so this exits non-zero when a bundle is over budget, and `npm test` runs it after the
// build with --sizes. Timing rows are printed, never enforced: these machines are too noisy for that.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { backendTimingRows, benchBackend, benchBackendOnPostgres15 } from '../tests/bench/backend-bench.mjs';
import { benchCache } from '../tests/bench/cache-bench.mjs';
import { benchDetection } from '../tests/bench/detect-bench.mjs';
import { benchFirstPaint } from '../tests/bench/paint-bench.mjs';
import { benchSpaFollow } from '../tests/bench/spa-bench.mjs';
import { findChromium } from './chromium-path.mjs';

const OUT = resolve(import.meta.dirname, '../.output/chrome-mv3');
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** Gzipped bytes of a JS file and every chunk it statically imports, each counted once. */
async function gzipOfGraph(entry, seen = new Set()) {
  if (seen.has(entry)) return 0;
  seen.add(entry);
  const code = await readFile(entry);
  let total = gzipSync(code, { level: 9 }).length;
  for (const match of code.toString().matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    const target = match[1].startsWith('/') ? join(OUT, match[1]) : resolve(dirname(entry), match[1]);
    total += await gzipOfGraph(target, seen);
  }
  return total;
}

/**
 * The JS a page loads when it opens: its module script and everything that imports (static imports
 * only). With `lazy`, instead what it loads later on demand: the chunks of its dynamic import()s (the
 * panel's tabs), without what the page already loaded.
 */
async function gzipOfPage(html, { lazy = false } = {}) {
  const source = await readFile(join(OUT, html), 'utf8');
  const seen = new Set();
  let total = 0;
  for (const match of source.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) {
    total += await gzipOfGraph(join(OUT, match[1]), seen);
  }
  if (!lazy) return total;
  let later = 0;
  for (const file of [...seen]) {
    const code = await readFile(file, 'utf8');
    for (const match of code.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      later += await gzipOfGraph(resolve(dirname(file), match[1]), seen);
    }
  }
  return later;
}

const rows = [
  {
    what: 'content script JS in the host page, gzip',
    measured: await gzipOfGraph(join(OUT, 'content-scripts/lms.js')),
    budget: 12_000,
    anchor: 61_000,
    anchorText: 'Hypothesis injects 61 kB',
  },
  {
    what: 'side panel JS, gzip',
    measured: await gzipOfPage('sidepanel.html'),
    budget: 90_000,
    anchor: 249_800,
    anchorText: 'Hypothesis sidebar 249.8 kB',
  },
];

const lazyTabs = await gzipOfPage('sidepanel.html', { lazy: true });
const timings = [
  [
    'side panel tabs, loaded when first shown, gzip',
    kB(lazyTabs),
    'no budget',
    '-',
    `${kB(rows[1].measured + lazyTabs)} with every tab opened`,
  ],
];
if (!process.argv.includes('--sizes')) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext();
  const detection = await benchDetection(context);
  const cache = await benchCache(context);
  const paint = await benchFirstPaint(context);
  await browser.close();
  const us = (value) => `${value.toFixed(1)} µs`;
  const ms = (value) => `${value.toFixed(0)} ms`;
  timings.push([
    `detection of one page, main thread (${detection.pages} fixture pages, Chromium)`,
    `median ${us(detection.medianUs)}, p95 ${us(detection.p95Us)}`,
    '< 1 ms median',
    detection.medianUs < 1000 ? 'within' : 'OVER',
    `${(detection.medianUs / 16_000).toFixed(4)}x of one 16 ms frame`,
  ]);
  timings.push(
    [
      'pull 10,000 posts (+500 questions) into an empty cache (Chromium IndexedDB, in-page server)',
      `${ms(cache.pullMs)}, ${Math.round(cache.rowsPerSecond).toLocaleString('en')} rows/s`,
      'no budget',
      '-',
      'client work only: network and server excluded',
    ],
    [
      'local search over 50,000 cached posts (Chromium IndexedDB)',
      `median ${cache.searchMedianMs.toFixed(1)} ms, p95 ${cache.searchP95Ms.toFixed(1)} ms`,
      '< 30 ms',
      cache.searchMedianMs < 30 ? 'within' : 'OVER',
      '7 queries x 5 rounds',
    ],
    [
      `first paint of a cached lesson with 500 questions (Chromium, ${paint.runs} runs)`,
      `median ${ms(paint.medianMs)}, worst ${ms(paint.worstMs)}`,
      '< 100 ms',
      paint.medianMs < 100 ? 'within' : 'OVER',
      "the panel's components over the real IndexedDB",
    ],
  );
  console.log(
    'Generating 1,000,000 posts in 100 orgs in PGlite, and in PostgreSQL 15 where installed, for the backend rows (about two minutes each)...',
  );
  const backend = await benchBackend();
  const backendOnPostgres15 = await benchBackendOnPostgres15();
  timings.push(...backendTimingRows(backend), ...(backendOnPostgres15 ? backendTimingRows(backendOnPostgres15) : []));
  const spa = await benchSpaFollow();
  timings.push([
    `panel names the new lesson after an SPA navigation (${spa.navigations} navigations, Chromium)`,
    `median ${ms(spa.medianMs)}, p95 ${ms(spa.p95Ms)}`,
    '< 300 ms',
    spa.p95Ms < 300 ? 'within' : 'OVER',
    'includes the demo page fetching the next page',
  ]);
}

const table = [
  ['what', 'measured', 'budget', 'verdict', 'against the anchor'],
  ...rows.map((row) => [
    row.what,
    kB(row.measured),
    `<= ${kB(row.budget)}`,
    row.measured <= row.budget ? 'within' : 'OVER',
    `${(row.measured / row.anchor).toFixed(2)}x (${row.anchorText})`,
  ]),
  ...timings,
];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
console.log(`Peerside bench: ${OUT}\n`);
for (const line of table) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  '));
const over = rows.filter((row) => row.measured > row.budget);
if (over.length > 0) {
  console.error(`Over budget: ${over.map((row) => row.what).join('; ')}. Shrink the bundle before landing.`);
  process.exit(1);
}
