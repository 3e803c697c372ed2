/**
 * SAP SuccessFactors Learning: /learning/ on *.plateau.com, *.lms.sapsf.com|eu, *.lms.hr.cloud.sap (and the older
 * successfactors.com|eu hosts). Items: deeplink_redirect.jsp|deeplink.do?linkId=ITEM_DETAILS&componentTypeID=&componentID=
 * and .../viewItemDetails.do?componentTypeID=&componentID= (one item: TYPE:ID; revisionDate, componentKey, CSRF tokens
 * ignored); curricula: linkId=CURRICULUM_DETAILS&qualificationID=; programs: PROGRAM_DETAILS or viewProgramDetails.do.
 */
import { cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

export const successfactors: LmsAdapter = {
  platform: 'successfactors',
  hosts: ['plateau.com', 'sapsf.com', 'sapsf.eu', 'hr.cloud.sap', 'successfactors.com', 'successfactors.eu'],
  pathPrefix: '/learning',

  detect(url, document) {
    // Ids may hold spaces ("ACS Test"): encoded, they pass the id check and stay the same in every alias.
    const q = (name: string) => cleanId(encodeURIComponent(url.searchParams.get(name) ?? ''));
    const page = /\/(\w+)\.(?:do|jsp)$/.exec(url.pathname)?.[1] ?? '';
    const link = /^deeplink/.test(page) ? url.searchParams.get('linkId') : page;
    let courseId: string | undefined;
    if (link === 'ITEM_DETAILS' || link === 'viewItemDetails') {
      const type = q('componentTypeID');
      const item = q('componentID');
      courseId = type && item && `${type}:${item}`;
    } else if (link === 'CURRICULUM_DETAILS') {
      courseId = q('qualificationID') && `CURRICULUM:${q('qualificationID')}`;
    } else if (link === 'PROGRAM_DETAILS' || link === 'viewProgramDetails') {
      courseId = q('programID') && `PROGRAM:${q('programID')}`;
    }
    if (!courseId) return { isCoursePage: false };
    return { isCoursePage: true, courseId, courseTitle: textOf(document, 'h1') };
  },
};
