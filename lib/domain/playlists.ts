/**
 * Playlists as the panel shows them (supabase/migrations/*_playlist*.sql): shared lists of learning
 * resources at a lesson or a course, their items with a vote score, and the rules the panel mirrors
 * so it offers only what the database will accept (the database still decides). PURE: no I/O.
 */
import { z } from 'zod/mini';
import type { CoursePlace } from '../lms/types';

/** The bounds the database checks (playlists_*_length, playlist_items_*, is_valid_resource_url). */
export const PLAYLIST_TITLE_MIN = 3;
export const PLAYLIST_TITLE_MAX = 120;
export const PLAYLIST_DESCRIPTION_MAX = 2000;
export const RESOURCE_URL_MAX = 2048;
export const RESOURCE_TITLE_MAX = 200;
export const RESOURCE_NOTE_MAX = 1000;
/** add_playlist_item refuses a 101st resource; reorders list at most these. */
export const PLAYLIST_ITEMS_MAX = 100;

/** A member's vote on a resource: up (useful), down (not useful) or none. */
export const VoteValueSchema = z.union([z.literal(-1), z.literal(0), z.literal(1)]);
export type VoteValue = z.infer<typeof VoteValueSchema>;

export const PlaylistSchema = z.object({
  id: z.string(),
  placeKey: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  createdBy: z.nullable(z.string()),
  /** The creator first, then the co-curators: everyone who curates, by name. */
  curatorNames: z.array(z.string()),
  curatorIds: z.array(z.string()),
  membersCanAdd: z.boolean(),
  archived: z.boolean(),
  /** Hidden by a moderator: only its curators and moderators still see it. */
  hidden: z.boolean(),
  itemCount: z.number(),
  createdAt: z.number(),
});
export type Playlist = z.infer<typeof PlaylistSchema>;

export const PlaylistItemSchema = z.object({
  id: z.string(),
  playlistId: z.string(),
  url: z.string(),
  title: z.string(),
  note: z.nullable(z.string()),
  /** The curators' order (ascending, gaps allowed). */
  position: z.number(),
  score: z.number(),
  addedBy: z.nullable(z.string()),
  /** Null for someone no longer in the org. */
  addedByName: z.nullable(z.string()),
  /** Hidden by a moderator: only whoever added it and moderators still see it. */
  hidden: z.boolean(),
  /** The viewer's own vote (votes are private to the voter). */
  myVote: VoteValueSchema,
  createdAt: z.number(),
});
export type PlaylistItem = z.infer<typeof PlaylistItemSchema>;

/** What the panel gets back: the place's playlists (its own first, then its course's), or a sentence. */
export const PlaylistsAnswerSchema = z.union([
  z.object({ ok: z.literal(true), playlists: z.array(PlaylistSchema) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type PlaylistsAnswer = z.infer<typeof PlaylistsAnswerSchema>;

export const PlaylistItemsAnswerSchema = z.union([
  z.object({ ok: z.literal(true), items: z.array(PlaylistItemSchema) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type PlaylistItemsAnswer = z.infer<typeof PlaylistItemsAnswerSchema>;

/** Where a new playlist goes: the lesson the learner is on, or its whole course. */
export const playlistScopes = ['lesson', 'course'] as const;
export type PlaylistScope = (typeof playlistScopes)[number];

/** A playlist the learner asks for from the page at `place`: for that lesson, or for its whole course. */
export interface NewPlaylist {
  place: CoursePlace;
  scope: PlaylistScope;
  title: string;
  description: string;
}

/** A place key is "platform|host|course[|lesson]"; a lesson's course is its first three parts. */
export function courseKeyOf(placeKey: string): string {
  return placeKey.split('|').slice(0, 3).join('|');
}

export const isLessonKey = (placeKey: string) => placeKey.split('|').length > 3;

/** The key a new playlist of this scope hangs off, seen from the page at `placeKey`. */
export const keyForScope = (placeKey: string, scope: PlaylistScope) =>
  scope === 'course' ? courseKeyOf(placeKey) : placeKey;

/** Is the playlist this lesson's own (rather than its course's)? */
export const isForLesson = (playlist: Playlist, placeKey: string) =>
  isLessonKey(placeKey) && playlist.placeKey === placeKey;

export const isCurator = (playlist: Playlist, userId: string) =>
  playlist.createdBy === userId || playlist.curatorIds.includes(userId);

/** Archived or hidden playlists take no changes: no votes, additions, removals or reorders. */
export const takesChanges = (playlist: Playlist) => !playlist.archived && !playlist.hidden;

export const canAddTo = (playlist: Playlist, userId: string) =>
  takesChanges(playlist) && (playlist.membersCanAdd || isCurator(playlist, userId));

/** Never on one's own resource, never on a hidden one, only while the playlist takes changes. */
export const canVoteOn = (playlist: Playlist, item: PlaylistItem, userId: string) =>
  takesChanges(playlist) && !item.hidden && item.addedBy !== userId;

/** Curators, and whoever added it, remove a resource while the playlist takes changes. */
export const canRemove = (playlist: Playlist, item: PlaylistItem, userId: string) =>
  takesChanges(playlist) && (item.addedBy === userId || isCurator(playlist, userId));

export type ItemOrder = 'score' | 'curated';

/** Best voted first (the curators' order breaking ties), or the curators' order alone. */
export function itemsInOrder(items: readonly PlaylistItem[], order: ItemOrder): PlaylistItem[] {
  return [...items].sort(
    (a, b) =>
      (order === 'score' ? b.score - a.score : 0) ||
      a.position - b.position ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Pressing the vote one already gave takes it back; pressing the other changes it. */
export const nextVote = (current: VoteValue, pressed: 1 | -1): VoteValue => (current === pressed ? 0 : pressed);

/**
 * The curators' order after moving one item a step up (-1) or down (+1), as the ids
 * reorder_playlist_items takes; null when it cannot move that way.
 */
export function movedOrder(items: readonly PlaylistItem[], itemId: string, step: -1 | 1): string[] | null {
  const ids = itemsInOrder(items, 'curated').map((item) => item.id);
  const from = ids.indexOf(itemId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}

// is_valid_resource_url, in JavaScript: http(s), a host name or an [IPv6]/IPv4 address with no user
// name or password, an optional port, then anything but whitespace, control characters and < > " ` \.
const RESOURCE_URL =
  /^https?:\/\/([a-z0-9]([a-z0-9_.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:[0-9]{1,5})?([/?#][^\s\p{Cc}<>"`\\]*)?$/iu;
const WITH_CREDENTIALS = /^https?:\/\/[^/?#\\\s]*@/i;

/** Why the database would refuse this link, or null when it takes it (the same rule, checked first). */
export function resourceUrlProblem(url: string): 'credentials' | 'invalid' | null {
  if ([...url].length <= RESOURCE_URL_MAX && RESOURCE_URL.test(url)) return null;
  return WITH_CREDENTIALS.test(url) ? 'credentials' : 'invalid';
}

/** May this stored link become an <a href>? Only a web link the database rule accepts. */
export function isSafeLink(url: string): boolean {
  if (resourceUrlProblem(url) !== null) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The host to show beside a link, so the learner sees where it goes before following it. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
