/**
 * D2L Brightspace: *.brightspace.com, *.desire2learn.com and self-hosted sites. The course is the org unit:
 * /d2l/home/244302, /d2l/le/content/244302/..., /d2l/le/lessons/244302/..., /d2l/le/244302/discussions/...,
 * or ?ou=244302 on /d2l/lms/ tools. Items: viewContent/<topic>, ?itemIdentifier=...ModuleCO-<module>,
 * the sequence viewer's ?url=.../activity/<topic>, quizzes ?qi=, assignment folders ?db=.
 */
import { idParam, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

/** Login, profile and settings (/d2l/lp/), grades, class list, mail and course lists: no panel. */
const NOT_COURSE =
  /^\/d2l\/(login|logout|lp\/|lms\/(grades|classlist|email)|le\/(grades|classlist|manageCourses|userprogress))/i;

/** Item kinds, first match wins: a discussion topic is not a content topic. */
const ITEMS: [RegExp, string][] = [
  [/discussions\/(?:forums\/\d+\/)?topics\/(\d+)/, 'discussion'],
  [/(?:viewContent|topics|activity)\/(\d+)|TopicCO-(\d+)/, 'topic'],
  [/(?:units|lessons|modules)\/(\d+)|ModuleCO-(\d+)/, 'module'],
  [/[?&]qi=(\d+)/, 'quiz'],
  [/[?&]db=(\d+)/, 'assignment'],
];

export const brightspace: LmsAdapter = {
  platform: 'brightspace',
  hosts: ['brightspace.com', 'desire2learn.com'],

  recognise(url, document) {
    return (
      url.pathname.startsWith('/d2l/') &&
      Boolean(document?.querySelector('html[data-he-context], d2l-navigation, .d2l-navigation-s-title-container'))
    );
  },

  detect(url, document) {
    const path = url.pathname;
    if (NOT_COURSE.test(path)) return { isCoursePage: false };
    const inPath = /^\/d2l\/(?:home|le(?:\/[a-z]+)?)\/(\d+)(\/.*)?$/i.exec(path);
    const ou = idParam(url, 'ou');
    const courseId = inPath?.[1] ?? (ou && /^\d+$/.test(ou) ? ou : undefined);
    if (!courseId) return { isCoursePage: false };
    // The item lives in the path after the org unit, or in a query parameter (decoded, so nested URLs count).
    const target = `${inPath?.[2] ?? ''} ${[...url.searchParams].map(([name, value]) => `&${name}=${value}`).join('')}`;
    const courseTitle = textOf(document, '.d2l-navigation-s-title-container a', '.d2l-navigation-s-title-container');
    for (const [pattern, kind] of ITEMS) {
      const match = pattern.exec(target);
      const item = match?.[1] ?? match?.[2];
      if (item) {
        const lessonTitle = textOf(document, '.d2l-page-title', 'h1');
        return { isCoursePage: true, courseId, courseTitle, lessonId: `${kind}:${item}`, lessonTitle };
      }
    }
    return { isCoursePage: true, courseId, courseTitle };
  },
};
