/// <reference types="vitest/config" />
// Build, preview and unit-test configuration. The built app carries a strict Content-Security-Policy.
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// No inline scripts, no eval; the engine worker and everything else only from our own origin.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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
    headers: {
      'Content-Security-Policy': CSP,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
