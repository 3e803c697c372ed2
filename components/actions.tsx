/**
 * What every online panel section shares: running one action (busy while it runs, the database's
 * sentence on refusal, an announcement and an optional reload on success), the load error with its
 * "Try again", and focus for a part that opens in place.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './i18n';
import { sentenceOf, useAnnounce } from './peer-services';

/** Runs one action; resolves true when it succeeded. `onChanged` (a reload) runs after a success. */
export function useAction(onChanged?: () => Promise<void>) {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async (action: () => Promise<void>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      announce(done);
      await onChanged?.();
      return true;
    } catch (thrown) {
      setError(sentenceOf(thrown));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const alert = error && (
    <p role="alert" class="error">
      {error}
    </p>
  );
  return { busy, run, alert, setError };
}

/** Why a section could not load, and a button to try again. */
export function LoadError({ error, onRetry }: { error: string; onRetry(): void }) {
  const t = useT();
  return (
    <>
      <p role="alert" class="error">
        {error}
      </p>
      <button type="button" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </>
  );
}

/**
 * Focus for a part that opens in place (a form, a confirmation): into `target` when it opens, back to
 * `opener` when it closes, if the opener is still there.
 */
export function useOpenFocus<T extends HTMLElement>(open: boolean) {
  const target = useRef<T>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open) target.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { target, opener };
}
