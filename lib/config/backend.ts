/**
 * Where the organisation's Supabase project is: from managed policy (admins; it then locks the
 * options page) or from the options page. Parsed with zod wherever it is read; a bad value is a
 * sentence saying what to fix, never a half-configured client.
 */
import { z } from 'zod/mini';

export const BACKEND_KEY = 'backend';

export const BackendConfigSchema = z.object({
  url: z.string().check(
    z.maxLength(300),
    z.refine(
      (value) => {
        try {
          const url = new URL(value);
          // Plain http only for this machine (the local stack); anything remote must be https.
          return (
            url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname))
          );
        } catch {
          return false;
        }
      },
      { error: 'Use your Supabase project URL, such as https://abcd.supabase.co (http only for 127.0.0.1).' },
    ),
  ),
  anonKey: z.string().check(
    z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$|^sb_publishable_[A-Za-z0-9_-]+$/, {
      error: "Use the project's anon (publishable) key from Supabase's API settings.",
    }),
  ),
});
export type BackendConfig = z.infer<typeof BackendConfigSchema>;

/** The config and whether an admin set it, or the sentence explaining why there is none. */
export type BackendSetting =
  | { config: BackendConfig; managed: boolean }
  | { config: null; managed: boolean; problem?: string };

export function parseBackendConfig(raw: unknown): { config: BackendConfig } | { problem: string } {
  const parsed = BackendConfigSchema.safeParse(raw);
  if (parsed.success) return { config: { url: parsed.data.url.replace(/\/+$/, ''), anonKey: parsed.data.anonKey } };
  return { problem: [...new Set(parsed.error.issues.map((issue) => issue.message))].join(' ') };
}

/** Managed policy wins over the options page; a broken managed value is reported, not ignored. */
export function resolveBackendSetting(managed: Record<string, unknown>, stored: unknown): BackendSetting {
  if (managed['supabaseUrl'] !== undefined || managed['supabaseAnonKey'] !== undefined) {
    const parsed = parseBackendConfig({ url: managed['supabaseUrl'], anonKey: managed['supabaseAnonKey'] });
    return 'config' in parsed
      ? { config: parsed.config, managed: true }
      : {
          config: null,
          managed: true,
          problem: `The supabaseUrl/supabaseAnonKey policy was ignored: ${parsed.problem}`,
        };
  }
  if (stored === undefined) return { config: null, managed: false };
  const parsed = parseBackendConfig(stored);
  return 'config' in parsed
    ? { config: parsed.config, managed: false }
    : { config: null, managed: false, problem: parsed.problem };
}
