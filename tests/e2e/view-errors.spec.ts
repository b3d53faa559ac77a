// The engine worker broken on purpose (its script request aborted): every view says what could not be computed, as an
// alert with a Retry button, instead of waiting on "…" forever; once the script loads again, Retry brings the figures
// back. The header's takt badge, on every view, is in; the board still moves cards without its flow figures.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

// This spec breaks the engine worker's script request with page.route, which a service worker's cache would answer.
test.use({ serviceWorkers: 'block' });

const WORKER = '**/engine.worker*';
/** Aborts every request for the engine worker's script; returns how many there have been so far. */
async function breakWorker(page: Page): Promise<() => number> {
  let requests = 0;
  await page.route(WORKER, (route) => {
    requests++;
    return route.abort();
  });
  return () => requests;
}

/** The alerts in the view itself that name the failed worker, each of which must carry its own Retry button. */
const viewFailures = (page: Page) => page.locator('main').getByRole('alert').filter({ hasText: 'The engine worker failed' });

test('with an engine worker that cannot load, every view shows what failed with a Retry button', async ({ page }) => {
  const requests = await breakWorker(page);
  await page.goto('/#/stream');

  const header = page.locator('header');
  await expect(header.getByRole('alert')).toHaveText(/^Could not compute takt and pitch: The engine worker failed: could not start\s*Retry$/);
  await expect(header.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(header.getByText('Takt …')).toHaveCount(0);

  const views: { link: string; failures: string[] }[] = [
    { link: 'Value stream', failures: ['Could not compute the card count', 'Could not check the shift calendar', 'Could not compute the proposed card limits'] },
    { link: 'Flow & forecast', failures: ['Could not compute the flow metrics', 'Could not fit the forecast'] },
    { link: 'Simulate', failures: ["Could not work out the simulation's starting values"] },
    { link: 'Line balancing', failures: ['Could not compute takt and pitch'] },
  ];
  for (const view of views) {
    await page.getByRole('link', { name: view.link }).click();
    for (const text of view.failures) {
      const alert = viewFailures(page).filter({ hasText: text }).first();
      await expect(alert, `${view.link}: ${text}`).toBeVisible();
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    }
    // The header's badge says the same on every view.
    await expect(header.getByRole('alert')).toContainText('Could not compute takt and pitch');
  }

  // Settings uses no engine figure of its own: the header's alert and its Retry are what it shows.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Retry' })).toBeVisible();

  // A retry while the worker still cannot load tries a new worker, which fails too: the same message, nothing hangs.
  await page.getByRole('link', { name: 'Simulate' }).click();
  const tried = requests();
  await viewFailures(page).first().getByRole('button', { name: 'Retry' }).click();
  await expect.poll(requests).toBeGreaterThan(tried);
  await expect(viewFailures(page).first()).toContainText("Could not work out the simulation's starting values");
  await expect(page.locator('header').getByRole('alert')).toContainText('Could not compute takt and pitch');
  await expect(page.getByTestId('sim-stage')).toHaveCount(0);
});

test('the board keeps its cards with a broken engine worker, says its flow figures are missing, and Retry brings them back', async ({ page }) => {
  await breakWorker(page);
  await page.goto('/#/board');
  const alert = viewFailures(page).filter({ hasText: 'Could not work out the card ages and limits' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('stage')).toHaveCount(8);
  await expect(page.locator('[data-testid="card"]:not([data-dnd-placeholder])').first()).toBeVisible();

  await page.unroute(WORKER);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('header').getByRole('alert')).toHaveCount(0);
});

test('once the worker loads again, Retry starts a new one and every figure comes back', async ({ page }) => {
  await breakWorker(page);
  await page.goto('/#/flow');
  const flowFailure = viewFailures(page).filter({ hasText: 'Could not compute the flow metrics' });
  await expect(flowFailure).toBeVisible();

  await page.unroute(WORKER);
  await flowFailure.getByRole('button', { name: 'Retry' }).click();

  // One retry restarts the worker, and every engine figure on screen asks again: flow, forecast and the header.
  await expect(page.getByTestId('lead-time')).toBeVisible();
  await expect(page.getByTestId('forecast-method')).toBeVisible();
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
  await expect(page.locator('header').getByRole('alert')).toHaveCount(0);

  // The other views compute on the new worker too.
  await page.getByRole('link', { name: 'Line balancing' }).click();
  await expect(page.getByTestId('balance-takt')).toContainText('60.0 s');
  await expect(page.getByTestId('metric-stations')).toBeVisible();
  await page.getByRole('link', { name: 'Value stream' }).click();
  await expect(page.getByTestId('loop-count').first()).toContainText('N = ');
  await expect(page.getByTestId('proposal').first()).toBeVisible();
});

test('a simulation whose workers cannot start says so, and Retry runs it once they can', async ({ page }) => {
  await page.goto('/#/simulate');
  await expect(page.getByTestId('sim-stage')).toHaveCount(8);
  await page.getByLabel('Hours', { exact: true }).fill('50');

  // Each run starts workers of its own; their script now fails to load.
  await breakWorker(page);
  await page.getByRole('button', { name: 'Run both' }).click();
  const failure = viewFailures(page).filter({ hasText: 'Could not run the simulation' });
  await expect(failure).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run both' })).toBeEnabled();

  await page.unroute(WORKER);
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('sim-comparison')).toBeVisible({ timeout: 30_000 });
  await expect(viewFailures(page)).toHaveCount(0);
});

// A failing read of the store: the page logs it (as it should), so this test lets exactly those logs through.
const storeTest = test.extend({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        const expected = message.text().startsWith('Could not ') && message.text().includes('Injected read failure');
        if (message.type() === 'error' && !expected) problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems, 'the page reported problems').toEqual([]);
    },
    // The base fixture is automatic, and an override must say so too; Playwright's types do not allow the flag here.
    { auto: true, scope: 'test' } as { scope: 'test' },
  ],
});

storeTest('a live read of the store that fails shows an alert with Retry, and Retry reads again', async ({ page }) => {
  // Index reads on this page (not in the store worker, which writes) throw while the flag is set.
  await page.addInitScript(() => {
    const getAll = IDBIndex.prototype.getAll;
    IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
      if ((window as unknown as { failReads?: boolean }).failReads) throw new DOMException('Injected read failure', 'UnknownError');
      return getAll.apply(this, args);
    };
  });
  await page.goto('/#/stream');
  const stage = page.locator('[data-testid="stream-stage"][data-stage="Stamping"]');
  await expect(stage).toBeVisible();

  // A change re-runs the stream's live read, which now fails.
  await page.evaluate(() => ((window as unknown as { failReads?: boolean }).failReads = true));
  await stage.getByRole('combobox', { name: 'Policy of Stamping' }).selectOption('soft');
  const failure = page.locator('main').getByRole('alert').filter({ hasText: 'Could not read the value stream' });
  await expect(failure).toContainText('Injected read failure');
  await expect(page.locator('header').getByRole('alert')).toContainText('Could not read the value stream');

  await page.evaluate(() => ((window as unknown as { failReads?: boolean }).failReads = false));
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure).toHaveCount(0);
  await expect(stage.getByRole('combobox', { name: 'Policy of Stamping' })).toHaveValue('soft');
  await expect(page.getByTestId('takt-value')).toHaveText('60.0 s');
});
