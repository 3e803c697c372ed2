/**
 * Google Classroom pages as detection sees them: example URLs (with and without the /u/<n>/ account index) and
 * anonymised document titles. `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://classroom.google.com';
const course = 'NjE0MjcxODM5NTc2';
const key = `google_classroom|classroom.google.com|${course}`;

export const cases: DetectionCase[] = [
  {
    name: 'class stream, URL only',
    url: `${host}/c/${course}`,
    expected: { platform: 'google_classroom', isCoursePage: true, courseId: course, lessonId: undefined, key },
  },
  {
    name: 'the account index is dropped: same key',
    url: `${host}/u/1/c/${course}`,
    expected: { key },
  },
  {
    name: 'class stream reads the class name from the document title',
    url: `${host}/u/0/c/${course}`,
    html: '<html><head><title>Chemistry 10 – Period 4</title></head><body></body></html>',
    expected: { courseTitle: 'Chemistry 10 – Period 4' },
  },
  {
    name: 'a class invitation link with its join code is the class',
    url: `${host}/c/${course}?cjc=k3x9q2w`,
    expected: { isCoursePage: true, key },
  },
  {
    name: 'classwork page is a course page without a lesson',
    url: `${host}/w/${course}/t/all`,
    expected: { isCoursePage: true, lessonId: undefined, key },
  },
  {
    name: 'assignment details',
    url: `${host}/c/${course}/a/NjE1MDkyMzQ1Njc4/details`,
    expected: { lessonId: 'assignment:NjE1MDkyMzQ1Njc4', key: `${key}|assignment:NjE1MDkyMzQ1Njc4` },
  },
  {
    name: 'assignment under another account index, with tracking, is the same place',
    url: `${host}/u/2/c/${course}/a/NjE1MDkyMzQ1Njc4/details?utm_source=gmail#comments`,
    expected: { key: `${key}|assignment:NjE1MDkyMzQ1Njc4` },
  },
  {
    name: 'material details',
    url: `${host}/c/${course}/m/NjE1MDkyMzQ5OTAx/details`,
    expected: { lessonId: 'material:NjE1MDkyMzQ5OTAx' },
  },
  {
    name: 'a classwork topic',
    url: `${host}/w/${course}/tc/NjE0MjcxODM5NjAw`,
    expected: { lessonId: 'topic:NjE0MjcxODM5NjAw' },
  },
  // Negative: Classroom pages that are not course pages, and look-alike hosts.
  {
    name: 'home',
    url: `${host}/h`,
    expected: { platform: 'google_classroom', isCoursePage: false, key: 'google_classroom|classroom.google.com' },
  },
  { name: 'home under an account index', url: `${host}/u/1/h`, expected: { isCoursePage: false } },
  { name: 'to-do list', url: `${host}/a/not-turned-in/all`, expected: { isCoursePage: false } },
  { name: 'calendar', url: `${host}/calendar/this-week/course/all`, expected: { isCoursePage: false } },
  { name: 'people page of a class', url: `${host}/r/${course}/sort-last-name`, expected: { isCoursePage: false } },
  { name: 'gradebook of a class', url: `${host}/c/${course}/gb/sort-last-name`, expected: { isCoursePage: false } },
  { name: 'grades of a class', url: `${host}/g/tg/${course}`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: `https://classroom.google.com.evil.net/c/${course}`, expected: null },
  { name: 'another Google host', url: `https://docs.google.com/c/${course}`, expected: null },
];
