// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SyncState } from '@/lib/domain/sync-state';
import { enqueueWrite, readOutbox } from '@/lib/sync/outbox';
import { axeViolations, renderWithStrings } from '@/tests/fixtures/render';
import { cache, testServices, type, until, withPeer } from '@/tests/fixtures/peer';
import { alice, bob, newPlace, newPost, newThread, newVote } from '@/tests/fixtures/sync-harness';
import type { PeersideDb } from '@/lib/db/database';
import { SyncStatus } from './SyncStatus';

const idle: SyncState = { phase: 'idle', pending: 0, failed: 0, lastSyncedAt: null, error: null, nextRetryAt: null };

/** What the engine does when the server refuses an entry. */
async function refuse(db: PeersideDb, seq: number, sentence: string) {
  await db.outbox.update(seq, { status: 'failed', lastError: sentence });
}

function show(db: PeersideDb, syncState: SyncState | undefined) {
  const services = testServices(db);
  const announce = vi.fn<(message: string) => void>();
  const view = renderWithStrings(withPeer(services, <SyncStatus syncState={syncState} />, announce));
  return {
    view,
    services,
    announce,
    rerender: (state: SyncState) => renderWithStrings(withPeer(services, <SyncStatus syncState={state} />, announce)),
  };
}

const line = (view: HTMLElement) => view.querySelector('.sync-line')?.textContent;

describe('SyncStatus', () => {
  it('says "up to date" with the last sync time, or that it never synced', async () => {
    const services = testServices();
    const { view } = show(services.db, { ...idle, lastSyncedAt: Date.UTC(2025, 10, 25, 16, 5) });
    await until(() => line(view) !== undefined, 'the line');
    expect(line(view)).toBe('Up to date, last synced at 16:05');
    expect(await axeViolations()).toEqual([]);

    const never = show(testServices().db, undefined);
    await until(() => line(never.view) !== undefined, 'the line');
    expect(line(never.view)).toBe('Not synced yet on this device.');
  });

  it('says "saved on this device, sending…" while writes wait, and announces when all were sent', async () => {
    const services = testServices();
    const { db } = services;
    await cache.place(db, newPlace());
    const thread = newThread(alice, 'Pending question');
    const seq = await enqueueWrite(db, { op: 'insert', table: 'threads', row: thread }, 1);
    const { view, announce } = show(db, idle);
    await until(() => line(view) === 'Saved on this device, sending…', 'the pending line');
    // The background acknowledges the write.
    await db.outbox.delete(seq!);
    await until(() => announce.mock.calls.length > 0, 'the sent announcement');
    expect(announce).toHaveBeenCalledWith('Everything you wrote was sent.');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows offline and error sentences from the sync state', async () => {
    const services = testServices();
    const offline = show(services.db, { ...idle, phase: 'offline', error: "You're offline." });
    await until(() => line(offline.view) !== undefined, 'the line');
    expect(line(offline.view)).toBe("You're offline.");
    offline.rerender({ ...idle, phase: 'error', error: 'Sign in again to keep syncing.' });
    await until(() => line(document.body) === 'Sign in again to keep syncing.', 'the error');
    expect(document.querySelector('.sync-line')!.className).toContain('error');
  });

  it('lists refused writes with their sentence; an edited question is queued again', async () => {
    const services = testServices();
    const { db } = services;
    await cache.place(db, newPlace());
    const thread = newThread(alice, 'Too vague');
    const seq = (await enqueueWrite(db, { op: 'insert', table: 'threads', row: thread }, 1))!;
    await refuse(db, seq, 'A moderator asked for a clearer title.');
    const { view, announce, services: panel } = show(db, { ...idle, failed: 1 });
    await until(() => view.querySelectorAll('.failed-item').length === 1, 'the refused write');
    expect(line(view)).toBe('1 of your changes could not be sent. Edit or discard them below.');
    const item = view.querySelector('.failed-item')!;
    expect(item.textContent).toContain('Your question “Too vague”');
    expect(item.textContent).toContain('A moderator asked for a clearer title.');
    expect(await axeViolations()).toEqual([]);

    await act(() => [...item.querySelectorAll('button')].find((b) => b.textContent === 'Edit')!.click());
    const title = item.querySelector<HTMLInputElement>('input[name="title"]')!;
    expect(title.value).toBe('Too vague');
    await type(title, 'Which join keeps unmatched rows?');
    expect(await axeViolations()).toEqual([]);
    await act(() => [...item.querySelectorAll('button')].find((b) => b.textContent === 'Send again')!.click());
    await until(() => view.querySelectorAll('.failed-item').length === 0, 'the write to be queued again');
    const [entry] = await readOutbox(db);
    expect(entry).toMatchObject({ status: 'pending', payload: { title: 'Which join keeps unmatched rows?' } });
    expect((await db.threads.get(thread.id))!.title).toBe('Which join keeps unmatched rows?');
    expect(panel.requestSync).toHaveBeenCalled();
    expect(announce).toHaveBeenCalledWith('Sending your change again.');
  });

  it('keeps the edit open with the refusal when the edit breaks a rule', async () => {
    const services = testServices();
    const { db } = services;
    const post = newPost(alice, newThread(bob, 'Q').id, 'Short answer');
    await cache.thread(db, { ...newThread(bob, 'Q'), id: post.threadId });
    const seq = (await enqueueWrite(db, { op: 'insert', table: 'posts', row: post }, 1))!;
    await refuse(db, seq, 'Slow down: you posted many answers in a minute.');
    const { view } = show(db, idle);
    await until(() => view.querySelectorAll('.failed-item').length === 1, 'the refused answer');
    const item = view.querySelector('.failed-item')!;
    expect(item.textContent).toContain('Your answer');
    await act(() => [...item.querySelectorAll('button')].find((b) => b.textContent === 'Edit')!.click());
    await type(item.querySelector('textarea')!, '   ');
    await act(() => [...item.querySelectorAll('button')].find((b) => b.textContent === 'Send again')!.click());
    await until(() => item.querySelector('[role="alert"]') !== null, 'the refusal');
    expect(item.querySelector('[role="alert"]')!.textContent).toBe('Write an answer of 1 to 20,000 characters.');
    expect(item.querySelector('textarea')).not.toBeNull();
  });

  it('discards a refused vote, and offers "try again" for writes with nothing to edit', async () => {
    const services = testServices();
    const { db } = services;
    const thread = newThread(bob, 'Q');
    const post = newPost(bob, thread.id, 'An answer');
    await cache.thread(db, thread);
    await cache.post(db, post);
    const vote = newVote(alice, post.id);
    const seq = (await enqueueWrite(db, { op: 'insert', table: 'votes', row: vote }, 1))!;
    await refuse(db, seq, 'You cannot vote on this answer.');
    const { view, announce } = show(db, idle);
    await until(() => view.querySelectorAll('.failed-item').length === 1, 'the refused vote');
    const item = view.querySelector('.failed-item')!;
    expect(item.textContent).toContain('Your vote on an answer');
    expect([...item.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Try again', 'Discard']);
    await act(() => [...item.querySelectorAll('button')].find((b) => b.textContent === 'Discard')!.click());
    await until(() => view.querySelectorAll('.failed-item').length === 0, 'the discard');
    expect(await db.votes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(announce).toHaveBeenCalledWith('Change discarded.');
  });
});
