// An instance file read for import together with the cycle time it should be balanced at: the file's own (.alb), or
// one the planner gives (a cycle, or a demand and the day's available time), since .IN2 files carry none.
import { ok, err, type Result } from '../result.ts';
import { parseAlb } from '../balance/index.ts';
import { parseInstanceFile, type CsvElement } from './balance-csv.ts';

export interface ImportedFile {
  elements: CsvElement[];
  /** The cycle time written in the file (.alb), offered as the default; null when the file has none. */
  fileCycle: number | null;
  /** The file is a balancing instance (.IN2, .alb) with no link to this line's takt: ask which cycle to balance at. */
  asksCycle: boolean;
}

/** Parses an import file and says which cycle time it brings and whether to ask for one. */
export function readImportFile(fileName: string, text: string): Result<ImportedFile> {
  const elements = parseInstanceFile(fileName, text);
  if (!elements.ok) return elements;
  const lower = fileName.toLowerCase();
  let fileCycle: number | null = null;
  if (lower.endsWith('.alb')) {
    const alb = parseAlb(text);
    if (alb.ok && alb.value.cycle !== undefined && Number.isFinite(alb.value.cycle) && alb.value.cycle > 0) fileCycle = alb.value.cycle;
  }
  return ok({ elements: elements.value, fileCycle, asksCycle: lower.endsWith('.alb') || lower.endsWith('.in2') });
}

/**
 * The cycle time a planner's answer gives: a cycle in seconds, or a demand (pieces a day) over the available time
 * (takt = available ÷ demand). Refused, with what to fix, when it is missing, not a positive number, or shorter than
 * the longest work element (no station could hold it).
 */
export function importCycle(answer: { cycle?: number | null; demand?: number | null }, availablePerDay: number | null, longestTask: number): Result<number> {
  let cycle: number;
  if (answer.cycle !== undefined && answer.cycle !== null) {
    if (!Number.isFinite(answer.cycle) || answer.cycle <= 0) return err(`The cycle time must be a number of seconds above 0; got ${answer.cycle}.`);
    cycle = answer.cycle;
  } else if (answer.demand !== undefined && answer.demand !== null) {
    if (!Number.isFinite(answer.demand) || answer.demand <= 0) return err(`The demand must be a number of pieces a day above 0; got ${answer.demand}.`);
    if (availablePerDay === null || !(availablePerDay > 0)) return err('There is no available time in the shift calendar to derive a cycle from; give the cycle time instead.');
    cycle = availablePerDay / answer.demand;
  } else return err('Give the cycle time to balance at, or the demand to derive it from.');
  if (cycle < longestTask) return err(`A cycle of ${Math.round(cycle * 100) / 100} s is shorter than the longest work element (${longestTask} s); no station could hold it.`);
  return ok(cycle);
}
