// Line-balancing calls and jobs of the engine API: the board's adapters (ids ↔ task indices), checks, metrics, parsers, solver jobs.
import { ok, err, type Result } from '../result.ts';
import {
  balanceMetrics,
  parseAlb,
  parseIn2,
  solveSalbp1,
  solveSalbp2,
  validateInstance,
  type BalanceInstance,
  type SolveProgress,
  type SolveResult,
} from '../balance/index.ts';
import { fmt } from '../takt.ts';

/** A work element as the board sends it: ids, not indices, so the board never deals with task numbers. */
export interface BoardElement {
  id: string;
  name: string;
  time: number;
  predecessors: string[];
}

/** The board's current balance: stations in line order, each with its elements in working order. */
export interface BoardBalance {
  elements: BoardElement[];
  stations: { id: string; name: string; elementIds: string[] }[];
  cycle: number;
}

export interface StationReport {
  id: string;
  time: number;
  idle: number;
  /** Seconds over the cycle (0 when it fits). */
  over: number;
}

export interface BoardReport {
  stations: StationReport[];
  /** Stations that hold work (empty columns do not count as operators). */
  stationsUsed: number;
  theoreticalMinStations: number;
  workContent: number;
  efficiency: number;
  balanceDelay: number;
  smoothness: number;
  totalIdle: number;
  unassigned: string[];
  /** Per element, sentences saying what is wrong with where it stands (precedence, station over cycle). */
  issues: Record<string, string[]>;
  /** Per station, a sentence when it is over the cycle time. */
  stationIssues: Record<string, string>;
  fits: boolean;
}

/** The board's elements as a solver instance: task i is elements[i]; predecessors become arcs. */
export function instanceFromElements(elements: readonly BoardElement[]): Result<BalanceInstance> {
  const index = new Map(elements.map((e, i) => [e.id, i]));
  const arcs: [number, number][] = [];
  for (let j = 0; j < elements.length; j++) {
    for (const p of elements[j]!.predecessors) {
      const i = index.get(p);
      if (i === undefined) return err(`"${elements[j]!.name}" names a predecessor that is not in this cell (${p}).`);
      arcs.push([i, j]);
    }
  }
  return ok({ taskCount: elements.length, times: elements.map((e) => e.time), arcs, names: elements.map((e) => e.name) });
}

/** Whether the elements can be balanced at all: times valid, predecessors known, no precedence cycle (named task by task). */
export function validateElements(elements: BoardElement[]): Result<true> {
  if (elements.length === 0) return ok(true);
  const inst = instanceFromElements(elements);
  if (!inst.ok) return inst;
  const v = validateInstance(inst.value);
  return v.ok ? ok(true) : err(v.error.replace(/task \d+ "([^"]*)"/g, '"$1"'));
}

/**
 * Where each element stands against the rules of the balance: a predecessor in a later station (or later in the
 * same station, or not yet assigned), and stations over the cycle. Metrics follow the definitions in DESIGN.md.
 */
export function boardReport(board: BoardBalance): Result<BoardReport> {
  const { cycle } = board;
  if (!Number.isFinite(cycle) || cycle <= 0) return err(`The cycle time must be more than 0 seconds; got ${cycle}.`);
  const byId = new Map(board.elements.map((e) => [e.id, e]));
  const place = new Map<string, { station: number; position: number }>();
  board.stations.forEach((s, station) => s.elementIds.forEach((id, position) => place.set(id, { station, position })));
  const issues: Record<string, string[]> = {};
  const note = (id: string, text: string) => (issues[id] ??= []).push(text);

  for (const e of board.elements) {
    const here = place.get(e.id);
    if (!here) continue;
    for (const p of e.predecessors) {
      const pred = byId.get(p);
      if (!pred) continue;
      const there = place.get(p);
      const stationName = (k: number) => board.stations[k]!.name;
      if (!there) note(e.id, `Needs "${pred.name}" first, which is not assigned to any station.`);
      else if (there.station > here.station)
        note(e.id, `Needs "${pred.name}" first, but it is done later, at ${stationName(there.station)}.`);
      else if (there.station === here.station && there.position > here.position)
        note(e.id, `Needs "${pred.name}" first, but it comes after this in ${stationName(here.station)}.`);
    }
  }

  const used = board.stations.filter((s) => s.elementIds.length > 0);
  const inst = instanceFromElements(board.elements);
  if (!inst.ok) return inst;
  const indexOf = new Map(board.elements.map((e, i) => [e.id, i]));
  const assignment = used.map((s) => s.elementIds.map((id) => indexOf.get(id)!).filter((i) => i !== undefined));
  const m = balanceMetrics(inst.value, assignment, cycle);
  const timeOf = (s: BoardBalance['stations'][number]) => s.elementIds.reduce((sum, id) => sum + (byId.get(id)?.time ?? 0), 0);

  const stationIssues: Record<string, string> = {};
  const stations = board.stations.map((s) => {
    const time = timeOf(s);
    const over = Math.max(0, time - cycle);
    if (over > 0) {
      stationIssues[s.id] = `${s.name} takes ${fmt(time)} s, ${fmt(over)} s over the cycle of ${fmt(cycle)} s.`;
      for (const id of s.elementIds) note(id, `${s.name} is ${fmt(over)} s over the cycle of ${fmt(cycle)} s.`);
    }
    return { id: s.id, time, idle: Math.max(0, cycle - time), over };
  });
  const workContent = board.elements.reduce((sum, e) => sum + e.time, 0);
  const unassigned = board.elements.filter((e) => !place.has(e.id)).map((e) => e.id);
  const report: BoardReport = {
    stations,
    stationsUsed: used.length,
    theoreticalMinStations: m.theoreticalMinStations,
    workContent,
    efficiency: m.efficiency,
    balanceDelay: m.balanceDelay,
    smoothness: m.smoothness,
    totalIdle: m.totalIdle,
    unassigned,
    issues,
    stationIssues,
    fits: Object.keys(issues).length === 0 && unassigned.length === 0,
  };
  return ok(report);
}

