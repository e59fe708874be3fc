// vitest's own defineConfig: its `test` key types come with it (the vite copy it augments differs from ours).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { testConfig } from '../../vitest.shared.js';

const server = 'http://127.0.0.1:4780';

export default defineConfig(
  testConfig({
    plugins: [react()],
    build: { outDir: 'dist' },
    server: { proxy: { '/api': server, '/hooks': server } },
    test: {
      environment: 'happy-dom',
      setupFiles: ['./src/test-setup.ts'],
      // mergeConfig concatenates arrays: the web app's tests are the shared pattern plus .tsx files.
      include: ['src/**/*.test.tsx'],
    },
  }),
);
