import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/support/summary-reporter.js';

export const vitestConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/network-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'UTC' },
    reporters: ['default', new SummaryReporter()],
  },
});

// biome-ignore lint/style/noDefaultExport: vitest loads its config through the default export.
export default vitestConfig;
