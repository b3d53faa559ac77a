// Where the app's fresh ids come from (commands, new cards, a screen's device id). Outside the engine, which takes an
// id source as an argument and stays free of randomness.
import { idSource, type IdSource } from '../engine/ids.ts';

/** A version 4 UUID written from 16 random bytes (the version and variant bits are set here). */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`A UUID needs 16 random bytes, got ${bytes.length}.`);
  const b = Uint8Array.from(bytes);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A random UUID. `crypto.randomUUID` exists only on a secure origin (https, localhost): a screen that opens the server
 * over plain http on the plant's network has only `crypto.getRandomValues`, so the UUID is made from that there.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

/** Random ids, for the app (a screen's own board and its provisional moves). */
export const randomIds: IdSource = idSource(randomUuid);
