// Join links from the coordinator's Settings: one per role, shown as a link and a QR code (under the strict CSP),
// listed and revocable; a revoked link joins nothing; a screen that leaves keeps a local board of its own again.
import { expect } from './fixtures.ts';
import { cardsIn, countOf } from './kanban-helpers.ts';
import { ADMIN_TOKEN, Device, statusOf, SyncServer, syncTest } from './sync-helpers.ts';

const test = syncTest();

test.describe.configure({ timeout: 180_000 });

test('a coordinator makes, lists and revokes join links; a tablet joins with one and leaves again', async ({ browser, server, devices }) => {
  const office = await Device.open(browser, 'office');
  const tablet = await Device.open(browser, 'tablet');
  devices.push(office, tablet);
  await office.join(`${server.url}/#/join/${ADMIN_TOKEN}`);
  await office.page.getByRole('link', { name: 'Settings' }).click();
  const panel = office.page.getByTestId('shared-board');
  await expect(panel.getByTestId('sync-role')).toHaveText('coordinator');

  await panel.getByTestId('invite-role').selectOption('operator');
  await panel.getByTestId('invite-label').fill('Tablet 3');
  await panel.getByTestId('invite-create').click();
  const made = panel.getByTestId('invite-made');
  await expect(made).toHaveCount(1);
  const link = (await made.getByTestId('invite-link').getAttribute('href'))!;
  expect(link).toMatch(new RegExp(`^${server.url}/#/join/[A-Za-z0-9_-]{20,}$`));
  const qr = made.getByTestId('invite-qr');
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  // The QR code is drawn (a loaded image with a size), not blocked by the CSP.
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(panel.getByTestId('invite').filter({ hasText: 'Tablet 3' })).toHaveCount(1);

  // The tablet joins with the link as an operator, its moves reach the office.
  await tablet.join(link);
  await tablet.page.getByRole('link', { name: 'Settings' }).click();
  await expect(tablet.page.getByTestId('sync-role')).toHaveText('operator');
  await expect(tablet.page.getByTestId('invite-create')).toHaveCount(0);
  await tablet.page.getByRole('link', { name: 'Kanban board' }).click();
  await cardsIn(tablet.page, 'Welding').first().getByTestId('pull-next').click();
  await office.page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(office.page, 'Machining')).toHaveText('4 / 5');

  // Revoked: the link joins nothing any more.
  await office.page.getByRole('link', { name: 'Settings' }).click();
  await panel.getByTestId('invite').filter({ hasText: 'Tablet 3' }).getByTestId('invite-revoke').click();
  await expect(panel.getByTestId('invite').filter({ hasText: 'Tablet 3' })).toHaveAttribute('data-revoked', 'true');
  const late = await Device.open(browser, 'late tablet');
  devices.push(late);
  late.offlineExpected = true; // the refused /api/me is logged by the browser as a failed resource
  await late.page.goto(link);
  await expect(late.page.getByTestId('join-error')).toContainText('not valid', { timeout: 30_000 });

  // The tablet leaves: its board is its own again, and its moves stay on it.
  await tablet.page.getByRole('link', { name: 'Settings' }).click();
  await tablet.page.getByTestId('leave-board').click();
  await expect(statusOf(tablet.page)).toHaveCount(0);
  await tablet.page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(tablet.page, 'Machining')).toHaveText('4 / 5');
  await cardsIn(tablet.page, 'Welding').first().getByTestId('pull-next').click();
  await expect(countOf(tablet.page, 'Machining')).toHaveText('5 / 5');
  await office.page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(office.page, 'Machining')).toHaveText('4 / 5');
  // After a reload it is still a local board.
  await tablet.page.reload();
  await expect(countOf(tablet.page, 'Machining')).toHaveText('5 / 5');
  await expect(statusOf(tablet.page)).toHaveCount(0);
});
