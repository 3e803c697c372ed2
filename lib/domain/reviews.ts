/**
 * Peer review as the panel shows it (supabase/migrations/*_review_*.sql): a learner's requests for
 * review of a link or a text against a rubric of 2 to 5 criteria, the reviews they received (a score
 * of 1 to 5 per criterion and a comment), and peers' open requests the viewer may review. The database
 * decides every write; these are its bounds, checked early so the form can say what to fix. PURE.
 */
import { z } from 'zod/mini';

/** The database's bounds (review_requests, reviews and the checks of request_review / submit_review). */
export const REVIEW_TITLE_MAX = 200;
export const REVIEW_URL_MAX = 2000;
export const REVIEW_TEXT_MAX = 20000;
export const RUBRIC_MIN = 2;
export const RUBRIC_MAX = 5;
export const CRITERION_MAX = 80;
export const REVIEW_COMMENT_MAX = 2000;
/** Each criterion is scored with a whole number from 1 to 5. */
export const reviewScores = [1, 2, 3, 4, 5] as const;

export const ReviewSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  reviewerId: z.string(),
  /** Null when the member's name cannot be read (the panel says "a former member"). */
  reviewerName: z.nullable(z.string()),
  /** Criterion label -> score (1 to 5). */
  scores: z.record(z.string(), z.number()),
  comment: z.nullable(z.string()),
  createdAt: z.number(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const ReviewRequestSchema = z.object({
  id: z.string(),
  requesterId: z.string(),
  requesterName: z.nullable(z.string()),
  placeKey: z.nullable(z.string()),
  /** The place's lesson or course title, when the request is tied to a place. */
  placeTitle: z.nullable(z.string()),
  title: z.string(),
  /** Exactly one of workUrl and workText is set (the database's rule). */
  workUrl: z.nullable(z.string()),
  workText: z.nullable(z.string()),
  rubric: z.array(z.string()),
  closedAt: z.nullable(z.number()),
  createdAt: z.number(),
  /** The viewer's own requests: every review received. Peers' requests: the viewer's review, if any. */
  reviews: z.array(ReviewSchema),
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

export const ReviewsSchema = z.object({
  viewerId: z.string(),
  /** The viewer's requests, newest first, open and closed. */
  mine: z.array(ReviewRequestSchema),
  /** Peers' open requests in the viewer's org, never the viewer's own. */
  fromPeers: z.array(ReviewRequestSchema),
});
export type Reviews = z.infer<typeof ReviewsSchema>;

/** What the panel gets back: the reviews, or a sentence saying why not. */
export const ReviewsAnswerSchema = z.union([
  z.object({ ok: z.literal(true), reviews: ReviewsSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ReviewsAnswer = z.infer<typeof ReviewsAnswerSchema>;

/** What the learner asks for: a title, the work as a link or as text, and the rubric's labels. */
export interface ReviewDraft {
  title: string;
  work: { kind: 'link'; url: string } | { kind: 'text'; text: string };
  rubric: string[];
}

/** Why a rubric would be refused, or null when the database will take it. */
export type RubricProblem = 'count' | 'blank' | 'length' | 'duplicate';

export function rubricProblem(labels: readonly string[]): RubricProblem | null {
  const trimmed = labels.map((label) => label.trim());
  if (trimmed.length < RUBRIC_MIN || trimmed.length > RUBRIC_MAX) return 'count';
  if (trimmed.some((label) => label === '')) return 'blank';
  if (trimmed.some((label) => label.length > CRITERION_MAX)) return 'length';
  if (new Set(trimmed.map((label) => label.toLowerCase())).size !== trimmed.length) return 'duplicate';
  return null;
}

/** A link the database takes as the work: https, no spaces, at most REVIEW_URL_MAX characters. */
export function isWorkLink(text: string): boolean {
  const url = text.trim();
  if (url.length > REVIEW_URL_MAX || !/^https:\/\/\S+$/.test(url)) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The href to render for a stored link: only http(s) URLs become links, anything else stays text. */
export function safeLink(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Has every criterion of the rubric a score from 1 to 5 (and nothing else)? */
export function scoresComplete(rubric: readonly string[], scores: Readonly<Record<string, number>>): boolean {
  return (
    Object.keys(scores).length === rubric.length &&
    rubric.every((criterion) => (reviewScores as readonly number[]).includes(scores[criterion] ?? 0))
  );
}

export interface CriterionAverage {
  criterion: string;
  /** The mean score, null before anyone scored it. */
  average: number | null;
  count: number;
}

/** The average score of each criterion of the rubric, in the rubric's order, over the reviews received. */
export function criterionAverages(request: Pick<ReviewRequest, 'rubric' | 'reviews'>): CriterionAverage[] {
  return request.rubric.map((criterion) => {
    const scores = request.reviews
      .map((review) => review.scores[criterion])
      .filter((score): score is number => typeof score === 'number');
    const sum = scores.reduce((total, score) => total + score, 0);
    return { criterion, average: scores.length > 0 ? sum / scores.length : null, count: scores.length };
  });
}

/** The course part of a place key ("platform|host|course"), or null for a key without a course. */
export function courseKeyOf(placeKey: string): string | null {
  const parts = placeKey.split('|');
  return parts.length >= 3 ? parts.slice(0, 3).join('|') : null;
}

/** Where a request was made, seen from the page the learner is on. */
export type Nearness = 'here' | 'course' | 'elsewhere';

export function nearness(requestKey: string | null, hereKey: string): Nearness {
  if (requestKey === null) return 'elsewhere';
  if (requestKey === hereKey) return 'here';
  const course = courseKeyOf(hereKey);
  return course !== null && courseKeyOf(requestKey) === course ? 'course' : 'elsewhere';
}

const nearnessRank: Record<Nearness, number> = { here: 0, course: 1, elsewhere: 2 };

/** Has the viewer already reviewed this request? */
export const reviewedBy = (request: ReviewRequest, viewerId: string) =>
  request.reviews.some((review) => review.reviewerId === viewerId);

/**
 * Peers' open requests in the order the panel offers them: made at this page first, then in this
 * course, then elsewhere in the org; those the viewer has not reviewed yet before those they have;
 * newest first. Never the viewer's own, never a closed one.
 */
export function requestsToReview(reviews: Reviews, hereKey: string): { request: ReviewRequest; near: Nearness }[] {
  return reviews.fromPeers
    .filter((request) => request.requesterId !== reviews.viewerId && request.closedAt === null)
    .map((request) => ({ request, near: nearness(request.placeKey, hereKey) }))
    .sort(
      (a, b) =>
        nearnessRank[a.near] - nearnessRank[b.near] ||
        Number(reviewedBy(a.request, reviews.viewerId)) - Number(reviewedBy(b.request, reviews.viewerId)) ||
        b.request.createdAt - a.request.createdAt,
    );
}
