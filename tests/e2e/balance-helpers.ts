// Helpers shared by the line-balancing e2e specs: open the view, find cards and columns, drag by mouse.
import type { Locator, Page } from '@playwright/test';
import { expect, dragSettled } from './fixtures.ts';

export async function openBalance(page: Page) {
  await page.goto('/#/balance');
  await expect(page.getByRole('heading', { name: 'Final assembly cell' })).toBeVisible();
  await expect(page.getByTestId('element-card')).toHaveCount(11);
  await expect(page.getByTestId('metric-stations')).toBeVisible();
}

/** A work element card by its name, never dnd-kit's inert placeholder copy. */
export const card = (page: Page, name: string): Locator =>
  page.locator('[data-testid="element-card"]:not([data-dnd-placeholder])').filter({ has: page.locator('.name').getByText(name, { exact: true }) });

export const column = (page: Page, name: string): Locator =>
  page.locator('[data-testid="station-column"],[data-testid="unassigned-column"]').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** Mouse drag with intermediate moves (a single-step move does not start a dnd-kit drag). */
export async function dragTo(page: Page, source: Locator, target: Locator, where: 'bottom' | 'center' = 'bottom') {
  // With the board at the top of the viewport, source and target are on screen and away from the bottom edge,
  // where dnd-kit's auto-scroller would scroll the page under the pointer.
  await page.getByTestId('balance-board').evaluate((board) => board.scrollIntoView({ block: 'start' }));
  const from = (await source.locator('.grip').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + 20, { steps: 5 });
  const to = (await target.boundingBox())!;
  const y = where === 'bottom' ? to.y + to.height - 12 : to.y + to.height / 2;
  await page.mouse.move(to.x + to.width / 2, y, { steps: 20 });
  await page.mouse.up();
  await dragSettled(page);
}
