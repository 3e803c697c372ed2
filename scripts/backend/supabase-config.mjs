// Reads supabase/config.toml, the Supabase CLI's project file, so the local stack and `supabase start`
// share one source of truth for ports, token lifetimes and the auth hook. A reader for the subset of
// TOML that file uses (tables, strings, numbers, booleans, one-line arrays); it never writes the file.
import { readFileSync } from 'node:fs';

export function readSupabaseConfig(path) {
  const config = {};
  let table = config;
  for (const [index, rawLine] of readFileSync(path, 'utf8').split('\n').entries()) {
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      table = header[1].split('.').reduce((parent, name) => (parent[name] ??= {}), config);
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!pair) throw new Error(`${path}:${index + 1}: cannot read "${line}" (only simple TOML is supported).`);
    table[pair[1]] = parseValue(pair[2], `${path}:${index + 1}`);
  }
  return config;
}

function stripComment(line) {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function parseValue(text, where) {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text.startsWith('"') || text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      // fall through to the error below
    }
  }
  throw new Error(`${where}: unsupported TOML value ${text}`);
}

/** The schema and function of a `pg-functions://postgres/<schema>/<function>` hook URI. */
export function postgresHookFunction(hook) {
  if (!hook?.enabled) return null;
  const match = /^pg-functions:\/\/[^/]+\/([a-z_][a-z0-9_]*)\/([a-z_][a-z0-9_]*)$/.exec(hook.uri ?? '');
  if (!match) throw new Error(`Only Postgres function hooks run locally; cannot use "${hook.uri}".`);
  return { schema: match[1], name: match[2] };
}
