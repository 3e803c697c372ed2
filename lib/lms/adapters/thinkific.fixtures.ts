/**
 * Thinkific pages as detection sees them: example URLs and anonymised excerpts of the course player
 * (course title in the player header, the lesson title, assets served from thinkific.com).
 * `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const player = `<html><head><script src="https://assets.thinkific.com/course-player/app.js"></script></head>
  <body><div class="course-player"><header class="course-player__header">
  <h1 data-qa="course-player__course-title">Serverless   Workflows</h1></header>
  <main><h2 data-qa="content-title">What is a state machine?</h2></main></div></body></html>`;

const host = 'https://cloudschool.thinkific.com';

export const cases: DetectionCase[] = [
  {
    name: 'course player home',
    url: `${host}/courses/take/serverless-workflows`,
    expected: {
      platform: 'thinkific',
      isCoursePage: true,
      courseId: 'serverless-workflows',
      lessonId: undefined,
      key: 'thinkific|cloudschool.thinkific.com|serverless-workflows',
    },
  },
  {
    name: 'video lesson with titles from the player',
    url: `${host}/courses/take/serverless-workflows/lessons/6989783-what-is-a-state-machine`,
    html: player,
    expected: {
      lessonId: 'lesson:6989783',
      courseTitle: 'Serverless Workflows',
      lessonTitle: 'What is a state machine?',
      key: 'thinkific|cloudschool.thinkific.com|serverless-workflows|lesson:6989783',
    },
  },
  {
    name: 'text lesson',
    url: `${host}/courses/take/serverless-workflows/texts/17703453-reading-list`,
    expected: { lessonId: 'lesson:17703453' },
  },
  {
    name: 'quiz, with tracking parameters ignored',
    url: `${host}/courses/take/serverless-workflows/quizzes/44705801-chapter-1-quiz?utm_source=email#q2`,
    expected: { key: 'thinkific|cloudschool.thinkific.com|serverless-workflows|lesson:44705801' },
  },
  {
    name: 'a renamed lesson (new title slug) is the same lesson',
    url: `${host}/courses/take/serverless-workflows/lessons/6989783-intro-to-state-machines`,
    expected: { key: 'thinkific|cloudschool.thinkific.com|serverless-workflows|lesson:6989783' },
  },
  {
    name: 'school on its own domain, recognised by the player path and Thinkific assets',
    url: 'https://learn.cloudschool.example/courses/take/serverless-workflows/multimedia/50011122-lab',
    html: player,
    expected: {
      platform: 'thinkific',
      key: 'thinkific|learn.cloudschool.example|serverless-workflows|lesson:50011122',
    },
  },
  // Negative: sales pages, dashboard, catalogue, login, unknown domains, look-alike hosts.
  {
    name: 'course sales page',
    url: `${host}/courses/serverless-workflows`,
    expected: { platform: 'thinkific', isCoursePage: false, key: 'thinkific|cloudschool.thinkific.com' },
  },
  { name: 'student dashboard', url: `${host}/enrollments`, expected: { isCoursePage: false } },
  { name: 'catalogue', url: `${host}/collections`, expected: { isCoursePage: false } },
  { name: 'login', url: `${host}/users/sign_in`, expected: { isCoursePage: false } },
  { name: 'bundle sales page', url: `${host}/bundles/cloud-bundle`, expected: { isCoursePage: false } },
  {
    name: 'own domain without Thinkific assets',
    url: 'https://learn.cloudschool.example/courses/take/serverless-workflows',
    html: '<body><h1>Serverless</h1></body>',
    expected: null,
  },
  { name: 'look-alike host', url: 'https://thinkific.com.evil.net/courses/take/x/lessons/1-a', expected: null },
];
