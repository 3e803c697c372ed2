/**
 * Every LMS adapter, one file each (`<platform>.ts`, fixtures beside it in `<platform>.fixtures.ts`).
 * Sorted by platform so detection order is stable; a test checks that no page is claimed by two
 * adapters' markers, so the order never decides. A test also checks every adapter file is listed here.
 */
import type { LmsAdapter } from '../types';
import { learning360 } from './360learning';
import { absorb } from './absorb';
import { blackboard } from './blackboard';
import { brightspace } from './brightspace';
import { canvas } from './canvas';
import { cornerstone } from './cornerstone';
import { coursera } from './coursera';
import { docebo } from './docebo';
import { googleClassroom } from './google_classroom';
import { learnupon } from './learnupon';
import { linkedinLearning } from './linkedin_learning';
import { moodle } from './moodle';
import { openedx } from './openedx';
import { sakai } from './sakai';
import { schoology } from './schoology';
import { successfactors } from './successfactors';
import { talentlms } from './talentlms';
import { teachable } from './teachable';
import { thinkific } from './thinkific';
import { udemy } from './udemy';
import { workday } from './workday';

export const adapters: readonly LmsAdapter[] = [
  learning360,
  absorb,
  blackboard,
  brightspace,
  canvas,
  cornerstone,
  coursera,
  docebo,
  googleClassroom,
  learnupon,
  linkedinLearning,
  moodle,
  openedx,
  sakai,
  schoology,
  successfactors,
  talentlms,
  teachable,
  thinkific,
  udemy,
  workday,
].sort((a, b) => a.platform.localeCompare(b.platform));
