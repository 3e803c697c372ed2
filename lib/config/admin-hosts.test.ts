import { describe, expect, it } from 'vitest';
import { ADMIN_SCRIPT_ID, syncAdminContentScripts, type RegistrationApis } from './admin-hosts';

const manifest = ['*://*.instructure.com/*', '*://*.moodlecloud.com/*'];

function fakeApis(grantedOrigins: string[], registered: string[] = []) {
  const calls: string[] = [];
  const state = { registered: registered.map((id) => ({ id, matches: [] as string[] })) };
  const apis: RegistrationApis = {
    permissions: { contains: async ({ origins }) => origins.every((origin) => grantedOrigins.includes(origin)) },
    scripting: {
      getRegisteredContentScripts: async ({ ids }) => state.registered.filter((script) => ids.includes(script.id)),
      unregisterContentScripts: async ({ ids }) => {
        calls.push(`unregister ${ids.join()}`);
        state.registered = state.registered.filter((script) => !ids.includes(script.id));
      },
      registerContentScripts: async (scripts) => {
        calls.push(`register ${scripts.map((script) => script.matches.join(' ')).join()}`);
        state.registered.push(...scripts);
      },
    },
  };
  return { apis, calls, state };
}

describe('syncAdminContentScripts', () => {
  it('registers the content script on permitted rule hosts and reports those awaiting permission', async () => {
    const { apis, state } = fakeApis(['*://learn.example.edu/*']);
    const waiting = await syncAdminContentScripts(
      apis,
      [
        { host: 'learn.example.edu', platform: 'moodle' },
        { host: '*.academy.example.com', platform: 'custom', pattern: '^/t/(?<course>\\w+)' },
      ],
      manifest,
    );
    expect(state.registered).toEqual([
      expect.objectContaining({ id: ADMIN_SCRIPT_ID, matches: ['*://learn.example.edu/*'] }),
    ]);
    expect(waiting).toEqual(['*://*.academy.example.com/*']);
  });

  it('never registers hosts the manifest already covers', async () => {
    const { apis, calls } = fakeApis(['*://*.instructure.com/*']);
    const waiting = await syncAdminContentScripts(
      apis,
      [
        { host: '*.instructure.com', platform: 'canvas' },
        { host: 'learn.moodlecloud.com', platform: 'custom', pattern: '^/c/(?<course>\\d+)' },
      ],
      manifest,
    );
    expect(calls).toEqual([]);
    expect(waiting).toEqual([]);
  });

  it('replaces an earlier registration, and removes it when no rule is left', async () => {
    const { apis, calls, state } = fakeApis(['*://learn.example.edu/*'], [ADMIN_SCRIPT_ID]);
    await syncAdminContentScripts(apis, [], manifest);
    expect(calls).toEqual([`unregister ${ADMIN_SCRIPT_ID}`]);
    expect(state.registered).toEqual([]);
  });
});
