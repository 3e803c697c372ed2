// One lint config. Beyond the recommended rules it enforces the dependency direction of
// ARCHITECTURE.md: entrypoints -> components -> lib, never back.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noImportsOf = (folders, message) =>
  folders.map((folder) => ({ group: [`@/${folder}/**`, `**/${folder}/**`], message }));
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const libLayer = noImportsOf(
  ['components', 'entrypoints'],
  'lib/ has no UI and is imported by components and entrypoints, never the reverse.',
);
const componentsLayer = noImportsOf(
  ['entrypoints'],
  'components/ receive their data as props; they never import entrypoints.',
);
const pure = [
  { group: ['wxt/*', 'webextension-polyfill', 'dexie', '@supabase/*'], message: 'lib/lms and lib/domain are pure.' },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.peerside/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: 'error',
    },
  },
  // WXT auto-imports these in entrypoints.
  {
    files: ['entrypoints/**'],
    languageOptions: { globals: { defineBackground: 'readonly', defineContentScript: 'readonly' } },
  },
  // Code these files hand to page.evaluate / worker.evaluate runs in the extension, where `chrome` exists.
  { files: ['scripts/**', 'tests/e2e/**', 'tests/bench/**'], languageOptions: { globals: { chrome: 'readonly' } } },
  { files: ['lib/**'], rules: restrict(libLayer) },
  { files: ['components/**'], rules: restrict(componentsLayer) },
  // Pure detection and domain code must not reach for the browser or the network.
  {
    files: ['lib/lms/**', 'lib/domain/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...restrict([...libLayer, ...pure]),
      'no-restricted-globals': ['error', 'window', 'location', 'browser', 'chrome', 'fetch'],
    },
  },
);
