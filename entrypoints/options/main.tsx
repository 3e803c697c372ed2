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
import type { Connection, Outcome } from '@/lib/domain/account';
import { lmsMatchPatterns } from '@/lib/lms';
import { sendMessage, type RuntimeLike } from '@/lib/messaging';

/** Set by wxt.config.ts: the local backend in development builds, null in store builds. */
declare const __PEERSIDE_DEV_BACKEND__: { url: string; anonKey: string } | null;

const t = translatorFromI18n(browser.i18n);
const load = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
const save = (settings: Settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings });

const allowHosts = (origins: string[]) => browser.permissions.request({ origins });
const root = document.getElementById('app')!;
const runtime = browser.runtime as unknown as RuntimeLike;

let policy: PolicyStatus = { ruleHosts: [], waiting: [], problems: [] };
let connection: Connection | undefined;

async function refreshConnection() {
  connection = await sendMessage(runtime, 'account:get', {});
  show();
}

/** Every account action goes to the background; afterwards the page shows the new connection state. */
async function act(action: Promise<Outcome>): Promise<Outcome> {
  const outcome = await action;
  await refreshConnection();
  return outcome;
}

const accountActions = {
  saveBackend: (url: string, anonKey: string) => act(sendMessage(runtime, 'backend:save', { url, anonKey })),
  sendCode: (email: string) => sendMessage(runtime, 'account:sendCode', { email }),
  verify: (email: string, code: string) => act(sendMessage(runtime, 'account:verify', { email, code })),
  signOut: () => act(sendMessage(runtime, 'account:signOut', {})),
};

const storage = {
  usage: () => sendMessage(runtime, 'cache:usage', {}),
  clear: () => sendMessage(runtime, 'cache:clear', {}),
};

function show() {
  render(
    <I18nContext.Provider value={t}>
      <OptionsPage
        load={load}
        save={save}
        sites={lmsMatchPatterns}
        version={browser.runtime.getManifest().version}
        policy={policy}
        allowHosts={allowHosts}
        connection={connection}
        accountActions={accountActions}
        suggestedBackend={__PEERSIDE_DEV_BACKEND__ ?? undefined}
        storage={storage}
      />
    </I18nContext.Provider>,
    root,
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
// The background rewrites the status when the policy or permissions change.
watchPolicyStatus(browser.storage, (status) => {
  policy = status;
  show();
});
void refreshConnection();
