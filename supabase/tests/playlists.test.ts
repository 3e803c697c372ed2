/**
 * Shared playlists: playlists, playlist_items, playlist_votes, playlist_moderation_actions and their
 * RPCs (create_playlist, set_playlist_curators, archive_playlist, delete_playlist, add_playlist_item,
 * reorder_playlist_items, moderate_playlist, playlist_list), as each persona of both orgs: what they
 * read, what they may do, the exact refusal, link validation, replays, score upkeep, reordering, the
 * rate limits, and the demo seed (supabase/seeds/30_playlists.sql).
 */
import { join } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeed, SUPABASE_DIR } from '../../scripts/backend/migrate.mjs';
import {
  asPersona,
  becomePersona,
  createMigratedDatabase,
  denialAs,
  rowsAs,
  type Denial,
  type Persona,
} from './support/database';
import {
  admin,
  anon,
  COURSE_KEY,
  learner,
  loadPersonaFixtures,
  memberB,
  mentor,
  moderator,
  ORG_A,
  ORG_B,
  PLACE_KEY,
  stranger,
} from './support/personas';

/** A course key of org A that is a string prefix of COURSE_KEY but not a course of PLACE_KEY. */
const NEAR_MISS_KEY = 'moodle|lms.example.edu|10';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  await db.query(
    `insert into public.places (org_id, key, platform, course_id, course_title) values ($1, $2, 'moodle', '10', 'Statistics 10')`,
    [ORG_A, NEAR_MISS_KEY],
  );
  // The demo seed and this feature's seed only, so other features' seeds cannot affect these tests.
  await applySeed(db, { paths: [join(SUPABASE_DIR, 'seed.sql'), join(SUPABASE_DIR, 'seeds', '30_playlists.sql')] });
});

afterAll(async () => {
  await db?.close();
});

const CREATE = 'select * from create_playlist($1, $2, $3, $4, $5)';
const CURATORS = 'select * from set_playlist_curators($1, $2)';
const ARCHIVE = 'select * from archive_playlist($1, $2)';
const DELETE = 'select * from delete_playlist($1, $2)';
const ADD = 'select * from add_playlist_item($1, $2, $3, $4, $5)';
const REORDER = 'select reorder_playlist_items($1, $2) as moved';
const MODERATE = 'select * from moderate_playlist($1, $2, $3, $4)';
const LIST = 'select * from playlist_list($1)';
const VOTE =
  'insert into playlist_votes (id, org_id, item_id, value) values ($1, $2, $3, $4) on conflict (id) do nothing';

interface Playlist {
  id: string;
  org_id: string;
  place_key: string;
  created_by: string | null;
  title: string;
  description: string | null;
  curator_ids: string[];
  members_can_add: boolean;
  archived_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
}

interface Item {
  id: string;
  org_id: string;
  playlist_id: string;
  url: string;
  title: string;
  note: string | null;
  position: number;
  score: number;
  added_by: string | null;
  hidden_at: Date | null;
  edited_at: Date | null;
}

const uuid = () => crypto.randomUUID();
let links = 0;
const nextUrl = () => `https://example.org/resources/${++links}`;

