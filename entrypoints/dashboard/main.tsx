/** Dashboard wiring: the policy status the background keeps, and the platforms detection knows. */
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { render } from 'preact';
import { DashboardPage } from '@/components/DashboardPage';
import { I18nContext } from '@/components/i18n';
import '@/components/styles.css';
import type { KpiState } from '@/components/KpiSection';
import type { ModerationServices } from '@/components/ModerationSection';
import type { OrgSettingsServices } from '@/components/OrgSettingsSection';
import { watchPolicyStatus, type PolicyStatus } from '@/lib/config/managed';
import { sendMessage, type RuntimeLike } from '@/lib/messaging';
import { translatorFromI18n } from '@/lib/i18n/translate';
import { adapters } from '@/lib/lms';

const t = translatorFromI18n(browser.i18n);
const platforms = adapters.map((adapter) => adapter.platform);
const root = document.getElementById('app')!;
const runtime = browser.runtime as unknown as RuntimeLike;

let policy: PolicyStatus = { ruleHosts: [], waiting: [], problems: [] };
let kpis: KpiState = { status: 'loading' };
let moderation: ModerationServices | undefined;
let orgSettings: OrgSettingsServices | undefined;

/** The queue through the background; made once, so the section keeps its state across renders. */
const moderationServices: ModerationServices = {
  load: () => sendMessage(runtime, 'moderation:queue', {}),
  act: async (item, action, reason) => {
    const outcome = await sendMessage(runtime, 'moderation:act', {
      targetKind: item.targetKind,
      targetId: item.targetId,
      action,
      reason: reason.trim(),
    });
    if (!outcome.ok) throw new Error(outcome.error ?? 'The moderation action failed. Try again.');
  },
};

/** The org's settings through the background (admins; the database checks the role on save). */
const orgSettingsServices: OrgSettingsServices = {
  load: () => sendMessage(runtime, 'settings:get', {}),
  save: async (change) => {
    const outcome = await sendMessage(runtime, 'settings:update', { change });
    if (!outcome.ok) throw new Error(outcome.error ?? 'The settings could not be saved. Try again.');
  },
};

function show() {
  render(
    <I18nContext.Provider value={t}>
      <DashboardPage
        kpis={kpis}
        moderation={moderation}
        orgSettings={orgSettings}
        policy={policy}
        platforms={platforms}
      />
    </I18nContext.Provider>,
    root,
  );
}

/**
 * KPIs and the moderation queue for moderators and admins, and the organisation's settings for admins;
 * others are told how to get the KPIs (the database refuses all of it anyway).
 */
async function loadKpis() {
  const { account } = await sendMessage(runtime, 'account:get', {});
  const moderates = account?.role === 'moderator' || account?.role === 'admin';
  moderation = moderates ? moderationServices : undefined;
  // Moderators do not change the organisation's settings: only admins see them.
  orgSettings = account?.role === 'admin' ? orgSettingsServices : undefined;
  kpis = moderates
    ? { status: 'ready', answer: await sendMessage(runtime, 'kpi:weekly', { weeks: 12 }) }
    : { status: 'unavailable' };
  show();
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('dashboardTitle');
// The background rewrites the status when the policy or permissions change.
watchPolicyStatus(browser.storage, (status) => {
  policy = status;
  show();
});
loadKpis().catch((error: unknown) => {
  kpis = { status: 'ready', answer: { ok: false, weeks: [], error: `The KPIs could not be loaded: ${String(error)}` } };
  show();
});
