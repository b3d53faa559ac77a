// The TV at the line: a 12-stage, 300-card stream fits a 1920×1080 screen with no scrolling; moves, andons and
// completions made on another screen (a second page of the same browser) show up live.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard } from './kanban-helpers.ts';

const STREAM = 'demo-steering';

/** Test setup straight in IndexedDB: four more stages at the end of the demo stream and cards up to 300 in all. */
async function growDemo(page: Page) {
  await page.evaluate(
    ({ streamId }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['stages', 'cards'], 'readwrite');
          const stages = tx.objectStore('stages');
          const cards = tx.objectStore('cards');
          const getStages = stages.getAll();
          const getCards = cards.getAll();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
          getCards.onsuccess = () => {
            const mine = (getStages.result as { streamId: string; order: number }[]).filter((s) => s.streamId === streamId);
            const top = Math.max(...mine.map((s) => s.order));
            const added = ['Paint', 'Cure', 'Pack', 'Dispatch'].map((name, k) => ({
              id: `tv-${name.toLowerCase()}`,
              streamId,
              name,
              order: top + 1 + k,
              cardLimit: name === 'Cure' ? 40 : 80,
              policy: 'hard',
            }));
            // The last stage stays last (completions happen there): the new ones go before it.
            const ordered = [...mine].sort((a, b) => a.order - b.order) as unknown as { id: string; order: number }[];
            const last = ordered[ordered.length - 1];
            for (const stage of added) stages.put(stage);
            stages.put({ ...last, order: top + 1 + added.length });
            const have = (getCards.result as { streamId: string; retired: boolean }[]).filter((c) => c.streamId === streamId && !c.retired).length;
            const now = Date.now();
            for (let n = 0; n < 300 - have; n++) {
              // Cure gets exactly its limit (full); the rest spread over the other new stages.
              const stage = n < 40 ? added[1] : added[[0, 2, 3][n % 3]];
              cards.put({
                id: `tv-card-${n}`,
                streamId,
                stageId: stage.id,
                partNumber: `TV-${String(n).padStart(3, '0')}`,
                quantity: 10,
                family: 'Columns',
                blocked: false,
                enteredStageAt: now - (n + 1) * 60_000,
                createdAt: now - 86_400_000,
                retired: false,
              });
            }
          };
        };
      }),
    { streamId: STREAM },
  );
}

test('the TV view fits a 12-stage, 300-card stream on 1920×1080 without scrolling, and a full stage says so', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openBoard(page);
  await growDemo(page);
  await page.goto('/#/tv');
  await page.reload();
  const columns = page.getByTestId('tv-stage');
  await expect(columns).toHaveCount(12);
  // Every card is accounted for: tiles shown plus "+n more" per column add up to 300.
  await expect
    .poll(async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="tv-stage"]')].reduce((sum, col) => {
          const more = Number(col.querySelector('[data-testid="tv-more"]')?.textContent?.match(/\+(\d+)/)?.[1] ?? 0);
          return sum + col.querySelectorAll('[data-testid="tv-card"]').length + more;
        }, 0),
      ),
    )
    .toBe(300);
  // Polled: the andon strip and the lane heights settle a moment after the cards arrive, and the tiles follow.
  const fits = () => page.evaluate(() => {
    const doc = document.documentElement;
    const shown = [...document.querySelectorAll('[data-testid="tv-stage"], [data-testid="tv-card"], [data-testid="tv-more"], [data-testid="tv-load"]')];
    return {
      pageScrolls: doc.scrollWidth > doc.clientWidth || doc.scrollHeight > doc.clientHeight,
      outside: shown
        .map((e) => ({ e, b: e.getBoundingClientRect() }))
        .filter(({ b }) => b.left < 0 || b.top < 0 || b.right > innerWidth + 0.5 || b.bottom > innerHeight + 0.5)
        .map(({ e, b }) => `${e.getAttribute('data-testid')} "${e.textContent?.trim().slice(0, 20)}" at ${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}`),
    };
  });
  await expect.poll(fits).toEqual({ pageScrolls: false, outside: [] });
  // Each column's load is its largest text, at least 48 px even with 12 columns (readable at 5 m, see the README),
  // and it is not cut off.
  const sizes = await page.getByTestId('tv-load').first().evaluate((el) => {
    const n = parseFloat(getComputedStyle(el.querySelector('.n')!).fontSize);
    const largestOther = Math.max(...[...el.closest('[data-testid="tv-stage"]')!.querySelectorAll('*')].filter((e) => !el.contains(e)).map((e) => parseFloat(getComputedStyle(e).fontSize)));
    return { n, largestOther };
  });
  expect(sizes.n).toBeGreaterThanOrEqual(48);
  expect(sizes.n).toBeGreaterThan(sizes.largestOther);
  const clipped = await page.getByTestId('tv-load').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
  expect(clipped).toBe(0);
  const cure = columns.filter({ hasText: 'Cure' });
  await expect(cure).toHaveAttribute('data-full', 'true');
  await expect(cure.getByTestId('tv-flag')).toHaveText(/FULL/);
  await expect(cure.getByTestId('tv-load')).toHaveText('40/ 40');
  await expect(page.getByTestId('tv-takt')).toBeVisible();
  await expect(page.getByTestId('tv-clock')).toHaveText(/^\d\d:\d\d$/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  if (process.env.TV_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot-tv.png' });
});

