// Types of vite-plugin-pwa's virtual module (virtual:pwa-register), which registers the service worker.
/// <reference types="vite-plugin-pwa/client" />
