/** Types for scripts/backend/index.mjs (typechecked callers: tests, and the lead's TypeScript). */
export interface BackendOptions {
  /** Gateway (API) port; 0 picks a free one. Default: [api] port in supabase/config.toml (54321). */
  port?: number;
  /** Postgres wire-protocol port; 0 picks a free one. Default: [db] port (54322). */
  dbPort?: number;
  /** Where PGlite keeps its files; null keeps the database in memory. Default: .peerside/backend. */
  dataDir?: string | null;
  /** Delete dataDir first, so migrations and seed apply to an empty database. */
  reset?: boolean;
  /** Apply supabase/seed.sql to a database that has not seen it. Default: [db.seed] enabled. */
  seed?: boolean;
  /** Receives every one-time code the auth stand-in would have emailed. */
  onCode?: (delivery: { email: string; code: string }) => void;
  /** Receives progress and server log lines. Default: console.log. */
  log?: (line: string) => void;
}

export interface Backend {
  /** The API URL to give supabase-js, e.g. http://127.0.0.1:54321. */
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dbUrl: string;
  stop(): Promise<void>;
}

export declare const DEFAULT_DATA_DIR: string;
export declare function startBackend(options?: BackendOptions): Promise<Backend>;
