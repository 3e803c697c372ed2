/**
 * detectCourse: which LMS, course and lesson a page is. PURE: takes the URL and (optionally) the
 * document as parameters, never touches `window`, `browser` or the network, so it is tested with plain
 * inputs. One adapter per LMS in ./adapters; the first adapter that recognises the page wins.
 */
import { adapters } from './adapters';
import { matchPatternsFor, onAdapterHost } from './hosts';
import { detectWithPattern, ruleMatchesHost, type LmsRule } from './rules';
import type { CoursePlace, DetectInput, LmsAdapter, PlaceFields, Platform } from './types';

export type { CoursePlace, DetectInput, Platform } from './types';
export type { LmsRule } from './rules';
export { adapters };

/** The content script's match patterns: every known LMS host, and nothing else. */
export const lmsMatchPatterns: string[] = matchPatternsFor(adapters);

/**
 * The place a page is, or null when it belongs to no LMS Peerside knows.
 * `key` is the stable anchor for threads: platform, host, course, lesson. It never includes what is
 * volatile or per learner (query strings other than the item id, fragments, attempt or submission ids).
 */
export function detectCourse({
  url,
  document,
  rules = [],
}: DetectInput & { rules?: readonly LmsRule[] }): CoursePlace | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;

  // Admin rules come first: they describe the organisation's own LMS hosts.
  const rule = rules.find((candidate) => ruleMatchesHost(candidate, parsed.hostname));
  if (rule?.pattern !== undefined) {
    return withKey(rule.platform, parsed, detectWithPattern({ ...rule, pattern: rule.pattern }, parsed, document));
  }
  const adapter: LmsAdapter | undefined =
    (rule && adapters.find((candidate) => candidate.platform === rule.platform)) ??
    adapters.find((candidate) => onAdapterHost(candidate, parsed)) ??
    adapters.find((candidate) => candidate.recognise?.(parsed, document));
  if (!adapter) return null;
  return withKey(adapter.platform, parsed, adapter.detect(parsed, document));
}

function withKey(platform: Platform, url: URL, place: PlaceFields): CoursePlace {
  const host = url.host.toLowerCase();
  const key =
    place.isCoursePage && place.courseId
      ? [platform, host, place.courseId, place.lessonId].filter(Boolean).join('|')
      : [platform, host].join('|');
  return { platform, ...place, key };
}
