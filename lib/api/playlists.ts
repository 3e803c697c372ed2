/**
 * Playlists against the organisation's project: the place's playlists (playlist_list) and a playlist's
 * items with the viewer's own votes; the rule-bearing writes as RPCs (create_playlist,
 * add_playlist_item, reorder_playlist_items, archive_playlist) and the plain writes the migrations
 * allow under RLS (votes, removing a resource). Online only: each write answers with the database's own
 * sentence when refused. Ids are client-made, so sending a create or an add twice is a no-op.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Outcome } from '../domain/account';
import {
  keyForScope,
  PlaylistItemSchema,
  PlaylistSchema,
  type PlaylistItemsAnswer,
  type PlaylistsAnswer,
  type PlaylistScope,
  type VoteValue,
} from '../domain/playlists';
import { isOffline, memberNames, registerPlace } from './postgrest';
import type { CoursePlace } from '../lms/types';

const PlaylistRow = z.object({
  id: z.string(),
  org_id: z.string(),
  place_key: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  created_by: z.nullable(z.string()),
  creator_name: z.nullable(z.string()),
  curator_ids: z.array(z.string()),
  members_can_add: z.boolean(),
  archived_at: z.nullable(z.string()),
  hidden_at: z.nullable(z.string()),
  created_at: z.string(),
  item_count: z.number(),
});
const ItemRow = z.object({
  id: z.string(),
  playlist_id: z.string(),
  url: z.string(),
  title: z.string(),
  note: z.nullable(z.string()),
  position: z.number(),
  score: z.number(),
  added_by: z.nullable(z.string()),
  hidden_at: z.nullable(z.string()),
  created_at: z.string(),
});
const VoteRow = z.object({ id: z.string(), item_id: z.string(), value: z.union([z.literal(-1), z.literal(1)]) });

type Failure = { message: string; code?: string };
const NEEDS_CONNECTION = "Resources need a connection. Try again when you're back online.";
const NOT_UNDERSTOOD =
  'The server answered with resources Peerside does not understand. Update Peerside, then try again.';

const loadFailure = (error: Failure, status: number) => ({
  ok: false as const,
  error: isOffline(status) ? NEEDS_CONNECTION : `Resources could not be loaded: ${error.message}`,
});

/** Display names of these people in the org, or why they could not be read. */
async function namesOf(
  client: SupabaseClient,
  orgId: string,
  people: Set<string>,
): Promise<{ ok: true; names: Map<string, string> } | { ok: false; error: string }> {
  const members = await memberNames(client, orgId, people);
  return members.ok ? members : loadFailure({ message: members.message }, members.status);
}

/**
 * The playlists at this place and its course, the place's own first, then open before archived, newest
 * first (the database's order). Reads are not retried by supabase-js: the panel says "needs a
 * connection" at once and offers to try again.
 */
export async function readPlaylists(client: SupabaseClient, orgId: string, placeKey: string): Promise<PlaylistsAnswer> {
  const listed = await client.rpc('playlist_list', { place_key: placeKey }).retry(false);
  if (listed.error) return loadFailure(listed.error, listed.status);
  const rows = z.array(PlaylistRow).safeParse(listed.data);
  if (!rows.success) return { ok: false, error: NOT_UNDERSTOOD };
  // RLS shows every org the viewer belongs to; the panel is about the one they are signed in to.
  const ours = rows.data.filter((row) => row.org_id === orgId);

  const people = new Set(ours.flatMap((row) => [...(row.created_by ? [row.created_by] : []), ...row.curator_ids]));
  const named = await namesOf(client, orgId, people);
  if (!named.ok) return named;
  // Curators who left the org are not named.
  const nameOf = (userId: string) => named.names.get(userId);

  return {
    ok: true,
    playlists: ours.map((row) =>
      PlaylistSchema.parse({
        id: row.id,
        placeKey: row.place_key,
        title: row.title,
        description: row.description,
        createdBy: row.created_by,
        curatorNames: [
          ...(row.created_by ? [row.creator_name ?? nameOf(row.created_by)] : []),
          ...row.curator_ids.filter((id) => id !== row.created_by).map(nameOf),
        ].filter((name): name is string => name !== undefined && name !== null),
        curatorIds: row.curator_ids,
        membersCanAdd: row.members_can_add,
        archived: row.archived_at !== null,
        hidden: row.hidden_at !== null,
        itemCount: row.item_count,
        createdAt: Date.parse(row.created_at),
      }),
    ),
  };
}

