// Screens keep working when the network or the server goes away: moves made offline wait (provisional) and merge on
// reconnect, a move another screen made impossible meanwhile bounces and says why, and a server killed mid-burst
// and restarted loses no acknowledged move while the screens catch up by themselves.
import { expect } from './fixtures.ts';
import { cardsIn, countOf } from './kanban-helpers.ts';
import { boardOf, Device, readStore, statusOf, SyncServer, syncTest } from './sync-helpers.ts';

const test = syncTest();

test.describe.configure({ timeout: 240_000 });

async function twoTablets(browser: import('@playwright/test').Browser, server: SyncServer, devices: Device[]) {
  const a = await Device.open(browser, 'tablet 1');
  const b = await Device.open(browser, 'tablet 2');
  devices.push(a, b);
  await a.join((await server.invite('operator', 'Tablet 1')).link);
  await b.join((await server.invite('operator', 'Tablet 2')).link);
  return [a, b] as const;
}

const sameBoard = async (a: Device, b: Device) =>
  expect.poll(async () => JSON.stringify(await boardOf(a.page)) === JSON.stringify(await boardOf(b.page)), { timeout: 30_000 }).toBe(true);

test('a device taken offline keeps moving cards, then reconnects and merges with the others', async ({ browser, server, devices }) => {
  const [a, b] = await twoTablets(browser, server, devices);
  await b.offline(true);
  await expect(statusOf(b.page)).toHaveText(/^(Offline|Connecting…)/, { timeout: 30_000 });

  // Two pulls on the offline tablet: on its board at once, drawn as waiting for the server.
  const receiving = cardsIn(b.page, 'Receiving');
  const first = await receiving.nth(0).getAttribute('data-card-id');
  await receiving.nth(0).getByTestId('pull-next').click();
  await expect(countOf(b.page, 'Stamping')).toHaveText('5 / 6');
  const second = await receiving.nth(0).getAttribute('data-card-id');
  await receiving.nth(0).getByTestId('pull-next').click();
  await expect(countOf(b.page, 'Stamping')).toHaveText('6 / 6');
  await expect(statusOf(b.page)).toHaveText(/· 2 waiting$/);
  await expect(b.page.locator(`[data-card-id="${first}"][data-provisional]`)).toHaveCount(1);
  await expect(b.page.locator(`[data-card-id="${second}"][data-provisional]`)).toHaveCount(1);
  // The other tablet, online, sees none of it and moves a card of its own.
  await expect(countOf(a.page, 'Stamping')).toHaveText('4 / 6');
  await cardsIn(a.page, 'Welding').first().getByTestId('pull-next').click();
  await expect(countOf(a.page, 'Machining')).toHaveText('4 / 5');

  await b.offline(false);
  await expect(statusOf(b.page)).toHaveText('Online', { timeout: 30_000 });
  await expect(b.page.locator('[data-provisional]')).toHaveCount(0);
  for (const device of [a, b]) {
    await expect(countOf(device.page, 'Stamping')).toHaveText('6 / 6');
    await expect(countOf(device.page, 'Machining')).toHaveText('4 / 5');
    await expect(device.page.locator(`[data-stage="Stamping"] [data-card-id="${first}"]`)).toHaveCount(1);
  }
  await sameBoard(a, b);
  b.offlineExpected = false;
});

