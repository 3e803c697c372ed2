/** What a learner can follow: a question (its new answers and replies) or a place (new questions there). PURE. */
import type { CoursePlace } from '../lms/types';

export type FollowTarget = { kind: 'thread'; threadId: string } | { kind: 'place'; place: CoursePlace };
