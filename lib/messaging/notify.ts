/**
 * Fire-and-forget sending for the content script. It imports only types from the protocol, so no
 * schema code ships into LMS pages (the receiver parses every message anyway), and it ignores the
 * answer, so there is nothing received to parse. Failures are logged, never thrown into the host page.
 */
import type { MessageName, RequestOf } from './protocol';

export function notify<N extends MessageName>(
  runtime: { sendMessage(message: unknown): Promise<unknown> },
  name: N,
  data: RequestOf<N>,
): void {
  runtime.sendMessage({ peerside: name, data }).catch((error: unknown) => {
    console.warn(`Peerside could not send "${name}":`, error);
  });
}
