/**
 * Admin rules: how detection treats in-house and custom-domain LMSs. A rule maps a host to a known
 * platform (its adapter then reads the pages), or, for `custom`, gives a URL pattern whose named groups
 * `course` and `lesson` are the place. PURE and zod-free: it runs in the content script. Rules reach it
 * already validated by lib/config/admin-rules.ts in the background.
 */
import { hostHasSuffix } from './hosts';
import { cleanId, textOf } from './page-text';
import type { PlaceFields, Platform } from './types';

export interface LmsRule {
  /** `learn.example.com`, or `*.example.com` for the domain and all its subdomains. */
  host: string;
  platform: Platform;
  /** A regular expression over path + query, with named groups `course` and optionally `lesson`. */
  pattern?: string;
  /** CSS selectors for the titles, where the page's first heading is not right. */
  courseTitleSelector?: string;
  lessonTitleSelector?: string;
}

export function ruleMatchesHost(rule: LmsRule, hostname: string): boolean {
  const host = hostname.toLowerCase();
  return rule.host.startsWith('*.') ? hostHasSuffix(host, rule.host.slice(2)) : host === rule.host.toLowerCase();
}

/** The place a `pattern` rule reads from a page: course and lesson from the named groups. */
export function detectWithPattern(rule: LmsRule & { pattern: string }, url: URL, document?: Document): PlaceFields {
  const match = new RegExp(rule.pattern).exec(`${url.pathname}${url.search}`);
  const courseId = cleanId(match?.groups?.['course']);
  if (!courseId) return { isCoursePage: false };
  const lesson = cleanId(match?.groups?.['lesson']);
  const selectors = (selector: string | undefined, fallback: string[]) => (selector ? [selector] : fallback);
  return {
    isCoursePage: true,
    courseId,
    courseTitle: textOf(document, ...selectors(rule.courseTitleSelector, lesson ? [] : ['h1'])),
    ...(lesson
      ? { lessonId: `lesson:${lesson}`, lessonTitle: textOf(document, ...selectors(rule.lessonTitleSelector, ['h1'])) }
      : {}),
  };
}

/** Where the background keeps the validated rules for content scripts (extension-private storage). */
export const RULES_KEY = 'lmsRules';

/**
 * The rules as the content script reads them back. The background wrote them after zod validated
 * them (lib/config/admin-rules.ts); this only guards the shape, without zod, for the bundle budget.
 */
export function rulesFrom(stored: unknown): LmsRule[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (rule): rule is LmsRule =>
      typeof rule === 'object' &&
      rule !== null &&
      typeof (rule as LmsRule).host === 'string' &&
      typeof (rule as LmsRule).platform === 'string' &&
      ['string', 'undefined'].includes(typeof (rule as LmsRule).pattern),
  );
}

/** The match pattern a rule's host needs: `*://learn.example.edu/*`, or `*://*.example.com/*`. */
export function matchPatternForRule(rule: LmsRule): string {
  return `*://${rule.host.toLowerCase()}/*`;
}
