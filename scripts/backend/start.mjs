// `npm run backend`: the Docker-free local Supabase (see docs/backend.md). Starts PGlite, applies
// supabase/local/platform.sql, migrations and seed, runs PostgREST and the auth stand-in behind the
// gateway, prints what `supabase status` would, and keeps running until Ctrl+C. `--reset` starts from
// an empty database. It never touches a hosted Supabase project.
import { relative } from 'node:path';
import { DEFAULT_DATA_DIR, startBackend } from './index.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--reset');
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}. Usage: npm run backend [-- --reset]`);
  process.exit(2);
}
const reset = args.includes('--reset');

let backend;
try {
  backend = await startBackend({ reset });
} catch (error) {
  console.error(`\nThe local backend could not start: ${error.message}`);
  if (error.code === 'EADDRINUSE')
    console.error('Another process holds the port: stop it, or the other backend, first.');
  process.exit(1);
}

console.log(`
Peerside local backend is running (a Docker-free stand-in for \`supabase start\`).

         API URL: ${backend.url}
     GraphQL URL: (not available locally)
          DB URL: ${backend.dbUrl}
      JWT secret: ${backend.jwtSecret}
        anon key: ${backend.anonKey}
service_role key: ${backend.serviceRoleKey}

Data: ${relative(process.cwd(), DEFAULT_DATA_DIR) || DEFAULT_DATA_DIR}${reset ? ' (reset)' : ''}
Sign in from the extension with a seeded address such as amara.okafor@northwind.example (learner) or
tomas.alvarez@northwind.example (moderator): the one-time code is printed here, not emailed.
Press Ctrl+C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the local backend...');
    await backend.stop();
    process.exit(0);
  });
}
