/**
 * Side panel wiring: builds the place store, follows the active tab of this window (or the tab named
 * by `?tabId=`, when the panel is opened as a page), and renders. No logic beyond wiring lives here.
 */
import { render } from 'preact';
// Extension pages and the worker use webextension-polyfill (promise APIs, one namespace everywhere).
import browser from 'webextension-polyfill';
import { I18nContext } from '@/components/i18n';
import { PlacePanel } from '@/components/PlacePanel';
import '@/components/styles.css';
import { translatorFromI18n } from '@/lib/i18n/translate';
import { listen, sendMessage, type RuntimeLike } from '@/lib/messaging';
import { createPlaceStore } from '@/lib/state/place-store';

const runtime = browser.runtime as unknown as RuntimeLike;
const t = translatorFromI18n(browser.i18n);
const store = createPlaceStore((tabId) => sendMessage(runtime, 'context:get', { tabId }));

listen(runtime, {
  'context:changed': (context) => {
    store.receive(context);
    return { ok: true };
  },
});

async function followActiveTab() {
  const pinned = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(pinned) && pinned > 0) return store.follow(pinned);

  const panelWindow = await browser.windows.getCurrent();
  const [active] = await browser.tabs.query({ active: true, windowId: panelWindow.id });
  if (active?.id !== undefined) await store.follow(active.id);
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
    if (windowId === panelWindow.id) void store.follow(tabId);
  });
}

function App() {
  return (
    <I18nContext.Provider value={t}>
      <PlacePanel state={store.state.value} />
    </I18nContext.Provider>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
void followActiveTab();
