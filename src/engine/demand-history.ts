// A part's demand history as a person pastes it: pieces per working day, oldest first, read from text.
import { err, ok, type Result } from './result.ts';

/** Five years of working days; more than that is almost surely a paste of the wrong column. */
export const MAX_HISTORY_DAYS = 1300;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Numbers separated by commas, semicolons, spaces or new lines (as pasted from a spreadsheet column or row).
 * A comma is always a separator, never a decimal mark: "1,5" is two days, 1 and 5.
 */
export function parseDemandHistory(text: string): Result<number[]> {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length === 0) return err('The demand history is empty: enter pieces per working day, oldest first, separated by commas, spaces or new lines.');
  if (tokens.length > MAX_HISTORY_DAYS) return err(`The demand history has ${tokens.length} values; at most ${MAX_HISTORY_DAYS} working days are accepted.`);
  const value: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const n = Number(token);
    if (!NUMBER.test(token) || !Number.isFinite(n)) return err(`Value ${i + 1} ("${token.slice(0, 20)}") is not a number; enter pieces per working day, for example 420.`);
    if (n < 0) return err(`Value ${i + 1} is ${token}; demand cannot be negative (enter 0 for a day without demand).`);
    value.push(n);
  }
  return ok(value);
}
