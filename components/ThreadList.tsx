/**
 * The questions asked at one place, newest activity first, read live from the local cache: a question
 * the learner just asked, and rows sync brings, appear without a reload. Titles are text, never HTML.
 */
import { useEffect, useRef } from 'preact/hooks';
import { statsForThreads, threadsForPlace, type ThreadStats } from '@/lib/db/queries';
import type { ThreadRecord } from '@/lib/db/records';
import { useT } from './i18n';
import { usePeerServices, useViewer } from './peer-services';
import { SyncMark } from './SyncMark';
import { useLiveQuery } from './useLiveQuery';

export interface ThreadListProps {
  placeKey: string;
  onOpen(threadId: string): void;
  /** Open the composer (the empty state invites the first question). */
  onAsk(): void;
  /** Put focus back on this question's link (coming back from it). */
  focusThreadId?: string | undefined;
}

interface ListedThread {
  thread: ThreadRecord;
  stats: ThreadStats;
}

export function ThreadList({ placeKey, onOpen, onAsk, focusThreadId }: ThreadListProps) {
  const t = useT();
  const { db } = usePeerServices();
  const { userId, orgId } = useViewer();
  const live = useLiveQuery(async (): Promise<ListedThread[]> => {
    const threads = await threadsForPlace(db, { orgId, placeKey, viewerId: userId });
    const stats = await statsForThreads(db, { threads, viewerId: userId });
    return threads
      .map((thread) => ({ thread, stats: stats.get(thread.id)! }))
      .sort((a, b) => b.stats.lastActivityAt - a.stats.lastActivityAt);
  }, [db, orgId, placeKey, userId]);
  const list = useRef<HTMLUListElement>(null);

  // Focus the question asked for once its link is there (a new question appears a moment after posting).
  const focused = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!focusThreadId || focused.current === focusThreadId) return;
    const links = list.current?.querySelectorAll<HTMLElement>('[data-thread-id]') ?? [];
    const link = [...links].find((candidate) => candidate.dataset['threadId'] === focusThreadId);
    if (!link) return;
    link.focus();
    focused.current = focusThreadId;
  }, [live, focusThreadId]);

  if (live.status === 'loading') return <p class="muted">{t('threadsLoading')}</p>;
  if (live.status === 'error') return <p role="alert">{t('cacheError')}</p>;
  if (live.value.length === 0) {
    return (
      <div class="empty">
        <p class="empty-title">{t('threadsEmpty')}</p>
        <p class="muted">{t('threadsEmptyHint')}</p>
        <button type="button" class="primary" onClick={onAsk}>
          {t('askFirst')}
        </button>
      </div>
    );
  }
  return (
    <ul class="thread-list" ref={list} aria-label={t('threadsListLabel')}>
      {live.value.map(({ thread, stats }) => (
        <li key={thread.id} class="thread-item">
          <h4 class="thread-item-title">
            <button type="button" class="link" data-thread-id={thread.id} onClick={() => onOpen(thread.id)}>
              {thread.title}
            </button>
          </h4>
          <p class="thread-meta">
            <span>{stats.answers === 1 ? t('answersOne') : t('answersMany', [String(stats.answers)])}</span>
            {stats.topScore !== null && <span>{t('threadTopScore', [String(stats.topScore)])}</span>}
            <ThreadStatus thread={thread} answers={stats.answers} />
            <SyncMark mark={thread.sync} />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Resolved (an answer was accepted), answered, or still waiting for an answer. */
export function ThreadStatus({ thread, answers }: { thread: ThreadRecord; answers: number }) {
  const t = useT();
  if (thread.status === 'resolved' || thread.acceptedPostId !== null) {
    return <span class="badge badge-resolved">{t('statusResolved')}</span>;
  }
  if (thread.status === 'answered' || answers > 0) {
    return <span class="badge badge-answered">{t('statusAnswered')}</span>;
  }
  return <span class="badge">{t('statusOpen')}</span>;
}
