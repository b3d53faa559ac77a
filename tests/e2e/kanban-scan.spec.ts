// Scanning a printed kanban card: a QR code generated at test time for a real demo card, fed through the photo input,
// opens the card and "Pull to …" moves it the way a drag does (count changes, move logged); foreign codes are refused.
import QRCode from 'qrcode';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import { cardsIn, countOf, openBoard } from './kanban-helpers.ts';

const photo = async (text: string) => ({ name: 'card.png', mimeType: 'image/png', buffer: await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, width: 400 }) });

test('a photo of a card QR code opens the card, and Pull to … moves it and logs the move', async ({ page }) => {
  await openBoard(page);
  const id = await cardsIn(page, 'Machining').first().getAttribute('data-card-id');
  expect(id).toMatch(/^card-/);
  const newest = await page.getByTestId('event').first().textContent();

  await page.getByTestId('scan-card-open').click();
  const dialog = page.getByTestId('scan-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('scan-file').setInputFiles(await photo(id!));
  await expect(dialog.getByTestId('scan-card')).toHaveAttribute('data-card-id', id!);
  await expect(dialog.getByTestId('scan-card')).toContainText('Now in Machining');
  // The other stages are offered too (every stage but the one it is in and the next).
  await expect(dialog.getByTestId('scan-move')).toHaveCount(6);
  const axe = await new AxeBuilder({ page }).include('[data-testid="scan-dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await dialog.getByTestId('scan-pull-next').click();
  await expect(dialog).toBeHidden();
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(page.locator(`[data-testid="stage"][data-stage="Sub-assembly"] [data-card-id="${id}"]`)).toHaveCount(1);
  await expect(page.getByTestId('event').first()).not.toHaveText(newest ?? '');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'move');
  await expect(page.getByTestId('event').first()).toContainText('Machining → Sub-assembly');
});

test('a foreign QR code, an unknown card id and a picture without a code each get a clear message', async ({ page }) => {
  await openBoard(page);
  await page.goto('/#/scan');
  const dialog = page.getByTestId('scan-dialog');
  await expect(dialog).toBeVisible();
  const file = dialog.getByTestId('scan-file');
  await file.setInputFiles(await photo('https://example.com/parts/4711'));
  await expect(dialog.getByTestId('scan-problem')).toHaveText('This QR code is not a Taktboard kanban card (it reads “https://example.com/parts/4711”).');
  await file.setInputFiles(await photo('card-from-another-board'));
  await expect(dialog.getByTestId('scan-problem')).toHaveText('Card card-from-another-board is not on this device: it was printed from another board, or deleted.');
  // A plain picture (a 1×1 PNG): no code in it.
  const blank = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');
  await file.setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: blank });
  await expect(dialog.getByTestId('scan-problem')).toContainText('No QR code was found in the photo');
  await dialog.getByTestId('scan-close').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/board$/);
  await expect(countOf(page, 'Machining')).toHaveText('3 / 5');
});

test('a scanned blocked card asks for a reason first; a full hard stage refuses in the scanner and moves nothing', async ({ page }) => {
  // Demo cards in Machining: card-075 (blocked), card-076 and card-077; Sub-assembly holds 4 of a hard limit of 6.
  await openBoard(page);
  const dialog = page.getByTestId('scan-dialog');
  const scan = async (id: string) => {
    await page.getByTestId('scan-card-open').click();
    await dialog.getByTestId('scan-file').setInputFiles(await photo(id));
    await expect(dialog.getByTestId('scan-card')).toHaveAttribute('data-card-id', id);
    await dialog.getByTestId('scan-pull-next').click();
  };
  await scan('card-076');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');

  await scan('card-075');
  const reason = page.getByTestId('reason-dialog');
  await expect(reason).toContainText('is blocked');
  await reason.getByTestId('reason-input').fill('Rework done, inspector agreed');
  await reason.getByTestId('reason-confirm').click();
  await expect(countOf(page, 'Sub-assembly')).toHaveText('6 / 6');
  await expect(page.getByTestId('event').first()).toContainText('Rework done, inspector agreed');

  await scan('card-077');
  await expect(dialog.getByTestId('scan-problem')).toContainText('was not moved');
  await expect(dialog.getByTestId('scan-card')).toHaveAttribute('data-card-id', 'card-077');
  await expect(countOf(page, 'Sub-assembly')).toHaveText('6 / 6');
  await expect(countOf(page, 'Machining')).toHaveText('1 / 5');
  await expect(page.getByTestId('event').first()).toHaveAttribute('data-type', 'move-refused');
});
