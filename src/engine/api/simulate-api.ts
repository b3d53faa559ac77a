// Simulation jobs of the engine API: long runs go to a worker of their own, with progress, and can be cancelled.
import { simulatePullLine, type PullLineInput, type SimProgress, type SimStage } from '../simulate/pull-line.ts';
import type { ShiftCalendar } from '../model.ts';
import { piecesPerDay, type Pieces, type PiecesPerDay } from '../units.ts';
import { err, ok, type Result } from '../result.ts';
import { fmt, taktFromCalendar } from '../takt.ts';

export const simulateJobs = {
  simulatePullLine: (input: PullLineInput, report: (progress: SimProgress) => void) => simulatePullLine(input, report),
};

/** What the simulation starts from for a value stream: its stages with their limits, and the customer's pace. */
export interface SimulationDefaults {
  stages: SimStage[];
  demandIntervalSeconds: number;
  /** Demand-weighted container quantity the pace is counted in. */
  containerQuantity: number;
  explanation: string;
}

/**
 * One customer withdrawal per container: every takt × (demand-weighted container quantity) seconds. Each stage
 * starts at 85 % of that interval with a CV of 0.5 (a moderately variable manual process), for the team to edit.
 */
export function simulationDefaults(
  calendar: ShiftCalendar,
  parts: readonly { demandPerDay: PiecesPerDay; containerQuantity: Pieces }[],
  stages: readonly { id: string; name: string; cardLimit: number }[],
): Result<SimulationDefaults> {
  const demand = parts.reduce((sum, part) => sum + part.demandPerDay, 0);
  if (parts.length === 0 || !(demand > 0)) return err('The value stream has no demand to simulate: give its parts a daily demand first.');
  const t = taktFromCalendar(calendar, piecesPerDay(demand));
  if (!t.ok) return t;
  const container = parts.reduce((sum, part) => sum + part.demandPerDay * part.containerQuantity, 0) / demand;
  if (!(container > 0)) return err('Container quantities must be more than 0 to simulate the line.');
  const interval = t.value.takt * container;
  return ok({
    stages: stages.map((s) => ({ id: s.id, name: s.name, cardLimit: Math.max(1, s.cardLimit), meanSeconds: Math.round(interval * 0.85), cv: 0.5 })),
    demandIntervalSeconds: interval,
    containerQuantity: container,
    explanation: `Takt ${fmt(t.value.takt)} s × ${fmt(container)} pieces per container (demand-weighted) = one customer withdrawal every ${fmt(interval)} s.`,
  });
}

export const simulateApi = { simulationDefaults };
