/**
 * Canvas pages as detection sees them: example URLs and anonymised excerpts of Canvas markup
 * (#application.ic-app, body class context-course_<id>, #breadcrumbs). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const page = (courseId: number, heading: string, body = `context-course_${courseId}`) =>
  `<body class="${body} with-left-side"><div id="application" class="ic-app">
   <nav id="breadcrumbs"><ul><li class="home"><a href="/"><span class="ellipsible">Home</span></a></li>
   <li><a href="/courses/${courseId}"><span class="ellipsible">Foundations of Project Management</span></a></li>
   <li><a href="/courses/${courseId}/pages"><span class="ellipsible">Pages</span></a></li></ul></nav>
   <div id="content"><h1 class="page-title">${heading}</h1></div></div></body>`;

const host = 'https://kth.instructure.com';

export const cases: DetectionCase[] = [
  {
    name: 'course home, URL only',
    url: `${host}/courses/1730`,
    expected: {
      platform: 'canvas',
      isCoursePage: true,
      courseId: '1730',
      lessonId: undefined,
      key: 'canvas|kth.instructure.com|1730',
    },
  },
  {
    name: 'course home reads the course name from the breadcrumb',
    url: `${host}/courses/1730`,
    html: page(1730, 'Foundations of Project Management'),
    expected: { courseTitle: 'Foundations of Project Management' },
  },
  {
    name: 'modules list is a course page without a lesson',
    url: `${host}/courses/1730/modules`,
    expected: { isCoursePage: true, lessonId: undefined, key: 'canvas|kth.instructure.com|1730' },
  },
  {
    name: 'module item URL',
    url: `${host}/courses/1730/modules/items/448683`,
    expected: { lessonId: 'module_item:448683', key: 'canvas|kth.instructure.com|1730|module_item:448683' },
  },
  {
    name: 'content URL reached from a module is the same place as the module item',
    url: `${host}/courses/1730/pages/week-1-welcome?module_item_id=448683`,
    html: page(1730, 'Week 1: Welcome'),
    expected: {
      lessonId: 'module_item:448683',
      lessonTitle: 'Week 1: Welcome',
      key: 'canvas|kth.instructure.com|1730|module_item:448683',
    },
  },
  {
    name: 'wiki page',
    url: `${host}/courses/1730/pages/week-1-welcome`,
    expected: { lessonId: 'page:week-1-welcome' },
  },
  { name: 'assignment', url: `${host}/courses/1730/assignments/55`, expected: { lessonId: 'assignment:55' } },
  {
    name: 'a learner submission belongs to its assignment',
    url: `${host}/courses/1730/assignments/55/submissions/8810001`,
    expected: { lessonId: 'assignment:55', key: 'canvas|kth.instructure.com|1730|assignment:55' },
  },
  { name: 'quiz', url: `${host}/courses/1730/quizzes/12`, expected: { lessonId: 'quiz:12' } },
  {
    name: 'discussion topic',
    url: `${host}/courses/1730/discussion_topics/9`,
    expected: { lessonId: 'discussion_topic:9' },
  },
  {
    name: 'file',
    url: `${host}/courses/1730/files/123?module_item_id=448690`,
    expected: { lessonId: 'module_item:448690' },
  },
  {
    name: 'syllabus is a course page, not an assignment',
    url: `${host}/courses/1730/assignments/syllabus`,
    expected: { isCoursePage: true, lessonId: undefined },
  },
  {
    name: 'self-hosted Canvas recognised by its app shell',
    url: 'https://canvas.example.edu/courses/77/pages/intro',
    html: page(77, 'Intro'),
    expected: {
      platform: 'canvas',
      courseId: '77',
      lessonId: 'page:intro',
      key: 'canvas|canvas.example.edu|77|page:intro',
    },
  },
  {
    name: 'tracking parameters ignored',
    url: `${host}/courses/1730/quizzes/12?utm_campaign=x#top`,
    expected: { key: 'canvas|kth.instructure.com|1730|quiz:12' },
  },
  // Negative: Canvas pages that are not course pages, and look-alike hosts.
  {
    name: 'dashboard',
    url: `${host}/`,
    expected: { platform: 'canvas', isCoursePage: false, key: 'canvas|kth.instructure.com' },
  },
  { name: 'login', url: `${host}/login/canvas`, expected: { isCoursePage: false } },
  { name: 'course list', url: `${host}/courses`, expected: { isCoursePage: false } },
  { name: 'gradebook', url: `${host}/courses/1730/grades`, expected: { isCoursePage: false } },
  { name: 'people', url: `${host}/courses/1730/users`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/profile/settings`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://canvas.uni.edu.evil.net/courses/1730', expected: null },
  { name: 'host containing the suffix as a substring', url: 'https://notinstructure.com/courses/1730', expected: null },
  { name: 'not http', url: 'file:///courses/1730', expected: null },
  { name: 'not a URL', url: 'courses/1730', expected: null },
];
