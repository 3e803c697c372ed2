/** Playlists as the background reads and writes them, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createBackendClient } from '@/lib/api/account';
import { movedOrder, resourceUrlProblem, type PlaylistScope } from '@/lib/domain/playlists';
import type { CoursePlace } from '@/lib/lms/types';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import {
  addPlaylistItem,
  archivePlaylist,
  createPlaylist,
  readPlaylistItems,
  readPlaylists,
  removePlaylistItem,
  reorderPlaylistItems,
  votePlaylistItem,
} from './playlists';

const local = useLocalBackend();
const signedIn = (email: string) => signedInClient(local, email);

// Seeded in supabase/seed.sql and supabase/seeds/30_playlists.sql.
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const CONTOSO = '20000000-0000-4000-8000-000000000002';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const QUIZ = `${COURSE}|cm:1325312`;
const GRACES = 'ab000000-0000-4000-8000-000000000001';
const AMARAS = 'ab000000-0000-4000-8000-000000000002';
const MEIS_CURATED_ONLY = 'ab000000-0000-4000-8000-000000000003';
const PRIYAS_ARCHIVED = 'ab000000-0000-4000-8000-000000000004';
const CONTOSOS = 'ab000000-0000-4000-8000-000000000101';
const SELLING_ANSWERS = 'ac000000-0000-4000-8000-000000000005';

const VOTE_REFUSED =
  "You can't vote on this resource: you added it, or its playlist is archived or hidden. Reload the playlist to see where it stands.";
const REMOVE_REFUSED =
  'This resource could not be removed: only its curators and whoever added it can, while the playlist is open. Reload the playlist to see where it stands.';

/** A lesson of the seeded Moodle course that nobody has asked about, so the org has no place for it yet. */
const newLesson = (lessonId: string, courseId = '4021'): CoursePlace => ({
  platform: 'moodle',
  isCoursePage: true,
  courseId,
  courseTitle: 'Introduction to Data Analysis',
  lessonId,
  lessonTitle: `Lesson ${lessonId}`,
  key: `moodle|moodle.localhost:8080|${courseId}|${lessonId}`,
});

async function playlistsOf(client: SupabaseClient, placeKey: string, orgId = NORTHWIND) {
  const answer = await readPlaylists(client, orgId, placeKey);
  if (!answer.ok) throw new Error(answer.error);
  return answer.playlists;
}

async function itemsOf(client: SupabaseClient, playlistId: string, orgId = NORTHWIND) {
  const answer = await readPlaylistItems(client, orgId, playlistId);
  if (!answer.ok) throw new Error(answer.error);
  return answer.items;
}

/** A fresh open playlist by `client`, at a new lesson of the seeded course (or, scope "course", the course). */
async function freshPlaylist(client: SupabaseClient, title: string, scope: PlaylistScope = 'lesson') {
  const playlistId = crypto.randomUUID();
  const place = newLesson(`cm:${Math.floor(Math.random() * 1e9)}`);
  expect(await createPlaylist(client, NORTHWIND, { playlistId, place, scope, title })).toEqual({ ok: true });
  return { playlistId, place };
}

async function add(client: SupabaseClient, playlistId: string, url: string, title: string) {
  const itemId = crypto.randomUUID();
  expect(await addPlaylistItem(client, { itemId, playlistId, url, title })).toEqual({ ok: true });
  return itemId;
}

