/**
 * 360Learning pages as detection sees them: example URLs and anonymised excerpts of the course player
 * (course title heading). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.360learning.com';
const course = '5e8b26f0e424ab028b6e6bf5';

export const cases: DetectionCase[] = [
  {
    name: 'course player',
    url: `${host}/course/play/${course}`,
    expected: {
      platform: '360learning',
      isCoursePage: true,
      courseId: course,
      lessonId: undefined,
      key: `360learning|acme.360learning.com|${course}`,
    },
  },
  {
    name: 'course player reached from a path session: session and language parameters ignored',
    url: `${host}/course/play/${course}?pathSessionId=6797cd5832d5d3b1f1817766&preferredLang=en`,
    html: '<body><main><h1>Introduction   to Budgeting</h1><div class="activity">Question 1</div></main></body>',
    expected: { courseTitle: 'Introduction to Budgeting', key: `360learning|acme.360learning.com|${course}` },
  },
  {
    name: 'a learner attempt belongs to its course',
    url: `${host}/course/play/${course}/attempts/6a233b0a0c8feff1cddaa2c3?preferredLang=fr#frame-3`,
    expected: { courseId: course, key: `360learning|acme.360learning.com|${course}` },
  },
  {
    name: 'course homepage',
    url: `${host}/course/${course}`,
    expected: { isCoursePage: true, key: `360learning|acme.360learning.com|${course}` },
  },
  {
    name: 'the shared app host',
    url: `https://app.360learning.com/course/play/${course.toUpperCase()}`,
    expected: { courseId: course, key: `360learning|app.360learning.com|${course}` },
  },
  // Negative: home, catalogue, paths, login, profile, look-alike hosts.
  {
    name: 'home',
    url: `${host}/home`,
    expected: { platform: '360learning', isCoursePage: false, key: '360learning|acme.360learning.com' },
  },
  { name: 'catalogue', url: `${host}/home/content/all`, expected: { isCoursePage: false } },
  {
    name: 'path home (a programme of several courses)',
    url: `${host}/paths/6797cd5832d5d3b1f1817700/home`,
    expected: { isCoursePage: false },
  },
  { name: 'login', url: `${host}/login`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/profile/5f1a2b3c4d5e6f7a8b9c0d1e`, expected: { isCoursePage: false } },
  { name: 'course play without a valid id', url: `${host}/course/play/not-an-id`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: `https://360learning.com.evil.net/course/play/${course}`, expected: null },
  {
    name: 'host containing the suffix as a substring',
    url: `https://my360learning.com/course/play/${course}`,
    expected: null,
  },
];
