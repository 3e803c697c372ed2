/**
 * Ask a question at this place. While the learner types the title, similar questions already in the
 * local cache are offered first, so they can open one instead of asking again. Posting writes locally
 * (shown at once as "waiting to send") and asks the background to sync.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { searchLocal, threadById } from '@/lib/db/queries';
import type { ThreadRecord } from '@/lib/db/records';
import { searchTokens } from '@/lib/domain/text';
import type { CoursePlace } from '@/lib/lms/types';
import { useT } from './i18n';
import { ThreadLinks } from './ThreadLinks';
import { sentenceOf, useAnnounce, usePeerServices, useViewer, type PeerServices, type Viewer } from './peer-services';
import { askQuestion } from './peer-writes';

export interface Draft {
  title: string;
  body: string;
}

export interface AskComposerProps {
  place: CoursePlace;
  draft: Draft;
  onDraft(draft: Draft): void;
  /** Open an existing question (a suggestion). */
  onOpen(threadId: string): void;
  /** The question was saved locally; the draft is done. */
  onPosted(threadId: string): void;
  onCancel(): void;
}

/** How long typing pauses before the suggestions are looked up. */
const suggestDelayMs = 200;
const maxSuggestions = 5;

export function AskComposer({ place, draft, onDraft, onOpen, onPosted, onCancel }: AskComposerProps) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const announce = useAnnounce();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const suggestions = useSimilarQuestions(services, viewer, draft.title, place.key);
  const titleField = useRef<HTMLInputElement>(null);

  useEffect(() => titleField.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const id = await askQuestion(services, viewer, place, draft);
      services.requestSync();
      announce(t('askPosted'));
      onPosted(id);
    } catch (thrown) {
      setError(sentenceOf(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="composer" aria-labelledby="ask-heading" onSubmit={(event) => void submit(event)}>
      <h4 id="ask-heading">{t('askHeading')}</h4>
      <label class="field">
        {t('askTitleLabel')}
        <input
          ref={titleField}
          name="title"
          type="text"
          required
          maxLength={200}
          autoComplete="off"
          aria-describedby="ask-title-hint"
          value={draft.title}
          onInput={(event) => onDraft({ ...draft, title: event.currentTarget.value })}
        />
        <span id="ask-title-hint" class="hint">
          {t('askTitleHint')}
        </span>
      </label>
      <Suggestions suggestions={suggestions} placeKey={place.key} onOpen={onOpen} />
      <label class="field">
        {t('askBodyLabel')}
        <textarea
          name="body"
          rows={5}
          maxLength={20000}
          value={draft.body}
          onInput={(event) => onDraft({ ...draft, body: event.currentTarget.value })}
        />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('askSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function Suggestions({
  suggestions,
  placeKey,
  onOpen,
}: {
  suggestions: ThreadRecord[];
  placeKey: string;
  onOpen(threadId: string): void;
}) {
  const t = useT();
  return (
    <div class="suggestions">
      {/* Always present, so screen readers hear when suggestions appear or go. */}
      <p role="status" class={suggestions.length > 0 ? 'suggestions-title' : 'visually-hidden'}>
        {suggestions.length === 0
          ? ''
          : suggestions.length === 1
            ? t('suggestionsOne')
            : t('suggestionsMany', [String(suggestions.length)])}
      </p>
      {suggestions.length > 0 && (
        <ThreadLinks threads={suggestions} placeKey={placeKey} label={t('suggestionsLabel')} onOpen={onOpen} />
      )}
    </div>
  );
}

/**
 * Questions similar to a title being typed: each significant word (4+ letters) is looked up in the
 * local index (questions and answers); questions matching more of the words come first, then this
 * place's, then the newest. A title of several words must share at least two of them.
 */
function useSimilarQuestions(services: PeerServices, viewer: Viewer, title: string, placeKey: string): ThreadRecord[] {
  const [found, setFound] = useState<ThreadRecord[]>([]);
  useEffect(() => {
    const words = searchTokens(title)
      .filter((word) => word.length >= 4)
      .slice(0, 6);
    if (words.length === 0) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      findSimilar(services, viewer, words, placeKey)
        .then((threads) => current && setFound(threads))
        .catch((error: unknown) => console.error('Peerside could not search its local cache:', error));
    }, suggestDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [services, viewer, title, placeKey]);
  return found;
}

async function findSimilar(
  services: PeerServices,
  viewer: Viewer,
  words: string[],
  placeKey: string,
): Promise<ThreadRecord[]> {
  const { db } = services;
  const matches = new Map<string, number>();
  const threads = new Map<string, ThreadRecord>();
  const perWord = await Promise.all(
    words.map((text) => searchLocal(db, { orgId: viewer.orgId, text, viewerId: viewer.userId, limit: 50 })),
  );
  const postThreadIds = new Set<string>();
  for (const hits of perWord) {
    const threadIds = new Set<string>();
    for (const hit of hits) {
      if (hit.kind === 'thread') {
        threads.set(hit.thread.id, hit.thread);
        threadIds.add(hit.thread.id);
      } else {
        threadIds.add(hit.post.threadId);
        postThreadIds.add(hit.post.threadId);
      }
    }
    for (const id of threadIds) matches.set(id, (matches.get(id) ?? 0) + 1);
  }
  const missing = [...postThreadIds].filter((id) => !threads.has(id));
  const parents = await Promise.all(missing.map((id) => threadById(db, { id, viewerId: viewer.userId })));
  for (const thread of parents) if (thread) threads.set(thread.id, thread);
  const needed = Math.min(2, words.length);
  const here = (thread: ThreadRecord) => Number(thread.placeKey === placeKey);
  return [...threads.values()]
    .filter((thread) => (matches.get(thread.id) ?? 0) >= needed)
    .sort((a, b) => matches.get(b.id)! - matches.get(a.id)! || here(b) - here(a) || b.updatedAt - a.updatedAt)
    .slice(0, maxSuggestions);
}