test('a move that filled up on another screen while this one was offline bounces, is taken back and says why', async ({ browser, server, devices }) => {
  const [a, b] = await twoTablets(browser, server, devices);
  // Test & inspect holds 3 of 4. The offline tablet takes the last place...
  await b.offline(true);
  await expect(statusOf(b.page)).toHaveText(/^(Offline|Connecting…)/, { timeout: 30_000 });
  const mine = cardsIn(b.page, 'Final assembly').nth(0);
  const mineId = await mine.getAttribute('data-card-id');
  const minePart = (await mine.locator('.part').textContent())!.trim();
  await mine.getByTestId('pull-next').click();
  await expect(countOf(b.page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(statusOf(b.page)).toHaveText(/· 1 waiting$/);
  // ...and so does the online one, first as far as the server knows.
  const theirs = cardsIn(a.page, 'Final assembly').nth(1);
  const theirPart = (await theirs.locator('.part').textContent())!.trim();
  await theirs.getByTestId('pull-next').click();
  await expect(countOf(a.page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(a.page.locator('[data-provisional]')).toHaveCount(0);

  await b.offline(false);
  const bounce = b.page.getByTestId('sync-bounce');
  await expect(bounce).toContainText(
    new RegExp(`Your move of card ${minePart} to Test & inspect bounced: Test & inspect filled up on another screen \\(card ${theirPart} pulled by Tablet 1 at \\d\\d:\\d\\d UTC\\)`),
    { timeout: 30_000 },
  );
  await expect(statusOf(b.page)).toHaveText('Online');
  // Taken back: the card is in Final assembly again, and the log shows the bounce.
  await expect(b.page.locator(`[data-stage="Final assembly"] [data-card-id="${mineId}"]:not([data-dnd-placeholder])`)).toHaveCount(1);
  await expect(b.page.locator('[data-testid="event"][data-type="bounced"]').first()).toContainText('filled up on another screen');
  await sameBoard(a, b);
  await bounce.getByRole('button', { name: 'Dismiss' }).click();
  await expect(bounce).toHaveCount(0);
  b.offlineExpected = false;
});

test('the server killed with SIGKILL in the middle of a burst loses no acknowledged move; the screens catch up by themselves', async ({ browser, server, devices }) => {
  const [a, b] = await twoTablets(browser, server, devices);
  const headBefore = Math.max(...(await readStore<{ id: number }>(a.page, 'events')).map((e) => e.id));
  // A burst of pulls from the end of the line backwards, each making room for the next: 13 moves (Machining's blocked card stays).
  const plan: [string, string, number][] = [
    ['Test & inspect', 'Shipping', 3],
    ['Final assembly', 'Test & inspect', 4],
    ['Sub-assembly', 'Final assembly', 4],
    ['Machining', 'Sub-assembly', 2],
  ];
  const moved: { id: string; to: string }[] = [];
  let killed: Promise<void> | null = null;
  for (const [from, to, times] of plan) {
    for (let k = 0; k < times; k++) {
      const before = await cardsIn(a.page, from).count();
      // A blocked card asks before it is pulled (issue 19): the burst pulls the others.
      const card = cardsIn(a.page, from).filter({ hasNot: a.page.getByTestId('card-blocked') }).first();
      moved.push({ id: (await card.getAttribute('data-card-id'))!, to });
      await card.getByTestId('pull-next').click();
      await expect(cardsIn(a.page, from)).toHaveCount(before - 1);
      if (moved.length === 6) {
        a.offlineExpected = b.offlineExpected = true;
        killed = server.kill();
      }
    }
  }
  await killed;
  // What the server had acknowledged when it died: confirmed events and acknowledged commands on the screen.
  const confirmed = (await readStore<{ id: number; commandId: string }>(a.page, 'events')).filter((e) => e.id > headBefore).map((e) => e.commandId);
  const acked = (await readStore<{ commandId: string; ackSeq?: number }>(a.page, 'outbox')).filter((e) => e.ackSeq !== undefined).map((e) => e.commandId);
  const acknowledged = [...new Set([...confirmed, ...acked])];
  expect(acknowledged.length).toBeGreaterThan(0);
  await expect(statusOf(a.page)).toHaveText(/^(Offline|Connecting…) · \d+ waiting$/, { timeout: 30_000 });

  await server.boot();
  for (const device of [a, b]) await expect(statusOf(device.page)).toHaveText('Online', { timeout: 60_000 });
  await expect(a.page.locator('[data-provisional]')).toHaveCount(0, { timeout: 30_000 });
  await sameBoard(a, b);
  // Every move made in the burst is on both boards, and every acknowledged command is in the log the other screen got.
  const board = await boardOf(b.page);
  const last = new Map(moved.map((m) => [m.id, m.to]));
  const stageIds = await readStore<{ id: string; name: string }>(b.page, 'stages');
  const idOf = new Map(stageIds.map((s) => [s.name, s.id]));
  for (const [id, to] of last) expect(board.some((entry) => entry.startsWith(`${id}@${idOf.get(to)}`)), `${id} in ${to}`).toBe(true);
  const logged = new Set((await readStore<{ commandId: string }>(b.page, 'events')).map((e) => e.commandId));
  for (const commandId of acknowledged) expect(logged.has(commandId), `acknowledged command ${commandId} is in the log`).toBe(true);
  await expect(b.page.getByTestId('sync-bounce')).toHaveCount(0);
  await expect(a.page.getByTestId('sync-bounce')).toHaveCount(0);
  a.offlineExpected = b.offlineExpected = false;
});
