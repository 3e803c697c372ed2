/**
 * What the peer Q&A components need from the outside world, handed down through context: the local
 * database, the learner's ids, a clock, ids, and a way to ask the background to sync. Components never
 * reach for `browser` or the network; the side panel wiring (or a test) builds this.
 */
import { createContext } from 'preact';
import { useContext, useRef } from 'preact/hooks';
import type { PeersideDb } from '@/lib/db/database';
import type { CirclesServices } from '@/lib/domain/circles';
import type { ContributorsAnswer } from '@/lib/domain/contributors';
import type { FollowTarget } from '@/lib/domain/follows';
import type { MentoringAnswer } from '@/lib/domain/mentoring';
import type { ReportReason } from '@/lib/domain/moderation';
import type { PanelFeatures } from '@/lib/domain/org-settings';
import type { NewPlaylist, PlaylistItemsAnswer, PlaylistsAnswer, VoteValue } from '@/lib/domain/playlists';
import type { ReviewDraft, ReviewsAnswer } from '@/lib/domain/reviews';
import type { CoursePlace } from '@/lib/lms/types';

/** Mentoring through the background (RPCs and reads, online only). Each write throws with a sentence. */
export interface MentoringServices {
  load(): Promise<MentoringAnswer>;
  /** Ask a mentor. `requestId` is the draft's (useDraftId): sending it again is a no-op. */
  request(requestId: string, mentorId: string, message: string): Promise<void>;
  respond(requestId: string, accept: boolean, reply: string): Promise<void>;
  withdraw(requestId: string): Promise<void>;
  complete(requestId: string): Promise<void>;
}

/** Who helps most, and skill endorsements, through the background (online only). Each write throws with a sentence. */
export interface ContributorsServices {
  /** The people who helped most lately in this course (null: the whole organisation). */
  load(courseKey: string | null): Promise<ContributorsAnswer>;
  /**
   * Endorse a peer for one of their profile skills (the database refuses your own, and keeps one per
   * skill). Absent, with `withdraw`, where the organisation turned endorsements off: no Endorse buttons.
   */
  endorse?: (memberId: string, skill: string) => Promise<void>;
  withdraw?: (endorsementId: string) => Promise<void>;
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
    reportId: string,
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
  /** Shared playlists of resources (reads and writes online only). Absent: no Resources tab. */
  resources?: {
    /** The playlists of this place and its course, the place's own first. */
    list(placeKey: string): Promise<PlaylistsAnswer>;
    /** A playlist's resources with the learner's own votes. */
    items(playlistId: string): Promise<PlaylistItemsAnswer>;
    /** Create a playlist (the learner curates it). Each write throws with a sentence. */
    create(playlistId: string, playlist: NewPlaylist): Promise<void>;
    add(itemId: string, playlistId: string, url: string, title: string, note: string): Promise<void>;
    /** Set the learner's vote: 1 up, -1 down, 0 withdrawn. */
    vote(itemId: string, value: VoteValue): Promise<void>;
    remove(itemId: string): Promise<void>;
    /** Curators: the playlist's resources in their new order. */
    reorder(playlistId: string, itemIds: string[]): Promise<void>;
    /** Curators: archive (read-only) or reopen. */
    archive(playlistId: string, archived: boolean): Promise<void>;
  };
  /** Circles of the course and their sessions (RPCs and reads, online only). Absent: no Circles tab. */
  circles?: CirclesServices;
  /** Peer review through the background (RPCs and reads, online only). Absent: no Reviews tab. */
  reviews?: {
    /** The learner's requests and peers' open ones, those of this place's course first. */
    load(placeKey: string): Promise<ReviewsAnswer>;
    /** Ask peers for a review, tied to `place` when given. Each write throws with a sentence. */
    request(requestId: string, draft: ReviewDraft, place?: CoursePlace): Promise<void>;
    /** Review a peer's request once: a score per criterion of its rubric, and a comment. */
    submit(reviewId: string, requestId: string, scores: Record<string, number>, comment: string): Promise<void>;
    close(requestId: string): Promise<void>;
  };
  /** Who helps most in the course, and skill endorsements (absent: no contributors section). */
  contributors?: ContributorsServices;
  /** Mentoring (absent: the panel has no mentoring section). */
  mentoring?: MentoringServices;
  /** Mark every notification read (through the background). */
  markInboxRead?: () => void;
  /** A time of day in the learner's locale. */
  formatTime(at: number): string;
}

/**
 * The services of the features the organisation offers (lib/domain/org-settings `panelFeatures`):
 * those it turned off are left out, so their tabs and buttons are not shown. Questions always stay.
 */
export function offeredServices(services: PeerServices, features: PanelFeatures): PeerServices {
  const offered: PeerServices = { ...services };
  if (!features.resources) delete offered.resources;
  if (!features.circles) delete offered.circles;
  if (!features.reviews) delete offered.reviews;
  if (!features.mentoring) delete offered.mentoring;
  if (!features.endorsements) {
    delete offered.endorseAnswer;
    // Who helps most stays (it is read-only), without its Endorse buttons.
    if (offered.contributors) offered.contributors = { load: offered.contributors.load };
  }
  return offered;
}

/** Who is writing: the signed-in learner in their organisation. */
export interface Viewer {
  userId: string;
  orgId: string;
}

export const PeerServicesContext = createContext<PeerServices | null>(null);

/**
 * The client-made id of one draft (a request, a report, a playlist...): the same id however often the
 * learner presses Send again after a failure, so a write the server took but whose answer was lost is
 * not made twice; `renew()` after it was sent starts the next draft with a new id.
 */
export function useDraftId(): { readonly current: string; renew(): void } {
  const services = usePeerServices();
  const id = useRef<string | null>(null);
  id.current ??= services.newId();
  return {
    get current() {
      return id.current!;
    },
    renew: () => {
      id.current = services.newId();
    },
  };
}
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
