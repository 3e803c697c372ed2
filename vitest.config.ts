import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// supabase/tests/postgres15.pg15.test.ts runs the SQL on a throwaway cluster of Debian's PostgreSQL 15
// (CI installs postgresql-15). It needs initdb, and as root the postgres user to run it as (the server
// refuses root). Elsewhere it cannot run, and says so rather than failing everyone's npm test.
const PG15_TESTS = 'supabase/tests/**/*.pg15.test.ts';
const canRunPostgres15 = (() => {
  try {
    accessSync('/usr/lib/postgresql/15/bin/initdb', constants.X_OK);
  } catch {
    return false;
  }
  return process.getuid?.() !== 0 || spawnSync('id', ['-u', 'postgres']).status === 0;
})();
if (!canRunPostgres15) {
  console.log(
    'Note: supabase/tests/postgres15.pg15.test.ts needs /usr/lib/postgresql/15/bin/initdb (and, as root, a postgres user); the PG15 suite is not run here (CI runs it).',
  );
}

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.ts',
      'supabase/tests/**/*.test.ts',
    ],
    // The include above matches the PG15 suite too; leave it out where it cannot run.
    exclude: canRunPostgres15 ? configDefaults.exclude : [...configDefaults.exclude, PG15_TESTS],
    environment: 'node',
  },
});
