import { describe, expect, it } from 'vitest';
import { backoff, backoffBaseMs, backoffCapMs, parseRetryAfter, retryAfterCapMs } from './backoff';

describe('backoff', () => {
  it('grows exponentially between half and all of the ceiling', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = backoffBaseMs * 2 ** (attempt - 1);
      expect(backoff(attempt, () => 0)).toBe(ceiling / 2);
      expect(backoff(attempt, () => 0.999999)).toBeCloseTo(ceiling, -1);
    }
  });

  it('is capped, however many attempts failed', () => {
    expect(backoff(50, () => 0.999999)).toBeLessThanOrEqual(backoffCapMs);
    expect(backoff(10_000, () => 0)).toBe(backoffCapMs / 2);
  });

  it('spreads clients out with the injected randomness', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((unit) => backoff(4, () => unit));
    expect(new Set(delays).size).toBe(4);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('treats odd inputs safely', () => {
    expect(backoff(0, () => 0)).toBe(backoffBaseMs / 2);
    expect(backoff(2, () => 7)).toBe(2 * backoffBaseMs);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 10, 25, 12);
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
  });
  it('returns null for no or an unreadable header, and never a negative or endless wait', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(retryAfterCapMs);
  });
});
