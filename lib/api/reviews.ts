/**
 * Peer review against the organisation's project: read the viewer's requests with the reviews they
 * received, and peers' open requests (this course's first, then the org's newest) with the viewer's own
 * review of each; write through the RPCs request_review, submit_review and close_review_request. Each
 * write is online only and answers with the database's own sentence when it is refused; ids are
 * client-made, so sending one twice is a no-op. RLS decides what is readable: never read past it.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Outcome } from '../domain/account';
import { courseKeyOf, ReviewsSchema, type ReviewDraft, type ReviewsAnswer } from '../domain/reviews';
import type { CoursePlace } from '../lms/types';
import { isOffline, registerPlace, rpcOutcome } from './postgrest';

const Name = z.nullable(z.object({ display_name: z.string() }));
const ReviewRow = z.object({
  id: z.string(),
  request_id: z.string(),
  reviewer_id: z.string(),
  scores: z.record(z.string(), z.number()),
  comment: z.nullable(z.string()),
  created_at: z.string(),
  reviewer: Name,
});
const RequestRow = z.object({
  id: z.string(),
  requester_id: z.string(),
  place_key: z.nullable(z.string()),
  title: z.string(),
  work_url: z.nullable(z.string()),
  work_text: z.nullable(z.string()),
  rubric: z.array(z.string()),
  closed_at: z.nullable(z.string()),
  created_at: z.string(),
  place: z.nullable(z.object({ course_title: z.nullable(z.string()), lesson_title: z.nullable(z.string()) })),
  requester: Name,
  reviews: z.array(ReviewRow),
});
type RequestRow = z.infer<typeof RequestRow>;

// One round trip per list: the place's titles, the people's names and the reviews come embedded
// through the tables' foreign keys (each under its own RLS).
const REVIEW_COLUMNS =
  'id, request_id, reviewer_id, scores, comment, created_at, reviewer:members!reviews_reviewer_fkey(display_name)';
const REQUEST_COLUMNS =
  'id, requester_id, place_key, title, work_url, work_text, rubric, closed_at, created_at, ' +
  'place:places!review_requests_place_fkey(course_title, lesson_title), ' +
  'requester:members!review_requests_requester_fkey(display_name), ' +
  `reviews!reviews_request_fkey(${REVIEW_COLUMNS})`;

/** How many of each list the panel shows: the viewer's own, this course's open ones, the org's newest. */
const MINE_SHOWN = 20;
const COURSE_SHOWN = 20;
const ORG_SHOWN = 30;

const NEEDS_CONNECTION = "Peer reviews need a connection. Try again when you're back online.";

/** A LIKE pattern for keys that start with `prefix` (its own % and _ taken literally). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * The viewer's review requests (newest first, open and closed) with every review received, and peers'
 * open requests, those of this course first, each with the viewer's own review when they gave one.
 * Reads are not retried by supabase-js: the panel says "needs a connection" at once.
 */
