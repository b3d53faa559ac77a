// Scanning with the camera: Chromium's fake camera plays a Y4M video, generated here, of a demo card's printed QR code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { test, expect } from './fixtures.ts';
import { countOf, openBoard } from './kanban-helpers.ts';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

/** A few frames of 640 × 480 grey video (4:2:0) with the QR code of `text`, black on white, in the middle. */
function qrVideo(text: string): string {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor(360 / (qr.size + 8));
  const side = (qr.size + 8) * scale;
  const left = (width - side) / 2;
  const top = (height - side) / 2;
  const luma = Buffer.alloc(width * height, 200);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.get(my, mx);
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  // One file per e2e port (the runner and its worker both load this module and write the same bytes).
  const dir = join(tmpdir(), `taktboard-e2e-camera-${process.env.E2E_PORT || 4174}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'card-qr.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame, frame, frame]));
  return file;
}

// card-076 is in Machining (3 / 5); its next stage is Sub-assembly (4 / 6).
const video = qrVideo('card-076');
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
  permissions: ['camera'],
});

test('the camera reads a card QR code, opens the card, and Pull to … moves it', async ({ page }) => {
  await openBoard(page);
  await page.getByTestId('scan-card-open').click();
  const dialog = page.getByTestId('scan-dialog');
  await dialog.getByTestId('scan-camera').click();
  await expect(dialog.getByTestId('scan-card')).toHaveAttribute('data-card-id', 'card-076', { timeout: 20_000 });
  // The camera is let go once a card is read.
  await expect(dialog.getByTestId('scan-video')).toHaveCount(0);
  await dialog.getByTestId('scan-pull-next').click();
  await expect(countOf(page, 'Sub-assembly')).toHaveText('5 / 6');
  await expect(countOf(page, 'Machining')).toHaveText('2 / 5');
  await expect(page.getByTestId('event').first()).toContainText('Machining → Sub-assembly');
});