const create = async (
  tx: Transaction,
  {
    id = uuid(),
    place = PLACE_KEY,
    title = 'Statistics resources',
    description = null as string | null,
    membersCanAdd = true as boolean | null,
  } = {},
) => (await tx.query<Playlist>(CREATE, [id, place, title, description, membersCanAdd])).rows[0]!;
const add = async (
  tx: Transaction,
  playlist: string,
  { id = uuid(), url = nextUrl(), title = 'A resource', note = null as string | null } = {},
) => (await tx.query<Item>(ADD, [id, playlist, url, title, note])).rows[0]!;
const count = async (tx: Transaction, table: string) =>
  (await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;
const affected = async (tx: Transaction, sql: string, params: unknown[] = []) =>
  (await tx.query(sql, params)).affectedRows ?? 0;
/** The playlist's items as the current persona reads them, in curated order. */
const order = async (tx: Transaction, playlist: string) =>
  (
    await tx.query<{ id: string }>('select id from playlist_items where playlist_id = $1 order by position', [playlist])
  ).rows.map((row) => row.id);
/** Back to the session's superuser (postgres), e.g. to arrange rows no persona could write. */
const becomePostgres = (tx: Transaction) => tx.exec('reset role');

/** Runs `sql` in a savepoint and returns its refusal, or 'done' when it succeeds. */
async function attempt(tx: Transaction, sql: string, params: unknown[] = []): Promise<Denial | 'done'> {
  await tx.exec('savepoint attempt');
  try {
    await tx.query(sql, params);
    await tx.exec('release savepoint attempt');
    return 'done';
  } catch (error) {
    await tx.exec('rollback to savepoint attempt');
    const { code, message } = error as Denial;
    return { code, message };
  }
}

/** `creator` creates a playlist (at PLACE_KEY) with one item of theirs, then the transaction goes on as `then`. */
const playlistBy = async (
  tx: Transaction,
  creator: Persona,
  then: Persona,
  options: Parameters<typeof create>[1] = {},
) => {
  await becomePersona(tx, creator);
  const playlist = await create(tx, options);
  const item = await add(tx, playlist.id);
  await becomePersona(tx, then);
  return { playlist, item };
};

const denial = (code: string, message: string) => ({ code, message });
const NOT_FOUND = denial('P0001', 'This playlist does not exist or you cannot see it.');
const ARCHIVED = denial('P0001', 'This playlist is archived; a curator can reopen it.');
const HIDDEN = denial('P0001', 'A moderator has hidden this playlist; it takes no changes until they restore it.');
const BAD_LINK = denial(
  '22023',
  'Give the resource as an http:// or https:// link without spaces, of at most 2048 characters.',
);
const NOT_MODERATOR = denial('42501', 'Only moderators and admins can moderate.');
const denied = (table: string) => denial('42501', `permission denied for table ${table}`);
const deniedFunction = (fn: string) => denial('42501', `permission denied for function ${fn}`);
const rlsViolation = (table: string) =>
  denial('42501', `new row violates row-level security policy for table "${table}"`);

describe('create_playlist', () => {
  it.each([
    [learner, ORG_A],
    [mentor, ORG_A],
    [moderator, ORG_A],
    [admin, ORG_A],
    [memberB, ORG_B],
  ])('$label creates a playlist at a place of their org, trimmed, and curates it', async (persona, org) => {
    const row = await asPersona(db, persona, (tx) =>
      create(tx, { title: '  Quiz 1 revision  ', description: '  What helped me.  ' }),
    );
    expect(row).toMatchObject({
      org_id: org,
      place_key: PLACE_KEY,
      created_by: persona.userId,
      title: 'Quiz 1 revision',
      description: 'What helped me.',
      curator_ids: [],
      members_can_add: true,
      archived_at: null,
      hidden_at: null,
      deleted_at: null,
    });
  });

  it('stores a blank description as none and members_can_add as given', async () => {
    const row = await asPersona(db, learner, (tx) => create(tx, { description: '   ', membersCanAdd: false }));
    expect(row).toMatchObject({ description: null, members_can_add: false });
  });

  it('a replay returns the same row and adds none; another user cannot take the id', async () => {
    const id = uuid();
    const outcome = await asPersona(db, learner, async (tx) => {
      const first = await create(tx, { id });
      const replay = await create(tx, { id, title: 'Something else', place: COURSE_KEY });
      const rows = await count(tx, 'playlists');
      await becomePersona(tx, mentor);
      return { first, replay, rows, taken: await attempt(tx, CREATE, [id, PLACE_KEY, 'Mine', null, true]) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.rows).toBe(1);
    expect(outcome.taken).toEqual(denial('42501', 'This playlist id is already taken; generate a new one.'));
  });

  const TITLE = denial('22023', 'Give the playlist a title of 3 to 120 characters.');
  it.each<[string, unknown[], Denial]>([
    ['a title under 3 characters', [PLACE_KEY, '  ab ', null], TITLE],
    ['a title over 120 characters', [PLACE_KEY, 'x'.repeat(121), null], TITLE],
    ['no title', [PLACE_KEY, null, null], TITLE],
    [
      'a description over 2000 characters',
      [PLACE_KEY, 'Readings', 'x'.repeat(2001)],
      denial('22023', 'Keep the description to 2000 characters.'),
    ],
    [
      'a place that does not exist',
      ['moodle|lms.example.edu|999', 'Readings', null],
      denial('P0001', 'This place does not exist in your organisation.'),
    ],
    ['no place', [null, 'Readings', null], denial('P0001', 'This place does not exist in your organisation.')],
  ])('refuses %s', async (_label, args, refusal) => {
    expect(await denialAs(db, learner, CREATE, [uuid(), ...args, true])).toEqual(refusal);
  });

  it('refuses a place of another org, a null id, a non-member and anon', async () => {
    // Org B has the lesson but not the course.
    expect(await denialAs(db, memberB, CREATE, [uuid(), COURSE_KEY, 'Readings', null, true])).toEqual(
      denial('P0001', 'This place does not exist in your organisation.'),
    );
    expect(await denialAs(db, learner, CREATE, [null, PLACE_KEY, 'Readings', null, true])).toEqual(
      denial('22023', 'Give the playlist an id (a new UUID).'),
    );
    expect(await denialAs(db, stranger, CREATE, [uuid(), PLACE_KEY, 'Readings', null, true])).toEqual(
      denial('42501', 'Only members of an organisation can create playlists.'),
    );
    expect(await denialAs(db, anon, CREATE, [uuid(), PLACE_KEY, 'Readings', null, true])).toEqual(
      deniedFunction('create_playlist'),
    );
  });

  it('allows 10 playlists a day; the eleventh is PT429 with a sentence; a replay is not counted', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const ids = Array.from({ length: 10 }, uuid);
      for (const id of ids) await create(tx, { id });
      const replay = await attempt(tx, CREATE, [ids[0], PLACE_KEY, 'Readings', null, true]);
      const eleventh = await attempt(tx, CREATE, [uuid(), PLACE_KEY, 'Readings', null, true]);
      await becomePersona(tx, mentor);
      const someoneElse = await attempt(tx, CREATE, [uuid(), PLACE_KEY, 'Readings', null, true]);
      return { replay, eleventh, someoneElse, rows: await count(tx, 'playlists') };
    });
    expect(outcome).toEqual({
      replay: 'done',
      eleventh: denial('PT429', 'You have created 10 playlists in the last day. Try again in 24 hours.'),
      someoneElse: 'done',
      rows: 11,
    });
  });

  it('nobody writes the rule-bearing columns or rows directly', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, learner);
      return {
        insert: await attempt(
          tx,
          `insert into playlists (id, org_id, place_key, created_by, title) values ($1, $2, $3, $4, 'Mine')`,
          [uuid(), ORG_A, PLACE_KEY, learner.userId],
        ),
        curators: await attempt(tx, 'update playlists set curator_ids = $1 where id = $2', [
          [mentor.userId],
          playlist.id,
        ]),
        archive: await attempt(tx, 'update playlists set archived_at = now() where id = $1', [playlist.id]),
        unhide: await attempt(tx, 'update playlists set hidden_at = null where id = $1', [playlist.id]),
        remove: await attempt(tx, 'delete from playlists where id = $1', [playlist.id]),
        addItem: await attempt(
          tx,
          `insert into playlist_items (id, org_id, playlist_id, url, title, position) values ($1, $2, $3, 'https://a.example', 'x', 9)`,
          [uuid(), ORG_A, playlist.id],
        ),
        position: await attempt(tx, 'update playlist_items set position = 7 where id = $1', [item.id]),
        score: await attempt(tx, 'update playlist_items set score = 100 where id = $1', [item.id]),
        url: await attempt(tx, `update playlist_items set url = 'https://evil.example' where id = $1`, [item.id]),
        log: await attempt(
          tx,
          `insert into playlist_moderation_actions (org_id, action, target_kind, target_id, playlist_id) values ($1, 'hide', 'playlist', $2, $2)`,
          [ORG_A, playlist.id],
        ),
      };
    });
    expect(outcome).toEqual({
      insert: denied('playlists'),
      curators: denied('playlists'),
      archive: denied('playlists'),
      unhide: denied('playlists'),
      remove: denied('playlists'),
      addItem: denied('playlist_items'),
      position: denied('playlist_items'),
      score: denied('playlist_items'),
      url: denied('playlist_items'),
      log: denied('playlist_moderation_actions'),
    });
  });
});

describe('reading', () => {
  it('every member of the org reads its playlists and items; org B and non-members nothing; anon is refused', async () => {
    const seen = await asPersona(db, learner, async (tx) => {
      await playlistBy(tx, learner, learner);
      const reads: Record<string, { playlists: number; items: number }> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB, stranger]) {
        await becomePersona(tx, persona);
        reads[persona.label] = { playlists: await count(tx, 'playlists'), items: await count(tx, 'playlist_items') };
      }
      return reads;
    });
    const one = { playlists: 1, items: 1 };
    const none = { playlists: 0, items: 0 };
    expect(seen).toEqual({
      [learner.label]: one,
      [mentor.label]: one,
      [moderator.label]: one,
      [admin.label]: one,
      [memberB.label]: none,
      [stranger.label]: none,
    });
    for (const table of ['playlists', 'playlist_items', 'playlist_votes', 'playlist_moderation_actions']) {
      expect(await denialAs(db, anon, `select * from ${table}`)).toEqual(denied(table));
    }
    expect(await denialAs(db, anon, LIST, [PLACE_KEY])).toEqual(deniedFunction('playlist_list'));
  });

  it('org B’s playlists at the same lesson key stay in org B', async () => {
    const outcome = await asPersona(db, memberB, async (tx) => {
      const { playlist, item } = await playlistBy(tx, memberB, learner);
      return {
        playlist,
        seenByA: await count(tx, 'playlists'),
        listedForA: (await tx.query(LIST, [PLACE_KEY])).rows.length,
        addByA: await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]),
        voteByA: await attempt(tx, VOTE, [uuid(), ORG_B, item.id, 1]),
      };
    });
    expect(outcome.playlist.org_id).toBe(ORG_B);
    expect(outcome.seenByA).toBe(0);
    expect(outcome.listedForA).toBe(0);
    expect(outcome.addByA).toEqual(NOT_FOUND);
    expect(outcome.voteByA).toEqual(rlsViolation('playlist_votes'));
  });

  it('playlist_list shows the lesson’s own playlists first, then its course’s, with counts and names', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const lesson = await create(tx, { title: 'Quiz 1 revision' });
      await add(tx, lesson.id);
      await becomePersona(tx, mentor);
      const mentorItem = await add(tx, lesson.id);
      const course = await create(tx, { place: COURSE_KEY, title: 'Course readings' });
      const archived = await create(tx, { place: COURSE_KEY, title: 'Last term' });
      await tx.query(ARCHIVE, [archived.id, true]);
      await create(tx, { place: NEAR_MISS_KEY, title: 'Another course' });
      await becomePersona(tx, moderator);
      await tx.query(MODERATE, ['playlist_item', mentorItem.id, 'hide', 'Broken link.']);
      const list = async () =>
        (
          await tx.query<{ title: string; place_key: string; item_count: number; creator_name: string }>(LIST, [
            PLACE_KEY,
          ])
        ).rows.map((row) => [row.title, row.place_key, row.item_count, row.creator_name]);
      const asModerator = await list();
      await becomePersona(tx, learner);
      const asLearner = await list();
      const atCourse = (await tx.query<{ title: string }>(LIST, [COURSE_KEY])).rows.map((row) => row.title);
      await becomePersona(tx, memberB);
      const orgB = (await tx.query(LIST, [PLACE_KEY])).rows.length;
      return { course, asModerator, asLearner, atCourse, orgB };
    });
    expect(outcome.asLearner).toEqual([
      ['Quiz 1 revision', PLACE_KEY, 1, 'lena'],
      ['Course readings', COURSE_KEY, 0, 'milo'],
      ['Last term', COURSE_KEY, 0, 'milo'],
    ]);
    // The moderator also counts the item they hid.
    expect(outcome.asModerator[0]).toEqual(['Quiz 1 revision', PLACE_KEY, 2, 'lena']);
    expect(outcome.atCourse).toEqual(['Course readings', 'Last term']);
    expect(outcome.orgB).toBe(0);
  });
});

