import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';

// Three kinds of test, one command: pure logic in Node, the Worker inside workerd with
// real KV and Durable Object bindings, and journeys in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'sdk/**/*.test.ts', 'personas/**/*.test.ts', 'scripts/**/*.test.ts', 'demo-shop/**/*.test.ts', 'studio/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // VITRINE_DEV: the tests' webhook receiver is on loopback (receiver-setup.ts).
            miniflare: { bindings: { ADMIN_TOKEN: 'test-admin-token', VITRINE_DEV: '1' } },
          }),
        ],
        test: { name: 'workers', include: ['edge/**/*.test.ts'], globalSetup: ['edge/src/testing/receiver-setup.ts'] },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
