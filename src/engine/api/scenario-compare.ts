// Two saved balances (scenarios) side by side: their figures and the moves that lead from one to the other.
import { ok, type Result } from '../result.ts';
import type { BoardElement } from './balance-board.ts';
import { boardReport } from './balance-report.ts';

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
  /** Per station holding work: cycle − time, negative when over the cycle. */
  idle: number[];
  overload: number;
  /** False when a station is over the cycle or precedence is broken: its figures are not a runnable balance. */
  valid: boolean;
  invalidReasons: string[];
  /** Every element is on a station. */
  complete: boolean;
}

export interface ScenarioComparison {
  before: ScenarioFigures;
  after: ScenarioFigures;
  /** Elements whose station changed (by station name, since the two scenarios may have different station records). */
  moves: { id: string; name: string; from: string; to: string }[];
  /**
   * Which balance is better: among valid, complete balances fewer stations, then higher efficiency, then lower
   * smoothness. An invalid or incomplete balance is never ranked best; null when neither qualifies or they tie.
   */
  better: 'before' | 'after' | null;
  /** The ranking in one sentence, saying which side is invalid. */
  verdict: string;
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
    overload: r.overload,
    valid: r.valid,
    invalidReasons: r.invalidReasons,
    complete: r.unassigned.length === 0,
  });
}

const EPS = 1e-9;

function rank(a: ScenarioFigures, b: ScenarioFigures): { better: 'before' | 'after' | null; verdict: string } {
  const usable = (f: ScenarioFigures) => f.valid && f.complete;
  const why = (f: ScenarioFigures) => (f.valid ? 'incomplete (work elements unassigned)' : `invalid: ${f.invalidReasons.join(' ')}`);
  if (!usable(a) && !usable(b)) return { better: null, verdict: `Neither balance can run: "${a.name}" is ${why(a)} "${b.name}" is ${why(b)}` };
  if (!usable(a)) return { better: 'after', verdict: `"${b.name}" is the better balance; "${a.name}" is ${why(a)}` };
  if (!usable(b)) return { better: 'before', verdict: `"${a.name}" is the better balance; "${b.name}" is ${why(b)}` };
  const order =
    a.stationsUsed - b.stationsUsed || (Math.abs(a.efficiency - b.efficiency) > EPS ? b.efficiency - a.efficiency : 0) || (Math.abs(a.smoothness - b.smoothness) > EPS ? a.smoothness - b.smoothness : 0);
  if (order === 0) return { better: null, verdict: 'Both balances are valid and equally good.' };
  const [win, lose] = order < 0 ? [a, b] : [b, a];
  return { better: order < 0 ? 'before' : 'after', verdict: `Both are valid; "${win.name}" is better than "${lose.name}".` };
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
  return ok({ before: a.value, after: b.value, moves, ...rank(a.value, b.value) });
}
