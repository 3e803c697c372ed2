// Entry point of `npm start`, `npm test` and `npm run bench` on a fresh clone. It runs on whatever Node
// the machine has (20 or later), installs the locked dependencies when they are missing or older than
// package-lock.json, then runs the real npm script: from then on npm puts node_modules/.bin first on
// PATH, so the Node 22 pinned in devDependencies (WXT 0.21 wants it) runs everything else.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const target = process.argv[2];
if (!target) {
  console.error('Usage: node scripts/bootstrap.mjs <npm script>');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => spawnSync(npm, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)...');
  const status = run(['ci', '--no-audit', '--no-fund']);
  if (status !== 0) {
    console.error('Installing dependencies failed: see the npm output above, fix it, then run the command again.');
    process.exit(status);
  }
}
process.exit(run(['run', target]));
