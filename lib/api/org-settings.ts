/**
 * The organisation's settings against its project: read the org's row of org_settings (members read
 * their org's; no row means the defaults) and change them through update_org_settings (admins only; a
 * setting left out is kept). Refusals are the database's own sentences.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import type { Outcome } from '../domain/account';
import {
  DEFAULT_ORG_SETTINGS,
  type OrgSettingsAnswer,
  type OrgSettingsChange,
  type OrgSetting,
} from '../domain/org-settings';
import { isOffline, rpcOutcome } from './postgrest';

const SettingsRow = z.object({
  qa_enabled: z.boolean(),
  endorsements_enabled: z.boolean(),
  mentoring_enabled: z.boolean(),
  anonymous_posting: z.boolean(),
  pre_moderation: z.boolean(),
  // Absent from a project whose migrations predate them: those features are on there.
  reviews_enabled: z.optional(z.boolean()),
  circles_enabled: z.optional(z.boolean()),
  playlists_enabled: z.optional(z.boolean()),
});

/** Each setting's column in org_settings and argument of update_org_settings. */
const columnOf = {
  qaEnabled: 'qa_enabled',
  endorsementsEnabled: 'endorsements_enabled',
  mentoringEnabled: 'mentoring_enabled',
  reviewsEnabled: 'reviews_enabled',
  circlesEnabled: 'circles_enabled',
  playlistsEnabled: 'playlists_enabled',
  anonymousPosting: 'anonymous_posting',
  preModeration: 'pre_moderation',
} as const satisfies Record<OrgSetting, string>;

const NEEDS_CONNECTION = "Your organisation's settings need a connection. Try again when you're back online.";

/**
 * The settings of the org (the signed-in member's), or the defaults when nobody configured it. Not
 * retried by supabase-js: the page says "needs a connection" at once and offers to try again.
 */
export async function readOrgSettings(client: SupabaseClient, orgId: string): Promise<OrgSettingsAnswer> {
  const { data, error, status } = await client
    .from('org_settings')
    .select('*')
    .eq('org_id', orgId)
    .maybeSingle()
    .retry(false);
  if (error) {
    return {
      ok: false,
      error: isOffline(status)
        ? NEEDS_CONNECTION
        : `Your organisation's settings could not be loaded: ${error.message}`,
    };
  }
  if (data === null) return { ok: true, settings: { ...DEFAULT_ORG_SETTINGS } };
  const row = SettingsRow.safeParse(data);
  if (!row.success) {
    return {
      ok: false,
      error: 'The server answered with settings Peerside does not understand. Update Peerside, then try again.',
    };
  }
  const r = row.data;
  return {
    ok: true,
    settings: {
      qaEnabled: r.qa_enabled,
      endorsementsEnabled: r.endorsements_enabled,
      mentoringEnabled: r.mentoring_enabled,
      reviewsEnabled: r.reviews_enabled ?? true,
      circlesEnabled: r.circles_enabled ?? true,
      playlistsEnabled: r.playlists_enabled ?? true,
      anonymousPosting: r.anonymous_posting,
      preModeration: r.pre_moderation,
    },
  };
}

/**
 * Changes the named settings of the admin's org (the org of their token's claim); the others are kept.
 * Refused with the database's sentence for anyone but an admin.
 */
export function updateOrgSettings(client: SupabaseClient, change: OrgSettingsChange): Promise<Outcome> {
  const args: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(change) as [OrgSetting, boolean | undefined][]) {
    if (value !== undefined) args[columnOf[name]] = value;
  }
  return rpcOutcome(client, 'update_org_settings', args, NEEDS_CONNECTION);
}
