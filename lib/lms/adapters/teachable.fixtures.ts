/**
 * Teachable pages as detection sees them: example URLs and anonymised excerpts of the course home and
 * lecture page (Teachable CDN stylesheet, course sidebar, #lecture_heading). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const lecturePage = (courseAttr = ' data-course-id="1234567"') => `<html><head>
  <link rel="stylesheet" href="https://assets.teachablecdn.com/packs/lecture-page.css"></head>
  <body><div class="course-sidebar"><h2>Data   Cleaning 101</h2></div>
  <div class="course-mainbar lecture-content"${courseAttr} data-lecture-id="45678901">
  <h2 id="lecture_heading" class="section-title">Handling missing values</h2></div></body></html>`;

const host = 'https://datacraft.teachable.com';

export const cases: DetectionCase[] = [
  {
    name: 'course home of an enrolled learner',
    url: `${host}/courses/enrolled/1234567`,
    expected: {
      platform: 'teachable',
      isCoursePage: true,
      courseId: '1234567',
      lessonId: undefined,
      key: 'teachable|datacraft.teachable.com|1234567',
    },
  },
  {
    name: 'lecture with titles from the page',
    url: `${host}/courses/1234567/lectures/45678901`,
    html: lecturePage(),
    expected: {
      courseId: '1234567',
      lessonId: 'lecture:45678901',
      courseTitle: 'Data Cleaning 101',
      lessonTitle: 'Handling missing values',
      key: 'teachable|datacraft.teachable.com|1234567|lecture:45678901',
    },
  },
  {
    name: 'lecture URL with the course slug is the same lecture (id read from the page)',
    url: `${host}/courses/data-cleaning-101/lectures/45678901?wvideo=abc123`,
    html: lecturePage(),
    expected: { courseId: '1234567', key: 'teachable|datacraft.teachable.com|1234567|lecture:45678901' },
  },
  {
    name: 'lecture URL with a slug and no id in the page keeps the slug',
    url: `${host}/courses/data-cleaning-101/lectures/45678901`,
    expected: { courseId: 'data-cleaning-101', lessonId: 'lecture:45678901' },
  },
  {
    name: 'school on its own domain, recognised by the path and the Teachable CDN',
    url: 'https://academy.datacraft.example/courses/1234567/lectures/45678901?utm_source=newsletter#comments',
    html: lecturePage(),
    expected: {
      platform: 'teachable',
      key: 'teachable|academy.datacraft.example|1234567|lecture:45678901',
    },
  },
  // Negative: sales pages, catalogue, login, unknown domains, look-alike hosts.
  {
    name: 'course sales page',
    url: `${host}/courses/data-cleaning-101`,
    expected: { platform: 'teachable', isCoursePage: false, key: 'teachable|datacraft.teachable.com' },
  },
  { name: 'product sales page', url: `${host}/p/data-cleaning-101`, expected: { isCoursePage: false } },
  { name: 'course catalogue / my courses', url: `${host}/courses`, expected: { isCoursePage: false } },
  { name: 'enrolled courses list', url: `${host}/courses/enrolled`, expected: { isCoursePage: false } },
  { name: 'login', url: `${host}/sign_in`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/user/edit`, expected: { isCoursePage: false } },
  {
    name: 'own domain without Teachable markers',
    url: 'https://academy.datacraft.example/courses/1234567/lectures/45678901',
    html: '<body><h1>Lecture</h1></body>',
    expected: null,
  },
  {
    name: 'own domain sales page is not recognised',
    url: 'https://academy.datacraft.example/p/data-cleaning-101',
    html: lecturePage(),
    expected: null,
  },
  { name: 'look-alike host', url: 'https://teachable.com.evil.net/courses/enrolled/1234567', expected: null },
  {
    name: 'host containing the suffix as a substring',
    url: 'https://notteachable.com/courses/enrolled/1',
    expected: null,
  },
];