describe('set_playlist_curators', () => {
  it('the creator names co-curators (once each, never themselves), who may then curate; an empty list removes them', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      const named = (
        await tx.query<Playlist>(CURATORS, [playlist.id, [mentor.userId, learner.userId, mentor.userId, admin.userId]])
      ).rows[0]!;
      const again = (await tx.query<Playlist>(CURATORS, [playlist.id, [mentor.userId, admin.userId]])).rows[0]!;
      await becomePersona(tx, mentor);
      const mentorEdits = await affected(tx, `update playlists set title = 'Co-curated' where id = $1`, [playlist.id]);
      await becomePersona(tx, learner);
      const cleared = (await tx.query<Playlist>(CURATORS, [playlist.id, []])).rows[0]!;
      await becomePersona(tx, mentor);
      const mentorEditsAfter = await affected(tx, `update playlists set title = 'Not mine' where id = $1`, [
        playlist.id,
      ]);
      return { named, again, mentorEdits, cleared, mentorEditsAfter };
    });
    expect(outcome.named.curator_ids).toEqual([mentor.userId, admin.userId]);
    expect(outcome.again).toEqual(outcome.named);
    expect(outcome.mentorEdits).toBe(1);
    expect(outcome.cleared.curator_ids).toEqual([]);
    expect(outcome.mentorEditsAfter).toBe(0);
  });

  it('a moderator may choose them too; a co-curator, a peer, org B and anon may not', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      await tx.query(CURATORS, [playlist.id, [mentor.userId]]);
      await becomePersona(tx, moderator);
      const byModerator = (await tx.query<Playlist>(CURATORS, [playlist.id, [mentor.userId, admin.userId]])).rows[0]!;
      await becomePersona(tx, mentor);
      const byCoCurator = await attempt(tx, CURATORS, [playlist.id, [mentor.userId]]);
      await becomePersona(tx, memberB);
      const byOrgB = await attempt(tx, CURATORS, [playlist.id, [memberB.userId]]);
      await becomePersona(tx, stranger);
      const byStranger = await attempt(tx, CURATORS, [playlist.id, []]);
      return { byModerator, byCoCurator, byOrgB, byStranger };
    });
    expect(outcome.byModerator.curator_ids).toEqual([mentor.userId, admin.userId]);
    expect(outcome.byCoCurator).toEqual(
      denial('42501', 'Only the person who created this playlist, or a moderator, can choose its curators.'),
    );
    expect(outcome.byOrgB).toEqual(NOT_FOUND);
    expect(outcome.byStranger).toEqual(NOT_FOUND);
    expect(await denialAs(db, anon, CURATORS, [uuid(), []])).toEqual(deniedFunction('set_playlist_curators'));
  });

  it.each<[string, (string | null)[] | null, Denial]>([
    [
      'someone outside the org',
      [mentor.userId, memberB.userId],
      denial('P0001', 'This member does not exist or you cannot see them.'),
    ],
    [
      'more than 5 co-curators',
      Array.from({ length: 6 }, uuid),
      denial('22023', 'A playlist has at most 5 co-curators besides its creator.'),
    ],
    [
      'a null in the list',
      [mentor.userId, null],
      denial('22023', 'Give the co-curators as a list of members (an empty list removes them all).'),
    ],
    ['no list', null, denial('22023', 'Give the co-curators as a list of members (an empty list removes them all).')],
  ])('refuses %s', async (_label, curators, refusal) => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      return attempt(tx, CURATORS, [playlist.id, curators]);
    });
    expect(outcome).toEqual(refusal);
  });
});

describe('editing a playlist (plain update)', () => {
  it('its curators edit title, description and members_can_add; nobody else, and not once archived', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      const edit = `update playlists set title = 'Renamed', description = 'Now with videos', members_can_add = false where id = $1`;
      const byCreator = await affected(tx, edit, [playlist.id]);
      const row = (await tx.query<Playlist>('select * from playlists where id = $1', [playlist.id])).rows[0]!;
      const tooLong = await attempt(tx, 'update playlists set title = $1 where id = $2', [
        'x'.repeat(121),
        playlist.id,
      ]);
      const byPeer: Record<string, number> = {};
      for (const persona of [mentor, moderator, admin, memberB, stranger]) {
        await becomePersona(tx, persona);
        byPeer[persona.label] = await affected(tx, edit, [playlist.id]);
      }
      await becomePersona(tx, learner);
      await tx.query(ARCHIVE, [playlist.id, true]);
      const whenArchived = await affected(tx, edit, [playlist.id]);
      return { byCreator, row, tooLong, byPeer, whenArchived };
    });
    expect(outcome.byCreator).toBe(1);
    expect(outcome.row).toMatchObject({ title: 'Renamed', description: 'Now with videos', members_can_add: false });
    expect(outcome.tooLong).toEqual(
      denial('23514', 'new row for relation "playlists" violates check constraint "playlists_title_length"'),
    );
    expect(Object.values(outcome.byPeer)).toEqual([0, 0, 0, 0, 0]);
    expect(outcome.whenArchived).toBe(0);
  });
});

