/**
 * The shape of a detected LMS place, shared by detection, messaging and the panel.
 * Pure: zod (mini, to keep the content script small) and types only.
 */
import { z } from 'zod/mini';

export const platforms = ['moodle', 'canvas'] as const;
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

/** One LMS adapter: recognise the platform, then read the place. */
export interface LmsAdapter {
  platform: Platform;
  /** Cheap check: is this page this platform at all? */
  matches(url: URL, document: Document | undefined): boolean;
  /** Read the place; only called when `matches` said yes. */
  detect(url: URL, document: Document | undefined): Omit<CoursePlace, 'platform' | 'key'>;
}
