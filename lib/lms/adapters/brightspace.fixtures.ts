/**
 * Brightspace (D2L) pages as detection sees them: example URLs and anonymised excerpts of the markup it renders
 * (html[data-he-context], the d2l-navigation bar with .d2l-navigation-s-title-container, .d2l-page-title).
 * `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://lakeside.brightspace.com';

const page = (title = '') =>
  `<html data-he-context='{"orgUnitId":"244302"}'><body class="d2l-body">
   <header><d2l-navigation><div class="d2l-navigation-s-title-container">
   <a class="d2l-navigation-s-link" href="/d2l/home/244302" title="Introduction to Sociology">Introduction to   Sociology</a></div>
   </d2l-navigation></header><main><h1 class="d2l-page-title">${title}</h1></main></body></html>`;

export const cases: DetectionCase[] = [
  {
    name: 'course home, URL only',
    url: `${host}/d2l/home/244302`,
    expected: {
      platform: 'brightspace',
      isCoursePage: true,
      courseId: '244302',
      lessonId: undefined,
      key: 'brightspace|lakeside.brightspace.com|244302',
    },
  },
  {
    name: 'course home reads the course name from the navbar',
    url: `${host}/d2l/home/244302`,
    html: page(),
    expected: { courseTitle: 'Introduction to Sociology' },
  },
  {
    name: 'content table of contents is a course page without a lesson',
    url: `${host}/d2l/le/content/244302/Home`,
    expected: { isCoursePage: true, lessonId: undefined, key: 'brightspace|lakeside.brightspace.com|244302' },
  },
  {
    name: 'content topic with titles from the page',
    url: `${host}/d2l/le/content/244302/viewContent/5220636/View`,
    html: page('Reading: The sociological imagination'),
    expected: {
      courseId: '244302',
      lessonId: 'topic:5220636',
      courseTitle: 'Introduction to Sociology',
      lessonTitle: 'Reading: The sociological imagination',
      key: 'brightspace|lakeside.brightspace.com|244302|topic:5220636',
    },
  },
  {
    name: 'the same topic in the new Lessons experience has the same key',
    url: `${host}/d2l/le/lessons/244302/topics/5220636`,
    expected: { lessonId: 'topic:5220636', key: 'brightspace|lakeside.brightspace.com|244302|topic:5220636' },
  },
  {
    name: 'the same topic in the enhanced sequence viewer has the same key',
    url: `${host}/d2l/le/enhancedSequenceViewer/244302?url=https%3A%2F%2F0b7c.sequences.api.brightspace.com%2F244302%2Factivity%2F5220636%3FfilterOnDatesAndDepth%3D1`,
    expected: { lessonId: 'topic:5220636', key: 'brightspace|lakeside.brightspace.com|244302|topic:5220636' },
  },
  {
    name: 'a content module',
    url: `${host}/d2l/le/content/244302/Home?itemIdentifier=D2L.LE.Content.ContentObject.ModuleCO-5220630`,
    expected: { lessonId: 'module:5220630' },
  },
  {
    name: 'quiz summary: the course comes from ?ou=',
    url: `${host}/d2l/lms/quizzing/user/quiz_summary.d2l?ou=244302&qi=1234&cfql=0`,
    expected: { isCoursePage: true, courseId: '244302', lessonId: 'quiz:1234' },
  },
  {
    name: 'quiz attempt: per-attempt parameters ignored, same key as the quiz',
    url: `${host}/d2l/lms/quizzing/user/attempt/quiz_start_frame_auto.d2l?ou=244302&isprv=&drc=0&qi=1234&cfql=0&dnb=0&fromQB=0`,
    expected: { key: 'brightspace|lakeside.brightspace.com|244302|quiz:1234' },
  },
  {
    name: 'assignment submission folder',
    url: `${host}/d2l/lms/dropbox/user/folder_submit_files.d2l?db=55&grpid=0&isprv=0&bp=0&ou=244302`,
    expected: { lessonId: 'assignment:55', key: 'brightspace|lakeside.brightspace.com|244302|assignment:55' },
  },
  {
    name: 'discussion topic is not a content topic',
    url: `${host}/d2l/le/244302/discussions/topics/9876/View`,
    expected: { lessonId: 'discussion:9876' },
  },
  {
    name: 'legacy desire2learn.com host',
    url: 'https://college.desire2learn.com/d2l/le/content/244302/viewContent/5220636/View#top',
    expected: { platform: 'brightspace', key: 'brightspace|college.desire2learn.com|244302|topic:5220636' },
  },
  {
    name: 'self-hosted Brightspace recognised by its markup',
    url: 'https://elearn.example.edu/d2l/le/content/244302/viewContent/5220636/View',
    html: page('Reading: The sociological imagination'),
    expected: { platform: 'brightspace', key: 'brightspace|elearn.example.edu|244302|topic:5220636' },
  },
  // Negative: Brightspace pages that are not course pages, and look-alike hosts.
  {
    name: 'dashboard',
    url: `${host}/d2l/home`,
    expected: { platform: 'brightspace', isCoursePage: false, key: 'brightspace|lakeside.brightspace.com' },
  },
  { name: 'login', url: `${host}/d2l/login?sessionExpired=0&target=%2fd2l%2fhome`, expected: { isCoursePage: false } },
  {
    name: 'grades in a course',
    url: `${host}/d2l/lms/grades/my_grades/main.d2l?ou=244302`,
    expected: { isCoursePage: false },
  },
  { name: 'class list', url: `${host}/d2l/lms/classlist/classlist.d2l?ou=244302`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/d2l/lp/profile/profile_edit.d2l?ou=6606`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://brightspace.com.evil.net/d2l/home/244302', expected: null },
  {
    name: 'unknown host with /d2l/ paths but no Brightspace markup',
    url: 'https://elearn.example.edu/d2l/home/244302',
    html: '<body><h1>Welcome</h1></body>',
    expected: null,
  },
];
