/**
 * Sakai (self-hosted only): /portal/site/<siteId> is a course site, /portal/site/<siteId>/tool/<toolId> and
 * /page/<pageId> (also tool-reset, page-reset) a tool placement in it. /portal/directtool/<toolId> and
 * /portal/tool/<toolId> lack the site: it comes from the portal's inline config or its breadcrumb.
 * My Workspace (~user), gateway and admin sites, login, gradebook, roster and profile tools are not course pages.
 */
import { attributeOf, cleanId, cleanTitle, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

/** Tools about grades or people, by the icon class Sakai gives the current tool in its breadcrumb. */
const NOT_COURSE_TOOL = /sakai-(?:site-)?(gradebook|profile|roster|siteinfo|preferences)/;

/** A value of the inline `var portal = {"siteId": "...", ...}` config (untrusted page text). */
function portalConfig(document: Document | undefined, name: string): string | undefined {
  for (const script of document?.querySelectorAll('script:not([src])') ?? []) {
    const match = new RegExp(`"${name}"\\s*:\\s*"([^"]{1,200})"`).exec(script.textContent ?? '');
    if (match) return match[1];
  }
  return undefined;
}

export const sakai: LmsAdapter = {
  platform: 'sakai',
  hosts: [],

  recognise(url, document) {
    return (
      /^\/portal(\/|$)/.test(url.pathname) &&
      Boolean(document?.querySelector('[class*="Mrphs-"], script[src*="/library/skin/"], script[src*="sakai"]'))
    );
  },

  detect(url, document) {
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      /* keep it encoded: cleanId will refuse it */
    }
    const match =
      /^\/portal\/(?:site\/([^/]+)(?:\/(tool|page)(?:-reset)?\/([^/]+))?|(?:directtool|tool)\/([^/]+))/.exec(path);
    if (!match) return { isCoursePage: false };
    const [, site, kind = 'tool', placement = match[4]] = match;
    const siteHref = attributeOf(document, 'href', '.Mrphs-hierarchy--siteName a[href*="/portal/site/"]');
    const siteId = cleanId(
      site ?? portalConfig(document, 'siteId') ?? /\/portal\/site\/([^/?#]+)/.exec(siteHref ?? '')?.[1],
    );
    const tool = document?.querySelector('.Mrphs-hierarchy--toolName [class*="icon-sakai"]')?.className ?? '';
    // ~user is My Workspace; !gateway, !admin... are system sites (cleanId refuses both).
    if (!siteId || NOT_COURSE_TOOL.test(tool)) return { isCoursePage: false };
    const item = cleanId(placement);
    return {
      isCoursePage: true,
      courseId: siteId,
      courseTitle:
        attributeOf(document, 'title', '.Mrphs-hierarchy--siteName') ??
        textOf(document, '.Mrphs-hierarchy--siteName') ??
        cleanTitle(portalConfig(document, 'siteTitle')),
      ...(item
        ? {
            lessonId: `${kind}:${item}`,
            lessonTitle: textOf(document, '.Mrphs-hierarchy--toolName', '.Mrphs-toolTitleNav__text'),
          }
        : {}),
    };
  },
};
