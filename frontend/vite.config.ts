/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The server sends a strict Content-Security-Policy (script-src 'self'; style-src 'self';
// img-src 'self' data:). The build must therefore produce only external .js and .css files:
// Svelte's component CSS is emitted as CSS (vite-plugin-svelte's default), nothing is inlined.
export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No data: fonts or scripts; every asset is a file of its own.
    assetsInlineLimit: 0,
    // One CSS file for the whole app, linked from index.html.
    cssCodeSplit: false,
    // Every browser we support has <link rel=modulepreload>; the polyfill is dead weight.
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
