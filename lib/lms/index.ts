/**
 * detectCourse: which LMS, course and lesson a page is. PURE: takes the URL and (optionally) the
 * document as parameters, never touches `window`, `browser` or the network, so it is tested with plain
 * inputs. One adapter per LMS in ./adapters; the first adapter that recognises the page wins.
 */
import { adapters } from './adapters';
import { matchPatternsFor, onAdapterHost } from './hosts';
import type { CoursePlace, DetectInput } from './types';

export type { CoursePlace, DetectInput, Platform } from './types';
export { adapters };

/** The content script's match patterns: every known LMS host, and nothing else. */
export const lmsMatchPatterns: string[] = matchPatternsFor(adapters);

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

  const adapter =
    adapters.find((candidate) => onAdapterHost(candidate, parsed)) ??
    adapters.find((candidate) => candidate.recognise?.(parsed, document));
  if (!adapter) return null;

  const place = adapter.detect(parsed, document);
  const host = parsed.host.toLowerCase();
  const key =
    place.isCoursePage && place.courseId
      ? [adapter.platform, host, place.courseId, place.lessonId].filter(Boolean).join('|')
      : [adapter.platform, host].join('|');
  return { platform: adapter.platform, ...place, key };
}
