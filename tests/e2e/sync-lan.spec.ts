// Screens on the plant's network open the server PC by its name, not by 127.0.0.1. Chromium is told that
// taktboard-pc.lan is this machine (--host-resolver-rules), so the browser treats the address as another machine's:
// over plain http it is not a secure origin (no service worker, no storage manager, no camera), over https it is.
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import { expect } from './fixtures.ts';
import { CARD } from './kanban-helpers.ts';
import { ADMIN_TOKEN, boardOf, Device, SyncServer, syncTest } from './sync-helpers.ts';

const LAN_NAME = 'taktboard-pc.lan';
let lanBrowser: Browser;

const lanTest = (start: () => Promise<SyncServer>) => {
  const t = syncTest(start);
  t.beforeAll(async () => {
    lanBrowser = await chromium.launch({
      executablePath: chromiumPath,
      // The certificate is the repository's test-only one, which this browser has no reason to trust.
      args: [...chromiumArgs, `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`, '--ignore-certificate-errors'],
    });
  });
  t.afterAll(async () => lanBrowser?.close());
  return t;
};

const http = lanTest(() => SyncServer.start());

http('over plain http from another machine, a screen follows the board and Settings says what only https gives', async ({ server, devices }) => {
  const operator = await server.invite('operator', 'Tablet at the line');
  const tablet = await Device.open(lanBrowser, 'tablet');
  devices.push(tablet);
  await tablet.join(`http://${LAN_NAME}:${server.port}/#/join/${operator.token}`);
  expect(await tablet.page.evaluate(() => window.isSecureContext)).toBe(false);
  // A move made there gets its command id without crypto.randomUUID (absent on an http origin) and reaches the server.
  const before = await boardOf(tablet.page);
  await tablet.page.locator(CARD).first().getByTestId('pull-next').click();
  await expect.poll(() => boardOf(tablet.page)).not.toEqual(before);
  await expect(tablet.page.getByTestId('sync-status')).toHaveText(/Online/);
  await expect(tablet.page.getByTestId('sync-status')).not.toHaveText(/waiting/);
  const moved = await boardOf(tablet.page);
  await tablet.page.getByRole('link', { name: 'Settings' }).click();
  await expect(tablet.page.getByTestId('insecure-origin')).toContainText('https');
  await expect(tablet.page.getByTestId('insecure-origin')).toContainText(`${LAN_NAME}:${server.port}`);

  // A coordinator on the server PC itself (127.0.0.1) is told its links would name the PC itself; by the LAN name the
  // link names what a tablet can open.
  const pc = await Device.open(lanBrowser, 'server PC');
  devices.push(pc);
  await pc.join(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await expect.poll(() => boardOf(pc.page)).toEqual(moved);
  await pc.page.getByRole('link', { name: 'Settings' }).click();
  await expect(pc.page.getByTestId('insecure-origin')).toHaveCount(0);
  await expect(pc.page.getByTestId('invite-loopback')).toBeVisible();
  const laptop = await Device.open(lanBrowser, 'coordinator laptop');
  devices.push(laptop);
  await laptop.join(`http://${LAN_NAME}:${server.port}/#/join/${ADMIN_TOKEN}`);
  await laptop.page.getByRole('link', { name: 'Settings' }).click();
  await expect(laptop.page.getByTestId('invite-loopback')).toHaveCount(0);
  await laptop.page.getByTestId('invite-label').fill('TV at line 2');
  await laptop.page.getByTestId('invite-role').selectOption('viewer');
  await laptop.page.getByTestId('invite-create').click();
  await expect(laptop.page.getByTestId('invite-link')).toHaveText(new RegExp(`^http://${LAN_NAME.replaceAll('.', '\\.')}:${server.port}/#/join/`));
  // Chromium logs, as an error, that it ignores the cross-origin isolation headers on an http origin: that is the
  // very limit the notice speaks of, not a fault of the page.
  for (const device of [tablet, laptop]) {
    const kept = device.problems.filter((p) => !/Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/.test(p));
    device.problems.splice(0, device.problems.length, ...kept);
  }
});

const https = lanTest(() => SyncServer.startTls());

https('over https by the LAN name, a screen is a secure origin: it starts again with the server gone', async ({ server, devices }) => {
  const tv = await Device.open(lanBrowser, 'tv');
  devices.push(tv);
  await tv.join(`https://${LAN_NAME}:${server.port}/#/join/${ADMIN_TOKEN}`);
  expect(await tv.page.evaluate(() => window.isSecureContext)).toBe(true);
  await tv.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const shown = await tv.page.getByTestId('stage').count();

  // The server PC is switched off: the screen reloads from its precache and its own IndexedDB.
  tv.offlineExpected = true;
  await server.kill();
  await tv.page.reload();
  await expect(tv.page.getByTestId('stage')).toHaveCount(shown, { timeout: 20_000 });
  await expect(tv.page.getByTestId('sync-status')).not.toHaveText(/Online/);
  await tv.page.getByRole('link', { name: 'Settings' }).click();
  await expect(tv.page.getByTestId('insecure-origin')).toHaveCount(0);
});
