/** Dashboard wiring: the policy status the background keeps, and the platforms detection knows. */
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { render } from 'preact';
import { DashboardPage } from '@/components/DashboardPage';
import { I18nContext } from '@/components/i18n';
import '@/components/styles.css';
import { watchPolicyStatus, type PolicyStatus } from '@/lib/config/managed';
import { translatorFromI18n } from '@/lib/i18n/translate';
import { adapters } from '@/lib/lms';

const t = translatorFromI18n(browser.i18n);
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
// The background rewrites the status when the policy or permissions change.
watchPolicyStatus(browser.storage, show);
