/**
 * `npm run test:storm`: the tests on real Apache Storm (storm/real-storm.test.ts, storm/conformance.test.ts), alone, after the
 * unit tests, so that their LocalClusters do not compete with the other tests for the machine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['storm/real-storm.test.ts', 'storm/conformance.test.ts'],
    environment: 'node',
    testTimeout: 15 * 60_000,
    fileParallelism: false,
  },
});
