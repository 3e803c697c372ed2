/**
 * SAP SuccessFactors Learning pages as detection sees them. URL shapes are the published deep links
 * (deeplink_redirect.jsp / deeplink.do with linkId=...) and the item and program details pages; ids and titles are
 * invented. `expected: null`: not an LMS page (SuccessFactors HXM pages outside /learning are not claimed).
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://acme.plateau.com';
const key = 'successfactors|acme.plateau.com|COURSE:COURSE-101';

export const cases: DetectionCase[] = [
  {
    name: 'item details deep link: type and id, revision date ignored',
    url: `${host}/learning/user/deeplink_redirect.jsp?linkId=ITEM_DETAILS&componentID=COURSE-101&componentTypeID=COURSE&revisionDate=1650000000000&fromSF=Y`,
    expected: {
      platform: 'successfactors',
      isCoursePage: true,
      courseId: 'COURSE:COURSE-101',
      lessonId: undefined,
      key,
    },
  },
  {
    name: 'item details page (another revision, return links) is the same item, title from the page',
    url: `${host}/learning/user/common/viewItemDetails.do?componentTypeID=COURSE&componentID=COURSE-101&revisionDate=1617635640000&componentKey=2006&catalogCurrencyCode=USD&returnLink=%2Flearning%2Fuser%2Fcatalogsearch%2FcatalogSearchDispatchAction.do`,
    html: '<body><div id="content"><h1> Data Privacy   Basics </h1><p>Item ID: COURSE-101</p></div></body>',
    expected: { courseId: 'COURSE:COURSE-101', courseTitle: 'Data Privacy Basics', key },
  },
  {
    name: 'deeplink.do with a per-session CSRF token is the same item',
    url: `${host}/learning/user/deeplink.do?OWASP_CSRFTOKEN=AB12-CD34-EF56-GH78&linkId=ITEM_DETAILS&componentID=COURSE-101&componentTypeID=COURSE`,
    expected: { key },
  },
  {
    name: 'an item id with a space keeps its identity, encoded',
    url: `${host}/learning/user/common/viewItemDetails.do?componentTypeID=ONLINE&componentID=ACS%20Test&revisionDate=1462998240000`,
    expected: { isCoursePage: true, courseId: 'ONLINE:ACS%20Test' },
  },
  {
    name: 'curriculum details: the per-learner studentID is ignored',
    url: `${host}/learning/user/deeplink_redirect.jsp?linkId=CURRICULUM_DETAILS&studentID=E10042&qualificationID=SAFETY-2024&fromSF=Y`,
    expected: {
      isCoursePage: true,
      courseId: 'CURRICULUM:SAFETY-2024',
      key: 'successfactors|acme.plateau.com|CURRICULUM:SAFETY-2024',
    },
  },
  {
    name: 'program details page on the new hr.cloud.sap learning host',
    url: 'https://acme.lms.hr.cloud.sap/learning/user/learning/program/viewProgramDetails.do?fromSF=Y&programID=AI_BUILDERS_PRO',
    expected: {
      courseId: 'PROGRAM:AI_BUILDERS_PRO',
      key: 'successfactors|acme.lms.hr.cloud.sap|PROGRAM:AI_BUILDERS_PRO',
    },
  },
  {
    name: 'program deep link is the same program',
    url: 'https://acme.lms.hr.cloud.sap/learning/user/deeplink_redirect.jsp?linkId=PROGRAM_DETAILS&programID=AI_BUILDERS_PRO&fromSF=Y',
    expected: { key: 'successfactors|acme.lms.hr.cloud.sap|PROGRAM:AI_BUILDERS_PRO' },
  },
  {
    name: 'item details on an lms.sapsf.eu host',
    url: 'https://acme.lms.sapsf.eu/learning/user/deeplink_redirect.jsp?linkId=ITEM_DETAILS&componentID=HR_300&componentTypeID=CRSE',
    expected: { courseId: 'CRSE:HR_300', key: 'successfactors|acme.lms.sapsf.eu|CRSE:HR_300' },
  },
  // Negative: learner home, login, catalogue, incomplete links, pages outside Learning, look-alike hosts.
  {
    name: 'learning home deep link',
    url: `${host}/learning/user/deeplink_redirect.jsp?linkId=HOME_PAGE&fromSF=Y`,
    expected: { platform: 'successfactors', isCoursePage: false, key: 'successfactors|acme.plateau.com' },
  },
  {
    name: 'learner home page',
    url: 'https://acme.lms.sapsf.eu/learning/user/personal/viewPersonalHome.do?OWASP_CSRFTOKEN=AB12-CD34&fromSF=Y',
    expected: { isCoursePage: false },
  },
  {
    name: 'portal login',
    url: `${host}/learning/user/portal.do?siteID=CONTRACTORS&landingPage=login`,
    expected: { isCoursePage: false },
  },
  {
    name: 'catalogue search',
    url: `${host}/learning/user/catalogsearch/catalogSearchDispatchAction.do?searchType=filteredSearch&keywords=safety`,
    expected: { isCoursePage: false },
  },
  {
    name: 'item deep link without an item id',
    url: `${host}/learning/user/deeplink_redirect.jsp?linkId=ITEM_DETAILS&componentTypeID=COURSE&revisionDate=1724333640000`,
    expected: { isCoursePage: false, courseId: undefined },
  },
  {
    name: 'the HXM learning redirect (/sf/learning?destUrl=...) is outside Learning',
    url: 'https://performancemanager5.successfactors.eu/sf/learning?destUrl=https%3A%2F%2Facme.plateau.com%2Flearning%2Fuser%2Fdeeplink_redirect.jsp&company=acmeT1',
    expected: null,
  },
  { name: 'HXM home', url: 'https://performancemanager4.successfactors.com/sf/start', expected: null },
  { name: 'HXM login', url: 'https://performancemanager4.successfactors.com/login?company=acmeT1', expected: null },
  {
    name: 'look-alike host',
    url: 'https://acme.plateau.com.evil.net/learning/user/deeplink_redirect.jsp?linkId=ITEM_DETAILS&componentID=C1&componentTypeID=COURSE',
    expected: null,
  },
];
