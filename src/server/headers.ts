// The headers the app is served with, by vite preview and by the server alike: a strict CSP and cross-origin isolation.
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

/** Served as a header only: browsers ignore frame-ancestors in a <meta> policy (and say so in the console). */
const NO_FRAMING = "frame-ancestors 'none'";

export const APP_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP}; ${NO_FRAMING}`,
  // For browsers that predate frame-ancestors: no other site may frame the board (clickjacking).
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * How long a browser may keep a file of the built app without asking again. The service worker and the files that name
 * the current version (index.html, the manifest, workbox's runtime) are always revalidated, so a new version is seen
 * on the next check; Vite's content-hashed assets never change under their name and are kept for a year.
 */
export function cacheControlFor(path: string): string {
  const name = path.replaceAll('\\', '/');
  if (/(^|\/)assets\/[^/]+-[\w-]{8,}\.(js|css)$/.test(name)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}
