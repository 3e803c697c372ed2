/**
 * Open edX: edx.org (courses.edx.org legacy LMS, learning.edx.org MFE) and self-hosted sites.
 * Legacy: /courses/course-v1:ORG+NUM+RUN/course/, .../courseware/<chapter>/<sequential>/<position>, .../jump_to/<block>.
 * Learning MFE: /course/<course>/home, /course/<course>/block-v1:...+type@sequential+block@<id>/<unit block>
 * (self-hosted below /learning). Both give the lesson `sequential:<id>`; `+`, `:` and `@` may be percent-encoded.
 */
import { cleanId, cleanTitle, documentTitle, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE = /^(?:\/learning)?\/courses?\/(course-v1:[^/]+)(?:\/(.*))?$/;
/** Progress (grades), instructor dashboard, the marketing about page: no panel. */
const NOT_COURSE = /^(progress|instructor|about|access-denied)(\/|$)/;

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

export const openedx: LmsAdapter = {
  platform: 'openedx',
  hosts: ['edx.org'],

  recognise(url, document) {
    return (
      /^(?:\/learning)?\/(courses?|dashboard|login)(\/|$)/.test(url.pathname) &&
      Boolean(
        document?.querySelector('meta[name="openedx-release-line"]') ??
          (COURSE.test(decodedPath(url)) && document?.querySelector('header.learning-header, .course-title-lockup')),
      )
    );
  },

  detect(url, document) {
    const [, rawCourse, rest = ''] = COURSE.exec(decodedPath(url)) ?? [];
    const courseId = cleanId(rawCourse);
    if (!courseId || NOT_COURSE.test(rest)) return { isCoursePage: false };
    const courseTitle = textOf(document, '.course-title-lockup .course-title', '.course-header .course-name');
    // A usage key names its kind; legacy courseware paths are /courseware/<chapter>/<sequential>.
    const block = /type@([a-z_]+)\+block@([^/+]+)/.exec(rest);
    const legacy = /^courseware\/([^/]+)(?:\/([^/]+))?/.exec(rest);
    const kind = block?.[1] ?? (legacy ? (legacy[2] ? 'sequential' : 'chapter') : undefined);
    const item = cleanId(block?.[2] ?? legacy?.[2] ?? legacy?.[1]);
    if (!kind || !item) return { isCoursePage: true, courseId, courseTitle };
    // Titles read "Sequence | Section | Course | Site".
    const parts = documentTitle(document)?.split(' | ') ?? [];
    return {
      isCoursePage: true,
      courseId,
      courseTitle,
      lessonId: `${kind}:${item}`,
      lessonTitle: parts.length > 2 ? cleanTitle(parts[0]) : undefined,
    };
  },
};
