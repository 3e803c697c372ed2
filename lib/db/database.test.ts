import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { v1, type DatabaseFixture } from '../../tests/fixtures/db/v1';
import { currentSchemaVersion, openPeersideDb, schemaVersions } from './database';
import { searchLocal, threadsForPlace } from './queries';
import {
  MetaRecordSchema,
  OutboxEntrySchema,
  PlaceRecordSchema,
  PostRecordSchema,
  ThreadRecordSchema,
  VoteRecordSchema,
} from './records';

/**
 * One fixture per released version, each a database as that version wrote it. Every one must open
 * with the current code and read back through the current schemas: that is the test of every upgrade
 * path from each earlier version. Append a fixture when a version is released; never edit one.
 */
const fixtures: readonly DatabaseFixture[] = [v1];

const recordSchemas = {
  places: PlaceRecordSchema,
  threads: ThreadRecordSchema,
  posts: PostRecordSchema,
  votes: VoteRecordSchema,
  outbox: OutboxEntrySchema,
  meta: MetaRecordSchema,
} as const;

/** Write a fixture with a bare Dexie at its own version and stores, as that release did. */
async function databaseFrom(fixture: DatabaseFixture) {
  const environment = { indexedDB: new IDBFactory(), IDBKeyRange };
  const old = new Dexie('peerside', environment);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  for (const [table, records] of Object.entries(fixture.records)) await old.table(table).bulkAdd([...records]);
  old.close();
  return environment;
}

describe('database versions', () => {
  it('never changes a released version: version 1 declares the stores its fixture froze', () => {
    expect(schemaVersions[0]).toMatchObject({ version: 1, stores: v1.stores });
    expect(schemaVersions.map((version) => version.version)).toEqual(schemaVersions.map((_, index) => index + 1));
  });

  for (const fixture of fixtures) {
    it(`opens a database written by version ${fixture.version} and reads every record back`, async () => {
      const db = openPeersideDb(await databaseFrom(fixture));
      await db.open();
      expect(db.verno).toBe(currentSchemaVersion);
      for (const [table, schema] of Object.entries(recordSchemas)) {
        const records = await db.table(table).toArray();
        expect(records, table).toHaveLength(fixture.records[table as keyof typeof fixture.records].length);
        for (const record of records) expect(schema.safeParse(record).error, `${table} record`).toBeUndefined();
      }
      const orgId = fixture.records.meta[0].orgId;
      const placeKey = fixture.records.places[0].key;
      const threads = await threadsForPlace(db, { orgId, placeKey, viewerId: null });
      expect(threads.map((thread) => thread.title)).toEqual(['Why memoise the Fibonacci recursion?']);
      const hits = await searchLocal(db, { orgId, text: 'subprob', viewerId: null });
      expect(hits.map((hit) => hit.kind)).toEqual(['post']);
      db.close();
    });
  }
});
