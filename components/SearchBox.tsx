/**
 * Search the organisation's questions the device holds (offline too): every word must match, the last
 * as the start of a word, in a question or in its answers. Results open in the panel; questions from
 * another page of the course say so.
 */
import { useEffect, useState } from 'preact/hooks';
import { searchLocal, threadById } from '@/lib/db/queries';
import type { ThreadRecord } from '@/lib/db/records';
import { useT } from './i18n';
import { usePeerServices, useViewer } from './peer-services';
import { ThreadLinks } from './ThreadLinks';

export function SearchBox({ placeKey, onOpen }: { placeKey: string; onOpen(threadId: string): void }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const [text, setText] = useState('');
  const [results, setResults] = useState<ThreadRecord[] | null>(null);

  useEffect(() => {
    if (text.trim().length < 2) {
      setResults(null);
      return;
    }
    let current = true;
    const search = async () => {
      const hits = await searchLocal(services.db, { orgId: viewer.orgId, text, viewerId: viewer.userId, limit: 20 });
      // An answer that matches stands for its question; each question is listed once.
      const threadIds = [...new Set(hits.map((hit) => (hit.kind === 'thread' ? hit.thread.id : hit.post.threadId)))];
      const threads = await Promise.all(
        threadIds.map((id) => threadById(services.db, { id, viewerId: viewer.userId })),
      );
      if (current) setResults(threads.filter((thread): thread is ThreadRecord => thread !== null));
    };
    search().catch((error: unknown) => console.error('Peerside could not search its cache:', error));
    return () => {
      current = false;
    };
  }, [services, viewer, text]);

  return (
    <div class="search" role="search">
      <label class="field">
        {t('searchLabel')}
        <input type="search" value={text} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <p role="status" class={results === null ? 'visually-hidden' : 'muted'}>
        {results === null
          ? ''
          : results.length === 0
            ? t('searchNone')
            : results.length === 1
              ? t('searchOne')
              : t('searchMany', [String(results.length)])}
      </p>
      {results && results.length > 0 && (
        <ThreadLinks
          class="search-results"
          threads={results}
          placeKey={placeKey}
          label={t('searchResultsLabel')}
          onOpen={onOpen}
        />
      )}
    </div>
  );
}
