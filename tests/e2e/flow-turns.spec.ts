// Flow & forecast view: inventory turns, supplier delivery reliability and forecast-vs-actual tracking on the demo line.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

const demo = JSON.parse(readFileSync(new URL('../../static/demo-line.json', import.meta.url), 'utf8')) as {
  tables: { parts: { partNumber: string }[]; loops: { id: string; name: string; kind: string }[]; cards: { id: string; loopId?: string }[]; events: { type: string; cardId?: string }[] };
};

async function csvOf(page: import('@playwright/test').Page, button: import('@playwright/test').Locator): Promise<string[][]> {
  const dl = page.waitForEvent('download');
  await button.click();
  const text = await (await import('node:fs/promises')).readFile((await (await dl).path())!, 'utf8');
  return text.trim().split('\r\n').map((line) => line.split(','));
}

test('inventory turns: one row per part with turns = annual demand ÷ average stock, exported as CSV', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('turns-section');
  await expect(section.getByTestId('turns-row')).toHaveCount(demo.tables.parts.length);
  for (const value of await section.getByTestId('turns-value').allTextContents()) expect(value).toMatch(/^[\d,]+(\.\d+)?$/);
  const rows = await csvOf(page, section.getByTestId('inventory-turns-csv'));
  expect(rows[0]).toEqual(['part', 'demand (pieces/working day)', 'annual demand (pieces)', 'average stock (pieces)', 'turns per year', 'cover (working days)']);
  expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(demo.tables.parts.map((p) => p.partNumber).sort());
  for (const [, , annual, stock, turns] of rows.slice(1)) {
    expect(Number(stock)).toBeGreaterThan(0);
    // The CSV rounds stock and turns to one decimal: the quotient agrees to within that rounding.
    expect(Math.abs(Number(annual) / Number(stock) - Number(turns)) / Number(turns)).toBeLessThan(0.01);
  }
});

test('supplier reliability: the demo supplier loop shows its deliveries, the share on time and every late one', async ({ page }) => {
  const supplier = demo.tables.loops.find((l) => l.kind === 'withdrawal')!;
  const ofLoop = new Set(demo.tables.cards.filter((c) => c.loopId === supplier.id).map((c) => c.id));
  const deliveries = demo.tables.events.filter((e) => e.type === 'complete' && ofLoop.has(e.cardId!)).length;
  expect(deliveries).toBeGreaterThanOrEqual(10);

  await page.goto('/#/flow');
  const section = page.getByTestId('supplier-section');
  await expect(section).toContainText('from the kanban signal (the card put on the board) to its return (completed)');
  const row = section.locator(`[data-testid="supplier-row"][data-loop="${supplier.name}"]`);
  await expect(row).toHaveAttribute('data-deliveries', String(deliveries));
  const onTime = Number(await row.getAttribute('data-on-time'));
  expect(onTime).toBeGreaterThan(0);
  await expect(row.getByTestId('supplier-share')).toHaveText(`${(Math.round((onTime / deliveries) * 1000) / 10).toFixed(1)} %`);
  await expect(section.getByTestId('late-row')).toHaveCount(deliveries - onTime);

  const rows = await csvOf(page, section.getByTestId('supplier-reliability-csv'));
  expect(rows[0]).toEqual(['loop', 'part', 'promised (working days)', 'deliveries', 'on time', 'on time (%)']);
  expect(rows[1]!.slice(3, 5)).toEqual([String(deliveries), String(onTime)]);
  expect(rows.filter((r) => r.at(-1) === 'no')).toHaveLength(deliveries - onTime);
});

test('forecast against actual: chart and table from the log, tracking signal = CFE ÷ MAD in the CSV, clear message for too short a series', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('accuracy-section');
  await section.getByTestId('accuracy-part').selectOption('SC-100');
  const chart = section.getByTestId('accuracy-chart');
  await expect(chart).toHaveAttribute('aria-label', /^Forecast against actual demand of SC-100 \(pieces per working day\)/);
  await expect(chart.locator('path[data-series="actual"]')).toHaveCount(1);
  await expect(chart.locator('path[data-series="signal"]')).toHaveCount(1);
  await expect(chart.locator('line[data-limit]')).toHaveCount(2);
  const periods = await section.getByTestId('accuracy-row').count();
  expect(periods).toBeGreaterThan(3);
  await expect(section.getByTestId('accuracy-latest')).toHaveText(/^−?-?[\d.,]+$|^–$/);

  const rows = await csvOf(page, section.getByTestId('forecast-tracking-csv'));
  expect(rows[0]![6]).toBe('tracking signal');
  expect(rows).toHaveLength(periods + 1);
  for (const r of rows.slice(1)) {
    if (r[6] === '') continue;
    expect(Math.abs(Number(r[4]) / Number(r[5]) - Number(r[6]))).toBeLessThan(0.02);
    expect(r[7]).toBe(Math.abs(Number(r[6])) > 4 ? 'yes' : 'no');
  }
  const svg = page.waitForEvent('download');
  await section.getByTestId('forecast-tracking-svg').click();
  expect((await svg).suggestedFilename()).toBe('forecast-tracking.svg');

  // Holt-Winters needs two seasons and two more: the log's two weeks of days are too few, and it says so.
  await section.getByTestId('accuracy-method').selectOption('holt-winters-additive');
  await expect(section.getByTestId('accuracy-error')).toContainText(/Holt-Winters with a season of 5 needs at least 12 periods/);
  // The typed-in demand history (60 working days) is long enough.
  await section.getByTestId('accuracy-source').selectOption('history');
  await expect(section.getByTestId('accuracy-row')).toHaveCount(60);

  const results = await new AxeBuilder({ page }).include('[data-testid="accuracy-section"]').include('[data-testid="supplier-section"]').include('[data-testid="turns-section"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
