/**
 * Circles as the panel shows them (supabase/migrations/*_circle*.sql): the cohorts and mentorship
 * circles of one course, the viewer's place in each, and the sessions still to come with their RSVPs.
 * The database decides every rule (capacity, last lead, who may schedule); this file only orders,
 * bounds and formats. PURE: no I/O.
 */
import { z } from 'zod/mini';
import { RoleSchema, type Account } from './account';
import type { CoursePlace } from '../lms/types';

export const circleKinds = ['cohort', 'mentorship'] as const;
export type CircleKind = (typeof circleKinds)[number];
export const sessionKinds = ['practice', 'micro_teaching'] as const;
export type SessionKind = (typeof sessionKinds)[number];

/** The bounds the database checks (circles_*, circle_sessions_* constraints and the RPCs). */
export const CIRCLE_NAME_MAX = 120;
export const CIRCLE_DESCRIPTION_MAX = 2000;
export const CIRCLE_CAPACITY_MIN = 2;
export const CIRCLE_CAPACITY_MAX = 200;
export const SESSION_TITLE_MAX = 200;
export const SESSION_AGENDA_MAX = 2000;
export const SESSION_MINUTES_MIN = 15;
export const SESSION_MINUTES_MAX = 240;
export const MEETING_URL_MAX = 2000;

/** A course key as circles.course_key accepts it: "platform|host|course", no lesson, no spaces. */
export const COURSE_KEY_PATTERN = /^[a-z0-9_]{1,40}\|[^|\s]+\|[^|\s]+$/;
export const COURSE_KEY_MAX = 600;

export const CircleSchema = z.object({
  id: z.string(),
  kind: z.enum(circleKinds),
  name: z.string(),
  description: z.nullable(z.string()),
  capacity: z.number(),
  inviteOnly: z.boolean(),
  archived: z.boolean(),
  /** How many people are in it; null when the viewer may not see who is (invite-only, not in it). */
  people: z.nullable(z.number()),
  /** The viewer's place in it, or null when they are not in it. */
  myRole: z.nullable(z.enum(['lead', 'member'])),
  /** Its leads' names, when the viewer may see who is in it. */
  leads: z.array(z.string()),
});
export type Circle = z.infer<typeof CircleSchema>;

