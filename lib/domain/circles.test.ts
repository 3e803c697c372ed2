import { describe, expect, it } from 'vitest';
import {
  circlesInOrder,
  courseKeyOf,
  formatSessionStart,
  safeMeetingUrl,
  startFromLocal,
  upcomingSessions,
  type Circle,
  type CircleSession,
} from './circles';

describe('courseKeyOf', () => {
  it('cuts a lesson key at the course, and keeps a course key as it is', () => {
    expect(
      courseKeyOf({
        platform: 'moodle',
        isCoursePage: true,
        courseId: '4021',
        key: 'moodle|moodle.example.edu|4021|cm:7',
      }),
    ).toBe('moodle|moodle.example.edu|4021');
    expect(
      courseKeyOf({
        platform: 'moodle',
        isCoursePage: true,
        courseId: '4021',
        key: 'moodle|moodle.localhost:8080|4021',
      }),
    ).toBe('moodle|moodle.localhost:8080|4021');
    expect(
      courseKeyOf({
        platform: 'canvas',
        isCoursePage: true,
        courseId: '1730',
        key: 'canvas|canvas.x|1730|module_item:7',
      }),
    ).toBe('canvas|canvas.x|1730');
  });

  it('has no course for a page outside one, or a course id that cannot be a key segment', () => {
    expect(courseKeyOf({ platform: 'moodle', isCoursePage: false, key: 'moodle|moodle.example.edu' })).toBeNull();
    expect(
      courseKeyOf({ platform: 'custom', isCoursePage: true, courseId: 'a b', key: 'custom|lms.example|a b' }),
    ).toBeNull();
    expect(
      courseKeyOf({ platform: 'moodle', isCoursePage: true, courseId: '12', key: 'moodle|h|4021|cm:1' }),
    ).toBeNull();
  });
});

describe('safeMeetingUrl', () => {
  it('links https addresses only', () => {
    expect(safeMeetingUrl(' https://meet.example.com/room?x=1 ')).toBe('https://meet.example.com/room?x=1');
    for (const unsafe of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<b>x</b>',
      'http://meet.example.com',
      'https://user:pw@meet.example.com',
      'meet.example.com',
      '',
      null,
    ]) {
      expect(safeMeetingUrl(unsafe)).toBeNull();
    }
  });
});

describe('startFromLocal', () => {
  it("reads a date and a time in the learner's own time zone", () => {
    expect(startFromLocal('2030-01-15', '18:30')).toBe(new Date(2030, 0, 15, 18, 30).getTime());
  });

  it('refuses incomplete or impossible values', () => {
    for (const [date, time] of [
      ['', '18:30'],
      ['2030-01-15', ''],
      ['2030-02-31', '10:00'],
      ['2030-01-15', '24:00'],
      ['15/01/2030', '10:00'],
    ] as const) {
      expect(startFromLocal(date, time)).toBeNull();
    }
  });
});

describe('formatSessionStart', () => {
  it("writes the day and time in the learner's locale and time zone, with the zone", () => {
    const at = Date.UTC(2030, 0, 10, 17, 0);
    expect(formatSessionStart(at, 'en-GB', 'UTC')).toBe('Thu 10 Jan, 17:00 UTC');
    expect(formatSessionStart(at, 'en-US', 'America/New_York')).toBe('Thu, Jan 10, 12:00 PM EST');
  });
});

describe('ordering', () => {
  const circle = (name: string, fields: Partial<Circle> = {}): Circle => ({
    id: name,
    kind: 'cohort',
    name,
    description: null,
    capacity: 10,
    inviteOnly: false,
    archived: false,
    people: 1,
    myRole: null,
    leads: [],
    ...fields,
  });

  it('lists open circles before invite-only ones, each by name, and archived ones apart', () => {
    const { active, archived } = circlesInOrder([
      circle('Zeta', { inviteOnly: true }),
      circle('Beta'),
      circle('Old', { archived: true }),
      circle('Alpha', { inviteOnly: true }),
      circle('Gamma'),
    ]);
    expect(active.map((c) => c.name)).toEqual(['Beta', 'Gamma', 'Alpha', 'Zeta']);
    expect(archived.map((c) => c.name)).toEqual(['Old']);
  });

  it('keeps sessions not yet ended, soonest first', () => {
    const now = Date.UTC(2030, 0, 10, 12, 0);
    const session = (id: string, startsAt: number, durationMinutes = 60) =>
      ({ id, startsAt, durationMinutes }) as CircleSession;
    const kept = upcomingSessions(
      [session('later', now + 60_000), session('ended', now - 61 * 60_000), session('running', now - 30 * 60_000)],
      now,
    );
    expect(kept.map((s) => s.id)).toEqual(['running', 'later']);
  });
});
