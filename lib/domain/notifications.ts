/** What the learner is told about (supabase/migrations/*_notifications.sql): ids and a kind, no content. PURE. */
import { z } from 'zod/mini';

export const notificationKinds = [
  'answer',
  'reply',
  'answer_accepted',
  'endorsed',
  'mentor_requested',
  'mentor_accepted',
  'mentor_declined',
  'content_hidden',
  'review_received',
  'mention',
  'followed_activity',
  // A kind this version does not know yet (a newer server): shown as a general sentence.
  'other',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The kind as this version can say it: a kind added to the server later reads as 'other'. */
export function knownKind(kind: string): NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind) ? (kind as NotificationKind) : 'other';
}

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  threadId: z.nullable(z.string()),
  createdAt: z.number(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const InboxSchema = z.object({
  /** Newest first; unread ones and the latest read ones. */
  items: z.array(NotificationSchema),
  unread: z.number().check(z.int(), z.nonnegative()),
});
export type Inbox = z.infer<typeof InboxSchema>;
