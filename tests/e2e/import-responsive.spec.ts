// Big imports keep the page responsive: a work-element file at the task cap, a 2,000-row CSV and a 20,000-card backup
// are read, checked and shown with no main-thread task over 200 ms (measured with the browser's own 'longtask'
// observer), also when the balancing view is opened again later; a file over a cap is refused with the cap named.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { openBalance } from './balance-helpers.ts';
import { openBoard } from './kanban-helpers.ts';

const BUDGET_MS = 200;
const CAP = 2000;

test.beforeEach(async ({ page }) => {
  // Every long task (over 50 ms) the page's main thread runs is recorded from the first script on.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver: PerformanceObserver };
    w.__longTasks = [];
    try {
      w.__longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      });
      w.__longTaskObserver.observe({ type: 'longtask', buffered: true });
    } catch {
      /* a browser without the longtask timing leaves the list empty; the test below checks it works */
    }
  });
});

/**
 * A file on disk to hand to the file input: Playwright hands a path to the browser as it is, while a buffer is
 * base64-decoded into a File on the page's own main thread (seconds for megabytes), which would be measured too.
 */
function onDisk(testInfo: TestInfo, name: string, content: string | Buffer): string {
  const path = testInfo.outputPath(name);
  writeFileSync(path, content);
  return path;
}

/** The longest main-thread task since the last call (0 when none went over 50 ms), and starts a new count. */
async function longestTask(page: Page): Promise<number> {
  // Two frames, so a task still running is over and reported before reading.
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const w = window as unknown as { __longTasks: number[]; __longTaskObserver: PerformanceObserver };
            // Observer callbacks run at idle priority: entries still queued are taken here.
            for (const entry of w.__longTaskObserver.takeRecords()) w.__longTasks.push(entry.duration);
            const max = Math.max(0, ...w.__longTasks);
            w.__longTasks = [];
            resolve(Math.round(max));
          }),
        ),
      ),
  );
}

function in2(tasks: number): string {
  const lines = [String(tasks)];
  for (let i = 0; i < tasks; i++) lines.push(String(1 + ((i * 7) % 29)));
  // A layered precedence graph: each task after the first ten follows two earlier ones.
  for (let i = 11; i <= tasks; i++) lines.push(`${i - 10},${i}`, `${i - 3},${i}`);
  lines.push('-1,-1');
  return lines.join('\n');
}

function csv(rows: number): string {
  const lines = ['name,time,predecessors'];
  for (let i = 1; i <= rows; i++) lines.push(`Step ${i},${1 + (i % 17)},${i > 5 ? `Step ${i - 5};Step ${i - 1}` : ''}`);
  return lines.join('\n');
}

// While a measure runs, the page is only probed with plain CSS selectors: Playwright's role and text engines walk
// the whole DOM on the page's own main thread, and would be measured as the app's long tasks.
const unassignedCount = (page: Page) => page.locator('[data-testid="unassigned-column"] [data-testid="column-count"]');
/** The column draws its cards a few per frame; measures wait until all of the first page are drawn. */
async function unassignedDrawn(page: Page) {
  await expect(page.locator('[data-testid="unassigned-column"] ul[aria-busy="false"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('[data-testid="unassigned-column"] [data-testid="element-card"]')).toHaveCount(120);
}

async function openBalanceAgain(page: Page) {
  // A later visit: a fresh page on another view, then the balancing view through its link.
  await page.goto('/#/board');
  await expect(page.locator('a[href="#/balance"]')).toBeVisible();
  await page.waitForTimeout(1000);
  await longestTask(page);
  await page.locator('a[href="#/balance"]').click();
}

test('the long-task probe sees a blocked main thread (so a pass below means something)', async ({ page }) => {
  await page.goto('/#/board');
  await longestTask(page);
  // Blocked inside a timer callback, a task of the page's own event loop as an import's work would be (code run straight
  // from the test tool's evaluate is not scheduled as a task of the page, and the observer does not see it).
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          const end = performance.now() + 1000;
          while (performance.now() < end) {
            /* block on purpose */
          }
          resolve();
        }),
      ),
  );
  expect(await longestTask(page)).toBeGreaterThan(BUDGET_MS);
});

