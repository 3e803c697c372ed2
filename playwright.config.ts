import { defineConfig } from '@playwright/test';

// One Chromium with the built extension per test file (a launch costs ~5 s); files run one at a time
// because CI machines have two cores. The built extension must exist: `npm test` builds first.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure' },
});
