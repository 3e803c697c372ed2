/**
 * Reporting and moderation against the organisation's project: report_content (any member, on what
 * they can see; client-made id, so a repeat is a no-op), moderation_queue and moderate (moderators
 * and admins; every action is logged with its reason). Refusals are the database's sentences.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { ModerationAction, QueueAnswer, ReportReason } from '../domain/moderation';
import { isOffline, memberNames, rpcOutcome } from './postgrest';

const QueueRow = z.object({
  org_id: z.string(),
  target_kind: z.enum(['thread', 'post']),
  target_id: z.string(),
  thread_id: z.string(),
  place_key: z.nullable(z.string()),
  thread_title: z.nullable(z.string()),
  excerpt: z.nullable(z.string()),
  author_id: z.nullable(z.string()),
  hidden_at: z.nullable(z.string()),
  report_count: z.number(),
  reasons: z.nullable(z.record(z.string(), z.number())),
  first_reported_at: z.string(),
});

const call = rpcOutcome;

/** Flag a question (`thread`) or an answer or reply (`post`) for the moderators. */
export const reportContent = (
  client: SupabaseClient,
  report: { reportId: string; targetKind: 'thread' | 'post'; targetId: string; reason: ReportReason; note?: string },
) =>
  call(
    client,
    'report_content',
    {
      report_id: report.reportId,
      target_kind: report.targetKind,
      target_id: report.targetId,
      reason: report.reason,
      note: report.note?.trim() || null,
    },
    "Reporting needs a connection. Try again when you're back online.",
  );

/** Hide, restore, lock or dismiss the reports of an item, with the reason the log keeps. */
export const moderate = (
  client: SupabaseClient,
  targetKind: 'thread' | 'post',
  targetId: string,
  action: ModerationAction,
  reason: string,
) =>
  call(
    client,
    'moderate',
    { target_kind: targetKind, target_id: targetId, action, reason: reason.trim() },
    "Moderating needs a connection. Try again when you're back online.",
  );

/** The open reports of the moderator's org, grouped by item, most reported first, with authors' names. */
export async function readQueue(client: SupabaseClient): Promise<QueueAnswer> {
  const { data, error, status } = await client.rpc('moderation_queue').retry(false);
  if (error) {
    if (isOffline(status)) {
      return { ok: false, error: "The moderation queue needs a connection. Try again when you're back online." };
    }
    return { ok: false, error: error.message };
  }
  const rows = z.array(QueueRow).safeParse(data);
  if (!rows.success) {
    return {
      ok: false,
      error: 'The server answered with a queue Peerside does not understand. Update Peerside, then try again.',
    };
  }
  // Authors' names, each from their own org's member list (a moderator may moderate several orgs).
  const names = new Map<string, string>();
  for (const orgId of new Set(rows.data.map((row) => row.org_id))) {
    const authors = rows.data.flatMap((row) => (row.org_id === orgId && row.author_id ? [row.author_id] : []));
    const members = await memberNames(client, orgId, authors);
    if (!members.ok) {
      return {
        ok: false,
        error: isOffline(members.status)
          ? "The moderation queue needs a connection. Try again when you're back online."
          : `The moderation queue could not be loaded: ${members.message}`,
      };
    }
    for (const [userId, name] of members.names) names.set(`${orgId}|${userId}`, name);
  }
  return {
    ok: true,
    items: rows.data.map((row) => ({
      targetKind: row.target_kind,
      targetId: row.target_id,
      threadId: row.thread_id,
      placeKey: row.place_key,
      threadTitle: row.thread_title,
      excerpt: row.excerpt,
      authorName: (row.author_id && names.get(`${row.org_id}|${row.author_id}`)) || null,
      hidden: row.hidden_at !== null,
      reportCount: row.report_count,
      reasons: Object.entries(row.reasons ?? {})
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      firstReportedAt: Date.parse(row.first_reported_at),
    })),
  };
}
