// Value-stream editor, card limits: the engine proposes limits from a loop's inputs; applying them is one logged change the board shows.
import { test, expect } from './fixtures.ts';
import { kanbanCount } from '../../src/engine/kanban.ts';
import { days, pieces, piecesPerDay } from '../../src/engine/units.ts';

// The demo's SC-100 loop: L = 0.05 + 0.15 + 0.02 days, α = 0.1, 20 pieces per container; it sizes "Final assembly".
const sc100 = (demand: number) =>
  kanbanCount({ demandPerDay: piecesPerDay(demand), leadTimeDays: days(0.22), safetyFactor: 0.1, containerQuantity: pieces(20) });

const countOf = (page: import('@playwright/test').Page, stage: string) =>
  page.locator(`[data-testid="stage"][data-stage="${stage}"]`).getByTestId('stage-count').first();

test('editing a loop demand changes the engine proposal, and applying it sets the limit the board shows', async ({ page }) => {
  await page.goto('/#/stream');
  const loop = page.getByRole('form', { name: 'Kanban loop SC-100 production loop' });
  const proposal = page.locator('[data-testid="proposal"][data-stage="Final assembly"]');
  const planned = sc100(460);
  const edited = sc100(200);
  if (!planned.ok || !edited.ok) throw new Error('the demo loop should size');
  await expect(proposal.getByTestId('proposed-limit')).toHaveText(String(planned.value.cards));

  // The loop's demand is its part's: editing it here edits SC-100's demand.
  await loop.getByLabel('Demand of part SC-100 (pieces/day)').fill('200');
  // The engine's count for the values in the form, with its basis, before anything is saved.
  await expect(loop.getByTestId('loop-count')).toContainText(`N = ${edited.value.cards} cards`);
  await expect(loop.getByTestId('loop-count')).toContainText(edited.value.basis.explanation);
  await loop.getByRole('button', { name: 'Save loop' }).click();
  await expect(loop.getByRole('status')).toContainText('saved');
  await expect(proposal.getByTestId('proposed-limit')).toHaveText(String(edited.value.cards));
  await expect(proposal).toContainText(edited.value.basis.explanation);

  await page.getByRole('button', { name: /^Apply proposed limits/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'one logged change' })).toContainText('1 stage limit changed');
  await expect(proposal.getByTestId('current-limit')).toHaveText(String(edited.value.cards));

  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(page, 'Final assembly')).toHaveText(new RegExp(`^\\s*\\d+ / ${edited.value.cards}\\s*$`));
});

test('setting a loop\'s demand changes takt', async ({ page }) => {
  // The demo: 55,200 s a day over 460 + 300 + 160 = 920 pieces is a takt of 60 s.
  await page.goto('/#/stream');
  const takt = page.getByTestId('takt-value');
  await expect(takt).toHaveText('60.0 s');
  const loop = page.getByRole('form', { name: 'Kanban loop SC-100 production loop' });
  const demand = loop.getByLabel('Demand of part SC-100 (pieces/day)');
  await expect(demand).toHaveValue('460');
  await demand.fill('600');
  await loop.getByRole('button', { name: 'Save loop' }).click();
  await expect(loop.getByRole('status')).toContainText('saved');
  // One demand per part: 600 + 300 + 160 = 1,060 pieces a day, 55,200 ÷ 1,060 = 52.1 s; the part's own form shows it too.
  await expect(takt).toHaveText('52.1 s');
  await expect(page.getByRole('form', { name: 'Part SC-100' }).getByLabel('Demand (pieces/day)')).toHaveValue('600');
  const sized = sc100(600);
  if (!sized.ok) throw new Error(sized.error);
  await expect(loop.getByTestId('loop-count')).toContainText(`N = ${sized.value.cards} cards`);

  // Covering half of the part's demand sizes the loop for 300 pieces a day and leaves takt alone.
  await loop.getByLabel('Share of it this loop covers (%)').fill('50');
  const half = sc100(300);
  if (!half.ok) throw new Error(half.error);
  await expect(loop.getByTestId('loop-count')).toContainText(`N = ${half.value.cards} cards`);
  await loop.getByRole('button', { name: 'Save loop' }).click();
  await expect(loop.getByRole('status')).toContainText('saved');
  await expect(takt).toHaveText('52.1 s');

  await page.reload();
  await expect(takt).toHaveText('52.1 s');
  await expect(demand).toHaveValue('600');
  await expect(loop.getByLabel('Share of it this loop covers (%)')).toHaveValue('50');
  await expect(page.locator('[data-testid="proposal"][data-stage="Final assembly"]').getByTestId('proposed-limit')).toHaveText(String(half.value.cards));
});

test('a loop share outside 0–100 % is refused with a message and nothing changes', async ({ page }) => {
  await page.goto('/#/stream');
  const loop = page.getByRole('form', { name: 'Kanban loop SC-100 production loop' });
  await loop.getByLabel('Share of it this loop covers (%)').fill('150');
  await loop.getByRole('button', { name: 'Save loop' }).click();
  await expect(loop.getByRole('alert')).toContainText("The share of part SC-100's demand this loop covers must be above 0 % and at most 100 %; got 150 %.");
  await page.reload();
  await expect(loop.getByLabel('Share of it this loop covers (%)')).toHaveValue('100');
});

