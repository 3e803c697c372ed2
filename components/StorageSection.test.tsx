// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { StorageSection } from './StorageSection';

const flush = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('StorageSection', () => {
  it('says what is saved, and clears it keeping unsent writes', async () => {
    const clear = vi.fn(async () => ({ questions: 1, answers: 0, unsent: 1, bytes: 500_000 }));
    const view = renderWithStrings(
      <StorageSection
        actions={{ usage: async () => ({ questions: 120, answers: 340, unsent: 1, bytes: 2_400_000 }), clear }}
      />,
    );
    await flush();
    expect(view.textContent).toContain('Peerside keeps 120 questions and 340 answers here');
    expect(view.textContent).toContain('1 of your writes are not sent yet; clearing keeps them.');
    await act(() => view.querySelector('button')!.click());
    await flush();
    expect(clear).toHaveBeenCalled();
    expect(view.querySelector('[role="status"]')?.textContent).toBe(
      "Cleared. Anything you wrote that isn't sent yet was kept.",
    );
    expect(view.textContent).toContain('Peerside keeps 1 questions and 0 answers here');
    expect(await axeViolations()).toEqual([]);
  });

  it('says what to do when the cache cannot be read', async () => {
    const view = renderWithStrings(
      <StorageSection actions={{ usage: () => Promise.reject(new Error('gone')), clear: vi.fn() }} />,
    );
    await flush();
    expect(view.querySelector('[role="status"]')?.textContent).toMatch(/Reload this page/);
  });
});
