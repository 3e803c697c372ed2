/**
 * Blackboard Learn (Anthology): *.blackboard.com and self-hosted Learn.
 * Ultra: /ultra/courses/_43621_1/outline (or /cl/outline) and items below it (.../outline/edit/document/_998_1,
 * .../outline/file/_2_1, .../outline/assessment/_3_1/overview); items opened from the stream carry ?courseId=.
 * Original: /webapps/...?course_id=_43621_1(&content_id=_998_1), /webapps/blackboard/execute/launcher?type=Course&id=_43621_1,
 * also inside the portal frameset (/webapps/portal/frameset.jsp?url=<framed page>).
 */
import { cleanId, idParam, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const BB_ID = /^_\d+_\d+$/;
/** Grades, people, messages, login and the institution's own pages: no panel. */
const NOT_COURSE = /grade|roster|login|portal|profile|messag|calendar|analytics|institution-page/i;

const bbId = (raw: string | undefined) => (raw && BB_ID.test(raw) ? raw : undefined);

/** The course an item page belongs to, from its breadcrumb links (untrusted). */
function courseFromPage(document: Document | undefined): string | undefined {
  const href = document
    ?.querySelector('#breadcrumbs a[href*="_"], nav[aria-label*="readcrumb"] a[href*="/ultra/courses/_"]')
    ?.getAttribute('href');
  return bbId(cleanId(/(?:\/courses\/|course_id=|[?&]id=)(_\d+_\d+)/.exec(href ?? '')?.[1]));
}

export const blackboard: LmsAdapter = {
  platform: 'blackboard',
  hosts: ['blackboard.com'],

  recognise(url, document) {
    return (
      /^\/(webapps|ultra)\//.test(url.pathname) &&
      Boolean(document?.querySelector('#globalNavPageContentArea, #navigationPane, bb-base-layout'))
    );
  },

  detect(url, document) {
    // Original's frameset keeps the course page in its `url` parameter, and the tab's identity is the
    // top frame's: read the framed page's URL (same host only).
    const framed = url.pathname === '/webapps/portal/frameset.jsp' ? url.searchParams.get('url') : null;
    if (framed?.startsWith('/') && !framed.startsWith('//')) {
      return blackboard.detect(new URL(framed, url.origin), document);
    }
    const ultra = /^\/ultra\/courses\/(_\d+_\d+)(\/.*)?$/.exec(url.pathname);
    const rest = ultra ? (ultra[2] ?? '') : url.pathname;
    if (NOT_COURSE.test(rest)) return { isCoursePage: false };
    // The first id after the course is the item: later ones are attempts and submissions.
    const item = bbId(/\/(_\d+_\d+)(?=\/|$)/.exec(rest)?.[1]) ?? bbId(idParam(url, 'content_id'));
    const courseId =
      ultra?.[1] ??
      bbId(idParam(url, 'course_id') ?? idParam(url, 'courseId')) ??
      (/^course$/i.test(url.searchParams.get('type') ?? '') ? bbId(idParam(url, 'id')) : undefined) ??
      (item ? courseFromPage(document) : undefined);
    if (!courseId) return { isCoursePage: false };
    return {
      isCoursePage: true,
      courseId,
      courseTitle: textOf(
        document,
        '#courseMenuPalette_paletteTitleHeading a',
        '#breadcrumbs .coursePath a',
        '.course-title',
      ),
      ...(item
        ? {
            lessonId: `${/\/discussions?\//.test(rest) ? 'discussion' : 'content'}:${item}`,
            lessonTitle: textOf(document, '#pageTitleText', '.panel-title', 'bb-panel-header h1'),
          }
        : {}),
    };
  },
};
