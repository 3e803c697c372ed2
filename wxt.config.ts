import { defineConfig } from 'wxt';
import { lmsMatchPatterns } from './lib/lms/hosts';

// Development builds (`npm start`) also run on *.localhost, where the demo LMS is served without any
// DNS set-up. Production builds match only real LMS hosts: the e2e tests reach the demo through those
// real hostnames with Chromium's --host-resolver-rules instead.
const DEV_MATCHES = ['*://*.localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: {
      alias: {
        react: 'preact/compat',
        'react-dom': 'preact/compat',
      },
    },
  }),
  hooks: {
    // The content script's matches come from one list in lib/lms/hosts.ts, shared with the adapters.
    'build:manifestGenerated': (wxt, manifest) => {
      const extra = wxt.config.mode === 'development' ? DEV_MATCHES : [];
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...lmsMatchPatterns, ...extra];
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Peerside',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: per-tab course context (session), settings (local). sidePanel: Chrome's side panel.
    // No "tabs", no "<all_urls>": the content script's matches are the only host access we ask for.
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    action: { default_title: '__MSG_actionTitle__' },
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'peerside@peerside.app', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
