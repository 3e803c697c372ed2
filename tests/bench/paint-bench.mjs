// First paint of a cached lesson with 500 questions (budget 100 ms), measured in real Chromium:
// the panel's components over the real IndexedDB, from render() to the frame after the list is built.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

export async function benchFirstPaint(context, { runs = 5 } = {}) {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'paint-entry.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@': ROOT },
  });
  const server = createServer((_request, response) => response.end('<!doctype html><title>paint</title>'));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const times = [];
    for (let run = 0; run < runs; run += 1) times.push(await page.evaluate(() => window.paintBench.paint(500)));
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], worstMs: times.at(-1), runs };
  } finally {
    await page.close();
    server.close();
  }
}
