import { defineConfig } from 'wxt';
import { apiKeysFor, LOCAL_JWT_SECRET } from './scripts/backend/jwt.mjs';

// Development builds (`npm start`) also run on *.localhost, where the demo LMS is served without any
// DNS set-up. Production builds match only real LMS hosts: the e2e tests reach the demo through those
// real hostnames with Chromium's --host-resolver-rules instead.
const DEV_MATCHES = ['*://*.localhost/*'];

// Development builds get a fixed extension id from this public key (its private half is not kept):
// tests that deliver managed policy must name the id before the browser starts. Store builds carry
// no key; the store assigns the id.
export const DEV_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3ten8wPknoNHSC5Na94pmRXdorWRRa9MWmj/GBqrY/gzpofGMRdM7kBrYKAlB5agekGXTx/rkSig88BCV/aYdhxh5edfOH2uW3RjBB5F39Fd7UICrSr3Mox88cq40hhumf3CopXxy6OjbodUTd/qHPVmk+ZJuntW8UtLoOcERJXZVZf/VnB2qlH/Z20v7GrOq11c3HJOWwxjV2hJpyxZZLK7ekxr5p2yTmv+uRELLX8OUVNg7U/HRwDfYpNJBuInCPLJpl3mc/kkti5JunJsPa290GoXSmClKjVwdz8KERbNe2e5DF0eMcSAk0P/AcALHN4KKBUe6JYSUa81BDnfiwIDAQAB';

export default defineConfig({
  // No @wxt-dev/webextension-polyfill module: it would alias `wxt/browser` to the polyfill in every
  // bundle, content script included (~3 kB gzip of its 12 kB budget). Extension pages and the worker
  // import webextension-polyfill themselves; the content script uses the native API.
  manifestVersion: 3,
  // Firefox's review needs the sources; local data, test output and build caches are not sources.
  zip: { excludeSources: ['.peerside/**', 'test-results/**', 'playwright-report/**', 'docs/images/**'] },
  vite: (env) => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Development builds suggest the local backend (npm start, npm run backend) on the options page, so
    // a newcomer only types an email and the printed code. Store builds suggest nothing.
    define: {
      __PEERSIDE_DEV_BACKEND__: JSON.stringify(
        env.mode === 'development'
          ? { url: 'http://127.0.0.1:54321', anonKey: apiKeysFor(LOCAL_JWT_SECRET).anonKey }
          : null,
      ),
    },
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'development') return;
      for (const script of manifest.content_scripts ?? []) script.matches = [...(script.matches ?? []), ...DEV_MATCHES];
    },
  },
  manifest: ({ browser, mode }) => ({
    ...(mode === 'development' && browser !== 'firefox' ? { key: DEV_EXTENSION_KEY } : {}),
    name: '__MSG_extName__',
    short_name: 'Peerside',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: per-tab course context (session), settings (local). sidePanel: Chrome's side panel.
    // No "tabs", no "<all_urls>": the content script's matches are the only host access asked at install.
    // scripting + optional hosts: the content script runs on an admin rule's host (an in-house LMS) only
    // once the learner or admin grants that host; nothing is granted at install.
    // alarms: a sync every few minutes and at each retry time, since the worker is stopped when idle.
    permissions:
      browser === 'firefox' ? ['storage', 'scripting', 'alarms'] : ['storage', 'sidePanel', 'scripting', 'alarms'],
    optional_host_permissions: ['*://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: '__MSG_actionTitle__' },
    // The toolbar button opens the panel (Chrome: side panel behaviour; Firefox: sidebar toggle), so
    // the same shortcut opens Peerside from the keyboard on every page.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_actionTitle__' },
    },
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'peerside@peerside.app',
              strict_min_version: '128.0',
              // Nothing leaves the browser yet. The shared-backend issue must declare what it sends.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
