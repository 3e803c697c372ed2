/** "Saved on this device": what the offline cache holds, and clearing it (unsent writes are kept). */
import { useEffect, useState } from 'preact/hooks';
import type { CacheUsage } from '@/lib/db/usage';
import { useT } from './i18n';

export interface StorageActions {
  usage(): Promise<CacheUsage>;
  clear(): Promise<CacheUsage>;
}

const megabytes = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

export function StorageSection({ actions }: { actions: StorageActions }) {
  const t = useT();
  const [usage, setUsage] = useState<CacheUsage | undefined>(undefined);
  const [status, setStatus] = useState<'idle' | 'cleared' | 'failed'>('idle');

  useEffect(() => {
    actions.usage().then(setUsage, () => setStatus('failed'));
  }, [actions]);

  const clear = () => {
    actions.clear().then(
      (next) => {
        setUsage(next);
        setStatus('cleared');
      },
      () => setStatus('failed'),
    );
  };

  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">{t('storageHeading')}</h2>
      {usage && (
        <>
          <p>
            {t('storageSummary', [
              String(usage.questions),
              String(usage.answers),
              usage.bytes === null ? t('storageSizeUnknown') : megabytes.format(usage.bytes / 1_000_000),
            ])}
          </p>
          {usage.unsent > 0 && <p>{t('storageUnsent', [String(usage.unsent)])}</p>}
          <button type="button" onClick={clear}>
            {t('storageClear')}
          </button>
        </>
      )}
      <p role="status" class={status === 'failed' ? 'error' : 'muted'}>
        {status === 'cleared' ? t('storageCleared') : status === 'failed' ? t('storageFailed') : ''}
      </p>
    </section>
  );
}
