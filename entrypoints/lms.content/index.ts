/**
 * Runs in LMS pages (top frame only): detects the place, tells the background, and shows the launcher
 * on course pages. It never renders user-written content into the host page and never holds tokens.
 */
import { browser } from 'wxt/browser';
import { mountLauncher, type Launcher } from '@/components/launcher/launcher';
import { SETTINGS_KEY, showLauncherFrom } from '@/lib/config/launcher-setting';
import { detectCourse, lmsMatchPatterns } from '@/lib/lms';
import { watchNavigation } from '@/lib/lms/watch-navigation';
import { notify } from '@/lib/messaging/notify';
import type { RuntimeLike } from '@/lib/messaging';

export default defineContentScript({
  matches: lmsMatchPatterns,
  runAt: 'document_idle',
  allFrames: false,
  main(ctx) {
    const runtime = browser.runtime as unknown as RuntimeLike;
    let launcher: Launcher | undefined;
    let onCoursePage = false;
    let showLauncher = true;
    let lastReport = '';

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
    };

    const detectAndReport = () => {
      if (ctx.isInvalid) return;
      const place = detectCourse({ url: location.href, document });
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
    void browser.storage.local.get(SETTINGS_KEY).then((items) => applySettings(items[SETTINGS_KEY]));
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) applySettings(changes[SETTINGS_KEY]?.newValue);
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

    detectAndReport();
    watchNavigation(window, detectAndReport, ctx.signal);
  },
});
