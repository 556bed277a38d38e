import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fuzz and CLI tests spawn processes or run thousands of documents: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    // A first import of the app through the local runtime can take over 10 s on a loaded machine.
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'app', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['src/ui/**'] } },
      // The admin page's components, rendered in jsdom against a fake client.
      { extends: true, plugins: [react()], test: { name: 'ui', include: ['src/ui/**/*.test.{ts,tsx}'], environment: 'jsdom' } },
    ],
  },
});
