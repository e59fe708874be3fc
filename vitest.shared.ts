// The test settings every package shares. The suite runs on shared 2-core machines that are
// often busy with other work, so a deadline here only catches a test that hangs; it never
// measures speed (that is the benchmarks' job, `pnpm bench`). A test that needs longer than
// this on a busy machine says why next to its own, larger, timeout.
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/** How long one test, or one hook, may take before it counts as hung. */
export const TEST_TIMEOUT_MS = 60_000;

/** The shared settings, merged with a package's own (`include`, environment, setup files…). */
export function testConfig(own: ViteUserConfig = {}): ViteUserConfig {
  const shared = defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: TEST_TIMEOUT_MS,
      hookTimeout: TEST_TIMEOUT_MS,
      teardownTimeout: TEST_TIMEOUT_MS,
    },
  });
  return mergeConfig(shared, own);
}
