/**
 * Canvas LMS (Instructure): *.instructure.com and self-hosted Canvas.
 * Course pages: /courses/1730 and its content: /modules/items/448683, /pages/<slug>, /assignments/55,
 * /quizzes/12, /discussion_topics/9, /files/123. A content URL reached from a module carries
 * ?module_item_id=448683: that module item is its identity, so both URLs land in the same threads.
 * Self-hosted Canvas is recognised by its app shell: body class `context-course_<id>` or `#application.ic-app`.
 */
import { bodyClassValue, cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

/** Content items, by URL segment, and the kind prefix their lesson ids get. */
const ITEM_KINDS: Record<string, string> = {
  pages: 'page',
  wiki: 'page',
  assignments: 'assignment',
  quizzes: 'quiz',
  discussion_topics: 'discussion_topic',
  files: 'file',
  announcements: 'announcement',
};

/** Course sections that are about people, grades or settings rather than learning content. */
const NOT_COURSE_SECTIONS = new Set([
  'grades',
  'gradebook',
  'users',
  'settings',
  'analytics',
  'statistics',
  'groups',
  'external_tools',
]);

export const canvas: LmsAdapter = {
  platform: 'canvas',
  hosts: ['instructure.com'],

  recognise(_url, document) {
    return Boolean(
      document?.querySelector('#application.ic-app') ?? bodyClassValue(document, /^context-course_(\d+)$/),
    );
  },

  detect(url, document) {
    const match = /^\/courses\/(\d+)(?:\/([a-z_]+)(?:\/([^/]+)(?:\/([^/]+))?)?)?\/?$/.exec(url.pathname);
    // Submissions and other per-learner sub-pages below an item still belong to that item.
    const deep = /^\/courses\/(\d+)\/([a-z_]+)\/([^/]+)\/.+$/.exec(url.pathname);
    const [, courseId, section, itemId, sub] = match ?? deep ?? [];
    if (!courseId) return { isCoursePage: false };
    if (section && NOT_COURSE_SECTIONS.has(section)) return { isCoursePage: false };

    const courseTitle = textOf(
      document,
      `#breadcrumbs a[href$="/courses/${courseId}"] .ellipsible`,
      `#breadcrumbs a[href$="/courses/${courseId}"]`,
    );
    const lessonTitle = () =>
      textOf(document, 'h1.page-title', '.show-content h1', '#content h1', 'h2.title', '#content h2');

    const moduleItem = cleanId(url.searchParams.get('module_item_id'));
    if (moduleItem && /^\d+$/.test(moduleItem)) {
      return {
        isCoursePage: true,
        courseId,
        courseTitle,
        lessonId: `module_item:${moduleItem}`,
        lessonTitle: lessonTitle(),
      };
    }
    if (section === 'modules' && itemId === 'items' && sub && /^\d+$/.test(sub)) {
      return { isCoursePage: true, courseId, courseTitle, lessonId: `module_item:${sub}`, lessonTitle: lessonTitle() };
    }
    const kind = section ? ITEM_KINDS[section] : undefined;
    const item = cleanId(itemId);
    // "/assignments/syllabus" is the syllabus, a course page rather than an assignment.
    if (kind && item && !(section === 'assignments' && item === 'syllabus')) {
      return { isCoursePage: true, courseId, courseTitle, lessonId: `${kind}:${item}`, lessonTitle: lessonTitle() };
    }
    return { isCoursePage: true, courseId, courseTitle };
  },
};
