import { describe, expect, it } from 'vitest';
import { newId } from './ids';
import { IdSchema } from './rows';

describe('newId', () => {
  it('makes version 7 uuids that the row schemas and Postgres accept', () => {
    const id = newId(Date.UTC(2026, 10, 25));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(IdSchema.safeParse(id).success).toBe(true);
  });

  it('orders ids by creation time, so indexes keep creation order', () => {
    const ids = [3, 1, 2].map((offset) => newId(1_700_000_000_000 + offset * 1000));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('differs between two ids made in the same millisecond', () => {
    expect(newId(5)).not.toBe(newId(5));
  });
});
