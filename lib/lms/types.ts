/**
 * The shape of a detected LMS place, shared by detection, messaging and the panel.
 * Pure: zod (mini, to keep the content script small) and types only.
 */
import { z } from 'zod/mini';

export const platforms = [
  'moodle',
  'canvas',
  'blackboard',
  'brightspace',
  'openedx',
  'sakai',
  'schoology',
  'google_classroom',
  'cornerstone',
  'docebo',
  'successfactors',
  'workday',
  'talentlms',
  'absorb',
  'learnupon',
  '360learning',
  'thinkific',
  'teachable',
  'linkedin_learning',
  'coursera',
  'udemy',
  /** An in-house or custom-domain LMS described by an admin rule. */
  'custom',
] as const;
export const PlatformSchema = z.enum(platforms);
export type Platform = z.infer<typeof PlatformSchema>;

/** Everything here may come from a host page, so every string is bounded. */
export const CoursePlaceSchema = z.object({
  platform: PlatformSchema,
  isCoursePage: z.boolean(),
  courseId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  lessonId: z.optional(z.string().check(z.minLength(1), z.maxLength(160))),
  courseTitle: z.optional(z.string().check(z.maxLength(200))),
  lessonTitle: z.optional(z.string().check(z.maxLength(200))),
  key: z.string().check(z.minLength(1), z.maxLength(600)),
});
export type CoursePlace = z.infer<typeof CoursePlaceSchema>;

/** What a detector gets: the URL and, when run in a page, its document. */
export interface DetectInput {
  url: string;
  document?: Document;
}

/** What an adapter reads of a page; detectCourse adds `platform` and `key`. */
export type PlaceFields = Omit<CoursePlace, 'platform' | 'key'>;

/**
 * One LMS adapter (one file in ./adapters). Hosts are matched by suffix, never by substring:
 * `kth.instructure.com` is Canvas, `canvas.uni.edu.evil.net` is not.
 */
export interface LmsAdapter {
  platform: Exclude<Platform, 'custom'>;
  /**
   * Host suffixes the platform serves from (multi-tenant domains and its own): `instructure.com`
   * covers `kth.instructure.com`. Each becomes a content script match pattern in the manifest.
   */
  hosts: readonly string[];
  /** Only paths below this prefix belong to the LMS on those hosts (`/learning` on linkedin.com). */
  pathPrefix?: string;
  /** Self-hosted sites: does this page carry the platform's own markers? Asked only off `hosts`. */
  recognise?(url: URL, document: Document | undefined): boolean;
  /** Read the place; called only for pages the adapter claimed. */
  detect(url: URL, document: Document | undefined): PlaceFields;
}