/** A playlist's resources the viewer can read (the database's score order), with the viewer's own votes. */
export async function readPlaylistItems(
  client: SupabaseClient,
  orgId: string,
  playlistId: string,
): Promise<PlaylistItemsAnswer> {
  const items = await client
    .from('playlist_items')
    .select('id, playlist_id, url, title, note, position, score, added_by, hidden_at, created_at')
    .eq('playlist_id', playlistId)
    .order('score', { ascending: false })
    .order('position', { ascending: true })
    .limit(500)
    .retry(false);
  if (items.error) return loadFailure(items.error, items.status);
  const rows = z.array(ItemRow).safeParse(items.data);
  if (!rows.success) return { ok: false, error: NOT_UNDERSTOOD };

  const mine = new Map<string, VoteValue>();
  if (rows.data.length > 0) {
    // RLS shows a member only their own votes.
    const votes = await client
      .from('playlist_votes')
      .select('id, item_id, value')
      .in(
        'item_id',
        rows.data.map((row) => row.id),
      )
      .retry(false);
    if (votes.error) return loadFailure(votes.error, votes.status);
    const voteRows = z.array(VoteRow).safeParse(votes.data);
    if (!voteRows.success) return { ok: false, error: NOT_UNDERSTOOD };
    for (const vote of voteRows.data) mine.set(vote.item_id, vote.value);
  }

  const named = await namesOf(client, orgId, new Set(rows.data.flatMap((row) => (row.added_by ? [row.added_by] : []))));
  if (!named.ok) return named;

  return {
    ok: true,
    items: rows.data.map((row) =>
      PlaylistItemSchema.parse({
        id: row.id,
        playlistId: row.playlist_id,
        url: row.url,
        title: row.title,
        note: row.note,
        position: row.position,
        score: row.score,
        addedBy: row.added_by,
        addedByName: (row.added_by && named.names.get(row.added_by)) || null,
        hidden: row.hidden_at !== null,
        myVote: mine.get(row.id) ?? 0,
        createdAt: Date.parse(row.created_at),
      }),
    ),
  };
}

/** The answer to a write: done, or the database's own sentence (or "needs a connection"). */
function outcome(error: Failure | null, status: number, refused?: string): Outcome {
  if (!error) return { ok: true };
  if (isOffline(status)) return { ok: false, error: NEEDS_CONNECTION };
  // RLS refusals of plain writes come back as "violates row-level security policy": say what happened.
  // Other 42501s (a feature the org turned off) are already sentences.
  if (refused && error.code === '42501' && /row-level security/i.test(error.message)) {
    return { ok: false, error: refused };
  }
  return { ok: false, error: error.message };
}

async function call(client: SupabaseClient, rpc: string, args: Record<string, unknown>): Promise<Outcome> {
  const { error, status } = await client.rpc(rpc, args);
  // The database's own sentences: archived, full, already there, not a curator, not a web link.
  return outcome(error, status);
}

/**
 * Create a playlist for the lesson the learner is on or for its whole course; they become its curator.
 * The place is registered first (as the sync does when someone first asks a question there: insert,
 * ignoring a duplicate), since a playlist can only hang off a place the org knows. `playlistId` is
 * client-made, so a repeat is a no-op.
 */
