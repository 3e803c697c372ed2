// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import type { Settings } from '@/lib/config/settings';
import { OptionsPage, type OptionsPageProps } from './OptionsPage';

const noPolicy: Pick<OptionsPageProps, 'policy' | 'allowHosts' | 'connection' | 'accountActions'> = {
  policy: { ruleHosts: [], waiting: [], problems: [] },
  allowHosts: async () => false,
  connection: undefined,
  accountActions: {
    saveBackend: async () => ({ ok: true }),
    sendCode: async () => ({ ok: true }),
    verify: async () => ({ ok: true }),
    signOut: async () => ({ ok: true }),
  },
};

const flush = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('OptionsPage', () => {
  it('shows the stored setting and saves a change, saying so', async () => {
    const save = vi.fn<(settings: Settings) => Promise<void>>(async () => undefined);
    const view = renderWithStrings(
      <OptionsPage
        load={async () => ({ showLauncher: false })}
        save={save}
        sites={['*://*.instructure.com/*']}
        version="1.2.3"
        {...noPolicy}
      />,
    );
    await flush();
    const box = view.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.checked).toBe(false);
    await act(() => box.click());
    await flush();
    expect(save).toHaveBeenCalledWith({ showLauncher: true });
    expect(view.querySelector('[role="status"]')?.textContent).toBe('Saved.');
    expect(view.textContent).toContain('*://*.instructure.com/*');
    expect(view.textContent).toContain('Version 1.2.3');
    expect(await axeViolations()).toEqual([]);
  });

  it('says what to do when saving fails', async () => {
    const view = renderWithStrings(
      <OptionsPage
        load={async () => ({ showLauncher: true })}
        save={() => Promise.reject(new Error('quota'))}
        sites={[]}
        version="1"
        {...noPolicy}
      />,
    );
    await flush();
    await act(() => view.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click());
    await flush();
    expect(view.querySelector('[role="status"]')?.textContent).toMatch(/couldn't be saved/);
  });

  it('shows admin rule hosts, asks for permission on those waiting, and lists skipped rules', async () => {
    const allowHosts = vi.fn(async () => true);
    const view = renderWithStrings(
      <OptionsPage
        load={async () => ({ showLauncher: true })}
        save={async () => undefined}
        sites={[]}
        version="1"
        policy={{
          ruleHosts: ['*://learn.example.edu/*', '*://*.academy.example.com/*'],
          waiting: ['*://*.academy.example.com/*'],
          problems: ['LMS rule 3 (x) was skipped: Use a host name such as learn.example.com.'],
        }}
        allowHosts={allowHosts}
        connection={undefined}
        accountActions={noPolicy.accountActions}
      />,
    );
    await flush();
    expect(view.textContent).toContain('*://learn.example.edu/*');
    expect(view.textContent).toContain('Peerside needs your permission to read pages on 1 of these sites.');
    expect(view.textContent).toContain('LMS rule 3 (x) was skipped');
    await act(() => view.querySelector<HTMLButtonElement>('button')!.click());
    await flush();
    expect(allowHosts).toHaveBeenCalledWith(['*://*.academy.example.com/*']);
    expect(view.textContent).toContain('Peerside now works on these sites');
    expect(view.querySelector('button')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });
});
