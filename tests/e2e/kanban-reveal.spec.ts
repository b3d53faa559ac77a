// Long lanes: a lane with far more cards than fit on the screen scrolls in its own box and draws only the cards near the
// screen, and a card dropped or pulled into such a stage (it lands last in its lane: oldest first) is brought into view
// where it landed, never hidden.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, dragSettled } from './fixtures.ts';
import { CARD, cardsIn, countOf, fillStage, mouseDrag, openBoard, stage } from './kanban-helpers.ts';

test('a card dropped by mouse at the end of a long lane is scrolled into view there', async ({ page }) => {
  await openBoard(page);
  await fillStage(page, 'stage-5', 150);
  await expect(countOf(page, 'Sub-assembly')).toHaveText('154 / 200');
  // Only the top of the long lane is drawn.
  expect(await cardsIn(page, 'Sub-assembly').count()).toBeLessThan(60);

  const card = cardsIn(page, 'Machining').first();
  const id = await card.getAttribute('data-card-id');
  await mouseDrag(page, card, stage(page, 'Sub-assembly'));
  await expect(countOf(page, 'Sub-assembly')).toHaveText('155 / 200');
  const landed = stage(page, 'Sub-assembly').locator(`${CARD}[data-card-id="${id}"]`);
  await expect(landed).toBeInViewport();
  // It is the newest card of its lane: the last one.
  const lane = stage(page, 'Sub-assembly').getByTestId('stage-lane').first();
  await expect(lane.locator('[role="listitem"]').last()).toHaveAttribute('aria-posinset', '154');
  await expect(lane.locator(`[data-slot="${id}"]`)).toHaveAttribute('aria-posinset', '154');
});

test('a card moved by keyboard or by its pull button into a long lane is shown there, and keyboard focus follows it', async ({ page }) => {
  await openBoard(page);
  await fillStage(page, 'stage-3', 150);
  await expect(countOf(page, 'Welding')).toHaveText('155 / 200');

  const handle = cardsIn(page, 'Stamping').first().getByTestId('card-handle');
  const id = await cardsIn(page, 'Stamping').first().getAttribute('data-card-id');
  await handle.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await dragSettled(page);
  await expect(countOf(page, 'Welding')).toHaveText('156 / 200');
  const landed = stage(page, 'Welding').locator(`${CARD}[data-card-id="${id}"]`);
  await expect(landed).toBeInViewport();
  await expect(landed.getByTestId('card-handle')).toBeFocused();

  await page.evaluate(() => scrollTo(0, 0));
  const pulled = cardsIn(page, 'Stamping').first();
  const pulledId = await pulled.getAttribute('data-card-id');
  await pulled.getByTestId('pull-next').click();
  await expect(countOf(page, 'Welding')).toHaveText('157 / 200');
  await expect(stage(page, 'Welding').locator(`${CARD}[data-card-id="${pulledId}"]`)).toBeInViewport();
});

test('a long lane scrolls in its own box and draws the cards that come into view; a card tabbed to is drawn', async ({ page }) => {
  await openBoard(page);
  await fillStage(page, 'stage-5', 150);
  const lane = stage(page, 'Sub-assembly').getByTestId('stage-lane').first();
  await expect(lane.getByRole('list')).toHaveAttribute('aria-label', 'Sub-assembly, Columns: 153 cards, oldest first');
  // The next swimlane stays within reach: the long lane scrolls in a box about a screen tall.
  const shafts = await page.getByTestId('lane').filter({ hasText: 'Shafts' }).boundingBox();
  expect(shafts!.y).toBeLessThan(2 * 900);
  await expect(lane.locator('[aria-posinset="153"]')).toHaveCount(0);
  await lane.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(lane.locator('[aria-posinset="153"]')).toBeInViewport();
  await expect(lane.locator('[aria-posinset="1"]')).toHaveCount(0);

  // Tab walks the lane in order, drawing the next card before it is reached.
  await lane.evaluate((element) => element.scrollTo(0, 0));
  await lane.locator('[aria-posinset="1"]').getByTestId('card-handle').focus();
  for (let i = 0; i < 3 * 10; i++) await page.keyboard.press('Tab');
  // Three stops per card: handle, pull button, edit button.
  await expect(lane.locator('[aria-posinset="11"]').getByTestId('card-handle')).toBeFocused();
  await expect(lane.locator('[aria-posinset="11"]')).toBeInViewport();
});

test('a board with long lanes has no serious or critical axe violations', async ({ page }) => {
  await openBoard(page);
  await fillStage(page, 'stage-5', 150);
  await expect(cardsIn(page, 'Sub-assembly').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} × ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
});

test('switching swimlanes on a board with long lanes regroups the drawn cards', async ({ page }) => {
  await openBoard(page);
  await fillStage(page, 'stage-5', 150);
  const lanes = stage(page, 'Sub-assembly').getByTestId('stage-lane');
  await expect(lanes).toHaveCount(2);
  await page.getByTestId('lane-mode').selectOption('none');
  await expect(lanes).toHaveCount(1);
  await expect(lanes.getByRole('list')).toHaveAttribute('aria-label', 'Sub-assembly: 154 cards, oldest first');
  await expect(cardsIn(page, 'Sub-assembly').first()).toBeVisible();
  expect(await cardsIn(page, 'Sub-assembly').count()).toBeLessThan(30);
  // By part number: every filler card is a part of its own, so a lane of its own, next to the demo's parts.
  await page.getByTestId('lane-mode').selectOption('part');
  await expect(page.getByTestId('lane').filter({ hasText: 'FL-000' })).toHaveCount(1);
  await expect(page.getByTestId('lane').filter({ hasText: 'SC-100' })).toHaveCount(1);
  await expect(lanes).toHaveCount(await page.getByTestId('lane').count());
});
