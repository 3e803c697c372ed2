// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { readOutbox } from '@/lib/sync/outbox';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { cache, coursePlace, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, lessonKey, newPlace, newPost, newThread } from '@/tests/fixtures/sync-harness';
import { AskComposer, type Draft, type AskComposerProps } from './AskComposer';

/** The composer with its draft kept in the test, as PeerPanel keeps it. */
function renderComposer(services: ReturnType<typeof testServices>, props: Partial<AskComposerProps> = {}) {
  let draft: Draft = { title: '', body: '' };
  const announce = vi.fn<(message: string) => void>();
  const handlers = { onOpen: vi.fn(), onPosted: vi.fn(), onCancel: vi.fn() };
  const show = () =>
    act(() => {
      renderWithStrings(
        withPeer(
          services,
          <AskComposer
            place={coursePlace}
            draft={draft}
            onDraft={(next) => {
              draft = next;
              void show();
            }}
            {...handlers}
            {...props}
          />,
          announce,
        ),
      );
    });
  return { show, announce, handlers };
}

describe('AskComposer', () => {
  it('suggests similar questions from the local cache while the title is typed, and opens one', async () => {
    const services = testServices();
    const { db } = services;
    const similar = newThread(bob, 'Why does my LEFT JOIN return NULL rows?', { updatedAt: 5 });
    const viaAnswer = newThread(bob, 'Outer joins confusion', { updatedAt: 9 });
    const unrelated = newThread(bob, 'Window functions', { updatedAt: 7 });
    const elsewhere = newThread(bob, 'NULL rows after a join', { placeKey: `${lessonKey}x`, updatedAt: 8 });
    for (const thread of [similar, viaAnswer, unrelated, elsewhere]) await cache.thread(db, thread);
    await cache.post(db, newPost(bob, viaAnswer.id, 'A left join keeps unmatched ones, with NULL on the right.'));

    const composer = renderComposer(services);
    await composer.show();
    const title = document.querySelector<HTMLInputElement>('input[name="title"]')!;
    expect(document.activeElement).toBe(title);
    await type(title, 'left join gives NULL rows');
    await until(() => document.querySelectorAll('.suggestions li').length > 0, 'suggestions');
    const suggested = [...document.querySelectorAll('.suggestions li')].map((li) => li.textContent);
    expect(suggested[0]).toBe(similar.title); // matches the most words
    expect(suggested).toContain(viaAnswer.title); // found through its answer
    expect(suggested).toContain(`${elsewhere.title} (on another page of your course)`);
    expect(suggested).not.toContain(unrelated.title);
    expect(document.querySelector('[role="status"]')!.textContent).toMatch(/similar questions were already asked/);

    await act(() => document.querySelector<HTMLButtonElement>('.suggestions button')!.click());
    expect(composer.handlers.onOpen).toHaveBeenCalledWith(similar.id);
    expect(await axeViolations()).toEqual([]);
  });

  it('posts the question and its place locally, in the outbox, and asks for a sync', async () => {
    const services = testServices();
    const { db } = services;
    const composer = renderComposer(services);
    await composer.show();
    await type(document.querySelector<HTMLInputElement>('input[name="title"]')!, '  How do I join three tables?  ');
    await type(document.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!, 'Orders, customers, items.');
    await act(() => document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await until(() => composer.handlers.onPosted.mock.calls.length === 1, 'the question to be posted');

    const [threadId] = composer.handlers.onPosted.mock.calls[0]! as [string];
    const thread = await db.threads.get(threadId);
    expect(thread).toMatchObject({
      title: 'How do I join three tables?',
      body: 'Orders, customers, items.',
      authorId: viewer.userId,
      orgId: viewer.orgId,
      placeKey: lessonKey,
      sync: 'pending',
    });
    const place = await db.places.get([viewer.orgId, lessonKey]);
    expect(place).toMatchObject({ courseTitle: 'Databases 101', lessonTitle: 'Joins', createdBy: viewer.userId });
    expect((await readOutbox(db)).map((entry) => [entry.table, entry.op])).toEqual([
      ['places', 'insert'],
      ['threads', 'insert'],
    ]);
    expect(services.requestSync).toHaveBeenCalled();
    expect(composer.announce).toHaveBeenCalledWith('Your question is saved on this device and is being sent.');
  });

  it('does not queue the place again when this org already has it', async () => {
    const services = testServices();
    await cache.place(services.db, newPlace());
    const composer = renderComposer(services);
    await composer.show();
    await type(document.querySelector<HTMLInputElement>('input[name="title"]')!, 'Natural joins?');
    await act(() => document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await until(() => composer.handlers.onPosted.mock.calls.length === 1, 'the question to be posted');
    expect((await readOutbox(services.db)).map((entry) => entry.table)).toEqual(['threads']);
  });

  it('shows the refusal sentence and queues nothing', async () => {
    const services = testServices();
    const composer = renderComposer(services);
    await composer.show();
    await type(document.querySelector<HTMLInputElement>('input[name="title"]')!, 'ab');
    await act(() => document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await until(() => document.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(document.querySelector('[role="alert"]')!.textContent).toBe(
      'Give your question a title of 3 to 200 characters.',
    );
    expect(await services.db.outbox.count()).toBe(0);
    expect(await services.db.places.count()).toBe(0); // the place went back with the refused question
    expect(services.requestSync).not.toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });
});
