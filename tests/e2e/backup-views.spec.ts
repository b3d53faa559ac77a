// Every view stands on any backup the import accepts. Seeded mutations of the demo's backup (one field or record
// changed at a time, as in the unit fuzz test) are imported through Settings; a refused file must say so and leave the
// board as it was, an accepted one is opened in every view, and no view may throw (the fixture fails the test on any
// uncaught error or console error).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { openBoard } from './kanban-helpers.ts';

type Backup = { tables: Record<string, Record<string, unknown>[]> };

const VIEWS = ['board', 'stream', 'flow', 'simulate', 'balance', 'tv'];
const VALUES: unknown[] = [null, -1, 0, 0.5, 1e308, '', 'x', '=HYPERLINK("http://x")', true, [], {}, [1, 'a'], 9e15];

/** A small seeded generator (mulberry32), so every run tries the same files. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(base: Backup, next: () => number): { backup: Backup; what: string } {
  const backup = structuredClone(base);
  const tables = Object.keys(backup.tables).filter((name) => backup.tables[name].length > 0 && name !== 'settings');
  const table = tables[Math.floor(next() * tables.length)];
  const records = backup.tables[table];
  const index = Math.floor(next() * records.length);
  const record = records[index];
  const fields = Object.keys(record);
  const field = fields[Math.floor(next() * fields.length)];
  const kind = Math.floor(next() * 4);
  if (kind === 0) {
    const value = VALUES[Math.floor(next() * VALUES.length)];
    record[field] = value;
    return { backup, what: `${table}[${index}].${field} = ${JSON.stringify(value)}` };
  }
  if (kind === 1) {
    delete record[field];
    return { backup, what: `${table}[${index}] without ${field}` };
  }
  if (kind === 2) {
    records.splice(index, 1);
    return { backup, what: `${table}[${index}] dropped` };
  }
  records.push(structuredClone(record));
  return { backup, what: `${table}[${index}] copied` };
}

/** Every table of the device's store, as text (to compare before and after a refused import). */
function storeText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames].sort();
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (out[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function exported(page: Page): Promise<Backup> {
  await page.goto('/#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  return JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
}

test('no view throws on a backup the import accepts; a refused one changes nothing', async ({ page, pageProblems }) => {
  test.setTimeout(240_000);
  await openBoard(page);
  const base = await exported(page);
  const next = random(20261203);
  let accepted = 0;
  let refused = 0;
  for (let attempt = 0; attempt < 40 && accepted < 4; attempt++) {
    const { backup, what } = mutate(base, next);
    await page.goto('/#/settings');
    const before = await storeText(page);
    await page.getByTestId('import-backup').setInputFiles({ name: 'mutant.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
    const confirm = page.getByTestId('import-confirm');
    const refusal = page.getByRole('status').filter({ hasText: /Nothing was changed/ });
    await expect(page.getByRole('status').filter({ hasText: 'Checking' })).toHaveCount(0, { timeout: 20_000 });
    if (await refusal.isVisible()) {
      await expect(confirm).toHaveCount(0);
      // Refused: the board is the one before the file, untouched.
      await expect(refusal).toContainText(/Record|table|file/);
      expect(await storeText(page), `${what} was refused but changed the store`).toBe(before);
      refused++;
      continue;
    }
    await expect(confirm).toBeVisible();
    await page.getByTestId('import-replace').click();
    await expect(page.getByRole('status')).toContainText('Restored', { timeout: 20_000 });
    accepted++;
    console.log(`accepted: ${what}`);
    for (const view of VIEWS) {
      await page.goto(`/#/${view}`);
      await expect(page.locator('main')).not.toBeEmpty();
      // Figures come from the engine worker a moment later; an error in drawing them would be reported meanwhile.
      await page.waitForTimeout(600);
      expect(pageProblems, `${what}, in the ${view} view`).toEqual([]);
    }
  }
  console.log(`${accepted} accepted mutants opened in ${VIEWS.length} views, ${refused} refused`);
  expect(accepted).toBeGreaterThan(0);
});
