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
