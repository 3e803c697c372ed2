/**
 * Circles against the organisation's project: read one course's circles, who is in them, their
 * sessions still to come and the RSVPs (RLS hides the members, sessions and RSVPs of invite-only
 * circles from people outside them), and the rule-bearing writes as RPCs (create_circle, join_circle,
 * leave_circle, schedule_circle_session, rsvp_circle_session, cancel_circle_session). Each write is
 * online only and answers with the database's own sentence when it is refused; ids are client-made,
 * so sending one twice is a no-op. Circles are not cached on the device: the panel reads them live.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Account, Outcome } from '../domain/account';
import {
  circleKinds,
  CirclesSchema,
  sessionKinds,
  upcomingSessions,
  type CirclesAnswer,
  type NewCircle,
  type NewCircleSession,
} from '../domain/circles';
import { isOffline, registerPlace, rpcOutcome } from './postgrest';

// circle_list and circle_session_list (20251125109200_circle_list.sql): counts come from the database,
// so a busy course is never cut short by PostgREST's max_rows.
const CircleRow = z.object({
  id: z.string(),
  org_id: z.string(),
  kind: z.enum(circleKinds),
  name: z.string(),
  description: z.nullable(z.string()),
  capacity: z.number(),
  invite_only: z.boolean(),
  archived_at: z.nullable(z.string()),
  member_count: z.number(),
  my_role: z.nullable(z.enum(['lead', 'member'])),
  lead_names: z.array(z.string()),
});
const SessionRow = z.object({
  id: z.string(),
  org_id: z.string(),
  circle_id: z.string(),
  circle_name: z.string(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  agenda: z.nullable(z.string()),
  starts_at: z.string(),
  duration_minutes: z.number(),
  meeting_url: z.nullable(z.string()),
  host_id: z.string(),
  host_name: z.nullable(z.string()),
  cancelled_at: z.nullable(z.string()),
  going_count: z.number(),
  my_going: z.nullable(z.boolean()),
});

const NEEDS_CONNECTION = "Circles need a connection. Try again when you're back online.";
const NOT_UNDERSTOOD =
  'The server answered with circles Peerside does not understand. Update Peerside, then try again.';

type Failure = { ok: false; error: string };
const failure = (error: { message: string }, status: number): Failure => ({
  ok: false,
  error: isOffline(status) ? NEEDS_CONNECTION : `Circles could not be loaded: ${error.message}`,
});

/**
 * Reads one query's rows with a schema, or the sentence why not. Reads are not retried by supabase-js:
 * the panel says "needs a connection" at once and offers to try again.
 */
async function rows<T>(
  query: PromiseLike<{ data: unknown; error: { message: string } | null; status: number }>,
  schema: z.ZodMiniType<T>,
): Promise<{ ok: true; rows: T[] } | Failure> {
  const { data, error, status } = await query;
  if (error) return failure(error, status);
  const parsed = z.array(schema).safeParse(data);
  return parsed.success ? { ok: true, rows: parsed.data } : { ok: false, error: NOT_UNDERSTOOD };
}

/**
 * The course's circles (every one of the org's, invite-only and archived included, with how many are
 * in each), and the sessions that have not ended of those the viewer may see, soonest first, with how
 * many are going. `viewer.role` is the org role from the viewer's token, when known.
 */
