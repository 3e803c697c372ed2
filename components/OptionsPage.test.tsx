// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import type { Settings } from '@/lib/config/settings';
import { OptionsPage } from './OptionsPage';

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
      />,
    );
    await flush();
    await act(() => view.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click());
    await flush();
    expect(view.querySelector('[role="status"]')?.textContent).toMatch(/couldn't be saved/);
  });
});
