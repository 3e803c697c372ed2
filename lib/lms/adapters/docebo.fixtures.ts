/**
 * Docebo pages as detection sees them. URL shapes are those Docebo portals publish (old /learn/course/<id>/<slug>,
 * new /learn/courses/<id>/<slug>/lessons/<lo>:<x>/<slug>, the catalogue's internal/external view, learning plans);
 * the markup is an anonymised excerpt (headings invented, assets on Docebo's dcbstatic.com CDN).
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.docebosaas.com';

const page = (heading: string) =>
  `<html><head><link rel="stylesheet" href="https://cdn5.dcbstatic.com/files/a/c/acme_docebosaas_com/assets/theme.css"></head>
   <body><div class="app"><img src="https://cdn5.dcbstatic.com/files/a/c/acme_docebosaas_com/assets/logo.png" alt="">
   <main><h1>${heading}</h1><p>E-learning · 6 training materials</p></main></div></body></html>`;

export const cases: DetectionCase[] = [
  {
    name: 'course page, URL only',
    url: `${host}/learn/course/1453/introduction-to-accessibility`,
    expected: { platform: 'docebo', isCoursePage: true, courseId: '1453', key: 'docebo|acme.docebosaas.com|1453' },
  },
  {
    name: 'course page reads its title; the enrolment deep-link hash is per learner and ignored',
    url: `${host}/learn/course/1453/introduction-to-accessibility?generated_by=17993&hash=904edfdbfebf336cb47dcd7536e9597775109b37`,
    html: page('Introduction to  Accessibility'),
    expected: { courseTitle: 'Introduction to Accessibility', key: 'docebo|acme.docebosaas.com|1453' },
  },
  {
    name: 'new learner UI path /learn/courses/<id> is the same course',
    url: `${host}/learn/courses/1453/introduction-to-accessibility`,
    expected: { courseId: '1453', lessonId: undefined, key: 'docebo|acme.docebosaas.com|1453' },
  },
  {
    name: 'catalogue view of a course (internal/view/elearning) is the same course',
    url: `${host}/learn/course/internal/view/elearning/1453/introduction-to-accessibility`,
    expected: { courseId: '1453', key: 'docebo|acme.docebosaas.com|1453' },
  },
  {
    name: 'training material in the old player; the learning-plan matrix param is context only',
    url: `${host}/learn/course/329/play/2060:243/course-introduction-v2;lp=39`,
    html: page('Course introduction'),
    expected: {
      isCoursePage: true,
      courseId: '329',
      lessonId: 'lesson:2060',
      lessonTitle: 'Course introduction',
      key: 'docebo|acme.docebosaas.com|329|lesson:2060',
    },
  },
  {
    name: 'the same training material in the new player',
    url: `${host}/learn/courses/329/course-introduction/lessons/2060:243/course-introduction-v2`,
    expected: { lessonId: 'lesson:2060', key: 'docebo|acme.docebosaas.com|329|lesson:2060' },
  },
  {
    name: 'a course opened inside a learning plan is the course',
    url: `${host}/learn/learning-plans/119/data-fundamentals/courses/1595/renderings-and-layouts/lessons/3048:1216/renderings`,
    expected: { courseId: '1595', lessonId: 'lesson:3048', key: 'docebo|acme.docebosaas.com|1595|lesson:3048' },
  },
  {
    name: 'learning plan page',
    url: `${host}/learn/learning_plan/view/84/developer-learning-plan`,
    expected: { isCoursePage: true, courseId: 'plan:84', key: 'docebo|acme.docebosaas.com|plan:84' },
  },
  {
    name: 'custom domain recognised by its course path and Docebo assets',
    url: 'https://academy.example.com/learn/courses/134/cloud-essentials',
    html: page('Cloud Essentials'),
    expected: {
      platform: 'docebo',
      courseId: '134',
      courseTitle: 'Cloud Essentials',
      key: 'docebo|academy.example.com|134',
    },
  },
  // Negative: learner pages that are not a course, and pages that only look like Docebo.
  { name: 'sign-in', url: `${host}/learn/signin`, expected: { platform: 'docebo', isCoursePage: false } },
  {
    name: 'learner home',
    url: `${host}/learn/home`,
    expected: { isCoursePage: false, key: 'docebo|acme.docebosaas.com' },
  },
  { name: 'my courses', url: `${host}/learn/mycourses`, expected: { isCoursePage: false } },
  { name: 'catalogue', url: `${host}/learn/catalog/view/12`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://acme.docebosaas.com.evil.net/learn/course/1453/x', expected: null },
  {
    name: 'custom domain with a /learn/course path but no Docebo markers',
    url: 'https://academy.example.com/learn/course/1453/intro',
    html: '<body><main><h1>Intro</h1></main></body>',
    expected: null,
  },
];