describe('add_playlist_item', () => {
  it('any member adds resources to an open playlist, each at the end, trimmed, stored as given', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, mentor);
      const byMentor = await add(tx, playlist.id, {
        url: 'HTTPS://Example.org/Stats?Chapter=1#Levels',
        title: '  Levels of measurement  ',
        note: '  Chapter 1.  ',
      });
      await becomePersona(tx, admin);
      const byAdmin = await add(tx, playlist.id, { note: '   ' });
      return { playlist, item, byMentor, byAdmin };
    });
    expect(outcome.item).toMatchObject({ org_id: ORG_A, position: 1, added_by: learner.userId, score: 0 });
    expect(outcome.byMentor).toMatchObject({
      org_id: ORG_A,
      playlist_id: outcome.playlist.id,
      url: 'HTTPS://Example.org/Stats?Chapter=1#Levels',
      title: 'Levels of measurement',
      note: 'Chapter 1.',
      position: 2,
      score: 0,
      added_by: mentor.userId,
      hidden_at: null,
      edited_at: null,
    });
    expect(outcome.byAdmin).toMatchObject({ position: 3, note: null, added_by: admin.userId });
  });

  it('a replay returns the same item and adds none; another user cannot take the id', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, mentor);
      const id = uuid();
      const first = await add(tx, playlist.id, { id });
      const replay = await add(tx, playlist.id, { id, title: 'Changed', url: nextUrl() });
      const rows = await count(tx, 'playlist_items');
      await becomePersona(tx, admin);
      return { first, replay, rows, taken: await attempt(tx, ADD, [id, playlist.id, nextUrl(), 'Mine', null]) };
    });
    expect(outcome.replay).toEqual(outcome.first);
    expect(outcome.rows).toBe(2);
    expect(outcome.taken).toEqual(denial('42501', 'This item id is already taken; generate a new one.'));
  });

  it.each<[string, string | null]>([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['JavaScript: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: disguised with a later https://', 'javascript:alert(1)//https://example.org'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.org/notes.pdf'],
    ['mailto:', 'mailto:tutor@example.org'],
    ['a link without a scheme', 'example.org/notes'],
    ['a protocol-relative link', '//example.org/notes'],
    ['a scheme without a host', 'https://'],
    ['a leading space', ' https://example.org/notes'],
    ['a trailing newline', 'https://example.org/notes\n'],
    ['a space inside', 'https://example.org/my notes.pdf'],
    ['a tab inside', 'https://example.org/my\tnotes'],
    ['angle brackets', 'https://example.org/"><script>alert(1)</script>'],
    ['a backslash', 'https://example.org\\@evil.example'],
    ['a link over 2048 characters', `https://example.org/${'a'.repeat(2029)}`],
    ['an empty link', ''],
    ['no link', null],
  ])('refuses %s (22023)', async (_label, url) => {
    const refusal = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      return attempt(tx, ADD, [uuid(), playlist.id, url, 'A resource', null]);
    });
    expect(refusal).toEqual(BAD_LINK);
  });

  it('refuses a user name or password in the link with its own sentence', async () => {
    const refusal = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      return attempt(tx, ADD, [uuid(), playlist.id, 'https://lena:hunter2@example.org/notes', 'Notes', null]);
    });
    expect(refusal).toEqual(denial('22023', 'Leave user names and passwords out of the link.'));
  });

  it.each([
    ['http', 'http://example.org/notes'],
    ['a host with a port', 'http://localhost:8080/course/view.php?id=4021'],
    ['an IPv6 address', 'https://[2001:db8::1]:8443/slides'],
    ['a query and a fragment', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s#comments'],
    ['non-ASCII in the path', 'https://de.wikipedia.org/wiki/Skalenniveau_(Äquidistanz)'],
    ['exactly 2048 characters', `https://example.org/${'a'.repeat(2028)}`],
  ])('accepts %s, exactly as given', async (_label, url) => {
    const item = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      return add(tx, playlist.id, { url });
    });
    expect(item.url).toBe(url);
  });

  it.each<[string, string | null, string | null, Denial]>([
    ['no title', null, null, denial('22023', 'Give the resource a title of 1 to 200 characters.')],
    ['a blank title', '   ', null, denial('22023', 'Give the resource a title of 1 to 200 characters.')],
    [
      'a title over 200 characters',
      'x'.repeat(201),
      null,
      denial('22023', 'Give the resource a title of 1 to 200 characters.'),
    ],
    ['a note over 1000 characters', 'Notes', 'x'.repeat(1001), denial('22023', 'Keep the note to 1000 characters.')],
  ])('refuses %s (22023)', async (_label, title, note, refusal) => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      return attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), title, note]);
    });
    expect(outcome).toEqual(refusal);
  });

  it('with members_can_add off, only its curators add; a moderator is no exception', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner, { membersCanAdd: false });
      await tx.query(CURATORS, [playlist.id, [mentor.userId]]);
      const byCreator = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]);
      await becomePersona(tx, mentor);
      const byCoCurator = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]);
      await becomePersona(tx, moderator);
      const byModerator = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]);
      await becomePersona(tx, admin);
      const byAdmin = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]);
      return { byCreator, byCoCurator, byModerator, byAdmin, rows: await count(tx, 'playlist_items') };
    });
    const CURATORS_ONLY = denial('42501', 'Only the curators of this playlist can add resources to it.');
    expect(outcome).toEqual({
      byCreator: 'done',
      byCoCurator: 'done',
      byModerator: CURATORS_ONLY,
      byAdmin: CURATORS_ONLY,
      rows: 3,
    });
  });

  it('refuses a link already in the playlist, even one hidden from the caller, and a full playlist', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, mentor);
      const again = await attempt(tx, ADD, [uuid(), playlist.id, item.url, 'Same link', null]);
      await becomePersona(tx, moderator);
      await tx.query(MODERATE, ['playlist_item', item.id, 'hide', 'Spam.']);
      await becomePersona(tx, mentor);
      const hiddenAgain = await attempt(tx, ADD, [uuid(), playlist.id, item.url, 'Same link', null]);
      // 98 more items (older than an hour, so the rate limit does not count them): 99 in all.
      await becomePostgres(tx);
      await tx.query(
        `insert into playlist_items (id, org_id, playlist_id, url, title, position, added_by, created_at)
         select gen_random_uuid(), $1, $2, 'https://example.org/bulk/' || n, 'Bulk ' || n, n + 1, $3, now() - interval '1 day'
         from generate_series(1, 98) as n`,
        [ORG_A, playlist.id, mentor.userId],
      );
      await becomePersona(tx, mentor);
      const hundredth = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'The 100th', null]);
      const full = await attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'One too many', null]);
      return { again, hiddenAgain, hundredth, full };
    });
    expect(outcome).toEqual({
      again: denial('P0001', 'This link is already in the playlist.'),
      hiddenAgain: denial('P0001', 'This link is already in the playlist.'),
      hundredth: 'done',
      full: denial('P0001', 'This playlist is full (100 resources). Remove one before adding another.'),
    });
  });

  it('refuses an archived, hidden or deleted playlist, another org’s, a non-member and anon', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      const tryAdd = () => attempt(tx, ADD, [uuid(), playlist.id, nextUrl(), 'x', null]);
      await tx.query(ARCHIVE, [playlist.id, true]);
      const archivedForCurator = await tryAdd();
      await becomePersona(tx, mentor);
      const archivedForPeer = await tryAdd();
      await becomePersona(tx, learner);
      await tx.query(ARCHIVE, [playlist.id, false]);
      await becomePersona(tx, moderator);
      await tx.query(MODERATE, ['playlist', playlist.id, 'hide', 'Off topic.']);
      const hiddenForModerator = await tryAdd();
      await becomePersona(tx, learner);
      const hiddenForCurator = await tryAdd();
      await becomePersona(tx, mentor);
      const hiddenForPeer = await tryAdd();
      await becomePersona(tx, memberB);
      const otherOrg = await tryAdd();
      await becomePersona(tx, stranger);
      const nonMember = await tryAdd();
      await becomePersona(tx, learner);
      await tx.query(DELETE, [playlist.id, null]);
      const deleted = await tryAdd();
      const missing = await attempt(tx, ADD, [uuid(), uuid(), nextUrl(), 'x', null]);
      return {
        archivedForCurator,
        archivedForPeer,
        hiddenForModerator,
        hiddenForCurator,
        hiddenForPeer,
        otherOrg,
        nonMember,
        deleted,
        missing,
      };
    });
    expect(outcome).toEqual({
      archivedForCurator: ARCHIVED,
      archivedForPeer: ARCHIVED,
      hiddenForModerator: HIDDEN,
      hiddenForCurator: HIDDEN,
      hiddenForPeer: NOT_FOUND,
      otherOrg: NOT_FOUND,
      nonMember: NOT_FOUND,
      deleted: NOT_FOUND,
      missing: NOT_FOUND,
    });
    expect(await denialAs(db, anon, ADD, [uuid(), uuid(), nextUrl(), 'x', null])).toEqual(
      deniedFunction('add_playlist_item'),
    );
  });

  it('allows 30 resources an hour; the 31st is PT429 with a sentence; a replay is not counted', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const first = await create(tx);
      const second = await create(tx);
      const ids = Array.from({ length: 30 }, uuid);
      for (const [n, id] of ids.entries()) await add(tx, n < 15 ? first.id : second.id, { id });
      const replay = await attempt(tx, ADD, [ids[0], first.id, nextUrl(), 'x', null]);
      const thirtyFirst = await attempt(tx, ADD, [uuid(), second.id, nextUrl(), 'x', null]);
      await becomePersona(tx, mentor);
      const someoneElse = await attempt(tx, ADD, [uuid(), second.id, nextUrl(), 'x', null]);
      return { replay, thirtyFirst, someoneElse, rows: await count(tx, 'playlist_items') };
    });
    expect(outcome).toEqual({
      replay: 'done',
      thirtyFirst: denial(
        'PT429',
        'You have added 30 resources to playlists in the last hour. Try again in 60 minutes.',
      ),
      someoneElse: 'done',
      rows: 31,
    });
  });
});

