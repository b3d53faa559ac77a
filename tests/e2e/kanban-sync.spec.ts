// Two screens on one board (two pages of one browser context): the second follows the first live, and racing pulls never overfill a hard stage.
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard } from './kanban-helpers.ts';

test('a second page follows moves made on the first without a reload', async ({ page, context }) => {
  await openBoard(page);
  const second = await context.newPage();
  await openBoard(second);
  const card = cardsIn(page, 'Welding').first();
  const id = await card.getAttribute('data-card-id');
  await card.getByTestId('pull-next').click();
  await expect(countOf(page, 'Machining')).toHaveText('4 / 5');
  await expect(countOf(second, 'Machining')).toHaveText('4 / 5');
  await expect(countOf(second, 'Welding')).toHaveText('4 / 6');
  await expect(second.locator(`[data-stage="Machining"] [data-card-id="${id}"]:not([data-dnd-placeholder])`)).toHaveCount(1);
  await expect(second.getByTestId('event').first()).toContainText('Welding → Machining');
  await second.close();
});

test('pulls racing from two pages into one hard stage never take it over its limit', async ({ page, context }) => {
  await openBoard(page);
  const second = await context.newPage();
  await openBoard(second);
  // Test & inspect holds 3 of 4: one place left, four cards of Final assembly asked for at once from two screens.
  await expect(countOf(page, 'Test & inspect')).toHaveText('3 / 4');
  // Moves only: the refused pulls are in the log too, as refusals.
  const pulls = page.locator('[data-testid="event"][data-type="move"]').filter({ hasText: 'Final assembly → Test & inspect' });
  const pullsBefore = await pulls.count();
  const firstButtons = cardsIn(page, 'Final assembly').getByTestId('pull-next');
  const secondButtons = cardsIn(second, 'Final assembly').getByTestId('pull-next');
  await Promise.all([
    firstButtons.nth(0).click(),
    secondButtons.nth(3).click(),
    firstButtons.nth(1).click(),
    secondButtons.nth(2).click(),
  ].map((p) => p.catch(() => undefined)));
  for (const p of [page, second]) {
    await expect(countOf(p, 'Test & inspect')).toHaveText('4 / 4');
    await expect(cardsIn(p, 'Test & inspect')).toHaveCount(4);
    await expect(countOf(p, 'Final assembly')).toHaveText('4 / 6');
  }
  await expect(pulls).toHaveCount(pullsBefore + 1);
  await expect(page.locator('[data-testid="event"][data-type="move-refused"]').first()).toContainText('Final assembly → Test & inspect');
  // The refused pulls say why on the screen that asked.
  const errors = `${await page.getByTestId('board-error').textContent()} ${await second.getByTestId('board-error').textContent()}`;
  expect(errors).toContain('Test & inspect is full');
  await second.close();
});
