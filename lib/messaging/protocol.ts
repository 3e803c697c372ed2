/**
 * The one typed protocol between Peerside's runtimes: message name -> request and response schemas.
 * Every message received is parsed against this map; anything else is dropped. Schemas use zod/mini
 * because the content script carries this file into every LMS page and must stay small.
 */
import { z } from 'zod/mini';
import { ConnectionSchema, OutcomeSchema } from '../domain/account';
import {
  CIRCLE_CAPACITY_MAX,
  CIRCLE_CAPACITY_MIN,
  CIRCLE_DESCRIPTION_MAX,
  CIRCLE_NAME_MAX,
  circleKinds,
  CirclesAnswerSchema,
  COURSE_KEY_MAX,
  COURSE_KEY_PATTERN,
  MEETING_URL_MAX,
  SESSION_AGENDA_MAX,
  SESSION_MINUTES_MAX,
  SESSION_MINUTES_MIN,
  SESSION_TITLE_MAX,
  sessionKinds,
} from '../domain/circles';
import { ContributorsAnswerSchema, SKILL_MAX } from '../domain/contributors';
import { KpiAnswerSchema } from '../domain/kpi';
import { MENTOR_MESSAGE_MAX, MentoringAnswerSchema } from '../domain/mentoring';
import { MODERATION_REASON_MAX, QueueAnswerSchema, REPORT_NOTE_MAX, reportReasons } from '../domain/moderation';
import { InboxSchema } from '../domain/notifications';
import { OrgSettingsAnswerSchema, OrgSettingsChangeSchema } from '../domain/org-settings';
import {
  PLAYLIST_DESCRIPTION_MAX,
  PLAYLIST_ITEMS_MAX,
  PLAYLIST_TITLE_MAX,
  PlaylistItemsAnswerSchema,
  playlistScopes,
  PlaylistsAnswerSchema,
  RESOURCE_NOTE_MAX,
  RESOURCE_TITLE_MAX,
  RESOURCE_URL_MAX,
  VoteValueSchema,
} from '../domain/playlists';
import {
  CRITERION_MAX,
  REVIEW_COMMENT_MAX,
  REVIEW_TEXT_MAX,
  REVIEW_TITLE_MAX,
  REVIEW_URL_MAX,
  ReviewsAnswerSchema,
  RUBRIC_MAX,
  RUBRIC_MIN,
} from '../domain/reviews';
import { SyncStateSchema } from '../domain/sync-state';
import { CoursePlaceSchema } from '../lms/types';

/** What the panel shows for a tab: the place detected there, or null when it is not an LMS page. */
export const TabContextSchema = z.object({
  tabId: z.number().check(z.int(), z.nonnegative()),
  place: z.nullable(CoursePlaceSchema),
  /** Milliseconds since epoch of the detection; newer reports replace older ones. */
  detectedAt: z.number(),
});
export type TabContext = z.infer<typeof TabContextSchema>;

const Ok = z.object({ ok: z.boolean() });

const count = z.number().check(z.int(), z.nonnegative());
export const CacheUsageSchema = z.object({
  questions: count,
  answers: count,
  unsent: count,
  bytes: z.nullable(z.number()),
});

/** What a learner follows: a question, or a place (sent whole: the server may not know it yet). */
const FollowTargetSchema = z.union([
  z.object({ kind: z.literal('thread'), threadId: z.guid() }),
  z.object({ kind: z.literal('place'), place: CoursePlaceSchema }),
]);