export async function readCircles(
  client: SupabaseClient,
  viewer: { orgId: string; userId: string; role?: Account['role'] | null },
  courseKey: string,
  now = Date.now(),
): Promise<CirclesAnswer> {
  const [circles, sessions] = await Promise.all([
    rows(client.rpc('circle_list', { course_key: courseKey }).retry(false), CircleRow),
    rows(client.rpc('circle_session_list', { course_key: courseKey }).retry(false), SessionRow),
  ]);
  if (!circles.ok) return circles;
  if (!sessions.ok) return sessions;
  // The RPCs answer for every org the viewer belongs to; the panel is about the one they are signed in to.
  const ours = <T extends { org_id: string }>(list: T[]) => list.filter((row) => row.org_id === viewer.orgId);

  return {
    ok: true,
    circles: CirclesSchema.parse({
      viewerId: viewer.userId,
      viewerRole: viewer.role ?? null,
      courseKey,
      circles: ours(circles.rows).map((row) => ({
        id: row.id,
        kind: row.kind,
        name: row.name,
        description: row.description,
        capacity: row.capacity,
        inviteOnly: row.invite_only,
        archived: row.archived_at !== null,
        people: row.member_count,
        myRole: row.my_role,
        leads: row.lead_names,
      })),
      sessions: upcomingSessions(
        ours(sessions.rows).map((row) => ({
          id: row.id,
          circleId: row.circle_id,
          circleName: row.circle_name,
          kind: row.kind,
          title: row.title,
          agenda: row.agenda,
          startsAt: Date.parse(row.starts_at),
          durationMinutes: row.duration_minutes,
          meetingUrl: row.meeting_url,
          hostId: row.host_id,
          hostName: row.host_name,
          going: row.going_count,
          myAnswer: row.my_going,
          cancelled: row.cancelled_at !== null,
        })),
        now,
      ),
    }),
  };
}

// The database's own sentences: the circle is full, you are its last lead, that name is taken.
const call = (client: SupabaseClient, rpc: string, args: Record<string, unknown>) =>
  rpcOutcome(client, rpc, args, NEEDS_CONNECTION);

/**
 * Start a circle on a course; the viewer becomes its lead. `circleId` is client-made. A circle hangs
 * off a course the org knows, so the page's course is added first (nothing happens when it exists):
 * a learner can start the first circle of a course nobody has written at yet.
 */
export async function createCircle(
  client: SupabaseClient,
  orgId: string,
  circleId: string,
  circle: NewCircle,
): Promise<Outcome> {
  if (circle.place) {
    const placed = await registerPlace(client, orgId, circle.place, { scope: 'course', key: circle.courseKey });
    if (!placed.ok) {
      return {
        ok: false,
        error: isOffline(placed.status) ? NEEDS_CONNECTION : `Peerside could not add this course: ${placed.message}`,
      };
    }
  }
  return call(client, 'create_circle', {
    circle_id: circleId,
    kind: circle.kind,
    course_key: circle.courseKey,
    name: circle.name,
    description: circle.description?.trim() || null,
    capacity: circle.capacity ?? null,
    invite_only: false,
  });
}

/** Join an open circle with room (joining one you are in changes nothing). */
export const joinCircle = (client: SupabaseClient, circleId: string) =>
  call(client, 'join_circle', { circle_id: circleId });

/** Leave a circle (refused for its last lead); cancels the sessions the viewer hosts there. */
export const leaveCircle = (client: SupabaseClient, circleId: string) =>
  call(client, 'leave_circle', { circle_id: circleId });

/** Schedule a session of a circle, hosted by the viewer. `sessionId` is client-made. */
export const scheduleCircleSession = (client: SupabaseClient, sessionId: string, session: NewCircleSession) =>
  call(client, 'schedule_circle_session', {
    session_id: sessionId,
    circle_id: session.circleId,
    kind: session.kind,
    title: session.title,
    starts_at: new Date(session.startsAt).toISOString(),
    duration_minutes: session.durationMinutes,
    agenda: session.agenda?.trim() || null,
    meeting_url: session.meetingUrl?.trim() || null,
  });

/** Say whether the viewer is going to a session of a circle they are in. */
export const rsvpCircleSession = (client: SupabaseClient, sessionId: string, going: boolean) =>
  call(client, 'rsvp_circle_session', { session_id: sessionId, going });

/** The circle's leads or the host cancel a session that has not started. */
export const cancelCircleSession = (client: SupabaseClient, sessionId: string) =>
  call(client, 'cancel_circle_session', { session_id: sessionId });
