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
