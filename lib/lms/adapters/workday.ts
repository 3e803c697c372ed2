/**
 * Workday Learning: *.myworkday.com/<tenant>/. Courses /learning/course/<WID>, programs /learning/program/<WID>
 * (a 32-hex Workday ID; ?type= is ignored), a lesson inside a course /learning/course/<WID>/lesson/<WID>, and the
 * classic instance page of a learning course /d/inst/<context>/17816$<n>.htmld. Other /d/ pages are not courses.
 */
import { documentTitle, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const LEARNING = /^\/[\w-]+\/learning\/(course|program)\/([0-9a-f]{32})(?:\/lesson\/([0-9a-f]{32}))?\/?$/i;
// 17816 is the class of learning courses in Workday instance ids ("17816$407").
const INSTANCE = /^\/[\w-]+\/d\/inst\/[^/]+\/17816\$(\d+)\.htmld$/;

export const workday: LmsAdapter = {
  platform: 'workday',
  hosts: ['myworkday.com'],

  detect(url, document) {
    const [, kind, wid, lesson] = LEARNING.exec(url.pathname) ?? [];
    const instance = INSTANCE.exec(url.pathname)?.[1];
    const courseId = wid
      ? `${kind === 'program' ? 'program:' : ''}${wid.toLowerCase()}`
      : instance && `inst:17816-${instance}`;
    if (!courseId) return { isCoursePage: false };
    const title =
      textOf(document, '[data-automation-id="pageHeaderTitleText"]', 'h1') ??
      documentTitle(document, /\s+-\s+Workday$/);
    return lesson
      ? { isCoursePage: true, courseId, lessonId: `lesson:${lesson.toLowerCase()}`, lessonTitle: title }
      : { isCoursePage: true, courseId, courseTitle: title };
  },
};
