// The simulation workbench: a kaizen team compares today's card limits with what-if limits without touching the floor.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import { parseLineModel } from '../../src/cli/simulate-schema.ts';
import { checkLineModel } from '../../src/engine/simulate/line-model.ts';

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
  // A run that takes about a minute in each worker: a withdrawal every 2 s and 1 s stages over 10,000 hours (~18 million
  // containers). The demo's own pace (one withdrawal every 1,409 s) runs 10,000 hours in ~0.2 s: it could end before
  // Cancel is pressed.
  for (const input of await page.getByLabel(/^Processing time of /).all()) await input.fill('1');
  await page.getByLabel('Customer withdrawal every').fill('2');
  await page.getByLabel('Hours', { exact: true }).fill('10000');
  await page.getByRole('button', { name: 'Run both' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Simulating' })).toBeVisible();
  // The main thread stays free: typing is handled while both workers still run (a generous bound: the machine may be loaded).
  const started = Date.now();
  await page.getByLabel('Seed', { exact: true }).fill('42');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('42');
  expect(Date.now() - started).toBeLessThan(3000);
  await expect(page.getByRole('status').filter({ hasText: 'Simulating' })).toBeVisible();
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

test('the line model runs replications under CONWIP and shows 95 % intervals and hybrid-JIT safety stock per part', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('risk-stage')).toHaveCount(8);
  await expect(page.getByTestId('risk-basis')).toContainText('measured times');
  await page.getByLabel('Line control').selectOption('conwip');
  await page.getByLabel('CONWIP cards').fill('20');
  await page.getByLabel('Mean time between failures of Welding in hours').fill('20');
  await page.getByLabel('Mean time to repair of Welding in hours').fill('1');
  await page.getByLabel('Run hours').fill('200');
  await page.getByLabel('Replications').fill('3');
  await page.getByRole('button', { name: 'Run replications' }).click();
  const results = page.getByTestId('risk-results');
  await expect(results).toBeVisible({ timeout: 60_000 });
  await expect(results).toContainText('3 replications');
  await expect(results.getByRole('row', { name: /Throughput/ })).toContainText('–');
  const safety = page.getByTestId('risk-safety');
  await expect(safety.getByRole('row')).toHaveCount(4); // header + three parts of the demo
  await expect(safety).toContainText('z·σ·√L');
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results' }).click();
  const file = await downloaded;
  const saved = JSON.parse(await (await file.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8')));
  expect(saved.model.control).toEqual({ mode: 'conwip', cards: 20 });
  expect(saved.model.stages.find((s: { name: string }) => s.name === 'Welding').breakdown).toEqual({ mtbfHours: 20, mttrHours: 1 });
  expect(saved.results.throughputPerHour.ci95).toHaveLength(2);

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('the exported model is the file the command line reads, and a long line simulation can be cancelled', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('risk-stage')).toHaveCount(8);
  // Every disruption of the model is in the view: rework and changeovers per stage, demand spikes, lots, the supplier.
  await page.getByLabel('Rework share of Welding in percent').fill('5');
  await page.getByLabel('Changeover time of Machining in seconds').fill('600');
  await page.getByLabel('Spike at hour').fill('50');
  await page.getByLabel('Spike size (containers)').fill('12');
  await page.getByLabel('Random spikes per hour').fill('0.05');
  await page.getByLabel('Random spike size').fill('4');
  await page.getByLabel('Lot size between changeovers (containers)').fill('6');
  await page.getByLabel('Supplier order every (h)').fill('4');
  await page.getByLabel('Missed deliveries (%)').fill('10');
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export model' }).click();
  const model = JSON.parse(await (await (await downloaded).createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8')));
  expect(model.control.mode).toBe('kanban');
  expect(model.stages).toHaveLength(8);
  expect(model.demand.mode).toBe('takt');
  expect(model.stages.find((s: { name: string }) => s.name === 'Welding').rework).toBeCloseTo(0.05, 10);
  expect(model.stages.find((s: { name: string }) => s.name === 'Machining').changeoverSeconds).toBe(600);
  expect(model.demand.spikes).toEqual([{ atHours: 50, quantity: 12 }]);
  expect(model.demand.randomSpikes).toEqual({ perHour: 0.05, quantity: 4 });
  expect(model.parts.every((p: { lotSize?: number }) => p.lotSize === 6)).toBe(true);
  expect(model.supplier).toMatchObject({ intervalHours: 4, missedShare: 0.1, quantity: 10, leadTimeHours: 8 });
  // The command line's own validation accepts it as it is.
  const parsed = parseLineModel(model);
  expect(parsed.ok && checkLineModel(parsed.value)).toBeNull();

  await page.getByLabel('Run hours').fill('100000');
  await page.getByLabel('Replications').fill('50');
  await page.getByRole('button', { name: 'Run replications' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Running replications' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel line simulation' }).click();
  await expect(page.getByText('Line simulation cancelled.')).toBeVisible();
  await expect(page.getByTestId('risk-results')).toHaveCount(0);
});
