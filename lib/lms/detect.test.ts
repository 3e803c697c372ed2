import { describe, expect, it } from 'vitest';
import { documentFrom } from '@/tests/fixtures/dom';
import { canvasCases } from './adapters/canvas.fixtures';
import { moodleCases } from './adapters/moodle.fixtures';
import { detectCourse } from './index';
import { CoursePlaceSchema } from './types';

describe.each([
  ['moodle', moodleCases],
  ['canvas', canvasCases],
])('detectCourse on %s pages', (_platform, cases) => {
  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const document = fixture.html
      ? documentFrom(fixture.html, fixture.url.startsWith('http') ? fixture.url : undefined)
      : undefined;
    const place = detectCourse({ url: fixture.url, document });
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
