import { describe, expect, it } from 'vitest';
import type { PostRow, Tombstone } from '../domain/rows';
import { mergeRow, type LocalVersion } from './merge';

const base: PostRow = {
  id: '9b000000-0000-4000-8000-000000000001',
  orgId: '0a000000-0000-4000-8000-000000000001',
  threadId: '7b000000-0000-4000-8000-000000000001',
  parentId: null,
  authorId: 'a1000000-0000-4000-8000-000000000001',
  body: 'Server text v1',
  score: 0,
  hiddenAt: null,
  deletedAt: null,
  createdAt: 100,
  updatedAt: 100,
  editedAt: null,
};
const server = (fields: Partial<PostRow>): PostRow => ({ ...base, ...fields });
const clean = (row: PostRow): LocalVersion<PostRow> => ({ row, serverUpdatedAt: row.updatedAt, shadow: null });
const tombstone = (fields: Partial<Tombstone>): Tombstone => ({
  tombstone: true,
  id: base.id,
  orgId: base.orgId,
  updatedAt: 300,
  hiddenAt: null,
  deletedAt: null,
  ...fields,
});
/** A local edit made on the client clock, which may be far ahead of or behind the server's. */
const pendingEdit = (row: PostRow, body: string): LocalVersion<PostRow> => ({
  row: { ...row, body, updatedAt: 9_999_999 },
  serverUpdatedAt: row.updatedAt,
  shadow: null,
});

describe('mergeRow', () => {
  it('stores a server row the cache did not have', () => {
    expect(mergeRow(undefined, base, false)).toEqual({ row: base, serverUpdatedAt: 100, shadow: null });
  });

  it('keeps nothing for a tombstone of a row the cache never had', () => {
    expect(mergeRow(undefined, tombstone({ deletedAt: 300 }), false)).toBeUndefined();
  });

  it('replaces a clean row with a newer server version', () => {
    const newer = server({ body: 'v2', score: 3, updatedAt: 200 });
    expect(mergeRow(clean(base), newer, false)).toEqual({ row: newer, serverUpdatedAt: 200, shadow: null });
  });

  it('ignores an older server version (a replayed or re-ordered page)', () => {
    const current = clean(server({ body: 'v2', updatedAt: 200 }));
    expect(mergeRow(current, base, false)).toBe(current);
  });

  it('keeps a pending local edit over any server version, keeping the server copy aside', () => {
    const local = pendingEdit(base, 'My unsent edit');
    const newer = server({ score: 5, updatedAt: 200 });
    const merged = mergeRow(local, newer, true)!;
    expect(merged.row.body).toBe('My unsent edit');
    expect(merged.shadow).toEqual(newer);
    expect(merged.serverUpdatedAt).toBe(200);
    // and an older server version changes nothing at all
    expect(mergeRow(local, server({ updatedAt: 50 }), true)).toBe(local);
  });

  it('lands a server hide on a pending row, and a newer server version can lift it; local edits cannot', () => {
    const hidden = mergeRow(pendingEdit(base, 'Edit'), tombstone({ hiddenAt: 300 }), true)!;
    expect(hidden.row).toMatchObject({ body: 'Edit', hiddenAt: 300 });
    const stillPending = mergeRow(hidden, server({ updatedAt: 250 }), true)!; // older: hide stays
    expect(stillPending.row.hiddenAt).toBe(300);
    const restored = mergeRow(hidden, server({ updatedAt: 400 }), true)!; // a moderator restored it
    expect(restored.row).toMatchObject({ body: 'Edit', hiddenAt: null });
  });

  it('never undoes a server delete: not by a pending edit, not by an older or even newer server copy', () => {
    const deleted = mergeRow(clean(base), tombstone({ deletedAt: 300 }), false)!;
    expect(deleted.row).toMatchObject({ deletedAt: 300, body: 'Server text v1' });
    expect(mergeRow(deleted, base, false)!.row.deletedAt).toBe(300);
    expect(mergeRow(deleted, server({ updatedAt: 500 }), false)!.row.deletedAt).toBe(300);
    expect(
      mergeRow({ ...deleted, row: { ...deleted.row, body: 'Edit' } }, server({ updatedAt: 600 }), true)!.row.deletedAt,
    ).toBe(300);
    // a delete that arrives late (in an older page) still lands
    const late = mergeRow(clean(server({ updatedAt: 700 })), tombstone({ updatedAt: 300, deletedAt: 300 }), false)!;
    expect(late.row.deletedAt).toBe(300);
  });

  it('treats rows without moderation fields (votes, places) without adding any', () => {
    const vote = { id: base.id, updatedAt: 1, value: 1 };
    const merged = mergeRow(
      { row: vote, serverUpdatedAt: 1, shadow: null },
      { ...vote, updatedAt: 2, value: -1 },
      false,
    )!;
    expect(merged.row).toEqual({ id: base.id, updatedAt: 2, value: -1 });
  });
});
