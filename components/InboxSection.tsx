/**
 * "New for you" at the top of the panel: the learner's unread notifications as sentences (the server
 * sends ids and a kind, never content), each opening its question when the device holds it.
 */
import type { Inbox } from '@/lib/domain/notifications';
import { useT } from './i18n';

export function InboxSection({
  inbox,
  onOpenThread,
  onMarkRead,
}: {
  inbox: Inbox | null;
  onOpenThread(threadId: string): void;
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
            {item.threadId && (
              <button type="button" class="link" onClick={() => onOpenThread(item.threadId!)}>
                {t('inboxOpen')}
              </button>
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