describe('reading playlists', () => {
  it("lists the lesson's own playlists, then its course's, with curators and counts, never another org's", async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const playlists = await playlistsOf(amara, QUIZ);
    const seeded = playlists.filter((playlist) => playlist.id === AMARAS || playlist.id === GRACES);
    expect(seeded).toEqual([
      expect.objectContaining({
        id: AMARAS,
        placeKey: QUIZ,
        title: 'Revision for quiz 1',
        curatorNames: ['Amara Okafor'],
        itemCount: 1,
        archived: false,
      }),
      expect.objectContaining({
        id: GRACES,
        placeKey: COURSE,
        title: 'Variables and measurement scales: the explainers that helped',
        curatorNames: ['Grace Liu', 'Sofia Marino'],
        membersCanAdd: true,
        // The hidden answer-selling link is not counted for a learner who cannot read it.
        itemCount: 4,
      }),
    ]);
    expect(playlists.map((playlist) => playlist.id)).not.toContain(CONTOSOS);

    const canvas = await playlistsOf(amara, 'canvas|canvas.localhost:8080|1730|module_item:448684');
    expect(canvas.find((playlist) => playlist.id === PRIYAS_ARCHIVED)).toMatchObject({
      archived: true,
      curatorNames: ['Priya Raman'],
      description: null,
    });

    const ben = await signedIn('ben.carter@contoso.example');
    const contoso = await playlistsOf(ben, QUIZ, CONTOSO);
    expect(contoso.map((playlist) => playlist.id)).toContain(CONTOSOS);
    expect(contoso.map((playlist) => playlist.id)).not.toContain(GRACES);
  });

  it("reads a playlist's resources best voted first, with only the viewer's own votes", async () => {
    const amara = await signedIn('amara.okafor@northwind.example');
    const items = await itemsOf(amara, GRACES);
    expect(items.map((item) => [item.title, item.score, item.myVote, item.addedByName])).toEqual([
      ['Level of measurement (Wikipedia)', 3, 1, 'Grace Liu'],
      ['OpenIntro Statistics (free textbook)', 2, 1, 'Sofia Marino'],
      ['Khan Academy: Analyzing categorical data', 1, 0, 'Amara Okafor'],
      ['Seeing Theory: basic probability', 0, 1, 'Mei Tanaka'],
    ]);

    // Grace voted OpenIntro up and Sofia voted Seeing Theory down; each sees only their own votes.
    const grace = await signedIn('grace.liu@northwind.example');
    expect((await itemsOf(grace, GRACES)).map((item) => item.myVote)).toEqual([0, 1, 0, 0]);
    const sofia = await signedIn('sofia.marino@northwind.example');
    expect((await itemsOf(sofia, GRACES)).map((item) => item.myVote)).toEqual([0, 0, 0, -1]);

    // Whoever added the hidden link, and the moderators, still see it, marked hidden.
    const jonas = await signedIn('jonas.becker@northwind.example');
    expect((await itemsOf(jonas, GRACES)).find((item) => item.id === SELLING_ANSWERS)).toMatchObject({
      hidden: true,
      addedByName: 'Jonas Becker',
    });

    const ben = await signedIn('ben.carter@contoso.example');
    expect(await itemsOf(ben, GRACES, CONTOSO)).toEqual([]);
  });
});

