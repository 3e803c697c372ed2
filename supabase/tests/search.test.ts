/**
 * search_threads: full-text search over questions and their answers, ranked, and scoped by RLS: each
 * persona finds only what it could read, never another org's threads or hidden or deleted content.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPersona, createMigratedDatabase, denialAs, rowsAs, type Persona } from './support/database';
import {
  anon,
  COURSE_KEY,
  learner,
  loadPersonaFixtures,
  memberB,
  mentor,
  moderator,
  ORG_A,
  PLACE_KEY,
  stranger,
  THREAD,
} from './support/personas';

let db: PGlite;

beforeAll(async () => {
  db = await createMigratedDatabase();
  await loadPersonaFixtures(db);
  // Words to find: in a title, in a body, and only in an answer.
  await db.exec(`
    update threads set title = 'How do box plots show outliers?', body = 'The whiskers confuse me.'
      where id = '${THREAD.open}';
    update threads set body = 'Is a histogram better than a box plot here?' where id = '${THREAD.byMentor}';
    update threads set body = 'Outliers in my hidden question' where id = '${THREAD.hidden}';
    update threads set body = 'Outliers in a deleted question' where id = '${THREAD.deleted}';
    update threads set title = 'Box plots in org B', body = 'Outliers too' where id = '${THREAD.orgB}';
    update posts set body = 'Anything beyond 1.5 IQR counts as an outlier.' where thread_id = '${THREAD.locked}';
  `);
});

afterAll(async () => {
  await db?.close();
});

type Hit = { id: string; matched_in: string; rank: number; place: string };
const search = (persona: Persona, query: string, placeKey: string | null = null) =>
  rowsAs<Hit>(db, persona, 'select id, matched_in, rank, place from search_threads($1, $2)', [query, placeKey]);
const ids = (hits: Hit[]) => hits.map((hit) => hit.id);

describe('search_threads', () => {
  it('finds words in titles and bodies, title matches ranked first', async () => {
    const hits = await search(learner, 'box');
    expect(ids(hits)).toEqual([THREAD.open, THREAD.byMentor]);
    expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
    expect(hits.every((hit) => hit.matched_in === 'question' && hit.place === PLACE_KEY)).toBe(true);
  });

  it('finds a question by the words of its answers', async () => {
    expect(await search(learner, 'IQR')).toEqual([
      expect.objectContaining({ id: THREAD.locked, matched_in: 'answer' }),
    ]);
  });

  it('matches whole words: no stemming in the simple configuration', async () => {
    expect(ids(await search(learner, 'box plot'))).toEqual([THREAD.byMentor]);
    expect(ids(await search(learner, 'box plots'))).toEqual([THREAD.open]);
  });

  it('understands web-search syntax: quotes, or, and minus', async () => {
    expect(ids(await search(learner, '"box plots"'))).toEqual([THREAD.open]);
    expect(ids(await search(learner, 'histogram or iqr')).sort()).toEqual([THREAD.byMentor, THREAD.locked].sort());
    expect(ids(await search(learner, 'box -whiskers'))).toEqual([THREAD.byMentor]);
  });

  it('finds hidden threads only for their author and moderators, deleted ones for nobody, other orgs never', async () => {
    expect(ids(await search(learner, 'outliers')).sort()).toEqual([THREAD.open, THREAD.hidden].sort());
    expect(ids(await search(mentor, 'outliers'))).toEqual([THREAD.open]);
    expect(ids(await search(moderator, 'outliers')).sort()).toEqual([THREAD.open, THREAD.hidden].sort());
    expect(ids(await search(memberB, 'outliers'))).toEqual([THREAD.orgB]);
    expect(await search(stranger, 'outliers')).toEqual([]);
  });

  it('narrows to one place when given its key', async () => {
    expect(await search(learner, 'outliers', COURSE_KEY)).toEqual([]);
    expect(ids(await search(learner, 'box', PLACE_KEY))).toEqual([THREAD.open, THREAD.byMentor]);
  });

  it('sees a new question at once, and nothing for punctuation', async () => {
    const found = await asPersona(db, learner, async (tx) => {
      const id = crypto.randomUUID();
      await tx.query(`insert into threads (id, org_id, place_key, title) values ($1, $2, $3, 'Scatterplot colours')`, [
        id,
        ORG_A,
        PLACE_KEY,
      ]);
      return (await tx.query<{ id: string }>(`select id from search_threads('scatterplot')`)).rows.map(
        (r) => r.id === id,
      );
    });
    expect(found).toEqual([true]);
    expect(await search(learner, '!!!')).toEqual([]);
  });

  it('refuses an empty or overlong query, and anon', async () => {
    const bounds = { code: '22023', message: 'Search for 1 to 200 characters.' };
    expect(await denialAs(db, learner, 'select * from search_threads($1)', ['  '])).toEqual(bounds);
    expect(await denialAs(db, learner, 'select * from search_threads($1)', ['x'.repeat(201)])).toEqual(bounds);
    expect(await denialAs(db, anon, 'select * from search_threads($1)', ['box'])).toEqual({
      code: '42501',
      message: 'permission denied for function search_threads',
    });
  });
});
