// Work elements in and out of files: CSV import and export, and the .IN2 and .alb instance formats.
import { ok, err, type Result } from '../result.ts';
import { parseAlb, parseIn2, validateInstance } from '../balance/index.ts';
import { validateElements, type BoardBalance } from './balance-board.ts';
import { toCsv } from '../csv.ts';

/** A work element read from a CSV file; predecessors by name. */
export interface CsvElement {
  name: string;
  time: number;
  predecessors: string[];
}

/** Splits one CSV line, with "quoted, fields" and "" for a quote inside quotes (RFC 4180). */
function csvFields(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return undefined;
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    out.push(field.trim());
    if (i >= line.length) return out;
    i++;
  }
}

/**
 * The most work elements one cell holds, whatever the file type. Scholl's largest published instance has 297 tasks and
 * a real assembly cell a few dozen; 2,000 leaves room for a whole line's routing in one cell while keeping the board,
 * the checks and the solver's inputs small enough to stay quick. The sync server's schema holds the same number.
 */
export const MAX_CELL_TASKS = 2000;
export const MAX_CSV_ROWS = MAX_CELL_TASKS;

const overCap = (count: number, what: string) =>
  err(`The file has ${count} ${what}; a cell holds at most ${MAX_CELL_TASKS} work elements. Split it into cells of ${MAX_CELL_TASKS} or fewer.`);

/**
 * Work elements from CSV. The format: a header `name,time,predecessors`, then one element a line; time in seconds
 * (decimal point, above 0: a zero time is refused with its line); predecessors are names of other elements of the file separated by `;` (empty when none).
 * Fields with commas go in double quotes. Precedence cycles are refused with the elements on them.
 */
export function parseElementsCsv(text: string): Result<CsvElement[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows = lines.map((s, k) => ({ no: k + 1, s })).filter((l) => l.s.trim() !== '');
  if (rows.length === 0) return err('The CSV file is empty; it needs the header "name,time,predecessors" and one line per work element.');
  const header = csvFields(rows[0]!.s)?.map((h) => h.toLowerCase());
  if (!header || header[0] !== 'name' || header[1] !== 'time' || (header[2] !== undefined && header[2] !== 'predecessors'))
    return err(`Line ${rows[0]!.no}: the header must be "name,time,predecessors"; found "${rows[0]!.s.slice(0, 60)}".`);
  if (rows.length - 1 > MAX_CSV_ROWS) return overCap(rows.length - 1, 'work elements');
  const out: CsvElement[] = [];
  const seen = new Set<string>();
  for (const { no, s } of rows.slice(1)) {
    const f = csvFields(s);
    if (!f) return err(`Line ${no}: a quoted field is not closed properly.`);
    if (f.length < 2 || f.length > 3) return err(`Line ${no}: expected 2 or 3 fields (name,time,predecessors), found ${f.length}.`);
    const [name, timeText, predText = ''] = f as [string, string, string?];
    if (name === '') return err(`Line ${no}: the work element has no name.`);
    if (seen.has(name)) return err(`Line ${no}: a second work element is called "${name}"; names must be unique.`);
    const time = Number(timeText);
    if (timeText === '' || !Number.isFinite(time) || time < 0)
      return err(`Line ${no}: the time of "${name}" must be a number of seconds above 0; found "${timeText}".`);
    // A work element takes time: a 0 is almost always a time left blank as 0 or a typo, and it would balance as free work.
    if (time === 0)
      return err(`Line ${no}: "${name}" has a time of 0 s. Every work element takes time: give its time in seconds, or leave it out of the file. Nothing was imported.`);
    seen.add(name);
    out.push({ name, time, predecessors: predText.split(';').map((p) => p.trim()).filter((p) => p !== '') });
  }
  for (const e of out)
    for (const p of e.predecessors) if (!seen.has(p)) return err(`"${e.name}" names a predecessor "${p}" that is not in the file.`);
  const check = validateElements(out.map((e) => ({ id: e.name, ...e })));
  return check.ok ? ok(out) : check;
}

/** Work elements from an .IN2 or .alb file (bytes decoded as latin1 by the caller); tasks are named "Task 1" … */
export function parseInstanceFile(fileName: string, text: string): Result<CsvElement[]> {
  const lower = fileName.toLowerCase();
  const parsed = lower.endsWith('.alb') ? parseAlb(text) : lower.endsWith('.in2') ? parseIn2(text) : lower.endsWith('.csv') ? null : undefined;
  if (parsed === undefined) return err(`"${fileName}" is not a .csv, .IN2 or .alb file.`);
  if (parsed === null) return parseElementsCsv(text);
  if (!parsed.ok) return parsed;
  const inst = parsed.value;
  if (inst.taskCount > MAX_CELL_TASKS) return overCap(inst.taskCount, 'tasks');
  const v = validateInstance(inst);
  if (!v.ok) return v;
  const name = (i: number) => `Task ${i + 1}`;
  // SALBP instances (Scholl's .IN2, Otto et al.'s .alb) never have a zero task time: one is a damaged file.
  const zero = inst.times.flatMap((time, i) => (time === 0 ? [name(i)] : []));
  if (zero.length > 0) {
    const listed = zero.length <= 5 ? zero.join(', ') : `${zero.slice(0, 5).join(', ')} and ${zero.length - 5} more`;
    return err(
      `${listed} ${zero.length === 1 ? 'has' : 'have'} a task time of 0 in "${fileName}". Balancing instances never have zero task times, so the file is damaged or not an instance; nothing was imported.`,
    );
  }
  const preds: string[][] = Array.from({ length: inst.taskCount }, () => []);
  for (const [a, b] of inst.arcs) if (!preds[b]!.includes(name(a))) preds[b]!.push(name(a));
  return ok(inst.times.map((time, i) => ({ name: name(i), time, predecessors: preds[i]! })));
}

/** The balance as CSV: one line per element in line order, with its station (empty when unassigned). */
export function balanceCsv(board: BoardBalance): string {
  const names = new Map(board.elements.map((e) => [e.id, e.name]));
  const stationOf = new Map<string, string>();
  const ordered: string[] = [];
  for (const s of board.stations) for (const id of s.elementIds) {
    stationOf.set(id, s.name);
    ordered.push(id);
  }
  for (const e of board.elements) if (!stationOf.has(e.id)) ordered.push(e.id);
  const byId = new Map(board.elements.map((e) => [e.id, e]));
  const rows: unknown[][] = [['station', 'name', 'time', 'predecessors']];
  for (const id of ordered) {
    const e = byId.get(id)!;
    // Every cell through toCsv: a name such as =HYPERLINK(…) is written as text a spreadsheet will not run.
    rows.push([stationOf.get(id) ?? '', e.name, e.time, e.predecessors.map((p) => names.get(p) ?? p).join(';')]);
  }
  return toCsv(rows);
}
