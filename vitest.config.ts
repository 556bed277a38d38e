import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fuzz and CLI tests spawn processes or run thousands of documents: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    // A first import of the app through the local runtime can take over 10 s on a loaded machine.
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default (cores - 1) is one worker on CI's two cores, which leaves a core idle while a test waits on a
    // child process or a browser; timing-dependent tests wait generously instead (src/ui/admin/test-setup.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['src/ui/**'] } },
      // The admin page's components, rendered in jsdom against a fake client.
      { extends: true, plugins: [react()], test: { name: 'ui', include: ['src/ui/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['src/ui/admin/test-setup.ts'] } },
    ],
  },
});
