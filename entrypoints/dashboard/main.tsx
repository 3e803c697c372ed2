/** Dashboard wiring: the policy status the background keeps, and the platforms detection knows. */
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { render } from 'preact';
import { DashboardPage } from '@/components/DashboardPage';
import { I18nContext } from '@/components/i18n';
import '@/components/styles.css';
import { POLICY_STATUS_KEY, policyStatusFrom, type PolicyStatus } from '@/lib/config/managed';
import type { Translate } from '@/lib/i18n/translate';
import { adapters } from '@/lib/lms';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions);
const platforms = adapters.map((adapter) => adapter.platform);
const root = document.getElementById('app')!;

function show(policy: PolicyStatus) {
  render(
    <I18nContext.Provider value={t}>
      <DashboardPage policy={policy} platforms={platforms} />
    </I18nContext.Provider>,
    root,
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('dashboardTitle');
void browser.storage.local.get(POLICY_STATUS_KEY).then((items) => show(policyStatusFrom(items[POLICY_STATUS_KEY])));
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && POLICY_STATUS_KEY in changes) show(policyStatusFrom(changes[POLICY_STATUS_KEY]?.newValue));
});
