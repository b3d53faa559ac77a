// Backups in Settings: an import is checked whole, says what it would replace and asks; a refused file names the record
// and field and changes nothing; what an import replaced comes back with one click.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { countOf, openBoard } from './kanban-helpers.ts';

async function exported(page: import('@playwright/test').Page) {
  await page.goto('/#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  return JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
}

test('a backup with a duplicate card id is refused with the record named, and nothing changes', async ({ page }) => {
  await openBoard(page);
  const backup = await exported(page);
  backup.tables.cards.push({ ...backup.tables.cards[0] });
  await page.getByTestId('import-backup').setInputFiles({ name: 'dup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await expect(page.getByRole('status')).toContainText(/Nothing was changed\. Record \d+ of table "cards" \(id "[^"]+"\): the id "[^"]+" is used twice/);
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  await page.goto('/#/board');
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 8');
});

test('an import shows what it replaces, asks, and one click brings the old data back', async ({ page }) => {
  await openBoard(page);
  const backup = await exported(page);
  backup.tables.streams[0].name = 'Imported line';
  const shipping = backup.tables.stages.find((s: { name: string }) => s.name === 'Shipping');
  backup.tables.cards = backup.tables.cards.filter((c: { stageId: string; retired: boolean }) => c.stageId !== shipping.id || c.retired);
  backup.tables.events = backup.tables.events.filter((e: { cardId?: string }) => !e.cardId || backup.tables.cards.some((c: { id: string }) => c.id === e.cardId));
  await page.getByTestId('import-backup').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  const confirm = page.getByTestId('import-confirm');
  await expect(confirm).toContainText('Replace everything on this device with “edited.json”?');
  await expect(confirm).toContainText(/This device now holds 1 value stream, \d+ cards/);
  await page.getByTestId('import-replace').click();
  await expect(page.getByRole('status')).toContainText('Restored 1 value stream');
  await page.goto('/#/board');
  await expect(countOf(page, 'Shipping')).toHaveText('0 / 8');
  await expect(page.getByRole('combobox', { name: 'Value stream' })).toContainText('Imported line');

  await page.goto('/#/settings');
  await page.getByTestId('undo-import').click();
  await expect(page.getByRole('status')).toContainText('The data from before the import is back.');
  await page.goto('/#/board');
  await expect(countOf(page, 'Shipping')).toHaveText('4 / 8');
});
