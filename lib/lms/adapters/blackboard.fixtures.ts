/**
 * Blackboard Learn pages as detection sees them: Ultra and Original URLs, and anonymised excerpts of their
 * markup (Ultra's bb-base-layout shell, Original's #globalNavPageContentArea, #breadcrumbs, #pageTitleText).
 * `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://northfield.blackboard.com';

const original = (title: string) =>
  `<body class="ineditmode"><div id="navigationPane"><div id="courseMenuPalette_paletteTitleHeading">
   <a href="/webapps/blackboard/execute/launcher?type=Course&id=_43621_1&url="><span>Marine Ecology (BIO-214)</span></a></div></div>
   <div id="globalNavPageContentArea"><div id="breadcrumbs"><ol><li class="root coursePath">
   <a href="/webapps/blackboard/execute/launcher?type=Course&id=_43621_1&url=">Marine Ecology (BIO-214)</a></li>
   <li class="placeholder">Course Content</li></ol></div>
   <div id="pageTitleDiv"><h1 id="pageTitleHeader"><span id="pageTitleText">${title}</span></h1></div></div></body>`;

const ultra = (panel: string) =>
  `<body><div id="app"><bb-base-layout><aside><nav><ul><li><a href="/ultra/stream">Activity Stream</a></li></ul></nav></aside>
   <main><h1 class="course-title">Marine Ecology</h1>${panel}</main></bb-base-layout></div></body>`;

export const cases: DetectionCase[] = [
  {
    name: 'Ultra course outline, URL only',
    url: `${host}/ultra/courses/_43621_1/outline`,
    expected: {
      platform: 'blackboard',
      isCoursePage: true,
      courseId: '_43621_1',
      lessonId: undefined,
      key: 'blackboard|northfield.blackboard.com|_43621_1',
    },
  },
  {
    name: 'Ultra course outline (older /cl/ path) reads the course title',
    url: `${host}/ultra/courses/_43621_1/cl/outline`,
    html: ultra(''),
    expected: {
      courseId: '_43621_1',
      courseTitle: 'Marine Ecology',
      key: 'blackboard|northfield.blackboard.com|_43621_1',
    },
  },
  {
    name: 'Ultra document: the content id is the lesson, view params ignored',
    url: `${host}/ultra/courses/_43621_1/outline/edit/document/_998_1?courseId=_43621_1&view=content`,
    html: ultra('<div class="panel"><h2 class="panel-title">Week 2: Tide pools</h2></div>'),
    expected: {
      isCoursePage: true,
      courseId: '_43621_1',
      lessonId: 'content:_998_1',
      lessonTitle: 'Week 2: Tide pools',
      key: 'blackboard|northfield.blackboard.com|_43621_1|content:_998_1',
    },
  },
  {
    name: 'Ultra file item',
    url: `${host}/ultra/courses/_43621_1/outline/file/_1002_1`,
    expected: { lessonId: 'content:_1002_1', key: 'blackboard|northfield.blackboard.com|_43621_1|content:_1002_1' },
  },
  {
    name: 'Ultra test attempt: the attempt id is ignored, the assessment is the lesson',
    url: `${host}/ultra/courses/_43621_1/outline/assessment/_1005_1/overview/attempt/_77120_1?courseId=_43621_1#top`,
    expected: { lessonId: 'content:_1005_1', key: 'blackboard|northfield.blackboard.com|_43621_1|content:_1005_1' },
  },
  {
    name: 'Ultra discussion',
    url: `${host}/ultra/courses/_43621_1/outline/discussion/_2301_1?courseId=_43621_1`,
    expected: { lessonId: 'discussion:_2301_1' },
  },
  {
    name: 'item opened from the activity stream: the course comes from ?courseId=',
    url: `${host}/ultra/stream/assessment/_1005_1/overview?courseId=_43621_1`,
    expected: { isCoursePage: true, courseId: '_43621_1', lessonId: 'content:_1005_1' },
  },
  {
    name: 'Original course entry point (launcher)',
    url: `${host}/webapps/blackboard/execute/launcher?type=Course&id=_43621_1&url=`,
    expected: { isCoursePage: true, courseId: '_43621_1', key: 'blackboard|northfield.blackboard.com|_43621_1' },
  },
  {
    name: 'Original content folder reads titles from the course menu and page header',
    url: `${host}/webapps/blackboard/content/listContent.jsp?course_id=_43621_1&content_id=_998_1&mode=reset`,
    html: original('Week 2: Tide pools'),
    expected: {
      courseId: '_43621_1',
      lessonId: 'content:_998_1',
      courseTitle: 'Marine Ecology (BIO-214)',
      lessonTitle: 'Week 2: Tide pools',
      key: 'blackboard|northfield.blackboard.com|_43621_1|content:_998_1',
    },
  },
  {
    name: 'Original assignment page without course_id: the course comes from the breadcrumb',
    url: `${host}/webapps/assignment/uploadAssignment?content_id=_1010_1&mode=view`,
    html: original('Upload Assignment: Field report'),
    expected: { isCoursePage: true, courseId: '_43621_1', lessonId: 'content:_1010_1' },
  },
  {
    name: 'self-hosted Original course recognised by its markup',
    url: 'https://learn.example.edu/webapps/blackboard/content/listContent.jsp?course_id=_43621_1&content_id=_998_1',
    html: original('Week 2: Tide pools'),
    expected: { platform: 'blackboard', key: 'blackboard|learn.example.edu|_43621_1|content:_998_1' },
  },
  {
    name: 'self-hosted Ultra recognised by its app shell',
    url: 'https://learn.example.edu/ultra/courses/_43621_1/outline',
    html: ultra(''),
    expected: { platform: 'blackboard', courseId: '_43621_1' },
  },
  // Negative: Blackboard pages that are not course pages, and look-alike hosts.
  {
    name: 'Ultra activity stream',
    url: `${host}/ultra/stream`,
    expected: { platform: 'blackboard', isCoursePage: false, key: 'blackboard|northfield.blackboard.com' },
  },
  { name: 'Ultra institution page', url: `${host}/ultra/institution-page`, expected: { isCoursePage: false } },
  { name: 'Ultra course list', url: `${host}/ultra/course`, expected: { isCoursePage: false } },
  { name: 'Ultra course gradebook', url: `${host}/ultra/courses/_43621_1/grades`, expected: { isCoursePage: false } },
  {
    name: 'Original My Grades in a course',
    url: `${host}/webapps/bb-mygrades-BBLEARN/myGrades?course_id=_43621_1&stream_name=mygrades`,
    expected: { isCoursePage: false },
  },
  { name: 'login', url: `${host}/webapps/login/?action=relogin`, expected: { isCoursePage: false } },
  {
    name: 'Original portal tab (dashboard)',
    url: `${host}/webapps/portal/execute/tabs/tabAction?tab_tab_group_id=_1_1`,
    expected: { isCoursePage: false },
  },
  { name: 'Ultra profile', url: `${host}/ultra/profile`, expected: { isCoursePage: false } },
  { name: 'look-alike host', url: 'https://blackboard.com.evil.net/ultra/courses/_43621_1/outline', expected: null },
  {
    name: 'unknown host with Blackboard-like paths but no Blackboard markup',
    url: 'https://learn.example.edu/webapps/blackboard/content/listContent.jsp?course_id=_43621_1',
    html: '<body><div id="breadcrumbs"><a href="/x?course_id=_1_1">Home</a></div></body>',
    expected: null,
  },
  {
    name: 'marketing site is not a course page',
    url: 'https://www.blackboard.com/teaching-learning/learning-management/blackboard-learn',
    expected: { isCoursePage: false },
  },
  {
    name: 'Original frameset: the framed course content is the place',
    url: 'https://learn.blackboard.com/webapps/portal/frameset.jsp?tab_tab_group_id=_2_1&url=%2Fwebapps%2Fblackboard%2Fcontent%2FlistContent.jsp%3Fcourse_id%3D_43621_1%26content_id%3D_998_1',
    expected: {
      courseId: '_43621_1',
      lessonId: 'content:_998_1',
      key: 'blackboard|learn.blackboard.com|_43621_1|content:_998_1',
    },
  },
  {
    name: 'Original frameset around the institution tab is not a course page',
    url: 'https://learn.blackboard.com/webapps/portal/frameset.jsp?tab_tab_group_id=_1_1',
    expected: { platform: 'blackboard', isCoursePage: false },
  },
  {
    name: 'Original frameset never follows a URL to another host',
    url: 'https://learn.blackboard.com/webapps/portal/frameset.jsp?url=%2F%2Fevil.example%2Fwebapps%2Fblackboard%2Fcontent%2FlistContent.jsp%3Fcourse_id%3D_43621_1',
    expected: { platform: 'blackboard', isCoursePage: false },
  },
];
