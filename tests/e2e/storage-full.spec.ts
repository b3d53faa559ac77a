// A full disk, made real in Chromium: the app origin's quota is pinned low (CDP Storage.overrideQuotaForOrigin) before
// the app first opens its storage, then the rest of it is filled by another database on the same origin, as another
// app's data fills a tablet. A move must then say "Not saved", leave the card where it was, show nothing earlier as its
// outcome, and let no storage error escape unhandled; once space is freed the next move saves, without a reload.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard } from './kanban-helpers.ts';

/** Writes random (incompressible) chunks to a database of its own until the origin's storage takes no more. */
function fillStorage(page: Page): Promise<{ written: number; refusal: string }> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('disk-filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('chunks');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let written = 0;
    let refusal = '';
    let size = 512 * 1024;
    for (let key = 0; size >= 256; ) {
      const chunk = new Uint8Array(size);
      for (let at = 0; at < size; at += 65536) crypto.getRandomValues(chunk.subarray(at, Math.min(size, at + 65536)));
      const saved = await new Promise<boolean>((resolve) => {
        const tx = db.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').put(chunk, key);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => {
          refusal = tx.error?.name ?? 'aborted';
          resolve(false);
        };
      });
      if (saved) {
        written += size;
        key++;
      } else size = Math.floor(size / 2);
    }
    db.close();
    return { written, refusal };
  });
}

function freeStorage(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('disk-filler');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
}

test('a move on a full disk says "Not saved", keeps the card, and the next move after space is freed saves without a reload', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // Pinned before the app's first visit: Chromium caches the space it has left for a while, so the quota must be
  // small from the start. 24 MB holds the app's offline copy and the demo with room to spare.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 24 * 1024 * 1024 });
  expect((await cdp.send('Storage.getUsageAndQuota', { origin })).overrideActive).toBe(true);

  await openBoard(page);
  // A move that is saved, so its notice is on screen before the disk fills.
  await cardsIn(page, 'Final assembly').first().getByTestId('pull-next').click();
  await expect(page.getByTestId('board-status')).toContainText('moved to Test & inspect');
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(countOf(page, 'Final assembly')).toHaveText('4 / 6');
  const newestEvent = page.getByTestId('event').first();
  await expect(newestEvent).toContainText('Final assembly → Test & inspect');

  const filled = await fillStorage(page);
  expect(filled.refusal).toBe('QuotaExceededError');
  console.log(`filled the last ${(filled.written / 1048576).toFixed(1)} MB of a 24 MB quota`);

  const card = cardsIn(page, 'Machining').first();
  const cardId = await card.getAttribute('data-card-id');
  await card.getByTestId('pull-next').click();
  await expect(page.getByTestId('board-error')).toContainText("Not saved: the device's storage is full");
  // Nothing shown as done that was not: the earlier notice is gone, the card and the counts stay, the log has no new event.
  await expect(page.getByTestId('board-status')).not.toContainText('moved to');
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('4 / 6');
  await expect(cardsIn(page, 'Machining').and(page.locator(`[data-card-id="${cardId}"]`))).toHaveCount(1);
  await expect(newestEvent).toContainText('Final assembly → Test & inspect');

  // Space comes back (the other data is deleted): the same move now saves, on the same page.
  await freeStorage(page);
  await cardsIn(page, 'Machining').first().getByTestId('pull-next').click();
  await expect(page.getByTestId('board-status')).toContainText('moved to Sub-assembly');
  await expect(page.getByTestId('board-error')).toBeEmpty();
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(newestEvent).toContainText('Machining → Sub-assembly');

  // What was saved is still there after a reload; what was refused never was.
  await page.reload();
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(countOf(page, 'Test & inspect')).toHaveText('4 / 4');
  await expect(newestEvent).toContainText('Machining → Sub-assembly');
  await expect(page.getByTestId('event').nth(1)).toContainText('Final assembly → Test & inspect');
});
