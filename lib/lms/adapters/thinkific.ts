/**
 * Thinkific: <school>.thinkific.com and schools on their own domains. Course player only:
 * /courses/take/<course-slug> (course home) and /courses/take/<course-slug>/<kind>/<lessonId>-<slug> (lessons,
 * texts, quizzes, multimedia, pdfs, downloads, ...: one lesson id whatever the kind or title slug).
 * Sales pages /courses/<slug>, /enrollments, /collections, /users/sign_in are not course pages.
 * Own domains are recognised by the /courses/take/ path plus thinkific.com assets in the page.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const PLAYER = /^\/courses\/take\/([^/]+)(?:\/[a-z_]+\/(\d+)(?:-[^/]*)?)?\/?$/;

export const thinkific: LmsAdapter = {
  platform: 'thinkific',
  hosts: ['thinkific.com'],

  recognise(url, document) {
    return (
      PLAYER.test(url.pathname) &&
      Boolean(document?.querySelector('[src*=".thinkific.com/"], [href*=".thinkific.com/"]'))
    );
  },

  detect(url, document) {
    const [, slug, lesson] = PLAYER.exec(url.pathname) ?? [];
    const courseId = cleanId(slug);
    if (!courseId) return { isCoursePage: false };
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(document, '[data-qa="course-player__course-title"]', '.course-player__header h1'),
      ...(lesson
        ? { lessonId: `lesson:${lesson}`, lessonTitle: textOf(document, '[data-qa="content-title"]', 'main h2') }
        : {}),
    };
  },
};
