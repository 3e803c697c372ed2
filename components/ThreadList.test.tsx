// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { cache, settle, testServices, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, carol, lessonKey, newPlace, newPost, newThread } from '@/tests/fixtures/sync-harness';
import { ThreadList } from './ThreadList';

describe('ThreadList', () => {
  it('invites the first question when the place has none', async () => {
    const services = testServices();
    const onAsk = vi.fn();
    const view = renderWithStrings(
      withPeer(services, <ThreadList placeKey={lessonKey} onOpen={vi.fn()} onAsk={onAsk} />),
    );
    await until(() => view.textContent!.includes('No questions about this page yet.'), 'the empty state');
    await act(() => view.querySelector('button')!.click());
    expect(onAsk).toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });

  it('lists titles, answer counts, best score and status, newest activity first, and follows new rows', async () => {
    const services = testServices();
    const { db } = services;
    await cache.place(db, newPlace());
    const quiet = newThread(bob, 'Why does a LEFT JOIN give NULLs?', { updatedAt: 10 });
    const busy = newThread(carol, 'Inner join or where clause?', { updatedAt: 5, status: 'answered' });
    const solved = newThread(bob, 'Join order', { updatedAt: 1, status: 'resolved' });
    for (const thread of [quiet, busy, solved]) await cache.thread(db, thread);
    await cache.post(db, newPost(bob, busy.id, 'Same plan.', { createdAt: 50, updatedAt: 50, score: 4 }));
    await cache.post(db, newPost(bob, busy.id, 'Depends.', { createdAt: 20, updatedAt: 20, score: -1 }));
    const accepted = newPost(carol, solved.id, 'Left to right.', { createdAt: 2, updatedAt: 2, score: 1 });
    await cache.post(db, accepted);
    await cache.thread(db, { ...solved, acceptedPostId: accepted.id });
    const onOpen = vi.fn();

    const view = renderWithStrings(
      withPeer(services, <ThreadList placeKey={lessonKey} onOpen={onOpen} onAsk={vi.fn()} />),
    );
    await until(() => view.querySelectorAll('li').length === 3, 'three questions');
    const items = [...view.querySelectorAll('li')];
    // The busy question's newest answer (at 50) is the newest activity.
    expect(items.map((item) => item.querySelector('h4')!.textContent)).toEqual([busy.title, quiet.title, solved.title]);
    expect(items[0]!.textContent).toContain('2 answers');
    expect(items[0]!.textContent).toContain('best answer score 4');
    expect(items[0]!.textContent).toContain('Answered');
    expect(items[1]!.textContent).toContain('0 answers');
    expect(items[1]!.textContent).toContain('Unanswered');
    expect(items[2]!.textContent).toContain('1 answer');
    expect(items[2]!.textContent).toContain('Resolved');

    await act(() => items[1]!.querySelector('button')!.click());
    expect(onOpen).toHaveBeenCalledWith(quiet.id);

    // Sync brings a new question: it appears without a reload.
    await cache.thread(db, newThread(carol, 'Self joins', { updatedAt: 99 }));
    await until(() => view.querySelectorAll('li').length === 4, 'the synced question');
    expect(view.querySelector('li h4')!.textContent).toBe('Self joins');
    expect(await axeViolations()).toEqual([]);
  });

  it("shows only this place's questions, titles as text, and marks unsent ones", async () => {
    const services = testServices();
    const { db } = services;
    await cache.thread(db, newThread(bob, '<img src=x onerror=alert(1)>', { updatedAt: 3 }));
    await cache.thread(db, newThread(bob, 'Elsewhere', { placeKey: `${lessonKey}x` }));
    const mine = newThread(viewer.userId, 'My unsent question', { updatedAt: 4 });
    await db.threads.put({ ...(await db.threads.get(await cache.thread(db, mine)))!, sync: 'pending' });
    const view = renderWithStrings(
      withPeer(services, <ThreadList placeKey={lessonKey} onOpen={vi.fn()} onAsk={vi.fn()} />),
    );
    await settle();
    await until(() => view.querySelectorAll('li').length === 2, 'two questions');
    expect(view.querySelector('img')).toBeNull();
    expect(view.textContent).not.toContain('Elsewhere');
    expect(view.querySelector('li')!.textContent).toContain('Waiting to send');
    expect(await axeViolations()).toEqual([]);
  });
});
