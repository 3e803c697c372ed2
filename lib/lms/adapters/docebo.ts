/**
 * Docebo: *.docebosaas.com and custom domains (recognised by a /learn/ course path plus Docebo's dcbstatic.com CDN).
 * Courses: /learn/course[s]/<id>/<slug>, /learn/course/internal|external/view/<type>/<id>/<slug>; training material
 * in the player: .../play/<lo>:<x>/... or .../lessons/<lo>:<x>/... . Learning plans: /learn/learning_plan/view/<id>,
 * /learn/learning-plans/<id> (a course opened inside a plan is the course). Matrix params (;lp=6) are context only.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE =
  /\/learn\/(?:.*\/)?courses?\/(?:(?:internal|external)\/view\/\w+\/)?(\d+)(?:\/(?!play\/|lessons\/)[^/]+)?(?:\/(?:play|lessons)\/(\d+))?/;
const PLAN = /\/learn\/(?:public\/)?learning[-_]plans?\/(?:view\/)?(\d+)/;

const place = (url: URL) => {
  const path = url.pathname.replace(/;[^/]*/g, '');
  const course = COURSE.exec(path);
  if (course) return { courseId: cleanId(course[1]), lesson: cleanId(course[2]) };
  const plan = cleanId(PLAN.exec(path)?.[1]);
  return { courseId: plan && `plan:${plan}` };
};

export const docebo: LmsAdapter = {
  platform: 'docebo',
  hosts: ['docebosaas.com'],

  recognise(url, document) {
    return Boolean(
      place(url).courseId && document?.querySelector('[src*="dcbstatic.com/"],link[href*="dcbstatic.com/"]'),
    );
  },

  detect(url, document) {
    const { courseId, lesson } = place(url);
    if (!courseId) return { isCoursePage: false };
    // The course page's heading is the course; in the player it belongs to the training material.
    return lesson
      ? { isCoursePage: true, courseId, lessonId: `lesson:${lesson}`, lessonTitle: textOf(document, 'h1') }
      : { isCoursePage: true, courseId, courseTitle: textOf(document, 'h1') };
  },
};
