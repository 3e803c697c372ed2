/** Options page wiring: settings live in extension local storage; the page itself is a component. */
import { render } from 'preact';
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { I18nContext } from '@/components/i18n';
import { OptionsPage } from '@/components/OptionsPage';
import '@/components/styles.css';
import { watchPolicyStatus, type PolicyStatus } from '@/lib/config/managed';
import { parseSettings, SETTINGS_KEY, type Settings } from '@/lib/config/settings';
import { translatorFromI18n } from '@/lib/i18n/translate';
import { lmsMatchPatterns } from '@/lib/lms';

const t = translatorFromI18n(browser.i18n);
const load = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
const save = (settings: Settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings });

const allowHosts = (origins: string[]) => browser.permissions.request({ origins });
const root = document.getElementById('app')!;

function show(policy: PolicyStatus) {
  render(
    <I18nContext.Provider value={t}>
      <OptionsPage
        load={load}
        save={save}
        sites={lmsMatchPatterns}
        version={browser.runtime.getManifest().version}
        policy={policy}
        allowHosts={allowHosts}
      />
    </I18nContext.Provider>,
    root,
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
// The background rewrites the status when the policy or permissions change.
watchPolicyStatus(browser.storage, show);
