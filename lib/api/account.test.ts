/**
 * Sign-in as the extension's background does it, against the real local stack (PGlite, PostgREST and
 * the auth stand-in, which fakes only Supabase Auth's server: it prints codes instead of emailing them).
 */
import { describe, expect, it } from 'vitest';
import { memoryArea, useLocalBackend } from '@/tests/fixtures/local-backend';
import { createBackendClient, currentAccount, sendCode, signOut, verifyCode } from './account';

const local = useLocalBackend();
const codes = local.codes;

const config = () => ({ url: local.backend.url, anonKey: local.backend.anonKey });

describe('account', () => {
  it('signs a seeded learner in with an emailed code and names them, their org and role', async () => {
    const client = createBackendClient(config(), memoryArea());
    expect(await sendCode(client, 'amara.okafor@northwind.example')).toEqual({ ok: true, value: null });
    const result = await verifyCode(
      client,
      'amara.okafor@northwind.example',
      codes.get('amara.okafor@northwind.example')!,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        orgId: '10000000-0000-4000-8000-000000000001',
        email: 'amara.okafor@northwind.example',
        displayName: 'Amara Okafor',
        orgName: 'Northwind Learning',
        role: 'learner',
      },
    });
  });

  it('keeps the session in extension storage, so a restarted worker is still signed in; sign-out forgets it', async () => {
    const area = memoryArea();
    const first = createBackendClient(config(), area);
    await sendCode(first, 'tomas.alvarez@northwind.example');
    await verifyCode(first, 'tomas.alvarez@northwind.example', codes.get('tomas.alvarez@northwind.example')!);

    const afterRestart = createBackendClient(config(), area);
    expect(await currentAccount(afterRestart)).toMatchObject({ displayName: 'Tomás Álvarez', role: 'moderator' });
    await signOut(afterRestart);
    expect(await currentAccount(createBackendClient(config(), area))).toBeNull();
  });

  it('answers a wrong code with a sentence saying what to do', async () => {
    const client = createBackendClient(config(), memoryArea());
    await sendCode(client, 'amara.okafor@northwind.example');
    const result = await verifyCode(client, 'amara.okafor@northwind.example', '000000');
    expect(result).toEqual({
      ok: false,
      error: 'That code is wrong or has expired. Ask for a new code and enter it within a few minutes.',
    });
  });

  it("says plainly when the organisation's server cannot be reached", async () => {
    const client = createBackendClient({ url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey }, memoryArea());
    expect(await sendCode(client, 'amara.okafor@northwind.example')).toEqual({
      ok: false,
      error: "Peerside can't reach your organisation's server. Check your connection, then try again.",
    });
  });
});
