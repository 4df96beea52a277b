import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './scripts/python-assets.ts';

// Cross-origin isolation lets Pyodide use SharedArrayBuffer for its interrupt buffer, so a
// runaway Python loop can be stopped without killing the worker. Static hosts must send the
// same two headers (see docs/hosting.md).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), pyodideAssets()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['pyodide'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'storm/**/*.test.ts'],
    // Runs on real Storm: `npm run test:storm` (storm/vitest.config.ts), one LocalCluster at a time, after the unit tests.
    exclude: ['**/node_modules/**', 'storm/real-storm.test.ts', 'storm/conformance.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
