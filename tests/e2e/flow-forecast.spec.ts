// Flow & forecast view: flow metrics and demand forecasts from the engine worker on the demo line, demand history writes, accessibility.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';

const number = (s: string | null) => (s === null || s === '' ? NaN : Number(s));

/** Waits until the forecast shown is the engine's answer for `partNumber` and no fit is running. */
async function forecastSettled(section: import('@playwright/test').Locator, partNumber: string) {
  await expect(section.getByTestId('forecast-chart')).toHaveAttribute('aria-label', new RegExp(`^Demand of ${partNumber}:`));
  await expect(section.getByTestId('forecast-busy')).toHaveText('');
}

test('the flow view shows cumulative flow with one band per stage, lead time and monotone cycle-time percentiles', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Flow & forecast' }).click();
  await expect(page).toHaveURL(/#\/flow$/);
  const flow = page.getByTestId('flow-section');

  const cfd = flow.getByTestId('cfd');
  await expect(cfd).toHaveAttribute('role', 'img');
  await expect(cfd.locator('path[data-band="stage"]')).toHaveCount(8);
  await expect(cfd.locator('path[data-band="done"]')).toHaveCount(1);
  await expect(cfd).toHaveAttribute('aria-label', /one band per stage \(Receiving, Stamping, .*Shipping\)/);
  // The legend names every stage (drawn with .text()).
  for (const stage of ['Receiving', 'Final assembly', 'Test & inspect', 'Shipping']) await expect(cfd.locator('text', { hasText: stage })).toHaveCount(1);

  const median = flow.getByTestId('lead-median');
  await expect(median).toHaveText(/^\d+(\.\d+)? (h|days)$/);
  expect(number(await median.getAttribute('data-seconds'))).toBeGreaterThan(0);
  expect(number(await flow.getByTestId('lead-p85').getAttribute('data-seconds'))).toBeGreaterThanOrEqual(number(await median.getAttribute('data-seconds')));
  expect(Number(await flow.getByTestId('lead-count').textContent())).toBeGreaterThan(0);

  const rows = flow.getByTestId('cycle-row');
  await expect(rows).toHaveCount(8);
  for (const row of await rows.all()) {
    const [p50, p85, p95] = await Promise.all(['p50', 'p85', 'p95'].map(async (k) => number(await row.getByTestId(k).getAttribute('data-seconds'))));
    const stage = await row.getAttribute('data-stage');
    expect(p50, `${stage} 50th`).toBeGreaterThan(0);
    expect(p50, `${stage} 50th ≤ 85th`).toBeLessThanOrEqual(p85);
    expect(p85, `${stage} 85th ≤ 95th`).toBeLessThanOrEqual(p95);
  }

  await expect(flow.getByTestId('throughput-chart')).toHaveAttribute('aria-label', /cards finished/);
  await expect(flow.getByTestId('law-gap')).toContainText(/a [\d.,]+ % gap from the expectation\. That is (within|more than) 10 %/);
  // Cards past their stage's 85th percentile are marked in words as well as colour.
  const late = flow.locator('[data-testid="aging-row"][data-late="true"]');
  await expect(flow.getByTestId('aging-late-count')).toHaveText(String(await late.count()));
  for (const row of await late.all()) await expect(row).toContainText(/Beyond (85th|95th) percentile/);
});

test('a Holt-Winters forecast for SC-100 gives a finite MAPE, next period takt in seconds and card counts', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('forecast-section');
  await section.getByLabel('Part').selectOption({ label: 'SC-100 – Steering column, standard' });
  await section.getByLabel('Method').selectOption('holt-winters-additive');
  await expect(section.getByLabel('Season length (working days)')).toHaveValue('5');
  await expect(section.getByTestId('fitted-method')).toHaveText('Holt-Winters');
  await forecastSettled(section, 'SC-100');

  await expect(section.getByTestId('param-gamma')).toHaveText(/^0(\.\d+)?$|^1$/);
  await expect(section.getByTestId('mape')).toHaveText(/^\d+(\.\d+)? %$/);
  expect(Number.isFinite(parseFloat((await section.getByTestId('mape').textContent()) ?? ''))).toBe(true);
  await expect(section.getByTestId('forecast-chart').locator('path[data-series="forecast"]')).toHaveCount(1);

  const takt = section.getByTestId('next-takt-value');
  await expect(takt).toHaveText(/^\d+(\.\d+)? s$/);
  // The demo calendar has two shifts of 460 net minutes: takt ≈ 55,200 s ÷ ~450 pieces, about two minutes.
  const seconds = number(await takt.getAttribute('data-seconds'));
  expect(seconds).toBeGreaterThan(60);
  expect(seconds).toBeLessThan(240);
  await expect(section.getByTestId('next-card-row')).toHaveCount(1);
  await expect(section.getByTestId('next-card-row')).toContainText('SC-100 production loop');
  expect(Number(await section.getByTestId('next-card-count').textContent())).toBeGreaterThanOrEqual(1);

  // Every forecast day has its 80 % and 95 % intervals, drawn as bands too; the cards say the service level they cover.
  await expect(section.getByTestId('interval-row')).toHaveCount(10);
  await expect(section.getByTestId('interval-row').first()).toContainText(/\d+(\.\d)? – \d+/);
  await expect(section.getByTestId('forecast-chart').locator('path[data-series="interval-95"]')).toHaveCount(1);
  await expect(section.getByTestId('next-service-level')).toContainText('a 95 % service level');
  await section.getByTestId('service-level').selectOption({ label: '50 % service level' });
  await expect(section.getByTestId('next-service-level')).toContainText('a 50 % service level');
});

