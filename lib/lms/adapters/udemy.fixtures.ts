/**
 * Udemy pages as detection sees them: example URLs and anonymised excerpts of the course player
 * (header course title, curriculum sidebar with the current item). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const player = `<body><div class="app">
  <header><a data-purpose="course-header-title" href="/course/intro-to-data-viz/">Introduction to   Data Visualisation</a></header>
  <main><section data-purpose="sidebar"><ul>
    <li aria-current="false"><span data-purpose="item-title">1. Welcome to the course</span></li>
    <li aria-current="true"><span data-purpose="item-title">2. Installing the tools</span></li>
  </ul></section></main></div></body>`;

const host = 'https://www.udemy.com';

export const cases: DetectionCase[] = [
  {
    name: 'lecture: the #overview fragment and ?start= are ignored',
    url: `${host}/course/intro-to-data-viz/learn/lecture/31415926?start=0#overview`,
    expected: {
      platform: 'udemy',
      isCoursePage: true,
      courseId: 'intro-to-data-viz',
      lessonId: 'lecture:31415926',
      key: 'udemy|www.udemy.com|intro-to-data-viz|lecture:31415926',
    },
  },
  {
    name: 'lecture titles come from the player header and the current curriculum item',
    url: `${host}/course/intro-to-data-viz/learn/lecture/31415926#questions`,
    html: player,
    expected: {
      courseTitle: 'Introduction to Data Visualisation',
      lessonTitle: '2. Installing the tools',
      key: 'udemy|www.udemy.com|intro-to-data-viz|lecture:31415926',
    },
  },
  {
    name: 'quiz, and its result page is the same quiz',
    url: `${host}/course/intro-to-data-viz/learn/quiz/5512/result`,
    expected: { lessonId: 'quiz:5512', key: 'udemy|www.udemy.com|intro-to-data-viz|quiz:5512' },
  },
  {
    name: 'practice test',
    url: `${host}/course/intro-to-data-viz/learn/practice/7781`,
    expected: { lessonId: 'practice:7781' },
  },
  {
    name: 'course player home is a course page without a lesson',
    url: `${host}/course/intro-to-data-viz/learn/`,
    expected: { isCoursePage: true, lessonId: undefined, key: 'udemy|www.udemy.com|intro-to-data-viz' },
  },
  {
    name: 'old player route is the same lecture',
    url: `${host}/course/intro-to-data-viz/learn/v4/t/lecture/31415926`,
    expected: { key: 'udemy|www.udemy.com|intro-to-data-viz|lecture:31415926' },
  },
  {
    name: 'Udemy Business tenant',
    url: 'https://acme.udemy.com/course/intro-to-data-viz/learn/lecture/31415926?utm_source=slack',
    expected: { platform: 'udemy', key: 'udemy|acme.udemy.com|intro-to-data-viz|lecture:31415926' },
  },
  // Negative: sales pages, dashboards, catalogue, profile, login, look-alike hosts.
  {
    name: 'course sales page',
    url: `${host}/course/intro-to-data-viz/?couponCode=SPRING24`,
    expected: { platform: 'udemy', isCoursePage: false, key: 'udemy|www.udemy.com' },
  },
  { name: 'my courses', url: `${host}/home/my-courses/learning/`, expected: { isCoursePage: false } },
  { name: 'search', url: `${host}/courses/search/?q=python&src=ukw`, expected: { isCoursePage: false } },
  { name: 'instructor profile', url: `${host}/user/jane-example-instructor/`, expected: { isCoursePage: false } },
  { name: 'login', url: `${host}/join/login-popup/?locale=en_US`, expected: { isCoursePage: false } },
  { name: 'business home', url: 'https://acme.udemy.com/organization/home/', expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://udemy.com.evil.net/course/x/learn/lecture/1', expected: null },
  {
    name: 'host containing the suffix as a substring',
    url: 'https://notudemy.com/course/x/learn/lecture/1',
    expected: null,
  },
];
