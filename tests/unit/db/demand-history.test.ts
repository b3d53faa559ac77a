// A part's demand history: pasted text becomes numbers (engine), part.set-history stores them (store), and anything
// unreadable is refused without a write.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TaktDb } from '../../../src/db/schema.ts';
import { MAX_HISTORY_DAYS, parseDemandHistory } from '../../../src/engine/demand-history.ts';
import { asId } from '../../../src/engine/ids.ts';
import { accepted, commander, demoDb, dump, type Run } from './helpers.ts';

const PART = asId('part', 'part-sc100');
let db: TaktDb;
let run: Run;

beforeEach(async () => {
  db = await demoDb('demand');
  run = commander(db, { who: 'Planner', at: Date.UTC(2026, 10, 26, 9) });
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

/** What the part editor does: parse the pasted text, then send the numbers as a command. */
async function saveDemandHistory(partId: string, text: string) {
  const parsed = parseDemandHistory(text);
  if (!parsed.ok) return parsed;
  return run({ type: 'part.set-history', partId: asId('part', partId), history: parsed.value });
}

describe('part.set-history', () => {
  it('replaces the part history, leaves the rest of the part as it was, and logs the new part', async () => {
    const before = await db.parts.get(PART);
    expect(before?.demandHistory).toHaveLength(60);
    const r = await saveDemandHistory(PART, '400, 410, 420');
    expect(r).toMatchObject({ ok: true, value: { outcome: { changed: 3 } } });
    const after = await db.parts.get(PART);
    expect(after).toEqual({ ...before, demandHistory: [400, 410, 420] });
    const { events } = accepted(r as Awaited<ReturnType<Run>>);
    expect(events).toEqual([expect.objectContaining({ type: 'part-updated', part: after, streamId: 'demo-steering', who: 'Planner' })]);
    expect(await db.events.orderBy('id').last()).toEqual(events[0]);
  });

  it('refuses non-numbers or negatives and changes nothing', async () => {
    const before = await dump(db);
    for (const text of ['400 four-hundred', '400 -1', '']) {
      const r = await saveDemandHistory(PART, text);
      expect(r.ok, text).toBe(false);
    }
    // The rule checks the numbers itself too: a command from anywhere else cannot store a bad history.
    for (const [history, message] of [
      [[], /empty/],
      [[400, -1], /^Value 2 is -1; demand is a number of pieces, 0 or more\.$/],
      [[400, Number.NaN], /^Value 2 is NaN/],
      [[Number.POSITIVE_INFINITY], /^Value 1 is Infinity/],
      [['400' as unknown as number], /^Value 1 is 400/],
      [Array(MAX_HISTORY_DAYS + 1).fill(1), new RegExp(`at most ${MAX_HISTORY_DAYS} working days`)],
    ] as const) {
      expect(await run({ type: 'part.set-history', partId: PART, history: [...history] })).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(message) });
    }
    expect(await dump(db)).toBe(before);
  });

  it('accepts the longest history allowed', async () => {
    accepted(await run({ type: 'part.set-history', partId: PART, history: Array(MAX_HISTORY_DAYS).fill(7) }));
    expect((await db.parts.get(PART))?.demandHistory).toHaveLength(MAX_HISTORY_DAYS);
  });

  it('refuses an unknown part without creating one', async () => {
    const before = await dump(db);
    expect(await saveDemandHistory('no-such-part', '1 2 3')).toEqual({ ok: false, code: 'not-found', error: 'There is no part no-such-part.' });
    expect(await dump(db)).toBe(before);
  });

  it('gives a part without history its first one', async () => {
    const added = accepted(
      await run({ type: 'part.add', streamId: asId('stream', 'demo-steering'), part: { partNumber: 'SC-300', name: 'Column', family: 'Columns', demandPerDay: 50, containerQuantity: 10 } }),
    );
    expect(await db.parts.get(added.outcome.id!)).not.toHaveProperty('demandHistory');
    expect(await saveDemandHistory(added.outcome.id!, '5\n6')).toMatchObject({ ok: true, value: { outcome: { changed: 2 } } });
    expect((await db.parts.get(added.outcome.id!))?.demandHistory).toEqual([5, 6]);
  });

  it('a history saved twice under one command id is stored once', async () => {
    const send = () => run({ type: 'part.set-history', partId: PART, history: [1, 2, 3] }, { commandId: 'paste-1' });
    accepted(await send());
    const before = await dump(db);
    expect(await send()).toMatchObject({ ok: true, value: { duplicate: true, events: [] } });
    expect(await dump(db)).toBe(before);
  });
});
