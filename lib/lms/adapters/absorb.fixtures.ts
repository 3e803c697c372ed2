/**
 * Absorb LMS pages as detection sees them. Routes are the documented deep links (#/online-courses/<id>,
 * #/online-courses/<id>?lessonId=<id>, #/curricula/<id>, #/instructor-led-courses/<id>); the course header class is the
 * learner app's (course-detail-header__name, next to a hashed CSS-module class). Titles and ids are invented.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.myabsorb.com';
const course = '9eb5cacd-1ebf-4930-aa7f-86780cb45f97';
const lesson = '3765dc64-cc64-4efa-bfc0-9a4dc2e9d09d';
const key = `absorb|acme.myabsorb.com|${course}`;

const header = (title: string) =>
  `<body><div id="ui-view"><header><h1 class="course-detail-header-module__name___AbC12 course-detail-header__name">${title}</h1>
   </header><section><h2>Syllabus</h2></section></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'online course, URL only: the route is in the fragment',
    url: `${host}/#/online-courses/${course}`,
    expected: { platform: 'absorb', isCoursePage: true, courseId: course, lessonId: undefined, key },
  },
  {
    name: 'online course reads the course header',
    url: `${host}/#/online-courses/${course}`,
    html: header('Routing   Security Data'),
    expected: { courseTitle: 'Routing Security Data', key },
  },
  {
    name: 'a launched lesson is the lesson of the course',
    url: `${host}/#/online-courses/${course}?lessonId=${lesson}`,
    html: header('Routing Security Data'),
    expected: {
      courseId: course,
      lessonId: `lesson:${lesson}`,
      courseTitle: 'Routing Security Data',
      key: `${key}|lesson:${lesson}`,
    },
  },
  {
    name: 'an upper-case deep link and a page query (language) give the same key',
    url: `${host}/?Language=fr#/online-courses/${course.toUpperCase()}`,
    expected: { courseId: course, key },
  },
  {
    name: 'curriculum',
    url: `${host}/#/curricula/ad32bab8-604a-406b-a28f-5b9edd7b5bd3`,
    expected: { isCoursePage: true, courseId: 'ad32bab8-604a-406b-a28f-5b9edd7b5bd3' },
  },
  {
    name: 'instructor-led course on a Canadian portal',
    url: 'https://acme.myabsorb.ca/#/instructor-led-courses/4519c40e-a3ad-4a44-a53a-cff977a772df',
    expected: {
      courseId: '4519c40e-a3ad-4a44-a53a-cff977a772df',
      key: 'absorb|acme.myabsorb.ca|4519c40e-a3ad-4a44-a53a-cff977a772df',
    },
  },
  {
    name: 'the same route without the hash (path routing, not verified on a live portal)',
    url: `https://acme.myabsorb.com.au/online-courses/${course}`,
    expected: { courseId: course, key: `absorb|acme.myabsorb.com.au|${course}` },
  },
  // Negative: dashboard, catalogue, my courses, profiles, login, cart, malformed ids, look-alike hosts.
  {
    name: 'dashboard',
    url: `${host}/#/dashboard`,
    expected: { platform: 'absorb', isCoursePage: false, key: 'absorb|acme.myabsorb.com' },
  },
  {
    name: 'catalogue category',
    url: `${host}/#/catalog/8b752ab9-df9c-45f2-bd07-5dc0b85ca4e2`,
    expected: { isCoursePage: false },
  },
  { name: 'my courses', url: `${host}/#/courses`, expected: { isCoursePage: false } },
  {
    name: 'social profile',
    url: `${host}/#/social-profile/ca6cad0e-8d7c-434d-b39e-d0991716e2fd`,
    expected: { isCoursePage: false },
  },
  { name: 'login', url: `${host}/#/login`, expected: { isCoursePage: false } },
  { name: 'cart', url: `${host}/#/AddToCart?CourseIds=${course}`, expected: { isCoursePage: false } },
  {
    name: 'a lesson id that is not a GUID is ignored',
    url: `${host}/#/online-courses/${course}?lessonId=1%3Cb%3E`,
    expected: { courseId: course, lessonId: undefined, key },
  },
  { name: 'look-alike host', url: `https://acme.myabsorb.com.evil.net/#/online-courses/${course}`, expected: null },
];
