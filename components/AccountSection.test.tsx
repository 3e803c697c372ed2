// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { AccountSection, type AccountActions } from './AccountSection';

const actions = (): AccountActions & { [K in keyof AccountActions]: ReturnType<typeof vi.fn> } => ({
  saveBackend: vi.fn(async () => ({ ok: true })),
  sendCode: vi.fn(async () => ({ ok: true })),
  verify: vi.fn(async () => ({ ok: true })),
  signOut: vi.fn(async () => ({ ok: true })),
});

describe('AccountSection', () => {
  it('pre-fills a suggested server (development builds) and connects to it', async () => {
    const spy = actions();
    const view = renderWithStrings(
      <AccountSection
        connection={{ backend: 'missing', managed: false, account: null }}
        actions={spy}
        suggested={{ url: 'http://127.0.0.1:54321', anonKey: 'a.b.c' }}
      />,
    );
    expect(view.querySelector<HTMLInputElement>('input[name="url"]')!.value).toBe('http://127.0.0.1:54321');
    expect(view.querySelector<HTMLInputElement>('input[name="anonKey"]')!.value).toBe('a.b.c');
    await act(() => view.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(spy.saveBackend).toHaveBeenCalledWith('http://127.0.0.1:54321', 'a.b.c');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a server set by policy without letting the learner change it', () => {
    const view = renderWithStrings(
      <AccountSection
        connection={{ backend: 'ready', managed: true, backendUrl: 'https://org.supabase.co', account: null }}
        actions={actions()}
      />,
    );
    expect(view.textContent).toContain('Your organisation connected Peerside to https://org.supabase.co.');
    expect(view.querySelector('input[name="url"]')).toBeNull();
    expect(view.querySelector('input[name="email"]')).not.toBeNull();
  });
});
