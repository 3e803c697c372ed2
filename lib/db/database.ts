/**
 * The Dexie (IndexedDB) database: the local cache of each org's places, threads, posts and the
 * learner's own votes, the outbox of unsent writes and the per-org pull cursor. Versioned: a released
 * version's stores never change; a new version is appended with its upgrade and a fixture test.
 * IndexedDB is a parameter (the browser's, or fake-indexeddb in Node), never a global.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { MetaRecord, OutboxEntry, PlaceRecord, PostRecord, ThreadRecord, VoteRecord } from './records';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Rewrites records written by the previous version; every record it writes must parse as current. */
  upgrade?: (transaction: Transaction) => Promise<void>;
}

/** Every version ever released, oldest first. Append only: released entries are never edited. */
export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // The panel lists a place's threads by recent activity; search uses the multi-entry `words`.
      threads: 'id, orgId, [orgId+placeKey], [orgId+placeKey+updatedAt], *words',
      posts: 'id, orgId, threadId, [threadId+createdAt], *words',
      votes: 'id, orgId, postId',
      // A place is known by (org, detection key): two clients may have created it with different ids.
      places: '[orgId+key], orgId, lastUsedAt',
      outbox: '++seq, [table+rowId], status, orgId',
      meta: 'orgId',
    },
  },
];

export const currentSchemaVersion = schemaVersions[schemaVersions.length - 1]!.version;

/** The IndexedDB implementation to use: `globalThis` in the extension, fake-indexeddb in tests. */
export interface IndexedDbEnvironment {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export class PeersideDb extends Dexie {
  threads!: EntityTable<ThreadRecord, 'id'>;
  posts!: EntityTable<PostRecord, 'id'>;
  votes!: EntityTable<VoteRecord, 'id'>;
  places!: Table<PlaceRecord, [string, string]>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaRecord, 'orgId'>;

  constructor(name: string, environment: IndexedDbEnvironment) {
    super(name, { indexedDB: environment.indexedDB, IDBKeyRange: environment.IDBKeyRange });
    for (const { version, stores, upgrade } of schemaVersions) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

/** The one database per browser profile; every org shares it (rows carry orgId). */
export function openPeersideDb(environment: IndexedDbEnvironment, name = 'peerside'): PeersideDb {
  return new PeersideDb(name, environment);
}
