// The simulation workbench: a kaizen team compares today's card limits with what-if limits without touching the floor.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

test('cutting every stage to one card shows a lower fill rate and less WIP than today', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('sim-stage')).toHaveCount(8);
  await expect(page.getByTestId('sim-basis')).toContainText('one customer withdrawal every');
  for (const input of await page.getByLabel(/^What-if card limit of/).all()) await input.fill('1');
  await page.getByRole('button', { name: 'Run both' }).click();
  const table = page.getByTestId('sim-comparison');
  await expect(table).toBeVisible({ timeout: 30_000 });
  const number = async (cell: 'sim-now' | 'sim-whatif', row: number) => parseFloat((await table.getByTestId(cell).nth(row).textContent()) ?? '');
  const [fillNow, fillWhatIf] = [await number('sim-now', 0), await number('sim-whatif', 0)];
  expect(fillNow).toBeGreaterThan(fillWhatIf);
  const [wipNow, wipWhatIf] = [await number('sim-now', 5), await number('sim-whatif', 5)];
  expect(wipWhatIf).toBeLessThan(wipNow);

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('a long simulation can be cancelled and the page answers while it runs', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('sim-stage')).toHaveCount(8);
  await page.getByLabel('Hours').fill('10000');
  await page.getByRole('button', { name: 'Run both' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Simulating' })).toBeVisible();
  // The main thread stays free: typing is handled at once while both workers run.
  const started = Date.now();
  await page.getByLabel('Seed').fill('42');
  await expect(page.getByLabel('Seed')).toHaveValue('42');
  expect(Date.now() - started).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Simulation cancelled.')).toBeVisible();
  await expect(page.getByTestId('sim-comparison')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run both' })).toBeEnabled();
});

test('a withdrawal interval of 0 is refused before anything runs', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('sim-stage')).toHaveCount(8);
  await page.getByLabel('Customer withdrawal every').fill('0');
  await page.getByRole('button', { name: 'Run both' }).click();
  // The browser's own check refuses 0 (min 1) before anything runs.
  await expect(page.getByTestId('sim-comparison')).toHaveCount(0);
  expect(await page.getByLabel('Customer withdrawal every').evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false);
});
