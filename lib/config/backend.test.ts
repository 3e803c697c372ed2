import { describe, expect, it } from 'vitest';
import { parseBackendConfig, resolveBackendSetting } from './backend';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl';

describe('backend config', () => {
  it('accepts a Supabase project URL and anon key, trimming a trailing slash', () => {
    expect(parseBackendConfig({ url: 'https://abcd.supabase.co/', anonKey: KEY })).toEqual({
      config: { url: 'https://abcd.supabase.co', anonKey: KEY },
    });
    expect(parseBackendConfig({ url: 'http://127.0.0.1:54321', anonKey: KEY })).toHaveProperty('config');
  });

  it('refuses plain http off this machine and keys that are not keys, saying what to use', () => {
    expect(parseBackendConfig({ url: 'http://abcd.supabase.co', anonKey: KEY })).toEqual({
      problem: 'Use your Supabase project URL, such as https://abcd.supabase.co (http only for 127.0.0.1).',
    });
    expect(parseBackendConfig({ url: 'https://abcd.supabase.co', anonKey: 'password123' })).toEqual({
      problem: "Use the project's anon (publishable) key from Supabase's API settings.",
    });
  });

  it('lets managed policy win over the options page, and reports a broken policy', () => {
    const stored = { url: 'https://mine.supabase.co', anonKey: KEY };
    expect(resolveBackendSetting({ supabaseUrl: 'https://org.supabase.co', supabaseAnonKey: KEY }, stored)).toEqual({
      config: { url: 'https://org.supabase.co', anonKey: KEY },
      managed: true,
    });
    expect(resolveBackendSetting({}, stored)).toEqual({ config: stored, managed: false });
    expect(resolveBackendSetting({ supabaseUrl: 'ftp://x' }, stored)).toMatchObject({
      config: null,
      managed: true,
      problem: expect.stringMatching(/^The supabaseUrl\/supabaseAnonKey policy was ignored: /),
    });
    expect(resolveBackendSetting({}, undefined)).toEqual({ config: null, managed: false });
  });
});
