// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { readOutbox } from '@/lib/sync/outbox';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { cache, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, carol, newPlace, newPost, newThread, newVote } from '@/tests/fixtures/sync-harness';
import type { PeerServices } from './peer-services';
import { ThreadView } from './ThreadView';

async function seeded(asker = bob) {
  const services = testServices();
  const { db } = services;
  await cache.place(db, newPlace());
  const thread = newThread(asker, 'Why does a LEFT JOIN give NULLs?', { body: 'Line one\n<b>not bold</b>' });
  await cache.thread(db, thread);
  const low = newPost(carol, thread.id, 'Check your ON clause.', { createdAt: 1, score: 1 });
  const high = newPost(carol, thread.id, 'Rows without a match get NULLs.', { createdAt: 2, score: 5 });
  const accepted = newPost(bob, thread.id, 'Use an inner join if you want only matches.', { createdAt: 3, score: 0 });
  for (const post of [low, high, accepted]) await cache.post(db, post);
  await cache.thread(db, { ...thread, status: 'resolved', acceptedPostId: accepted.id });
  return { services, db, thread, low, high, accepted };
}

function show(services: PeerServices, threadId: string, announce = vi.fn<(message: string) => void>()) {
  const onBack = vi.fn();
  const view = renderWithStrings(withPeer(services, <ThreadView threadId={threadId} onBack={onBack} />, announce));
  return { view, onBack, announce };
}

const answerTexts = (view: HTMLElement) =>
  [...view.querySelectorAll('.answers > li .user-text')].map((node) => node.textContent);
const scoreOf = (view: HTMLElement, index: number) =>
  view.querySelectorAll('.answers > li')[index]!.querySelector('.score')!.textContent;