export async function readReviews(
  client: SupabaseClient,
  orgId: string,
  viewerId: string,
  placeKey: string,
): Promise<ReviewsAnswer> {
  const requests = () => client.from('review_requests').select(REQUEST_COLUMNS).eq('org_id', orgId);
  // Peers' open requests, carrying only the viewer's own review of each.
  const peers = () =>
    requests().is('closed_at', null).neq('requester_id', viewerId).eq('reviews.reviewer_id', viewerId);
  const courseKey = courseKeyOf(placeKey);
  const [mine, inCourse, inOrg] = await Promise.all([
    requests()
      .eq('requester_id', viewerId)
      .order('created_at', { ascending: false })
      .order('created_at', { ascending: true, referencedTable: 'reviews' })
      .limit(MINE_SHOWN)
      .retry(false),
    courseKey
      ? peers()
          .like('place_key', startsWith(courseKey))
          .order('created_at', { ascending: false })
          .limit(COURSE_SHOWN)
          .retry(false)
      : Promise.resolve({ data: [], error: null, status: 200 }),
    peers().order('created_at', { ascending: false }).limit(ORG_SHOWN).retry(false),
  ]);
  for (const answer of [mine, inCourse, inOrg]) {
    if (answer.error) {
      return {
        ok: false,
        error: isOffline(answer.status)
          ? NEEDS_CONNECTION
          : `Peer reviews could not be loaded: ${answer.error.message}`,
      };
    }
  }
  const rows = z.array(RequestRow);
  const parsed = [mine, inCourse, inOrg].map((answer) => rows.safeParse(answer.data));
  if (parsed.some((result) => !result.success)) {
    return {
      ok: false,
      error: 'The server answered with reviews Peerside does not understand. Update Peerside, then try again.',
    };
  }
  const [mineRows, courseRows, orgRows] = parsed.map((result) => result.data ?? []);
  const seen = new Set<string>();
  const fromPeers = [...courseRows!, ...orgRows!].filter((row) => !seen.has(row.id) && Boolean(seen.add(row.id)));
  return {
    ok: true,
    reviews: ReviewsSchema.parse({ viewerId, mine: mineRows!.map(toRequest), fromPeers: fromPeers.map(toRequest) }),
  };
}

function toRequest(row: RequestRow) {
  return {
    id: row.id,
    requesterId: row.requester_id,
    requesterName: row.requester?.display_name ?? null,
    placeKey: row.place_key,
    placeTitle: row.place ? (row.place.lesson_title ?? row.place.course_title) : null,
    title: row.title,
    workUrl: row.work_url,
    workText: row.work_text,
    rubric: row.rubric,
    closedAt: row.closed_at ? Date.parse(row.closed_at) : null,
    createdAt: Date.parse(row.created_at),
    reviews: row.reviews.map((review) => ({
      id: review.id,
      requestId: review.request_id,
      reviewerId: review.reviewer_id,
      reviewerName: review.reviewer?.display_name ?? null,
      scores: review.scores,
      comment: review.comment,
      createdAt: Date.parse(review.created_at),
    })),
  };
}

// The database's own sentences: your own work, already reviewed, closed, more than 5 an hour.
const call = (client: SupabaseClient, rpc: string, args: Record<string, unknown>) =>
  rpcOutcome(client, rpc, args, NEEDS_CONNECTION);

/**
 * Ask the org's peers to review a piece of work, tied to `place` when given. The database takes a
 * place only once the org knows it, and the first learner to ask anything about a lesson creates it:
 * so the place is added first (nothing happens when it exists), as the sync engine would add it.
 */
export async function requestReview(
  client: SupabaseClient,
  orgId: string,
  requestId: string,
  draft: ReviewDraft,
  place?: CoursePlace,
): Promise<Outcome> {
  if (place) {
    const placed = await registerPlace(client, orgId, place);
    if (!placed.ok) {
      return {
        ok: false,
        error: isOffline(placed.status) ? NEEDS_CONNECTION : `Peerside could not add this page: ${placed.message}`,
      };
    }
  }
  return call(client, 'request_review', {
    request_id: requestId,
    title: draft.title.trim(),
    work_url: draft.work.kind === 'link' ? draft.work.url.trim() : null,
    work_text: draft.work.kind === 'text' ? draft.work.text.trim() : null,
    rubric: draft.rubric.map((label) => label.trim()),
    place_key: place?.key ?? null,
  });
}

/** Review a peer's open request: a score of 1 to 5 for each criterion of its rubric, and a comment. */
export const submitReview = (
  client: SupabaseClient,
  reviewId: string,
  requestId: string,
  scores: Record<string, number>,
  comment: string,
) =>
  call(client, 'submit_review', {
    review_id: reviewId,
    request_id: requestId,
    scores,
    comment: comment.trim() || null,
  });

/** The requester closes their request: it takes no more reviews, and leaves peers' lists. */
export const closeReviewRequest = (client: SupabaseClient, requestId: string) =>
  call(client, 'close_review_request', { request_id: requestId });
