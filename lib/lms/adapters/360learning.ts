/**
 * 360Learning: app.360learning.com and <company>.360learning.com. A course is played at
 * /course/play/<courseId> (24-hex id; the per-learner /attempts/<id> and ?pathSessionId= / preferredLang are
 * ignored) and shown at /course/<courseId>. Paths (/paths/<id>/home: a programme of several courses), the
 * home page and its catalogue (/home/content/...), /login and profiles are not course pages.
 */
import { textOf } from '../page-text';
import type { LmsAdapter } from '../types';

export const learning360: LmsAdapter = {
  platform: '360learning',
  hosts: ['360learning.com'],

  detect(url, document) {
    const [, id] = /^\/course\/(?:play\/)?([0-9a-f]{24})(?:\/|$)/i.exec(url.pathname) ?? [];
    if (!id) return { isCoursePage: false };
    return {
      isCoursePage: true,
      courseId: id.toLowerCase(),
      courseTitle: textOf(document, '[data-testid="course-title"]', 'main h1', 'h1'),
    };
  },
};
