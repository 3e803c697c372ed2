import { describe, expect, it } from 'vitest';
import { classifyError, permanentSentence, RemoteError, waitingSentence } from './errors';

const now = 0;
const status = (code: number, retryAfter?: string) =>
  new RemoteError(`HTTP ${code}`, { status: code, retryAfter: retryAfter ?? null });

describe('classifyError', () => {
  it('retries what is not the write’s fault', () => {
    expect(classifyError(new RemoteError('dropped', { status: null }), now)).toMatchObject({
      kind: 'transient',
      reason: 'offline',
    });
    expect(classifyError(new TypeError('Failed to fetch'), now)).toMatchObject({
      kind: 'transient',
      reason: 'offline',
    });
    expect(classifyError(new RemoteError('slow', { timedOut: true }), now)).toMatchObject({ reason: 'timeout' });
    expect(classifyError(new DOMException('timed out', 'TimeoutError'), now)).toMatchObject({ reason: 'timeout' });
    for (const code of [500, 502, 504, 408]) expect(classifyError(status(code), now).kind).toBe('transient');
    expect(classifyError(status(429, '7'), now)).toEqual({
      kind: 'transient',
      reason: 'rate-limited',
      retryAfterMs: 7000,
    });
    expect(classifyError(status(503, '2'), now)).toEqual({ kind: 'transient', reason: 'server', retryAfterMs: 2000 });
    expect(classifyError(new Error('a bug'), now).kind).toBe('transient');
  });

  it('stops for sign-in on 401, and fails the write on other 4xx', () => {
    expect(classifyError(status(401), now)).toEqual({ kind: 'signed-out' });
    expect(classifyError(status(403), now)).toEqual({ kind: 'permanent', reason: 'forbidden' });
    expect(classifyError(status(404), now)).toEqual({ kind: 'permanent', reason: 'gone' });
    expect(classifyError(status(409), now)).toEqual({ kind: 'permanent', reason: 'conflict' });
    expect(classifyError(status(400), now)).toEqual({ kind: 'permanent', reason: 'invalid' });
    expect(classifyError(status(422), now)).toEqual({ kind: 'permanent', reason: 'invalid' });
  });

  it('words every outcome as a sentence that says what happens or what to do', () => {
    for (const reason of ['forbidden', 'gone', 'conflict', 'invalid'] as const) {
      const sentence = permanentSentence(reason, 'posts');
      expect(sentence).toMatch(/answer/);
      expect(sentence).toMatch(/(discard|Discard) it\.$/);
    }
    expect(waitingSentence({ kind: 'signed-out' })).toMatch(/^Sign in/);
    for (const reason of ['offline', 'timeout', 'server', 'rate-limited'] as const) {
      expect(waitingSentence({ kind: 'transient', reason, retryAfterMs: null })).toMatch(/sent (automatically|when)/);
    }
  });
});
