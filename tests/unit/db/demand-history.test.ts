// A part's demand history: pasted text becomes numbers, and anything unreadable is refused without a write.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaktDb } from '../../../src/db/schema.ts';
import { seedDemoIfEmpty } from '../../../src/db/seed.ts';
import { MAX_HISTORY_DAYS, parseDemandHistory, saveDemandHistory } from '../../../src/db/demand.ts';

const demoText = readFileSync(new URL('../../../static/demo-line.json', import.meta.url), 'utf8');
const PART = 'part-sc100';
let db: TaktDb;

beforeEach(async () => {
  db = new TaktDb(`demand-${Math.random()}`);
  await seedDemoIfEmpty(db, async () => demoText, Date.UTC(2026, 10, 26));
});

describe('parseDemandHistory', () => {
  it('reads numbers separated by commas, spaces, semicolons and new lines, in order', () => {
    expect(parseDemandHistory(' 420, 431\n398;0  12.5\r\n1e2 ')).toEqual({ ok: true, value: [420, 431, 398, 0, 12.5, 100] });
  });

  it('treats a comma as a separator, never as a decimal mark', () => {
    expect(parseDemandHistory('1,5')).toEqual({ ok: true, value: [1, 5] });
  });

  it('refuses an empty history', () => {
    const r = parseDemandHistory(' \n , ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/empty/);
  });

  it('refuses a value that is not a number and names it', () => {
    for (const text of ['420 abc 400', '420 12x', '420 NaN', '420 Infinity', '0x10']) {
      const r = parseDemandHistory(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/is not a number/);
    }
  });

  it('refuses a negative value and says which one', () => {
    const r = parseDemandHistory('420 -3 400');
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^Value 2 is -3; demand cannot be negative/) });
  });

  it(`refuses more than ${MAX_HISTORY_DAYS} values`, () => {
    expect(parseDemandHistory(Array(MAX_HISTORY_DAYS + 1).fill('1').join(' ')).ok).toBe(false);
    expect(parseDemandHistory(Array(MAX_HISTORY_DAYS).fill('1').join(' ')).ok).toBe(true);
  });
});

describe('saveDemandHistory', () => {
  it('replaces the part history and leaves the rest of the part as it was', async () => {
    const before = await db.parts.get(PART);
    expect(before?.demandHistory).toHaveLength(60);
    const r = await saveDemandHistory(db, PART, '400, 410, 420');
    expect(r).toEqual({ ok: true, days: 3 });
    const after = await db.parts.get(PART);
    expect(after).toEqual({ ...before, demandHistory: [400, 410, 420] });
  });

  it('refuses non-numbers or negatives and changes nothing', async () => {
    const before = await db.parts.toArray();
    for (const text of ['400 four-hundred', '400 -1', '']) {
      const r = await saveDemandHistory(db, PART, text);
      expect(r.ok, text).toBe(false);
    }
    expect(await db.parts.toArray()).toEqual(before);
  });

  it('refuses an unknown part without creating one', async () => {
    const count = await db.parts.count();
    expect(await saveDemandHistory(db, 'no-such-part', '1 2 3')).toEqual({ ok: false, error: 'There is no part no-such-part.' });
    expect(await db.parts.count()).toBe(count);
  });

  it('gives a part without history its first one', async () => {
    await db.parts.update(PART, { demandHistory: undefined });
    expect(await saveDemandHistory(db, PART, '5\n6')).toEqual({ ok: true, days: 2 });
    expect((await db.parts.get(PART))?.demandHistory).toEqual([5, 6]);
  });
});
