// Reading a scanned kanban QR code: the printed card's id, foreign codes, and cards of other streams or gone.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { checkScannedCard, parseCardPayload } from '../../../src/engine/card-scan.ts';

describe('parseCardPayload', () => {
  it('reads a printed card id, demo or generated, ignoring surrounding whitespace', () => {
    expect(parseCardPayload('card-001')).toEqual({ ok: true, cardId: 'card-001' });
    expect(parseCardPayload(' card-6f1c2a9e-1b7d-4c1e-9a51-0d3c6b1e2f44\n')).toEqual({ ok: true, cardId: 'card-6f1c2a9e-1b7d-4c1e-9a51-0d3c6b1e2f44' });
  });

  it('turns foreign text into a message that quotes what was scanned', () => {
    const url = parseCardPayload('https://example.com/product/4711');
    expect(url.ok).toBe(false);
    if (!url.ok) expect(url.error).toBe('This QR code is not a Taktboard kanban card (it reads “https://example.com/product/4711”).');
    // Ids of other kinds, look-alikes and long payloads are not cards either; long text is cut short in the message.
    for (const text of ['stage-001', 'card-', 'card-00 1', 'CARD-001x?', 'x'.repeat(500)]) expect(parseCardPayload(text).ok, text).toBe(false);
    const long = parseCardPayload('y'.repeat(500));
    if (!long.ok) expect(long.error).toContain(`${'y'.repeat(40)}…”`);
    expect(parseCardPayload('   ')).toEqual({ ok: false, error: 'The QR code is empty: it is not a Taktboard kanban card.' });
  });

  it('reads back a generated QR code of a card id, drawn as pixels and decoded by jsQR (the fallback decoder)', () => {
    for (const [text, expected] of [['card-007', { ok: true, cardId: 'card-007' }], ['WIFI:S:shop;;', { ok: false }]] as const) {
      const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
      const scale = 4;
      const quiet = 4;
      const side = (qr.size + 2 * quiet) * scale;
      const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
      for (let y = 0; y < side; y++)
        for (let x = 0; x < side; x++) {
          const mx = Math.floor(x / scale) - quiet;
          const my = Math.floor(y / scale) - quiet;
          if (mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.get(my, mx)) rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
        }
      const decoded = jsQR(rgba, side, side);
      expect(decoded?.data).toBe(text);
      expect(parseCardPayload(decoded!.data)).toMatchObject(expected);
    }
  });
});

describe('checkScannedCard', () => {
  const card = { streamId: 'demo-steering', retired: false, partNumber: 'SC-200' };

  it('accepts a card of the open stream', () => {
    expect(checkScannedCard('card-001', card, 'demo-steering')).toEqual({ ok: true, cardId: 'card-001' });
  });

  it('refuses a card of another board (value stream), naming it', () => {
    const other = checkScannedCard('card-001', { ...card, streamId: 'stream-2' }, 'demo-steering', (id) => (id === 'stream-2' ? 'Pumps' : undefined));
    expect(other).toEqual({ ok: false, error: 'Card SC-200 (card-001) belongs to the value stream “Pumps”, not the one open. Switch streams to pull it.' });
    const unnamed = checkScannedCard('card-001', { ...card, streamId: 'stream-3' }, 'demo-steering');
    expect(unnamed.ok ? '' : unnamed.error).toContain('belongs to another value stream');
  });

  it('refuses a card this device does not hold, and a retired one', () => {
    expect(checkScannedCard('card-999', undefined, 'demo-steering')).toEqual({
      ok: false,
      error: 'Card card-999 is not on this device: it was printed from another board, or deleted.',
    });
    const retired = checkScannedCard('card-001', { ...card, retired: true }, 'demo-steering');
    expect(retired.ok ? '' : retired.error).toContain('was retired');
  });
});