// Measured on the 2-core test machine: importing a 2,000-task .IN2 0–68 ms, reopening the balancing view with it
// 0–53 ms, a 2,000-row CSV 0 ms (no task over 50 ms), with the column drawing 24 cards a frame and the balance sent
// to the worker in a task of its own; before those two changes 101–115, 80–101 and 106–137 ms.
test(`an .IN2 at the cap (${CAP} tasks) imports and reopens with no main-thread task over ${BUDGET_MS} ms`, async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openBalance(page);
  await longestTask(page);
  await page.getByTestId('import-file').setInputFiles(onDisk(testInfo, 'big.IN2', in2(CAP)));
  await expect(page.getByTestId('import-confirm')).toContainText(`with the ${CAP} from "big.IN2"`, { timeout: 60_000 });
  await page.getByTestId('import-cycle').fill('200');
  await page.getByTestId('import-replace').click();
  await expect(page.getByTestId('import-message')).toContainText(`Imported ${CAP} work elements`, { timeout: 60_000 });
  await expect(unassignedCount(page)).toContainText(`120 of 2,000 shown`, { timeout: 60_000 });
  await unassignedDrawn(page);
  await expect(page.getByTestId('metric-stations')).toBeVisible();
  const importing = await longestTask(page);
  console.log(`longest main-thread task, importing a ${CAP}-task .IN2: ${importing} ms`);

  await openBalanceAgain(page);
  await expect(unassignedCount(page)).toContainText(`120 of 2,000 shown`, { timeout: 60_000 });
  await unassignedDrawn(page);
  await expect(page.getByTestId('metric-stations')).toBeVisible();
  const reopening = await longestTask(page);
  console.log(`longest main-thread task, reopening the balancing view with ${CAP} tasks: ${reopening} ms`);
  expect(importing).toBeLessThanOrEqual(BUDGET_MS);
  expect(reopening).toBeLessThanOrEqual(BUDGET_MS);
});

test(`a 2,000-row CSV imports with no main-thread task over ${BUDGET_MS} ms`, async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openBalance(page);
  await longestTask(page);
  await page.getByTestId('import-file').setInputFiles(onDisk(testInfo, 'steps.csv', csv(2000)));
  await expect(page.getByTestId('import-confirm')).toContainText('with the 2000 from "steps.csv"', { timeout: 60_000 });
  await page.getByTestId('import-replace').click();
  await expect(page.getByTestId('import-message')).toContainText('Imported 2000 work elements', { timeout: 60_000 });
  await expect(unassignedCount(page)).toContainText('120 of 2,000 shown', { timeout: 60_000 });
  await unassignedDrawn(page);
  const importing = await longestTask(page);
  console.log(`longest main-thread task, importing a 2,000-row CSV: ${importing} ms`);
  expect(importing).toBeLessThanOrEqual(BUDGET_MS);
});

test(`a file over the task cap is refused with the cap named, and nothing changes`, async ({ page }, testInfo) => {
  await openBalance(page);
  await page.getByTestId('import-file').setInputFiles(onDisk(testInfo, 'huge.IN2', in2(CAP + 1)));
  await expect(page.getByTestId('import-message')).toContainText(`${CAP + 1} tasks; a cell holds at most ${CAP}`);
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  await expect(page.getByTestId('element-card')).toHaveCount(11);
});

async function exportedBackup(page: Page) {
  await page.goto('/#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  return JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
}

test(`a 20,000-card backup is checked and imported with no main-thread task over ${BUDGET_MS} ms`, async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openBoard(page);
  const backup = await exportedBackup(page);
  const model = backup.tables.cards[0];
  // Retired cards (done and taken off the board) count against no limit, so the file is one the app could have made.
  for (let i = 0; i < 20_000; i++) backup.tables.cards.push({ ...model, id: `bulk-${i}`, retired: true, blocked: false });
  const buffer = Buffer.from(JSON.stringify(backup));
  await longestTask(page);
  await page.getByTestId('import-backup').setInputFiles(onDisk(testInfo, 'big-backup.json', buffer));
  await expect(page.getByTestId('import-confirm')).toContainText('big-backup.json', { timeout: 60_000 });
  await page.getByTestId('import-replace').click();
  await expect(page.locator('[role="status"]')).toContainText('Restored 1 value stream', { timeout: 60_000 });
  const importing = await longestTask(page);
  console.log(`longest main-thread task, importing a ${(buffer.length / 1048576).toFixed(1)} MB backup with 20,000 more cards: ${importing} ms`);
  await openBoard(page);
  await longestTask(page);
  expect(importing).toBeLessThanOrEqual(BUDGET_MS);
});

test('a backup over the size cap is refused by its size, before it is read', async ({ page }, testInfo) => {
  await page.goto('/#/settings');
  // 21 MB of spaces: never valid JSON, so a refusal naming the size shows it was not parsed.
  await page.getByTestId('import-backup').setInputFiles(onDisk(testInfo, 'huge.json', Buffer.alloc(21 * 1024 * 1024, 0x20)));
  await expect(page.getByRole('status')).toContainText('The file is 21.0 MB; backups are limited to 20 MB.');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
});
