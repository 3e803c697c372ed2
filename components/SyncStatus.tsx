/**
 * One line saying where the learner's writes are (saved here and sending, up to date, offline, a sync
 * problem), and the writes the server refused, each with its sentence and a way out: edit it and send
 * again, or discard it. What is queued is read live from the local outbox; the phase, the last sync and
 * any problem come from the background's SyncState.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxEntry } from '@/lib/db/records';
import type { SyncState } from '@/lib/domain/sync-state';
import { discardWrite, readOutbox, retryWrite } from '@/lib/sync/outbox';
import { useT } from './i18n';
import { sentenceOf, useAnnounce, usePeerServices, useViewer } from './peer-services';
import { useLiveQuery } from './useLiveQuery';

interface Queue {
  pending: number;
  failed: OutboxEntry[];
  lastSyncedAt: number | null;
}

export function SyncStatus({ syncState }: { syncState: SyncState | undefined }) {
  const t = useT();
  const { db, formatTime } = usePeerServices();
  const { orgId } = useViewer();
  const announce = useAnnounce();
  const live = useLiveQuery(async (): Promise<Queue> => {
    const entries = (await readOutbox(db)).filter((entry) => entry.orgId === orgId);
    const meta = await db.meta.get(orgId);
    return {
      pending: entries.filter((entry) => entry.status === 'pending').length,
      failed: entries.filter((entry) => entry.status === 'failed'),
      lastSyncedAt: meta?.lastSyncedAt ?? null,
    };
  }, [db, orgId]);

  const queue = live.status === 'ready' ? live.value : undefined;
  const pending = queue?.pending ?? 0;
  const failed = queue?.failed.length ?? 0;
  // "Sent" is announced when everything that was waiting has gone through.
  const wasPending = useRef(0);
  useEffect(() => {
    if (!queue) return;
    if (wasPending.current > 0 && pending === 0 && failed === 0) announce(t('syncSent'));
    wasPending.current = pending;
  }, [queue, pending, failed]);

  if (!queue) return null;
  const lastSyncedAt = syncState?.lastSyncedAt ?? queue.lastSyncedAt;
  const phase = syncState?.phase;
  let line: string;
  let problem = false;
  if (phase === 'offline') {
    line = pending > 0 ? t('syncOfflinePending') : (syncState?.error ?? t('syncOffline'));
  } else if (phase === 'error') {
    line = syncState?.error ?? t('syncError');
    problem = true;
  } else if (pending > 0) {
    line = t('syncPending');
  } else if (failed > 0) {
    line = t('syncFailedCount', [String(failed)]);
    problem = true;
  } else if (lastSyncedAt !== null) {
    line = t('syncUpToDate', [formatTime(lastSyncedAt)]);
  } else {
    line = t('syncNever');
  }

  return (
    <section class="sync" aria-labelledby="sync-heading">
      <h3 id="sync-heading" class="visually-hidden">
        {t('syncHeading')}
      </h3>
      <p class={problem ? 'sync-line error' : 'sync-line muted'}>{line}</p>
      {queue.failed.length > 0 && (
        <ul class="failed" aria-label={t('failedListLabel')}>
          {queue.failed.map((entry) => (
            <FailedWrite key={entry.seq} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The fields a refused write can be edited in: a question's title and details, an answer's text. */
type Edit = { title: string; body: string };

function editableOf(entry: OutboxEntry): Edit | null {
  if (entry.table === 'threads') {
    const row = entry.op === 'insert' ? entry.payload : { ...entry.before, ...entry.payload };
    return { title: row.title, body: row.body };
  }
  if (entry.table === 'posts') {
    const row = entry.op === 'insert' ? entry.payload : { ...entry.before, ...entry.payload };
    return { title: '', body: row.body };
  }
  return null;
}

function FailedWrite({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const { db, now, requestSync } = usePeerServices();
  const announce = useAnnounce();
  const editable = editableOf(entry);
  const [editing, setEditing] = useState<Edit | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const titleId = `failed-${entry.seq}`;

  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setError(undefined);
    try {
      await action();
      requestSync();
      announce(done);
      return true;
    } catch (thrown) {
      setError(sentenceOf(thrown));
      return false;
    }
  };
  const send = async (patch: Partial<Edit>) => {
    if (await run(() => retryWrite(db, entry.seq, patch, now()), t('failedRetried'))) setEditing(null);
  };
  const what =
    entry.table === 'threads'
      ? t('failedQuestion', [editable?.title ?? ''])
      : entry.table === 'posts'
        ? t('failedAnswer')
        : entry.table === 'votes'
          ? t('failedVote')
          : t('failedPlace');

  return (
    <li class="failed-item">
      <p id={titleId} class="failed-what">
        {what}
      </p>
      <p class="error">{entry.lastError ?? t('failedNoReason')}</p>
      {editing && editable ? (
        <form
          aria-labelledby={titleId}
          onSubmit={(event) => {
            event.preventDefault();
            void send(entry.table === 'threads' ? editing : { body: editing.body });
          }}
        >
          {entry.table === 'threads' && (
            <label class="field">
              {t('askTitleLabel')}
              <input
                name="title"
                type="text"
                maxLength={200}
                value={editing.title}
                onInput={(event) => setEditing({ ...editing, title: event.currentTarget.value })}
              />
            </label>
          )}
          <label class="field">
            {entry.table === 'threads' ? t('askBodyLabel') : t('answerBodyLabel')}
            <textarea
              name="body"
              rows={4}
              value={editing.body}
              onInput={(event) => setEditing({ ...editing, body: event.currentTarget.value })}
            />
          </label>
          <div class="actions">
            <button type="submit" class="primary">
              {t('failedSendAgain')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          {editable ? (
            <button type="button" aria-describedby={titleId} onClick={() => setEditing(editable)}>
              {t('failedEdit')}
            </button>
          ) : (
            <button type="button" aria-describedby={titleId} onClick={() => void send({})}>
              {t('failedTryAgain')}
            </button>
          )}
          <button
            type="button"
            aria-describedby={titleId}
            onClick={() => void run(() => discardWrite(db, entry.seq), t('failedDiscarded'))}
          >
            {t('failedDiscard')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </li>
  );
}
