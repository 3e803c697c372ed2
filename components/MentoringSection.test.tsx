// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Mentoring, MentoringAnswer, MentorRequest } from '@/lib/domain/mentoring';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { alice, bob, carol } from '@/tests/fixtures/sync-harness';
import { MentoringSection } from './MentoringSection';
import type { MentoringServices } from './peer-services';

const names: Record<string, string> = { [alice]: 'Alice Ng', [bob]: 'Bob Osei', [carol]: 'Carol Diaz' };

/**
 * The background's mentoring as the panel sees it: an in-memory org where Bob and Carol mentor, with
 * the database's transitions and one of its refusals. The real RPCs are tested in lib/api/mentoring.test.ts.
 */
function mentoringOrg(requests: MentorRequest[] = []) {
  let next = 1;
  const find = (id: string) => requests.find((request) => request.id === id)!;
  const mentoring = (): Mentoring => ({
    viewerId: viewer.userId,
    mentors: [
      { userId: carol, displayName: 'Carol Diaz', skills: ['Statistics'], availability: 'Mondays', capacity: 2 },
      { userId: bob, displayName: 'Bob Osei', skills: ['Databases', 'Python'], availability: '', capacity: 3 },
      { userId: alice, displayName: 'Alice Ng', skills: ['Databases'], availability: '', capacity: 1 },
    ],
    requests: [...requests].sort((a, b) => b.createdAt - a.createdAt),
  });
  const services: MentoringServices = {
    load: vi.fn(async (): Promise<MentoringAnswer> => ({ ok: true, mentoring: mentoring() })),
    request: vi.fn(async (_requestId: string, mentorId: string, message: string) => {
      if (mentorId === carol) throw new Error('Carol Diaz is not taking new mentees right now.');
      requests.push({
        id: `r${next}`,
        learnerId: viewer.userId,
        mentorId,
        learnerName: names[viewer.userId]!,
        mentorName: names[mentorId]!,
        message,
        reply: null,
        state: 'requested',
        createdAt: 100 + next++,
      });
    }),
    respond: vi.fn(async (id: string, accept: boolean, reply: string) => {
      Object.assign(find(id), { state: accept ? 'accepted' : 'declined', reply: reply || null });
    }),
    withdraw: vi.fn(async (id: string) => void Object.assign(find(id), { state: 'withdrawn' })),
    complete: vi.fn(async (id: string) => void Object.assign(find(id), { state: 'completed' })),
  };
  return services;
}

function show(mentoring: MentoringServices) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { mentoring }), <MentoringSection place={coursePlace} />, announce),
  );
  return { view, announce };
}

