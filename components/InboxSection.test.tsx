// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { knownKind } from '@/lib/domain/notifications';
import { InboxSection } from './InboxSection';

const inbox = {
  unread: 2,
  items: [
    { id: 'n1', kind: 'answer' as const, threadId: 't1', createdAt: 2, read: false },
    { id: 'n2', kind: 'mentor_requested' as const, threadId: null, createdAt: 1, read: false },
    { id: 'n3', kind: 'endorsed' as const, threadId: null, createdAt: 0, read: true },
  ],
};

describe('InboxSection', () => {
  it('says what is new in sentences, opens the question, and marks all read', async () => {
    const onOpenThread = vi.fn();
    const onMarkRead = vi.fn();
    const view = renderWithStrings(<InboxSection inbox={inbox} onOpenThread={onOpenThread} onMarkRead={onMarkRead} />);
    expect([...view.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Someone answered your question. Open the question',
      'A learner asked you to mentor them. ',
    ]);
    await act(() => view.querySelector<HTMLButtonElement>('li button')!.click());
    expect(onOpenThread).toHaveBeenCalledWith('t1');
    await act(() => view.querySelector<HTMLButtonElement>('section > button')!.click());
    expect(onMarkRead).toHaveBeenCalled();
    expect(await axeViolations()).toEqual([]);
  });

  it('says something general about a kind of notification newer than this version', async () => {
    const view = renderWithStrings(
      <InboxSection
        inbox={{
          unread: 1,
          items: [{ id: 'n4', kind: knownKind('circle_session_moved'), threadId: null, createdAt: 3, read: false }],
        }}
        onOpenThread={vi.fn()}
        onMarkRead={vi.fn()}
      />,
    );
    expect(view.querySelector('li')!.textContent).toBe('Something new happened for you in Peerside. ');
  });

  it('opens the tab where a mentoring request or a review is answered, when the panel offers it', async () => {
    const onOpenTab = vi.fn();
    const items = [
      { id: 'm', kind: 'mentor_requested' as const, threadId: null, createdAt: 2, read: false },
      { id: 'r', kind: 'review_received' as const, threadId: null, createdAt: 1, read: false },
    ];
    const view = renderWithStrings(
      <InboxSection
        inbox={{ unread: 2, items }}
        onOpenThread={vi.fn()}
        onOpenTab={onOpenTab}
        tabs={['questions', 'mentors']}
        onMarkRead={vi.fn()}
      />,
    );
    const buttons = [...view.querySelectorAll<HTMLButtonElement>('li button')];
    // Reviews are not offered here, so only mentoring has a way in.
    expect(buttons.map((b) => b.textContent)).toEqual(['Open mentoring']);
    await act(() => buttons[0]!.click());
    expect(onOpenTab).toHaveBeenCalledWith('mentors');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows nothing when everything is read', () => {
    const view = renderWithStrings(
      <InboxSection inbox={{ unread: 0, items: [inbox.items[2]!] }} onOpenThread={vi.fn()} onMarkRead={vi.fn()} />,
    );
    expect(view.querySelector('section')).toBeNull();
  });
});
