/**
 * LearnUpon pages as detection sees them: example URLs and anonymised excerpts of a learner's course
 * overview and module player (course and module ids in data attributes, LearnUpon-hosted assets).
 * The enrollment id in the URL is per learner and never part of the key. `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const overview = `<html><head><link rel="stylesheet" href="https://assets.learnupon.com/packs/learner.css"></head>
  <body><main><div class="course-overview" data-course-id="262369"><h1 class="course-title">Workplace   Safety Essentials</h1>
  <ul><li data-module-id="9001">Module 1</li><li data-module-id="9002">Module 2</li></ul></div></main></body></html>`;

const modulePage = `<body><div class="course-player" data-course-id="262369">
  <h1 class="course-title">Workplace Safety Essentials</h1>
  <section class="module-player" data-module-id="9002"><h2 class="module-title">Fire exits and assembly points</h2></section>
  </div></body>`;

const host = 'https://acme.learnupon.com';

export const cases: DetectionCase[] = [
  {
    name: 'course overview of an enrollment: the course id comes from the page',
    url: `${host}/enrollments/55559074/details`,
    html: overview,
    expected: {
      platform: 'learnupon',
      isCoursePage: true,
      courseId: '262369',
      courseTitle: 'Workplace Safety Essentials',
      lessonId: undefined,
      key: 'learnupon|acme.learnupon.com|262369',
    },
  },
  {
    name: 'another learner (another enrollment id) on the same course has the same key',
    url: `${host}/enrollments/61120450/details?locale=fr`,
    html: overview,
    expected: { key: 'learnupon|acme.learnupon.com|262369' },
  },
  {
    name: 'module player: the module id comes from the page, not the per-enrollment page number',
    url: `${host}/enrollments/55559074/page/935307175`,
    html: modulePage,
    expected: {
      courseId: '262369',
      lessonId: 'module:9002',
      lessonTitle: 'Fire exits and assembly points',
      key: 'learnupon|acme.learnupon.com|262369|module:9002',
    },
  },
  {
    name: 'a course inside a learning path carries its id in the URL',
    url: `${host}/lpaths/4147453/courses/262371/details`,
    expected: { isCoursePage: true, courseId: '262371', key: 'learnupon|acme.learnupon.com|262371' },
  },
  {
    name: 'portal on its own domain, recognised by the enrollment path and LearnUpon assets',
    url: 'https://training.acme.example/enrollments/55559074/details',
    html: overview,
    expected: { platform: 'learnupon', key: 'learnupon|training.acme.example|262369' },
  },
  // Negative: pages without a course id, dashboard, catalogue, login, profile, look-alike hosts.
  {
    name: 'enrollment page without the course in its markup is not anchored',
    url: `${host}/enrollments/55559074/details`,
    expected: { platform: 'learnupon', isCoursePage: false, key: 'learnupon|acme.learnupon.com' },
  },
  { name: 'learner dashboard', url: `${host}/dashboard`, expected: { isCoursePage: false } },
  { name: 'catalogue', url: `${host}/catalog?search=safety`, expected: { isCoursePage: false } },
  {
    name: 'catalogue course page (not enrolled)',
    url: `${host}/catalog/courses/262369`,
    expected: { isCoursePage: false },
  },
  { name: 'login', url: `${host}/users/sign_in`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/users/edit`, expected: { isCoursePage: false } },
  {
    name: 'own domain without LearnUpon assets',
    url: 'https://training.acme.example/enrollments/55559074/details',
    html: '<body><div data-course-id="262369"><h1>Course</h1></div></body>',
    expected: null,
  },
  { name: 'look-alike host', url: 'https://learnupon.com.evil.net/enrollments/1/details', expected: null },
];
