/**
 * Coursera pages as detection sees them: example URLs and anonymised excerpts of the course player
 * (breadcrumb back to the course home, the item heading). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const itemPage = `<body><header><nav aria-label="Breadcrumbs"><ol>
  <li><a href="/learn/ml-basics/home/welcome">Machine   Learning Basics</a></li>
  <li><a href="/learn/ml-basics/home/module/1">Module 1</a></li></ol></nav></header>
  <main><h1>What is a model?</h1></main></body>`;

const host = 'https://www.coursera.org';

export const cases: DetectionCase[] = [
  {
    name: 'course home',
    url: `${host}/learn/ml-basics/home/welcome`,
    expected: {
      platform: 'coursera',
      isCoursePage: true,
      courseId: 'ml-basics',
      lessonId: undefined,
      key: 'coursera|www.coursera.org|ml-basics',
    },
  },
  {
    name: 'a module of the course home',
    url: `${host}/learn/ml-basics/home/module/2`,
    expected: { lessonId: 'module:2', key: 'coursera|www.coursera.org|ml-basics|module:2' },
  },
  {
    name: 'the older /home/week/<n> URL is the same module',
    url: `${host}/learn/ml-basics/home/week/2`,
    expected: { key: 'coursera|www.coursera.org|ml-basics|module:2' },
  },
  {
    name: 'lecture with its title slug',
    url: `${host}/learn/ml-basics/lecture/Xy3Qa/what-is-a-model`,
    html: itemPage,
    expected: {
      courseId: 'ml-basics',
      lessonId: 'item:Xy3Qa',
      courseTitle: 'Machine Learning Basics',
      lessonTitle: 'What is a model?',
      key: 'coursera|www.coursera.org|ml-basics|item:Xy3Qa',
    },
  },
  {
    name: 'lecture without the title slug is the same lecture',
    url: `${host}/learn/ml-basics/lecture/Xy3Qa`,
    expected: { key: 'coursera|www.coursera.org|ml-basics|item:Xy3Qa' },
  },
  {
    name: 'quiz attempt: the attempt sub-page belongs to the quiz',
    url: `${host}/learn/ml-basics/quiz/AbC12/practice-quiz/attempt`,
    expected: { lessonId: 'item:AbC12' },
  },
  {
    name: 'reading',
    url: `${host}/learn/ml-basics/supplement/Rd7kP/course-syllabus`,
    expected: { lessonId: 'item:Rd7kP' },
  },
  {
    name: 'peer-graded assignment submission',
    url: `${host}/learn/ml-basics/peer/Zz9Yq/final-project/submit`,
    expected: { lessonId: 'item:Zz9Yq' },
  },
  {
    name: 'course forums are a course page without a lesson',
    url: `${host}/learn/ml-basics/discussions/forums/aB3dE/threads/q1w2e3`,
    expected: { isCoursePage: true, lessonId: undefined },
  },
  {
    name: 'tracking parameters and fragments ignored',
    url: `${host}/learn/ml-basics/lecture/Xy3Qa/what-is-a-model?utm_medium=email&trk=x&authMode=login#main`,
    expected: { key: 'coursera|www.coursera.org|ml-basics|item:Xy3Qa' },
  },
  // Negative: public course and programme pages, catalogue, search, profile, login, look-alike hosts.
  {
    name: 'public course page (sales)',
    url: `${host}/learn/ml-basics`,
    expected: { platform: 'coursera', isCoursePage: false, key: 'coursera|www.coursera.org' },
  },
  {
    name: 'public course page with a specialization parameter',
    url: `${host}/learn/ml-basics/?specialization=applied-ml`,
    expected: { isCoursePage: false },
  },
  { name: 'course reviews (public)', url: `${host}/learn/ml-basics/reviews`, expected: { isCoursePage: false } },
  { name: 'specialization page', url: `${host}/specializations/applied-ml`, expected: { isCoursePage: false } },
  { name: 'browse', url: `${host}/browse/data-science`, expected: { isCoursePage: false } },
  { name: 'search', url: `${host}/search?query=statistics`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/user/3f2a9c0e1b`, expected: { isCoursePage: false } },
  { name: 'login', url: `${host}/?authMode=login`, expected: { isCoursePage: false } },
  {
    name: 'host containing the suffix as a substring',
    url: 'https://notcoursera.org/learn/ml-basics/home/welcome',
    expected: null,
  },
  { name: 'look-alike host', url: 'https://www.coursera.org.evil.net/learn/ml-basics/home/welcome', expected: null },
];
