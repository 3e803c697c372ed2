// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { cache, testServices, type, until, withPeer } from '@/tests/fixtures/peer';
import { bob, lessonKey, newPost, newThread } from '@/tests/fixtures/sync-harness';
import { SearchBox } from './SearchBox';

describe('SearchBox', () => {
  it('finds questions by their words or their answers, once each, and opens one', async () => {
    const services = testServices();
    const { db } = services;
    const byTitle = newThread(bob, 'How do I pivot a table?', { updatedAt: 5 });
    const byAnswer = newThread(bob, 'Reshaping data', { updatedAt: 6 });
    const elsewhere = newThread(bob, 'Pivot tables in other tools', { placeKey: `${lessonKey}x`, updatedAt: 7 });
    const unrelated = newThread(bob, 'Window functions', { updatedAt: 8 });
    for (const thread of [byTitle, byAnswer, elsewhere, unrelated]) await cache.thread(db, thread);
    await cache.post(db, newPost(bob, byAnswer.id, 'Use a pivot, then melt it back.'));
    await cache.post(db, newPost(bob, byTitle.id, 'A pivot needs an index column.'));
    const onOpen = vi.fn();
    await act(() => void renderWithStrings(withPeer(services, <SearchBox placeKey={lessonKey} onOpen={onOpen} />)));

    await type(document.querySelector<HTMLInputElement>('input[type="search"]')!, 'pivo');
    await until(() => document.querySelectorAll('.search-results li').length === 3, 'three results');
    const titles = [...document.querySelectorAll('.search-results li')].map((li) => li.textContent);
    expect(titles.sort()).toEqual(
      [byAnswer.title, byTitle.title, `${elsewhere.title} (on another page of your course)`].sort(),
    );
    expect(document.querySelector('.search [role="status"]')!.textContent).toBe('3 questions match.');
    await act(() => document.querySelector<HTMLButtonElement>('.search-results button')!.click());
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when nothing matches', async () => {
    const services = testServices();
    await act(() => void renderWithStrings(withPeer(services, <SearchBox placeKey={lessonKey} onOpen={vi.fn()} />)));
    await type(document.querySelector<HTMLInputElement>('input[type="search"]')!, 'nothing here');
    await until(
      () => /No saved question matches/.test(document.querySelector('.search')!.textContent ?? ''),
      'the sentence',
    );
  });
});
