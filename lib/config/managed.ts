/**
 * The organisation's managed policy (chrome.storage.managed, set by admins through browser policy),
 * parsed into what the extension uses. Chromium drops values that do not match managed_schema.json
 * silently, key by key; what arrives is validated again here, and every problem becomes a sentence.
 */
import { parseAdminRules, type ParsedRules } from './admin-rules';

export function parseManagedPolicy(raw: Record<string, unknown>): ParsedRules {
  return parseAdminRules(raw['lmsRules']);
}

/** What the options page and dashboard show of the policy, kept in storage.local by the background. */
export interface PolicyStatus {
  /** Hosts of admin rules in force, as match patterns. */
  ruleHosts: string[];
  /** Rule hosts still waiting for the learner's (or admin's) permission. */
  waiting: string[];
  /** Sentences for skipped rules. */
  problems: string[];
}

export const POLICY_STATUS_KEY = 'policyStatus';

export function policyStatusFrom(stored: unknown): PolicyStatus {
  const value = (stored ?? {}) as Partial<PolicyStatus>;
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((item) => typeof item === 'string') : []);
  return { ruleHosts: strings(value.ruleHosts), waiting: strings(value.waiting), problems: strings(value.problems) };
}

/** Calls `show` with the stored policy status now and whenever the background rewrites it. */
export function watchPolicyStatus(
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
  },
  show: (status: PolicyStatus) => void,
): void {
  void storage.local.get(POLICY_STATUS_KEY).then((items) => show(policyStatusFrom(items[POLICY_STATUS_KEY])));
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && POLICY_STATUS_KEY in changes) show(policyStatusFrom(changes[POLICY_STATUS_KEY]?.newValue));
  });
}
