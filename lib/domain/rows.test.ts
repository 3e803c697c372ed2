import { describe, expect, it } from 'vitest';
import { isTombstone, PulledChangeSchema, validateInsert, validatePatch, type ThreadRow } from './rows';
import { searchTokens } from './text';

const thread: ThreadRow = {
  id: '7b000000-0000-4000-8000-000000000001',
  orgId: '0a000000-0000-4000-8000-000000000001',
  placeKey: 'moodle|moodle.example.edu|4021',
  authorId: null,
  title: 'How do joins work?',
  body: '',
  tags: ['sql', 'c#'],
  status: 'open',
  acceptedPostId: null,
  acceptedBy: null,
  acceptedAt: null,
  locked: false,
  hiddenAt: null,
  deletedAt: null,
  createdAt: 1,
  updatedAt: 1,
  editedAt: null,
};

describe('write rules (the CHECK constraints of the migrations)', () => {
  it('accepts a valid question and refuses bad titles and tags with sentences', () => {
    expect(validateInsert('threads', thread)).toBeNull();
    expect(validateInsert('threads', { ...thread, title: '  ab  ' })).toMatch(/3 to 200 characters/);
    expect(validateInsert('threads', { ...thread, title: '😀😀😀' })).toBeNull(); // code points, not UTF-16 units
    expect(validateInsert('threads', { ...thread, tags: ['SQL Joins'] })).toMatch(/lowercase/);
    expect(validateInsert('threads', { ...thread, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })).toMatch(
      /at most 10/,
    );
    expect(validateInsert('threads', { ...thread, id: 'not-a-uuid' })).toMatch(/not in the expected form/);
  });

  it('checks patches only for the fields they change', () => {
    expect(validatePatch('threads', { body: 'x'.repeat(20_001) })).toMatch(/20,000/);
    expect(validatePatch('threads', { tags: ['ok'] })).toBeNull();
    expect(validatePatch('posts', { body: '   ' })).toMatch(/1 to 20,000/);
    expect(validatePatch('votes', { value: -1 })).toBeNull();
  });
});

describe('pulled changes', () => {
  it('tells tombstones from rows and refuses rows of unknown shape', () => {
    const tomb = { tombstone: true, id: thread.id, orgId: thread.orgId, updatedAt: 2, hiddenAt: null, deletedAt: 2 };
    const parsedTomb = PulledChangeSchema.parse({ table: 'threads', row: tomb });
    expect(isTombstone(parsedTomb.row)).toBe(true);
    expect(isTombstone(PulledChangeSchema.parse({ table: 'threads', row: thread }).row)).toBe(false);
    // A vote withdrawn on another device arrives as a tombstone too (the server keeps deleted_rows).
    expect(PulledChangeSchema.safeParse({ table: 'votes', row: tomb }).success).toBe(true);
    expect(PulledChangeSchema.safeParse({ table: 'members', row: thread }).success).toBe(false);
  });
});

describe('searchTokens', () => {
  it('lowercases, strips accents, splits on punctuation, drops one-letter words and repeats', () => {
    expect(searchTokens('Café au lait, CAFE! x y-z Straße')).toEqual(['cafe', 'au', 'lait', 'straße']);
    expect(searchTokens('SQL: LEFT JOIN vs. INNER JOIN')).toEqual(['sql', 'left', 'join', 'vs', 'inner']);
    expect(searchTokens('a '.repeat(5) + 'word '.repeat(3))).toEqual(['word']);
  });

  it('bounds the number of tokens per text', () => {
    const text = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    expect(searchTokens(text, 10)).toHaveLength(10);
  });
});
