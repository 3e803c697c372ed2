/**
 * "New for you" at the top of the panel: the learner's unread notifications as sentences (the server
 * sends ids and a kind, never content), each opening what it is about: its question, or the tab where
 * mentoring requests and reviews are answered, when the panel offers it.
 */
import type { Inbox, NotificationKind } from '@/lib/domain/notifications';
import { useT } from './i18n';

/** The tab a notification without a question belongs to. */
export const tabOfKind: Partial<Record<NotificationKind, 'mentors' | 'reviews'>> = {
  mentor_requested: 'mentors',
  mentor_accepted: 'mentors',
  mentor_declined: 'mentors',
  review_received: 'reviews',
};

export function InboxSection({
  inbox,
  onOpenThread,
  onOpenTab,
  tabs = [],
  onMarkRead,
}: {
  inbox: Inbox | null;
  onOpenThread(threadId: string): void;
  /** Show one of the panel's tabs (`tabs`: the ones it offers). */
  onOpenTab?(tab: string): void;
  tabs?: readonly string[];
  onMarkRead(): void;
}) {
  const t = useT();
  const unread = inbox?.items.filter((item) => !item.read) ?? [];
  if (unread.length === 0) return null;
  return (
    <section class="inbox" aria-labelledby="inbox-heading">
      <h3 id="inbox-heading">
        {t('inboxHeading')} <span class="badge">{inbox?.unread ?? unread.length}</span>
      </h3>
      <ul>
        {unread.map((item) => (
          <li key={item.id}>
            {t(`notify_${item.kind}`)}{' '}
            {item.threadId ? (
              <button type="button" class="link" onClick={() => onOpenThread(item.threadId!)}>
                {t('inboxOpen')}
              </button>
            ) : (
              tabOfKind[item.kind] &&
              onOpenTab &&
              tabs.includes(tabOfKind[item.kind]!) && (
                <button type="button" class="link" onClick={() => onOpenTab(tabOfKind[item.kind]!)}>
                  {t(tabOfKind[item.kind] === 'reviews' ? 'inboxOpenReviews' : 'inboxOpenMentoring')}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onMarkRead}>
        {t('inboxMarkRead')}
      </button>
    </section>
  );
}
