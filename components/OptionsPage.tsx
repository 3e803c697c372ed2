/** The options page: the learner's settings and where Peerside runs. Storage comes in as props. */
import { useEffect, useState } from 'preact/hooks';
import type { PolicyStatus } from '@/lib/config/managed';
import type { Connection } from '@/lib/domain/account';
import { AccountSection, type AccountActions } from './AccountSection';
import { StorageSection, type StorageActions } from './StorageSection';
import type { Settings } from '@/lib/config/settings';
import { HostList } from './HostList';
import { useT } from './i18n';

export interface OptionsPageProps {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** The manifest's host patterns, shown so learners know exactly where Peerside reads pages. */
  sites: string[];
  version: string;
  /** Admin LMS rules in force, waiting for permission, or skipped. */
  policy: PolicyStatus;
  /** Ask the browser for host permission (must run inside the click). Resolves to whether it was granted. */
  allowHosts(patterns: string[]): Promise<boolean>;
  /** How Peerside is connected to the organisation; undefined while the background answers. */
  connection: Connection | undefined;
  accountActions: AccountActions;
  /** The offline cache, through the background (absent in tests that do not need it). */
  storage?: StorageActions;
  /** A server to pre-fill (development builds: the local backend). */
  suggestedBackend?: { url: string; anonKey: string };
}

type SaveStatus = 'idle' | 'saved' | 'failed';

export function OptionsPage({
  load,
  save,
  sites,
  version,
  policy,
  allowHosts,
  connection,
  accountActions,
  storage,
  suggestedBackend,
}: OptionsPageProps) {
  const t = useT();
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [status, setStatus] = useState<SaveStatus>('idle');

  useEffect(() => {
    load().then(setSettings, () => setStatus('failed'));
  }, [load]);

  const update = (next: Settings) => {
    setSettings(next);
    save(next).then(
      () => setStatus('saved'),
      () => setStatus('failed'),
    );
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {connection && <AccountSection connection={connection} actions={accountActions} suggested={suggestedBackend} />}
      <section aria-labelledby="launcher-heading">
        <h2 id="launcher-heading">{t('optionsLauncherHeading')}</h2>
        <label class="check">
          <input
            type="checkbox"
            checked={settings?.showLauncher ?? true}
            disabled={!settings}
            aria-describedby="launcher-hint"
            onChange={(event) => settings && update({ ...settings, showLauncher: event.currentTarget.checked })}
          />
          {t('optionsShowLauncher')}
        </label>
        <p id="launcher-hint" class="muted">
          {t('optionsShowLauncherHint')}
        </p>
        <p role="status" class={status === 'failed' ? 'error' : 'muted'}>
          {status === 'saved' ? t('optionsSaved') : status === 'failed' ? t('optionsSaveFailed') : ''}
        </p>
      </section>
      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
        <p>{t('optionsSitesIntro')}</p>
        <HostList hosts={sites} />
      </section>
      {storage && <StorageSection actions={storage} />}
      <PolicySection policy={policy} allowHosts={allowHosts} />
      <footer class="muted">
        {t('optionsVersion', [version])} · <a href="dashboard.html">{t('optionsAdminLink')}</a>
      </footer>
    </main>
  );
}

type AllowStatus = 'idle' | 'allowed' | 'declined';

function PolicySection({ policy, allowHosts }: Pick<OptionsPageProps, 'policy' | 'allowHosts'>) {
  const t = useT();
  const [allow, setAllow] = useState<AllowStatus>('idle');
  if (policy.ruleHosts.length === 0 && policy.problems.length === 0) return null;
  const onAllow = () => {
    allowHosts(policy.waiting).then(
      (granted) => setAllow(granted ? 'allowed' : 'declined'),
      () => setAllow('declined'),
    );
  };
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('optionsPolicyHeading')}</h2>
      {policy.ruleHosts.length > 0 && (
        <>
          <p>{t('optionsPolicyIntro')}</p>
          <HostList hosts={policy.ruleHosts} />
        </>
      )}
      {policy.waiting.length > 0 && allow !== 'allowed' && (
        <p>
          {t('optionsPolicyWaiting', [String(policy.waiting.length)])}{' '}
          <button type="button" onClick={onAllow}>
            {t('optionsPolicyAllow')}
          </button>
        </p>
      )}
      <p role="status">
        {allow === 'allowed' ? t('optionsPolicyAllowed') : allow === 'declined' ? t('optionsPolicyDeclined') : ''}
      </p>
      {policy.problems.length > 0 && (
        <div>
          <p class="error">{t('optionsPolicyProblems')}</p>
          <ul>
            {policy.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
