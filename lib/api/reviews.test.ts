/**
 * Peer review as the background reads and writes it, against the real local stack and its seed. Every
 * request here is made by the test at a place of its own, so other seeded reviews do not matter.
 */
import { describe, expect, it } from 'vitest';
import { createBackendClient } from '@/lib/api/account';
import type { CoursePlace } from '@/lib/lms/types';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { closeReviewRequest, readReviews, requestReview, submitReview } from './reviews';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const AMARA = 'a1000000-0000-4000-8000-000000000004';
const JONAS = 'a1000000-0000-4000-8000-000000000005';
const GRACE = 'a1000000-0000-4000-8000-000000000003';
const SOFIA = 'a1000000-0000-4000-8000-000000000006';
const BEN = 'b2000000-0000-4000-8000-000000000002';

// A course no seed file knows, so the server has no place for it until a request brings one.
const lesson: CoursePlace = {
  platform: 'moodle',
  isCoursePage: true,
  courseId: '77',
  courseTitle: 'Research Methods',
  lessonId: 'cm:5',
  lessonTitle: 'Essay 1: sampling',
  key: 'moodle|reviews.test:8080|77|cm:5',
};
const course: CoursePlace = {
  platform: 'moodle',
  isCoursePage: true,
  courseId: '77',
  courseTitle: 'Research Methods',
  key: 'moodle|reviews.test:8080|77',
};
const RUBRIC = ['Clarity', 'Evidence', 'Structure'];

async function reviewsOf(email: string, orgId: string, userId: string, placeKey = lesson.key) {
  const answer = await readReviews(await signedIn(email), orgId, userId, placeKey);
  if (!answer.ok) throw new Error(answer.error);
  return answer.reviews;
}

