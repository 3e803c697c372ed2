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
import type { Account } from '../domain/account';
import {
  circleKinds,
  CirclesSchema,
  sessionKinds,
  upcomingSessions,
  type CirclesAnswer,
  type NewCircle,
  type NewCircleSession,
} from '../domain/circles';
import { isOffline, rpcOutcome } from './postgrest';

const CircleRow = z.object({
  id: z.string(),
  kind: z.enum(circleKinds),
  name: z.string(),
  description: z.nullable(z.string()),
  capacity: z.number(),
  invite_only: z.boolean(),
  archived_at: z.nullable(z.string()),
});
const MembershipRow = z.object({ circle_id: z.string(), user_id: z.string(), role: z.enum(['lead', 'member']) });
const SessionRow = z.object({
  id: z.string(),
  circle_id: z.string(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  agenda: z.nullable(z.string()),
  starts_at: z.string(),
  duration_minutes: z.number(),
  meeting_url: z.nullable(z.string()),
  host_id: z.string(),
  cancelled_at: z.nullable(z.string()),
});
const AttendeeRow = z.object({ session_id: z.string(), user_id: z.string(), going: z.boolean() });
const MemberRow = z.object({ user_id: z.string(), display_name: z.string() });

const NEEDS_CONNECTION = "Circles need a connection. Try again when you're back online.";
const NOT_UNDERSTOOD =
  'The server answered with circles Peerside does not understand. Update Peerside, then try again.';

/** The longest session (4 hours): sessions that started earlier than this have surely ended. */
const LONGEST_SESSION_MS = 240 * 60_000;

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
 * The course's circles (every one of the org's, invite-only and archived included), who is in those
 * the viewer may see, their sessions that have not ended (soonest first, at most 100) and how many are
 * going to each. `viewer.role` is the org role from the viewer's token, when known.
 */
export async function readCircles(
  client: SupabaseClient,
  viewer: { orgId: string; userId: string; role?: Account['role'] | null },
  courseKey: string,
  now = Date.now(),
): Promise<CirclesAnswer> {
  const circles = await rows(
    client
      .from('circles')
      .select('id, kind, name, description, capacity, invite_only, archived_at')
      .eq('org_id', viewer.orgId)
      .eq('course_key', courseKey)
      .order('created_at', { ascending: true })
      .limit(100)
      .retry(false),
    CircleRow,
  );
  if (!circles.ok) return circles;
  const circleIds = circles.rows.map((row) => row.id);

  const [memberships, sessions] =
    circleIds.length === 0
      ? [
          { ok: true as const, rows: [] },
          { ok: true as const, rows: [] },
        ]
      : await Promise.all([
          rows(
            client
              .from('circle_members')
              .select('circle_id, user_id, role')
              .eq('org_id', viewer.orgId)
              .in('circle_id', circleIds)
              .retry(false),
            MembershipRow,
          ),
          rows(
            client
              .from('circle_sessions')
              .select(
                'id, circle_id, kind, title, agenda, starts_at, duration_minutes, meeting_url, host_id, cancelled_at',
              )
              .eq('org_id', viewer.orgId)
              .in('circle_id', circleIds)
              .gt('starts_at', new Date(now - LONGEST_SESSION_MS).toISOString())
              .order('starts_at', { ascending: true })
              .limit(100)
              .retry(false),
            SessionRow,
          ),
        ]);
  if (!memberships.ok) return memberships;
  if (!sessions.ok) return sessions;
  const sessionIds = sessions.rows.map((row) => row.id);

  const leads = memberships.rows.filter((row) => row.role === 'lead').map((row) => row.user_id);
  const people = new Set([...leads, ...sessions.rows.map((row) => row.host_id)]);
  const [answers, members] = await Promise.all([
    sessionIds.length === 0
      ? { ok: true as const, rows: [] }
      : rows(
          client
            .from('circle_session_attendees')
            .select('session_id, user_id, going')
            .eq('org_id', viewer.orgId)
            .in('session_id', sessionIds)
            .retry(false),
          AttendeeRow,
        ),
    people.size === 0
      ? { ok: true as const, rows: [] }
      : rows(
          client
            .from('members')
            .select('user_id, display_name')
            .eq('org_id', viewer.orgId)
            .in('user_id', [...people])
            .retry(false),
          MemberRow,
        ),
  ]);
  if (!answers.ok) return answers;
  if (!members.ok) return members;

  const names = new Map(members.rows.map((row) => [row.user_id, row.display_name]));
  const nameOf = (userId: string) => names.get(userId) ?? 'A former member';
  const circleNames = new Map(circles.rows.map((row) => [row.id, row.name]));

  return {
    ok: true,
    circles: CirclesSchema.parse({
      viewerId: viewer.userId,
      viewerRole: viewer.role ?? null,
      courseKey,
      circles: circles.rows.map((row) => {
        const inIt = memberships.rows.filter((membership) => membership.circle_id === row.id);
        return {
          id: row.id,
          kind: row.kind,
          name: row.name,
          description: row.description,
          capacity: row.capacity,
          inviteOnly: row.invite_only,
          archived: row.archived_at !== null,
          // An invite-only circle always has a lead while active; none visible means the viewer may
          // not see who is in it (RLS), not that it is empty.
          people: row.invite_only && inIt.length === 0 ? null : inIt.length,
          myRole: inIt.find((membership) => membership.user_id === viewer.userId)?.role ?? null,
          leads: inIt
            .filter((membership) => membership.role === 'lead')
            .map((membership) => nameOf(membership.user_id)),
        };
      }),
      sessions: upcomingSessions(
        sessions.rows.map((row) => {
          const said = answers.rows.filter((answer) => answer.session_id === row.id);
          return {
            id: row.id,
            circleId: row.circle_id,
            circleName: circleNames.get(row.circle_id) ?? '',
            kind: row.kind,
            title: row.title,
            agenda: row.agenda,
            startsAt: Date.parse(row.starts_at),
            durationMinutes: row.duration_minutes,
            meetingUrl: row.meeting_url,
            hostId: row.host_id,
            hostName: nameOf(row.host_id),
            going: said.filter((answer) => answer.going).length,
            myAnswer: said.find((answer) => answer.user_id === viewer.userId)?.going ?? null,
            cancelled: row.cancelled_at !== null,
          };
        }),
        now,
      ),
    }),
  };
}

// The database's own sentences: the circle is full, you are its last lead, that name is taken.
const call = (client: SupabaseClient, rpc: string, args: Record<string, unknown>) =>
  rpcOutcome(client, rpc, args, NEEDS_CONNECTION);

/** Start a circle on a course; the viewer becomes its lead. `circleId` is client-made. */
export const createCircle = (client: SupabaseClient, circleId: string, circle: NewCircle) =>
  call(client, 'create_circle', {
    circle_id: circleId,
    kind: circle.kind,
    course_key: circle.courseKey,
    name: circle.name,
    description: circle.description?.trim() || null,
    capacity: circle.capacity ?? null,
    invite_only: false,
  });

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
