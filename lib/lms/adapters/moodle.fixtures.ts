/**
 * Moodle pages as detection sees them: example URLs and anonymised excerpts of the markup Moodle 4.x
 * renders (body id/classes, breadcrumb, page header). `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const courseBody = (extra = '') =>
  `<body id="page-course-view-topics" class="format-topics path-course path-course-view pagelayout-course course-4021 context-60123 category-1 ${extra}">
   <header id="page-header"><div class="page-header-headings"><h1 class="h2">Introduction to   Data Analysis</h1></div></header>
   <ul><li class="section course-section current"><h3 class="sectionname">Week 3: Correlation</h3></li></ul></body>`;

const activityBody = (type: string, cmid: number, course = 4021) =>
  `<body id="page-mod-${type}-view" class="path-mod path-mod-${type} pagelayout-incourse course-${course} context-${cmid + 1000} cmid-${cmid} category-1">
   <nav aria-label="Navigation bar"><ol class="breadcrumb">
     <li class="breadcrumb-item"><a href="https://moodle.example.edu/course/view.php?id=${course}" title="Introduction to Data Analysis">DATA101</a></li>
     <li class="breadcrumb-item"><a href="#">Activity</a></li></ol></nav>
   <div class="page-header-headings"><h1 class="h2">Quiz 2: Scatter plots</h1></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'MoodleCloud course home, URL only',
    url: 'https://school.moodlecloud.com/course/view.php?id=4021',
    expected: { platform: 'moodle', isCoursePage: true, courseId: '4021', key: 'moodle|school.moodlecloud.com|4021' },
  },
  {
    name: 'course home with the title from the page header',
    url: 'https://school.moodlecloud.com/course/view.php?id=4021',
    html: courseBody(),
    expected: { courseTitle: 'Introduction to Data Analysis', lessonId: undefined },
  },
  {
    name: 'self-hosted course home recognised by its body markers',
    url: 'https://learn.example.edu/course/view.php?id=4021',
    html: courseBody(),
    expected: { platform: 'moodle', courseId: '4021', key: 'moodle|learn.example.edu|4021' },
  },
  {
    name: 'self-hosted Moodle below a folder',
    url: 'https://www.example.edu/moodle/course/view.php?id=4021',
    html: courseBody(),
    expected: { platform: 'moodle', courseId: '4021', isCoursePage: true },
  },
  {
    name: 'a course section is a lesson',
    url: 'https://school.moodlecloud.com/course/view.php?id=4021&section=3',
    html: courseBody(),
    expected: {
      lessonId: 'section:3',
      lessonTitle: 'Week 3: Correlation',
      key: 'moodle|school.moodlecloud.com|4021|section:3',
    },
  },
  {
    name: 'activity: the course comes from the body class, the lesson is the course module',
    url: 'https://school.moodlecloud.com/mod/quiz/view.php?id=1325312',
    html: activityBody('quiz', 1325312),
    expected: {
      isCoursePage: true,
      courseId: '4021',
      lessonId: 'cm:1325312',
      courseTitle: 'Introduction to Data Analysis',
      lessonTitle: 'Quiz 2: Scatter plots',
      key: 'moodle|school.moodlecloud.com|4021|cm:1325312',
    },
  },
  {
    name: 'quiz attempt: per-learner attempt id ignored, same key as the quiz',
    url: 'https://school.moodlecloud.com/mod/quiz/attempt.php?attempt=99812&cmid=1325312&page=2#question-3',
    html: activityBody('quiz', 1325312),
    expected: { lessonId: 'cm:1325312', key: 'moodle|school.moodlecloud.com|4021|cm:1325312' },
  },
  {
    name: 'breadcrumb without a title attribute: the short name is the course title',
    url: 'https://school.moodlecloud.com/mod/page/view.php?id=1325311',
    html: activityBody('page', 1325311).replace(' title="Introduction to Data Analysis"', ''),
    expected: { courseTitle: 'DATA101', lessonId: 'cm:1325311' },
  },
  {
    name: 'SCORM player window: its cm parameter is the activity',
    url: 'https://school.moodlecloud.com/mod/scorm/player.php?a=4&currentorg=ORG-1&scoid=8&cm=1325330&display=popup',
    html: activityBody('scorm', 1325330).replace(/cmid-\d+/, ''),
    expected: { lessonId: 'cm:1325330', key: 'moodle|school.moodlecloud.com|4021|cm:1325330' },
  },
  {
    name: 'forum discussion: the course module comes from the body class',
    url: 'https://school.moodlecloud.com/mod/forum/discuss.php?d=5521',
    html: activityBody('forum', 1325322),
    expected: { lessonId: 'cm:1325322' },
  },
  {
    name: 'tracking parameters and fragments do not change the key',
    url: 'https://school.moodlecloud.com/course/view.php?id=4021&utm_source=mail#section-2',
    expected: { key: 'moodle|school.moodlecloud.com|4021' },
  },
  {
    name: 'activity page without the course in its markup is not anchored',
    url: 'https://school.moodlecloud.com/mod/page/view.php?id=1325311',
    expected: { platform: 'moodle', isCoursePage: false, key: 'moodle|school.moodlecloud.com' },
  },
  {
    name: 'hostile title text is cleaned and bounded',
    url: 'https://school.moodlecloud.com/course/view.php?id=4021',
    html: `<body id="page-course-view-topics" class="pagelayout-course course-4021"><div class="page-header-headings"><h1>${'<b>A</b>\u0007'.repeat(120)}</h1></div></body>`,
    expected: { courseTitle: `${'A '.repeat(99)}A…` },
  },
  // Negative: Moodle pages that are not course pages, and look-alike hosts.
  {
    name: 'dashboard',
    url: 'https://school.moodlecloud.com/my/',
    expected: { platform: 'moodle', isCoursePage: false },
  },
  { name: 'login', url: 'https://school.moodlecloud.com/login/index.php', expected: { isCoursePage: false } },
  {
    name: 'course catalogue',
    url: 'https://school.moodlecloud.com/course/index.php?categoryid=3',
    expected: { isCoursePage: false },
  },
  {
    name: 'gradebook',
    url: 'https://school.moodlecloud.com/grade/report/user/index.php?id=4021',
    expected: { isCoursePage: false },
  },
  { name: 'profile', url: 'https://school.moodlecloud.com/user/profile.php?id=88', expected: { isCoursePage: false } },
  {
    name: 'the site front page (course id 1)',
    url: 'https://school.moodlecloud.com/course/view.php?id=1',
    expected: { isCoursePage: false },
  },
  { name: 'look-alike host', url: 'https://moodlecloud.com.evil.net/course/view.php?id=4021', expected: null },
  {
    name: 'unknown host without Moodle markers',
    url: 'https://learn.example.edu/course/view.php?id=4021',
    html: '<body><h1>Hi</h1></body>',
    expected: null,
  },
];
