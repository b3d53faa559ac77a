// Parser for Scholl's .IN2 precedence-graph format (Scholl 1993): n, n task times, arcs "i,j", end mark "-1,-1".
import { ok, err, type Result } from '../result.ts';
import type { BalanceInstance } from './instance.ts';

/**
 * Parses the text of an .IN2 file. The caller decodes the bytes as latin1: several published files carry
 * German remarks in Latin-1/CP437 and a DOS end-of-file byte after the end mark, so parsing stops there.
 */
export function parseIn2(text: string): Result<BalanceInstance> {
  const lines = text.split(/\r\n|\r|\n/);
  let ln = 0;
  const nextLine = (): { no: number; s: string } | undefined => {
    while (ln < lines.length) {
      const s = lines[ln++]!.trim();
      if (s !== '') return { no: ln, s };
    }
    return undefined;
  };
  const first = nextLine();
  if (!first) return err('The .IN2 file is empty; line 1 should hold the number of tasks.');
  if (!/^\d+$/.test(first.s)) return err(`Line ${first.no}: expected the number of tasks, found "${clip(first.s)}".`);
  const n = Number(first.s);
  if (n < 1) return err(`Line ${first.no}: the number of tasks must be at least 1.`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = nextLine();
    if (!l) return err(`The file ends after ${i} task times; ${n} were announced on line ${first.no}.`);
    if (!/^\d+(\.\d+)?$/.test(l.s)) return err(`Line ${l.no}: expected the time of task ${i + 1}, found "${clip(l.s)}".`);
    times.push(Number(l.s));
  }
  const arcs: [number, number][] = [];
  for (;;) {
    const l = nextLine();
    if (!l) return err(`The file ends without the end mark "-1,-1" after the precedence relations.`);
    const m = /^(-?\d+)\s*,\s*(-?\d+)$/.exec(l.s);
    if (!m) return err(`Line ${l.no}: expected a precedence relation "i,j" or the end mark "-1,-1", found "${clip(l.s)}".`);
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a === -1 && b === -1) break;
    if (a < 1 || a > n || b < 1 || b > n)
      return err(`Line ${l.no}: the relation ${a},${b} names a task outside 1..${n}.`);
    arcs.push([a - 1, b - 1]);
  }
  return ok({ taskCount: n, times, arcs });
}

export const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
