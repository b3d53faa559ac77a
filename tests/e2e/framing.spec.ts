// Clickjacking: another site may not show the board inside a frame of its own (CSP frame-ancestors and X-Frame-Options,
// served as headers). The browser itself refuses the frame. The other site is a small server of its own on loopback (a
// page Playwright fulfils counts as public, and Chromium would block a public page's frame of a loopback address for a
// different reason), and the refusal is a console error, so this test does not use the fixture that fails on one.
import { createServer, type Server } from 'node:http';
import { test, expect } from '@playwright/test';

let other: Server;
let otherOrigin = '';
const appUrl = (baseURL: string) => `${baseURL}/#/board`;

test.beforeAll(async ({}, info) => {
  const baseURL = info.project.use.baseURL!;
  other = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!doctype html><title>Other site</title><p>Click the button</p><iframe id="board" src="${appUrl(baseURL)}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
});

test('another site that frames the board gets nothing: the browser refuses the frame', async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Refused to (display|frame)|^Framing .* violates/.test(message.text())) refusals.push(message.text());
  });

  // The headers are there on the app itself (what a reverse proxy must pass on).
  const response = await page.request.get(`${baseURL}/`);
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-frame-options']).toBe('DENY');

  await page.goto(`${otherOrigin}/`);
  await expect.poll(() => refusals.length, { message: 'the browser says why it refused the frame' }).toBeGreaterThan(0);
  expect(refusals.join('\n')).toMatch(/frame-ancestors 'none'|X-Frame-Options/);
  // Nothing of the board was drawn inside the other site's page.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame, 'the iframe exists').toBeTruthy();
  expect(frame!.url()).not.toBe(appUrl(baseURL!));
  await expect(page.frameLocator('#board').locator('[data-testid]')).toHaveCount(0);
  await expect(page.frameLocator('#board').getByText('Kanban board')).toHaveCount(0);
});
