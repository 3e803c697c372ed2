// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { FollowTarget } from '@/lib/domain/follows';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, until, withPeer } from '@/tests/fixtures/peer';
import { FollowToggle } from './FollowToggle';
import type { PeerServices } from './peer-services';

/** The background's follows as the panel sees them: a set of followed keys. */
function followsOf(followed: Set<string>, refuse?: string): NonNullable<PeerServices['follows']> {
  const keyOf = (target: FollowTarget) => (target.kind === 'thread' ? target.threadId : target.place.key);
  return {
    isFollowing: vi.fn(async (target: FollowTarget) => followed.has(keyOf(target))),
    set: vi.fn(async (target: FollowTarget, on: boolean) => {
      if (refuse) throw new Error(refuse);
      if (on) followed.add(keyOf(target));
      else followed.delete(keyOf(target));
    }),
  };
}

function show(follows: NonNullable<PeerServices['follows']>, target: FollowTarget) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { follows }), <FollowToggle target={target} />, announce),
  );
  return { view, announce, button: () => view.querySelector('button')! };
}

describe('FollowToggle', () => {
  it('shows whether the learner follows a question, and toggles it', async () => {
    const followed = new Set(['t1']);
    const follows = followsOf(followed);
    const { button, announce } = show(follows, { kind: 'thread', threadId: 't1' });
    await until(() => button().getAttribute('aria-pressed') === 'true', 'the followed state');
    expect(button().textContent).toBe('Following');
    expect(await axeViolations()).toEqual([]);

    await act(() => button().click());
    await until(() => button().getAttribute('aria-pressed') === 'false', 'unfollowed');
    expect(button().textContent).toBe('Follow');
    expect(followed.has('t1')).toBe(false);
    expect(announce).toHaveBeenCalledWith('You no longer follow this question.');
  });

  it('follows new questions at a place', async () => {
    const followed = new Set<string>();
    const { button, announce } = show(followsOf(followed), { kind: 'place', place: coursePlace });
    await until(() => button().textContent === 'Follow this page', 'the place toggle');
    await act(() => button().click());
    await until(() => button().getAttribute('aria-pressed') === 'true', 'followed');
    expect(button().textContent).toBe('Following this page');
    expect(followed.has(coursePlace.key)).toBe(true);
    expect(announce).toHaveBeenCalledWith('You will hear about new questions on this page.');
  });

  it("says the background's sentence when following fails, and stays as it was", async () => {
    const { view, button } = show(
      followsOf(new Set(), "Following needs a connection. Try again when you're back online."),
      {
        kind: 'thread',
        threadId: 't2',
      },
    );
    await until(() => button().getAttribute('aria-pressed') === 'false', 'the state');
    await act(() => button().click());
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('[role="alert"]')!.textContent!.trim()).toBe(
      "Following needs a connection. Try again when you're back online.",
    );
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('shows nothing where following is not offered', () => {
    const view = renderWithStrings(
      withPeer(testServices(), <FollowToggle target={{ kind: 'thread', threadId: 't1' }} />),
    );
    expect(view.querySelector('button')).toBeNull();
  });
});