test('an invalid loop value is refused with a message and the stored loop and proposal stay', async ({ page }) => {
  await page.goto('/#/stream');
  const loop = page.getByRole('form', { name: 'Kanban loop SC-100 production loop' });
  const proposal = page.locator('[data-testid="proposal"][data-stage="Final assembly"]');
  const before = await proposal.getByTestId('proposed-limit').textContent();
  await loop.getByLabel('Container quantity (pieces)').fill('0');
  await expect(loop.getByTestId('loop-count')).toContainText('Container quantity must be more than 0');
  await loop.getByRole('button', { name: 'Save loop' }).click();
  await expect(loop.getByRole('alert')).toContainText('Container quantity must be more than 0 pieces; got 0.');
  await page.reload();
  await expect(loop.getByLabel('Container quantity (pieces)')).toHaveValue('20');
  await expect(proposal.getByTestId('proposed-limit')).toHaveText(before ?? '');
});

test('a manual limit needs a reason; with one, the limit is set and shown on the board', async ({ page }) => {
  await page.goto('/#/stream');
  const stage = page.locator('[data-testid="stream-stage"][data-stage="Stamping"]');
  await stage.getByLabel('Card limit of Stamping').fill('3');
  await stage.getByRole('button', { name: 'Set limit of Stamping by hand' }).click();
  await expect(stage.getByRole('alert')).toContainText('needs a reason');

  await stage.getByLabel('Card limit of Stamping').fill('-1');
  await stage.getByLabel('Reason for a manual limit of Stamping').fill('Press 2 under repair');
  await stage.getByRole('button', { name: 'Set limit of Stamping by hand' }).click();
  await expect(stage.getByRole('alert')).toContainText('whole number of cards, 0 or more; got -1');

  await stage.getByLabel('Card limit of Stamping').fill('3');
  await stage.getByRole('button', { name: 'Set limit of Stamping by hand' }).click();
  await expect(stage.getByRole('status')).toContainText('set to 3 by hand');
  await expect(stage).toContainText('Limit set by hand: Press 2 under repair');

  await page.getByRole('link', { name: 'Kanban board' }).click();
  await expect(countOf(page, 'Stamping')).toHaveText(/^\s*\d+ \/ 3\s*$/);
});

test('drift re-proposals compare like with like: each loop\'s measured trip beside its plan, with the cards it rests on; none out of the box', async ({ page }) => {
  await page.goto('/#/stream');
  const sc100 = page.locator('[data-testid="loop-lead-time"][data-loop="SC-100 production loop"]');
  await expect(sc100.getByTestId('planned-lead')).toHaveText('0.22 working days');
  await expect(sc100.getByTestId('measured-lead')).toHaveText(/^\s*0\.(1[7-9]|2\d) working days\s*$/);
  await expect(sc100.getByTestId('trips')).toHaveText(/^\d{2}$/);
  // The demo's loops run as planned: no "Final assembly 6 → 2" or "Machining 5 → 2".
  await expect(page.getByTestId('drift')).toHaveCount(0);
  await expect(page.getByTestId('no-drift')).toBeVisible();
  // With no tolerance at all, the re-proposal says what it compares: the loop's measured lead time against its plan.
  await page.getByLabel('Drift threshold (%)').fill('0');
  const drift = page.getByTestId('drift');
  await expect(drift).toContainText('Final assembly');
  await expect(drift).toContainText(/Drift beyond 0 %: measured lead time [\d.]+ vs planned 0\.22 days/);
});

test('a new loop for a part, tied to a stage, brings that stage an engine proposal', async ({ page }) => {
  await page.goto('/#/stream');
  const add = page.getByRole('form', { name: 'Add a kanban loop' });
  await add.getByLabel('Kind').selectOption('withdrawal');
  await add.getByLabel('Part').selectOption('IS-310');
  await expect(add.getByLabel('Loop name')).toHaveValue('IS-310 withdrawal loop');
  // A loop has no demand of its own: it covers a share (all, unless told) of its part's 160 pieces a day.
  await expect(add.getByLabel('Share of its demand this loop covers (%)')).toHaveValue('100');
  await expect(add).toContainText('Part demand 160 pieces/day');
  await add.getByRole('button', { name: 'Add loop' }).click();
  await expect(add.getByRole('status')).toContainText('Loop "IS-310 withdrawal loop" added');
  await expect(page.getByRole('form', { name: 'Kanban loop IS-310 withdrawal loop' })).toBeVisible();

  const machining = page.locator('[data-testid="stream-stage"][data-stage="Machining"]');
  await machining.getByLabel('Machining sized by loop').selectOption({ label: 'IS-310 withdrawal loop' });
  // 160 pieces/day × (0.25 + 0.5 + 0.125) days × 1.1 ÷ 40 = 3.85, so 4 cards.
  const expected = kanbanCount({ demandPerDay: piecesPerDay(160), leadTimeDays: days(0.875), safetyFactor: 0.1, containerQuantity: pieces(40) });
  if (!expected.ok) throw new Error(expected.error);
  const proposal = page.locator('[data-testid="proposal"][data-stage="Machining"]');
  await expect(proposal.getByTestId('proposed-limit')).toHaveText(String(expected.value.cards));
  await expect(proposal).toContainText(expected.value.basis.explanation);
});