describe('peer review', () => {
  it("carries a learner's request to peers at this lesson and their scored reviews back", async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const jonas = await signedIn('jonas.becker@northwind.example');
    const grace = await signedIn('grace.liu@northwind.example');
    const id = crypto.randomUUID();
    const draft = {
      title: '  Essay draft: sampling bias in online surveys ',
      work: { kind: 'link' as const, url: 'https://docs.example.com/d/amara/essay-1' },
      rubric: [' Clarity', 'Evidence ', 'Structure'],
    };
    expect(await requestReview(amara, NORTHWIND, id, draft, lesson)).toEqual({ ok: true });
    // A replay (the same id) is a no-op, not a second request.
    expect(await requestReview(amara, NORTHWIND, id, draft, lesson)).toEqual({ ok: true });

    const forJonas = await reviewsOf('jonas.becker@northwind.example', NORTHWIND, JONAS);
    expect(forJonas.fromPeers.filter((request) => request.id === id)).toEqual([
      {
        id,
        requesterId: AMARA,
        requesterName: 'Amara Okafor',
        placeKey: lesson.key,
        placeTitle: 'Essay 1: sampling',
        title: 'Essay draft: sampling bias in online surveys',
        workUrl: 'https://docs.example.com/d/amara/essay-1',
        workText: null,
        rubric: RUBRIC,
        closedAt: null,
        createdAt: expect.any(Number),
        reviews: [],
      },
    ]);

    const jonasReview = crypto.randomUUID();
    const jonasScores = { Clarity: 4, Evidence: 2, Structure: 5 };
    expect(
      await submitReview(jonas, jonasReview, id, jonasScores, '  Name the survey you took the 40% from. '),
    ).toEqual({ ok: true });
    expect(await submitReview(jonas, jonasReview, id, jonasScores, 'again')).toEqual({ ok: true });
    // Once only: a second review (a new id) gets the database's sentence.
    expect(await submitReview(jonas, crypto.randomUUID(), id, jonasScores, '')).toEqual({
      ok: false,
      error: 'You have already reviewed this work.',
    });
    expect(await submitReview(grace, crypto.randomUUID(), id, { Clarity: 5, Evidence: 3, Structure: 4 }, '')).toEqual({
      ok: true,
    });

    // Jonas sees his own review of it, never Grace's.
    const after = await reviewsOf('jonas.becker@northwind.example', NORTHWIND, JONAS);
    expect(after.fromPeers.find((request) => request.id === id)!.reviews).toEqual([
      expect.objectContaining({ id: jonasReview, reviewerName: 'Jonas Becker', scores: jonasScores }),
    ]);

    const forAmara = await reviewsOf('amara.okafor@northwind.example', NORTHWIND, AMARA);
    expect(forAmara.fromPeers.map((request) => request.id)).not.toContain(id);
    const mine = forAmara.mine.find((request) => request.id === id)!;
    expect(
      mine.reviews.map((review) => [review.reviewerId, review.reviewerName, review.scores, review.comment]),
    ).toEqual([
      [JONAS, 'Jonas Becker', jonasScores, 'Name the survey you took the 40% from.'],
      [GRACE, 'Grace Liu', { Clarity: 5, Evidence: 3, Structure: 4 }, null],
    ]);
  });

  it("lists peers' open requests in this course, and refuses reviewing your own, a wrong score or a closed request", async () => {
    const sofia = await signedIn('sofia.marino@northwind.example');
    const jonas = await signedIn('jonas.becker@northwind.example');
    const id = crypto.randomUUID();
    const draft = {
      title: 'Literature review outline',
      work: { kind: 'text' as const, text: 'Three sources on non-response, grouped by method.' },
      rubric: ['Clarity', 'Use of sources'],
    };
    expect(await requestReview(sofia, NORTHWIND, id, draft, course)).toEqual({ ok: true });

    // Seen from a lesson of the course, the course's requests come with the org's.
    const forJonas = await reviewsOf('jonas.becker@northwind.example', NORTHWIND, JONAS);
    expect(forJonas.fromPeers.find((request) => request.id === id)).toMatchObject({
      requesterName: 'Sofia Marino',
      placeKey: course.key,
      placeTitle: 'Research Methods',
      workUrl: null,
      workText: 'Three sources on non-response, grouped by method.',
    });

    expect(await submitReview(sofia, crypto.randomUUID(), id, { Clarity: 5, 'Use of sources': 5 }, '')).toEqual({
      ok: false,
      error: 'You cannot review your own work.',
    });
    expect(await submitReview(jonas, crypto.randomUUID(), id, { Clarity: 5 }, '')).toEqual({
      ok: false,
      error: 'Score each criterion of the rubric from 1 to 5: Clarity, Use of sources.',
    });
    expect(await closeReviewRequest(jonas, id)).toEqual({
      ok: false,
      error: 'Only the person who asked for reviews can close the request.',
    });

    expect(await closeReviewRequest(sofia, id)).toEqual({ ok: true });
    expect(await submitReview(jonas, crypto.randomUUID(), id, { Clarity: 4, 'Use of sources': 3 }, '')).toEqual({
      ok: false,
      error: 'This review request is closed and takes no more reviews.',
    });
    const closed = await reviewsOf('jonas.becker@northwind.example', NORTHWIND, JONAS);
    expect(closed.fromPeers.map((request) => request.id)).not.toContain(id);
    const sofiaView = await reviewsOf('sofia.marino@northwind.example', NORTHWIND, SOFIA);
    expect(sofiaView.mine.find((request) => request.id === id)?.closedAt).toEqual(expect.any(Number));
  });

  it("gives the database's sentence for a rubric or a link it does not take", async () => {
    const grace = await signedIn('grace.liu@northwind.example');
    const base = { title: 'Dashboard mock-up', work: { kind: 'link' as const, url: 'https://example.com/x' } };
    expect(await requestReview(grace, NORTHWIND, crypto.randomUUID(), { ...base, rubric: ['Clarity'] })).toEqual({
      ok: false,
      error: 'Give a rubric of 2 to 5 criteria, each a different label of 1 to 80 characters.',
    });
    expect(
      await requestReview(grace, NORTHWIND, crypto.randomUUID(), {
        ...base,
        work: { kind: 'link', url: 'http://example.com/x' },
        rubric: RUBRIC,
      }),
    ).toEqual({ ok: false, error: 'Give the work as an https:// link of at most 2000 characters.' });
  });

  it("shows another organisation's member none of Northwind's requests, and refuses their review", async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const ben = await signedIn('ben.carter@contoso.example');
    const id = crypto.randomUUID();
    const draft = { title: 'Chart choices', work: { kind: 'text' as const, text: 'Bar or line?' }, rubric: RUBRIC };
    expect(await requestReview(amara, NORTHWIND, id, draft)).toEqual({ ok: true });

    const forBen = await reviewsOf('ben.carter@contoso.example', CONTOSO, BEN);
    expect(forBen.fromPeers.map((request) => request.id)).not.toContain(id);
    expect(forBen.fromPeers.every((request) => request.requesterId !== AMARA)).toBe(true);
    expect(await submitReview(ben, crypto.randomUUID(), id, { Clarity: 1, Evidence: 1, Structure: 1 }, '')).toEqual({
      ok: false,
      error: 'This review request does not exist or you cannot see it.',
    });
    // With no place, the request is offered to the org, marked with no page.
    const forSofia = await reviewsOf('sofia.marino@northwind.example', NORTHWIND, SOFIA);
    expect(forSofia.fromPeers.find((request) => request.id === id)).toMatchObject({ placeKey: null, placeTitle: null });
  });

  it('says peer reviews need a connection when the server cannot be reached', async () => {
    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    const offline = { ok: false, error: "Peer reviews need a connection. Try again when you're back online." };
    expect(await readReviews(unreachable, NORTHWIND, AMARA, lesson.key)).toEqual(offline);
    expect(await closeReviewRequest(unreachable, crypto.randomUUID())).toEqual(offline);
    expect(
      await requestReview(
        unreachable,
        NORTHWIND,
        crypto.randomUUID(),
        { title: 'x', work: { kind: 'text', text: 'y' }, rubric: RUBRIC },
        lesson,
      ),
    ).toEqual(offline);
  });
});
