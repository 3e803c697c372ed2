/**
 * Udemy: www.udemy.com and Udemy Business tenants (<company>.udemy.com).
 * Course player: /course/<slug>/learn/ (course home), /course/<slug>/learn/lecture/<id>, .../quiz/<id>,
 * .../practice/<id> (old player: /learn/v4/t/lecture/<id>). The sales page /course/<slug>/, my courses,
 * search, profiles and login are not course pages. Fragments (#overview) and ?start= are ignored.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const PLAYER = /^\/course\/([^/]+)\/learn(?:\/(?:v4\/t\/)?(lecture|quiz|practice)\/(\d+))?(?:\/|$)/;

export const udemy: LmsAdapter = {
  platform: 'udemy',
  hosts: ['udemy.com'],

  detect(url, document) {
    const [, slug, kind, item] = PLAYER.exec(url.pathname) ?? [];
    const courseId = cleanId(slug);
    if (!courseId) return { isCoursePage: false };
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(document, '[data-purpose="course-header-title"]', 'header h1'),
      ...(kind && item
        ? {
            lessonId: `${kind}:${item}`,
            lessonTitle: textOf(document, '[aria-current="true"] [data-purpose="item-title"]', 'main h1'),
          }
        : {}),
    };
  },
};
