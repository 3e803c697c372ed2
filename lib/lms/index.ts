/**
 * detectCourse: which LMS, course and lesson a page is. PURE: takes the URL and (optionally) the
 * document as parameters, never touches `window`, `browser` or the network, so it is tested with plain
 * inputs. One adapter per LMS in ./adapters; the first adapter that recognises the page wins.
 */
import { canvas } from './adapters/canvas';
import { moodle } from './adapters/moodle';
import type { CoursePlace, DetectInput, LmsAdapter } from './types';

export type { CoursePlace, DetectInput, Platform } from './types';

/** Order matters only for self-hosted sites, where each adapter looks for its own page markers. */
export const adapters: readonly LmsAdapter[] = [moodle, canvas];

/**
 * The place a page is, or null when it belongs to no LMS Peerside knows.
 * `key` is the stable anchor for threads: platform, host, course, lesson. It never includes what is
 * volatile or per learner (query strings other than the item id, fragments, attempt or submission ids).
 */
export function detectCourse({ url, document }: DetectInput): CoursePlace | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;

  const adapter = adapters.find((candidate) => candidate.matches(parsed, document));
  if (!adapter) return null;

  const place = adapter.detect(parsed, document);
  const host = parsed.host.toLowerCase();
  const key =
    place.isCoursePage && place.courseId
      ? [adapter.platform, host, place.courseId, place.lessonId].filter(Boolean).join('|')
      : [adapter.platform, host].join('|');
  return { platform: adapter.platform, ...place, key };
}
