/**
 * One question with its answers (the accepted one first, then by score), votes on answers, "accept
 * this answer" for the asker, and a composer for a new answer. Everything is read live from the local
 * cache and written there first. User-written text is rendered as text, never as HTML.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { postsForThread, threadById, votesForPosts } from '@/lib/db/queries';
import type { PostRecord, ThreadRecord, VoteRecord } from '@/lib/db/records';
import { readOutbox } from '@/lib/sync/outbox';
import { useT } from './i18n';
import { sentenceOf, useAnnounce, usePeerServices, useViewer } from './peer-services';
import { orderAnswers, postAnswer, unsentVoteDeltas, vote } from './peer-writes';
import { FollowToggle } from './FollowToggle';
import { ReportControl } from './ReportControl';
import { SyncMark } from './SyncMark';
import { ThreadStatus } from './ThreadList';
import { useLiveQuery } from './useLiveQuery';

interface ThreadData {
  thread: ThreadRecord | null;
  answers: { post: PostRecord; score: number; mine: VoteRecord | undefined; replies: PostRecord[] }[];
}

export function ThreadView({ threadId, onBack }: { threadId: string; onBack(): void }) {
  const t = useT();
  const { db } = usePeerServices();
  const { userId } = useViewer();
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useLiveQuery(async (): Promise<ThreadData> => {
    const thread = await threadById(db, { id: threadId, viewerId: userId });
    if (!thread) return { thread: null, answers: [] };
    const posts = await postsForThread(db, { threadId, viewerId: userId });
    const answers = posts.filter((post) => post.parentId === null);
    const ids = new Set(answers.map((post) => post.id));
    const mine = (await votesForPosts(db, [...ids])).filter((row) => row.userId === userId);
    const deltas = unsentVoteDeltas(await readOutbox(db), mine, ids);
    const scored = answers.map((post) => ({
      post,
      score: post.score + (deltas.get(post.id) ?? 0),
      mine: mine.find((row) => row.postId === post.id),
      replies: posts.filter((reply) => reply.parentId === post.id),
    }));
    return { thread, answers: orderAnswers(scored, thread.acceptedPostId) };
  }, [db, threadId, userId]);

  const loaded = live.status !== 'loading';
  // Opening a question moves focus to its heading, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  const back = (
    <button type="button" class="link back" onClick={onBack}>
      {t('threadBack')}
    </button>
  );
  if (live.status === 'loading') return <p class="muted">{t('threadLoading')}</p>;
  if (live.status === 'error') {
    return (
      <div>
        {back}
        <p role="alert">{t('cacheError')}</p>
      </div>
    );
  }
  const { thread, answers } = live.value;
  if (!thread) {
    return (
      <div>
        {back}
        <h4 ref={heading} tabIndex={-1}>
          {t('threadGone')}
        </h4>
        <p class="muted">{t('threadGoneHint')}</p>
      </div>
    );
  }
  return (
    <article class="thread" aria-labelledby="thread-title">
      {back}
      <h4 id="thread-title" ref={heading} tabIndex={-1}>
        {thread.title}
      </h4>
      <p class="thread-meta">
        <ThreadStatus thread={thread} answers={answers.length} />
        {thread.authorId === userId && <span>{t('threadYours')}</span>}
        <SyncMark mark={thread.sync} />
        {thread.sync === 'synced' && <FollowToggle target={{ kind: 'thread', threadId: thread.id }} />}
      </p>
      {thread.body && <p class="user-text">{thread.body}</p>}
      {thread.authorId !== userId && <ReportControl targetKind="thread" targetId={thread.id} />}
      <section aria-labelledby="answers-heading">
        <h5 id="answers-heading">
          {answers.length === 1 ? t('answersOne') : t('answersMany', [String(answers.length)])}
        </h5>
        {answers.length === 0 ? (
          <p class="muted">{t('answersNone')}</p>
        ) : (
          <ol class="answers">
            {answers.map((answer) => (
              <Answer key={answer.post.id} thread={thread} {...answer} />
            ))}
          </ol>
        )}
      </section>
      <AnswerComposer thread={thread} />
    </article>
  );
}

function Answer({ thread, post, score, mine, replies }: ThreadData['answers'][number] & { thread: ThreadRecord }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const announce = useAnnounce();
  const [error, setError] = useState<string | undefined>(undefined);
  const accepted = thread.acceptedPostId === post.id;
  const own = post.authorId === viewer.userId;

  const run = async (action: () => Promise<void>, done: string) => {
    setError(undefined);
    try {
      await action();
      services.requestSync();
      announce(done);
    } catch (thrown) {
      setError(sentenceOf(thrown));
    }
  };
  const castVote = (value: 1 | -1) =>
    run(
      () => vote(services, viewer, post.id, mine, value),
      mine?.value === value ? t('voteWithdrawn') : t('voteSaved'),
    );
  const { acceptAnswer, endorseAnswer } = services;

  return (
    <li class={accepted ? 'answer answer-accepted' : 'answer'}>
      <p class="answer-label">
        {accepted && <span class="badge badge-resolved">{t('answerAccepted')}</span>}
        {own && <span>{t('answerYours')}</span>}
        <span class="visually-hidden">{t('answerLabel')}</span>
        <SyncMark mark={post.sync} />
      </p>
      <p class="user-text">{post.body}</p>
      <div class="answer-actions">
        {own ? (
          <span class="score">{t('answerScore', [String(score)])}</span>
        ) : (
          <div role="group" aria-label={t('voteGroup')} class="votes">
            <button
              type="button"
              class="vote"
              aria-pressed={mine?.value === 1}
              aria-label={t('voteUp')}
              onClick={() => void castVote(1)}
            >
              ▲
            </button>
            <span class="score">{t('answerScore', [String(score)])}</span>
            <button
              type="button"
              class="vote"
              aria-pressed={mine?.value === -1}
              aria-label={t('voteDown')}
              onClick={() => void castVote(-1)}
            >
              ▼
            </button>
          </div>
        )}
        {endorseAnswer && !own && (
          <button type="button" onClick={() => void run(() => endorseAnswer(post.id), t('endorseDone'))}>
            {t('endorseAnswer')}
          </button>
        )}
        {acceptAnswer && thread.authorId === viewer.userId && !accepted && (
          <button type="button" onClick={() => void run(() => acceptAnswer(thread.id, post.id), t('acceptDone'))}>
            {t('acceptAnswer')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {!own && <ReportControl targetKind="post" targetId={post.id} />}
      {replies.length > 0 && (
        <ul class="replies" aria-label={t('repliesLabel')}>
          {replies.map((reply) => (
            <li key={reply.id} class="user-text">
              {reply.body}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function AnswerComposer({ thread }: { thread: ThreadRecord }) {
  const t = useT();
  const services = usePeerServices();
  const viewer = useViewer();
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  if (thread.locked) return <p class="muted">{t('threadLocked')}</p>;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await postAnswer(services, viewer, thread.id, body);
      setBody('');
      services.requestSync();
      announce(t('answerPosted'));
    } catch (thrown) {
      setError(sentenceOf(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="composer" aria-labelledby="answer-heading" onSubmit={(event) => void submit(event)}>
      <h5 id="answer-heading">{t('answerHeading')}</h5>
      <label class="field">
        {t('answerBodyLabel')}
        <textarea
          name="answer"
          rows={4}
          required
          maxLength={20000}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('answerSubmit')}
      </button>
    </form>
  );
}
