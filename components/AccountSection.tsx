/**
 * "Your organisation" on the options page: which server Peerside talks to (set by policy, or here),
 * and email one-time-code sign-in. Every action goes to the background (which alone holds tokens)
 * through the functions passed in; each failure shows the background's sentence.
 */
import { useState } from 'preact/hooks';
import type { Connection, Outcome } from '@/lib/domain/account';
import { useT } from './i18n';

export interface AccountActions {
  saveBackend(url: string, anonKey: string): Promise<Outcome>;
  sendCode(email: string): Promise<Outcome>;
  verify(email: string, code: string): Promise<Outcome>;
  signOut(): Promise<Outcome>;
}

type Step = { kind: 'email' } | { kind: 'code'; email: string };

export function AccountSection({
  connection,
  actions,
  suggested,
}: {
  connection: Connection;
  actions: AccountActions;
  /** Pre-filled server fields (development builds suggest the local backend). */
  suggested?: { url: string; anonKey: string } | undefined;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'email' });
  const [url, setUrl] = useState(connection.backendUrl ?? suggested?.url ?? '');
  const [anonKey, setAnonKey] = useState(suggested?.anonKey ?? '');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const typed = (set: (value: string) => void) => (event: { currentTarget: HTMLInputElement }) =>
    set(event.currentTarget.value);

  /** Runs an action, shows its sentence on failure, returns whether it worked. */
  const run = async (action: () => Promise<Outcome>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await action();
      if (!outcome.ok) setError(outcome.error);
      return outcome.ok;
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const showServerForm = !connection.managed && (connection.backend !== 'ready' || editing);
  const account = connection.account;

  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">{t('accountHeading')}</h2>
      {connection.backend === 'ready' && connection.backendUrl && !showServerForm && (
        <p>
          {connection.managed
            ? t('accountServerManaged', [connection.backendUrl])
            : t('accountServerConnected', [connection.backendUrl])}{' '}
          {!connection.managed && !account && (
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {t('accountServerChange')}
            </button>
          )}
        </p>
      )}
      {connection.problem && <p class="error">{connection.problem}</p>}

      {showServerForm && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => actions.saveBackend(url.trim(), anonKey.trim())).then((ok) => ok && setEditing(false));
          }}
        >
          <p>{t('accountServerIntro')}</p>
          <label class="field">
            {t('accountServerUrl')}
            <input
              name="url"
              type="url"
              required
              placeholder="https://abcd.supabase.co"
              value={url}
              onInput={typed(setUrl)}
            />
          </label>
          <label class="field">
            {t('accountServerKey')}
            <input
              name="anonKey"
              type="text"
              required
              autoComplete="off"
              spellcheck={false}
              value={anonKey}
              onInput={typed(setAnonKey)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('accountServerSave')}
          </button>
        </form>
      )}

      {connection.backend === 'ready' && !showServerForm && account && (
        <div>
          <p class="signed-in">{t('accountSignedIn', [account.displayName ?? account.email])}</p>
          <p class="muted">
            {account.orgName && account.role
              ? t('accountOrgRole', [account.orgName, t(`role_${account.role}`)])
              : t('accountNoOrg')}
          </p>
          <button type="button" disabled={busy} onClick={() => void run(actions.signOut)}>
            {t('accountSignOut')}
          </button>
        </div>
      )}

      {connection.backend === 'ready' && !showServerForm && !account && step.kind === 'email' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const address = email.trim();
            void run(() => actions.sendCode(address)).then((ok) => ok && setStep({ kind: 'code', email: address }));
          }}
        >
          <label class="field">
            {t('accountEmail')}
            <input name="email" type="email" required autoComplete="email" value={email} onInput={typed(setEmail)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('accountSendCode')}
          </button>
        </form>
      )}

      {connection.backend === 'ready' && !showServerForm && !account && step.kind === 'code' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => actions.verify(step.email, code.trim())).then((ok) => {
              setCode('');
              if (ok) setStep({ kind: 'email' });
            });
          }}
        >
          <p>{t('accountCodeSent', [step.email])}</p>
          <label class="field">
            {t('accountCode')}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6,10}"
              required
              value={code}
              onInput={typed(setCode)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('accountVerify')}
          </button>
        </form>
      )}

      <p role="status" class={error ? 'error' : 'muted'}>
        {error ?? (busy ? t('accountBusy') : '')}
      </p>
    </section>
  );
}
