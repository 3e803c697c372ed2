// Issue 5's cache figures in real Chromium: pull 10,000 posts into an empty cache (time, rows/s) and
// local search over 50,000 cached posts (median, p95). Bundles tests/bench/cache-entry.ts.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { createServer } from 'node:http';

const ROOT = resolve(import.meta.dirname, '../..');

export async function benchCache(context) {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'cache-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    alias: { '@': ROOT },
  });
  // IndexedDB needs a real origin (not about:blank): serve an empty page on 127.0.0.1.
  const server = createServer((_request, response) => response.end('<!doctype html><title>bench</title>'));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const pullMs = await page.evaluate(() => window.cacheBench.pull(10_000));
    const search = await page.evaluate(() => window.cacheBench.search(50_000));
    return { pullMs, rowsPerSecond: (10_500 / pullMs) * 1000, searchMedianMs: search.median, searchP95Ms: search.p95 };
  } finally {
    await page.close();
    server.close();
  }
}
