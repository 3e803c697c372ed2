/**
 * The moderators' queue on the dashboard: open reports grouped by reported question or answer, most
 * reported first, with the reasons people gave and the reported text (as text, never HTML). Each
 * action (hide, restore, lock the question, dismiss the reports) needs a reason that the moderation
 * log keeps; the database decides who may act and answers refusals with sentences.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  actionsFor,
  MODERATION_REASON_MAX,
  reportReasons,
  type ModerationAction,
  type QueueAnswer,
  type QueueItem,
} from '@/lib/domain/moderation';
import { useT } from './i18n';
import { sentenceOf } from './peer-services';
import { LoadError } from './actions';

export interface ModerationServices {
  load(): Promise<QueueAnswer>;
  /** Throws with the database's sentence when refused. */
  act(item: QueueItem, action: ModerationAction, reason: string): Promise<void>;
}

type Loaded = { status: 'loading' } | { status: 'ready'; items: QueueItem[] } | { status: 'error'; error: string };

export function ModerationSection({ services }: { services: ModerationServices }) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [status, setStatus] = useState('');

  const load = async () => {
    const answer = await services.load().catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', items: answer.items } : { status: 'error', error: answer.error });
  };
  useEffect(() => void load(), [services]);

  let body;
  if (loaded.status === 'loading') body = <p class="muted">{t('moderationLoading')}</p>;
  else if (loaded.status === 'error') {
    body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  } else if (loaded.items.length === 0) body = <p>{t('moderationEmpty')}</p>;
  else {
    body = (
      <ol class="moderation-list">
        {loaded.items.map((item) => (
          <QueueEntry
            key={`${item.targetKind}:${item.targetId}`}
            item={item}
            act={services.act}
            onDone={async (message) => {
              setStatus(message);
              await load();
            }}
          />
        ))}
      </ol>
    );
  }
  return (
    <section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t('moderationHeading')}</h2>
      {loaded.status === 'ready' && loaded.items.length > 0 && (
        <p>{t('moderationCount', [String(loaded.items.length)])}</p>
      )}
      {body}
      <p role="status" class="visually-hidden">
        {status}
      </p>
    </section>
  );
}

const doneKey = {
  hide: 'moderationHidden',
  restore: 'moderationRestored',
  lock: 'moderationLocked',
  dismiss: 'moderationDismissed',
} as const;
const actionKey = {
  hide: 'moderationHide',
  restore: 'moderationRestore',
  lock: 'moderationLock',
  dismiss: 'moderationDismiss',
} as const;

function QueueEntry({
  item,
  act,
  onDone,
}: {
  item: QueueItem;
  act: ModerationServices['act'];
  onDone(message: string): Promise<void>;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const reasonId = `moderation-reason-${item.targetId}`;
  const headingId = `moderation-item-${item.targetId}`;

  const run = async (action: ModerationAction) => {
    if (reason.trim() === '') {
      setError(t('moderationReasonNeeded'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await act(item, action, reason);
      await onDone(t(doneKey[action]));
    } catch (thrown) {
      setError(sentenceOf(thrown));
    } finally {
      setBusy(false);
    }
  };
  const knownReason = (reason: string) =>
    (reportReasons as readonly string[]).includes(reason)
      ? t(`reportReason_${reason as (typeof reportReasons)[number]}`)
      : reason;

  return (
    <li class="moderation-item">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>{item.threadTitle ?? t('moderationUntitled')}</h3>
        <p class="thread-meta">
          <span>
            {t(item.targetKind === 'thread' ? 'moderationQuestionBy' : 'moderationAnswerBy', [
              item.authorName ?? t('formerMember'),
            ])}
          </span>
          {item.hidden && <span class="badge">{t('moderationIsHidden')}</span>}
        </p>
        {item.excerpt && <p class="user-text">{item.excerpt}</p>}
        <p>
          {t('moderationReports', [String(item.reportCount)])}{' '}
          {item.reasons.map(({ reason, count }) => `${knownReason(reason)} (${count})`).join(', ')}
        </p>
        <div class="field">
          <label for={reasonId}>{t('moderationReasonLabel')}</label>
          <input
            id={reasonId}
            type="text"
            maxLength={MODERATION_REASON_MAX}
            value={reason}
            aria-invalid={error === t('moderationReasonNeeded')}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </div>
        <div class="actions">
          {actionsFor(item).map((action) => (
            <button key={action} type="button" disabled={busy} onClick={() => void run(action)}>
              {t(actionKey[action])}
            </button>
          ))}
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </article>
    </li>
  );
}
