// Parser for the .alb format of Otto, Otto & Scholl (2013): tagged sections <number of tasks>, <cycle time>, <task times>, <precedence relations>, <end>.
import { ok, err, type Result } from '../result.ts';
import type { BalanceInstance } from './instance.ts';
import { clip } from './parse-in2.ts';

const num = (s: string): number | undefined => {
  // The SALBP data generator writes decimals with a comma in some files (e.g. order strength "0,268").
  const t = s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
};

/** Parses the text of an .alb file (the caller decodes bytes as latin1). The file's own cycle time is kept. */
export function parseAlb(text: string): Result<BalanceInstance> {
  const lines = text.split(/\r\n|\r|\n/);
  let section = '';
  let n: number | undefined;
  let cycle: number | undefined;
  const times = new Map<number, number>();
  const arcs: [number, number][] = [];
  const arcLines: number[] = [];
  let ended = false;
  for (let i = 0; i < lines.length && !ended; i++) {
    const no = i + 1;
    const s = lines[i]!.trim();
    if (s === '') continue;
    const tag = /^<([^>]*)>$/.exec(s);
    if (tag) {
      section = tag[1]!.trim().toLowerCase();
      if (section === 'end') ended = true;
      continue;
    }
    switch (section) {
      case 'number of tasks': {
        const v = num(s);
        if (v === undefined || !Number.isInteger(v) || v < 1)
          return err(`Line ${no}: expected the number of tasks, found "${clip(s)}".`);
        n = v;
        break;
      }
      case 'cycle time': {
        const v = num(s);
        if (v === undefined) return err(`Line ${no}: expected the cycle time, found "${clip(s)}".`);
        cycle = v;
        break;
      }
      case 'task times': {
        const m = /^(\d+)\s+(\S+)$/.exec(s);
        const t = m ? num(m[2]!) : undefined;
        if (!m || t === undefined) return err(`Line ${no}: expected "task time" (e.g. "1 42"), found "${clip(s)}".`);
        const id = Number(m[1]);
        if (times.has(id)) return err(`Line ${no}: task ${id} has a second time.`);
        times.set(id, t);
        break;
      }
      case 'precedence relations': {
        const m = /^(\d+)\s*,\s*(\d+)$/.exec(s);
        if (!m) return err(`Line ${no}: expected a precedence relation "i,j", found "${clip(s)}".`);
        arcs.push([Number(m[1]) - 1, Number(m[2]) - 1]);
        arcLines.push(no);
        break;
      }
      case '':
        return err(`Line ${no}: text "${clip(s)}" outside any <section>.`);
      default:
        // Other tagged sections (order strength, sequence-dependent times, ...) carry nothing SALBP needs.
        break;
    }
  }
  if (n === undefined) return err('The .alb file has no <number of tasks> section.');
  const list: number[] = [];
  for (let id = 1; id <= n; id++) {
    const t = times.get(id);
    if (t === undefined) return err(`The <task times> section has no time for task ${id} (of ${n}).`);
    list.push(t);
  }
  for (const id of times.keys())
    if (id < 1 || id > n) return err(`The <task times> section names task ${id}, outside 1..${n}.`);
  for (let k = 0; k < arcs.length; k++) {
    const [a, b] = arcs[k]!;
    if (a < 0 || a >= n || b < 0 || b >= n)
      return err(`Line ${arcLines[k]}: the relation ${a + 1},${b + 1} names a task outside 1..${n}.`);
  }
  const inst: BalanceInstance = { taskCount: n, times: list, arcs };
  if (cycle !== undefined) inst.cycle = cycle;
  return ok(inst);
}
