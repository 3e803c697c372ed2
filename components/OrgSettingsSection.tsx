/**
 * The organisation's settings on the dashboard (admins): which features its members can use in the
 * panel, pre-moderation, and anonymous posting, each a checkbox with a one-line hint. Save sends only
 * what changed; the database decides who may change them and answers refusals with a sentence.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  changedSettings,
  orgSettingNames,
  type OrgSetting,
  type OrgSettings,
  type OrgSettingsAnswer,
  type OrgSettingsChange,
} from '@/lib/domain/org-settings';
import { LoadError, useAction } from './actions';
import { useT } from './i18n';
import { AnnounceContext, sentenceOf } from './peer-services';

export interface OrgSettingsServices {
  load(): Promise<OrgSettingsAnswer>;
  /** Change only these settings. Throws with the database's sentence when refused. */
  save(change: OrgSettingsChange): Promise<void>;
}

type Loaded = { status: 'loading' } | { status: 'ready'; settings: OrgSettings } | { status: 'error'; error: string };

const labelKey = {
  qaEnabled: 'orgSetting_qaEnabled',
  endorsementsEnabled: 'orgSetting_endorsementsEnabled',
  mentoringEnabled: 'orgSetting_mentoringEnabled',
  reviewsEnabled: 'orgSetting_reviewsEnabled',
  circlesEnabled: 'orgSetting_circlesEnabled',
  playlistsEnabled: 'orgSetting_playlistsEnabled',
  preModeration: 'orgSetting_preModeration',
  anonymousPosting: 'orgSetting_anonymousPosting',
} as const satisfies Record<OrgSetting, string>;
const hintKey = {
  qaEnabled: 'orgSettingHint_qaEnabled',
  endorsementsEnabled: 'orgSettingHint_endorsementsEnabled',
  mentoringEnabled: 'orgSettingHint_mentoringEnabled',
  reviewsEnabled: 'orgSettingHint_reviewsEnabled',
  circlesEnabled: 'orgSettingHint_circlesEnabled',
  playlistsEnabled: 'orgSettingHint_playlistsEnabled',
  preModeration: 'orgSettingHint_preModeration',
  anonymousPosting: 'orgSettingHint_anonymousPosting',
} as const satisfies Record<OrgSetting, string>;

export function OrgSettingsSection({ services }: { services: OrgSettingsServices }) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  // The dashboard has no panel live region: this section announces through its own.
  const [status, setStatus] = useState('');
  const announce = useMemo(
    () => (message: string) => setStatus((previous) => (previous === message ? `${message}\u00a0` : message)),
    [],
  );

  const load = async () => {
    const answer = await services.load().catch((error: unknown) => ({ ok: false as const, error: sentenceOf(error) }));
    setLoaded(answer.ok ? { status: 'ready', settings: answer.settings } : { status: 'error', error: answer.error });
  };
  useEffect(() => void load(), [services]);

  let body;
  if (loaded.status === 'loading') body = <p class="muted">{t('orgSettingsLoading')}</p>;
  else if (loaded.status === 'error') body = <LoadError error={loaded.error} onRetry={() => void load()} />;
  else body = <SettingsForm saved={loaded.settings} save={services.save} reload={load} />;

  return (
    <section aria-labelledby="org-settings-heading">
      <h2 id="org-settings-heading">{t('orgSettingsHeading')}</h2>
      <p>{t('orgSettingsIntro')}</p>
      <AnnounceContext.Provider value={announce}>{body}</AnnounceContext.Provider>
      <p role="status" class="visually-hidden">
        {status}
      </p>
    </section>
  );
}

function SettingsForm({
  saved,
  save,
  reload,
}: {
  saved: OrgSettings;
  save: OrgSettingsServices['save'];
  reload(): Promise<void>;
}) {
  const t = useT();
  const [chosen, setChosen] = useState<OrgSettings>(saved);
  // A reload after saving brings the database's settings: start from them again.
  useEffect(() => setChosen(saved), [saved]);
  const { busy, run, alert } = useAction(reload);
  const change = changedSettings(saved, chosen);
  const changed = Object.keys(change).length > 0;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) void run(() => save(change), t('orgSettingsSaved'));
      }}
    >
      <fieldset class="org-settings">
        <legend>{t('orgSettingsLegend')}</legend>
        {orgSettingNames.map((name) => (
          <div key={name} class="org-setting">
            <label class="check">
              <input
                type="checkbox"
                name={name}
                checked={chosen[name]}
                aria-describedby={`org-setting-hint-${name}`}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setChosen((previous) => ({ ...previous, [name]: checked }));
                }}
              />
              {t(labelKey[name])}
            </label>
            <p id={`org-setting-hint-${name}`} class="hint">
              {t(hintKey[name])}
            </p>
          </div>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={!changed || busy}>
          {t('orgSettingsSave')}
        </button>
      </div>
      {alert}
    </form>
  );
}