describe('editing and removing items (plain writes)', () => {
  it('whoever added an item edits its title and note (edited_at records it); nobody else, and never its link', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, mentor);
      const mine = await add(tx, playlist.id);
      const edit = `update playlist_items set title = 'Better title', note = 'Watch from 3:00.' where id = $1`;
      const own = await affected(tx, edit, [mine.id]);
      const edited = (await tx.query<Item>('select * from playlist_items where id = $1', [mine.id])).rows[0]!;
      const blankNote = await attempt(tx, `update playlist_items set note = '  ' where id = $1`, [mine.id]);
      const othersByPeer = await affected(tx, edit, [item.id]);
      await becomePersona(tx, learner);
      const othersByCurator = await affected(tx, edit, [mine.id]);
      const link = await attempt(tx, `update playlist_items set url = 'https://example.org/x' where id = $1`, [
        item.id,
      ]);
      await becomePersona(tx, memberB);
      const othersByOrgB = await affected(tx, edit, [item.id]);
      return { own, edited, blankNote, othersByPeer, othersByCurator, link, othersByOrgB };
    });
    expect(outcome.own).toBe(1);
    expect(outcome.edited).toMatchObject({ title: 'Better title', note: 'Watch from 3:00.' });
    expect(outcome.edited.edited_at).toBeInstanceOf(Date);
    expect(outcome.blankNote).toEqual(
      denial('23514', 'new row for relation "playlist_items" violates check constraint "playlist_items_note_length"'),
    );
    expect(outcome.othersByPeer).toBe(0);
    expect(outcome.othersByCurator).toBe(0);
    expect(outcome.link).toEqual(denied('playlist_items'));
    expect(outcome.othersByOrgB).toBe(0);
  });

  it('curators remove any item and whoever added one removes it, with its votes; a peer cannot, nor anyone once archived', async () => {
    const remove = 'delete from playlist_items where id = $1';
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, mentor);
      const mentorItem = await add(tx, playlist.id);
      await becomePersona(tx, admin);
      const adminItem = await add(tx, playlist.id);
      await becomePersona(tx, moderator);
      await tx.query(VOTE, [uuid(), ORG_A, adminItem.id, 1]);
      await becomePersona(tx, mentor);
      const peerRemovesOthers = await affected(tx, remove, [adminItem.id]);
      await becomePersona(tx, memberB);
      const orgBRemoves = await affected(tx, remove, [adminItem.id]);
      await becomePersona(tx, learner);
      const curatorRemoves = await affected(tx, remove, [adminItem.id]);
      await becomePersona(tx, moderator);
      const moderatorsVotes = await count(tx, 'playlist_votes');
      await becomePersona(tx, learner);
      await tx.query(ARCHIVE, [playlist.id, true]);
      await becomePersona(tx, mentor);
      const whenArchived = await affected(tx, remove, [mentorItem.id]);
      await becomePersona(tx, learner);
      await tx.query(ARCHIVE, [playlist.id, false]);
      await becomePersona(tx, mentor);
      const adderRemoves = await affected(tx, remove, [mentorItem.id]);
      const left = await order(tx, playlist.id);
      return {
        peerRemovesOthers,
        orgBRemoves,
        curatorRemoves,
        moderatorsVotes,
        whenArchived,
        adderRemoves,
        left,
        item,
      };
    });
    expect(outcome).toEqual({
      peerRemovesOthers: 0,
      orgBRemoves: 0,
      curatorRemoves: 1,
      moderatorsVotes: 0,
      whenArchived: 0,
      adderRemoves: 1,
      left: [outcome.item.id],
      item: outcome.item,
    });
  });
});

