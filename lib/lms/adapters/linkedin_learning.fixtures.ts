/**
 * LinkedIn Learning pages as detection sees them: example URLs and anonymised excerpts of the classroom
 * (top bar with the course title, the video heading). `expected: null`: not an LMS page.
 */
import type { DetectionCase } from '../fixture-types';

const classroom = `<body><div class="classroom-layout">
  <header class="classroom-nav"><h1 class="classroom-nav__title">Spreadsheet   Foundations</h1></header>
  <main><section class="classroom-media-screen"><h1>Sorting and filtering</h1></section></main></div></body>`;

const host = 'https://www.linkedin.com';

export const cases: DetectionCase[] = [
  {
    name: 'course home',
    url: `${host}/learning/spreadsheet-foundations-2024`,
    expected: {
      platform: 'linkedin_learning',
      isCoursePage: true,
      courseId: 'spreadsheet-foundations-2024',
      lessonId: undefined,
      key: 'linkedin_learning|www.linkedin.com|spreadsheet-foundations-2024',
    },
  },
  {
    name: 'course home reads the title from its heading',
    url: `${host}/learning/spreadsheet-foundations-2024/`,
    html: '<body><main><h1 class="top-card__title">Spreadsheet Foundations</h1></main></body>',
    expected: {
      courseTitle: 'Spreadsheet Foundations',
      key: 'linkedin_learning|www.linkedin.com|spreadsheet-foundations-2024',
    },
  },
  {
    name: 'video: the organisation (u=), autoplay and resume parameters are ignored',
    url: `${host}/learning/spreadsheet-foundations-2024/sorting-and-filtering?autoplay=true&resume=false&u=2113185`,
    html: classroom,
    expected: {
      lessonId: 'video:sorting-and-filtering',
      courseTitle: 'Spreadsheet Foundations',
      lessonTitle: 'Sorting and filtering',
      key: 'linkedin_learning|www.linkedin.com|spreadsheet-foundations-2024|video:sorting-and-filtering',
    },
  },
  {
    name: 'the same video from a shared link with tracking',
    url: `${host}/learning/spreadsheet-foundations-2024/sorting-and-filtering?trk=share_ent_url&shareId=abc#top`,
    expected: { key: 'linkedin_learning|www.linkedin.com|spreadsheet-foundations-2024|video:sorting-and-filtering' },
  },
  {
    name: 'another host on the LinkedIn domain, still below /learning',
    url: 'https://linkedin.com/learning/spreadsheet-foundations-2024/welcome',
    expected: {
      lessonId: 'video:welcome',
      key: 'linkedin_learning|linkedin.com|spreadsheet-foundations-2024|video:welcome',
    },
  },
  // Negative: LinkedIn Learning sections that are not one course, other LinkedIn pages, look-alike hosts.
  {
    name: 'LinkedIn Learning home',
    url: `${host}/learning/`,
    expected: { platform: 'linkedin_learning', isCoursePage: false, key: 'linkedin_learning|www.linkedin.com' },
  },
  { name: 'search', url: `${host}/learning/search?keywords=excel&u=2113185`, expected: { isCoursePage: false } },
  { name: 'My Learning', url: `${host}/learning/me/my-library/in-progress`, expected: { isCoursePage: false } },
  { name: 'learning path', url: `${host}/learning/paths/become-a-data-analyst`, expected: { isCoursePage: false } },
  { name: 'topic catalogue', url: `${host}/learning/topics/spreadsheets`, expected: { isCoursePage: false } },
  { name: 'instructor profile', url: `${host}/learning/instructors/alex-example`, expected: { isCoursePage: false } },
  { name: 'LinkedIn feed is not LinkedIn Learning', url: `${host}/feed/`, expected: null },
  { name: 'a path that only starts with the prefix', url: `${host}/learningcenter/x`, expected: null },
  {
    name: 'look-alike host',
    url: 'https://www.linkedin.com.evil.net/learning/spreadsheet-foundations-2024',
    expected: null,
  },
];
