/**
 * The learner's own settings (options page), kept in extension local storage. Parsed on every read:
 * a value that does not match falls back to the default instead of breaking the extension.
 */
import { z } from 'zod/mini';

export const SettingsSchema = z.object({
  /** Show the floating Peerside button on course pages (the toolbar button always works). */
  showLauncher: z._default(z.boolean(), true),
});
export type Settings = z.infer<typeof SettingsSchema>;

export { SETTINGS_KEY } from './launcher-setting';

export function parseSettings(stored: unknown): Settings {
  const parsed = SettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

/**
 * The one setting the content script needs, read without zod: zod's runtime costs ~4.3 kB gzip, a
 * third of the content script's 12 kB budget, for one boolean. It must agree with `parseSettings`
 * (a unit test checks both on the same inputs), and it lives in its own module so the bundle can
 * drop zod: see ./launcher-setting.ts.
 */
export { showLauncherFrom } from './launcher-setting';
