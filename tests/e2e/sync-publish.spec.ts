// A board made on one screen before the shop floor had a server becomes everyone's: published with its history to an
// empty server, then joined by another device; publishing it again is refused and changes nothing.
import { expect } from './fixtures.ts';
import { boardOf, Device, statusOf, SyncServer, ADMIN_TOKEN, syncTest } from './sync-helpers.ts';

const test = syncTest(() => SyncServer.startEmpty());

test.describe.configure({ timeout: 240_000 });

test('a screen publishes its own board and its log to an empty server; another device joins and sees it', async ({ browser, server, devices }) => {
  const laptop = await Device.open(browser, 'laptop');
  devices.push(laptop);
  // The laptop has worked on its own board (the demo line) before the server existed.
  await laptop.page.goto(`${server.url}/#/settings`);
  const panel = laptop.page.getByTestId('shared-board');
  await expect(panel.getByTestId('publish-link')).toBeVisible({ timeout: 20_000 });
  const ownBoard = await boardOf(laptop.page);
  expect(ownBoard.length).toBeGreaterThan(20);
  const ownLog = (await laptop.page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('taktboard');
    open.onsuccess = () => {
      const count = open.result.transaction('events').objectStore('events').count();
      count.onsuccess = () => resolve(count.result);
    };
  })));

  await panel.getByTestId('publish-link').fill(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await panel.getByTestId('publish-board').click();
  await expect(statusOf(laptop.page)).toHaveText('Online', { timeout: 60_000 });
  expect(await boardOf(laptop.page)).toEqual(ownBoard);
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { head: number };
  expect(health.head).toBe(ownLog);

  const tablet = await Device.open(browser, 'tablet');
  devices.push(tablet);
  await tablet.join((await server.invite('operator', 'Tablet 1')).link);
  expect(await boardOf(tablet.page)).toEqual(ownBoard);

  // Publishing the same board again is refused: the server already holds its records.
  const again = await fetch(`${server.url}/api/publish`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ app: 'taktboard', version: 4, exportedAt: 0, tables: { streams: [{ id: 'demo-steering', name: 'Again', calendar: { shifts: [], workingDaysPerWeek: 5 }, createdAt: 0 }] } }),
  });
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: string }).error).toMatch(/already has streams demo-steering/);
  expect(((await (await fetch(`${server.url}/api/health`)).json()) as { head: number }).head).toBe(ownLog);
});
