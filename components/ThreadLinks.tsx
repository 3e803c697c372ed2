/** A list of questions as links that open them in the panel, marking those from another page. */
import type { ThreadRecord } from '@/lib/db/records';
import { useT } from './i18n';

export function ThreadLinks({
  threads,
  placeKey,
  label,
  class: className,
  onOpen,
}: {
  threads: readonly ThreadRecord[];
  placeKey: string;
  label: string;
  class?: string;
  onOpen(threadId: string): void;
}) {
  const t = useT();
  return (
    <ul class={className} aria-label={label}>
      {threads.map((thread) => (
        <li key={thread.id}>
          <button type="button" class="link" onClick={() => onOpen(thread.id)}>
            {thread.title}
          </button>
          {thread.placeKey !== placeKey && <span class="muted"> {t('suggestionElsewhere')}</span>}
        </li>
      ))}
    </ul>
  );
}
