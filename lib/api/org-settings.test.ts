/** The organisation's settings as the background reads and changes them, against the real local stack. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { DEFAULT_ORG_SETTINGS } from '../domain/org-settings';
import { readOrgSettings, updateOrgSettings } from './org-settings';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql: Northwind has a row with the defaults, Contoso none.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const PRIYA = 'priya.raman@northwind.example';
const AMARA = 'amara.okafor@northwind.example';
const BEN = 'ben.carter@contoso.example';

async function settingsOf(client: SupabaseClient, orgId: string) {
  const answer = await readOrgSettings(client, orgId);
  if (!answer.ok) throw new Error(answer.error);
  return answer.settings;
}

describe('org settings', () => {
  it("reads the member's own org: its row, or the defaults when nobody configured it", async () => {
    expect(await settingsOf(await signedIn(AMARA), NORTHWIND)).toEqual(DEFAULT_ORG_SETTINGS);
    expect(await settingsOf(await signedIn(BEN), CONTOSO)).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it('lets an admin change some switches, keeps the others, and leaves other orgs alone', async () => {
    const priya = await signedIn(PRIYA);
    expect(await updateOrgSettings(priya, { circlesEnabled: false, preModeration: true })).toEqual({ ok: true });
    const changed = { ...DEFAULT_ORG_SETTINGS, circlesEnabled: false, preModeration: true };
    expect(await settingsOf(priya, NORTHWIND)).toEqual(changed);
    // Members of the org read the same settings; the panel then hides what is off.
    expect(await settingsOf(await signedIn(AMARA), NORTHWIND)).toEqual(changed);
    // Another org is unaffected, and its members cannot read Northwind's row (RLS: nothing, so defaults).
    const ben = await signedIn(BEN);
    expect(await settingsOf(ben, CONTOSO)).toEqual(DEFAULT_ORG_SETTINGS);
    expect(await settingsOf(ben, NORTHWIND)).toEqual(DEFAULT_ORG_SETTINGS);

    // Back as they were (this file's backend is its own, but the next test reads them).
    expect(await updateOrgSettings(priya, { circlesEnabled: true, preModeration: false })).toEqual({ ok: true });
    expect(await settingsOf(priya, NORTHWIND)).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it("refuses a learner with the database's sentence and changes nothing", async () => {
    const amara = await signedIn(AMARA);
    expect(await updateOrgSettings(amara, { circlesEnabled: false })).toEqual({
      ok: false,
      error: "Only admins can change your organisation's settings.",
    });
    expect(await settingsOf(amara, NORTHWIND)).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it("passes the database's sentence on when asked to change nothing", async () => {
    const answer = await updateOrgSettings(await signedIn(PRIYA), {});
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^Say which setting to change: /);
  });

  it('says it needs a connection when the server cannot be reached', async () => {
    const offline = {
      from: () => ({
        select: () => ({
          eq: () => ({
            maybeSingle: () => ({
              retry: async () => ({ data: null, error: { message: 'fetch failed' }, status: 0 }),
            }),
          }),
        }),
      }),
    } as unknown as SupabaseClient;
    expect(await readOrgSettings(offline, NORTHWIND)).toEqual({
      ok: false,
      error: "Your organisation's settings need a connection. Try again when you're back online.",
    });
  });
});
