import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['journeys/**/*.test.ts'],
    // Starts the real server and a neutral "exit" site once for every journey.
    globalSetup: ['support/global-setup.ts'],
    // One Chromium at a time: CI has two cores, and the server needs one.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
