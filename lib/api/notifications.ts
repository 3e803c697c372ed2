/** The learner's notifications from the organisation's project: the latest, the unread count, marking read. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import { knownKind, type Inbox } from '../domain/notifications';

const RowSchema = z.object({
  id: z.string(),
  // Any string: a server newer than this extension may add kinds, which must not break the inbox.
  kind: z.string(),
  thread_id: z.nullable(z.string()),
  created_at: z.string(),
  read_at: z.nullable(z.string()),
});

/** The 20 newest notifications and how many are unread. RLS limits both to the caller's own. */
export async function readInbox(client: SupabaseClient): Promise<Inbox> {
  const [latest, unread] = await Promise.all([
    client
      .from('notifications')
      .select('id, kind, thread_id, created_at, read_at')
      .order('created_at', { ascending: false })
      .limit(20),
    client.from('notifications').select('id', { count: 'exact', head: true }).is('read_at', null),
  ]);
  if (latest.error) throw new Error(`Peerside could not read your notifications: ${latest.error.message}`);
  if (unread.error) throw new Error(`Peerside could not count your notifications: ${unread.error.message}`);
  const rows = z.array(RowSchema).parse(latest.data);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: knownKind(row.kind),
      threadId: row.thread_id,
      createdAt: Date.parse(row.created_at),
      read: row.read_at !== null,
    })),
    unread: unread.count ?? 0,
  };
}

/** Marks the caller's notifications read: these ids, or all when none are given. */
export async function markRead(client: SupabaseClient, ids?: string[]): Promise<void> {
  const { error } = await client.rpc('mark_notifications_read', { ids: ids ?? null });
  if (error) throw new Error(`Peerside could not mark your notifications read: ${error.message}`);
}
