// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Review, ReviewDraft, ReviewRequest, ReviewsAnswer } from '@/lib/domain/reviews';
import type { CoursePlace } from '@/lib/lms/types';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { coursePlace, testServices, type, until, viewer, withPeer } from '@/tests/fixtures/peer';
import { bob, carol } from '@/tests/fixtures/sync-harness';
import { ReviewsSection, type ReviewsServices } from './ReviewsSection';

const courseKey = coursePlace.key.split('|').slice(0, 3).join('|');

function request(overrides: Partial<ReviewRequest> & Pick<ReviewRequest, 'id' | 'title'>): ReviewRequest {
  return {
    requesterId: bob,
    requesterName: 'Bob Osei',
    placeKey: null,
    placeTitle: null,
    workUrl: 'https://docs.example.com/d/work',
    workText: null,
    rubric: ['Clarity', 'Evidence'],
    closedAt: null,
    createdAt: 10,
    reviews: [],
    ...overrides,
  };
}

function review(overrides: Partial<Review> & Pick<Review, 'id' | 'scores'>): Review {
  return {
    requestId: 'mine1',
    reviewerId: bob,
    reviewerName: 'Bob Osei',
    comment: null,
    createdAt: 20,
    ...overrides,
  };
}

/**
 * The background's peer review as the panel sees it: an in-memory org with the database's rules that
 * matter here (one review per reviewer, closing). The real RPCs are tested in lib/api/reviews.test.ts.
 */
function reviewsOrg({ mine = [], fromPeers = [] }: { mine?: ReviewRequest[]; fromPeers?: ReviewRequest[] } = {}) {
  let next = 1;
  const services: ReviewsServices = {
    load: vi.fn(
      async (): Promise<ReviewsAnswer> => ({
        ok: true,
        reviews: structuredClone({ viewerId: viewer.userId, mine, fromPeers }),
      }),
    ),
    request: vi.fn(async (_requestId: string, draft: ReviewDraft, place?: CoursePlace) => {
      mine.unshift(
        request({
          id: `new${next++}`,
          requesterId: viewer.userId,
          requesterName: 'Alice Ng',
          title: draft.title,
          workUrl: draft.work.kind === 'link' ? draft.work.url : null,
          workText: draft.work.kind === 'text' ? draft.work.text : null,
          rubric: draft.rubric,
          placeKey: place?.key ?? null,
          placeTitle: place?.lessonTitle ?? null,
          createdAt: 100,
        }),
      );
    }),
    submit: vi.fn(async (_reviewId: string, requestId: string, scores: Record<string, number>, comment: string) => {
      const target = fromPeers.find((candidate) => candidate.id === requestId)!;
      if (target.reviews.some((given) => given.reviewerId === viewer.userId)) {
        throw new Error('You have already reviewed this work.');
      }
      target.reviews.push(
        review({
          id: `review${next++}`,
          requestId,
          reviewerId: viewer.userId,
          reviewerName: 'Alice Ng',
          scores,
          comment: comment || null,
        }),
      );
    }),
    close: vi.fn(async (requestId: string) => {
      mine.find((candidate) => candidate.id === requestId)!.closedAt = 200;
    }),
  };
  return services;
}

function show(reviews: ReviewsServices) {
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(
    withPeer(testServices(undefined, { reviews }), <ReviewsSection place={coursePlace} />, announce),
  );
  return { view, announce };
}

const buttons = (name: string, root: ParentNode = document) =>
  [...root.querySelectorAll('button')].filter((b) => b.textContent === name);
const button = (name: string, root: ParentNode = document) => {
  const [found] = buttons(name, root);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
};
const texts = (selector: string, root: ParentNode = document) =>
  [...root.querySelectorAll(selector)].map((node) => node.textContent);
const field = <E extends HTMLElement>(label: string, root: ParentNode = document): E => {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent === label);
  if (!found) throw new Error(`No field "${label}"`);
  return (found.htmlFor ? document.getElementById(found.htmlFor) : found.querySelector('input')) as E;
};
const alertText = () => document.querySelector('[role="alert"]')?.textContent;
const itemTitled = (title: string) =>
  [...document.querySelectorAll('.review-item')].find((item) => item.querySelector('h5')?.textContent === title)!;