const button = (name: string) => {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((node) => node.textContent);

describe('MentoringSection', () => {
  it('lists mentors who know this course first, never the viewer, and sends a request with a message', async () => {
    const org = mentoringOrg();
    const { view, announce } = show(org);
    await until(() => view.textContent!.includes('Find a mentor'), 'the section');
    expect(button('Find a mentor').getAttribute('aria-expanded')).toBe('false');

    await act(() => button('Find a mentor').click());
    expect(texts('.mentor-name')).toEqual(['Bob OseiKnows Databases', 'Carol Diaz']);
    expect(await axeViolations()).toEqual([]);

    await act(() => button('Ask Bob Osei for mentoring').click());
    const field = view.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(document.activeElement).toBe(field);
    expect(view.querySelector(`label[for="${field.id}"]`)!.textContent).toBe(
      'What would you like Bob Osei to help with?',
    );
    expect(button('Send request').disabled).toBe(true);
    await type(field, '  Could you review my schema for the capstone?  ');
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Send request').click());
    await until(() => texts('.mentoring-state').length === 1, 'the request listed');

    expect(org.request).toHaveBeenCalledWith(expect.any(String), bob, 'Could you review my schema for the capstone?');
    expect(announce).toHaveBeenCalledWith('Your request was sent to Bob Osei.');
    expect(texts('h4')).toEqual(['Your requests']);
    expect(texts('.mentoring-state')).toEqual(['You asked Bob Osei. Waiting for an answer.']);
    // The mentor already asked shows where the request stands instead of a second "Ask".
    expect(view.textContent).not.toContain('Ask Bob Osei for mentoring');
    expect(button('Ask Carol Diaz for mentoring')).toBeDefined();
  });

  it("shows the database's refusal as a sentence and keeps the message", async () => {
    const { view } = show(mentoringOrg());
    await until(() => view.textContent!.includes('Find a mentor'), 'the section');
    await act(() => button('Find a mentor').click());
    await act(() => button('Ask Carol Diaz for mentoring').click());
    await type(view.querySelector<HTMLTextAreaElement>('textarea')!, 'Help with regression?');
    await act(() => button('Send request').click());
    await until(() => view.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe('Carol Diaz is not taking new mentees right now.');
    expect(view.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('Help with regression?');
    expect(await axeViolations()).toEqual([]);
  });

  it('lets a mentor accept with a reply and complete, and a learner withdraw', async () => {
    const incoming: MentorRequest = {
      id: 'in1',
      learnerId: bob,
      mentorId: viewer.userId,
      learnerName: 'Bob Osei',
      mentorName: 'Alice Ng',
      message: 'Could we pair on window functions?',
      reply: null,
      state: 'requested',
      createdAt: 5,
    };
    const outgoing: MentorRequest = {
      ...incoming,
      id: 'out1',
      learnerId: viewer.userId,
      mentorId: carol,
      learnerName: 'Alice Ng',
      mentorName: 'Carol Diaz',
      message: 'Statistics for my survey?',
      state: 'accepted',
      reply: 'Gladly, Mondays at 5.',
      createdAt: 4,
    };
    const org = mentoringOrg([incoming, outgoing]);
    const { view, announce } = show(org);
    await until(() => texts('h4').length === 2, 'both lists');
    expect(texts('h4')).toEqual(['Requests for you', 'Your requests']);
    expect(texts('.mentoring-state')).toEqual(['Bob Osei asked you for mentoring.', 'Carol Diaz is mentoring you.']);
    expect(view.textContent).toContain('Carol Diaz replied: Gladly, Mondays at 5.');
    expect(await axeViolations()).toEqual([]);

    await type(view.querySelector<HTMLTextAreaElement>('textarea')!, 'Yes! Thursday?');
    await act(() => button('Accept').click());
    await until(() => texts('.mentoring-state')[0] === 'You are mentoring Bob Osei.', 'accepted');
    expect(org.respond).toHaveBeenCalledWith('in1', true, 'Yes! Thursday?');
    expect(announce).toHaveBeenCalledWith('You accepted the request. The learner will hear about it.');

    await act(() => button('Withdraw request').click());
    await until(() => texts('.mentoring-state')[1] === 'You withdrew your request to Carol Diaz.', 'withdrawn');
    expect(org.withdraw).toHaveBeenCalledWith('out1');

    // Usable again once the accepted request has reloaded.
    await until(() => !button('Mark mentoring completed').disabled, 'the button enabled');
    await act(() => button('Mark mentoring completed').click());
    await until(() => !texts('h4').includes('Requests for you'), 'completed mentoring leaves the list');
    expect(org.complete).toHaveBeenCalledWith('in1');
  });

  it('says why mentoring could not load, and tries again', async () => {
    const org = mentoringOrg();
    const load = org.load as ReturnType<typeof vi.fn>;
    load.mockResolvedValueOnce({
      ok: false,
      error: "Mentoring needs a connection. Try again when you're back online.",
    });
    const { view } = show(org);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the error');
    expect(view.querySelector('[role="alert"]')!.textContent).toBe(
      "Mentoring needs a connection. Try again when you're back online.",
    );
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Try again').click());
    await until(() => view.textContent!.includes('Find a mentor'), 'loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shows nothing where the panel offers no mentoring', () => {
    const view = renderWithStrings(withPeer(testServices(), <MentoringSection place={coursePlace} />));
    expect(view.querySelector('section')).toBeNull();
  });
});