describe('reorder_playlist_items', () => {
  it('a curator puts the listed items first in that order, the rest after; a replay moves nothing', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const playlist = await create(tx);
      const [a, b, c, d] = [
        await add(tx, playlist.id),
        await add(tx, playlist.id),
        await add(tx, playlist.id),
        await add(tx, playlist.id),
      ].map((row) => row.id);
      const reverse = [d!, c!, b!, a!];
      const reversed = (await tx.query<{ moved: number }>(REORDER, [playlist.id, reverse])).rows[0]!.moved;
      const afterReverse = await order(tx, playlist.id);
      const replay = (await tx.query<{ moved: number }>(REORDER, [playlist.id, reverse])).rows[0]!.moved;
      const partial = (await tx.query<{ moved: number }>(REORDER, [playlist.id, [b]])).rows[0]!.moved;
      const afterPartial = await order(tx, playlist.id);
      // Added by a peer since: it goes at the end. Removing one leaves a gap that reordering closes.
      await becomePersona(tx, mentor);
      const e = (await add(tx, playlist.id)).id;
      await becomePersona(tx, learner);
      await tx.query('delete from playlist_items where id = $1', [d]);
      const gap = (
        await tx.query<{ position: number }>(
          'select position from playlist_items where playlist_id = $1 order by position',
          [playlist.id],
        )
      ).rows.map((row) => row.position);
      const closed = (await tx.query<{ moved: number }>(REORDER, [playlist.id, []])).rows[0]!.moved;
      const positions = (
        await tx.query<{ id: string; position: number }>(
          'select id, position from playlist_items where playlist_id = $1 order by position',
          [playlist.id],
        )
      ).rows;
      return { ids: { a, b, c, d, e }, reversed, afterReverse, replay, partial, afterPartial, gap, closed, positions };
    });
    const { a, b, c, d, e } = outcome.ids;
    expect(outcome.reversed).toBe(4);
    expect(outcome.afterReverse).toEqual([d, c, b, a]);
    expect(outcome.replay).toBe(0);
    expect(outcome.partial).toBe(3);
    expect(outcome.afterPartial).toEqual([b, d, c, a]);
    expect(outcome.gap).toEqual([1, 3, 4, 5]);
    expect(outcome.closed).toBe(3);
    expect(outcome.positions).toEqual([
      { id: b, position: 1 },
      { id: c, position: 2 },
      { id: a, position: 3 },
      { id: e, position: 4 },
    ]);
  });

  it('a co-curator may reorder; a peer, a moderator, org B and anon may not', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, learner);
      await tx.query(CURATORS, [playlist.id, [mentor.userId]]);
      const tryReorder = () => attempt(tx, REORDER, [playlist.id, [item.id]]);
      await becomePersona(tx, mentor);
      const byCoCurator = await tryReorder();
      const reads: Record<string, Denial | 'done'> = {};
      for (const persona of [moderator, admin, memberB, stranger]) {
        await becomePersona(tx, persona);
        reads[persona.label] = await tryReorder();
      }
      return { byCoCurator, reads };
    });
    const NOT_CURATOR = denial('42501', 'Only the curators of this playlist can reorder it.');
    expect(outcome.byCoCurator).toBe('done');
    expect(outcome.reads).toEqual({
      [moderator.label]: NOT_CURATOR,
      [admin.label]: NOT_CURATOR,
      [memberB.label]: NOT_FOUND,
      [stranger.label]: NOT_FOUND,
    });
    expect(await denialAs(db, anon, REORDER, [uuid(), []])).toEqual(deniedFunction('reorder_playlist_items'));
  });

  it('refuses an item listed twice, a null, an item of another playlist, and an archived playlist', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, learner);
      const other = await create(tx);
      const elsewhere = await add(tx, other.id);
      const twice = await attempt(tx, REORDER, [playlist.id, [item.id, item.id]]);
      const withNull = await attempt(tx, REORDER, [playlist.id, [item.id, null]]);
      const noList = await attempt(tx, REORDER, [playlist.id, null]);
      const stale = await attempt(tx, REORDER, [playlist.id, [elsewhere.id, item.id]]);
      await tx.query(ARCHIVE, [playlist.id, true]);
      const archived = await attempt(tx, REORDER, [playlist.id, [item.id]]);
      return { twice, withNull, noList, stale, archived };
    });
    const EACH_ONCE = denial('22023', 'List the items in their new order, each once.');
    expect(outcome).toEqual({
      twice: EACH_ONCE,
      withNull: EACH_ONCE,
      noList: EACH_ONCE,
      stale: denial('P0001', 'Some of these items are no longer in the playlist; reload it and try again.'),
      archived: ARCHIVED,
    });
  });
});

describe('playlist votes and scores', () => {
  it('a vote moves the score once, however often the insert is replayed; changing and withdrawing follow', async () => {
    const scores = await asPersona(db, learner, async (tx) => {
      const { item } = await playlistBy(tx, learner, mentor);
      const read = async () =>
        (await tx.query<{ score: number }>('select score from playlist_items where id = $1', [item.id])).rows[0]!.score;
      const id = uuid();
      await tx.query(VOTE, [id, ORG_A, item.id, 1]);
      const afterVote = await read();
      await tx.query(VOTE, [id, ORG_A, item.id, 1]);
      const afterReplay = await read();
      await becomePersona(tx, admin);
      await tx.query(VOTE, [uuid(), ORG_A, item.id, 1]);
      const afterSecondVoter = await read();
      await becomePersona(tx, mentor);
      await tx.query('update playlist_votes set value = -1 where id = $1', [id]);
      const afterChange = await read();
      await tx.query('delete from playlist_votes where id = $1', [id]);
      return [afterVote, afterReplay, afterSecondVoter, afterChange, await read()];
    });
    expect(scores).toEqual([1, 1, 2, 0, 1]);
  });

  it('sorting by score puts the most useful first, curated order breaking ties', async () => {
    const titles = await asPersona(db, learner, async (tx) => {
      const playlist = await create(tx);
      const [a, b, c] = [
        await add(tx, playlist.id, { title: 'A' }),
        await add(tx, playlist.id, { title: 'B' }),
        await add(tx, playlist.id, { title: 'C' }),
      ];
      for (const [persona, item, value] of [
        [mentor, c, 1],
        [admin, c, 1],
        [mentor, a, -1],
        [admin, b, 1],
        [moderator, a, 1],
      ] as const) {
        await becomePersona(tx, persona);
        await tx.query(VOTE, [uuid(), ORG_A, item.id, value]);
      }
      await becomePersona(tx, learner);
      return (
        await tx.query<{ title: string; score: number }>(
          'select title, score from playlist_items where playlist_id = $1 order by score desc, position',
          [playlist.id],
        )
      ).rows;
    });
    expect(titles).toEqual([
      { title: 'C', score: 2 },
      { title: 'B', score: 1 },
      { title: 'A', score: 0 },
    ]);
  });

  it('each voter reads only their own votes', async () => {
    const reads = await asPersona(db, learner, async (tx) => {
      const { item } = await playlistBy(tx, learner, mentor);
      await tx.query(VOTE, [uuid(), ORG_A, item.id, 1]);
      const seen: Record<string, number> = {};
      for (const persona of [learner, mentor, moderator, admin, memberB, stranger]) {
        await becomePersona(tx, persona);
        seen[persona.label] = await count(tx, 'playlist_votes');
      }
      return seen;
    });
    expect(reads).toEqual({
      [learner.label]: 0,
      [mentor.label]: 1,
      [moderator.label]: 0,
      [admin.label]: 0,
      [memberB.label]: 0,
      [stranger.label]: 0,
    });
  });

  it('one vote per member per item, +1 or -1, never on one’s own, a hidden item, an archived playlist or for someone else', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, learner);
      const own = await attempt(tx, VOTE, [uuid(), ORG_A, item.id, 1]);
      await becomePersona(tx, mentor);
      await tx.query(VOTE, [uuid(), ORG_A, item.id, 1]);
      const second = await attempt(tx, VOTE, [uuid(), ORG_A, item.id, -1]);
      const two = await attempt(tx, VOTE, [uuid(), ORG_A, item.id, 2]);
      const forSomeoneElse = await attempt(
        tx,
        'insert into playlist_votes (id, org_id, item_id, user_id, value) values ($1, $2, $3, $4, 1)',
        [uuid(), ORG_A, item.id, admin.userId],
      );
      await becomePersona(tx, stranger);
      const nonMember = await attempt(tx, VOTE, [uuid(), ORG_A, item.id, 1]);
      await becomePersona(tx, learner);
      const hiddenItem = await add(tx, playlist.id);
      await becomePersona(tx, moderator);
      await tx.query(MODERATE, ['playlist_item', hiddenItem.id, 'hide', 'Spam.']);
      await becomePersona(tx, admin);
      const hidden = await attempt(tx, VOTE, [uuid(), ORG_A, hiddenItem.id, 1]);
      await becomePersona(tx, learner);
      await tx.query(ARCHIVE, [playlist.id, true]);
      await becomePersona(tx, admin);
      const archived = await attempt(tx, VOTE, [uuid(), ORG_A, item.id, 1]);
      await becomePersona(tx, mentor);
      const changeWhenArchived = await attempt(tx, 'update playlist_votes set value = -1');
      const withdrawWhenArchived = await affected(tx, 'delete from playlist_votes');
      return {
        own,
        second,
        two,
        forSomeoneElse,
        nonMember,
        hidden,
        archived,
        changeWhenArchived,
        withdrawWhenArchived,
      };
    });
    expect(outcome).toEqual({
      own: rlsViolation('playlist_votes'),
      second: denial('23505', 'duplicate key value violates unique constraint "playlist_votes_one_per_user_per_item"'),
      two: denial(
        '23514',
        'new row for relation "playlist_votes" violates check constraint "playlist_votes_value_up_or_down"',
      ),
      forSomeoneElse: rlsViolation('playlist_votes'),
      nonMember: rlsViolation('playlist_votes'),
      hidden: rlsViolation('playlist_votes'),
      archived: rlsViolation('playlist_votes'),
      // A vote stays the voter's own: it can be withdrawn, not changed, once the playlist is archived.
      changeWhenArchived: rlsViolation('playlist_votes'),
      withdrawWhenArchived: 1,
    });
  });
});

