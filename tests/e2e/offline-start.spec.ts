// The app starts with no network: the service worker precaches it, the board comes from IndexedDB and a card still
// moves; the app is installable; a new version waits for the operator's "Update now" instead of swapping itself in.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard, stage } from './kanban-helpers.ts';

const dist = process.env.E2E_DIST || 'dist';

/** Waits until the service worker has precached the app and controls this page. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

test('with the network gone, a reload opens the board from the precache and a card still moves', async ({ page, context }) => {
  await openBoard(page);
  await controlled(page);

  // Without the service worker this reload is the browser's "no internet" page (net::ERR_INTERNET_DISCONNECTED).
  await context.setOffline(true);
  await page.reload();
  await openBoard(page);
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');

  const card = cardsIn(page, 'Machining').first();
  const id = await card.getAttribute('data-card-id');
  await card.getByTestId('pull-next').click();
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(stage(page, 'Sub-assembly').locator(`[data-card-id="${id}"]`)).toHaveCount(1);

  // The views that load on first visit (d3 and all) are precached too, and the move is kept across another reload.
  await page.getByRole('link', { name: 'Flow & forecast' }).click();
  await expect(page.getByRole('heading', { name: /Flow/ }).first()).toBeVisible();
  await page.goto('/#/board');
  await openBoard(page);
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await context.setOffline(false);
});

test('the app is installable: a manifest with a name, a start page and 192 and 512 pixel icons', async ({ page }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(href!)).json();
  expect(manifest).toMatchObject({ name: 'Taktboard', display: 'standalone', start_url: expect.stringMatching(/^\//) });
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i: { sizes: string; type: string }) => i.sizes === size && i.type === 'image/png');
    expect(icon, size).toBeTruthy();
    const response = await page.request.get(icon.src);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    // The PNG header's width and height (bytes 16-23) are the size the manifest claims.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(size);
  }
  const sw = await page.request.get('/sw.js');
  expect(sw.headers()['cache-control']).toBe('no-cache');
  expect(sw.headers()['content-type']).toMatch(/javascript/);
});

test('a new version is offered with an update prompt, and taken only when the operator says so', async ({ page }) => {
  await openBoard(page);
  await controlled(page);
  // An operator's screen: opened under the installed version, then left running while a new one is published.
  await page.reload();
  await openBoard(page);
  await expect(page.getByTestId('app-update')).toHaveCount(0);

  const file = `${dist}/sw.js`;
  const original = readFileSync(file, 'utf8');
  try {
    // Any byte of the service worker changed is a new version to the browser.
    writeFileSync(file, `${original}\n// next version ${Date.now()}\n`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const prompt = page.getByTestId('app-update');
    await expect(prompt).toContainText('A new version of Taktboard is ready', { timeout: 30_000 });
    // Nothing is swapped under the operator: the page is still controlled by the old worker and keeps working.
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(before).toMatch(/sw\.js$/);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(true);
    await cardsIn(page, 'Machining').first().getByTestId('pull-next').click();
    await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');

    await page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));
    await prompt.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction(() => !(window as unknown as { oldPage?: boolean }).oldPage, undefined, { timeout: 30_000 });
    await openBoard(page);
    await expect(page.getByTestId('app-update')).toHaveCount(0);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !r?.waiting && !!r?.active))).toBe(true);
    await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  } finally {
    writeFileSync(file, original);
  }
});
