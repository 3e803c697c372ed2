/**
 * The background's connection to the organisation's Supabase project: which server (managed policy,
 * else the options page), one supabase-js client for it, and sign-in. Pages ask for all of this by
 * message; tokens never leave the background. Storage and policy reads are parameters.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { BACKEND_KEY, parseBackendConfig, resolveBackendSetting, type BackendConfig } from '../config/backend';
import type { Connection, Outcome } from '../domain/account';
import { createBackendClient, currentAccount, sendCode, signOut, verifyCode } from './account';
import type { KeyValueArea } from './auth-storage';

export interface ConnectionDeps {
  /** chrome.storage.managed, read fresh each time (policies change while the browser runs). */
  readManaged(): Promise<Record<string, unknown>>;
  /** Extension-private storage: the options-page setting and the auth session live here. */
  area: KeyValueArea;
}

export interface BackendConnection {
  state(): Promise<Connection>;
  saveBackend(url: string, anonKey: string): Promise<Outcome>;
  sendCode(email: string): Promise<Outcome>;
  verify(email: string, code: string): Promise<Outcome>;
  signOut(): Promise<Outcome>;
  /** The client for the current server, or null when none is configured (for sync). */
  client(): Promise<SupabaseClient | null>;
  /** The current server's anon key (the sync remote sends it as PostgREST's apikey). */
  anonKey(): Promise<string | null>;
}

export function createConnection({ readManaged, area }: ConnectionDeps): BackendConnection {
  let cached: { config: BackendConfig; client: SupabaseClient } | undefined;

  async function setting() {
    const [managed, stored] = await Promise.all([readManaged().catch(() => ({})), area.get(BACKEND_KEY)]);
    return resolveBackendSetting(managed, stored[BACKEND_KEY]);
  }

  async function client(): Promise<SupabaseClient | null> {
    const { config } = await setting();
    if (!config) return null;
    if (!cached || cached.config.url !== config.url || cached.config.anonKey !== config.anonKey) {
      cached = { config, client: createBackendClient(config, area) };
    }
    return cached.client;
  }

  const notConnected: Outcome = {
    ok: false,
    error: "Peerside isn't connected to your organisation yet: add its server first.",
  };

  return {
    client,
    async anonKey() {
      return (await setting()).config?.anonKey ?? null;
    },
    async state() {
      const current = await setting();
      if (!current.config) {
        return {
          backend: current.problem ? 'invalid' : 'missing',
          managed: current.managed,
          problem: current.problem,
          account: null,
        };
      }
      const supabase = await client();
      // getSession() on every wake: it restores the session and refreshes an expired token.
      const account = supabase ? await currentAccount(supabase).catch(() => null) : null;
      return { backend: 'ready', managed: current.managed, backendUrl: current.config.url, account };
    },
    async saveBackend(url, anonKey) {
      if ((await setting()).managed) {
        return { ok: false, error: 'Your organisation set the server for you; it cannot be changed here.' };
      }
      const parsed = parseBackendConfig({ url, anonKey });
      if (!('config' in parsed)) return { ok: false, error: parsed.problem };
      await area.set({ [BACKEND_KEY]: parsed.config });
      return { ok: true };
    },
    async sendCode(email) {
      const supabase = await client();
      if (!supabase) return notConnected;
      const result = await sendCode(supabase, email);
      return result.ok ? { ok: true } : { ok: false, error: result.error };
    },
    async verify(email, code) {
      const supabase = await client();
      if (!supabase) return notConnected;
      const result = await verifyCode(supabase, email, code);
      return result.ok ? { ok: true } : { ok: false, error: result.error };
    },
    async signOut() {
      const supabase = await client();
      if (supabase) await signOut(supabase);
      return { ok: true };
    },
  };
}
