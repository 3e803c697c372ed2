import { describe, expect, it } from 'vitest';
import { parseAdminRules } from './admin-rules';

describe('parseAdminRules', () => {
  it('keeps valid rules: host to platform, and custom patterns', () => {
    const { rules, problems } = parseAdminRules([
      { host: 'learn.example.edu', platform: 'moodle' },
      { host: '*.academy.example.com', platform: 'custom', pattern: '^/training/(?<course>[\\w-]+)' },
    ]);
    expect(problems).toEqual([]);
    expect(rules.map((rule) => rule.host)).toEqual(['learn.example.edu', '*.academy.example.com']);
  });

  it('skips each bad rule with a sentence saying what to change, and keeps the rest', () => {
    const { rules, problems } = parseAdminRules([
      { host: 'learn example', platform: 'moodle' },
      { host: 'ok.example.com', platform: 'canvas' },
      { host: 'x.example.com', platform: 'lms-of-the-future' },
      { host: 'y.example.com', platform: 'custom' },
      { host: 'z.example.com', platform: 'custom', pattern: '^/c/([0-9]+)' },
      { host: 'w.example.com', platform: 'custom', pattern: '^/c/(?<course>[0-9+' },
      'not a rule',
    ]);
    expect(rules).toEqual([{ host: 'ok.example.com', platform: 'canvas' }]);
    expect(problems).toEqual([
      'LMS rule 1 (learn example) was skipped: Use a host name such as learn.example.com, or *.example.com for its subdomains.',
      expect.stringMatching(
        /^LMS rule 3 \(x\.example\.com\) was skipped: Use one of these platforms: moodle, canvas, /,
      ),
      'LMS rule 4 (y.example.com) was skipped: A custom platform needs a pattern with a (?<course>...) group.',
      'LMS rule 5 (z.example.com) was skipped: The pattern needs a named group (?<course>...) for the course id.',
      'LMS rule 6 (w.example.com) was skipped: The pattern is not a valid regular expression.',
      expect.stringMatching(/^LMS rule 7 was skipped: /),
    ]);
  });

  it('reports a policy that is not a list', () => {
    expect(parseAdminRules({ host: 'a.example.com' }).problems).toEqual([
      'The lmsRules policy must be a list of rules; it was ignored.',
    ]);
    expect(parseAdminRules(undefined)).toEqual({ rules: [], problems: [] });
  });
});
