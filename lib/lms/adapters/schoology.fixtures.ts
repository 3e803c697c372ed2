/**
 * Schoology pages as detection sees them: example URLs and anonymised excerpts of its markup
 * (#center-top with h2.page-title, the breadcrumb linking back to /course/<id>). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://riverdale.schoology.com';

const item = (title: string) =>
  `<body><div id="main"><div id="center-top"><div class="breadcrumb">
   <a href="/course/123456789/materials">Biology 9: Period 3</a> » <a href="/course/123456789/materials?f=987">Unit 2</a></div>
   <h2 class="page-title">${title}</h2></div></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'course materials, URL only',
    url: `${host}/course/123456789/materials`,
    expected: {
      platform: 'schoology',
      isCoursePage: true,
      courseId: '123456789',
      lessonId: undefined,
      key: 'schoology|riverdale.schoology.com|123456789',
    },
  },
  {
    name: 'course materials read the course title from the page header',
    url: `${host}/course/123456789/materials`,
    html: '<body><div id="center-top"><h2 class="page-title">Biology 9: Period 3</h2></div></body>',
    expected: { courseTitle: 'Biology 9: Period 3' },
  },
  {
    name: 'a materials folder',
    url: `${host}/course/123456789/materials?f=987`,
    expected: { lessonId: 'folder:987', key: 'schoology|riverdale.schoology.com|123456789|folder:987' },
  },
  {
    name: 'a document in the materials',
    url: `${host}/course/123456789/materials/gp/2345678901`,
    html: item('Cell structure slides'),
    expected: {
      lessonId: 'document:2345678901',
      lessonTitle: 'Cell structure slides',
      courseTitle: 'Biology 9: Period 3',
    },
  },
  {
    name: 'a link in the materials',
    url: `${host}/course/123456789/materials/link/view/3456789012`,
    expected: { lessonId: 'link:3456789012' },
  },
  {
    name: 'assignment: the course comes from the breadcrumb',
    url: `${host}/assignment/555/info`,
    html: item('Lab report: osmosis'),
    expected: {
      isCoursePage: true,
      courseId: '123456789',
      lessonId: 'assignment:555',
      courseTitle: 'Biology 9: Period 3',
      lessonTitle: 'Lab report: osmosis',
      key: 'schoology|riverdale.schoology.com|123456789|assignment:555',
    },
  },
  {
    name: 'the learner’s own submission view of the assignment has the same key',
    url: `${host}/assignment/555/dropbox/view/88123?utm_source=email#revision-2`,
    html: item('Lab report: osmosis'),
    expected: { key: 'schoology|riverdale.schoology.com|123456789|assignment:555' },
  },
  {
    name: 'a page item',
    url: `${host}/page/777`,
    html: item('Reading guide'),
    expected: { courseId: '123456789', lessonId: 'page:777' },
  },
  {
    name: 'course updates are a course page',
    url: `${host}/course/123456789/updates`,
    expected: { isCoursePage: true, lessonId: undefined },
  },
  // Negative: Schoology pages that are not course pages, and look-alike hosts.
  {
    name: 'home feed',
    url: `${host}/home`,
    expected: { platform: 'schoology', isCoursePage: false, key: 'schoology|riverdale.schoology.com' },
  },
  { name: 'course list', url: `${host}/courses`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/user/111/info`, expected: { isCoursePage: false } },
  { name: 'login', url: 'https://app.schoology.com/login?destination=home', expected: { isCoursePage: false } },
  { name: 'course grades', url: `${host}/course/123456789/student_grades`, expected: { isCoursePage: false } },
  { name: 'course members', url: `${host}/course/123456789/members`, expected: { isCoursePage: false } },
  {
    name: 'assignment page without its breadcrumb is not anchored',
    url: `${host}/assignment/555/info`,
    expected: { isCoursePage: false },
  },
  { name: 'marketing site', url: 'https://www.schoology.com/k-12', expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://schoology.com.evil.net/course/123456789/materials', expected: null },
];
