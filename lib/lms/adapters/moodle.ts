/**
 * Moodle (moodle.org): MoodleCloud and self-hosted sites.
 * Course pages: /course/view.php?id=4021 (optionally &section=3), /course/section.php?id=88.
 * Activities: /mod/<type>/view.php?id=<cmid>; the course id is only in the body class `course-4021`.
 * Self-hosted sites are recognised by the body Moodle always renders: id="page-..." + class "pagelayout-...".
 */
import { attributeOf, bodyClassValue, cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const MOODLE_ROOT = /^.*?(?=\/(course|mod|login|my|admin|user|grade|report|badges|calendar|message)\/)/;

/** Pages inside a course that are about the learner or the staff, not the course: no panel. */
const NOT_COURSE_PAGES =
  /^\/(login|my|admin|user|grade|report|badges|calendar|message|course\/(index|search|edit|admin)\.php)(\/|$|\.php)/;

export const moodle: LmsAdapter = {
  platform: 'moodle',
  hosts: ['moodlecloud.com'],

  recognise(_url, document) {
    const body = document?.body;
    return Boolean(body?.id.startsWith('page-') && /(^|\s)pagelayout-/.test(body.className));
  },

  detect(url, document) {
    // Moodle may live below a folder (https://uni.edu/moodle/course/view.php): route from its own paths.
    const path = url.pathname.replace(MOODLE_ROOT, '');
    const params = url.searchParams;
    // Course id 1 is Moodle's front page, not a course.
    const bodyCourse = bodyClassValue(document, /^course-(\d+)$/);
    const courseFromBody = bodyCourse === '1' ? undefined : bodyCourse;

    if (NOT_COURSE_PAGES.test(path)) return { isCoursePage: false };

    if (path === '/course/view.php') {
      const courseId = cleanId(params.get('id')) ?? courseFromBody;
      if (!courseId || !/^\d+$/.test(courseId) || courseId === '1') return { isCoursePage: false };
      const section = params.get('section');
      const courseTitle = textOf(document, '.page-header-headings h1', '#page-header h1', 'h1');
      return {
        isCoursePage: true,
        courseId,
        courseTitle,
        ...(section && /^\d+$/.test(section) && section !== '0'
          ? {
              lessonId: `section:${section}`,
              lessonTitle: textOf(document, '.course-section.current h3', 'li.section.current .sectionname'),
            }
          : {}),
      };
    }

    // The breadcrumb shows the course's short name; its link's title attribute carries the full name.
    const crumb = ['.breadcrumb a[href*="/course/view.php"]', 'nav[aria-label] ol a[href*="/course/view.php"]'];
    const courseTitle = attributeOf(document, 'title', ...crumb) ?? textOf(document, ...crumb);

    if (path === '/course/section.php') {
      const sectionId = cleanId(params.get('id'));
      if (!courseFromBody || !sectionId) return { isCoursePage: false };
      return {
        isCoursePage: true,
        courseId: courseFromBody,
        courseTitle,
        lessonId: `section_id:${sectionId}`,
        lessonTitle: textOf(document, '.page-header-headings h1', '#page-header h1', 'h1'),
      };
    }

    const mod = /^\/mod\/([a-z0-9_]+)\//.exec(path);
    if (mod) {
      // view.php?id= is the course module id; other activity pages carry it as cmid= (cm= in the SCORM
      // player, often a popup or frame of its own) or in the body class.
      const cmid =
        (path.endsWith('/view.php') ? cleanId(params.get('id')) : undefined) ??
        cleanId(params.get('cmid') ?? params.get('cm')) ??
        bodyClassValue(document, /^cmid-(\d+)$/);
      if (!courseFromBody) return { isCoursePage: false };
      return {
        isCoursePage: true,
        courseId: courseFromBody,
        courseTitle,
        ...(cmid && /^\d+$/.test(cmid)
          ? {
              lessonId: `cm:${cmid}`,
              lessonTitle: textOf(document, '.page-header-headings h1', '#page-header h1', '[role="main"] h2', 'h1'),
            }
          : {}),
      };
    }

    return { isCoursePage: false };
  },
};
