// Detection timing in real Chromium: bundles lib/lms with every fixture page, then times detectCourse
// on each page in a plain tab (the content script's main thread does the same work). Printed by
// `npm run bench`; never a pass/fail test, these machines are too noisy for that.
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

async function bundle() {
  const fixtures = (await readdir(resolve(ROOT, 'lib/lms/adapters'))).filter((name) => name.endsWith('.fixtures.ts'));
  const entry = [
    `import { detectCourse } from './lib/lms';`,
    ...fixtures.map((name, index) => `import { cases as c${index} } from './lib/lms/adapters/${name}';`),
    `window.peersideBench = { detectCourse, cases: [${fixtures.map((_, index) => `...c${index}`).join(', ')}] };`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    alias: { '@': ROOT },
  });
  return result.outputFiles[0].text;
}

/** Median and p95 (microseconds) of detectCourse's time per page, over every fixture page. */
export async function benchDetection(context) {
  const page = await context.newPage();
  try {
    await page.addScriptTag({ content: await bundle() });
    return await page.evaluate(() => {
      const { detectCourse, cases } = window.peersideBench;
      const parser = new DOMParser();
      const ROUNDS = 300;
      const perPage = cases.map((fixture) => {
        const document = fixture.html ? parser.parseFromString(fixture.html, 'text/html') : undefined;
        for (let i = 0; i < 20; i += 1) detectCourse({ url: fixture.url, document }); // warm up
        // performance.now() is coarse in a page that is not cross-origin isolated: time rounds, not calls.
        const start = performance.now();
        for (let i = 0; i < ROUNDS; i += 1) detectCourse({ url: fixture.url, document });
        return ((performance.now() - start) / ROUNDS) * 1000;
      });
      perPage.sort((a, b) => a - b);
      const at = (q) => perPage[Math.min(perPage.length - 1, Math.floor(q * perPage.length))];
      return { pages: perPage.length, medianUs: at(0.5), p95Us: at(0.95), maxUs: perPage[perPage.length - 1] };
    });
  } finally {
    await page.close();
  }
}
