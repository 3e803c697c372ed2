/** Host matching for adapters and the manifest: suffixes, never substrings. */
import type { LmsAdapter } from './types';

/** True when `hostname` is `suffix` or a subdomain of it: `a.instructure.com` yes, `instructure.com.evil.net` no. */
export function hostHasSuffix(hostname: string, suffix: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** Is this URL on one of the adapter's own hosts (and below its path prefix)? */
export function onAdapterHost(adapter: LmsAdapter, url: URL): boolean {
  if (!adapter.hosts.some((suffix) => hostHasSuffix(url.hostname, suffix))) return false;
  return (
    !adapter.pathPrefix || url.pathname === adapter.pathPrefix || url.pathname.startsWith(`${adapter.pathPrefix}/`)
  );
}

/** The manifest match patterns for the adapters' hosts. Never a catch-all: each widens the install warning. */
export function matchPatternsFor(adapters: readonly LmsAdapter[]): string[] {
  return adapters.flatMap((adapter) =>
    adapter.hosts.map((suffix) => `*://*.${suffix}${adapter.pathPrefix ? `${adapter.pathPrefix}/` : '/'}*`),
  );
}
