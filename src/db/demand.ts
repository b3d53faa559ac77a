// A part's demand history (pieces per working day, oldest first): parsed from pasted text and written in one transaction.
import type { TaktDb } from './schema.ts';

export type DemandWriteResult = { ok: true; days: number } | { ok: false; error: string };
export type ParsedHistory = { ok: true; value: number[] } | { ok: false; error: string };

/** Five years of working days; more than that is almost surely a paste of the wrong column. */
export const MAX_HISTORY_DAYS = 1300;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Numbers separated by commas, semicolons, spaces or new lines (as pasted from a spreadsheet column or row).
 * A comma is always a separator, never a decimal mark: "1,5" is two days, 1 and 5.
 */
export function parseDemandHistory(text: string): ParsedHistory {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, error: 'The demand history is empty: enter pieces per working day, oldest first, separated by commas, spaces or new lines.' };
  if (tokens.length > MAX_HISTORY_DAYS) return { ok: false, error: `The demand history has ${tokens.length} values; at most ${MAX_HISTORY_DAYS} working days are accepted.` };
  const value: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const n = Number(token);
    if (!NUMBER.test(token) || !Number.isFinite(n)) return { ok: false, error: `Value ${i + 1} ("${token.slice(0, 20)}") is not a number; enter pieces per working day, for example 420.` };
    if (n < 0) return { ok: false, error: `Value ${i + 1} is ${token}; demand cannot be negative (enter 0 for a day without demand).` };
    value.push(n);
  }
  return { ok: true, value };
}

/** Replaces a part's demand history with the numbers in `text`; anything unreadable is refused and nothing is written. */
export async function saveDemandHistory(db: TaktDb, partId: string, text: string): Promise<DemandWriteResult> {
  const parsed = parseDemandHistory(text);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', db.parts, async (): Promise<DemandWriteResult> => {
    const part = await db.parts.get(partId);
    if (!part) return { ok: false, error: `There is no part ${partId}.` };
    await db.parts.update(partId, { demandHistory: parsed.value });
    return { ok: true, days: parsed.value.length };
  });
}
