/**
 * Validates the LMS rules an admin sets in managed policy (`lmsRules`). Each rule is parsed on its own:
 * a bad rule is reported with a sentence saying what to change, and skipped; the good ones still apply.
 */
import { z } from 'zod/mini';
import type { LmsRule } from '../lms/rules';
import { platforms } from '../lms/types';

const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const selector = z.optional(z.string().check(z.minLength(1), z.maxLength(200)));

export const AdminRuleSchema = z
  .object({
    host: z
      .string()
      .check(
        z.maxLength(253),
        z.regex(HOST, { error: 'Use a host name such as learn.example.com, or *.example.com for its subdomains.' }),
      ),
    platform: z.enum(platforms, { error: `Use one of these platforms: ${platforms.join(', ')}.` }),
    pattern: z.optional(
      z.string().check(
        z.maxLength(500),
        z.refine(compiles, { error: 'The pattern is not a valid regular expression.' }),
        z.refine((pattern) => pattern.includes('(?<course>'), {
          error: 'The pattern needs a named group (?<course>...) for the course id.',
        }),
      ),
    ),
    courseTitleSelector: selector,
    lessonTitleSelector: selector,
  })
  .check(
    z.refine((rule) => rule.platform !== 'custom' || rule.pattern !== undefined, {
      error: 'A custom platform needs a pattern with a (?<course>...) group.',
    }),
  );

export interface ParsedRules {
  rules: LmsRule[];
  /** One sentence per skipped rule, for the options page and the admin dashboard. */
  problems: string[];
}

export function parseAdminRules(raw: unknown): ParsedRules {
  if (raw === undefined) return { rules: [], problems: [] };
  if (!Array.isArray(raw)) {
    return { rules: [], problems: ['The lmsRules policy must be a list of rules; it was ignored.'] };
  }
  const rules: LmsRule[] = [];
  const problems: string[] = [];
  raw.forEach((candidate: unknown, index) => {
    const parsed = AdminRuleSchema.safeParse(candidate);
    if (parsed.success) {
      rules.push(parsed.data);
      return;
    }
    const host = (candidate as { host?: unknown } | null)?.host;
    const label = typeof host === 'string' ? ` (${host.slice(0, 80)})` : '';
    const reasons = [...new Set(parsed.error.issues.map((issue) => issue.message))].join(' ');
    problems.push(`LMS rule ${index + 1}${label} was skipped: ${reasons}`);
  });
  return { rules, problems };
}