/** A saved balance (scenario) in the shape the comparison needs. */
export interface BalanceSnapshot {
  name: string;
  cycle: number;
  elements: BoardElement[];
  stations: { name: string; elementIds: string[] }[];
}

export interface ScenarioFigures {
  name: string;
  cycle: number;
  stationsUsed: number;
  efficiency: number;
  smoothness: number;
  totalIdle: number;
  idle: number[];
}

export interface ScenarioComparison {
  before: ScenarioFigures;
  after: ScenarioFigures;
  /** Elements whose station changed (by station name, since the two scenarios may have different station records). */
  moves: { id: string; name: string; from: string; to: string }[];
}

function figures(s: BalanceSnapshot): Result<ScenarioFigures> {
  const report = boardReport({ ...s, stations: s.stations.map((st, k) => ({ id: `s${k}`, ...st })) });
  if (!report.ok) return report;
  const r = report.value;
  return ok({
    name: s.name,
    cycle: s.cycle,
    stationsUsed: r.stationsUsed,
    efficiency: r.efficiency,
    smoothness: r.smoothness,
    totalIdle: r.totalIdle,
    idle: r.stations.filter((st) => st.time > 0).map((st) => st.idle),
  });
}

/** Side-by-side figures of two balances and the moves that lead from the first to the second. */
export function compareBalances(before: BalanceSnapshot, after: BalanceSnapshot): Result<ScenarioComparison> {
  const a = figures(before);
  if (!a.ok) return a;
  const b = figures(after);
  if (!b.ok) return b;
  const stationOf = (s: BalanceSnapshot) => {
    const map = new Map<string, string>();
    for (const st of s.stations) for (const id of st.elementIds) map.set(id, st.name);
    return map;
  };
  const from = stationOf(before);
  const to = stationOf(after);
  const names = new Map([...before.elements, ...after.elements].map((e) => [e.id, e.name]));
  const moves: ScenarioComparison['moves'] = [];
  for (const id of new Set([...from.keys(), ...to.keys(), ...after.elements.map((e) => e.id)])) {
    const f = from.get(id) ?? 'Unassigned';
    const t = to.get(id) ?? (after.elements.some((e) => e.id === id) ? 'Unassigned' : 'Removed');
    if (f !== t) moves.push({ id, name: names.get(id) ?? id, from: f, to: t });
  }
  return ok({ before: a.value, after: b.value, moves });
}

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

export const MAX_CSV_ROWS = 2000;

/**
 * Work elements from CSV. The format: a header `name,time,predecessors`, then one element a line; time in seconds
 * (decimal point); predecessors are names of other elements of the file separated by `;` (empty when none).
 * Fields with commas go in double quotes. Precedence cycles are refused with the elements on them.
 */
