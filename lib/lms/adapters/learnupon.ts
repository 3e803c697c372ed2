/**
 * LearnUpon: <portal>.learnupon.com and portals on their own domains. A learner's course lives under
 * /enrollments/<enrollmentId>/... (details, page/<n>): that id is per learner, so the course and module ids
 * come from the page; a course inside a learning path is /lpaths/<pathId>/courses/<courseId>/details.
 * Dashboard, catalog, resources, profile and /users/sign_in are not course pages.
 */
import { attributeOf, cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE = /^\/(?:enrollments\/\d+(\/page\/\d+)?|lpaths\/\d+\/courses\/(\d+))(?:\/|$)/;

const numericAttribute = (document: Document | undefined, name: string) => {
  const value = cleanId(attributeOf(document, name, `[${name}]`));
  return value && /^\d+$/.test(value) ? value : undefined;
};

export const learnupon: LmsAdapter = {
  platform: 'learnupon',
  hosts: ['learnupon.com'],

  recognise(url, document) {
    return (
      COURSE.test(url.pathname) &&
      Boolean(document?.querySelector('[src*=".learnupon.com/"], [href*=".learnupon.com/"]'))
    );
  },

  detect(url, document) {
    const match = COURSE.exec(url.pathname);
    const courseId = match?.[2] ?? (match ? numericAttribute(document, 'data-course-id') : undefined);
    if (!courseId) return { isCoursePage: false };
    // Only the module player (/page/<n>) shows one module; the course overview lists them all.
    const moduleId = match?.[1] ? numericAttribute(document, 'data-module-id') : undefined;
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(document, '.course-title', 'main h1'),
      ...(moduleId ? { lessonId: `module:${moduleId}`, lessonTitle: textOf(document, '.module-title') } : {}),
    };
  },
};
