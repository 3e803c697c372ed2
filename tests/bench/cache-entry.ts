/**
 * Runs in a plain Chromium tab (bundled by cache-bench.mjs): the real Dexie cache on the browser's
 * real IndexedDB, filled by the real sync engine from an in-page remote that serves generated pages,
 * so the figures are the client's own work (network and server time are not in them).
 */
import { PeersideDb } from '../../lib/db/database';
import { followOrg, searchLocal } from '../../lib/db/queries';
import { newPostRow, newThreadRow } from '../../lib/domain/new-rows';
import type { PostRow, ThreadRow } from '../../lib/domain/rows';
import { createSyncEngine } from '../../lib/sync/engine';
import type { PullCursor, Remote } from '../../lib/sync/remote';

const ORG = '10000000-0000-4000-8000-000000000001';
const AUTHOR = 'a1000000-0000-4000-8000-000000000001';
const WORDS =
  'median mean variance outlier sample cluster normalise regression histogram boxplot quartile correlation causation bias estimate interval hypothesis residual model feature'.split(
    ' ',
  );

function uuidFor(kind: number, index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

/** Pages of generated threads and posts, in (updatedAt, id) order, as pull_changes would send them. */
function generatedRemote(posts: number, postsPerThread = 20): Remote {
  const threads = Math.ceil(posts / postsPerThread);
  const rows: { table: 'threads' | 'posts'; row: ThreadRow | PostRow }[] = [];
  for (let t = 0; t < threads; t += 1) {
    const at = 1_700_000_000_000 + t * 100;
    rows.push({
      table: 'threads',
      row: newThreadRow({
        id: uuidFor(1, t),
        orgId: ORG,
        placeKey: `moodle|moodle.localhost:8080|4021|cm:${t % 500}`,
        authorId: AUTHOR,
        title: `How do I read a ${WORDS[t % WORDS.length]} next to a ${WORDS[(t * 7) % WORDS.length]}?`,
        body: 'Generated for the benchmark.',
        at,
      }),
    });
    for (let p = 0; p < postsPerThread && t * postsPerThread + p < posts; p += 1) {
      const index = t * postsPerThread + p;
      rows.push({
        table: 'posts',
        row: newPostRow({
          id: uuidFor(2, index),
          orgId: ORG,
          threadId: uuidFor(1, t),
          authorId: AUTHOR,
          body: `Think of the ${WORDS[index % WORDS.length]} and the ${WORDS[(index * 3) % WORDS.length]} together; answer ${index}.`,
          at: at + p + 1,
        }),
      });
    }
  }
  const PAGE = 500;
  return {
    push: () => Promise.reject(new Error('nothing to push')),
    async pullSince(_orgId: string, cursor: PullCursor | null) {
      const start = cursor ? Number(cursor.updatedAt) : 0;
      const page = rows.slice(start, start + PAGE);
      return {
        rows: page,
        cursor: page.length ? { updatedAt: String(start + page.length), id: page.at(-1)!.row.id } : cursor,
      };
    },
    pullPlace: async () => ({ rows: [] }),
  };
}

async function freshDb(name: string) {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = resolve;
  });
  const db = new PeersideDb(name, { indexedDB, IDBKeyRange });
  await followOrg(db, ORG);
  return db;
}

/** Pull `posts` posts into an empty cache; milliseconds. */
async function pull(posts: number, name = `bench-${posts}`): Promise<number> {
  const db = await freshDb(name);
  const engine = createSyncEngine({
    db,
    remote: generatedRemote(posts),
    now: () => Date.now(),
    random: () => 0.5,
    keepPlaces: 1000,
    maxPagesPerSync: 100_000,
  });
  const start = performance.now();
  await engine.sync();
  const elapsed = performance.now() - start;
  db.close();
  return elapsed;
}

/** Median and p95 of searchLocal over a cache of `posts` posts; milliseconds. */
async function search(posts: number): Promise<{ median: number; p95: number }> {
  const name = `bench-search-${posts}`;
  await pull(posts, name);
  const db = new PeersideDb(name, { indexedDB, IDBKeyRange });
  const queries = [
    'median',
    'outlier sample',
    'regression res',
    'histogram box',
    'bias',
    'correlation causation',
    'quart',
  ];
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const text of queries) {
      const start = performance.now();
      await searchLocal(db, { orgId: ORG, text, viewerId: AUTHOR });
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  db.close();
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

Object.assign(window, { cacheBench: { pull, search } });
