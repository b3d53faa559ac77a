// What a scanned QR code means: the printed kanban cards carry the card's id as their whole payload (see the print view).
// Pure: the reader of the code (camera, photo) and the look-up of the card live in the UI.
import type { KanbanCard } from './model.ts';

export type ScanResult = { ok: true; cardId: string } | { ok: false; error: string };

/** Card ids are `card-` and a counter or UUID (src/engine/ids.ts); anything else was not printed by Taktboard. */
const CARD_ID = /^card-[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Shows a short, printable excerpt of what a foreign code says, so the person can tell which code they scanned. */
function excerpt(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** Reads the payload of a scanned QR code: a Taktboard card id, or a clear message saying what was scanned instead. */
export function parseCardPayload(payload: string): ScanResult {
  const text = payload.trim();
  if (text === '') return { ok: false, error: 'The QR code is empty: it is not a Taktboard kanban card.' };
  if (CARD_ID.test(text)) return { ok: true, cardId: text };
  return { ok: false, error: `This QR code is not a Taktboard kanban card (it reads “${excerpt(text)}”).` };
}

/**
 * Checks the card a scanned id names against the open value stream: it must exist on this device, belong to the open
 * stream and still be in use. `streamName` names another stream the card belongs to, when known.
 */
export function checkScannedCard(
  cardId: string,
  card: Pick<KanbanCard, 'streamId' | 'retired' | 'partNumber'> | undefined,
  openStreamId: string | null,
  streamName?: (streamId: string) => string | undefined,
): ScanResult {
  if (!card) return { ok: false, error: `Card ${cardId} is not on this device: it was printed from another board, or deleted.` };
  if (card.streamId !== openStreamId) {
    const name = streamName?.(card.streamId);
    return {
      ok: false,
      error: `Card ${card.partNumber} (${cardId}) belongs to ${name ? `the value stream “${name}”` : 'another value stream'}, not the one open. Switch streams to pull it.`,
    };
  }
  if (card.retired) return { ok: false, error: `Card ${card.partNumber} (${cardId}) was retired: it is no longer on the board.` };
  return { ok: true, cardId };
}
