import { defineConfig } from '@playwright/test';

// The server under test is started by each test file (tests/fixtures.ts) on an ephemeral port
// with its own data directory, so every file begins from an empty SQLite store.
export default defineConfig({
  testDir: './tests',
  // Generous deadlines: the suite runs on shared 2-core machines that are often busy. They turn a
  // page that never gets there into a failure; how fast it gets there is the benchmarks' job.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
