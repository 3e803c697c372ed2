/**
 * The LMS hosts Peerside knows out of the box, as manifest match patterns. This one list feeds the
 * content script's `matches` (so the manifest asks for exactly these hosts) and the adapters' host checks.
 * It must never contain a catch-all pattern: each entry widens what the install dialog warns about.
 */
export const knownLmsHosts = {
  canvas: ['instructure.com'],
  moodle: ['moodlecloud.com'],
} as const;

export const lmsMatchPatterns: string[] = Object.values(knownLmsHosts)
  .flat()
  .map((suffix) => `*://*.${suffix}/*`);

/** True when `hostname` is `suffix` or a subdomain of it: `a.instructure.com` yes, `instructure.com.evil.net` no. */
export function hostHasSuffix(hostname: string, suffix: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === suffix || host.endsWith(`.${suffix}`);
}
