/**
 * The whole local stack (startBackend: PGlite + PostgREST + gateway + auth stand-in, seeded) for one
 * HTTP test file, on free ports with an in-memory database, and supabase-js clients for it: anonymous,
 * or signed in through the emailed-code flow (the stand-in hands the test the code).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBackend, type Backend } from '../../../scripts/backend/index.mjs';

export interface SeededStack {
  /** Set before the file's first test runs. */
  readonly backend: Backend;
  codes: Map<string, string>;
  client(): SupabaseClient;
  signIn(email: string): Promise<SupabaseClient>;
}

export function useSeededStack(): SeededStack {
  const codes = new Map<string, string>();
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await startBackend({
      port: 0,
      dbPort: 0,
      dataDir: null,
      onCode: ({ email, code }) => codes.set(email, code),
      log: () => {},
    });
  }, 60_000);
  afterAll(async () => {
    await backend?.stop();
  });

  const stack: SeededStack = {
    get backend() {
      if (!backend) throw new Error('The local stack is not started yet: use it inside a test.');
      return backend;
    },
    codes,
    client: () =>
      createClient(stack.backend.url, stack.backend.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      }),
    async signIn(email) {
      const supabase = stack.client();
      const sent = await supabase.auth.signInWithOtp({ email });
      expect(sent.error).toBeNull();
      const code = codes.get(email);
      expect(code).toMatch(/^\d{6}$/);
      const verified = await supabase.auth.verifyOtp({ email, token: code!, type: 'email' });
      expect(verified.error).toBeNull();
      return supabase;
    },
  };
  return stack;
}