describe('ThreadView', () => {
  it('shows the question as text, the accepted answer first, then by score, and focuses the title', async () => {
    const { services, thread, low, high, accepted } = await seeded();
    const { view, onBack } = show(services, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'three answers');
    expect(view.querySelector('h4')!.textContent).toBe(thread.title);
    expect(document.activeElement).toBe(view.querySelector('h4'));
    expect(view.querySelector('b')).toBeNull();
    expect(view.textContent).toContain('<b>not bold</b>');
    expect(answerTexts(view)).toEqual([accepted.body, high.body, low.body]);
    expect(view.querySelector('.answer-accepted')!.textContent).toContain('Accepted answer');
    expect(view.textContent).toContain('Resolved');
    await act(() => view.querySelector<HTMLButtonElement>('.back')!.click());
    expect(onBack).toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });

  it('votes once per learner: insert, change, withdraw; the score moves at once', async () => {
    const { services, db, thread, high } = await seeded();
    const { view, announce } = show(services, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    const highItem = () => view.querySelectorAll('.answers > li')[1]!;
    const up = () => highItem().querySelector<HTMLButtonElement>('button[aria-label="Helpful"]')!;
    const down = () => highItem().querySelector<HTMLButtonElement>('button[aria-label="Not helpful"]')!;

    await act(() => up().click());
    await until(() => up().getAttribute('aria-pressed') === 'true', 'the up vote');
    expect(scoreOf(view, 1)).toBe('Score 6');
    expect(await db.votes.where('postId').equals(high.id).toArray()).toMatchObject([
      { userId: viewer.userId, value: 1, sync: 'pending' },
    ]);
    expect(announce).toHaveBeenCalledWith('Vote saved.');

    await act(() => down().click());
    await until(() => down().getAttribute('aria-pressed') === 'true', 'the down vote');
    // Below the other answer now: 5 - 1 = 4 still beats 1, so the order holds; the score shows the change.
    expect(scoreOf(view, 1)).toBe('Score 4');

    await act(() => down().click());
    await until(() => down().getAttribute('aria-pressed') === 'false', 'the vote withdrawn');
    expect(scoreOf(view, 1)).toBe('Score 5');
    expect(await db.votes.count()).toBe(0);
    expect((await readOutbox(db)).map((entry) => `${entry.table}:${entry.op}`)).toEqual([
      'votes:insert',
      'votes:update',
      'votes:delete',
    ]);
    expect(announce).toHaveBeenLastCalledWith('Vote withdrawn.');
    expect(services.requestSync).toHaveBeenCalledTimes(3);
    expect(await axeViolations()).toEqual([]);
  });

  it("shows a synced vote as pressed and doesn't count it twice; no vote buttons on one's own answer", async () => {
    const { services, db, thread, low } = await seeded();
    await cache.vote(db, newVote(viewer.userId, low.id, 1));
    await cache.post(db, newPost(viewer.userId, thread.id, 'My own take.', { createdAt: 9, score: 2 }));
    const { view } = show(services, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 4, 'answers');
    const lowItem = [...view.querySelectorAll('.answers > li')].find((li) => li.textContent!.includes(low.body))!;
    expect(lowItem.querySelector('button[aria-label="Helpful"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(lowItem.querySelector('.score')!.textContent).toBe('Score 1');
    const mine = [...view.querySelectorAll('.answers > li')].find((li) => li.textContent!.includes('My own take.'))!;
    expect(mine.textContent).toContain('Your answer');
    expect(mine.querySelector('button[aria-label="Helpful"]')).toBeNull();
  });

  it('posts an answer locally, marked waiting to send, and announces it', async () => {
    const { services, db, thread } = await seeded();
    const { view, announce } = show(services, thread.id);
    await until(() => view.querySelector('textarea') !== null, 'the composer');
    await type(view.querySelector('textarea')!, 'Try a FULL OUTER JOIN to see both sides.');
    await act(() => view.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click());
    await until(() => view.querySelectorAll('.answers > li').length === 4, 'the new answer');
    const item = [...view.querySelectorAll('.answers > li')].find((li) => li.textContent!.includes('FULL OUTER'))!;
    expect(item.textContent).toContain('Waiting to send');
    expect(view.querySelector('textarea')!.value).toBe('');
    expect(announce).toHaveBeenCalledWith('Your answer is saved on this device and is being sent.');
    expect(services.requestSync).toHaveBeenCalled();
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses an empty answer with a sentence, and says when the question is locked', async () => {
    const { services, db, thread } = await seeded();
    const { view } = show(services, thread.id);
    await until(() => view.querySelector('textarea') !== null, 'the composer');
    await type(view.querySelector('textarea')!, '   ');
    await act(() => view.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click());
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe('Write an answer of 1 to 20,000 characters.');

    await cache.thread(db, { ...(await db.threads.get(thread.id))!, locked: true });
    await until(() => view.querySelector('textarea') === null, 'the composer to go');
    expect(view.textContent).toContain('This question is locked');
  });

  it("offers the asker 'accept this answer' when the service exists", async () => {
    const { services, thread, low } = await seeded(viewer.userId);
    const acceptAnswer = vi.fn(async () => undefined);
    const { view, announce } = show({ ...services, acceptAnswer }, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    const buttons = [...view.querySelectorAll('button')].filter(
      (button) => button.textContent === 'Accept this answer',
    );
    expect(buttons).toHaveLength(2); // not on the one already accepted
    const lowItem = [...view.querySelectorAll('.answers > li')].find((li) => li.textContent!.includes(low.body))!;
    await act(() =>
      [...lowItem.querySelectorAll('button')].find((b) => b.textContent === 'Accept this answer')!.click(),
    );
    await until(() => announce.mock.calls.length > 0, 'the announcement');
    expect(acceptAnswer).toHaveBeenCalledWith(thread.id, low.id);
    expect(announce).toHaveBeenCalledWith('Answer accepted.');
    expect(await axeViolations()).toEqual([]);
  });

  it('hides accept from others and without the service; says when the question is gone', async () => {
    const { services, thread } = await seeded();
    const { view } = show({ ...services, acceptAnswer: vi.fn() }, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    expect(view.textContent).not.toContain('Accept this answer');

    const gone = show(services, '00000000-0000-4000-8000-00000000ffff');
    await until(() => gone.view.textContent!.includes("This question isn't here any more"), 'the gone state');
    expect(await axeViolations()).toEqual([]);
  });

  it("offers 'endorse as helpful' on peers' answers, never on one's own, when the service exists", async () => {
    const { services, db, thread, accepted } = await seeded();
    const mine = newPost(viewer.userId, thread.id, 'My own answer, late.', { createdAt: 4, score: 0 });
    await cache.post(db, mine);
    const endorseAnswer = vi.fn(async () => undefined);
    const { view, announce } = show({ ...services, endorseAnswer }, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 4, 'four answers');
    const buttons = [...view.querySelectorAll<HTMLButtonElement>('button')].filter(
      (button) => button.textContent === 'Endorse as helpful',
    );
    expect(buttons).toHaveLength(3);
    await act(() => buttons[0]!.click());
    await until(() => endorseAnswer.mock.calls.length === 1, 'the endorsement');
    expect(endorseAnswer).toHaveBeenCalledWith(accepted.id);
    await until(() => announce.mock.calls.length > 0, 'the announcement');
    expect(announce).toHaveBeenCalledWith('You endorsed this answer. Its author will hear about it.');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows no endorse button without the service', async () => {
    const { services, thread } = await seeded();
    const { view } = show(services, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    expect(view.textContent).not.toContain('Endorse as helpful');
  });
});

describe('ThreadView reporting', () => {
  const reportButtons = () =>
    [...document.querySelectorAll<HTMLButtonElement>('button.report-open')].map((b) => b.textContent);

  it("offers Report on peers' question and answers, never on the learner's own, and sends the reason and note", async () => {
    const reportContent = vi.fn<NonNullable<PeerServices['reportContent']>>(async () => undefined);
    const { services, thread, high } = await seeded();
    const { view, announce } = show({ ...services, reportContent }, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    // Bob asked and wrote the accepted answer; Carol wrote two answers; the viewer wrote nothing.
    expect(reportButtons()).toEqual([
      'Report this question to the moderators',
      'Report this answer to the moderators',
      'Report this answer to the moderators',
      'Report this answer to the moderators',
    ]);

    const highItem = view.querySelectorAll('.answers > li')[1]!;
    await act(() => highItem.querySelector<HTMLButtonElement>('button.report-open')!.click());
    const form = highItem.querySelector('form.report')!;
    expect(document.activeElement).toBe(form.querySelector('legend'));
    const send = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(send.disabled).toBe(true);
    const misleading = [...form.querySelectorAll('label')].find((l) => l.textContent === 'Wrong or misleading')!;
    await act(() => misleading.querySelector('input')!.click());
    await type(form.querySelector('textarea')!, 'NULLs come from the outer side, not the inner.');
    expect(await axeViolations()).toEqual([]);
    await act(() => send.click());
    await until(() => highItem.textContent!.includes('Thanks. The moderators will take a look.'), 'the thanks');
    expect(reportContent).toHaveBeenCalledWith(
      expect.any(String),
      'post',
      high.id,
      'misinformation',
      'NULLs come from the outer side, not the inner.',
    );
    expect(announce).toHaveBeenCalledWith('Thanks. The moderators will take a look.');
  });

  it("keeps the form and says the database's sentence when a report is refused; Cancel returns focus", async () => {
    const reportContent = vi.fn(async () => {
      throw new Error('You have sent 10 reports in the last hour. Try again in 40 minutes.');
    });
    const { services, thread } = await seeded();
    const { view } = show({ ...services, reportContent }, thread.id);
    await until(() => view.querySelector('button.report-open') !== null, 'the question');
    await act(() => view.querySelector<HTMLButtonElement>('button.report-open')!.click());
    const form = view.querySelector('form.report')!;
    await act(() => form.querySelector<HTMLInputElement>('input[value="spam"]')!.click());
    await act(() => form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await until(() => form.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(form.querySelector('[role="alert"]')!.textContent).toBe(
      'You have sent 10 reports in the last hour. Try again in 40 minutes.',
    );
    const cancel = [...form.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
    await act(() => cancel.click());
    expect(view.querySelector('form.report')).toBeNull();
    expect(document.activeElement).toBe(view.querySelector('button.report-open'));
  });

  it('shows no Report button where reporting is not offered', async () => {
    const { services, thread } = await seeded();
    const { view } = show(services, thread.id);
    await until(() => view.querySelectorAll('.answers > li').length === 3, 'answers');
    expect(reportButtons()).toEqual([]);
  });
});
