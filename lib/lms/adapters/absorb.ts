/**
 * Absorb LMS: *.myabsorb.com|ca|eu|com.au|cn, a hash-routed app: #/online-courses/<guid>, #/curricula/<guid>,
 * #/instructor-led-courses/<guid>; a launched lesson adds ?lessonId=<guid> to the route. The same routes without the
 * hash are read too. Dashboard, catalogue, my courses, profile and login routes are not course pages.
 */
import { textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const GUID = '[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}';
const ROUTE = new RegExp(`^/(?:online-courses|curricula|instructor-led-courses)/(${GUID})(?:/|$)`, 'i');
const LESSON = new RegExp(`^${GUID}$`, 'i');

export const absorb: LmsAdapter = {
  platform: 'absorb',
  hosts: ['myabsorb.com', 'myabsorb.ca', 'myabsorb.eu', 'myabsorb.com.au', 'myabsorb.cn'],

  detect(url, document) {
    // The app routes in the fragment: "#/online-courses/<id>?lessonId=<id>" is a path and a query of its own.
    const [path = '', query] = (url.hash.startsWith('#/') ? url.hash.slice(1) : url.pathname + url.search).split('?');
    const course = ROUTE.exec(path)?.[1];
    if (!course) return { isCoursePage: false };
    const lesson = new URLSearchParams(query).get('lessonId');
    return {
      isCoursePage: true,
      courseId: course.toLowerCase(),
      courseTitle: textOf(document, '[class*="course-detail-header__name"]', 'h1'),
      ...(lesson && LESSON.test(lesson) ? { lessonId: `lesson:${lesson.toLowerCase()}` } : {}),
    };
  },
};
