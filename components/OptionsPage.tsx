/** The options page: the learner's settings and where Peerside runs. Storage comes in as props. */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/lib/config/settings';
import { useT } from './i18n';

export interface OptionsPageProps {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** The manifest's host patterns, shown so learners know exactly where Peerside reads pages. */
  sites: string[];
  version: string;
}

type SaveStatus = 'idle' | 'saved' | 'failed';

export function OptionsPage({ load, save, sites, version }: OptionsPageProps) {
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
      </section>
      <p role="status" class={status === 'failed' ? 'error' : 'muted'}>
        {status === 'saved' ? t('optionsSaved') : status === 'failed' ? t('optionsSaveFailed') : ''}
      </p>
      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
        <p>{t('optionsSitesIntro')}</p>
        <ul>
          {sites.map((site) => (
            <li key={site}>
              <code>{site}</code>
            </li>
          ))}
        </ul>
      </section>
      <footer class="muted">{t('optionsVersion', [version])}</footer>
    </main>
  );
}
