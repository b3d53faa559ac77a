// Accessibility of the board: no serious or critical axe violations, and keyboard drags are announced to screen readers.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, dragSettled } from './fixtures.ts';
import { cardsIn, openBoard } from './kanban-helpers.ts';

test('the board has no serious or critical axe violations', async ({ page }) => {
  await openBoard(page);
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} × ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
});

test('the card dialog has no serious or critical axe violations', async ({ page }) => {
  await openBoard(page);
  await cardsIn(page, 'Welding').first().getByTestId('edit-card').click();
  await expect(page.getByTestId('card-dialog')).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[data-testid="card-dialog"]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('a keyboard drag is announced with the card and the stage names', async ({ page }) => {
  await openBoard(page);
  const handle = cardsIn(page, 'Machining').first().getByTestId('card-handle');
  await expect(handle).toHaveAttribute('aria-roledescription', /draggable/);
  await handle.focus();
  await page.keyboard.press('Enter');
  const live = page.getByTestId('drag-announcer');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toContainText('Picked up card');
  await expect(live).toContainText('in Machining');
  await page.keyboard.press('ArrowRight');
  await expect(live).toContainText('is over Sub-assembly');
  await page.keyboard.press('Enter');
  await dragSettled(page);
  await expect(live).toContainText('dropped on Sub-assembly');
  await expect(page.getByTestId('board-status')).toContainText('moved to Sub-assembly');
});
