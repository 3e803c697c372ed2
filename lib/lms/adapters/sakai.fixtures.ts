/**
 * Sakai pages as detection sees them: portal URLs and anonymised excerpts of the Morpheus portal markup
 * (html.Mrphs-html, body.Mrphs-portalBody, the .Mrphs-siteHierarchy breadcrumb, the inline `var portal = {...}`).
 * `expected: null` means "not an LMS page".
 */
import type { DetectionCase } from '../fixture-types';

const host = 'https://sakai.example.edu';
const site = 'f3a4c2d1-7b8e-4c1f-9a2b-5e6d7c8b9a01';
const tool = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

const portal = (siteId: string, toolIcon = 'sakai-lessonbuildertool', toolTitle = 'Lessons') =>
  `<html class="Mrphs-html"><head><script>var portal = {"loggedIn": true, "siteId": "${siteId}", "siteTitle": "Organic Chemistry I", "locale": "en_US"};</script>
   <script src="/library/skin/morpheus-default/js/morpheus.scripts.min.js"></script></head>
   <body class="Mrphs-portalBody"><div class="Mrphs-portalWrapper"><div class="Mrphs-siteHierarchy">
   <span class="Mrphs-hierarchy--siteName" title="Organic Chemistry I (CHEM 231)"><a href="${host}/portal/site/${siteId}">CHEM 231</a></span>
   <a class="Mrphs-hierarchy--toolName" href="#"><span class="Mrphs-breadcrumb--icon icon-sakai--${toolIcon}"></span> ${toolTitle}</a>
   </div></div></body></html>`;

export const cases: DetectionCase[] = [
  {
    name: 'course site home recognised by the Morpheus portal',
    url: `${host}/portal/site/${site}`,
    html: portal(site, 'sakai-iframe-site', 'Overview'),
    expected: {
      platform: 'sakai',
      isCoursePage: true,
      courseId: site,
      lessonId: undefined,
      courseTitle: 'Organic Chemistry I (CHEM 231)',
      key: `sakai|sakai.example.edu|${site}`,
    },
  },
  {
    name: 'a tool placement in the site is the lesson',
    url: `${host}/portal/site/${site}/tool/${tool}`,
    html: portal(site),
    expected: {
      courseId: site,
      lessonId: `tool:${tool}`,
      lessonTitle: 'Lessons',
      key: `sakai|sakai.example.edu|${site}|tool:${tool}`,
    },
  },
  {
    name: 'tool-reset and deep tool paths are the same tool',
    url: `${host}/portal/site/${site}/tool-reset/${tool}/ShowPage?sendingPage=118&itemId=2231&path=push`,
    html: portal(site),
    expected: { key: `sakai|sakai.example.edu|${site}|tool:${tool}` },
  },
  {
    name: 'a page of the site',
    url: `${host}/portal/site/CHEM231-F24/page/7c1e5f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b`,
    html: portal('CHEM231-F24', 'sakai-assignment-grades', 'Assignments'),
    expected: { courseId: 'CHEM231-F24', lessonId: 'page:7c1e5f0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b' },
  },
  {
    name: 'a direct tool URL without the site reads it from the inline portal config',
    url: `${host}/portal/directtool/${tool}?sakai.site=x`,
    html: portal(site),
    expected: { isCoursePage: true, courseId: site, lessonId: `tool:${tool}` },
  },
  {
    name: 'without the breadcrumb, the site title comes from the inline portal config',
    url: `${host}/portal/site/${site}/tool/${tool}?panel=Main`,
    html: `<html><head><script src="/library/skin/morpheus-default/js/morpheus.scripts.min.js"></script>
      <script>var portal = {"siteId": "${site}", "siteTitle": "Organic   Chemistry I"};</script></head><body></body></html>`,
    expected: {
      platform: 'sakai',
      courseTitle: 'Organic Chemistry I',
      key: `sakai|sakai.example.edu|${site}|tool:${tool}`,
    },
  },
  // Negative: Sakai pages that are not course pages, and hosts without Sakai markup.
  {
    name: 'My Workspace',
    url: `${host}/portal/site/~5d1e2f3a-aaaa-bbbb-cccc-123456789abc`,
    html: portal('~5d1e2f3a-aaaa-bbbb-cccc-123456789abc', 'sakai-sitesetup', 'Home'),
    expected: { platform: 'sakai', isCoursePage: false, key: 'sakai|sakai.example.edu' },
  },
  {
    name: 'gradebook tool in a course site',
    url: `${host}/portal/site/${site}/tool/1a2b3c4d-0000-4000-8000-abcdefabcdef`,
    html: portal(site, 'sakai-gradebookng', 'Gradebook'),
    expected: { isCoursePage: false },
  },
  {
    name: 'roster tool in a course site',
    url: `${host}/portal/site/${site}/tool/2a2b3c4d-0000-4000-8000-abcdefabcdef`,
    html: portal(site, 'sakai-site-roster2', 'Roster'),
    expected: { isCoursePage: false },
  },
  {
    name: 'portal gateway',
    url: `${host}/portal`,
    html: '<html class="Mrphs-html"><body class="Mrphs-portalBody is-logged-out"></body></html>',
    expected: { platform: 'sakai', isCoursePage: false },
  },
  {
    name: 'login',
    url: `${host}/portal/xlogin`,
    html: '<html><body class="portalBody Mrphs-portalBody"><form id="Mrphs-xlogin" method="post" action="/access/login"></form></body></html>',
    expected: { platform: 'sakai', isCoursePage: false },
  },
  {
    name: 'a /portal/ path on a site without Sakai markup',
    url: `https://intranet.example.com/portal/site/${site}`,
    html: '<html><body><div class="portal-main"></div></body></html>',
    expected: null,
  },
  { name: 'a Sakai URL without its page is not recognised', url: `${host}/portal/site/${site}`, expected: null },
];
