import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Fuzz and CLI tests spawn processes or run thousands of documents: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    pool: 'forks',
  },
});
