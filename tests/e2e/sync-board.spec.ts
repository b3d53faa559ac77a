// Every screen on the shop floor shows one board: devices (separate browser contexts) joined to a real sync server
// see each other's moves, racing pulls never overfill a hard stage, and a viewer cannot move a card.
import { expect } from './fixtures.ts';
import { cardsIn, countOf } from './kanban-helpers.ts';
import { boardOf, Device, statusOf, SyncServer, ADMIN_TOKEN, syncTest } from './sync-helpers.ts';

const test = syncTest();

// A server of its own per test, and several browsers: slower than the single-page specs.
test.describe.configure({ timeout: 180_000 });

test('a move on one device appears on the other, and both keep the server\'s board', async ({ browser, server, devices }) => {
  const office = await Device.open(browser, 'office');
  const tablet = await Device.open(browser, 'tablet');
  devices.push(office, tablet);
  await office.join(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await tablet.join((await server.invite('operator', 'Tablet 2')).link);
  await expect(statusOf(tablet.page)).toHaveText('Online');

  const card = cardsIn(office.page, 'Welding').first();
  const id = await card.getAttribute('data-card-id');
  await card.getByTestId('pull-next').click();
  await expect(countOf(office.page, 'Machining')).toHaveText('4 / 5');
  await expect(tablet.page.locator(`[data-stage="Machining"] [data-card-id="${id}"]:not([data-dnd-placeholder])`)).toHaveCount(1);
  await expect(countOf(tablet.page, 'Welding')).toHaveText('4 / 6');
  await expect(tablet.page.getByTestId('event').first()).toContainText('Welding → Machining');
  // The move is confirmed: no longer provisional, nothing waiting, the same board on both.
  await expect(office.page.locator('[data-provisional]')).toHaveCount(0);
  await expect(statusOf(office.page)).toHaveText('Online');
  expect(await boardOf(tablet.page)).toEqual(await boardOf(office.page));

  // The tablet moves it on; the office follows. The log names who moved it.
  await tablet.page.locator(`[data-stage="Machining"] [data-card-id="${id}"]:not([data-dnd-placeholder])`).getByTestId('pull-next').click();
  await expect(office.page.locator(`[data-stage="Sub-assembly"] [data-card-id="${id}"]:not([data-dnd-placeholder])`)).toHaveCount(1);
  await expect(office.page.getByTestId('event').first()).toContainText('Tablet 2');
});

test('racing pulls from two devices into a hard stage never take it over its limit', async ({ browser, server, devices }) => {
  const a = await Device.open(browser, 'tablet 1');
  const b = await Device.open(browser, 'tablet 2');
  devices.push(a, b);
  await a.join((await server.invite('operator', 'Tablet 1')).link);
  await b.join((await server.invite('operator', 'Tablet 2')).link);
  // Test & inspect holds 3 of 4: one place left; both devices pull two cards of Final assembly at once.
  for (const device of [a, b]) await expect(countOf(device.page, 'Test & inspect')).toHaveText('3 / 4');
  const aButtons = cardsIn(a.page, 'Final assembly').getByTestId('pull-next');
  const bButtons = cardsIn(b.page, 'Final assembly').getByTestId('pull-next');
  await Promise.all([aButtons.nth(0).click(), bButtons.nth(4).click(), aButtons.nth(1).click(), bButtons.nth(3).click()].map((p) => p.catch(() => undefined)));
  for (const device of [a, b]) {
    await expect(countOf(device.page, 'Test & inspect')).toHaveText('4 / 4');
    await expect(cardsIn(device.page, 'Test & inspect')).toHaveCount(4);
    await expect(countOf(device.page, 'Final assembly')).toHaveText('4 / 6');
    await expect(statusOf(device.page)).toHaveText('Online');
  }
  await expect.poll(async () => JSON.stringify(await boardOf(a.page)) === JSON.stringify(await boardOf(b.page))).toBe(true);
  // Whichever device lost the race was told, either at once (its own screen was already full) or by a bounce.
  const said = `${await a.page.getByTestId('board-error').textContent()} ${await b.page.getByTestId('board-error').textContent()} ${(await a.page.getByTestId('sync-bounce').allTextContents()).join(' ')} ${(await b.page.getByTestId('sync-bounce').allTextContents()).join(' ')}`;
  expect(said).toMatch(/Test & inspect (is full|filled up on another screen)/);
});

test('a viewer sees the board live but cannot move a card', async ({ browser, server, devices }) => {
  const office = await Device.open(browser, 'office');
  const tv = await Device.open(browser, 'tv');
  devices.push(office, tv);
  await office.join(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await tv.join((await server.invite('viewer', 'Hall TV')).link);
  await expect(statusOf(tv.page)).toContainText('view only');
  const before = await boardOf(tv.page);
  await cardsIn(tv.page, 'Welding').first().getByTestId('pull-next').click();
  await expect(tv.page.getByTestId('board-error')).toContainText('viewer');
  await expect(countOf(tv.page, 'Welding')).toHaveText('5 / 6');
  expect(await boardOf(tv.page)).toEqual(before);
  await expect(statusOf(tv.page)).toHaveText('Online · view only');
  // The office's move still reaches the TV.
  await cardsIn(office.page, 'Welding').first().getByTestId('pull-next').click();
  await expect(countOf(tv.page, 'Welding')).toHaveText('4 / 6');
  await expect(countOf(tv.page, 'Machining')).toHaveText('4 / 5');
});

test('two tabs of one joined browser share its copy and its outbox, and both follow the server', async ({ browser, server, devices }) => {
  const office = await Device.open(browser, 'office');
  const tablet = await Device.open(browser, 'tablet');
  devices.push(office, tablet);
  await office.join(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await tablet.join((await server.invite('operator', 'Tablet 2')).link);
  // A second tab on the tablet: it opens on the shared board, joined, without a link.
  const second = await tablet.context.newPage();
  second.on('pageerror', (error) => tablet.problems.push(`second tab: ${error.message}`));
  second.on('console', (message) => {
    if (message.type() === 'error') tablet.problems.push(`second tab: ${message.text()}`);
  });
  await second.goto(server.url);
  await expect(statusOf(second)).toHaveText('Online', { timeout: 20_000 });
  await cardsIn(tablet.page, 'Welding').first().getByTestId('pull-next').click();
  await cardsIn(second, 'Machining').first().getByTestId('pull-next').click();
  for (const page of [office.page, tablet.page, second]) {
    await expect(countOf(page, 'Welding')).toHaveText('4 / 6');
    await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
    await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
    await expect(statusOf(page)).toHaveText('Online');
  }
  await expect(second.locator('[data-provisional]')).toHaveCount(0);
  expect(await boardOf(second)).toEqual(await boardOf(office.page));
  // Each move is in the log once.
  const moves = await office.page.getByTestId('event').filter({ hasText: 'Tablet 2' }).count();
  expect(moves).toBe(2);
});
