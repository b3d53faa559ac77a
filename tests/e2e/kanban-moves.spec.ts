// Moving cards by mouse, keyboard and the pull button under the pull rule; refusals change nothing; moves survive a reload; undo.
import { test, expect, dragSettled } from './fixtures.ts';
import { cardsIn, countOf, mouseDrag, openBoard, patchStage, stage } from './kanban-helpers.ts';

test('a mouse drag moves a card to another stage and logs the move', async ({ page }) => {
  await openBoard(page);
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('4 / 6');
  const card = cardsIn(page, 'Machining').first();
  const id = await card.getAttribute('data-card-id');
  await mouseDrag(page, card, stage(page, 'Sub-assembly'));
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(stage(page, 'Sub-assembly').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  await expect(page.getByTestId('event').first()).toContainText('Machining → Sub-assembly');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'move');
});

test('a keyboard drag picks up with Space, moves with the arrows and drops with Space; Escape cancels', async ({ page }) => {
  await openBoard(page);
  const handle = cardsIn(page, 'Stamping').first().getByTestId('card-handle');
  await handle.focus();
  await expect(handle).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await dragSettled(page);
  await expect(countOf(page, 'Stamping')).toHaveText('4 / 6');
  await expect(countOf(page, 'Welding')).toHaveText('5 / 6');

  await cardsIn(page, 'Stamping').first().getByTestId('card-handle').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await dragSettled(page);
  await expect(countOf(page, 'Welding')).toHaveText('6 / 6');
  await expect(countOf(page, 'Stamping')).toHaveText('3 / 6');
  await expect(page.getByTestId('board-status')).toContainText('moved to Welding');
});

test('a move into a full hard stage is refused: the card snaps back, the screen says which stage is full and why', async ({ page }) => {
  await openBoard(page);
  await cardsIn(page, 'Final assembly').first().getByTestId('pull-next').click();
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(countOf(page, 'Final assembly')).toHaveText('4 / 6');
  const events = await page.getByTestId('event').count();

  await mouseDrag(page, cardsIn(page, 'Final assembly').first(), stage(page, 'Test & inspect'));
  await expect(page.getByTestId('board-error')).toContainText('Test & inspect is full: 4 / 4 cards (hard limit)');
  await expect(page.getByTestId('board-error')).toContainText('One test rig');
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(countOf(page, 'Final assembly')).toHaveText('4 / 6');
  await expect(cardsIn(page, 'Final assembly')).toHaveCount(4);
  await expect(page.getByTestId('event')).toHaveCount(events);

  await cardsIn(page, 'Final assembly').first().getByTestId('pull-next').click();
  await expect(page.getByTestId('board-error')).toContainText('Test & inspect is full');
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
});

test('a soft stage at its limit asks for a reason, shows the excess in red and logs the reason', async ({ page }) => {
  await openBoard(page);
  await patchStage(page, 'stage-8', { cardLimit: 4 });
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 4');
  await cardsIn(page, 'Test & inspect').first().getByTestId('pull-next').click();
  const dialog = page.getByTestId('reason-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Shipping is full: 4 / 4 cards');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 4');

  await cardsIn(page, 'Test & inspect').first().getByTestId('pull-next').click();
  await dialog.getByTestId('reason-input').fill('Truck leaves early today');
  await dialog.getByTestId('reason-confirm').click();
  await expect(countOf(page, 'Shipping')).toHaveText('5 / 4');
  await expect(countOf(page, 'Shipping')).toHaveCSS('background-color', 'rgb(179, 38, 30)');
  await expect(page.getByTestId('event').first()).toContainText('Truck leaves early today');
  await expect(page.getByTestId('event').first()).toContainText('over limit');
});

test('moves survive a reload, and undo puts the last moved card back with a compensating event', async ({ page }) => {
  await openBoard(page);
  const card = cardsIn(page, 'Welding').first();
  const id = await card.getAttribute('data-card-id');
  await card.getByTestId('pull-next').click();
  await expect(countOf(page, 'Machining')).toHaveText('4 / 5');
  await page.reload();
  await expect(countOf(page, 'Machining')).toHaveText('4 / 5');
  await expect(stage(page, 'Machining').locator(`[data-card-id="${id}"]`)).toHaveCount(1);

  await page.getByTestId('undo-move').click();
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  await expect(stage(page, 'Welding').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'undo');
  await expect(page.getByTestId('event').first()).toContainText('Machining → Welding');
  await expect(page.getByTestId('event').nth(1)).toHaveAttribute('data-type', 'move');
});
