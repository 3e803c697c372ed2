/**
 * Reporting and moderation against the organisation's project: report_content (any member, on what
 * they can see; client-made id, so a repeat is a no-op), moderation_queue and moderate (moderators
 * and admins; every action is logged with its reason). Refusals are the database's sentences.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Outcome } from '../domain/account';
import type { ModerationAction, QueueAnswer, ReportReason } from '../domain/moderation';

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

const isOffline = (error: { message: string }, status: number) => status === 0 || /fetch|network/i.test(error.message);

async function call(
  client: SupabaseClient,
  rpc: string,
  args: Record<string, unknown>,
  needs: string,
): Promise<Outcome> {
  const { error, status } = await client.rpc(rpc, args);
  if (!error) return { ok: true };
  if (isOffline(error, status)) return { ok: false, error: needs };
  return { ok: false, error: error.message };
}

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
    if (isOffline(error, status)) {
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
  const authors = [...new Set(rows.data.flatMap((row) => (row.author_id ? [row.author_id] : [])))];
  const names = new Map<string, string>();
  if (authors.length > 0) {
    const members = await client.from('members').select('user_id, display_name').in('user_id', authors).retry(false);
    for (const row of z.array(z.object({ user_id: z.string(), display_name: z.string() })).parse(members.data ?? [])) {
      names.set(row.user_id, row.display_name);
    }
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
      authorName: (row.author_id && names.get(row.author_id)) || 'A former member',
      hidden: row.hidden_at !== null,
      reportCount: row.report_count,
      reasons: Object.entries(row.reasons ?? {})
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      firstReportedAt: Date.parse(row.first_reported_at),
    })),
  };
}
