// Creating, editing, blocking, completing and retiring cards; invalid values are refused with a message.
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard } from './kanban-helpers.ts';

test('a new card with an empty part number or a quantity of 0 is refused; a valid one appears in its stage', async ({ page }) => {
  await openBoard(page);
  await page.getByTestId('new-card').click();
  const dialog = page.getByTestId('card-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('card-part').fill('');
  await dialog.getByTestId('card-quantity').fill('10');
  await dialog.getByTestId('card-save').click();
  await expect(dialog.getByTestId('card-problem')).toContainText('part number must not be empty');
  await dialog.getByTestId('card-part').fill('XR-7');
  await dialog.getByTestId('card-quantity').fill('0');
  await dialog.getByTestId('card-save').click();
  await expect(dialog.getByTestId('card-problem')).toContainText('more than 0');
  await expect(countOf(page, 'Receiving')).toHaveText('5 / 8');
  await dialog.getByTestId('card-quantity').fill('12');
  await dialog.getByTestId('card-family').fill('Prototypes');
  await dialog.getByTestId('card-save').click();
  await expect(dialog).toBeHidden();
  await expect(countOf(page, 'Receiving')).toHaveText('6 / 8');
  await expect(cardsIn(page, 'Receiving').filter({ hasText: 'XR-7' })).toContainText('× 12');
  await expect(page.getByTestId('lane').filter({ hasText: 'Prototypes' })).toHaveCount(1);
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'create');
});

test('editing sets quantity and note, and blocking shows the andon with its reason in the log', async ({ page }) => {
  await openBoard(page);
  const card = cardsIn(page, 'Welding').first();
  const id = await card.getAttribute('data-card-id');
  await card.getByTestId('edit-card').click();
  const dialog = page.getByTestId('card-dialog');
  await dialog.getByTestId('card-quantity').fill('15');
  await dialog.getByTestId('card-note').fill('<b>Rework</b> lot');
  await dialog.getByTestId('card-blocked-toggle').check();
  await dialog.getByTestId('card-save').click();
  await expect(dialog.getByTestId('card-problem')).toContainText('Say why');
  await dialog.getByTestId('card-blocked-reason').fill('Weld fixture broken');
  await dialog.getByTestId('card-save').click();
  await expect(dialog).toBeHidden();
  const edited = page.locator(`[data-card-id="${id}"]:not([data-dnd-placeholder])`);
  await expect(edited).toContainText('× 15');
  await expect(edited).toContainText('<b>Rework</b> lot');
  await expect(edited.getByTestId('card-blocked')).toContainText('Weld fixture broken');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'block');
  await expect(page.getByTestId('event').first()).toContainText('Weld fixture broken');
});

test('a card in the last stage is completed and leaves the board; a retired card leaves with its reason logged', async ({ page }) => {
  await openBoard(page);
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 8');
  await cardsIn(page, 'Shipping').first().getByTestId('complete').click();
  await expect(countOf(page, 'Shipping')).toHaveText('3 / 8');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'complete');

  await cardsIn(page, 'Receiving').first().getByTestId('edit-card').click();
  const dialog = page.getByTestId('card-dialog');
  await dialog.getByText('Retire card…').click();
  await dialog.getByTestId('retire-reason').fill('Loop resized');
  await dialog.getByTestId('retire-card').click();
  await expect(dialog).toBeHidden();
  await expect(countOf(page, 'Receiving')).toHaveText('4 / 8');
  await expect(page.getByTestId('event').first()).toContainText('Loop resized');
});
