/**
 * What the peer Q&A components need from the outside world, handed down through context: the local
 * database, the learner's ids, a clock, ids, and a way to ask the background to sync. Components never
 * reach for `browser` or the network; the side panel wiring (or a test) builds this.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PeersideDb } from '@/lib/db/database';
import type { FollowTarget } from '@/lib/domain/follows';
import type { MentoringAnswer } from '@/lib/domain/mentoring';
import type { ReportReason } from '@/lib/domain/moderation';

/** Mentoring through the background (RPCs and reads, online only). Each write throws with a sentence. */
export interface MentoringServices {
  load(): Promise<MentoringAnswer>;
  /** Ask a mentor (the database allows one open request per mentor, so a double send is refused, not doubled). */
  request(mentorId: string, message: string): Promise<void>;
  respond(requestId: string, accept: boolean, reply: string): Promise<void>;
  withdraw(requestId: string): Promise<void>;
  complete(requestId: string): Promise<void>;
}

export interface PeerServices {
  db: PeersideDb;
  now(): number;
  /** A fresh uuid for a new row (UUIDv7 from lib/domain/ids in the panel). */
  newId(): string;
  /** Ask the background to sync now; with `force` and a place key it also brings that place back whole. */
  requestSync(force?: boolean, placeKey?: string): void;
  /** Open the extension's options page (sign in, connect to the organisation). */
  openOptions(): void;
  /**
   * Accept an answer to the learner's own question. Rule-bearing, so it is not an outbox row write;
   * absent until the background offers it, and then the button is not shown. Throws with a sentence.
   */
  acceptAnswer?: (threadId: string, postId: string) => Promise<void>;
  /** Endorse a peer's answer as helpful (an RPC, online only). Absent: no button. Throws with a sentence. */
  endorseAnswer?: (postId: string) => Promise<void>;
  /** Report a peer's question or answer to the moderators (an RPC, online only). Absent: no Report button. */
  reportContent?: (
    targetKind: 'thread' | 'post',
    targetId: string,
    reason: ReportReason,
    note: string,
  ) => Promise<void>;
  /** Following questions and places (online). Absent: no Follow buttons. */
  follows?: {
    /** null when it cannot tell (offline). */
    isFollowing(target: FollowTarget): Promise<boolean | null>;
    /** Throws with a sentence. */
    set(target: FollowTarget, follow: boolean): Promise<void>;
  };
  // [services: resources]
  // [services: circles]
  // [services: reviews]
  /** Mentoring (absent: the panel has no mentoring section). */
  mentoring?: MentoringServices;
  /** Mark every notification read (through the background). */
  markInboxRead?: () => void;
  /** A time of day in the learner's locale. */
  formatTime(at: number): string;
}

/** Who is writing: the signed-in learner in their organisation. */
export interface Viewer {
  userId: string;
  orgId: string;
}

export const PeerServicesContext = createContext<PeerServices | null>(null);
export const ViewerContext = createContext<Viewer | null>(null);
/** Say something to screen readers through the panel's one polite live region. */
export const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function usePeerServices(): PeerServices {
  const services = useContext(PeerServicesContext);
  if (!services) throw new Error('Peer Q&A components need PeerServicesContext.');
  return services;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('Peer Q&A components need ViewerContext.');
  return viewer;
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/** The sentence of a refused write or failed action, for the learner. */
export function sentenceOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
