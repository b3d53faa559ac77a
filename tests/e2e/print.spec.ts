// Physical kanban: the print view draws every card of the stream with a QR code that decodes back to the card's id.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { test, expect } from './fixtures.ts';

const demo = JSON.parse(readFileSync(new URL('../../static/demo-line.json', import.meta.url), 'utf8')) as {
  tables: { cards: { id: string; retired: boolean; partNumber: string }[] };
};
const active = demo.tables.cards.filter((c) => !c.retired);

test('the print view shows every card with part, quantity, loop, route and a QR code of its id', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/#/print');
  await expect(page.getByTestId('print-card')).toHaveCount(active.length);
  await expect(page.getByTestId('print-qr')).toHaveCount(active.length);
  const first = page.getByTestId('print-card').first();
  await expect(first).toContainText(/Quantity \d+/);
  await expect(first).toContainText(/Loop /);
  await expect(first).toContainText(/From .+ → to /);

  // Each QR image, read back as pixels and decoded, carries the id of the card it is printed on.
  const images = await page.getByTestId('print-card').evaluateAll((cards) =>
    cards.map((card) => {
      const img = card.querySelector('img') as HTMLImageElement;
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return { id: card.getAttribute('data-card-id'), width: canvas.width, height: canvas.height, grey: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0)) };
    }),
  );
  // Black and white: one channel is sent over, and rebuilt as the RGBA jsQR reads.
  const rgba = (grey: number[]) => Uint8ClampedArray.from(grey.flatMap((v) => [v, v, v, 255]));
  const decoded = images.map((image) => ({ id: image.id, text: jsQR(rgba(image.grey), image.width, image.height)?.data }));
  for (const { id, text } of decoded) expect(text, `QR code on card ${id}`).toBe(id);
  expect(new Set(decoded.map((d) => d.text))).toEqual(new Set(active.map((c) => c.id)));
});

test('the print view passes axe', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/print');
  await expect(page.getByTestId('print-qr')).toHaveCount(active.length);
  const axe = await new AxeBuilder({ page }).include('.no-print').include('[data-testid="print-card"]:first-child').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('printed, the cards come eight to an A4 sheet without the header', async ({ page }) => {
  await page.goto('/#/print');
  await expect(page.getByTestId('print-qr')).toHaveCount(active.length);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header')).toBeHidden();
  const boxes = await page.getByTestId('print-card').evaluateAll((cards) => cards.slice(0, 8).map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
  const mm = 96 / 25.4;
  for (const box of boxes) {
    expect(Math.abs(box.width - 105 * mm)).toBeLessThan(2);
    expect(Math.abs(box.height - 74.25 * mm)).toBeLessThan(2);
  }
  // Two columns of four: eight cards fill 210 × 297 mm.
  expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(2);
  expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(4);
});
