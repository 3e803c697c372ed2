/**
 * Workday Learning pages as detection sees them. Verified shapes: /<tenant>/learning/course/<WID> (shared course
 * links) and the classic instance link /<tenant>/d/inst/1$17816/17816$<n>.htmld that tenants use for the same kind
 * of course. The program and in-course lesson shapes follow the same pattern but are NOT verified against a live
 * tenant. Markup: Workday's page header (data-automation-id="pageHeaderTitleText"), titles invented.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://wd5.myworkday.com';
const wid = '64844428d3b0100109bde109fd2d0001';
const key = `workday|wd5.myworkday.com|${wid}`;

export const cases: DetectionCase[] = [
  {
    name: 'course page, URL only; the ?type= class parameter is ignored',
    url: `${host}/acme/learning/course/${wid}?type=9882927d138b100019b6a2df1a46018b`,
    expected: { platform: 'workday', isCoursePage: true, courseId: wid, lessonId: undefined, key },
  },
  {
    name: 'course page reads the page header',
    url: `${host}/acme/learning/course/${wid}`,
    html: `<body><div data-automation-id="pageHeader"><h2 data-automation-id="pageHeaderTitleText">Code of Conduct 2025</h2></div></body>`,
    expected: { courseTitle: 'Code of Conduct 2025', key },
  },
  {
    name: 'an upper-case WID is the same course',
    url: `${host}/acme/learning/course/${wid.toUpperCase()}/`,
    expected: { key },
  },
  {
    name: 'without a header, the document title (minus " - Workday") is the course title',
    url: `${host}/acme/learning/course/${wid}`,
    html: '<html><head><title>Information Security Awareness - Workday</title></head><body></body></html>',
    expected: { courseTitle: 'Information Security Awareness' },
  },
  {
    name: 'lesson inside a course (shape not verified on a live tenant)',
    url: `${host}/acme/learning/course/${wid}/lesson/a1b2c3d4e5f610001234567890abcdef`,
    html: '<body><h1>Module 2: Reporting a Concern</h1></body>',
    expected: {
      isCoursePage: true,
      courseId: wid,
      lessonId: 'lesson:a1b2c3d4e5f610001234567890abcdef',
      lessonTitle: 'Module 2: Reporting a Concern',
      key: `${key}|lesson:a1b2c3d4e5f610001234567890abcdef`,
    },
  },
  {
    name: 'program (shape not verified on a live tenant)',
    url: `${host}/acme/learning/program/638adfafc54610016ad537fc10560000`,
    expected: { courseId: 'program:638adfafc54610016ad537fc10560000' },
  },
  {
    name: 'classic instance page of a learning course',
    url: `${host}/acme/d/inst/1$17816/17816$407.htmld#backheader=true`,
    expected: { isCoursePage: true, courseId: 'inst:17816-407', key: 'workday|wd5.myworkday.com|inst:17816-407' },
  },
  // Negative: Workday home, learning home, login, other objects and tasks, look-alike hosts.
  { name: 'Workday home', url: `${host}/acme/d/home.htmld`, expected: { platform: 'workday', isCoursePage: false } },
  {
    name: 'learning home',
    url: `${host}/acme/learning`,
    expected: { isCoursePage: false, key: 'workday|wd5.myworkday.com' },
  },
  {
    name: 'login',
    url: `${host}/wday/authgwy/acme/login.htmld?returnTo=%2facme%2fd%2fhome.htmld`,
    expected: { isCoursePage: false },
  },
  {
    name: 'an instance page of another class (a student course section) is not claimed',
    url: `${host}/acme/d/inst/1$15194/15194$458290.htmld`,
    expected: { isCoursePage: false },
  },
  { name: 'a task page', url: `${host}/acme/d/task/1422$3915.htmld`, expected: { isCoursePage: false } },
  {
    name: 'a course id that is not a WID',
    url: `${host}/acme/learning/course/1234`,
    expected: { isCoursePage: false, courseId: undefined },
  },
  { name: 'look-alike host', url: `https://wd5.myworkday.com.evil.net/acme/learning/course/${wid}`, expected: null },
];
