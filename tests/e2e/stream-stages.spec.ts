// Value-stream editor, stages: add, rename, reorder by keyboard and remove; a stage holding cards is kept with a message.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

const demo = JSON.parse(readFileSync(new URL('../../static/demo-line.json', import.meta.url), 'utf8')) as {
  tables: { cards: { stageId: string; retired: boolean }[] };
};
const cardsOnReceiving = demo.tables.cards.filter((c) => c.stageId === 'stage-1' && !c.retired).length;

const boardStages = (page: import('@playwright/test').Page) => page.locator('[data-testid="stage"]:not([data-dnd-placeholder])');
const editorStages = (page: import('@playwright/test').Page) => page.getByTestId('stream-stage');

test('a stage can be added, renamed, moved left and right by keyboard, and removed; the board follows', async ({ page }) => {
  await page.goto('/#/stream');
  const add = page.getByRole('form', { name: 'Add a stage' });
  await add.getByLabel('New stage name').fill('Packing');
  await add.getByLabel('Card limit').fill('3');
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stage "Packing" added' })).toBeVisible();
  await expect(editorStages(page)).toHaveCount(9);
  await expect(editorStages(page).last()).toHaveAttribute('data-stage', 'Packing');

  const packing = page.locator('[data-testid="stream-stage"][data-stage="Packing"]');
  await packing.getByLabel('Name of stage Packing').fill('Pack-out');
  await packing.getByRole('button', { name: 'Rename Packing' }).click();
  const packOut = page.locator('[data-testid="stream-stage"][data-stage="Pack-out"]');
  await expect(packOut).toBeVisible();

  // Keyboard only: focus "Move left", press Enter twice; focus stays on the button as the row moves.
  await packOut.getByRole('button', { name: 'Move Pack-out left' }).focus();
  await page.keyboard.press('Enter');
  await expect(editorStages(page).nth(7)).toHaveAttribute('data-stage', 'Pack-out');
  await expect(packOut.getByRole('button', { name: 'Move Pack-out left' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editorStages(page).nth(6)).toHaveAttribute('data-stage', 'Pack-out');
  await packOut.getByRole('button', { name: 'Move Pack-out right' }).press('Enter');
  await expect(editorStages(page).nth(7)).toHaveAttribute('data-stage', 'Pack-out');
  await expect(packOut.getByRole('button', { name: 'Move Pack-out right' })).toBeFocused();
  await expect(editorStages(page).last()).toHaveAttribute('data-stage', 'Shipping');

  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(boardStages(page)).toHaveCount(9);
  await expect(boardStages(page).nth(7)).toHaveAttribute('data-stage', 'Pack-out');
  await expect(page.locator('[data-testid="stage"][data-stage="Pack-out"]').getByTestId('stage-count').first()).toHaveText(/^\s*0 \/ 3\s*$/);

  await page.getByRole('link', { name: 'Value stream' }).click();
  await packOut.getByRole('button', { name: 'Remove Pack-out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stage "Pack-out" removed' })).toBeVisible();
  await expect(editorStages(page)).toHaveCount(8);
  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(boardStages(page)).toHaveCount(8);
});

test('removing a stage that holds cards is refused with a message naming how many', async ({ page }) => {
  expect(cardsOnReceiving).toBeGreaterThan(0);
  await page.goto('/#/stream');
  await page.getByRole('button', { name: 'Remove Receiving' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `"Receiving" still holds ${cardsOnReceiving} card${cardsOnReceiving === 1 ? '' : 's'}; move them to another stage before removing the stage.`,
  );
  await expect(editorStages(page)).toHaveCount(8);
  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(boardStages(page).first()).toHaveAttribute('data-stage', 'Receiving');
});

test('empty and duplicate stage names and a negative limit are refused with a message and nothing changes', async ({ page }) => {
  await page.goto('/#/stream');
  const add = page.getByRole('form', { name: 'Add a stage' });
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect(page.getByRole('alert')).toHaveText('The stage name cannot be empty.');
  await add.getByLabel('New stage name').fill('Rework');
  await add.getByLabel('Card limit').fill('-2');
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect(page.getByRole('alert')).toHaveText('A card limit must be a whole number of cards, 0 or more; got -2.');
  await expect(editorStages(page)).toHaveCount(8);

  const welding = page.locator('[data-testid="stream-stage"][data-stage="Welding"]');
  await welding.getByLabel('Name of stage Welding').fill('Stamping');
  await welding.getByRole('button', { name: 'Rename Welding' }).click();
  await expect(welding.getByRole('alert')).toHaveText('This value stream already has a stage called "Stamping".');
  await expect(welding.getByRole('heading', { name: 'Welding' })).toBeVisible();
});

test("a stage's policy switches between hard and soft", async ({ page }) => {
  await page.goto('/#/stream');
  const stamping = page.locator('[data-testid="stream-stage"][data-stage="Stamping"]');
  await stamping.getByLabel('Policy of Stamping').selectOption('soft');
  await expect(stamping.getByRole('status')).toContainText('now has a soft limit');
  await page.reload();
  await expect(stamping.getByLabel('Policy of Stamping')).toHaveValue('soft');
});