describe('moderate_playlist', () => {
  it.each([moderator, admin])(
    '$label hides an item: peers stop reading it, its adder and moderators still do; logged',
    async (persona) => {
      const outcome = await asPersona(db, learner, async (tx) => {
        const { playlist } = await playlistBy(tx, learner, mentor);
        const item = await add(tx, playlist.id);
        await becomePersona(tx, persona);
        const logged = (await tx.query(MODERATE, ['playlist_item', item.id, 'hide', '  Selling answers.  '])).rows[0];
        const reads: Record<string, number> = {};
        for (const reader of [learner, mentor, moderator, admin]) {
          await becomePersona(tx, reader);
          reads[reader.label] = (await tx.query('select id from playlist_items where id = $1', [item.id])).rows.length;
        }
        await becomePersona(tx, persona);
        await tx.query(MODERATE, ['playlist_item', item.id, 'restore', 'Seller removed the offer.']);
        await becomePersona(tx, learner);
        const afterRestore = (await tx.query('select id from playlist_items where id = $1', [item.id])).rows.length;
        const learnerLog = await count(tx, 'playlist_moderation_actions');
        await becomePersona(tx, moderator);
        const log = (
          await tx.query<{ action: string }>(
            'select action from playlist_moderation_actions order by created_at, action',
          )
        ).rows;
        return { playlist, item, logged, reads, afterRestore, learnerLog, log };
      });
      expect(outcome.logged).toMatchObject({
        org_id: ORG_A,
        actor_id: persona.userId,
        action: 'hide',
        target_kind: 'playlist_item',
        target_id: outcome.item.id,
        playlist_id: outcome.playlist.id,
        reason: 'Selling answers.',
      });
      expect(outcome.reads).toEqual({
        [learner.label]: 0,
        [mentor.label]: 1,
        [moderator.label]: 1,
        [admin.label]: 1,
      });
      expect(outcome.afterRestore).toBe(1);
      expect(outcome.learnerLog).toBe(0);
      expect(outcome.log.map((row) => row.action)).toEqual(['hide', 'restore']);
    },
  );

  it('a hidden playlist is read by its curators and moderators only, items included; restoring brings it back', async () => {
    const outcome = await asPersona(db, mentor, async (tx) => {
      const { playlist } = await playlistBy(tx, mentor, moderator);
      await tx.query(MODERATE, ['playlist', playlist.id, 'hide', 'Off topic.']);
      const reads: Record<string, [number, number]> = {};
      const read = async (persona: Persona) => {
        await becomePersona(tx, persona);
        reads[persona.label] = [await count(tx, 'playlists'), await count(tx, 'playlist_items')];
      };
      for (const persona of [learner, mentor, moderator, admin, memberB]) await read(persona);
      const before = { ...reads };
      await becomePersona(tx, mentor);
      await tx.query(CURATORS, [playlist.id, [learner.userId]]);
      await read(learner);
      const asCoCurator = reads[learner.label];
      await becomePersona(tx, admin);
      await tx.query(MODERATE, ['playlist', playlist.id, 'restore', 'Moved to the right course.']);
      await tx.query(CURATORS, [playlist.id, []]);
      await read(learner);
      return { before, asCoCurator, afterRestore: reads[learner.label] };
    });
    expect(outcome.before).toEqual({
      [learner.label]: [0, 0],
      [mentor.label]: [1, 1],
      [moderator.label]: [1, 1],
      [admin.label]: [1, 1],
      [memberB.label]: [0, 0],
    });
    expect(outcome.asCoCurator).toEqual([1, 1]);
    expect(outcome.afterRestore).toEqual([1, 1]);
  });

  it('refuses members who are not moderators, another org, bad arguments and anon', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist, item } = await playlistBy(tx, learner, learner);
      const results: Record<string, Denial | 'done'> = {};
      for (const persona of [learner, mentor, memberB, stranger]) {
        await becomePersona(tx, persona);
        results[persona.label] = await attempt(tx, MODERATE, ['playlist', playlist.id, 'hide', 'Spam.']);
      }
      await becomePersona(tx, memberB);
      results.itemOtherOrg = await attempt(tx, MODERATE, ['playlist_item', item.id, 'hide', 'Spam.']);
      await becomePersona(tx, moderator);
      results.kind = await attempt(tx, MODERATE, ['thread', playlist.id, 'hide', 'Spam.']);
      results.action = await attempt(tx, MODERATE, ['playlist', playlist.id, 'lock', 'Spam.']);
      results.noReason = await attempt(tx, MODERATE, ['playlist', playlist.id, 'hide', '  ']);
      results.longReason = await attempt(tx, MODERATE, ['playlist', playlist.id, 'hide', 'x'.repeat(501)]);
      results.missingItem = await attempt(tx, MODERATE, ['playlist_item', uuid(), 'hide', 'Spam.']);
      return results;
    });
    const REASON = denial('22023', 'Say why, in 1 to 500 characters: it is kept in the moderation log.');
    expect(outcome).toEqual({
      [learner.label]: NOT_MODERATOR,
      [mentor.label]: NOT_MODERATOR,
      [memberB.label]: NOT_FOUND,
      [stranger.label]: NOT_FOUND,
      itemOtherOrg: denial('P0001', 'This playlist item does not exist or you cannot see it.'),
      kind: denial('22023', 'You can moderate a playlist or a playlist_item (target_kind).'),
      action: denial('22023', 'A playlist or a playlist item can be hidden or restored.'),
      noReason: REASON,
      longReason: REASON,
      missingItem: denial('P0001', 'This playlist item does not exist or you cannot see it.'),
    });
    expect(await denialAs(db, anon, MODERATE, ['playlist', uuid(), 'hide', 'Spam.'])).toEqual(
      deniedFunction('moderate_playlist'),
    );
  });
});

