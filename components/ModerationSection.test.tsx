// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '@/lib/domain/moderation';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { type, until } from '@/tests/fixtures/peer';
import { ModerationSection, type ModerationServices } from './ModerationSection';

const reportedAnswer: QueueItem = {
  targetKind: 'post',
  targetId: 'e5000000-0000-4000-8000-000000000002',
  threadId: 'd4000000-0000-4000-8000-000000000001',
  placeKey: 'moodle|moodle.localhost:8080|4021|cm:1325312',
  threadTitle: 'Is a count of siblings discrete or continuous?',
  excerpt: 'Counting gives discrete data; <b>measuring</b> gives continuous data.',
  authorName: 'Jonas Becker',
  hidden: false,
  reportCount: 3,
  reasons: [
    { reason: 'misinformation', count: 2 },
    { reason: 'spam', count: 1 },
  ],
  firstReportedAt: 1,
};
const hiddenQuestion: QueueItem = {
  ...reportedAnswer,
  targetKind: 'thread',
  targetId: 'd4000000-0000-4000-8000-000000000009',
  threadTitle: 'Selling quiz answers',
  excerpt: null,
  authorName: 'Sofia Marino',
  hidden: true,
  reportCount: 1,
  reasons: [{ reason: 'cheating', count: 1 }],
};

/** The background's queue as the dashboard sees it: acting on an item takes it off the queue. */
function queue(items: QueueItem[]) {
  const services: ModerationServices = {
    load: vi.fn(async () => ({ ok: true as const, items: [...items] })),
    act: vi.fn(async (item: QueueItem) => {
      items.splice(items.indexOf(item), 1);
    }),
  };
  return services;
}

const buttonsOf = (node: Element) => [...node.querySelectorAll('button')].map((b) => b.textContent);

describe('ModerationSection', () => {
  it('lists reported items with who wrote them, why they were reported and what can be done', async () => {
    const view = renderWithStrings(<ModerationSection services={queue([reportedAnswer, hiddenQuestion])} />);
    await until(() => view.querySelectorAll('.moderation-item').length === 2, 'the queue');
    expect(view.textContent).toContain('Reported items waiting: 2. The most reported come first.');
    const [answer, question] = [...view.querySelectorAll('.moderation-item')];
    expect(answer!.querySelector('h3')!.textContent).toBe('Is a count of siblings discrete or continuous?');
    expect(answer!.textContent).toContain('Answer by Jonas Becker');
    expect(answer!.textContent).toContain('Open reports: 3. Wrong or misleading (2), Spam or advertising (1)');
    // Reported text is shown as text.
    expect(answer!.querySelector('b')).toBeNull();
    expect(answer!.textContent).toContain('<b>measuring</b>');
    expect(buttonsOf(answer!)).toEqual(['Hide', 'Dismiss the reports']);
    expect(question!.textContent).toContain('Question by Sofia Marino');
    expect(question!.textContent).toContain('Hidden');
    expect(buttonsOf(question!)).toEqual(['Restore', 'Lock the question', 'Dismiss the reports']);
    expect(await axeViolations()).toEqual([]);
  });

  it('asks for a reason before acting, then acts, says so and reloads the queue', async () => {
    const services = queue([reportedAnswer]);
    const view = renderWithStrings(<ModerationSection services={services} />);
    await until(() => view.querySelector('.moderation-item') !== null, 'the queue');
    const hide = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Hide')!;
    await act(() => hide.click());
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      'Write a reason first: the moderation log keeps it.',
    );
    expect(services.act).not.toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);

    await type(view.querySelector<HTMLInputElement>('input')!, 'Misstates the definition; see the week 1 reading.');
    await act(() => hide.click());
    await until(() => view.textContent!.includes('Nothing is waiting for a moderator.'), 'the empty queue');
    expect(services.act).toHaveBeenCalledWith(
      reportedAnswer,
      'hide',
      'Misstates the definition; see the week 1 reading.',
    );
    expect(view.querySelector('[role="status"]')!.textContent).toBe(
      'Hidden. Members no longer see it, and its reports are closed.',
    );
  });

  it("shows the database's refusal, and a load error with a way to try again", async () => {
    const services = queue([reportedAnswer]);
    services.act = vi.fn(async () => {
      throw new Error('Only moderators and admins can moderate.');
    });
    (services.load as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      ok: false,
      error: 'Only moderators and admins can see the moderation queue.',
    });
    const view = renderWithStrings(<ModerationSection services={services} />);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the error');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      'Only moderators and admins can see the moderation queue.',
    );
    await act(() => [...view.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!.click());
    await until(() => view.querySelector('.moderation-item') !== null, 'the queue');
    await type(view.querySelector<HTMLInputElement>('input')!, 'Spam');
    await act(() => [...view.querySelectorAll('button')].find((b) => b.textContent === 'Dismiss the reports')!.click());
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe('Only moderators and admins can moderate.');
    expect(view.querySelector('.moderation-item')).not.toBeNull();
  });
});