export function parseElementsCsv(text: string): Result<CsvElement[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows = lines.map((s, k) => ({ no: k + 1, s })).filter((l) => l.s.trim() !== '');
  if (rows.length === 0) return err('The CSV file is empty; it needs the header "name,time,predecessors" and one line per work element.');
  const header = csvFields(rows[0]!.s)?.map((h) => h.toLowerCase());
  if (!header || header[0] !== 'name' || header[1] !== 'time' || (header[2] !== undefined && header[2] !== 'predecessors'))
    return err(`Line ${rows[0]!.no}: the header must be "name,time,predecessors"; found "${rows[0]!.s.slice(0, 60)}".`);
  if (rows.length - 1 > MAX_CSV_ROWS) return err(`The CSV file has ${rows.length - 1} work elements; at most ${MAX_CSV_ROWS} are accepted.`);
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
      return err(`Line ${no}: the time of "${name}" must be a number of seconds of at least 0; found "${timeText}".`);
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
  const v = validateInstance(inst);
  if (!v.ok) return v;
  const name = (i: number) => `Task ${i + 1}`;
  const preds: string[][] = Array.from({ length: inst.taskCount }, () => []);
  for (const [a, b] of inst.arcs) if (!preds[b]!.includes(name(a))) preds[b]!.push(name(a));
  return ok(inst.times.map((time, i) => ({ name: name(i), time, predecessors: preds[i]! })));
}

/** The balance as CSV: one line per element in line order, with its station (empty when unassigned). */
export function balanceCsv(board: BoardBalance): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const names = new Map(board.elements.map((e) => [e.id, e.name]));
  const stationOf = new Map<string, string>();
  const ordered: string[] = [];
  for (const s of board.stations) for (const id of s.elementIds) {
    stationOf.set(id, s.name);
    ordered.push(id);
  }
  for (const e of board.elements) if (!stationOf.has(e.id)) ordered.push(e.id);
  const byId = new Map(board.elements.map((e) => [e.id, e]));
  const lines = ['station,name,time,predecessors'];
  for (const id of ordered) {
    const e = byId.get(id)!;
    lines.push([q(stationOf.get(id) ?? ''), q(e.name), fmt(e.time), q(e.predecessors.map((p) => names.get(p) ?? p).join(';'))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const balanceApi = {
  validateElements,
  boardReport,
  compareBalances,
  parseElementsCsv,
  parseInstanceFile,
  balanceCsv,
};

/** A proposal from the solver, mapped back from task indices to the board's element ids. */
export interface Proposal {
  result: Omit<SolveResult, 'assignment'>;
  stations: string[][];
}

export interface SolveJobArgs {
  elements: BoardElement[];
  /** SALBP-1: the cycle (takt) to meet. */
  cycle?: number;
  /** SALBP-2: the number of stations (operators). */
  stations?: number;
  timeLimitMs?: number;
}

/** Progress with the best balance so far as element ids, so a cancelled run still leaves a usable proposal. */
export interface JobProgress {
  lowerBound: number;
  upperBound: number;
  elapsedMs: number;
  best?: string[][];
}

/**
 * The one clock of the engine layer. Jobs run in a worker of their own and the solver needs a clock for its time
 * limit and progress throttling, but the engine code itself must not read one (the purity test); so the job
 * wrapper, the boundary between the worker and the engine, injects it. performance.now is monotonic (Date.now is not).
 */
const workerClock = (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now();

function runSolver(
  args: SolveJobArgs,
  report: (p: JobProgress) => void,
  solve: (inst: BalanceInstance, onProgress: (p: SolveProgress) => void) => Result<SolveResult>,
): Result<Proposal> {
  const inst = instanceFromElements(args.elements);
  if (!inst.ok) return inst;
  const ids = args.elements.map((e) => e.id);
  const toIds = (stations: number[][]) => stations.map((s) => s.map((i) => ids[i]!));
  const r = solve(inst.value, (p) =>
    report({ lowerBound: p.lowerBound, upperBound: p.upperBound, elapsedMs: p.elapsedMs, ...(p.best ? { best: toIds(p.best) } : {}) }),
  );
  if (!r.ok) return err(r.error.replace(/task \d+ "([^"]*)"/g, '"$1"'));
  const { assignment, ...result } = r.value;
  return ok({ result, stations: toIds(assignment) });
}

export const balanceJobs = {
  /** Fewest stations for the cycle (takt). */
  salbp1: (args: SolveJobArgs, report: (progress: JobProgress) => void): Result<Proposal> =>
    runSolver(args, report, (inst, onProgress) =>
      solveSalbp1(inst, args.cycle ?? NaN, { now: workerClock, onProgress, ...(args.timeLimitMs ? { timeLimitMs: args.timeLimitMs } : {}) }),
    ),
  /** Shortest cycle for a number of stations (operators). */
  salbp2: (args: SolveJobArgs, report: (progress: JobProgress) => void): Result<Proposal> =>
    runSolver(args, report, (inst, onProgress) =>
      solveSalbp2(inst, args.stations ?? NaN, { now: workerClock, onProgress, ...(args.timeLimitMs ? { timeLimitMs: args.timeLimitMs } : {}) }),
    ),
};
