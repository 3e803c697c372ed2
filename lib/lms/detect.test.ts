/**
 * Runs every adapter's fixture cases (lib/lms/adapters/<platform>.fixtures.ts) through detectCourse,
 * and checks the conventions that keep the corpus honest.
 */
import { describe, expect, it } from 'vitest';
import { documentFrom } from '@/tests/fixtures/dom';
import type { DetectionCase } from './fixture-types';
import { adapters, detectCourse, lmsMatchPatterns } from './index';
import { CoursePlaceSchema, platforms } from './types';

const fixtureModules = import.meta.glob<{ cases: DetectionCase[] }>('./adapters/*.fixtures.ts', { eager: true });
const corpus = Object.entries(fixtureModules).map(([path, module]) => ({
  platform: /adapters\/(.+)\.fixtures\.ts$/.exec(path)![1]!,
  cases: module.cases,
}));

function run(fixture: DetectionCase) {
  const document = fixture.html
    ? documentFrom(fixture.html, fixture.url.startsWith('http') ? fixture.url : undefined)
    : undefined;
  return detectCourse({ url: fixture.url, document });
}

describe.each(corpus.map(({ platform, cases }) => [platform, cases] as const))(
  'detectCourse on %s pages',
  (_platform, cases) => {
    it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const place = run(fixture);
      if (fixture.expected === null) {
        expect(place).toBeNull();
        return;
      }
      expect(place).not.toBeNull();
      // Every detection must satisfy the schema the background parses it with.
      expect(CoursePlaceSchema.safeParse(place).success).toBe(true);
      for (const [field, value] of Object.entries(fixture.expected)) {
        expect(place?.[field as keyof typeof place], field).toEqual(value);
      }
    });
  },
);

const adapterModules = import.meta.glob<Record<string, unknown>>(
  ['./adapters/*.ts', '!./adapters/*.fixtures.ts', '!./adapters/index.ts'],
  { eager: true },
);

describe('the adapter corpus', () => {
  it('lists every adapter file in the registry', () => {
    const exported = Object.values(adapterModules).flatMap((module) => Object.values(module));
    for (const adapter of exported) expect(adapters).toContain(adapter);
    expect(adapters).toHaveLength(exported.length);
  });

  it('has one adapter per platform, each with fixtures', () => {
    const withAdapters = adapters.map((adapter) => adapter.platform).sort();
    expect(new Set(withAdapters).size).toBe(withAdapters.length);
    expect(corpus.map((entry) => entry.platform).sort()).toEqual(withAdapters);
    for (const adapter of adapters) expect(platforms).toContain(adapter.platform);
  });

  it('covers at least 150 pages, at least 40 of them negative (issue #3)', () => {
    const all = corpus.flatMap((entry) => entry.cases);
    const negative = all.filter((fixture) => fixture.expected === null || fixture.expected.isCoursePage === false);
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(negative.length).toBeGreaterThanOrEqual(40);
    expect(corpus.length).toBe(platforms.length - 1); // every platform but `custom` has an adapter
  });

  it('gives every platform positive and negative cases', () => {
    for (const { platform, cases } of corpus) {
      const negative = cases.filter((fixture) => fixture.expected === null || fixture.expected.isCoursePage === false);
      expect(negative.length, `${platform} negative cases`).toBeGreaterThanOrEqual(2);
      expect(cases.length - negative.length, `${platform} positive cases`).toBeGreaterThanOrEqual(3);
    }
  });

  it('never lets two adapters claim the same page by their markers', () => {
    for (const { cases } of corpus) {
      for (const fixture of cases.filter((candidate) => candidate.html && candidate.url.startsWith('http'))) {
        const url = new URL(fixture.url);
        const document = documentFrom(fixture.html!, fixture.url);
        const claimants = adapters.filter((adapter) => adapter.recognise?.(url, document)).map((a) => a.platform);
        expect(claimants.length, `${fixture.name}: ${claimants.join(', ')}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('never asks the manifest for a catch-all host', () => {
    for (const pattern of lmsMatchPatterns)
      expect(pattern).toMatch(/^\*:\/\/\*\.[a-z0-9-]+(\.[a-z0-9-]+)+\/(.+\/)?\*$/);
  });
});

describe('detectCourse keys', () => {
  it('gives two learners on the same lesson the same key, whatever their per-learner URL parts', () => {
    const a = detectCourse({ url: 'https://kth.instructure.com/courses/1730/pages/intro?module_item_id=5' });
    const b = detectCourse({ url: 'https://KTH.instructure.com/courses/1730/modules/items/5#x' });
    expect(a?.key).toBe(b?.key);
  });

  it('gives different courses and lessons different keys', () => {
    const keys = [
      'https://kth.instructure.com/courses/1730',
      'https://kth.instructure.com/courses/1731',
      'https://kth.instructure.com/courses/1730/quizzes/1',
      'https://other.instructure.com/courses/1730',
    ].map((url) => detectCourse({ url })?.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
