import { describe, expect, it } from 'vitest';
import { documentFrom } from '@/tests/fixtures/dom';
import { detectCourse } from './index';
import type { LmsRule } from './rules';

const rules: LmsRule[] = [
  { host: 'learn.example.edu', platform: 'moodle' },
  {
    host: '*.academy.example.com',
    platform: 'custom',
    pattern: '^/training/(?<course>[\\w-]+)(?:/lesson/(?<lesson>[\\w-]+))?',
    lessonTitleSelector: '.lesson-name',
  },
];

describe('detectCourse with admin rules', () => {
  it('treats a host mapped to a platform as that platform, markers or not', () => {
    const place = detectCourse({ url: 'https://learn.example.edu/course/view.php?id=12', rules });
    expect(place).toMatchObject({ platform: 'moodle', courseId: '12', key: 'moodle|learn.example.edu|12' });
    expect(detectCourse({ url: 'https://learn.example.edu/course/view.php?id=12' })).toBeNull();
  });

  it('reads course and lesson from a custom pattern, titles from the page', () => {
    const document = documentFrom(
      '<h1>Safety basics</h1><p class="lesson-name">Lifting safely</p>',
      'https://eu.academy.example.com/training/safety-101/lesson/lifting',
    );
    const place = detectCourse({
      url: 'https://eu.academy.example.com/training/safety-101/lesson/lifting?session=abc#top',
      document,
      rules,
    });
    expect(place).toEqual({
      platform: 'custom',
      isCoursePage: true,
      courseId: 'safety-101',
      courseTitle: undefined,
      lessonId: 'lesson:lifting',
      lessonTitle: 'Lifting safely',
      key: 'custom|eu.academy.example.com|safety-101|lesson:lifting',
    });
  });

  it('calls pages the pattern does not match "not a course page" on a custom host', () => {
    expect(detectCourse({ url: 'https://academy.example.com/profile', rules })).toEqual({
      platform: 'custom',
      isCoursePage: false,
      key: 'custom|academy.example.com',
    });
  });

  it('matches rule hosts exactly or by suffix, never by substring', () => {
    expect(detectCourse({ url: 'https://learn.example.edu.evil.net/course/view.php?id=12', rules })).toBeNull();
    expect(detectCourse({ url: 'https://notacademy.example.com/training/x', rules })).toBeNull();
  });
});
