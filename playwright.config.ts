import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './server/chromium';

// End-to-end tests run against a production build and a real nats-server, both started on
// free ports by e2e/global-setup.ts, in the system Chromium (no browser download).
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
