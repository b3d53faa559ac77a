/// <reference types="vitest/config" />
// Build, preview and unit-test configuration. The built app carries a strict Content-Security-Policy.
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { APP_HEADERS, CSP } from './src/server/headers.ts';

// The policy goes into the built index.html (for any static server) and into the preview server's headers.
// The dev server does without it, since Vite's hot reload injects inline scripts.
function cspPlugin(): Plugin {
  return {
    name: 'taktboard-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

export default defineConfig({
  plugins: [svelte({ configFile: false }), cspPlugin()],
  publicDir: 'static',
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  preview: {
    headers: APP_HEADERS,
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    globalSetup: ['tests/unit/server/pg-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