test('best fit compares the methods and a horizon of 0 shows the engine error', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('forecast-section');
  await expect(section.getByTestId('candidates').locator('tbody tr')).toHaveCount(3);
  await expect(section.getByTestId('forecast-method')).toContainText('lowest out-of-sample error');

  await section.getByLabel('Horizon (working days)').fill('0');
  await expect(section.getByTestId('forecast-error')).toHaveText('The forecast horizon must be a whole number of periods, 1 or more; got 0.');
  await expect(section.getByTestId('forecast-chart')).toHaveCount(0);
  await section.getByLabel('Horizon (working days)').fill('5');
  await expect(section.getByTestId('forecast-error')).toHaveCount(0);
  await expect(section.getByTestId('mape')).toHaveText(/ %$/);
});

test('fitting runs in the engine worker: a busy state shows and the page keeps painting meanwhile', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('forecast-section');
  await section.getByLabel('Part').selectOption({ label: 'SC-100 – Steering column, standard' });
  await forecastSettled(section, 'SC-100');
  // Records the longest gap between animation frames and whether the busy message appeared, while best fit runs.
  await page.evaluate(() => {
    const w = window as unknown as { __maxGap: number; __sawBusy: boolean; __stop: boolean };
    w.__maxGap = 0;
    w.__sawBusy = false;
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__maxGap = Math.max(w.__maxGap, t - last);
      last = t;
      if (document.querySelector('[data-testid="forecast-busy"]')?.textContent?.includes('Fitting')) w.__sawBusy = true;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await section.getByLabel('Horizon (working days)').fill('20');
  await section.getByLabel('Method').selectOption('best');
  await expect(section.getByTestId('candidates')).toBeVisible();
  await forecastSettled(section, 'SC-100');
  const { maxGap, sawBusy } = await page.evaluate(() => {
    const w = window as unknown as { __maxGap: number; __sawBusy: boolean; __stop: boolean };
    w.__stop = true;
    return { maxGap: w.__maxGap, sawBusy: w.__sawBusy };
  });
  expect(sawBusy).toBe(true);
  // Best fit takes most of a second of computing; on the main thread that would be one long frozen frame.
  expect(maxGap).toBeLessThan(500);
});

test('an invalid demand history is refused with a message and nothing changes; a valid one is saved and re-fitted', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('forecast-section');
  await section.getByLabel('Part').selectOption({ label: 'SC-100 – Steering column, standard' });
  const box = section.getByRole('textbox', { name: /^Demand history of SC-100/ });
  await expect(section.getByTestId('history-days')).toHaveText('60 working days stored');
  await forecastSettled(section, 'SC-100');
  const before = await box.inputValue();
  const maeBefore = await section.getByTestId('mae').textContent();

  await box.fill('420, 431, abc, 400');
  await section.getByRole('button', { name: 'Save demand history' }).click();
  await expect(section.getByTestId('history-error')).toHaveText('Not saved: Value 3 ("abc") is not a number; enter pieces per working day, for example 420.');
  await box.fill('420\n-5\n400');
  await section.getByRole('button', { name: 'Save demand history' }).click();
  await expect(section.getByTestId('history-error')).toContainText('Value 2 is -5; demand cannot be negative');
  await expect(section.getByTestId('history-days')).toHaveText('60 working days stored');
  await expect(section.getByTestId('mae')).toHaveText(maeBefore ?? '');

  await page.reload();
  await section.getByLabel('Part').selectOption({ label: 'SC-100 – Steering column, standard' });
  await expect(box).toHaveValue(before);
  await expect(section.getByTestId('history-days')).toHaveText('60 working days stored');

  await box.fill('400 410 420 430 440, 401 411 421 431 441\n402 412 422 432 442');
  await section.getByRole('button', { name: 'Save demand history' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved 15 working days of demand for SC-100.');
  await expect(section.getByTestId('history-days')).toHaveText('15 working days stored');
  await expect(section.getByTestId('mae')).not.toHaveText(maeBefore ?? '');
});

test('the cycle-time scatterplot has one dot per finished card with 50/85/95 lines, filters by part and exports', async ({ page }) => {
  await page.goto('/#/flow');
  const section = page.getByTestId('scatter-section');
  const summary = section.getByTestId('scatter-summary');
  await expect(summary).toContainText(/^\d+ cards? finished: half within/, { timeout: 45_000 });
  const all = Number(/^(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(all).toBeGreaterThan(0);
  await expect(section.getByTestId('scatter-chart').locator('line[data-line]')).toHaveCount(3);
  await expect(section.getByTestId('scatter-chart').locator('circle[data-card]')).toHaveCount(Math.min(all, 2000));
  await expect(section.getByTestId('lead-histogram').locator('rect[data-value]').first()).toBeVisible();

  await section.getByTestId('scatter-part').selectOption('SC-100');
  await expect(summary).not.toContainText(new RegExp(`^${all} cards`));
  const some = Number(/^(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(some).toBeLessThan(all);

  const dl = page.waitForEvent('download');
  await section.getByTestId('cycle-time-scatter-csv').click();
  const text = await (await import('node:fs/promises')).readFile((await (await dl).path())!, 'utf8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('card,part,finished,lead time (days)');
  expect(lines).toHaveLength(some + 1);
  expect(lines.slice(1).every((l) => l.split(',')[1] === 'SC-100')).toBe(true);
  const svg = page.waitForEvent('download');
  await section.getByTestId('lead-time-histogram-svg').click();
  expect((await svg).suggestedFilename()).toBe('lead-time-histogram.svg');
});

test('Monte Carlo answers "when" and "how many" at 50/85/95 % with a histogram that exports, and refuses 0 cards', async ({ page }) => {
  await page.goto('/#/flow');
  const mc = page.getByTestId('monte-carlo');
  await mc.getByLabel('Cards to finish').fill('20');
  await expect(mc.getByTestId('mc-row')).toHaveCount(3);
  await expect(mc.getByTestId('mc-answer')).toContainText('20 cards done by');
  // "When" dates never go down as confidence rises.
  const whenDays = (await mc.getByTestId('mc-row').allTextContents()).map((t) => Number(/\((\d+) days?\)/.exec(t)?.[1]));
  expect(whenDays.every(Number.isFinite)).toBe(true);
  expect(whenDays[0]).toBeLessThanOrEqual(whenDays[1]!);
  expect(whenDays[1]).toBeLessThanOrEqual(whenDays[2]!);
  await expect(mc.getByTestId('mc-histogram').locator('rect[data-value]').first()).toBeVisible();
  await expect(mc.getByTestId('mc-histogram').locator('line[data-mark]')).toHaveCount(3);

  const csv = page.waitForEvent('download');
  await mc.getByTestId('monte-carlo-csv').click();
  const file = await csv;
  expect(file.suggestedFilename()).toBe('monte-carlo.csv');
  const text = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('days,trials');
  expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).toBe(10_000);
  for (const kind of ['svg', 'png']) {
    const dl = page.waitForEvent('download');
    await mc.getByTestId(`monte-carlo-${kind}`).click();
    expect((await dl).suggestedFilename()).toBe(`monte-carlo.${kind}`);
  }

  await mc.getByLabel('How many cards by a date?').check();
  await expect(mc.getByTestId('mc-answer')).toContainText('Cards finished by');
  const counts = (await mc.getByTestId('mc-row').allTextContents()).map((t) => Number(/(\d+) cards?/.exec(t)?.[1]));
  expect(counts[0]).toBeGreaterThanOrEqual(counts[1]!);
  expect(counts[1]).toBeGreaterThanOrEqual(counts[2]!);

  await mc.getByLabel('When will these cards be done?').check();
  await mc.getByLabel('Cards to finish').fill('0');
  await expect(mc.getByTestId('mc-error')).toHaveText('The number of cards must be a whole number, 1 or more; got 0.');
});

test('the flow and forecast view has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/#/flow');
  await expect(page.getByTestId('mc-histogram')).toBeVisible();
  await expect(page.getByTestId('cfd')).toBeVisible();
  await expect(page.getByTestId('forecast-chart')).toBeVisible();
  await expect(page.getByTestId('forecast-busy')).toHaveText('');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
