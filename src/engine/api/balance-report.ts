// Where each element of the board's balance stands against the rules (precedence, cycle) and the balance's metrics.
import { ok, err, type Result } from '../result.ts';
import { balanceMetrics } from '../balance/index.ts';
import { fmt } from '../takt.ts';
import { instanceFromElements, type BoardBalance } from './balance-board.ts';

export interface StationReport {
  id: string;
  time: number;
  /** Cycle − time: negative when the station is over the cycle. */
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
  /** Σ seconds stations run over the cycle. */
  overload: number;
  /**
   * False when a station is over the cycle or a precedence rule is broken: its figures (stations, efficiency) are then
   * not those of a balance the line can run, and every view of them says so.
   */
  valid: boolean;
  /** Why the balance is invalid, one sentence per kind of problem (empty when valid). */
  invalidReasons: string[];
  unassigned: string[];
  /** Per element, sentences saying what is wrong with where it stands (precedence, station over cycle). */
  issues: Record<string, string[]>;
  /** Per station, a sentence when it is over the cycle time. */
  stationIssues: Record<string, string>;
  fits: boolean;
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
  const brokenPrecedence = new Set<string>();

  for (const e of board.elements) {
    const here = place.get(e.id);
    if (!here) continue;
    for (const p of e.predecessors) {
      const pred = byId.get(p);
      if (!pred) continue;
      const there = place.get(p);
      const stationName = (k: number) => board.stations[k]!.name;
      if (!there) note(e.id, `Needs "${pred.name}" first, which is not assigned to any station.`);
      else if (there.station > here.station) {
        note(e.id, `Needs "${pred.name}" first, but it is done later, at ${stationName(there.station)}.`);
        brokenPrecedence.add(e.id);
      } else if (there.station === here.station && there.position > here.position) {
        note(e.id, `Needs "${pred.name}" first, but it comes after this in ${stationName(here.station)}.`);
        brokenPrecedence.add(e.id);
      }
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
    return { id: s.id, time, idle: cycle - time, over };
  });
  const workContent = board.elements.reduce((sum, e) => sum + e.time, 0);
  const unassigned = board.elements.filter((e) => !place.has(e.id)).map((e) => e.id);
  const overStations = stations.filter((st) => st.over > 0).length;
  const brokenOnBoard = [...brokenPrecedence];
  const invalidReasons: string[] = [];
  if (overStations > 0)
    invalidReasons.push(`${overStations} station${overStations === 1 ? ' is' : 's are'} over the cycle of ${fmt(cycle)} s (${fmt(stations.reduce((a, st) => a + st.over, 0))} s overload).`);
  if (brokenOnBoard.length > 0)
    invalidReasons.push(`${brokenOnBoard.length} work element${brokenOnBoard.length === 1 ? ' comes' : 's come'} before a predecessor (precedence broken).`);
  const report: BoardReport = {
    stations,
    stationsUsed: used.length,
    theoreticalMinStations: m.theoreticalMinStations,
    workContent,
    efficiency: m.efficiency,
    balanceDelay: m.balanceDelay,
    smoothness: m.smoothness,
    totalIdle: stations.reduce((a, st) => a + Math.max(0, st.idle), 0),
    overload: stations.reduce((a, st) => a + st.over, 0),
    valid: invalidReasons.length === 0,
    invalidReasons,
    unassigned,
    issues,
    stationIssues,
    fits: Object.keys(issues).length === 0 && unassigned.length === 0,
  };
  return ok(report);
}
