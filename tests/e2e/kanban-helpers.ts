// Shared steps of the kanban e2e specs: locating stages and real cards (not dnd-kit's placeholders), dragging, and direct store setup.
import type { Locator, Page } from '@playwright/test';
import { expect, dragSettled } from './fixtures.ts';

export const CARD = '[data-testid="card"]:not([data-dnd-placeholder])';

export const stage = (page: Page, name: string) => page.locator(`[data-testid="stage"][data-stage="${name}"]`);
export const cardsIn = (page: Page, name: string) => stage(page, name).locator(CARD);
export const countOf = (page: Page, name: string) => stage(page, name).getByTestId('stage-count');

export async function openBoard(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('stage')).toHaveCount(8);
  await expect(page.locator(CARD).first()).toBeVisible();
  // The engine's aging bands arrive shortly after the cards; wait so later assertions do not race them.
  await expect(page.locator(`${CARD}[data-age-band]:not([data-age-band="no-history"])`).first()).toBeVisible();
}

/** A mouse drag in small steps, as dnd-kit needs to see movement; ends when the drop has settled. */
export async function mouseDrag(page: Page, card: Locator, target: Locator) {
  const from = await card.getByTestId('card-handle').boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('card or target not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 120), { steps: 20 });
  await page.mouse.up();
  await dragSettled(page);
}

/** Changes a stage record straight in IndexedDB (test setup only), then reloads so the app reads it. */
export async function patchStage(page: Page, stageId: string, patch: Record<string, unknown>) {
  await page.evaluate(
    ({ stageId, patch }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('stages', 'readwrite');
          const store = tx.objectStore('stages');
          const get = store.get(stageId);
          get.onsuccess = () => store.put({ ...get.result, ...patch });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { stageId, patch },
  );
  await page.reload();
  await expect(page.getByTestId('stage')).toHaveCount(8);
}

/**
 * Puts `count` more cards of the demo stream on a stage straight in IndexedDB (test setup only: no events), all of them
 * older in the stage than any card moved later, then raises the stage's limit so they fit; reloads.
 */
export async function fillStage(page: Page, stageId: string, count: number, family = 'Columns') {
  await page.evaluate(
    ({ stageId, count, family }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('cards', 'readwrite');
          const store = tx.objectStore('cards');
          const old = Date.now() - 30 * 86_400_000;
          for (let n = 0; n < count; n++) {
            const id = `filler-${stageId}-${n}`;
            store.put({
              id,
              streamId: 'demo-steering',
              stageId,
              boardStageId: stageId,
              partNumber: `FL-${String(n).padStart(3, '0')}`,
              quantity: 10,
              family,
              blocked: false,
              enteredStageAt: old + n * 60_000,
              createdAt: old,
              retired: false,
            });
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { stageId, count, family },
  );
  await patchStage(page, stageId, { cardLimit: count + 50 });
  await expect(page.locator(CARD).first()).toBeVisible();
}
