/**
 * LinkedIn Learning (www.linkedin.com/learning). Course home /learning/<course-slug>, video
 * /learning/<course-slug>/<video-slug>; ?u= (the organisation), trk, autoplay, resume are ignored.
 * Home, search, My Learning (/me), learning paths (a list of courses, not one course), topics, instructors
 * and other section pages are not course pages.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

/** First path segments that are LinkedIn Learning sections, never course slugs. */
const SECTIONS =
  /^(search|me|paths|topics|instructors|browse|subscription|collections|certificates|settings|login|logout|admin|hub|events|content|embed|learning-history|trending|new|checkout|api)$/;

export const linkedinLearning: LmsAdapter = {
  platform: 'linkedin_learning',
  hosts: ['linkedin.com'],
  pathPrefix: '/learning',

  detect(url, document) {
    const [, course, video] = /^\/learning\/([^/]+)(?:\/([^/]+))?/.exec(url.pathname) ?? [];
    const courseId = cleanId(course);
    if (!courseId || SECTIONS.test(courseId)) return { isCoursePage: false };
    const videoId = cleanId(video);
    // The classroom's top bar names the course; the video's own heading is in the main column.
    const courseTitle = textOf(document, '.classroom-nav__title');
    if (!videoId) return { isCoursePage: true, courseId, courseTitle: courseTitle ?? textOf(document, 'main h1') };
    return {
      isCoursePage: true,
      courseId,
      courseTitle,
      lessonId: `video:${videoId}`,
      lessonTitle: textOf(document, 'main h1'),
    };
  },
};
