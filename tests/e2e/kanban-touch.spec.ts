// Touch drags through CDP touch events: press and hold moves a card; a quick swipe (a scroll) never does.
import { test, expect, dragSettled } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { cardsIn, countOf, openBoard, stage } from './kanban-helpers.ts';

test.use({ hasTouch: true });

async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, holdMs: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
  await page.waitForTimeout(holdMs);
  const steps = 20;
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Where to touch; no scrolling here, since scrolling a tall column into view would move the card under the finger. */
async function centre(locator: import('@playwright/test').Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 60) };
}

test('press and hold, then drag, moves a card by touch', async ({ page }) => {
  await openBoard(page);
  const card = cardsIn(page, 'Machining').first();
  const id = await card.getAttribute('data-card-id');
  await touchDrag(page, await centre(card.getByTestId('card-handle')), await centre(stage(page, 'Sub-assembly')), 400);
  await dragSettled(page);
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(stage(page, 'Sub-assembly').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
});

test('a quick swipe without holding does not move a card', async ({ page }) => {
  await openBoard(page);
  const card = cardsIn(page, 'Machining').first();
  await touchDrag(page, await centre(card.getByTestId('card-handle')), await centre(stage(page, 'Sub-assembly')), 0);
  await dragSettled(page);
  await page.waitForTimeout(300);
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('4 / 6');
});

test.describe('on a tablet (768 × 1024), a swipe that starts on a card scrolls', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('sideways: the board scrolls to the later stages, and no card moves', async ({ page }) => {
    await openBoard(page);
    const scroller = page.getByRole('region', { name: 'Kanban board' });
    const scrollLeft = () => scroller.evaluate((el) => el.scrollLeft);
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await scrollLeft()).toBe(0);
    const from = await centre(cardsIn(page, 'Welding').first().getByTestId('card-handle'));
    await touchDrag(page, from, { x: from.x - 300, y: from.y }, 0);
    await expect.poll(scrollLeft).toBeGreaterThan(100);
    await dragSettled(page);
    await expect(countOf(page, 'Welding')).toHaveText('5 / 6');
    await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  });

  test('up and down: the page scrolls, and no card moves', async ({ page }) => {
    await openBoard(page);
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    const from = await centre(cardsIn(page, 'Stamping').first().getByTestId('card-handle'));
    await touchDrag(page, from, { x: from.x, y: from.y - 250 }, 0);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(100);
    await dragSettled(page);
    await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  });
});