describe('creating playlists and adding resources', () => {
  it('creates a playlist for a lesson the org has not met yet, or for the whole course, once however often sent', async () => {
    const mei = await signedIn('mei.tanaka@northwind.example');
    const place = newLesson('cm:7001');
    const playlistId = crypto.randomUUID();
    const request = { playlistId, place, scope: 'lesson' as const, title: '  Week 3 reading list  ' };
    expect(await createPlaylist(mei, NORTHWIND, request)).toEqual({ ok: true });
    expect(await createPlaylist(mei, NORTHWIND, request)).toEqual({ ok: true });

    const courseWide = crypto.randomUUID();
    expect(
      await createPlaylist(mei, NORTHWIND, {
        playlistId: courseWide,
        place,
        scope: 'course',
        title: 'Whole course: datasets to practise on',
        description: 'Public datasets small enough for the exercises.',
      }),
    ).toEqual({ ok: true });

    const listed = await playlistsOf(mei, place.key);
    expect(listed.filter((playlist) => playlist.id === playlistId)).toEqual([
      expect.objectContaining({ placeKey: place.key, title: 'Week 3 reading list', curatorNames: ['Mei Tanaka'] }),
    ]);
    // The lesson's own first; the course's (Mei's new one and Grace's) after it.
    const ids = listed.map((playlist) => playlist.id);
    expect(ids[0]).toBe(playlistId);
    expect(ids.indexOf(courseWide)).toBeGreaterThan(0);
    expect(ids).toContain(GRACES);
    expect(listed.find((playlist) => playlist.id === courseWide)).toMatchObject({
      placeKey: COURSE,
      description: 'Public datasets small enough for the exercises.',
    });

    // A course the org has never seen gets its place too.
    const elsewhere = newLesson('cm:1', '9090');
    const courseOnly = crypto.randomUUID();
    expect(
      await createPlaylist(mei, NORTHWIND, {
        playlistId: courseOnly,
        place: elsewhere,
        scope: 'course',
        title: 'Set-up',
      }),
    ).toEqual({ ok: true });
    expect((await playlistsOf(mei, elsewhere.key)).map((playlist) => playlist.placeKey)).toEqual([
      'moodle|moodle.localhost:8080|9090',
    ]);

    expect(
      await createPlaylist(mei, NORTHWIND, { playlistId: crypto.randomUUID(), place, scope: 'lesson', title: 'ab' }),
    ).toEqual({ ok: false, error: 'Give the playlist a title of 3 to 120 characters.' });
  });

  it('adds resources at the end, refusing what the database refuses with its own sentence', async () => {
    const jonas = await signedIn('jonas.becker@northwind.example');
    const { playlistId } = await freshPlaylist(jonas, 'Links for the capstone');
    const itemId = crypto.randomUUID();
    const item = { itemId, playlistId, url: 'https://www.openintro.org/book/os/', title: 'OpenIntro', note: ' Ch. 1 ' };
    expect(await addPlaylistItem(jonas, item)).toEqual({ ok: true });
    expect(await addPlaylistItem(jonas, item)).toEqual({ ok: true });
    expect(await itemsOf(jonas, playlistId)).toEqual([
      expect.objectContaining({ id: itemId, title: 'OpenIntro', note: 'Ch. 1', position: 1, score: 0, myVote: 0 }),
    ]);

    expect(await addPlaylistItem(jonas, { ...item, itemId: crypto.randomUUID() })).toEqual({
      ok: false,
      error: 'This link is already in the playlist.',
    });
    expect(
      await addPlaylistItem(jonas, { ...item, itemId: crypto.randomUUID(), url: 'https://me:pw@example.org/' }),
    ).toEqual({ ok: false, error: 'Leave user names and passwords out of the link.' });
    expect(await addPlaylistItem(jonas, { ...item, itemId: crypto.randomUUID(), url: 'javascript:alert(1)' })).toEqual({
      ok: false,
      error: 'Give the resource as an http:// or https:// link without spaces, of at most 2048 characters.',
    });

    // Mei's list takes resources from its curators only; Priya's is archived.
    expect(
      await addPlaylistItem(jonas, { ...item, itemId: crypto.randomUUID(), playlistId: MEIS_CURATED_ONLY }),
    ).toEqual({ ok: false, error: 'Only the curators of this playlist can add resources to it.' });
    expect(await addPlaylistItem(jonas, { ...item, itemId: crypto.randomUUID(), playlistId: PRIYAS_ARCHIVED })).toEqual(
      {
        ok: false,
        error: 'This playlist is archived; a curator can reopen it.',
      },
    );
    const ben = await signedIn('ben.carter@contoso.example');
    expect(await addPlaylistItem(ben, { ...item, itemId: crypto.randomUUID(), playlistId: GRACES })).toEqual({
      ok: false,
      error: 'This playlist does not exist or you cannot see it.',
    });
  });

  it('checks links in the client by the same rule as the database', async () => {
    const priya = await signedIn('priya.raman@northwind.example');
    const { playlistId } = await freshPlaylist(priya, 'Link rule check');
    const links = [
      'https://example.org/a?b=c#d',
      'HTTP://[::1]:8080/x',
      'http://localhost',
      'https://example.org/path_(with)-odd~chars;%20',
      'javascript:alert(1)',
      'ftp://example.org/file',
      'https://exa mple.org/',
      ' https://example.org/',
      'https://example.org/<script>',
      'https://example.org/a"b',
      'https://example.org/\u0007',
      'https://-example.org/',
      'https://user@example.org/',
      `https://example.org/${'a'.repeat(2030)}`,
    ];
    const verdicts = [];
    for (const url of links) {
      const answer = await addPlaylistItem(priya, { itemId: crypto.randomUUID(), playlistId, url, title: 'Link' });
      verdicts.push([url, answer.ok, resourceUrlProblem(url) === null]);
    }
    expect(verdicts.filter(([, database, client]) => database !== client)).toEqual([]);
    expect(verdicts.filter(([, database]) => database)).toHaveLength(4);
  });
});

