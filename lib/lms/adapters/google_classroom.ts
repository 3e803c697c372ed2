/**
 * Google Classroom: classroom.google.com, with or without the account index /u/<n>/ (dropped).
 * Course: /c/<courseId> (stream) and /w/<courseId>/t/all (classwork). Items: /c/<courseId>/a/<id>/details
 * (assignment), /m/ (material), /p/ (post), /sa/ and /mc/ (questions); classwork topics /w/<courseId>/tc/<id>.
 * Home (/h), to-do (/a/..., /ta/...), calendar, people (/r/), grades (/g/, /c/<courseId>/gb/) are not course pages.
 */
import { cleanId, documentTitle } from '../page-text';
import type { LmsAdapter } from '../types';

const KINDS: Record<string, string> = {
  a: 'assignment',
  m: 'material',
  p: 'post',
  sa: 'question',
  mc: 'question',
  tc: 'topic',
};

export const googleClassroom: LmsAdapter = {
  platform: 'google_classroom',
  hosts: ['classroom.google.com'],

  detect(url, document) {
    const path = url.pathname.replace(/^\/u\/\d+(?=\/)/, '');
    const match = /^\/[cw]\/([A-Za-z0-9_-]+)(?:\/([a-z]+)\/([A-Za-z0-9_-]+))?(?:\/|$)/.exec(path);
    const courseId = cleanId(match?.[1]);
    // /c/<courseId>/gb/... is the class gradebook.
    if (!match || !courseId || match[2] === 'gb') return { isCoursePage: false };
    const kind = match[2] ? KINDS[match[2]] : undefined;
    const item = cleanId(match[3]);
    const title = documentTitle(document, /^(Google )?Classroom$|\s+[-–|]\s+Google Classroom$/);
    if (!kind || !item) return { isCoursePage: true, courseId, courseTitle: title };
    return { isCoursePage: true, courseId, lessonId: `${kind}:${item}`, lessonTitle: title };
  },
};
