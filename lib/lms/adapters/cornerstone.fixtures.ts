/**
 * Cornerstone OnDemand pages as detection sees them. URL shapes are the ones Cornerstone portals link to publicly
 * (learning details app, DeepLink/ProcessRedirect, LoDetails, LaunchVideo); the markup is an anonymised excerpt with
 * invented titles. `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.csod.com';
const course = '6f1c2b7e-3a4d-4e5f-9a8b-1c2d3e4f5a6b';
const key = `cornerstone|acme.csod.com|${course}`;

const details = (title: string) =>
  `<body><div id="root"><main><header><h1>${title}</h1></header>
   <section><p>Online Course · 45 minutes</p><button>Launch</button></section></main></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'course details page, URL only',
    url: `${host}/ui/lms-learning-details/app/course/${course}`,
    expected: { platform: 'cornerstone', isCoursePage: true, courseId: course, lessonId: undefined, key },
  },
  {
    name: 'course details page reads the title from the header',
    url: `${host}/ui/lms-learning-details/app/course/${course}`,
    html: details('Workplace   Safety Essentials'),
    expected: { courseTitle: 'Workplace Safety Essentials', key },
  },
  {
    name: 'deep link to LO details: an alias of the course, GUID case normalised',
    url: `${host}/DeepLink/ProcessRedirect.aspx?module=lodetails&lo=${course.toUpperCase()}`,
    expected: { isCoursePage: true, courseId: course, key },
  },
  {
    name: 'legacy LoDetails page (loId spelling, back link and fragment ignored) is the same course',
    url: `${host}/LMS/LoDetails/DetailsLo.aspx?loId=${course}&back=%2fLMS%2fBrowseTraining%2fBrowseTraining.aspx#t=1`,
    expected: { courseId: course, key },
  },
  {
    name: 'curriculum in the one-player view',
    url: `${host}/ui/lms-learning-details/app/curriculum/15fa55e3-3c5d-42dc-a729-4b80e21a1c2e?isOnePlayer=true`,
    html: details('New Starter Curriculum'),
    expected: {
      isCoursePage: true,
      courseId: '15fa55e3-3c5d-42dc-a729-4b80e21a1c2e',
      courseTitle: 'New Starter Curriculum',
      key: 'cornerstone|acme.csod.com|15fa55e3-3c5d-42dc-a729-4b80e21a1c2e',
    },
  },
  {
    name: 'video learning object and its legacy launch page share a key',
    url: `${host}/LMS/Video/LaunchVideo.aspx?loid=ca23eb7d-19de-4cb7-9d21-42e74dc09c0a`,
    expected: {
      courseId: 'ca23eb7d-19de-4cb7-9d21-42e74dc09c0a',
      key: `cornerstone|acme.csod.com|ca23eb7d-19de-4cb7-9d21-42e74dc09c0a`,
    },
  },
  {
    name: 'video learning object in the learning details app',
    url: `${host}/ui/lms-learning-details/app/video/CA23EB7D-19DE-4CB7-9D21-42E74DC09C0A`,
    expected: { key: `cornerstone|acme.csod.com|ca23eb7d-19de-4cb7-9d21-42e74dc09c0a` },
  },
  {
    name: 'instructor-led event',
    url: `${host}/ui/lms-learning-details/app/event/d4d09f67-097b-4451-8ddb-86cb90636c06`,
    expected: { isCoursePage: true, courseId: 'd4d09f67-097b-4451-8ddb-86cb90636c06' },
  },
  // Negative: learner pages that are not a learning object, malformed ids, look-alike hosts.
  {
    name: 'login',
    url: `${host}/client/acme/default.aspx`,
    expected: { platform: 'cornerstone', isCoursePage: false },
  },
  {
    name: 'learner home',
    url: `${host}/ui/lms-learner-home/home?tab_page_id=-200300006&tab_id=-2`,
    expected: { isCoursePage: false, courseId: undefined, key: 'cornerstone|acme.csod.com' },
  },
  { name: 'transcript', url: `${host}/ui/lms-learner-transcript/transcript`, expected: { isCoursePage: false } },
  {
    name: 'universal profile',
    url: `${host}/phnx/driver.aspx?routename=Social/UniversalProfile/Snapshot`,
    expected: { isCoursePage: false },
  },
  {
    name: 'search results',
    url: `${host}/ui/lms-learner-search/search?keyword=safety`,
    expected: { isCoursePage: false },
  },
  {
    name: 'playlist (a learner collection, not a learning object)',
    url: `${host}/ui/lms-learner-playlist/PlaylistDetails?playlistId=1540f39d-231d-4d7f-8007-5bac4380181f`,
    expected: { isCoursePage: false },
  },
  {
    name: 'deep link to a module without a learning object',
    url: `${host}/DeepLink/ProcessRedirect.aspx?module=23`,
    expected: { isCoursePage: false },
  },
  {
    name: 'a learning object id that is not a GUID is rejected',
    url: `${host}/ui/lms-learning-details/app/course/123%3Cscript%3E`,
    expected: { isCoursePage: false },
  },
  {
    name: 'look-alike host',
    url: `https://acme.csod.com.evil.net/ui/lms-learning-details/app/course/${course}`,
    expected: null,
  },
];