describe('votes and curating', () => {
  it("votes up, changes and withdraws, never on one's own resource or an archived playlist", async () => {
    const sofia = await signedIn('sofia.marino@northwind.example');
    const amara = await signedIn('amara.okafor@northwind.example');
    const { playlistId } = await freshPlaylist(sofia, 'Regression, gently');
    const itemId = await add(
      sofia,
      playlistId,
      'https://seeing-theory.brown.edu/regression-analysis/',
      'Seeing Theory',
    );
    const vote = (value: -1 | 0 | 1) =>
      votePlaylistItem(amara, { voteId: crypto.randomUUID(), orgId: NORTHWIND, itemId, value });
    const seen = async () => (await itemsOf(amara, playlistId)).map((item) => [item.score, item.myVote]);

    expect(await vote(1)).toEqual({ ok: true });
    expect(await seen()).toEqual([[1, 1]]);
    expect(await vote(1)).toEqual({ ok: true });
    expect(await seen()).toEqual([[1, 1]]);
    expect(await vote(-1)).toEqual({ ok: true });
    expect(await seen()).toEqual([[-1, -1]]);
    expect(await vote(0)).toEqual({ ok: true });
    expect(await seen()).toEqual([[0, 0]]);

    expect(await votePlaylistItem(sofia, { voteId: crypto.randomUUID(), orgId: NORTHWIND, itemId, value: 1 })).toEqual({
      ok: false,
      error: VOTE_REFUSED,
    });

    expect(await vote(1)).toEqual({ ok: true });
    expect(await archivePlaylist(sofia, playlistId, true)).toEqual({ ok: true });
    expect(await vote(-1)).toEqual({ ok: false, error: VOTE_REFUSED });
    // A vote is the voter's own: it can be withdrawn whatever became of the playlist.
    expect(await vote(0)).toEqual({ ok: true });
    expect(await seen()).toEqual([[0, 0]]);
    expect(await vote(1)).toEqual({ ok: false, error: VOTE_REFUSED });
    expect(await archivePlaylist(sofia, playlistId, false)).toEqual({ ok: true });
    expect(await vote(1)).toEqual({ ok: true });
    expect(await seen()).toEqual([[1, 1]]);
  });

  it('lets curators move, remove and archive, and whoever added a resource remove it; refuses the rest', async () => {
    const grace = await signedIn('grace.liu@northwind.example');
    const amara = await signedIn('amara.okafor@northwind.example');
    const { playlistId, place } = await freshPlaylist(grace, 'Charts that work', 'course');
    const bar = await add(grace, playlistId, 'https://datavizcatalogue.com/methods/bar_chart.html', 'Bar charts');
    const line = await add(grace, playlistId, 'https://datavizcatalogue.com/methods/line_graph.html', 'Line graphs');
    const mine = await add(amara, playlistId, 'https://www.data-to-viz.com/', 'From data to viz');
    const curated = async () => (await itemsOf(grace, playlistId)).sort((a, b) => a.position - b.position);
    expect((await curated()).map((item) => item.title)).toEqual(['Bar charts', 'Line graphs', 'From data to viz']);

    const up = movedOrder(await curated(), mine, -1)!;
    expect(await reorderPlaylistItems(amara, playlistId, up)).toEqual({
      ok: false,
      error: 'Only the curators of this playlist can reorder it.',
    });
    expect(await reorderPlaylistItems(grace, playlistId, up)).toEqual({ ok: true });
    expect((await curated()).map((item) => item.title)).toEqual(['Bar charts', 'From data to viz', 'Line graphs']);

    expect(await removePlaylistItem(amara, bar)).toEqual({ ok: false, error: REMOVE_REFUSED });
    expect(await removePlaylistItem(amara, mine)).toEqual({ ok: true });
    expect(await archivePlaylist(amara, playlistId, true)).toEqual({
      ok: false,
      error: 'Only the curators of this playlist can archive or reopen it.',
    });
    expect(await archivePlaylist(grace, playlistId, true)).toEqual({ ok: true });
    expect((await playlistsOf(amara, place.key)).find((playlist) => playlist.id === playlistId)).toMatchObject({
      archived: true,
      itemCount: 2,
    });
    expect(await removePlaylistItem(grace, line)).toEqual({ ok: false, error: REMOVE_REFUSED });
    expect(await reorderPlaylistItems(grace, playlistId, [line, bar])).toEqual({
      ok: false,
      error: 'This playlist is archived; a curator can reopen it.',
    });

    expect(await archivePlaylist(grace, playlistId, false)).toEqual({ ok: true });
    expect(await removePlaylistItem(grace, line)).toEqual({ ok: true });
    expect((await curated()).map((item) => item.title)).toEqual(['Bar charts']);
  });

  it('says resources need a connection when the server cannot be reached', async () => {
    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    const needsConnection = { ok: false, error: "Resources need a connection. Try again when you're back online." };
    expect(await readPlaylists(unreachable, NORTHWIND, QUIZ)).toEqual(needsConnection);
    expect(await readPlaylistItems(unreachable, NORTHWIND, GRACES)).toEqual(needsConnection);
    expect(
      await createPlaylist(unreachable, NORTHWIND, {
        playlistId: crypto.randomUUID(),
        place: newLesson('cm:1325312'),
        scope: 'lesson',
        title: 'Offline',
      }),
    ).toEqual(needsConnection);
    expect(
      await addPlaylistItem(unreachable, {
        itemId: crypto.randomUUID(),
        playlistId: GRACES,
        url: 'https://a.org',
        title: 'A',
      }),
    ).toEqual(needsConnection);
    expect(
      await votePlaylistItem(unreachable, {
        voteId: crypto.randomUUID(),
        orgId: NORTHWIND,
        itemId: SELLING_ANSWERS,
        value: 1,
      }),
    ).toEqual(needsConnection);
    expect(await removePlaylistItem(unreachable, SELLING_ANSWERS)).toEqual(needsConnection);
  });
});
