/// <reference types="vitest/config" />
// Build, preview and unit-test configuration. The built app carries a strict Content-Security-Policy.
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { APP_HEADERS, CSP, cacheControlFor } from './src/server/headers.ts';

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

// vite preview (what the e2e tests run against) caches the built files as the Taktboard server does.
function cachePlugin(): Plugin {
  return {
    name: 'taktboard-cache-control',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        response.setHeader('Cache-Control', cacheControlFor(new URL(request.url ?? '/', 'http://x').pathname));
        next();
      });
    },
  };
}

// The service worker precaches the whole built app (every view, the workers, the demo line), so a screen starts with no
// network and works from IndexedDB. A new version waits until the operator accepts the update prompt (registerType
// 'prompt': no skipWaiting), rather than being swapped in under someone moving cards. The manifest is static/'s own.
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: false,
  includeAssets: [],
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/api\//, /^\/sync/],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: false,
  },
});

export default defineConfig({
  plugins: [svelte({ configFile: false }), cspPlugin(), cachePlugin(), pwa],
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