test('andon: a card blocked on the board shows on the TV at once, is answered and resolved there, each step logged', async ({ page, context }) => {
  await openBoard(page);
  const tv = await context.newPage();
  await tv.setViewportSize({ width: 1920, height: 1080 });
  await tv.goto('/#/tv');
  await expect(tv.getByTestId('tv-stage')).toHaveCount(8);
  // The demo line starts with one card already blocked.
  const count = tv.getByTestId('tv-andon-count');
  await expect(count).toHaveText(/^\d+$/);
  const before = Number(await count.textContent());

  const card = cardsIn(page, 'Welding').first();
  await card.getByTestId('edit-card').click();
  const dialog = page.getByTestId('card-dialog');
  await dialog.getByTestId('card-blocked-toggle').check();
  await dialog.getByTestId('card-blocked-reason').fill('Weld fixture broken');
  await dialog.getByTestId('card-save').click();
  await expect(dialog).toBeHidden();

  await expect(count).toHaveText(String(before + 1));
  await expect(tv.getByTestId('tv-andons')).toContainText('Welding: Weld fixture broken');
  await tv.getByRole('button', { name: 'Andon' }).click();
  const andon = tv.getByTestId('tv-andon').filter({ hasText: 'Weld fixture broken' });
  await expect(andon).toHaveAttribute('data-level', 'raised');
  await tv.getByLabel('Your name or team').fill('Maintenance (Ana)');
  await andon.getByRole('button', { name: 'Help is coming' }).click();
  await expect(andon).toHaveAttribute('data-level', 'acknowledged');
  await expect(andon).toContainText('Help is coming (Maintenance (Ana)');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'andon-acknowledged');
  await andon.getByRole('button', { name: 'Resolved' }).click();
  await expect(andon).toHaveCount(0);
  await expect(count).toHaveText(String(before));
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'unblock');
  await expect(cardsIn(page, 'Welding').first().getByTestId('card-blocked')).toHaveCount(0);
  // The flow view counts the time the andon was open against the stage.
  await page.goto('/#/flow');
  const welding = page.locator('[data-testid="blocked-row"][data-stage="Welding"]');
  await expect(welding).toHaveAttribute('data-ms', /^[1-9]\d*$/);
});

test('pace board: a completion on the board counts in the hour it happened, and a missed hour takes a logged reason', async ({ page, context }) => {
  await openBoard(page);
  // Test setup: the demo stream's shift starts at the top of the hour before this one and runs three hours, so the
  // current hour is always inside it, after an hour that is over (and missed: nothing was completed in it).
  await page.evaluate(
    (streamId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onsuccess = () => {
          const tx = open.result.transaction('streams', 'readwrite');
          const store = tx.objectStore('streams');
          const get = store.get(streamId);
          get.onsuccess = () => {
            const start = (new Date().getHours() * 60 + 1440 - 60) % 1440;
            const calendar = { ...get.result.calendar, shifts: [{ name: 'Test', startMinute: start, endMinute: (start + 180) % 1440, breaks: [], plannedDowntimeMinutes: 0 }] };
            store.put({ ...get.result, calendar });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    STREAM,
  );
  const tv = await context.newPage();
  await tv.goto('/#/tv');
  await tv.getByRole('button', { name: 'Pace' }).click();
  const hours = tv.getByTestId('pace-hour');
  await expect(hours).toHaveCount(3);
  const current = tv.locator('[data-testid="pace-hour"].now');
  await expect(current).toHaveCount(1);
  const actual = () => current.getByTestId('pace-actual').evaluate((e) => Number(e.firstChild?.textContent ?? 'NaN'));
  const before = await actual();

  await page.reload();
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 8');
  await cardsIn(page, 'Shipping').first().getByTestId('complete').click();
  await expect(countOf(page, 'Shipping')).toHaveText('3 / 8');
  await expect.poll(actual).toBeGreaterThan(before);
  await expect(current).toContainText('(1 box)');

  const missed = hours.first();
  await expect(missed).toHaveClass(/missed/);
  await missed.getByRole('textbox').fill('Die change ran long');
  await missed.getByRole('button', { name: 'Log' }).click();
  await expect(missed).toContainText('Die change ran long');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'pace-reason');
  if (process.env.TV_SCREENSHOT) {
    await tv.setViewportSize({ width: 1920, height: 1080 });
    await tv.screenshot({ path: 'docs/screenshot-pace.png' });
  }
});