export const protocol = {
  /** content script -> background: the top frame detected (or re-detected after navigation) its place. */
  'context:report': {
    request: z.object({ place: z.nullable(CoursePlaceSchema) }),
    response: Ok,
  },
  /** side panel -> background: what is the place in this tab? */
  'context:get': {
    request: z.object({ tabId: z.number().check(z.int(), z.nonnegative()) }),
    response: z.nullable(TabContextSchema),
  },
  /** background -> extension pages: a tab's place changed (null place: not an LMS page any more). */
  'context:changed': {
    request: TabContextSchema,
    response: Ok,
  },
  /**
   * background -> content script of a tab: are you there? A tab that finished loading without
   * answering has no content script, so it is not an LMS page any more.
   */
  'context:ping': {
    request: z.object({}),
    response: Ok,
  },
  /** content script -> background: the learner clicked the launcher; open the panel for this tab. */
  'panel:open': {
    request: z.object({}),
    response: Ok,
  },
  /** options -> background: how Peerside is connected to the organisation, and who is signed in. */
  'account:get': { request: z.object({}), response: ConnectionSchema },
  /** options -> background: save the server to use (refused when managed policy sets it). */
  'backend:save': {
    request: z.object({ url: z.string().check(z.maxLength(300)), anonKey: z.string().check(z.maxLength(2000)) }),
    response: OutcomeSchema,
  },
  /** options -> background: email a one-time sign-in code. */
  'account:sendCode': { request: z.object({ email: z.email() }), response: OutcomeSchema },
  /** options -> background: sign in with the code. */
  'account:verify': {
    request: z.object({ email: z.email(), code: z.string().check(z.regex(/^\d{6,10}$/)) }),
    response: OutcomeSchema,
  },
  'account:signOut': { request: z.object({}), response: OutcomeSchema },
  /** panel -> background: the learner wrote something or opened a place: sync now. */
  'sync:request': {
    request: z.object({
      force: z.optional(z.boolean()),
      /** With force: this place is not cached (or was evicted): bring it back whole. */
      placeKey: z.optional(z.string().check(z.maxLength(600))),
    }),
    response: SyncStateSchema,
  },
  /** panel -> background: endorse a peer's answer as helpful (a rule-bearing RPC; client-made id). */
  'answer:endorse': { request: z.object({ endorsementId: z.guid(), postId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: accept an answer to the learner's own question (a rule-bearing RPC). */
  'answer:accept': { request: z.object({ threadId: z.guid(), postId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: the org's mentors and the learner's mentoring requests. */
  'mentoring:get': { request: z.object({}), response: MentoringAnswerSchema },
  /** panel -> background: ask a mentor for mentoring (client-made id: a repeat is a no-op). */
  'mentoring:request': {
    request: z.object({
      requestId: z.guid(),
      mentorId: z.guid(),
      message: z.string().check(z.minLength(1), z.maxLength(MENTOR_MESSAGE_MAX)),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: the mentor accepts or declines, with an optional reply. */
  'mentoring:respond': {
    request: z.object({
      requestId: z.guid(),
      accept: z.boolean(),
      reply: z.optional(z.string().check(z.maxLength(MENTOR_MESSAGE_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: the learner withdraws a request. */
  'mentoring:withdraw': { request: z.object({ requestId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: accepted mentoring is completed (either person). */
  'mentoring:complete': { request: z.object({ requestId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: who helped most lately in a course (null: the whole organisation). */
  'contributors:get': {
    request: z.object({
      courseKey: z.nullable(z.string().check(z.maxLength(COURSE_KEY_MAX), z.regex(COURSE_KEY_PATTERN))),
    }),
    response: ContributorsAnswerSchema,
  },
  /** panel -> background: endorse a peer for one of their profile skills (client-made id: a repeat is a no-op). */
  'contributors:endorse': {
    request: z.object({
      endorsementId: z.guid(),
      memberId: z.guid(),
      skill: z.string().check(z.minLength(1), z.maxLength(SKILL_MAX)),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: withdraw a skill endorsement the learner gave. */
  'contributors:withdraw': { request: z.object({ endorsementId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: report a question or an answer to the moderators (client-made id). */
  'content:report': {
    request: z.object({
      reportId: z.guid(),
      targetKind: z.enum(['thread', 'post']),
      targetId: z.guid(),
      reason: z.enum(reportReasons),
      note: z.optional(z.string().check(z.maxLength(REPORT_NOTE_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** dashboard -> background: the open reports of the moderator's org (the database checks the role). */
  'moderation:queue': { request: z.object({}), response: QueueAnswerSchema },
  /** dashboard -> background: hide, restore, lock or dismiss a reported item, with the logged reason. */
  'moderation:act': {
    request: z.object({
      targetKind: z.enum(['thread', 'post']),
      targetId: z.guid(),
      action: z.enum(['hide', 'restore', 'lock', 'dismiss']),
      reason: z.string().check(z.minLength(1), z.maxLength(MODERATION_REASON_MAX)),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: does the learner follow this question or place? (null: cannot tell now) */
  'follow:get': {
    request: z.object({ target: FollowTargetSchema }),
    response: z.object({ following: z.nullable(z.boolean()) }),
  },
  /** panel -> background: follow or unfollow a question or a place. */
  'follow:set': { request: z.object({ target: FollowTargetSchema, follow: z.boolean() }), response: OutcomeSchema },
  /** panel -> background: the playlists of a place and of its course. */
  'playlists:list': {
    request: z.object({ placeKey: z.string().check(z.minLength(1), z.maxLength(600)) }),
    response: PlaylistsAnswerSchema,
  },
  /** panel -> background: a playlist's resources, with the learner's own votes. */
  'playlists:items': { request: z.object({ playlistId: z.guid() }), response: PlaylistItemsAnswerSchema },
  /** panel -> background: create a playlist for this lesson or its course (client-made id: a repeat is a no-op). */
  'playlists:create': {
    request: z.object({
      playlistId: z.guid(),
      place: CoursePlaceSchema,
      scope: z.enum(playlistScopes),
      title: z.string().check(z.minLength(1), z.maxLength(PLAYLIST_TITLE_MAX)),
      description: z.optional(z.string().check(z.maxLength(PLAYLIST_DESCRIPTION_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: add a web resource to a playlist (client-made id: a repeat is a no-op). */
  'playlists:add': {
    request: z.object({
      itemId: z.guid(),
      playlistId: z.guid(),
      url: z.string().check(z.minLength(1), z.maxLength(RESOURCE_URL_MAX)),
      title: z.string().check(z.minLength(1), z.maxLength(RESOURCE_TITLE_MAX)),
      note: z.optional(z.string().check(z.maxLength(RESOURCE_NOTE_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: vote a resource up (1) or down (-1), or withdraw the vote (0). */
  'playlists:vote': {
    request: z.object({ voteId: z.guid(), itemId: z.guid(), value: VoteValueSchema }),
    response: OutcomeSchema,
  },
  /** panel -> background: remove a resource (its curators, or whoever added it). */
  'playlists:remove': { request: z.object({ itemId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: a curator reorders a playlist's resources. */
  'playlists:reorder': {
    request: z.object({
      playlistId: z.guid(),
      itemIds: z.array(z.guid()).check(z.minLength(1), z.maxLength(PLAYLIST_ITEMS_MAX)),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: a curator archives a playlist, or reopens it. */
  'playlists:archive': { request: z.object({ playlistId: z.guid(), archived: z.boolean() }), response: OutcomeSchema },
  /** panel -> background: one course's circles, their sessions to come and the RSVPs. */
  'circles:get': {
    request: z.object({
      courseKey: z.string().check(z.maxLength(COURSE_KEY_MAX), z.regex(COURSE_KEY_PATTERN)),
    }),
    response: CirclesAnswerSchema,
  },
  /** panel -> background: start a circle on a course (client-made id: a repeat is a no-op). */
  'circles:create': {
    request: z.object({
      circleId: z.guid(),
      kind: z.enum(circleKinds),
      courseKey: z.string().check(z.maxLength(COURSE_KEY_MAX), z.regex(COURSE_KEY_PATTERN)),
      name: z.string().check(z.minLength(1), z.maxLength(CIRCLE_NAME_MAX)),
      description: z.optional(z.string().check(z.maxLength(CIRCLE_DESCRIPTION_MAX))),
      capacity: z.optional(z.number().check(z.int(), z.minimum(CIRCLE_CAPACITY_MIN), z.maximum(CIRCLE_CAPACITY_MAX))),
      /** The page it is started from, so its course can be added to the org first. */
      place: z.optional(CoursePlaceSchema),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: join an open circle, or leave one. */
  'circles:join': { request: z.object({ circleId: z.guid() }), response: OutcomeSchema },
  'circles:leave': { request: z.object({ circleId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: schedule a session the learner hosts (client-made id: a repeat is a no-op). */
  'circles:schedule': {
    request: z.object({
      sessionId: z.guid(),
      circleId: z.guid(),
      kind: z.enum(sessionKinds),
      title: z.string().check(z.minLength(1), z.maxLength(SESSION_TITLE_MAX)),
      startsAt: z.number().check(z.int(), z.positive()),
      durationMinutes: z.number().check(z.int(), z.minimum(SESSION_MINUTES_MIN), z.maximum(SESSION_MINUTES_MAX)),
      // Only https:// links are stored; the database checks again.
      meetingUrl: z.optional(z.string().check(z.maxLength(MEETING_URL_MAX), z.regex(/^https:\/\/\S+$/))),
      agenda: z.optional(z.string().check(z.maxLength(SESSION_AGENDA_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: going (true) or not (false) to a session of a circle the learner is in. */
  'circles:rsvp': { request: z.object({ sessionId: z.guid(), going: z.boolean() }), response: OutcomeSchema },
  /** panel -> background: a lead or the host cancels a session that has not started. */
  'circles:cancelSession': { request: z.object({ sessionId: z.guid() }), response: OutcomeSchema },
  /** panel -> background: the learner's review requests and peers' open ones, this place's course first. */
  'reviews:get': { request: z.object({ placeKey: z.string().check(z.maxLength(600)) }), response: ReviewsAnswerSchema },
  /** panel -> background: ask peers to review a link or a text against a rubric, maybe at a place (client-made id). */
  'reviews:request': {
    request: z.object({
      requestId: z.guid(),
      title: z.string().check(z.minLength(1), z.maxLength(REVIEW_TITLE_MAX)),
      work: z.union([
        z.object({ kind: z.literal('link'), url: z.string().check(z.minLength(1), z.maxLength(REVIEW_URL_MAX)) }),
        z.object({ kind: z.literal('text'), text: z.string().check(z.minLength(1), z.maxLength(REVIEW_TEXT_MAX)) }),
      ]),
      rubric: z
        .array(z.string().check(z.minLength(1), z.maxLength(CRITERION_MAX)))
        .check(z.minLength(RUBRIC_MIN), z.maxLength(RUBRIC_MAX)),
      place: z.optional(CoursePlaceSchema),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: review a peer's request, a score of 1 to 5 per criterion (client-made id). */
  'reviews:submit': {
    request: z.object({
      reviewId: z.guid(),
      requestId: z.guid(),
      scores: z.record(
        z.string().check(z.maxLength(CRITERION_MAX)),
        z.number().check(z.int(), z.minimum(1), z.maximum(5)),
      ),
      comment: z.optional(z.string().check(z.maxLength(REVIEW_COMMENT_MAX))),
    }),
    response: OutcomeSchema,
  },
  /** panel -> background: the requester closes their review request. */
  'reviews:close': { request: z.object({ requestId: z.guid() }), response: OutcomeSchema },
  /** any page -> background: the current sync state. */
  'sync:get': { request: z.object({}), response: SyncStateSchema },
  /** options -> background: what the cache holds on this device. */
  'cache:usage': { request: z.object({}), response: CacheUsageSchema },
  /** options -> background: drop cached questions and answers, keeping every unsent write. */
  'cache:clear': { request: z.object({}), response: CacheUsageSchema },
  /** dashboard -> background: the organisation's weekly KPIs (moderators and admins; the database checks). */
  'kpi:weekly': {
    request: z.object({ weeks: z.number().check(z.int(), z.minimum(1), z.maximum(53)) }),
    response: KpiAnswerSchema,
  },
  /** panel, dashboard -> background: the signed-in member's org settings (the defaults when unset). */
  'settings:get': { request: z.object({}), response: OrgSettingsAnswerSchema },
  /** dashboard -> background: an admin changes some of the org's settings (the database checks the role). */
  'settings:update': { request: z.object({ change: OrgSettingsChangeSchema }), response: OutcomeSchema },
  /** panel -> background: the learner's notifications (null when not signed in). */
  'inbox:get': { request: z.object({}), response: z.nullable(InboxSchema) },
  /** panel -> background: mark these notifications read (all when no ids). */
  'inbox:markRead': {
    request: z.object({ ids: z.optional(z.array(z.string()).check(z.maxLength(1000))) }),
    response: z.nullable(InboxSchema),
  },
  /** background -> pages: the notifications changed. */
  'inbox:changed': { request: InboxSchema, response: Ok },
  /** background -> pages: the sync state changed. */
  'sync:changed': { request: SyncStateSchema, response: Ok },
} as const;

/**
 * The only messages a content script may send. Content scripts run inside LMS pages, the least
 * trusted place the extension runs; everything else (writes, moderation, account) comes from the
 * extension's own pages.
 */
export const contentScriptMessages: ReadonlySet<MessageName> = new Set<MessageName>(['context:report', 'panel:open']);

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.infer<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<Protocol[N]['response']>;

/** The envelope on the wire: `{ peerside: name, data }`, so unrelated messages are easy to ignore. */
export const EnvelopeSchema = z.object({
  peerside: z.enum(Object.keys(protocol) as [MessageName, ...MessageName[]]),
  data: z.unknown(),
});