describe('archive_playlist', () => {
  it('a curator archives: still read by every member, read-only; archiving again changes nothing; reopening works', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      await tx.query(CURATORS, [playlist.id, [mentor.userId]]);
      await becomePersona(tx, mentor);
      const archived = (await tx.query<Playlist>(ARCHIVE, [playlist.id, true])).rows[0]!;
      const again = (await tx.query<Playlist>(ARCHIVE, [playlist.id, true])).rows[0]!;
      const reads: number[] = [];
      for (const persona of [learner, moderator, admin]) {
        await becomePersona(tx, persona);
        reads.push(await count(tx, 'playlists'));
      }
      await becomePersona(tx, learner);
      const reopened = (await tx.query<Playlist>(ARCHIVE, [playlist.id, false])).rows[0]!;
      return { archived, again, reads, reopened };
    });
    expect(outcome.archived.archived_at).toBeInstanceOf(Date);
    expect(outcome.again).toEqual(outcome.archived);
    expect(outcome.reads).toEqual([1, 1, 1]);
    expect(outcome.reopened.archived_at).toBeNull();
  });

  it('refuses a peer, a moderator, another org, a null choice and anon', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      const results: Record<string, Denial | 'done'> = {};
      results.noChoice = await attempt(tx, ARCHIVE, [playlist.id, null]);
      for (const persona of [mentor, moderator, memberB]) {
        await becomePersona(tx, persona);
        results[persona.label] = await attempt(tx, ARCHIVE, [playlist.id, true]);
      }
      return results;
    });
    const NOT_CURATOR = denial('42501', 'Only the curators of this playlist can archive or reopen it.');
    expect(outcome).toEqual({
      noChoice: denial('22023', 'Say whether to archive the playlist (true) or reopen it (false).'),
      [mentor.label]: NOT_CURATOR,
      [moderator.label]: NOT_CURATOR,
      [memberB.label]: NOT_FOUND,
    });
    expect(await denialAs(db, anon, ARCHIVE, [uuid(), true])).toEqual(deniedFunction('archive_playlist'));
  });
});

describe('delete_playlist', () => {
  it.each([learner, moderator, admin])(
    '$label deletes it: gone for everyone, items too; a replay answers the same; logged',
    async (persona) => {
      const outcome = await asPersona(db, learner, async (tx) => {
        const { playlist } = await playlistBy(tx, learner, persona);
        const deleted = (await tx.query<Playlist>(DELETE, [playlist.id, '  Duplicate of the course list.  '])).rows[0]!;
        const replay = (await tx.query<Playlist>(DELETE, [playlist.id, null])).rows[0]!;
        const reads: Record<string, [number, number]> = {};
        for (const reader of [learner, mentor, moderator, admin]) {
          await becomePersona(tx, reader);
          reads[reader.label] = [await count(tx, 'playlists'), await count(tx, 'playlist_items')];
        }
        await becomePersona(tx, moderator);
        const log = (await tx.query('select actor_id, action, target_kind, reason from playlist_moderation_actions'))
          .rows;
        return { deleted, replay, reads, log };
      });
      expect(outcome.deleted.deleted_at).toBeInstanceOf(Date);
      expect(outcome.replay).toEqual(outcome.deleted);
      expect(Object.values(outcome.reads)).toEqual([
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
      expect(outcome.log).toEqual([
        {
          actor_id: persona.userId,
          action: 'delete',
          target_kind: 'playlist',
          reason: 'Duplicate of the course list.',
        },
      ]);
    },
  );

  it('refuses a co-curator, a peer, another org, an over-long reason and anon', async () => {
    const outcome = await asPersona(db, learner, async (tx) => {
      const { playlist } = await playlistBy(tx, learner, learner);
      await tx.query(CURATORS, [playlist.id, [mentor.userId]]);
      const results: Record<string, Denial | 'done'> = {};
      results.longReason = await attempt(tx, DELETE, [playlist.id, 'x'.repeat(501)]);
      for (const persona of [mentor, memberB, stranger]) {
        await becomePersona(tx, persona);
        results[persona.label] = await attempt(tx, DELETE, [playlist.id, null]);
      }
      await becomePersona(tx, learner);
      return { results, left: await count(tx, 'playlists') };
    });
    expect(outcome.left).toBe(1);
    expect(outcome.results).toEqual({
      longReason: denial('22023', 'Keep the reason between 1 and 500 characters.'),
      [mentor.label]: denial('42501', 'Only the person who created this playlist, or a moderator, can delete it.'),
      [memberB.label]: NOT_FOUND,
      [stranger.label]: NOT_FOUND,
    });
    expect(await denialAs(db, anon, DELETE, [uuid(), null])).toEqual(deniedFunction('delete_playlist'));
  });
});

describe('the demo seed', () => {
  const amara: Persona = { label: 'Amara (Northwind learner)', userId: 'a1000000-0000-4000-8000-000000000004' };
  const tomas: Persona = { label: 'Tomás (Northwind moderator)', userId: 'a1000000-0000-4000-8000-000000000002' };
  const ben: Persona = { label: 'Ben (Contoso learner)', userId: 'b2000000-0000-4000-8000-000000000002' };
  const QUIZ_LESSON = 'moodle|moodle.localhost:8080|4021|cm:1325312';
  const MOODLE_COURSE = 'moodle|moodle.localhost:8080|4021';
  const CHARTER_LESSON = 'canvas|canvas.localhost:8080|1730|module_item:448684';
  const GRACES = 'ab000000-0000-4000-8000-000000000001';
  const listed = `select title, item_count, archived_at is not null as archived from playlist_list($1)`;
  const byScore = `select title, score from playlist_items where playlist_id = $1 order by score desc, position`;

  it('shows Amara the quiz lesson’s list, then the course’s, ranked by votes, without the hidden link', async () => {
    expect(await rowsAs(db, amara, listed, [QUIZ_LESSON])).toEqual([
      { title: 'Revision for quiz 1', item_count: 1, archived: false },
      { title: 'Variables and measurement scales: the explainers that helped', item_count: 4, archived: false },
    ]);
    expect(await rowsAs(db, amara, byScore, [GRACES])).toEqual([
      { title: 'Level of measurement (Wikipedia)', score: 3 },
      { title: 'OpenIntro Statistics (free textbook)', score: 2 },
      { title: 'Khan Academy: Analyzing categorical data', score: 1 },
      { title: 'Seeing Theory: basic probability', score: 0 },
    ]);
    expect(await rowsAs(db, amara, listed, [CHARTER_LESSON])).toEqual([
      { title: 'Project charter: templates and worked examples', item_count: 3, archived: false },
      { title: 'Week 0: getting set up on Canvas', item_count: 1, archived: true },
    ]);
    expect(await rowsAs(db, amara, 'select value from playlist_votes order by value')).toEqual([
      { value: 1 },
      { value: 1 },
      { value: 1 },
      { value: 1 },
    ]);
  });

  it('shows Tomás, the moderator, the hidden link and why it was hidden', async () => {
    expect(
      await rowsAs(db, tomas, `select title from playlist_items where playlist_id = $1 and hidden_at is not null`, [
        GRACES,
      ]),
    ).toEqual([{ title: 'All quiz answers, instant download' }]);
    expect(await rowsAs(db, tomas, 'select action, target_kind, reason from playlist_moderation_actions')).toEqual([
      { action: 'hide', target_kind: 'playlist_item', reason: 'Selling answers breaks the academic integrity policy.' },
    ]);
  });

  it('keeps Contoso’s playlist at the same course key in Contoso', async () => {
    expect(await rowsAs(db, ben, listed, [MOODLE_COURSE])).toEqual([
      { title: 'Week 1 datasets and readings', item_count: 1, archived: false },
    ]);
    expect(await rowsAs(db, ben, 'select count(*)::int as n from playlist_items')).toEqual([{ n: 1 }]);
    expect((await rowsAs(db, amara, listed, [MOODLE_COURSE])).map((row) => row.title)).toEqual([
      'Variables and measurement scales: the explainers that helped',
    ]);
  });
});
