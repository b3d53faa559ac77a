// Takes the README's screenshots of the built app (run `npx vite build` first): `npx tsx scripts/screenshots.ts`.
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../tests/chromium.ts';

const views: [string, string][] = [
  ['board', 'docs/screenshot-board.png'],
  ['stream', 'docs/screenshot-stream.png'],
  ['flow', 'docs/screenshot-flow.png'],
  ['simulate', 'docs/screenshot-simulate.png'],
];

const server = await preview({ preview: { host: '127.0.0.1', port: 4199, strictPort: true } });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  for (const [view, file] of views) {
    await page.goto(`http://127.0.0.1:4199/#/${view}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
