/**
 * Sending and receiving protocol messages. Receivers drop (and log) anything not sent by this extension
 * or not matching its schema. The runtime API is a parameter, never a global, so this is tested in Node.
 */
import { z } from 'zod/mini';
import {
  contentScriptMessages,
  EnvelopeSchema,
  protocol,
  type MessageName,
  type RequestOf,
  type ResponseOf,
} from './protocol';

export * from './protocol';

/** The part of a message sender we rely on (webextension-polyfill's `Runtime.MessageSender`). */
export interface Sender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
}

type Listener = (message: unknown, sender: Sender) => Promise<unknown> | undefined;

/** The part of `browser.runtime` messaging needs. */
export interface RuntimeLike {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: Listener): void;
    removeListener(listener: Listener): void;
  };
}

export type Handlers = {
  [N in MessageName]?: (data: RequestOf<N>, sender: Sender) => ResponseOf<N> | Promise<ResponseOf<N>>;
};

/** Thrown when the other side answered with something that is not the declared response. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Send `name` to the extension's other runtimes and parse the answer. */
export async function sendMessage<N extends MessageName>(
  runtime: Pick<RuntimeLike, 'sendMessage'>,
  name: N,
  data: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const answer = await runtime.sendMessage({ peerside: name, data });
  const parsed = protocol[name].response.safeParse(answer);
  if (!parsed.success) {
    throw new ProtocolError(`The answer to "${name}" did not match the protocol: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as ResponseOf<N>;
}

/** Send `name` to the content script in the top frame of tab `tabId` and parse the answer. */
export async function sendToTab<N extends MessageName>(
  tabs: { sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown> },
  tabId: number,
  name: N,
  data: RequestOf<N>,
): Promise<ResponseOf<N>> {
  return sendMessage({ sendMessage: (message) => tabs.sendMessage(tabId, message, { frameId: 0 }) }, name, data);
}

/** A sender inside a web page (a content script), as opposed to one of the extension's own pages. */
const fromWebPage = (sender: Sender) =>
  sender.tab !== undefined && !/^(chrome|moz|safari-web)-extension:\/\//.test(sender.url ?? '');

/**
 * Listen for protocol messages. Only messages from this extension (`sender.id === runtime.id`) whose
 * name has a handler here and whose data matches its schema reach the handler; from a content script
 * (inside an LMS page) only the few names it needs (`contentScriptMessages`). Returns `stop`.
 * Handlers run synchronously up to their first await, which keeps the user gesture a click carried
 * (Chrome's sidePanel.open needs it).
 */
export function listen(
  runtime: Pick<RuntimeLike, 'id' | 'onMessage'>,
  handlers: Handlers,
  log: (message: string) => void = (message) => console.warn(message),
): () => void {
  const listener: Listener = (message, sender) => {
    const envelope = EnvelopeSchema.safeParse(message);
    if (!envelope.success) return undefined; // not ours (other libraries may message too)
    const name = envelope.data.peerside;
    const handler = handlers[name] as ((data: unknown, sender: Sender) => unknown) | undefined;
    if (!handler) return undefined; // another runtime answers this one
    if (sender.id !== runtime.id) {
      log(`Peerside dropped "${name}" from another extension or page (${sender.id ?? 'unknown sender'}).`);
      return undefined;
    }
    if (fromWebPage(sender) && !contentScriptMessages.has(name)) {
      log(`Peerside dropped "${name}" from a content script: only the extension's own pages may send it.`);
      return undefined;
    }
    const request = protocol[name].request.safeParse(envelope.data.data);
    if (!request.success) {
      log(`Peerside dropped "${name}": ${z.prettifyError(request.error)}`);
      return undefined;
    }
    try {
      return Promise.resolve(handler(request.data, sender));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}
