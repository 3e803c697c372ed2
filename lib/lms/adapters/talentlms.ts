/**
 * TalentLMS: *.talentlms.com and mapped domains (recognised by a TalentLMS course path plus its tl- markup).
 * Legacy UI: /learner/courseinfo/id:123, /learner/course/id:123, units /unit/view/id:456 (the course from the page's
 * course link). New UI: /plus/my/training/123[/units/456], /plus/my/courses/123/units/456, /plus/courses[/public]/123.
 */
import { attributeOf, cleanId, textOf } from '../page-text';
import type { LmsAdapter } from '../types';

const COURSE =
  /^\/learner\/course(?:info)?\/id:(\d+)|^\/plus\/(?:my\/(?:training|courses)|courses(?:\/public)?)\/(\d+)(?:\/units\/(\d+))?\/?$/;
const UNIT = /^\/unit\/view\/id:(\d+)/;
const COURSE_LINK = 'a[href*="/learner/courseinfo/id:"],a[href*="/learner/course/id:"]';

export const talentlms: LmsAdapter = {
  platform: 'talentlms',
  hosts: ['talentlms.com'],

  recognise(url, document) {
    return (
      (COURSE.test(url.pathname) || UNIT.test(url.pathname)) &&
      Boolean(document?.querySelector(`.tl-formatted-course-name,[id^="tl-"],${COURSE_LINK}`))
    );
  },

  detect(url, document) {
    const [, legacy, plus, plusUnit] = COURSE.exec(url.pathname) ?? [];
    const unit = plusUnit ?? UNIT.exec(url.pathname)?.[1];
    const courseId =
      legacy ?? plus ?? cleanId(/\/id:(\d+)/.exec(attributeOf(document, 'href', COURSE_LINK) ?? '')?.[1]);
    if (!courseId) return { isCoursePage: false };
    // On a unit page the heading is the unit's; the course name is in its course link.
    const courseTitle = textOf(document, '.tl-formatted-course-name', COURSE_LINK, ...(unit ? [] : ['h1']));
    return unit
      ? { isCoursePage: true, courseId, courseTitle, lessonId: `unit:${unit}`, lessonTitle: textOf(document, 'h1') }
      : { isCoursePage: true, courseId, courseTitle };
  },
};
