/**
 * Reports and the moderators' queue (supabase/migrations/*_reports.sql, *_moderation_rpcs.sql): what a
 * member may flag, why, and the open reports grouped by reported item as moderators work through them.
 * PURE: no I/O.
 */
import { z } from 'zod/mini';

export const reportReasons = ['spam', 'harassment', 'off_topic', 'cheating', 'misinformation', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

/** What a moderator can do to a reported item (the database's list for each kind). */
export const moderationActions = {
  thread: ['hide', 'restore', 'lock', 'dismiss'],
  post: ['hide', 'restore', 'dismiss'],
} as const;
export type ModerationAction = 'hide' | 'restore' | 'lock' | 'dismiss';

/** Bounds the database checks: a report's note, and the reason every moderation action is logged with. */
export const REPORT_NOTE_MAX = 1000;
export const MODERATION_REASON_MAX = 500;

export const QueueItemSchema = z.object({
  targetKind: z.enum(['thread', 'post']),
  targetId: z.string(),
  threadId: z.string(),
  placeKey: z.nullable(z.string()),
  threadTitle: z.nullable(z.string()),
  excerpt: z.nullable(z.string()),
  /** Null for someone no longer in the org. */
  authorName: z.nullable(z.string()),
  hidden: z.boolean(),
  reportCount: z.number(),
  /** Open reports per reason, most frequent first. */
  reasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  firstReportedAt: z.number(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueueAnswerSchema = z.union([
  z.object({ ok: z.literal(true), items: z.array(QueueItemSchema) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type QueueAnswer = z.infer<typeof QueueAnswerSchema>;

/** The actions that make sense for an item now: restore only what is hidden, hide only what is not. */
export function actionsFor(item: QueueItem): ModerationAction[] {
  return moderationActions[item.targetKind].filter((action) =>
    action === 'hide' ? !item.hidden : action === 'restore' ? item.hidden : true,
  );
}