export async function createPlaylist(
  client: SupabaseClient,
  orgId: string,
  playlist: { playlistId: string; place: CoursePlace; scope: PlaylistScope; title: string; description?: string },
): Promise<Outcome> {
  const { place, scope } = playlist;
  const placeKey = keyForScope(place.key, scope);
  const registered = await registerPlace(client, orgId, place, { scope, key: placeKey });
  if (!registered.ok && isOffline(registered.status)) return { ok: false, error: NEEDS_CONNECTION };
  // Any other refusal (not a member, say) is the RPC's to explain, in its own words.
  return call(client, 'create_playlist', {
    playlist_id: playlist.playlistId,
    place_key: placeKey,
    title: playlist.title,
    description: playlist.description?.trim() || null,
  });
}

/** Add a web resource at the end of an open playlist. `itemId` is client-made, so a repeat is a no-op. */
export const addPlaylistItem = (
  client: SupabaseClient,
  item: { itemId: string; playlistId: string; url: string; title: string; note?: string },
) =>
  call(client, 'add_playlist_item', {
    item_id: item.itemId,
    playlist_id: item.playlistId,
    url: item.url,
    title: item.title,
    note: item.note?.trim() || null,
  });

/** A curator puts the listed items first, in this order (the rest follow). */
export const reorderPlaylistItems = (client: SupabaseClient, playlistId: string, itemIds: string[]) =>
  call(client, 'reorder_playlist_items', { playlist_id: playlistId, item_ids: itemIds });

/** A curator archives a playlist (read-only, still listed) or reopens it. */
export const archivePlaylist = (client: SupabaseClient, playlistId: string, archived: boolean) =>
  call(client, 'archive_playlist', { playlist_id: playlistId, archived });

const VOTE_REFUSED =
  "You can't vote on this resource: you added it, or its playlist is archived or hidden. Reload the playlist to see where it stands.";

/**
 * Set the viewer's vote on a resource: up (1), down (-1) or none (0). A plain write under RLS, decided
 * against the vote the server holds (not the panel's copy, which may be stale): insert a new one (its
 * client-made `voteId` makes a replay a no-op), change its value, or withdraw it.
 */
export async function votePlaylistItem(
  client: SupabaseClient,
  vote: { voteId: string; orgId: string; itemId: string; value: VoteValue },
): Promise<Outcome> {
  const held = await client.from('playlist_votes').select('id, value').eq('item_id', vote.itemId).retry(false);
  if (held.error) return outcome(held.error, held.status);
  const current = z.array(z.object({ id: z.string(), value: z.number() })).parse(held.data)[0];

  if (vote.value === 0) {
    if (!current) return { ok: true };
    const { error, status } = await client.from('playlist_votes').delete().eq('id', current.id);
    return outcome(error, status);
  }
  if (current?.value === vote.value) return { ok: true };
  if (current) {
    const { data, error, status } = await client
      .from('playlist_votes')
      .update({ value: vote.value })
      .eq('id', current.id)
      .select('id');
    if (!error && data.length === 0) return { ok: false, error: VOTE_REFUSED };
    return outcome(error, status, VOTE_REFUSED);
  }
  const { error, status } = await client
    .from('playlist_votes')
    .upsert(
      { id: vote.voteId, org_id: vote.orgId, item_id: vote.itemId, value: vote.value },
      { onConflict: 'id', ignoreDuplicates: true },
    );
  // One vote per member per item: another of the viewer's devices voted in between.
  if (error?.code === '23505')
    return { ok: false, error: 'You have already voted on this resource. Reload the playlist to see your vote.' };
  return outcome(error, status, VOTE_REFUSED);
}

const REMOVE_REFUSED =
  'This resource could not be removed: only its curators and whoever added it can, while the playlist is open. Reload the playlist to see where it stands.';

/** Remove a resource (its votes go with it): its curators or whoever added it, while the playlist is open. */
export async function removePlaylistItem(client: SupabaseClient, itemId: string): Promise<Outcome> {
  const { data, error, status } = await client.from('playlist_items').delete().eq('id', itemId).select('id');
  // RLS filters what one may not delete out of the statement: nothing deleted, no error.
  if (!error && data.length === 0) return { ok: false, error: REMOVE_REFUSED };
  return outcome(error, status, REMOVE_REFUSED);
}
