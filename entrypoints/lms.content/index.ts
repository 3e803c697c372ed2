/**
 * Runs in LMS pages (top frame only): detects the place, tells the background, and shows the launcher
 * on course pages. It never renders user-written content into the host page and never holds tokens.
 */
// The native API, not webextension-polyfill: the polyfill is ~3 kB gzip, a quarter of this script's
// budget, and the few calls made here return promises natively in Chrome and Firefox MV3.
import { browser } from 'wxt/browser';
import { mountLauncher, type Launcher } from '@/components/launcher/launcher';
import { SETTINGS_KEY, showLauncherFrom, UNREAD_KEY, unreadFrom } from '@/lib/config/launcher-setting';
import { detectCourse, lmsMatchPatterns, type LmsRule } from '@/lib/lms';
import { RULES_KEY, rulesFrom } from '@/lib/lms/rules';
import { watchNavigation } from '@/lib/lms/watch-navigation';
import { notify } from '@/lib/messaging/notify';
import type { RuntimeLike } from '@/lib/messaging';

export default defineContentScript({
  matches: lmsMatchPatterns,
  runAt: 'document_idle',
  allFrames: false,
  main(ctx) {
    // A rule host the manifest also matches would run this twice in one page: the first run wins.
    const marked = globalThis as { peersideLmsStarted?: boolean };
    if (marked.peersideLmsStarted) return;
    marked.peersideLmsStarted = true;

    const runtime = browser.runtime as unknown as RuntimeLike;
    let launcher: Launcher | undefined;
    let onCoursePage = false;
    let showLauncher = true;
    let lastReport = '';
    let rules: LmsRule[] = [];
    let unread = 0;

    const updateLauncher = () => {
      if (onCoursePage && showLauncher && !launcher) {
        launcher = mountLauncher({
          document,
          label: browser.i18n.getMessage('launcherLabel'),
          text: browser.i18n.getMessage('launcherText'),
          onOpen: () => notify(runtime, 'panel:open', {}),
        });
      }
      launcher?.setVisible(onCoursePage && showLauncher);
      const label = browser.i18n.getMessage('launcherLabel');
      launcher?.setUnread(
        unread,
        unread > 0 ? `${label} (${browser.i18n.getMessage('launcherUnread', [String(unread)])})` : label,
      );
    };

    const detectAndReport = () => {
      if (ctx.isInvalid) return;
      const place = detectCourse({ url: location.href, document, rules });
      onCoursePage = place?.isCoursePage ?? false;
      updateLauncher();
      const report = JSON.stringify(place);
      if (report === lastReport) return;
      lastReport = report;
      notify(runtime, 'context:report', { place });
    };

    const applySettings = (stored: unknown) => {
      showLauncher = showLauncherFrom(stored);
      updateLauncher();
    };
    const applyRules = (stored: unknown) => {
      rules = rulesFrom(stored);
      detectAndReport();
    };
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      if (SETTINGS_KEY in changes) applySettings(changes[SETTINGS_KEY]?.newValue);
      if (RULES_KEY in changes) applyRules(changes[RULES_KEY]?.newValue);
      if (UNREAD_KEY in changes) {
        unread = unreadFrom(changes[UNREAD_KEY]?.newValue);
        updateLauncher();
      }
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      browser.storage.onChanged.removeListener(onStorage);
      launcher?.remove();
    });

    // The background asks "are you there?" after each page load (see background.ts). The ping carries
    // no data, so checking its sender and name is its whole parse; zod stays out of this bundle.
    const onPing = (message: unknown, sender: { id?: string }, sendResponse: (answer: unknown) => void) => {
      const name = (message as { peerside?: unknown } | null)?.peerside;
      if (sender.id === browser.runtime.id && name === 'context:ping') sendResponse({ ok: true });
    };
    browser.runtime.onMessage.addListener(onPing);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onPing));

    // Detect once the rules are known: an admin rule can decide what this page is.
    void browser.storage.local.get([SETTINGS_KEY, RULES_KEY, UNREAD_KEY]).then((items) => {
      unread = unreadFrom(items[UNREAD_KEY]);
      applySettings(items[SETTINGS_KEY]);
      applyRules(items[RULES_KEY]);
      watchNavigation(window, detectAndReport, ctx.signal);
    });
  },
});