describe('ReviewsSection', () => {
  it('asks for a review of a link against the default rubric, edited, at this page', async () => {
    const org = reviewsOrg();
    const { view, announce } = show(org);
    await until(() => buttons('Ask for a review').length === 1, 'the section');
    expect(view.querySelector('h3')!.textContent).toBe('Peer reviews');
    expect(view.textContent).toContain('No open requests from peers right now.');

    await act(() => button('Ask for a review').click());
    expect(document.activeElement).toBe(field('Title'));
    expect([1, 2, 3].map((n) => field<HTMLInputElement>(`Criterion ${n}`).value)).toEqual([
      'Clarity',
      'Evidence',
      'Structure',
    ]);
    expect(field<HTMLInputElement>('Ask at this page (Joins), so peers here see it first').checked).toBe(true);
    expect(await axeViolations()).toEqual([]);

    await type(field('Title'), '  Essay draft: sampling bias ');
    await type(field('Link to your work'), 'http://docs.example.com/essay');
    await act(() => button('Ask for reviews').click());
    // Not sent: the database takes https links only, and the form says so where the problem is.
    expect(org.request).not.toHaveBeenCalled();
    expect(alertText()).toBe('Give the work as an https:// link, for example https://docs.example.com/my-essay.');
    expect(document.activeElement).toBe(field('Link to your work'));
    expect(field('Link to your work').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations()).toEqual([]);

    await type(field('Link to your work'), 'https://docs.example.com/essay');
    await act(() => button('Remove criterion 2').click());
    expect(document.activeElement).toBe(field('Criterion 2'));
    expect(field<HTMLInputElement>('Criterion 2').value).toBe('Structure');
    await act(() => button('Add a criterion').click());
    expect(document.activeElement).toBe(field('Criterion 3'));
    await type(field('Criterion 3'), ' Use of sources ');
    await act(() => button('Ask for reviews').click());
    await until(() => buttons('Ask for a review').length === 1, 'the form closed');

    expect(org.request).toHaveBeenCalledWith(
      expect.any(String),
      {
        title: 'Essay draft: sampling bias',
        work: { kind: 'link', url: 'https://docs.example.com/essay' },
        rubric: ['Clarity', 'Structure', 'Use of sources'],
      },
      coursePlace,
    );
    expect(announce).toHaveBeenCalledWith('Your request was sent. Peers can review it now.');
    expect(document.activeElement).toBe(button('Ask for a review'));
    await until(() => texts('h4').includes('Your requests'), 'the request listed');
    expect(texts('h4')).toEqual(['Your requests', "Review your peers' work"]);
    const mine = itemTitled('Essay draft: sampling bias');
    expect(texts('.review-meta span', mine)).toEqual(['Open', '0 reviews', 'At: Joins']);
    expect(mine.textContent).toContain('No reviews yet.');
  });

  it('asks for a review of a text, not tied to this page, and says what to fix in the rubric first', async () => {
    const org = reviewsOrg();
    show(org);
    await until(() => buttons('Ask for a review').length === 1, 'the section');
    await act(() => button('Ask for a review').click());
    await act(() => button('Ask for reviews').click());
    expect(alertText()).toBe('Give your request a title.');
    expect(document.activeElement).toBe(field('Title'));

    await type(field('Title'), 'Reflection on quiz 1');
    await act(() => field<HTMLInputElement>('Its text').click());
    expect(document.querySelector('#review-url')).toBeNull();
    await act(() => button('Ask for reviews').click());
    expect(alertText()).toBe('Paste the text of your work, or give a link to it instead.');
    await type(field('Text of your work'), 'I mixed up <b>discrete</b> and continuous.');

    await type(field('Criterion 3'), 'clarity');
    await act(() => button('Ask for reviews').click());
    expect(alertText()).toBe('Give each criterion a different name.');
    expect(document.activeElement).toBe(field('Criterion 3'));
    await type(field('Criterion 2'), '   ');
    await type(field('Criterion 3'), 'Structure');
    await act(() => button('Ask for reviews').click());
    expect(alertText()).toBe('Fill in each criterion, or remove the empty one.');
    expect(document.activeElement).toBe(field('Criterion 2'));
    expect(org.request).not.toHaveBeenCalled();

    await type(field('Criterion 2'), 'Use of examples');
    await act(() => field<HTMLInputElement>('Ask at this page (Joins), so peers here see it first').click());
    await act(() => button('Ask for reviews').click());
    await until(() => texts('h4').includes('Your requests'), 'the request listed');
    expect(org.request).toHaveBeenCalledWith(
      expect.any(String),
      {
        title: 'Reflection on quiz 1',
        work: { kind: 'text', text: 'I mixed up <b>discrete</b> and continuous.' },
        rubric: ['Clarity', 'Use of examples', 'Structure'],
      },
      undefined,
    );
    // The learner's text is text, never HTML.
    const mine = itemTitled('Reflection on quiz 1');
    expect(mine.querySelector('b')).toBeNull();
    expect(mine.querySelector('details .user-text')!.textContent).toBe('I mixed up <b>discrete</b> and continuous.');
  });

  it("shows the database's refusal of a request and keeps what was typed", async () => {
    const org = reviewsOrg();
    (org.request as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new Error('You have asked for 5 reviews in the last hour. Try again in 12 minutes.'),
    );
    show(org);
    await until(() => buttons('Ask for a review').length === 1, 'the section');
    await act(() => button('Ask for a review').click());
    await type(field('Title'), 'Sixth draft');
    await type(field('Link to your work'), 'https://docs.example.com/sixth');
    await act(() => button('Ask for reviews').click());
    await until(() => alertText() !== undefined, 'the refusal');
    expect(alertText()).toBe('You have asked for 5 reviews in the last hour. Try again in 12 minutes.');
    expect(field<HTMLInputElement>('Title').value).toBe('Sixth draft');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows the reviews received with the average of each criterion, and closes the request', async () => {
    const org = reviewsOrg({
      mine: [
        request({
          id: 'mine1',
          title: 'Charter draft',
          requesterId: viewer.userId,
          requesterName: 'Alice Ng',
          placeKey: coursePlace.key,
          placeTitle: 'Joins',
          rubric: ['Scope', 'Risks'],
          reviews: [
            review({ id: 'r1', scores: { Scope: 4, Risks: 3 }, comment: 'Say what is out of scope.' }),
            review({ id: 'r2', reviewerId: carol, reviewerName: null, scores: { Scope: 5, Risks: 3 } }),
          ],
        }),
      ],
    });
    const { view, announce } = show(org);
    await until(() => texts('h5').length === 1, 'the request');
    const item = itemTitled('Charter draft');
    expect(texts('.review-meta span', item)).toEqual(['Open', '2 reviews', 'At: Joins']);
    expect(item.querySelector('caption')!.textContent).toBe('Average scores');
    expect(
      [...item.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent)),
    ).toEqual([
      ['Scope', '4.5'],
      ['Risks', '3'],
    ]);
    expect(texts('.review-by', item)).toEqual(['Review by Bob Osei', 'Review by A former member']);
    expect(texts('.review-scores li', item)).toEqual([
      'Scope: 4 of 5',
      'Risks: 3 of 5',
      'Scope: 5 of 5',
      'Risks: 3 of 5',
    ]);
    expect(item.textContent).toContain('Say what is out of scope.');
    const link = item.querySelector('a')!;
    expect([link.textContent, link.href, link.target, link.rel]).toEqual([
      'Open the work on docs.example.com (new tab)',
      'https://docs.example.com/d/work',
      '_blank',
      'noopener noreferrer',
    ]);
    expect(await axeViolations()).toEqual([]);

    await act(() => button('Close request Charter draft', view).click());
    await until(() => texts('.review-meta span', item)[0] === 'Closed', 'closed');
    expect(org.close).toHaveBeenCalledWith('mine1');
    expect(announce).toHaveBeenCalledWith('Request closed. It takes no more reviews.');
    expect(buttons('Close request Charter draft')).toEqual([]);
    expect(document.activeElement).toBe(item.querySelector('h5'));
  });

  it("offers peers' requests at this page first, then this course, and reviews one with a score per criterion", async () => {
    const org = reviewsOrg({
      fromPeers: [
        request({ id: 'far', title: 'Elsewhere in the org', createdAt: 50 }),
        request({
          id: 'here',
          title: 'At this lesson',
          placeKey: coursePlace.key,
          placeTitle: 'Joins',
          workUrl: null,
          workText: 'Inner joins keep matching rows only.',
          createdAt: 5,
        }),
        request({
          id: 'course',
          title: 'In this course',
          requesterId: carol,
          requesterName: 'Carol Diaz',
          placeKey: courseKey,
          placeTitle: 'Databases 101',
          createdAt: 7,
        }),
        // Never the viewer's own, even if the background listed it.
        request({ id: 'own', title: 'My own', requesterId: viewer.userId, createdAt: 60 }),
      ],
    });
    const { announce } = show(org);
    await until(() => texts('h5').length === 3, 'the requests');
    expect(texts('h5')).toEqual(['At this lesson', 'In this course', 'Elsewhere in the org']);
    expect(texts('.review-meta .badge')).toEqual(['This page', 'This course']);
    expect(texts('.review-meta span', itemTitled('In this course'))).toEqual([
      'Asked by Carol Diaz',
      'This course',
      'At: Databases 101',
    ]);
    expect(await axeViolations()).toEqual([]);

    const item = itemTitled('At this lesson');
    await act(() => button('Review this work At this lesson', item).click());
    const form = item.querySelector('form')!;
    expect(document.activeElement!.textContent).toBe('Your review of “At this lesson”');
    expect(form.querySelector('details')!.open).toBe(true);
    expect(form.querySelector('details .user-text')!.textContent).toBe('Inner joins keep matching rows only.');
    expect(texts('legend', form)).toEqual(['Clarity', 'Evidence']);
    const radio = (criterion: number, score: number) =>
      form.querySelectorAll('fieldset')[criterion]!.querySelectorAll<HTMLInputElement>('input[type="radio"]')[
        score - 1
      ]!;
    expect(texts('fieldset:first-of-type label', form)).toEqual(['1', '2', '3', '4', '5']);
    expect(button('Send review', form).disabled).toBe(true);
    await act(() => radio(0, 4).click());
    expect(button('Send review', form).disabled).toBe(true);
    await act(() => radio(1, 5).click());
    await type(field('Comment (optional)', form), '  Add an example with NULLs. ');
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Send review', form).click());
    await until(() => item.querySelector('.review-done') !== null, 'the review shown');

    expect(org.submit).toHaveBeenCalledWith(
      expect.any(String),
      'here',
      { Clarity: 4, Evidence: 5 },
      'Add an example with NULLs.',
    );
    expect(announce).toHaveBeenCalledWith('Your review was sent to Bob Osei.');
    expect(document.activeElement).toBe(item.querySelector('.review-done'));
    expect(item.querySelector('.review-done')!.textContent).toBe('You reviewed this work.');
    expect(texts('.review-scores li', item)).toEqual(['Clarity: 4 of 5', 'Evidence: 5 of 5']);
    // Once only: no second "Review this work" on it.
    expect(buttons('Review this work At this lesson')).toEqual([]);
  });

  it("shows the database's sentence when a review is refused, keeping the scores", async () => {
    const org = reviewsOrg({ fromPeers: [request({ id: 'twice', title: 'Reviewed on another device' })] });
    (org.submit as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('You have already reviewed this work.'));
    show(org);
    await until(() => texts('h5').length === 1, 'the request');
    const item = itemTitled('Reviewed on another device');
    await act(() => button('Review this work Reviewed on another device', item).click());
    const radios = item.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    await act(() => radios[2]!.click());
    await act(() => radios[7]!.click());
    await act(() => button('Send review', item).click());
    await until(() => alertText() !== undefined, 'the refusal');
    expect(alertText()).toBe('You have already reviewed this work.');
    expect([radios[2]!.checked, radios[7]!.checked]).toEqual([true, true]);
    expect(await axeViolations()).toEqual([]);

    await act(() => button('Cancel', item).click());
    expect(document.activeElement).toBe(buttons('Review this work Reviewed on another device')[0]);
  });

  it('renders only http(s) links as links', async () => {
    const org = reviewsOrg({
      fromPeers: [request({ id: 'js', title: 'Odd link', workUrl: 'javascript:alert(1)' })],
    });
    show(org);
    await until(() => texts('h5').length === 1, 'the request');
    const item = itemTitled('Odd link');
    expect(item.querySelector('a')).toBeNull();
    expect(item.querySelector('.review-work')!.textContent).toBe('javascript:alert(1)');
  });

  it('says why reviews could not load, and tries again', async () => {
    const org = reviewsOrg();
    const load = org.load as ReturnType<typeof vi.fn>;
    load.mockResolvedValueOnce({
      ok: false,
      error: "Peer reviews need a connection. Try again when you're back online.",
    });
    const { view } = show(org);
    await until(() => alertText() !== undefined, 'the error');
    expect(alertText()).toBe("Peer reviews need a connection. Try again when you're back online.");
    expect(await axeViolations()).toEqual([]);
    await act(() => button('Try again').click());
    await until(() => view.textContent!.includes('Ask for a review'), 'loaded');
    expect(load).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledWith(coursePlace.key);
  });

  it('shows nothing where the panel offers no peer review', () => {
    const view = renderWithStrings(withPeer(testServices(), <ReviewsSection place={coursePlace} />));
    expect(view.querySelector('section')).toBeNull();
  });
});
