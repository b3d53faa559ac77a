// A stage left over its limit (limit lowered below its count, or made hard while over) says so, why, and that it takes
// no card until it is under — in the stream editor and on the board — and the change is in the log.
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, stage } from './kanban-helpers.ts';

const row = (page: import('@playwright/test').Page, name: string) => page.locator(`[data-testid="stream-stage"][data-stage="${name}"]`);

test('lowering a hard limit below the count: editor and board say over since lowered, and the stage takes no card', async ({ page }) => {
  await page.goto('/#/stream');
  const machining = row(page, 'Machining');
  await machining.getByLabel('Card limit of Machining').fill('1');
  await machining.getByLabel('Reason for a manual limit of Machining').fill('one lathe down');
  await machining.getByRole('button', { name: 'Set limit of Machining by hand' }).click();
  await expect(machining.getByRole('status')).toContainText(
    '"Machining" is over its limit since the limit was lowered from 5 to 1 with 3 cards on it; takes no card until under 1.',
  );
  await expect(machining.getByTestId('stage-over-limit')).toHaveText('3 / 1 — over its limit since the limit was lowered from 5 to 1 with 3 cards on it; takes no card until under 1');

  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(page, 'Machining')).toHaveText('3 / 1');
  // The why comes from the log (the engine reads it a moment after the board is drawn).
  await expect(stage(page, 'Machining').getByTestId('over-limit')).toHaveText(
    '3 / 1 — over its limit since the limit was lowered from 5 to 1 with 3 cards on it; takes no card until under 1',
  );
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'limit-change');
  // It takes no card: a pull from Welding is refused and nothing moves.
  await cardsIn(page, 'Welding').first().getByTestId('pull-next').click();
  await expect(page.getByTestId('board-error')).toContainText('Machining is full');
  await expect(countOf(page, 'Machining')).toHaveText('3 / 1');
  // Stages within their limit say nothing of the kind.
  await expect(stage(page, 'Welding').getByTestId('over-limit')).toHaveCount(0);
});

test('switching a soft stage over its limit to hard: says it was made hard while over, with the count logged', async ({ page }) => {
  await page.goto('/#/stream');
  const receiving = row(page, 'Receiving');
  await receiving.getByLabel('Card limit of Receiving').fill('2');
  await receiving.getByLabel('Reason for a manual limit of Receiving').fill('dock space');
  await receiving.getByRole('button', { name: 'Set limit of Receiving by hand' }).click();
  // Soft: over, and a card comes in only with a reason.
  await expect(receiving.getByTestId('stage-over-limit')).toContainText('5 / 2 — over its limit since the limit was lowered from 8 to 2 with 5 cards on it; takes a card only with a reason until under 2');

  await receiving.getByLabel('Policy of Receiving').selectOption('hard');
  await expect(receiving.getByRole('status')).toContainText('"Receiving" is over its limit since it was made a hard stage with 5 cards on it; takes no card until under 2.');
  await expect(receiving.getByTestId('stage-over-limit')).toHaveText('5 / 2 — over its limit since it was made a hard stage with 5 cards on it; takes no card until under 2');

  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(page, 'Receiving')).toHaveText('5 / 2');
  await expect(stage(page, 'Receiving').getByTestId('over-limit')).toHaveText(
    '5 / 2 — over its limit since it was made a hard stage with 5 cards on it; takes no card until under 2',
  );
});
