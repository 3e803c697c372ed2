/** Types for scripts/backend/migrate.mjs, for the TypeScript tests that build databases with it. */
import type { PGlite } from '@electric-sql/pglite';

export declare const SUPABASE_DIR: string;
export declare function listMigrations(dir?: string): { version: string; name: string; path: string }[];
export declare function listSeedFiles(configPath?: string): string[];
export declare function applyLocalPlatform(db: PGlite, options?: { log?: (line: string) => void }): Promise<boolean>;
export declare function applyMigrations(
  db: PGlite,
  options?: { dir?: string; log?: (line: string) => void },
): Promise<string[]>;
export declare function applySeed(
  db: PGlite,
  options?: { paths?: string[]; log?: (line: string) => void },
): Promise<void>;
export declare function prepareDatabase(
  db: PGlite,
  options?: { seed?: boolean; log?: (line: string) => void },
): Promise<void>;
