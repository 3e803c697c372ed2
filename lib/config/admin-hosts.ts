/**
 * Runs the content script on the hosts of admin LMS rules: registered at run time, and only for hosts
 * the extension holds permission for (optional host permissions, granted by the learner or the admin).
 * Hosts the manifest already covers (its *://*.suffix/* matches) are left out: they need no permission,
 * and no page should get the content script twice.
 * The APIs are parameters, so this is tested without a browser.
 */
import { hostHasSuffix } from '../lms/hosts';
import { matchPatternForRule, type LmsRule } from '../lms/rules';

export const ADMIN_SCRIPT_ID = 'peerside-admin-lms';

export interface RegistrationApis {
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    registerContentScripts(
      scripts: {
        id: string;
        matches: string[];
        js: string[];
        runAt: 'document_idle';
        persistAcrossSessions: boolean;
      }[],
    ): Promise<void>;
  };
}

/** Does one of the manifest's `*://*.suffix/*` patterns already run the content script on this rule's host? */
export function coveredByManifest(rule: LmsRule, manifestPatterns: readonly string[]): boolean {
  const host = rule.host.replace(/^\*\./, '');
  return manifestPatterns.some((pattern) => {
    const suffix = /^\*:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1];
    return suffix !== undefined && hostHasSuffix(host, suffix);
  });
}

/**
 * Registers the content script for the permitted rule hosts the manifest does not already cover;
 * returns the patterns still waiting for permission.
 */
export async function syncAdminContentScripts(
  apis: RegistrationApis,
  rules: readonly LmsRule[],
  manifestPatterns: readonly string[],
): Promise<string[]> {
  const uncovered = rules.filter((rule) => !coveredByManifest(rule, manifestPatterns));
  const patterns = [...new Set(uncovered.map(matchPatternForRule))];
  const granted: string[] = [];
  const waiting: string[] = [];
  for (const pattern of patterns) {
    ((await apis.permissions.contains({ origins: [pattern] })) ? granted : waiting).push(pattern);
  }
  const existing = await apis.scripting.getRegisteredContentScripts({ ids: [ADMIN_SCRIPT_ID] });
  if (existing.length > 0) await apis.scripting.unregisterContentScripts({ ids: [ADMIN_SCRIPT_ID] });
  if (granted.length > 0) {
    await apis.scripting.registerContentScripts([
      {
        id: ADMIN_SCRIPT_ID,
        matches: granted,
        js: ['content-scripts/lms.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return waiting;
}
