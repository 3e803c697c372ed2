/**
 * "Report" on a peer's question or answer: a reason from the database's list and an optional note,
 * sent to the moderators through the background (an RPC, online only; a client-made id, so a repeat is
 * a no-op). Absent reporting services, or on the viewer's own writing, nothing shows.
 */
import { useState } from 'preact/hooks';
import { REPORT_NOTE_MAX, reportReasons, type ReportReason } from '@/lib/domain/moderation';
import { useT } from './i18n';
import { useAction, useOpenFocus } from './actions';
import { useDraftId, usePeerServices } from './peer-services';

export function ReportControl({ targetKind, targetId }: { targetKind: 'thread' | 'post'; targetId: string }) {
  const t = useT();
  const { reportContent } = usePeerServices();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const reportId = useDraftId();
  const { busy, run, alert } = useAction();
  // Into the form's legend when it opens, back to Report when it is cancelled.
  const { target: legend, opener } = useOpenFocus<HTMLLegendElement>(open);

  if (!reportContent) return null;
  if (sent) return <p class="muted report-sent">{t('reportSent')}</p>;
  const what = targetKind === 'thread' ? t('reportThisQuestion') : t('reportThisAnswer');

  if (!open) {
    return (
      <button type="button" class="link report-open" ref={opener} onClick={() => setOpen(true)}>
        {t('reportOpen')}
        <span class="visually-hidden">
          {' '}
          {targetKind === 'thread' ? t('reportWhatQuestion') : t('reportWhatAnswer')}
        </span>
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason) return;
    if (await run(() => reportContent(reportId.current, targetKind, targetId, reason, note), t('reportSent'))) {
      setSent(true);
    }
  };
  const group = `report-${targetId}`;
  return (
    <form class="composer report" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend ref={legend} tabIndex={-1}>
          {what}
        </legend>
        {reportReasons.map((option) => (
          <label key={option} class="check">
            <input
              type="radio"
              name={group}
              value={option}
              required
              checked={reason === option}
              onChange={() => setReason(option)}
            />
            {t(`reportReason_${option}`)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        {t('reportNoteLabel')}
        <textarea
          rows={2}
          maxLength={REPORT_NOTE_MAX}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {alert}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !reason}>
          {t('reportSubmit')}
        </button>
        <button type="button" disabled={busy} onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
