/** A row's own sync mark: nothing once the server has it, else "waiting to send" or "not sent". */
import type { SyncMark as Mark } from '@/lib/db/records';
import { useT } from './i18n';

export function SyncMark({ mark }: { mark: Mark }) {
  const t = useT();
  if (mark === 'pending') return <span class="badge badge-pending">{t('markPending')}</span>;
  if (mark === 'failed') return <span class="badge badge-failed">{t('markFailed')}</span>;
  return null;
}
