/** Options page wiring: settings live in extension local storage; the page itself is a component. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n';
import { OptionsPage } from '@/components/OptionsPage';
import '@/components/styles.css';
import { parseSettings, SETTINGS_KEY, type Settings } from '@/lib/config/settings';
import type { Translate } from '@/lib/i18n/translate';
import { lmsMatchPatterns } from '@/lib/lms';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions);
const load = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
const save = (settings: Settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings });

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
render(
  <I18nContext.Provider value={t}>
    <OptionsPage load={load} save={save} sites={lmsMatchPatterns} version={browser.runtime.getManifest().version} />
  </I18nContext.Provider>,
  document.getElementById('app')!,
);
