import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['ledger/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON report is what .ci/run counts.
    reporters: ['default', ['json', { outputFile: '.test-results.json' }]],
  },
});
