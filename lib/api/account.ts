/**
 * The ONLY importer of supabase-js (with the sync remote): the background's client for the
 * organisation's Supabase project, email one-time-code sign-in, and who the learner is there. Every
 * row and claim read from the server is parsed with zod. Errors become sentences saying what to do.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { BackendConfig } from '../config/backend';
import { extensionAuthStorage, type KeyValueArea } from './auth-storage';

import { RoleSchema, type Account } from '../domain/account';

/** The claims the custom access token hook puts in the JWT (supabase/migrations/*_custom_access_token_hook.sql). */
const ClaimsSchema = z.object({
  sub: z.string(),
  email: z.optional(z.string()),
  app_metadata: z.optional(
    z.object({
      org_id: z.optional(z.nullable(z.string())),
      org_role: z.optional(z.nullable(RoleSchema)),
    }),
  ),
});

const MemberRowSchema = z.object({ display_name: z.string(), orgs: z.nullable(z.object({ name: z.string() })) });

export function createBackendClient(config: BackendConfig, area: KeyValueArea): SupabaseClient {
  return createClient(config.url, config.anonKey, {
    auth: {
      storage: extensionAuthStorage(area),
      storageKey: 'peerside-auth',
      persistSession: true,
      // Only the background makes a client, so exactly one context refreshes tokens.
      autoRefreshToken: true,
      detectSessionInUrl: false,
    },
  });
}

function decodeClaims(accessToken: string) {
  const payload = accessToken.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return ClaimsSchema.parse(JSON.parse(json));
}

/** Sentences for what a learner can meet while signing in. */
function sentenceFor(error: { status?: number; code?: string; message: string }): string {
  if (error.status === 429 || error.code === 'over_email_send_rate_limit') {
    return 'Too many codes were asked for. Wait a minute, then ask for a new one.';
  }
  if (error.code === 'otp_expired' || /expired|invalid/i.test(error.message)) {
    return 'That code is wrong or has expired. Ask for a new code and enter it within a few minutes.';
  }
  if (error.status === undefined || error.status === 0 || /fetch|network/i.test(error.message)) {
    return "Peerside can't reach your organisation's server. Check your connection, then try again.";
  }
  return `Sign-in failed: ${error.message}. Try again; if it keeps failing, tell your admin.`;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export async function sendCode(client: SupabaseClient, email: string): Promise<Result<null>> {
  const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
  return error ? { ok: false, error: sentenceFor(error) } : { ok: true, value: null };
}

export async function verifyCode(client: SupabaseClient, email: string, code: string): Promise<Result<Account>> {
  const { error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
  if (error) return { ok: false, error: sentenceFor(error) };
  const account = await currentAccount(client);
  return account
    ? { ok: true, value: account }
    : { ok: false, error: 'Signed in, but no session was kept. Try again.' };
}

/** Who is signed in (refreshing the session if it expired while the worker slept), or null. */
export async function currentAccount(client: SupabaseClient): Promise<Account | null> {
  const { data } = await client.auth.getSession();
  const session = data.session;
  if (!session) return null;
  const claims = decodeClaims(session.access_token);
  const orgId = claims.app_metadata?.org_id ?? undefined;
  const account: Account = {
    userId: claims.sub,
    orgId,
    email: claims.email ?? session.user.email ?? '',
    role: claims.app_metadata?.org_role ?? undefined,
  };
  if (!orgId) return account;
  const { data: member } = await client
    .from('members')
    .select('display_name, orgs(name)')
    .eq('user_id', claims.sub)
    .eq('org_id', orgId)
    .maybeSingle();
  const row = MemberRowSchema.safeParse(member);
  return row.success ? { ...account, displayName: row.data.display_name, orgName: row.data.orgs?.name } : account;
}

export async function signOut(client: SupabaseClient): Promise<void> {
  // Local scope: forget this browser's session even if the server cannot be reached.
  await client.auth.signOut({ scope: 'local' });
}
