// Ids on a screen that opened the server over plain http: crypto.randomUUID is missing there (secure origins only),
// and every command and new card still needs a fresh id.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomIds, randomUuid, uuidFromBytes } from '../../../src/db/random-ids.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('random UUIDs', () => {
  it('writes 16 bytes as a version 4 UUID, setting the version and variant bits', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidFromBytes(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
    expect(() => uuidFromBytes(new Uint8Array(15))).toThrow(/16 random bytes/);
  });

  it('makes distinct UUIDs from getRandomValues where randomUUID does not exist (an http origin)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array<ArrayBuffer>) => real.getRandomValues(a) });
    expect((globalThis.crypto as { randomUUID?: unknown }).randomUUID).toBeUndefined();
    const made = new Set(Array.from({ length: 2000 }, () => randomUuid()));
    expect(made.size).toBe(2000);
    for (const id of made) expect(id).toMatch(UUID_V4);
    expect(randomIds('card')).toMatch(/^card-[0-9a-f-]{36}$/);
  });

  it('uses the platform randomUUID where it exists', () => {
    vi.stubGlobal('crypto', { randomUUID: () => 'from-the-platform', getRandomValues: () => { throw new Error('not used'); } });
    expect(randomUuid()).toBe('from-the-platform');
  });
});
