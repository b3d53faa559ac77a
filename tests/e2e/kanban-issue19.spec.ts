// Issue 19, the board: undo restores a card's time and place, badges follow the card, blocked pulls ask, refusals are logged, loop cards keep their family.
import type { Page } from '@playwright/test';
import { test, expect, dragSettled } from './fixtures.ts';
import { CARD, cardsIn, countOf, openBoard, stage } from './kanban-helpers.ts';

async function noLanes(page: Page) {
  await openBoard(page);
  await page.getByTestId('lane-mode').selectOption('none');
}

test('undo restores what the move changed: the card is back first in the queue with its time in stage, and the message names it', async ({ page }) => {
  await noLanes(page);
  const oldest = cardsIn(page, 'Stamping').first();
  const id = (await oldest.getAttribute('data-card-id'))!;
  const part = (await oldest.locator('.part').textContent())!.trim();
  const age = (await oldest.locator('.age').textContent())!.replace(/\s+/g, ' ').trim();
  expect(age).not.toContain('< 1 min');
  await oldest.getByTestId('pull-next').click();
  await expect(stage(page, 'Welding').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  await page.getByTestId('undo-move').click();
  await expect(page.getByTestId('board-status')).toContainText(`Undone: Card ${part} moved to Stamping.`);
  await expect(cardsIn(page, 'Stamping').first()).toHaveAttribute('data-card-id', id);
  await expect(cardsIn(page, 'Stamping').first().locator('.age')).toHaveText(age);
});

test('a moved card\'s age badge follows its current stage and age (not the red badge it had where it was)', async ({ page }) => {
  await noLanes(page);
  // The card longest in its stage, by its badge: move it on and it has just entered the next stage.
  const stuck = page.locator(`${CARD}[data-age-band="above-p95"], ${CARD}[data-age-band="p85-p95"]`).first();
  await expect(stuck).toBeVisible();
  const id = (await stuck.getAttribute('data-card-id'))!;
  const next = (await stuck.getByTestId('pull-next').textContent())!.replace(/^Pull to (.*) →$/, '$1').trim();
  await stuck.getByTestId('pull-next').click();
  const moved = stage(page, next).locator(`${CARD}[data-card-id="${id}"]`);
  await expect(moved).toHaveAttribute('data-age-band', 'below-p50');
  await expect(moved.locator('.age')).toContainText('< 1 min');
});

test('blocked (andon) cards pulled forward ask first, and the move is logged with the reason', async ({ page }) => {
  await noLanes(page);
  const blocked = stage(page, 'Machining').locator(`${CARD}:has([data-testid="card-blocked"])`);
  const id = (await blocked.getAttribute('data-card-id'))!;
  await blocked.getByTestId('pull-next').click();
  const dialog = page.getByTestId('reason-dialog');
  await expect(dialog).toContainText('Pull a blocked card?');
  await expect(dialog).toContainText('is blocked (Spindle vibration: waiting for maintenance)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(stage(page, 'Machining').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  await stage(page, 'Machining').locator(`[data-card-id="${id}"]`).getByTestId('pull-next').click();
  await dialog.getByTestId('reason-input').fill('Spindle checked: runs true');
  await dialog.getByRole('button', { name: 'Pull it anyway' }).click();
  await expect(stage(page, 'Sub-assembly').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'move');
  await expect(page.getByTestId('event').first()).toContainText('Spindle checked: runs true');
});

test('refused moves (full hard stage) are logged as events, and dragging over a full hard stage shows it refuses', async ({ page }) => {
  await noLanes(page);
  // Test & inspect: hard limit 4, 3 cards. One pull fills it.
  await cardsIn(page, 'Final assembly').first().getByTestId('pull-next').click();
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'move');

  // Dragging the next card over the full stage: it shows a refusal, not a valid-target highlight.
  const card = cardsIn(page, 'Final assembly').first();
  const id = (await card.getAttribute('data-card-id'))!;
  const from = (await card.getByTestId('card-handle').boundingBox())!;
  const to = (await stage(page, 'Test & inspect').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 20 });
  await expect(stage(page, 'Test & inspect')).toHaveAttribute('data-drop', 'refuses');
  await expect(stage(page, 'Test & inspect').getByTestId('drop-refusal')).toHaveText('Full (hard limit): refuses this card');
  await expect(page.getByTestId('drag-announcer')).toContainText('full, it refuses the card');
  await page.mouse.up();
  await dragSettled(page);

  await expect(page.getByTestId('board-error')).toContainText('Test & inspect is full');
  await expect(stage(page, 'Final assembly').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  const refused = page.getByTestId('event').first();
  await expect(refused).toHaveAttribute('data-type', 'move-refused');
  await expect(refused).toContainText('Final assembly → Test & inspect');
  await expect(refused).toContainText('hard limit');
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
});

test('a new card made from the IS-310 loop gets the loop\'s part family (no new "General" swimlane)', async ({ page }) => {
  await openBoard(page);
  const lanes = await page.getByTestId('lane').allTextContents();
  expect(lanes).not.toContain('General');
  await page.getByTestId('new-card').click();
  await page.getByTestId('card-loop').selectOption({ label: 'IS-310 production loop' });
  await expect(page.getByTestId('card-family')).toHaveValue('Shafts');
  await page.getByTestId('card-family').fill('');
  await page.getByTestId('card-save').click();
  await expect(page.getByTestId('board-status')).toContainText('Card IS-310 added to Receiving.');
  await expect(page.getByTestId('lane')).toHaveText(lanes);
});
