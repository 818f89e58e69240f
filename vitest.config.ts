import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The HTTP fuzz test sends thousands of requests; give slow CI machines room.
    testTimeout: 60_000,
  },
});
