/**
 * Coursera (www.coursera.org). Inside a course: /learn/<slug>/home/welcome, /home/module/<n> (formerly
 * /home/week/<n>: the same module), forums and resources, and items /learn/<slug>/<kind>/<itemId>/<title-slug>
 * (lecture, supplement, quiz, exam, programming, peer, ...). Item ids are unique whatever the kind, so the
 * title slug and sub-pages (/attempt, /submit) are dropped. /learn/<slug> alone is the public course page.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE =
  /^\/learn\/([^/]+)\/(?:(?:home|discussions|resources|course-inbox|notes)(?:\/(?:week|module)\/(\d+))?|(?:lecture|supplement|quiz|exam|programming|peer|gradedLti|ungradedLti|ungradedWidget|ungradedLab|discussionPrompt|coach|assignment-submission)\/([^/]+))(?:\/|$)/;

export const coursera: LmsAdapter = {
  platform: 'coursera',
  hosts: ['coursera.org'],

  detect(url, document) {
    const [, slug, module, item] = COURSE.exec(url.pathname) ?? [];
    const courseId = cleanId(slug);
    if (!courseId) return { isCoursePage: false };
    const itemId = cleanId(item);
    const lessonId = itemId ? `item:${itemId}` : module ? `module:${module}` : undefined;
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(
        document,
        `nav a[href*="/learn/${courseId}/home"]`,
        `header a[href*="/learn/${courseId}/home"]`,
      ),
      ...(lessonId ? { lessonId, lessonTitle: textOf(document, 'main h1', 'h1') } : {}),
    };
  },
};
