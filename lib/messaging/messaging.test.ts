import { describe, expect, it, vi } from 'vitest';
import { listen, ProtocolError, sendMessage, type RuntimeLike, type Sender } from './index';

/** A runtime whose onMessage we can drive by hand, as the browser would. */
function fakeRuntime(id = 'peerside-id') {
  const listeners: Parameters<RuntimeLike['onMessage']['addListener']>[0][] = [];
  return {
    id,
    sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
    onMessage: {
      addListener: (listener: (typeof listeners)[number]) => listeners.push(listener),
      removeListener: (listener: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(listener), 1),
    },
    deliver: (message: unknown, sender: Sender) => listeners.map((listener) => listener(message, sender)),
    listeners,
  };
}

const place = {
  platform: 'canvas',
  isCoursePage: true,
  courseId: '1730',
  key: 'canvas|a.instructure.com|1730',
} as const;

describe('listen', () => {
  it('hands a valid message from this extension to its handler and answers with the result', async () => {
    const runtime = fakeRuntime();
    const handler = vi.fn(() => ({ ok: true }));
    listen(runtime, { 'context:report': handler });
    const [answer] = runtime.deliver(
      { peerside: 'context:report', data: { place } },
      { id: 'peerside-id', tab: { id: 3 } },
    );
    await expect(answer).resolves.toEqual({ ok: true });
    expect(handler).toHaveBeenCalledWith({ place }, { id: 'peerside-id', tab: { id: 3 } });
  });

  it('drops and logs a message from another extension', () => {
    const runtime = fakeRuntime();
    const handler = vi.fn(() => ({ ok: true }));
    const log = vi.fn();
    listen(runtime, { 'context:report': handler }, log);
    const [answer] = runtime.deliver({ peerside: 'context:report', data: { place } }, { id: 'evil-extension' });
    expect(answer).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('evil-extension'));
  });

  it('lets a content script (inside an LMS page) send only what it needs, and extension pages anything', async () => {
    const runtime = fakeRuntime();
    const act = vi.fn(() => ({ ok: true }));
    const open = vi.fn(() => ({ ok: true }));
    const log = vi.fn();
    listen(runtime, { 'moderation:act': act, 'panel:open': open }, log);
    const request = {
      targetKind: 'post',
      targetId: '018f0000-0000-7000-8000-000000000001',
      action: 'hide',
      reason: 'x',
    };
    const page: Sender = { id: 'peerside-id', tab: { id: 3 }, url: 'https://lms.example.edu/mod/quiz/view.php?id=1' };

    const [fromPage] = runtime.deliver({ peerside: 'moderation:act', data: request }, page);
    expect(fromPage).toBeUndefined();
    expect(act).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('only the extension'));

    await expect(runtime.deliver({ peerside: 'panel:open', data: {} }, page)[0]).resolves.toEqual({ ok: true });
    // The side panel opened as a page in a tab (Firefox's fallback window) is still the extension's own page.
    const panelInTab: Sender = {
      id: 'peerside-id',
      tab: { id: 9 },
      url: 'moz-extension://1b2c/sidepanel.html?tabId=3',
    };
    await expect(runtime.deliver({ peerside: 'moderation:act', data: request }, panelInTab)[0]).resolves.toEqual({
      ok: true,
    });
    await expect(
      runtime.deliver(
        { peerside: 'moderation:act', data: request },
        { id: 'peerside-id', url: 'chrome-extension://abc/dashboard.html' },
      )[0],
    ).resolves.toEqual({ ok: true });
  });

  it('drops and logs a message that fails its schema, saying why', () => {
    const runtime = fakeRuntime();
    const handler = vi.fn(() => ({ ok: true }));
    const log = vi.fn();
    listen(runtime, { 'context:report': handler }, log);
    const bad = { ...place, courseId: 'x'.repeat(500) };
    runtime.deliver({ peerside: 'context:report', data: { place: bad } }, { id: 'peerside-id' });
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('courseId'));
  });

  it('ignores messages that are not Peerside envelopes or have no handler here', () => {
    const runtime = fakeRuntime();
    const log = vi.fn();
    listen(runtime, { 'context:get': () => null }, log);
    expect(runtime.deliver({ hello: 'world' }, { id: 'peerside-id' })).toEqual([undefined]);
    expect(runtime.deliver({ peerside: 'panel:open', data: {} }, { id: 'peerside-id' })).toEqual([undefined]);
    expect(log).not.toHaveBeenCalled();
  });

  it('stops listening when asked', () => {
    const runtime = fakeRuntime();
    const stop = listen(runtime, { 'context:get': () => null });
    stop();
    expect(runtime.listeners).toHaveLength(0);
  });
});

describe('sendMessage', () => {
  it('returns the parsed answer', async () => {
    const runtime = fakeRuntime();
    runtime.sendMessage.mockResolvedValue({ tabId: 4, place, detectedAt: 1 });
    await expect(sendMessage(runtime, 'context:get', { tabId: 4 })).resolves.toEqual({
      tabId: 4,
      place,
      detectedAt: 1,
    });
    expect(runtime.sendMessage).toHaveBeenCalledWith({ peerside: 'context:get', data: { tabId: 4 } });
  });

  it('rejects an answer that breaks the protocol with an error naming the message', async () => {
    const runtime = fakeRuntime();
    runtime.sendMessage.mockResolvedValue({ tabId: 'four' });
    await expect(sendMessage(runtime, 'context:get', { tabId: 4 })).rejects.toThrow(ProtocolError);
    await expect(sendMessage(runtime, 'context:get', { tabId: 4 })).rejects.toThrow(/context:get/);
  });
});
