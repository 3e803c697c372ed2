/**
 * Open edX pages as detection sees them: legacy LMS and learning-MFE URLs, and anonymised excerpts of their markup
 * (the LMS's <meta name="openedx-release-line">, the MFE's header.learning-header with .course-title-lockup,
 * document titles "Sequence | Section | Course | Site"). `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const course = 'course-v1:EPFL+mems+2023';
const seq = 'block-v1:EPFL+mems+2023+type@sequential+block@4f1a9c2e7b';
const unit = 'block-v1:EPFL+mems+2023+type@vertical+block@9d03be51aa';

const mfe = (title: string) =>
  `<html><head><title>${title}</title></head><body><div id="root">
   <header class="learning-header"><div class="container-xl py-2 d-flex align-items-center">
   <div class="flex-grow-1 course-title-lockup"><span class="d-block small m-0">EPFLx mems</span>
   <span class="d-block m-0 font-weight-bold course-title">Micro-Electro-Mechanical Systems</span></div></div></header>
   <main id="main-content"></main></div></body></html>`;

const legacy = `<html><head><meta name="openedx-release-line" content="redwood" /><title>Week 1 | Courseware | Example Academy</title></head>
  <body class="ltr lang_en view-in-course view-courseware courseware"><div class="window-wrap" dir="ltr"></div></body></html>`;

export const cases: DetectionCase[] = [
  {
    name: 'legacy course home, URL only',
    url: `https://courses.edx.org/courses/${course}/course/`,
    expected: {
      platform: 'openedx',
      isCoursePage: true,
      courseId: course,
      lessonId: undefined,
      key: `openedx|courses.edx.org|${course}`,
    },
  },
  {
    name: 'learning MFE course home reads the course title',
    url: `https://learning.edx.org/course/${course}/home`,
    html: mfe('Course | edX'),
    expected: { courseId: course, courseTitle: 'Micro-Electro-Mechanical Systems', lessonId: undefined },
  },
  {
    name: 'learning MFE unit: the sequential is the lesson, the unit is not',
    url: `https://learning.edx.org/course/${course}/${seq}/${unit}`,
    html: mfe('Sensors and actuators | Week 1: Foundations | Micro-Electro-Mechanical Systems | edX'),
    expected: {
      lessonId: 'sequential:4f1a9c2e7b',
      lessonTitle: 'Sensors and actuators',
      key: `openedx|learning.edx.org|${course}|sequential:4f1a9c2e7b`,
    },
  },
  {
    name: 'percent-encoded MFE URL is the same place',
    url: `https://learning.edx.org/course/course-v1%3AEPFL%2Bmems%2B2023/block-v1%3AEPFL%2Bmems%2B2023%2Btype%40sequential%2Bblock%404f1a9c2e7b`,
    expected: { courseId: course, key: `openedx|learning.edx.org|${course}|sequential:4f1a9c2e7b` },
  },
  {
    name: 'legacy courseware URL gives the same lesson id (position ignored)',
    url: `https://courses.edx.org/courses/${course}/courseware/c8a1d07e55/4f1a9c2e7b/3?activate_block_id=x#main`,
    expected: { lessonId: 'sequential:4f1a9c2e7b', key: `openedx|courses.edx.org|${course}|sequential:4f1a9c2e7b` },
  },
  {
    name: 'legacy chapter without a sequential',
    url: `https://courses.edx.org/courses/${course}/courseware/c8a1d07e55/`,
    expected: { lessonId: 'chapter:c8a1d07e55' },
  },
  {
    name: 'legacy jump_to a sequential',
    url: `https://courses.edx.org/courses/${course}/jump_to/${seq}`,
    expected: { lessonId: 'sequential:4f1a9c2e7b' },
  },
  {
    name: 'course dates tab is a course page',
    url: `https://learning.edx.org/course/${course}/dates`,
    expected: { isCoursePage: true, lessonId: undefined },
  },
  {
    name: 'self-hosted legacy LMS recognised by its release-line meta',
    url: `https://lms.example.org/courses/${course}/courseware/c8a1d07e55/4f1a9c2e7b/1`,
    html: legacy,
    expected: { platform: 'openedx', key: `openedx|lms.example.org|${course}|sequential:4f1a9c2e7b` },
  },
  {
    name: 'self-hosted learning MFE below /learning recognised by its header',
    url: `https://apps.example.org/learning/course/${course}/${seq}/${unit}`,
    html: mfe('Sensors and actuators | Week 1: Foundations | Micro-Electro-Mechanical Systems | Example Academy'),
    expected: { platform: 'openedx', key: `openedx|apps.example.org|${course}|sequential:4f1a9c2e7b` },
  },
  // Negative: Open edX pages that are not course pages, and look-alike hosts.
  {
    name: 'dashboard',
    url: 'https://courses.edx.org/dashboard',
    expected: { platform: 'openedx', isCoursePage: false, key: 'openedx|courses.edx.org' },
  },
  { name: 'course catalogue', url: 'https://courses.edx.org/courses', expected: { isCoursePage: false } },
  { name: 'login', url: 'https://authn.edx.org/login?next=%2Fdashboard', expected: { isCoursePage: false } },
  {
    name: 'legacy progress page',
    url: `https://courses.edx.org/courses/${course}/progress`,
    expected: { isCoursePage: false },
  },
  {
    name: 'MFE progress page',
    url: `https://learning.edx.org/course/${course}/progress`,
    expected: { isCoursePage: false },
  },
  {
    name: 'marketing course page on www.edx.org',
    url: 'https://www.edx.org/learn/engineering/epfl-micro-electro-mechanical-systems',
    expected: { isCoursePage: false },
  },
  { name: 'look-alike host', url: `https://edx.org.evil.net/courses/${course}/course/`, expected: null },
  {
    name: 'unknown host with an edX-like path but no Open edX markup',
    url: `https://lms.example.org/courses/${course}/course/`,
    html: '<html><body><header class="site-header"></header></body></html>',
    expected: null,
  },
];
