/**
 * Cornerstone OnDemand (CSOD): *.csod.com. Every learning object (course, curriculum, video, event, material,
 * online content) is one GUID, whatever the alias: /ui/lms-learning-details/app/<kind>/<guid>,
 * /DeepLink/ProcessRedirect.aspx?module=lodetails&lo=<guid>, /LMS/LoDetails/DetailsLo.aspx?loid=<guid>,
 * /LMS/Video/LaunchVideo.aspx?loid=<guid>, /LMS/scorm/LaunchLo.aspx?objectId=<guid>. Anything else is not a course.
 */
import { textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LO_PAGES =
  /^\/(deeplink\/processredirect|lms\/(lodetails\/detailslo|video\/launchvideo|scorm\/launchlo))\.aspx$/i;

export const cornerstone: LmsAdapter = {
  platform: 'cornerstone',
  hosts: ['csod.com'],

  detect(url, document) {
    let lo = /^\/ui\/lms-learning-details\/app\/\w+\/([^/]+)/.exec(url.pathname)?.[1];
    // The legacy pages spell the parameter loid, loId or LOID; a deep link says lo.
    if (LO_PAGES.test(url.pathname)) {
      for (const [name, value] of url.searchParams) if (/^(lo|loid|objectid)$/i.test(name)) lo = value;
    }
    if (!lo || !GUID.test(lo)) return { isCoursePage: false };
    return { isCoursePage: true, courseId: lo.toLowerCase(), courseTitle: textOf(document, 'main h1', 'h1') };
  },
};
