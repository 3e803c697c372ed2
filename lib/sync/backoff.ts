/**
 * How long to wait before retrying a write the server could not take: exponential growth, a cap, and
 * jitter so that many clients coming back online do not retry in step. PURE: randomness and the
 * current time are parameters.
 */

export const backoffBaseMs = 1_000;
export const backoffCapMs = 5 * 60_000;
/** A Retry-After longer than this is treated as this (a broken header must not park writes for days). */
export const retryAfterCapMs = 60 * 60_000;

/**
 * The delay before attempt `attempt + 1`, after `attempt` failures (1, 2, ...). "Equal jitter": the
 * ceiling doubles per failure up to the cap, and the delay is uniformly between half of it and all of
 * it, so it always grows on average yet two clients rarely collide. `random` returns [0, 1).
 */
export function backoff(attempt: number, random: () => number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** Math.min(exponent, 30));
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (unit * ceiling) / 2);
}

/**
 * A Retry-After header as milliseconds from `now`: delta-seconds ("120") or an HTTP date. Null when
 * absent or unreadable. Capped at retryAfterCapMs, never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  let delay: number;
  if (/^\d+$/.test(trimmed)) delay = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    delay = at - now;
  }
  return Math.min(Math.max(delay, 0), retryAfterCapMs);
}
