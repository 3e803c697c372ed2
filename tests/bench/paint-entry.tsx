/**
 * Runs in a plain Chromium tab (bundled by paint-bench.mjs): the side panel's real components over the
 * real Dexie cache holding 500 questions at one lesson, timed from render() to the list on screen
 * (the frame after the 500th item is in the DOM). English strings come from the real _locales file.
 */
import { render } from 'preact';
import { I18nContext } from '../../components/i18n';
import { PeerPanel } from '../../components/PeerPanel';
import type { PeerServices } from '../../components/peer-services';
import { PeersideDb } from '../../lib/db/database';
import { followOrg } from '../../lib/db/queries';
import { newId } from '../../lib/domain/ids';
import { newThreadRow } from '../../lib/domain/new-rows';
import type { ThreadRow } from '../../lib/domain/rows';
import { translatorFrom } from '../../lib/i18n/translate';
import type { CoursePlace } from '../../lib/lms/types';
import english from '../../public/_locales/en/messages.json';

const ORG = '10000000-0000-4000-8000-000000000001';
const USER = 'a1000000-0000-4000-8000-000000000001';
const KEY = 'moodle|moodle.localhost:8080|4021|cm:1325312';

async function seed(count: number): Promise<PeersideDb> {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('paint-bench');
    request.onsuccess = request.onerror = resolve;
  });
  const db = new PeersideDb('paint-bench', { indexedDB, IDBKeyRange });
  await followOrg(db, ORG);
  const now = Date.now();
  const rows: ThreadRow[] = Array.from({ length: count }, (_, index) =>
    newThreadRow({
      id: newId(now - index * 1000),
      orgId: ORG,
      placeKey: KEY,
      authorId: USER,
      title: `Question ${index + 1} about joins and keys`,
      body: 'Seeded for the benchmark.',
      at: now - index * 1000,
    }),
  );
  await db.places.put({
    id: newId(),
    orgId: ORG,
    key: KEY,
    platform: 'moodle',
    courseId: '4021',
    lessonId: 'cm:1325312',
    courseTitle: 'Introduction to Data Analysis',
    lessonTitle: 'Quiz',
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    sync: 'synced',
    serverUpdatedAt: now,
    lastUsedAt: now,
    evicted: false,
  });
  const { writeRow } = await import('../../lib/db/store');
  await db.transaction('rw', db.threads, async () => {
    for (const row of rows)
      await writeRow(db, 'threads', { row, serverUpdatedAt: row.updatedAt, shadow: null }, 'synced');
  });
  return db;
}

async function paint(count: number): Promise<number> {
  const db = await seed(count);
  const services: PeerServices = {
    db,
    now: () => Date.now(),
    newId: () => newId(),
    requestSync: () => undefined,
    openOptions: () => undefined,
    formatTime: (at) => new Date(at).toLocaleTimeString(),
  };
  const place: CoursePlace = {
    platform: 'moodle',
    isCoursePage: true,
    courseId: '4021',
    lessonId: 'cm:1325312',
    key: KEY,
  };
  const connection = {
    status: 'ready' as const,
    connection: {
      backend: 'ready' as const,
      managed: false,
      account: { userId: USER, orgId: ORG, email: 'amara@example.com', role: 'learner' as const },
    },
  };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const start = performance.now();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (root.querySelectorAll('.thread-list li').length >= count) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    });
    observer.observe(root, { childList: true, subtree: true });
    render(
      <I18nContext.Provider value={translatorFrom(english)}>
        <PeerPanel place={place} connection={connection} syncState={undefined} services={services} />
      </I18nContext.Provider>,
      root,
    );
  });
}

Object.assign(window, { paintBench: { paint } });
