/**
 * Teachable: <school>.teachable.com and schools on their own domains. Course home /courses/enrolled/<course>,
 * lecture /courses/<course>/lectures/<lectureId>; <course> is the numeric id or a slug (the id is then read
 * from the page). Sales pages (/courses/<slug>, /p/<slug>), /courses, /sign_in are not course pages.
 * Own domains are recognised by those paths plus Teachable's CDN (teachablecdn.com) in the page.
 */
import { attributeOf, cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE = /^\/courses\/(?:enrolled\/([^/]+)|([^/]+)\/lectures\/(\d+))\/?$/;

export const teachable: LmsAdapter = {
  platform: 'teachable',
  hosts: ['teachable.com'],

  recognise(url, document) {
    return (
      COURSE.test(url.pathname) &&
      Boolean(document?.querySelector('[href*=".teachablecdn.com/"], [src*=".teachablecdn.com/"]'))
    );
  },

  detect(url, document) {
    const [, enrolled, lectureCourse, lecture] = COURSE.exec(url.pathname) ?? [];
    const ref = cleanId(enrolled ?? lectureCourse);
    if (!ref) return { isCoursePage: false };
    // Numeric ids are the course's identity; a slug in the URL is replaced by the id the page carries.
    const pageId = cleanId(attributeOf(document, 'data-course-id', '[data-course-id]'));
    const courseId = /^\d+$/.test(ref) || !pageId || !/^\d+$/.test(pageId) ? ref : pageId;
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(document, '.course-sidebar h2', '.course-title'),
      ...(lecture ? { lessonId: `lecture:${lecture}`, lessonTitle: textOf(document, '#lecture_heading') } : {}),
    };
  },
};
