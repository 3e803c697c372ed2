/**
 * An organisation's feature switches and moderation mode (public.org_settings), as the dashboard edits
 * them and the panel respects them. An org without a row has the defaults: every feature on, anonymous
 * posting and pre-moderation off. PURE: zod only.
 */
import { z } from 'zod/mini';

export const OrgSettingsSchema = z.object({
  qaEnabled: z.boolean(),
  endorsementsEnabled: z.boolean(),
  mentoringEnabled: z.boolean(),
  reviewsEnabled: z.boolean(),
  circlesEnabled: z.boolean(),
  playlistsEnabled: z.boolean(),
  /** Whether the extension may offer posting anonymously (a client choice; the panel does not offer it yet). */
  anonymousPosting: z.boolean(),
  /** Learners' new questions and answers start hidden until a moderator restores them. */
  preModeration: z.boolean(),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;
export type OrgSetting = keyof OrgSettings;

/** The settings of an org nobody has configured (no row): the behaviour from before settings existed. */
export const DEFAULT_ORG_SETTINGS: Readonly<OrgSettings> = Object.freeze({
  qaEnabled: true,
  endorsementsEnabled: true,
  mentoringEnabled: true,
  reviewsEnabled: true,
  circlesEnabled: true,
  playlistsEnabled: true,
  anonymousPosting: false,
  preModeration: false,
});

/** Every setting, in the order the dashboard lists them. */
export const orgSettingNames = [
  'qaEnabled',
  'endorsementsEnabled',
  'mentoringEnabled',
  'reviewsEnabled',
  'circlesEnabled',
  'playlistsEnabled',
  'preModeration',
  'anonymousPosting',
] as const satisfies readonly OrgSetting[];

export const OrgSettingsAnswerSchema = z.union([
  z.object({ ok: z.literal(true), settings: OrgSettingsSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type OrgSettingsAnswer = z.infer<typeof OrgSettingsAnswerSchema>;

/** What an admin changes: only the settings named (the database keeps the others). */
export const OrgSettingsChangeSchema = z.partial(OrgSettingsSchema);
export type OrgSettingsChange = z.infer<typeof OrgSettingsChangeSchema>;

/** The settings that differ between what was saved and what the admin chose (empty: nothing to save). */
export function changedSettings(saved: OrgSettings, chosen: OrgSettings): OrgSettingsChange {
  const change: OrgSettingsChange = {};
  for (const name of orgSettingNames) if (saved[name] !== chosen[name]) change[name] = chosen[name];
  return change;
}

/** Which of the panel's features beside the questions the org offers its members. */
export interface PanelFeatures {
  /** Shared playlists of resources (the Resources tab). */
  resources: boolean;
  circles: boolean;
  reviews: boolean;
  mentoring: boolean;
  /** Endorsing answers and skills (the contributors list stays: it is read-only without endorsing). */
  endorsements: boolean;
}

/** Nothing beside the questions: what the panel offers until it knows the org's settings. */
export const NO_PANEL_FEATURES: Readonly<PanelFeatures> = Object.freeze({
  resources: false,
  circles: false,
  reviews: false,
  mentoring: false,
  endorsements: false,
});

/**
 * The panel's features the org's settings leave on; null (not known yet) offers none of them, so a tab
 * the org turned off never flashes up first. Questions are not switched here: with Q&A off the database
 * refuses new questions, answers and votes with its sentence, and what is there stays readable.
 */
export function panelFeatures(settings: OrgSettings | null): PanelFeatures {
  if (!settings) return { ...NO_PANEL_FEATURES };
  return {
    resources: settings.playlistsEnabled,
    circles: settings.circlesEnabled,
    reviews: settings.reviewsEnabled,
    mentoring: settings.mentoringEnabled,
    endorsements: settings.endorsementsEnabled,
  };
}

/** Whether two answers offer the same features (the panel keeps its services when nothing changed). */
export function sameFeatures(a: PanelFeatures, b: PanelFeatures): boolean {
  return (Object.keys(a) as (keyof PanelFeatures)[]).every((name) => a[name] === b[name]);
}
