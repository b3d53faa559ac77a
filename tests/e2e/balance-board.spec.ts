// The balancing board: dragging work elements by mouse, keyboard and touch updates the yamazumi, metrics and checks.
import { test, expect, dragSettled } from './fixtures.ts';
import { card, column, dragTo, openBalance } from './balance-helpers.ts';

test('dragging a work element to another station updates the yamazumi and the metrics', async ({ page }) => {
  await openBalance(page);
  await expect(page.getByTestId('metric-stations')).toContainText('6');
  await expect(page.getByTestId('metric-min-stations')).toHaveText('5');
  await expect(page.getByTestId('metric-efficiency')).toHaveText('76.7 %');
  const station1 = page.locator('[data-testid="yamazumi"] g[data-station="station-1"] rect.segment');
  await expect(station1).toHaveCount(1);

  // "Insert shaft spacer" (6 s) from Operator 2 to Operator 1: 36 + 6 = 42 s, still 6 stations.
  await dragTo(page, card(page, 'Insert shaft spacer'), column(page, 'Operator 1'));
  await expect(column(page, 'Operator 1').getByTestId('element-card')).toHaveCount(2);
  await expect(column(page, 'Operator 1').getByTestId('station-load')).toHaveText('42 s');
  await expect(station1).toHaveCount(2);
  await expect(page.locator('[data-testid="yamazumi"] g[data-station="station-1"] text.total')).toHaveText('42 s');
  await expect(page.getByTestId('idle-row').first()).toContainText('18 s');

  // Emptying Operator 6 ("Final check and label", 24 s, to Unassigned) drops the stations used to 5.
  await dragTo(page, card(page, 'Final check and label'), column(page, 'Unassigned'));
  await expect(page.getByTestId('metric-stations')).toContainText(/^5/);
  await expect(page.getByTestId('balance-verdict')).toContainText('1 unassigned');
});

test('a precedence violation and a station over takt are shown on the cards and the chart', async ({ page }) => {
  await openBalance(page);
  // "Fit lock ring" (12 s) to Operator 5 (60 s): 72 s is over takt, and "Install ignition lock housing"
  // at Operator 4 now needs it from a later station.
  await dragTo(page, card(page, 'Fit lock ring'), column(page, 'Operator 5'));
  await expect(column(page, 'Operator 5').getByTestId('station-issue')).toContainText('12 s over the cycle of 60 s');
  await expect(page.locator('[data-testid="yamazumi"] g[data-station="station-5"]')).toHaveAttribute('data-over', 'true');
  await expect(page.locator('[data-testid="yamazumi"] g[data-station="station-5"] rect.segment').first()).toHaveAttribute('fill', '#ff6b6b');
  await expect(card(page, 'Install ignition lock housing').getByTestId('element-issues')).toContainText(
    'Needs "Fit lock ring" first, but it is done later, at Operator 5.',
  );
  await expect(page.getByTestId('balance-verdict')).toContainText('1 station(s) over takt');
});

test('order within a station is kept and a card can be moved by keyboard', async ({ page }) => {
  await openBalance(page);
  const names = () => column(page, 'Operator 2').locator('[data-testid="element-card"]:not([data-dnd-placeholder]) .name').allTextContents();
  expect(await names()).toEqual(['Press upper bearing', 'Fit lower bearing', 'Insert shaft spacer']);
  const grip = card(page, 'Fit lower bearing').locator('.grip');
  await grip.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await dragSettled(page);
  await expect(column(page, 'Operator 1').getByTestId('element-card')).toHaveCount(2);
  expect(await names()).toEqual(['Press upper bearing', 'Insert shaft spacer']);
  await expect(page.getByTestId('drag-announcement')).toHaveText('Fit lower bearing moved to Operator 1.');
});

test('a card can be dragged by touch (press and hold)', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await openBalance(page);
  // the board at the top of the viewport, so the press and the drop both land on screen (the toolbar may wrap)
  await page.getByTestId('balance-board').evaluate((board) => board.scrollIntoView({ block: 'start' }));
  const from = (await card(page, 'Insert shaft spacer').locator('.grip').boundingBox())!;
  const to = (await column(page, 'Operator 1').boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', from.x + 30, from.y + 12);
  await page.waitForTimeout(350);
  const steps = 20;
  for (let k = 1; k <= steps; k++) {
    await touch('touchMove', from.x + 30 + ((to.x + to.width / 2 - from.x - 30) * k) / steps, from.y + 12 + ((to.y + to.height - 12 - from.y - 12) * k) / steps);
  }
  await touch('touchEnd', 0, 0);
  await dragSettled(page);
  await expect(column(page, 'Operator 1').getByTestId('element-card')).toHaveCount(2);
  await context.close();
});
