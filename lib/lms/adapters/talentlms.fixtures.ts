/**
 * TalentLMS pages as detection sees them. URL shapes are those TalentLMS portals publish (legacy /learner/courseinfo/id:N
 * and /unit/view/id:N, new-interface /plus/my/training/N/units/M); the markup is an anonymised excerpt of the legacy
 * interface (tl- classes, course link in the unit header), names invented.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.talentlms.com';

const coursePage = `<body><div id="tl-main"><div class="coursename tl-bold-item tl-ellipsis">
  <span title="Onboarding Essentials" class="tl-formatted-course-name">Onboarding  Essentials</span></div></div></body>`;

const unitPage = (course = 123) => `<body><div id="tl-unit-header">
  <a href="/learner/courseinfo/id:${course}">Onboarding Essentials</a>
  <h1>Unit 2: Our Values</h1></div><div id="tl-unit-content"><p>…</p></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'legacy course page, URL only',
    url: `${host}/learner/courseinfo/id:123`,
    expected: { platform: 'talentlms', isCoursePage: true, courseId: '123', key: 'talentlms|acme.talentlms.com|123' },
  },
  {
    name: 'legacy course page reads the formatted course name',
    url: `${host}/learner/courseinfo/id:123`,
    html: coursePage,
    expected: { courseTitle: 'Onboarding Essentials', lessonId: undefined },
  },
  {
    name: 'legacy /learner/course/id:N is the same course',
    url: `${host}/learner/course/id:123`,
    expected: { courseId: '123', key: 'talentlms|acme.talentlms.com|123' },
  },
  {
    name: 'legacy unit: the course comes from the unit header link',
    url: `${host}/unit/view/id:456`,
    html: unitPage(),
    expected: {
      isCoursePage: true,
      courseId: '123',
      courseTitle: 'Onboarding Essentials',
      lessonId: 'unit:456',
      lessonTitle: 'Unit 2: Our Values',
      key: 'talentlms|acme.talentlms.com|123|unit:456',
    },
  },
  {
    name: 'new interface: a unit of a course in my training',
    url: `${host}/plus/my/training/126/units/2101`,
    expected: {
      isCoursePage: true,
      courseId: '126',
      lessonId: 'unit:2101',
      key: 'talentlms|acme.talentlms.com|126|unit:2101',
    },
  },
  {
    name: 'new interface: /plus/my/courses/ is the same unit',
    url: `${host}/plus/my/courses/126/units/2101`,
    expected: { key: 'talentlms|acme.talentlms.com|126|unit:2101' },
  },
  {
    name: 'new interface: course overview',
    url: `${host}/plus/my/training/126`,
    expected: { courseId: '126', lessonId: undefined, key: 'talentlms|acme.talentlms.com|126' },
  },
  {
    name: 'new interface: unit of a public course',
    url: `${host}/plus/courses/public/1032/units/15058`,
    expected: { courseId: '1032', lessonId: 'unit:15058' },
  },
  {
    name: 'mapped domain recognised by its path and TalentLMS markup',
    url: 'https://learn.example.org/unit/view/id:456',
    html: unitPage(),
    expected: {
      platform: 'talentlms',
      courseId: '123',
      lessonId: 'unit:456',
      key: 'talentlms|learn.example.org|123|unit:456',
    },
  },
  // Negative: learner pages that are not a course, unanchored units, admin pages, look-alike hosts.
  {
    name: 'legacy unit without its course in the markup is not anchored',
    url: `${host}/unit/view/id:456`,
    expected: { platform: 'talentlms', isCoursePage: false, key: 'talentlms|acme.talentlms.com' },
  },
  { name: 'login', url: `${host}/index`, expected: { isCoursePage: false } },
  { name: 'legacy dashboard', url: `${host}/learner/dashboard`, expected: { isCoursePage: false } },
  { name: 'catalogue', url: `${host}/catalog/index`, expected: { isCoursePage: false } },
  { name: 'new interface dashboard', url: `${host}/plus/dashboard`, expected: { isCoursePage: false } },
  { name: 'new interface login', url: `${host}/plus/login?redirect=%2Fdashboard`, expected: { isCoursePage: false } },
  { name: 'profile', url: `${host}/user/info/id:5`, expected: { isCoursePage: false } },
  { name: 'course editor (instructors)', url: `${host}/plus/courses/341/edit`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://acme.talentlms.com.evil.net/learner/courseinfo/id:123', expected: null },
  {
    name: 'mapped-looking path without TalentLMS markup',
    url: 'https://learn.example.org/unit/view/id:456',
    html: '<body><h1>Unit</h1></body>',
    expected: null,
  },
];