export const CircleSessionSchema = z.object({
  id: z.string(),
  circleId: z.string(),
  circleName: z.string(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  agenda: z.nullable(z.string()),
  startsAt: z.number(),
  durationMinutes: z.number(),
  /** As stored: the database accepts https:// only, and the panel checks again before linking it. */
  meetingUrl: z.nullable(z.string()),
  hostId: z.string(),
  /** Null for someone no longer in the org (the panel says so in the learner's language). */
  hostName: z.nullable(z.string()),
  /** How many said they are going. */
  going: z.number(),
  /** The viewer's answer: true going, false not going, null not answered. */
  myAnswer: z.nullable(z.boolean()),
  cancelled: z.boolean(),
});
export type CircleSession = z.infer<typeof CircleSessionSchema>;

export const CirclesSchema = z.object({
  viewerId: z.string(),
  /** The viewer's role in the org, when the background knows it (decides who is offered mentorship). */
  viewerRole: z.nullable(RoleSchema),
  courseKey: z.string(),
  circles: z.array(CircleSchema),
  /** Not yet ended, soonest first; cancelled ones included, marked. */
  sessions: z.array(CircleSessionSchema),
});
export type Circles = z.infer<typeof CirclesSchema>;

/** What the panel gets back: the course's circles, or a sentence saying why not. */
export const CirclesAnswerSchema = z.union([
  z.object({ ok: z.literal(true), circles: CirclesSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type CirclesAnswer = z.infer<typeof CirclesAnswerSchema>;

/** A circle to start, as the learner fills it in (the id is made by the wiring). */
export interface NewCircle {
  kind: CircleKind;
  courseKey: string;
  /** The page it is started from: its course is added to the org first if the server does not know it. */
  place?: CoursePlace;
  name: string;
  description?: string;
  capacity?: number;
}

/** A session to schedule, hosted by the viewer (the id is made by the wiring). */
export interface NewCircleSession {
  circleId: string;
  kind: SessionKind;
  title: string;
  /** Milliseconds since epoch. */
  startsAt: number;
  durationMinutes: number;
  meetingUrl?: string;
  agenda?: string;
}

/**
 * Circles through the background, as the panel uses them (online only; components/peer-services.ts
 * carries it). Each write throws with the database's sentence when it is refused.
 */
export interface CirclesServices {
  load(courseKey: string): Promise<CirclesAnswer>;
  /** `circleId` is the draft's: sending it again is a no-op. */
  create(circleId: string, circle: NewCircle): Promise<void>;
  join(circleId: string): Promise<void>;
  leave(circleId: string): Promise<void>;
  schedule(sessionId: string, session: NewCircleSession): Promise<void>;
  rsvp(sessionId: string, going: boolean): Promise<void>;
  cancelSession(sessionId: string): Promise<void>;
  /** When a session starts, in the learner's locale and time zone. */
  formatStart(at: number): string;
}

/**
 * The course a place belongs to, as circles key it: the place key up to the course
 * (`moodle|host|4021|cm:7` -> `moodle|host|4021`). Null where the page is not in a course, or the
 * course id cannot be a key segment.
 */
export function courseKeyOf(place: Pick<CoursePlace, 'platform' | 'key' | 'isCoursePage' | 'courseId'>): string | null {
  if (!place.isCoursePage || !place.courseId) return null;
  const [platform, host] = place.key.split('|');
  const key = `${platform}|${host}|${place.courseId}`;
  if (platform !== place.platform || (place.key !== key && !place.key.startsWith(`${key}|`))) return null;
  return key.length <= COURSE_KEY_MAX && COURSE_KEY_PATTERN.test(key) ? key : null;
}

/**
 * The course's circles as the panel lists them: active ones, open (join yourself) before invite-only,
 * each group by name; archived ones apart.
 */
export function circlesInOrder(circles: Circle[]): { active: Circle[]; archived: Circle[] } {
  const byName = (a: Circle, b: Circle) => a.name.localeCompare(b.name);
  const active = circles.filter((circle) => !circle.archived);
  return {
    active: [
      ...active.filter((circle) => !circle.inviteOnly).sort(byName),
      ...active.filter((circle) => circle.inviteOnly).sort(byName),
    ],
    archived: circles.filter((circle) => circle.archived).sort(byName),
  };
}

export const isFull = (circle: Circle) => circle.people !== null && circle.people >= circle.capacity;

/** May the viewer join this circle themselves? Open, active, with room, and not in it already. */
export const canJoin = (circle: Circle) =>
  circle.myRole === null && !circle.archived && !circle.inviteOnly && !isFull(circle);

/**
 * Is the viewer offered a mentorship circle? Mentors and admins may start one; when the role is not
 * known the choice is offered, and the database refuses others with its sentence.
 */
export const offersMentorship = (role: Account['role'] | null) =>
  role === null || role === undefined || role === 'mentor' || role === 'admin';

/** May the viewer cancel this session? The circle's leads and the session's host (the database agrees). */
export function canCancel(circles: Circles, session: CircleSession): boolean {
  if (session.cancelled) return false;
  const circle = circles.circles.find((candidate) => candidate.id === session.circleId);
  return session.hostId === circles.viewerId || circle?.myRole === 'lead';
}

/** May the viewer answer for this session? Members of its circle, until it is cancelled. */
export function canAnswer(circles: Circles, session: CircleSession): boolean {
  const circle = circles.circles.find((candidate) => candidate.id === session.circleId);
  return !session.cancelled && circle !== undefined && circle.myRole !== null;
}

/** Sessions not yet ended at `now`, soonest first. */
export function upcomingSessions(sessions: CircleSession[], now: number): CircleSession[] {
  return sessions
    .filter((session) => session.startsAt + session.durationMinutes * 60_000 > now)
    .sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * A meeting link that is safe to put in an <a>: an https:// address with a host and no credentials,
 * normalised; null for anything else (javascript:, data:, http:, or text that is not a URL).
 */
export function safeMeetingUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href.length <= MEETING_URL_MAX ? parsed.href : null;
}

/**
 * The moment a date field ("2025-12-04") and a time field ("17:30") name in the learner's own time
 * zone, or null when either is incomplete or names no real day (31 February).
 */
export function startFromLocal(date: string, time: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !clock) return null;
  const [year, month, dayOfMonth, hours, minutes] = [day[1], day[2], day[3], clock[1], clock[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59) return null;
  const at = new Date(year, month - 1, dayOfMonth, hours, minutes);
  if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== dayOfMonth) return null;
  return at.getTime();
}

/**
 * When a session starts, for the learner: weekday, date and time in their locale and time zone, with
 * the zone's short name so nobody misreads a time from elsewhere ("Thu, 4 Dec, 17:00 GMT+1").
 */
export function formatSessionStart(at: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(at);
}
