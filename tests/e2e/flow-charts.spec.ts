// Flow & forecast view, the flow charts on the demo line: aging WIP, WIP run, throughput run and histogram, flow efficiency,
// the scatterplot's stage choice, and every chart saved as SVG and its data as CSV.
import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.ts';

async function save(page: Page, scope: Locator, name: string, kind: 'csv' | 'svg'): Promise<string> {
  const dl = page.waitForEvent('download');
  await scope.getByTestId(`${name}-${kind}`).click();
  const file = await dl;
  expect(file.suggestedFilename()).toBe(`${name}.${kind}`);
  return readFile((await file.path())!, 'utf8');
}
/** Opens the view and waits for the engine worker's first answers (the shared machine can be slow to read the log). */
async function open(page: Page): Promise<void> {
  await page.goto('/#/flow');
  await expect(page.getByTestId('wip-now')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('flow-charts')).toBeVisible({ timeout: 45_000 });
}
const csvLines = (text: string) => text.trim().split('\r\n');

test('the aging chart shows one dot per card in process against the stage bands, and exports', async ({ page }) => {
  await open(page);
  const wipNow = Number(await page.getByTestId('wip-now').textContent());
  expect(wipNow).toBeGreaterThan(0);
  const chart = page.getByTestId('aging-chart');
  await expect(chart.locator('circle[data-card]')).toHaveCount(wipNow);
  // A stage with past visits shows its four bands (to the 50th, 85th, 95th percentile and beyond).
  await expect(chart.locator('rect[data-band="above-p95"]').first()).toBeVisible();
  const charts = page.getByTestId('flow-charts');
  const lines = csvLines(await save(page, charts, 'aging-wip', 'csv'));
  expect(lines[0]).toBe('stage,card,age in stage (days),band,stage 50th (days),stage 85th (days),stage 95th (days)');
  expect(lines).toHaveLength(wipNow + 1);
  expect(await save(page, charts, 'aging-wip', 'svg')).toContain('<svg');
});

test('WIP and throughput run charts per day and per week with the throughput histogram, each exported', async ({ page }) => {
  await open(page);
  const charts = page.getByTestId('flow-charts');
  await expect(page.getByTestId('wip-run-chart').locator('rect').nth(1)).toBeVisible();
  const wip = csvLines(await save(page, charts, 'wip-run', 'csv'));
  expect(wip[0]).toBe('day,cards in process');
  // The last day's WIP is the "cards now" figure.
  expect(wip.at(-1)!.split(',').at(-1)).toBe(await page.getByTestId('wip-now').textContent());
  expect(await save(page, charts, 'wip-run', 'svg')).toContain('<svg');

  const perDay = csvLines(await save(page, charts, 'throughput-run', 'csv'));
  expect(perDay[0]).toBe('day from,cards finished');
  const hist = csvLines(await save(page, charts, 'throughput-histogram', 'csv'));
  // Every day is counted once in the histogram.
  expect(hist.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).toBe(perDay.length - 1);
  await charts.getByTestId('throughput-period').selectOption('week');
  await expect(charts).toContainText('cards finished per week');
  const perWeek = csvLines(await save(page, charts, 'throughput-run', 'csv'));
  expect(perWeek[0]).toBe('week from,cards finished');
  expect(perWeek.length - 1).toBe(Math.floor((perDay.length - 1) / 7));
  expect(await save(page, charts, 'throughput-histogram', 'svg')).toContain('<svg');
});

test('flow efficiency states what it measures, gives an overall share and a per-card distribution that exports', async ({ page }) => {
  await open(page);
  const charts = page.getByTestId('flow-charts');
  await expect(charts).toContainText('unblocked time ÷ lead time');
  await expect(charts.getByTestId('efficiency-overall')).toHaveText(/Overall \d+(\.\d)? % over \d+ finished cards?\./);
  // Ten bars of 10 %, and the tallest is a real bar (the demo has finished cards).
  const bars = page.getByTestId('efficiency-chart').locator('rect[data-value]');
  await expect(bars).toHaveCount(10);
  expect(Math.max(...(await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))))))).toBeGreaterThan(0);
  const lines = csvLines(await save(page, charts, 'flow-efficiency', 'csv'));
  expect(lines[0]).toBe('card,finished,lead time,blocked,unblocked,flow efficiency (%)');
  const n = Number(/over (\d+) finished/.exec((await charts.getByTestId('efficiency-overall').textContent()) ?? '')?.[1]);
  expect(lines).toHaveLength(n + 1);
  expect(lines.slice(1).every((l) => { const e = Number(l.split(',').at(-1)); return e >= 0 && e <= 100; })).toBe(true);
  expect(await save(page, charts, 'flow-efficiency', 'svg')).toContain('<svg');
});

test('the scatterplot measures between chosen stages and refuses an end before the start', async ({ page }) => {
  await open(page);
  const section = page.getByTestId('scatter-section');
  const summary = section.getByTestId('scatter-summary');
  await expect(summary).toContainText('from created to done');
  const stages = await section.getByTestId('scatter-start').locator('option').allTextContents();
  const second = stages[2]!;
  await section.getByTestId('scatter-start').selectOption({ label: second });
  await expect(summary).toContainText(`from ${second} to done`);
  await expect(section.getByTestId('scatter-chart').locator('circle[data-card]').first()).toBeVisible();
  await section.getByTestId('scatter-end').selectOption({ label: stages[1]! });
  await expect(section.getByTestId('scatter-error')).toHaveText('The end stage must come after the start stage in the value stream.');
});

test('cumulative flow, throughput per day and the forecast chart save as SVG and CSV', async ({ page }) => {
  await open(page);
  const flow = page.getByTestId('flow-section');
  await expect(page.getByTestId('cfd')).toBeVisible();
  const cfd = csvLines(await save(page, flow, 'cumulative-flow', 'csv'));
  expect(cfd[0]).toMatch(/^day,reached .+,done$/);
  expect(await save(page, flow, 'cumulative-flow', 'svg')).toContain('<svg');
  expect(csvLines(await save(page, flow, 'throughput-per-day', 'csv'))[0]).toBe('day,cards finished');
  expect(await save(page, flow, 'throughput-per-day', 'svg')).toContain('<svg');
  await expect(page.getByTestId('forecast-chart')).toBeVisible();
  const exportGroup = page.getByRole('group', { name: 'Save the forecast chart' });
  const name = (await exportGroup.getByRole('button', { name: 'SVG' }).getAttribute('data-testid'))!.replace(/-svg$/, '');
  const forecast = csvLines(await save(page, exportGroup, name, 'csv'));
  expect(forecast[0]).toMatch(/^working day,demand \(pieces\),fitted,forecast/);
  expect(await save(page, exportGroup, name, 'svg')).toContain('<svg');
});
