// Test timeouts sized for a busy shared 2-core machine (issue 14): the default 5 s failed a
// 2 500-report CSV test under load. Tests measure correctness, never speed (speed: npm run bench);
// a test that needs longer than this says so itself.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
