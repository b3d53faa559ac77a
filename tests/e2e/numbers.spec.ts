// Numbers a person reads: every view of the demo line, with its engine figures in (a simulation run and an
// auto-balance proposal included), shows no number with more than two decimals ("1408.6957 s", "90.3746 %").
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { openBoard } from './kanban-helpers.ts';

/** A decimal number with three or more digits after the point, with a little of its context. */
const RAW = /[^\n]{0,40}\b\d+\.\d{3,}\b[^\n]{0,20}/g;

/** The text of the header and the view, including what is only in attributes a person may read (titles, labels). */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('[title],[aria-label],input[value],[placeholder]')) {
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(name);
        if (v) parts.push(v);
      }
      if (el instanceof HTMLInputElement && el.type !== 'hidden') parts.push(el.value);
    }
    return parts.join('\n');
  });
}

/** Waits until no figure on the page still says it is being computed (a lone "…" where a figure goes). */
async function settled(page: Page) {
  await expect(page.locator('main').getByText('…', { exact: true })).toHaveCount(0, { timeout: 30_000 });
}

const views: { hash: string; ready: (page: Page) => Promise<void> }[] = [
  { hash: 'board', ready: openBoard },
  { hash: 'stream', ready: async (page) => void (await expect(page.getByRole('heading', { name: /Stages/ }).first()).toBeVisible()) },
  { hash: 'flow', ready: async (page) => void (await expect(page.getByRole('heading', { name: /Flow/ }).first()).toBeVisible()) },
  {
    hash: 'simulate',
    ready: async (page) => {
      await expect(page.getByTestId('sim-stage')).toHaveCount(8);
      await page.getByRole('button', { name: 'Run both' }).click();
      await expect(page.getByTestId('sim-comparison')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    hash: 'balance',
    ready: async (page) => {
      await expect(page.getByText('Final assembly cell')).toBeVisible();
      await expect(page.getByText('Measuring the balance…')).toHaveCount(0);
    },
  },
  { hash: 'settings', ready: async (page) => void (await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()) },
];

for (const view of views) {
  test(`#/${view.hash} shows no number with more than two decimals`, async ({ page }) => {
    await page.goto(`/#/${view.hash}`);
    await view.ready(page);
    await settled(page);
    const found = (await readableText(page)).match(RAW) ?? [];
    expect(found, `raw figures on #/${view.hash}`).toEqual([]);
  });
}
