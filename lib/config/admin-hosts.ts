/**
 * Runs the content script on the hosts of admin LMS rules: registered at run time, and only for hosts
 * the extension holds permission for (optional host permissions, granted by the learner or the admin).
 * Hosts the manifest already covers are left out, so no page gets the content script twice.
 * The APIs are parameters, so this is tested without a browser.
 */
import { lmsMatchPatterns } from '../lms';
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

/** Registers the content script for the permitted rule hosts; returns the patterns still waiting for permission. */
export async function syncAdminContentScripts(apis: RegistrationApis, rules: readonly LmsRule[]): Promise<string[]> {
  const patterns = [...new Set(rules.map(matchPatternForRule))].filter(
    (pattern) => !lmsMatchPatterns.includes(pattern),
  );
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
