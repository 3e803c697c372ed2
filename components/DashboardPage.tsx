/**
 * The admin dashboard: the pilot's KPIs and the moderation queue (which the database shows only to
 * moderators and admins), the organisation's settings (admins), then how the organisation's managed policy applies in this browser (rules in force, hosts awaiting
 * permission, rules skipped and why) and the platforms detection knows.
 */
import type { PolicyStatus } from '@/lib/config/managed';
import type { Platform } from '@/lib/lms/types';
import { HostList } from './HostList';
import { KpiSection, type KpiState } from './KpiSection';
import { ModerationSection, type ModerationServices } from './ModerationSection';
import { OrgSettingsSection, type OrgSettingsServices } from './OrgSettingsSection';
import { useT } from './i18n';

export interface DashboardPageProps {
  /** The pilot's KPIs (moderators and admins); absent where the page does not ask for them. */
  kpis?: KpiState;
  /** The moderation queue (moderators and admins); absent for everyone else. */
  moderation?: ModerationServices;
  /** The organisation's feature switches (admins only); absent for everyone else. */
  orgSettings?: OrgSettingsServices;
  policy: PolicyStatus;
  platforms: readonly Exclude<Platform, 'custom'>[];
}

export function DashboardPage({ kpis, moderation, orgSettings, policy, platforms }: DashboardPageProps) {
  const t = useT();
  const hasRules = policy.ruleHosts.length > 0 || policy.problems.length > 0;
  return (
    <main class="options">
      <h1>{t('dashboardTitle')}</h1>
      {kpis && <KpiSection state={kpis} />}
      {moderation && <ModerationSection services={moderation} />}
      {orgSettings && <OrgSettingsSection services={orgSettings} />}
      <section aria-labelledby="deployment-heading">
        <h2 id="deployment-heading">{t('dashboardDeploymentHeading')}</h2>
        {!hasRules && <p>{t('dashboardRulesNone')}</p>}
        {hasRules && (
          <>
            <p>{t('dashboardRulesInForce', [String(policy.ruleHosts.length)])}</p>
            <HostList hosts={policy.ruleHosts} />
            <p>{t('dashboardRulesWaiting', [String(policy.waiting.length)])}</p>
          </>
        )}
        {policy.problems.length > 0 && (
          <>
            <p class="error">{t('dashboardRulesSkipped', [String(policy.problems.length)])}</p>
            <ul>
              {policy.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="platforms-heading">
        <h2 id="platforms-heading">{t('dashboardPlatformsHeading')}</h2>
        <ul class="platform-list">
          {platforms.map((platform) => (
            <li key={platform}>{t(`platform_${platform}`)}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}
