/**
 * Every string the UI shows comes from _locales: each key the code asks for exists in the English
 * catalogue, each catalogue entry is used, and every entry is well formed for Chrome's i18n.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { translatorFrom } from '@/lib/i18n/translate';

const root = join(import.meta.dirname, '../..');
const sourceDirs = ['entrypoints', 'components', 'lib'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const code = sourceDirs.flatMap((dir) => sources(join(root, dir))).map((path) => readFileSync(path, 'utf8'));
const manifestSource = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
const catalogue: Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
> = english;

/** Keys asked for in code: t('key'), getMessage('key'), __MSG_key__, and t(`platform_${...}`) families. */
const used = new Set<string>();
for (const text of [...code, manifestSource]) {
  for (const match of text.matchAll(/(?:\bt|getMessage)\(\s*'([A-Za-z0-9_]+)'/g)) used.add(match[1]!);
  for (const match of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(match[1]!);
}
// A key is also used when the code names it as a string elsewhere (a lookup table of keys, or
// `t(cond ? 'a' : 'b')`) or builds it from a template prefix (`mentoringState_${state}`).
const allCode = [...code, manifestSource].join('\n');
const named = new Set([...allCode.matchAll(/['"]([A-Za-z0-9_]+)['"]/g)].map((match) => match[1]!));
const families = [...allCode.matchAll(/`([A-Za-z0-9_]+)\$\{/g)].map((match) => match[1]!);

describe('locales', () => {
  it('has every key the code uses', () => {
    const missing = [...used].filter((key) => !(key in catalogue));
    expect(missing).toEqual([]);
  });

  it('uses every key it has', () => {
    const unused = Object.keys(catalogue).filter(
      (key) => !used.has(key) && !named.has(key) && !families.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('describes every message for translators', () => {
    const undescribed = Object.entries(catalogue)
      .filter(([, entry]) => !entry.description)
      .map(([key]) => key);
    expect(undescribed).toEqual([]);
  });

  it('fills placeholders as Chrome does', () => {
    const t = translatorFrom(catalogue);
    expect(t('placeNotCourse', ['Canvas'])).toBe("You're on Canvas, but this page isn't part of a course.");
    expect(t('placeUntitledCourse', ['1730'])).toBe('Course 1730');
  });
});
