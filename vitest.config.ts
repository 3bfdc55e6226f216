import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const directoryMigrations = await readD1Migrations('migrations/directory');
const tenantMigrations = await readD1Migrations('migrations/tenant');

export default defineConfig({
  test: {
    projects: [
      {
        // Inside workerd: real D1, Durable Objects, rate limiters. Storage is per test file.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                OPERATOR_TOKEN: 'test-operator-token',
                DIRECTORY_MIGRATIONS: directoryMigrations,
                TENANT_MIGRATIONS: tenantMigrations,
              },
              // The notification relay sends to a queue nobody consumes here: tests drive the consumer
              // themselves (createMessageBatch), so no delivery changes a database behind a test's back.
              queueProducers: { NOTIFICATIONS_QUEUE: { queueName: 'notifications-unconsumed-in-tests' } },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['worker/**/*.test.ts', 'party/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          setupFiles: ['./tests/integration/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // On Node: the production bundle builds, the scripts, and the browser tests.
        test: {
          name: 'node',
          include: ['tests/node/**/*.test.ts', 'scripts/**/*.test.ts', 'src/**/*.test.ts'],
          // Builds the web app and finds (or installs) Chromium once for the whole project.
          globalSetup: ['./tests/node/global-setup.ts'],
          // One file at a time: each browser test runs a whole portal (workerd + Chromium), and
          // two at once on 2 cores starve each other past their timeouts.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
