/**
 * Schoology (PowerSchool): *.schoology.com. Course pages: /course/<id>/materials (?f=<folder>), /updates, /info;
 * items inside: /course/<id>/materials/gp/<document>, /course/<id>/materials/link/view/<link>. Top-level items
 * (/assignment/<id>/info, /assessment/<id>, /page/<id>, /discussion/<id>) name no course: it comes from the
 * page's breadcrumb.
 */
import { cleanId, cleanTitle, documentTitle, idParam, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

/** Course sections about grades, people or settings. */
const NOT_COURSE = /^(grades|gradebook|student_grades|mastery|members|enrollments|attendance|analytics|settings)$/;

export const schoology: LmsAdapter = {
  platform: 'schoology',
  hosts: ['schoology.com'],

  detect(url, document) {
    const path = url.pathname;
    const pageTitle = textOf(document, '#center-top .page-title', 'h2.page-title');
    // The course an item belongs to, from its breadcrumb (untrusted).
    const link = document?.querySelector('[class*="breadcrumb"] a[href*="/course/"]');
    const linked = cleanId(
      /^(?:https?:\/\/[^/]+)?\/course\/(\d+)(?:[/?#]|$)/.exec(link?.getAttribute('href') ?? '')?.[1],
    );

    const course = /^\/course\/(\d+)(?:\/([a-z_]+)(\/.*)?)?\/?$/.exec(path);
    const item = /^\/(assignment|assessment|page|discussion)\/(\d+)(?:\/|$)/.exec(path);
    const material = course?.[2] === 'materials' ? /^\/(?:(gp)|([a-z_]+)\/view)\/(\d+)/.exec(course[3] ?? '') : null;
    const courseId = course?.[1] ?? (item ? linked : undefined);
    if (!courseId || (course?.[2] && NOT_COURSE.test(course[2]))) return { isCoursePage: false };

    const lessonId = material
      ? `${material[1] ? 'document' : material[2]}:${material[3]}`
      : item && `${item[1]}:${item[2]}`;
    if (lessonId) {
      return {
        isCoursePage: true,
        courseId,
        courseTitle: cleanTitle(link?.textContent),
        lessonId,
        lessonTitle: pageTitle,
      };
    }
    const folder = course?.[2] === 'materials' && !course[3] ? idParam(url, 'f') : undefined;
    return {
      isCoursePage: true,
      courseId,
      courseTitle: pageTitle ?? documentTitle(document, /\s*\|\s*Schoology$/),
      ...(folder && /^\d+$/.test(folder) ? { lessonId: `folder:${folder}` } : {}),
    };
  },
};
