// Replications of the line with independent seeds: every figure as a mean with its 95 % confidence interval, and hybrid-JIT safety stock.
import { err, ok, type Result } from '../result.ts';
import { safetyStock } from '../safety-stock.ts';
import { days, piecesPerDay } from '../units.ts';
import { checkLineModel, type LineModel } from './line-model.ts';
import { runReplication, type ReplicationResult } from './line-sim.ts';

export interface Estimate {
  mean: number;
  /** 95 % confidence interval of the mean: mean ± t(0.975, R−1)·s/√R; [mean, mean] with one replication. */
  ci95: [number, number];
}

export interface PartSafetyStock {
  part: string;
  /** Smallest safety stock (containers) whose simulated fill rate reaches the target; null if none up to the search cap does. */
  simulated: number | null;
  fillRateAtSimulated: number | null;
  /** z·σ·√L from the engine's safety-stock formula, with σ of hourly demand and L the simulated mean lead time. */
  formula: number | null;
  /** True when the part needs stock beyond its cards to reach the target. */
  needsSafetyStock: boolean;
}

export interface LineSimulation {
  replications: number;
  seed: number;
  hours: number;
  warmupHours: number;
  throughputPerHour: Estimate;
  fillRate: Estimate;
  leadTimeSeconds: { mean: number; ci95: [number, number]; p50: number; p85: number; p95: number };
  wip: Estimate;
  supermarket: Estimate;
  stockouts: Estimate;
  scrapped: Estimate;
  stages: { name: string; busy: number; blocked: number; starved: number; down: number }[];
  parts: { name: string; fillRate: Estimate }[];
  safetyStock?: PartSafetyStock[];
}

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom (any statistics table, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  if (df <= 30) return T975[df - 1];
  if (df <= 60) return 2.042 + ((2.0 - 2.042) * (df - 30)) / 30;
  if (df <= 120) return 2.0 + ((1.98 - 2.0) * (df - 60)) / 60;
  return 1.96;
}

/** Mean and 95 % t interval over independent replications (Law, "Simulation Modeling and Analysis", §9.4.1). */
export function estimate(xs: readonly number[]): Estimate {
  const r = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / r;
  if (r < 2) return { mean, ci95: [mean, mean] };
  const s2 = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / (r - 1);
  const half = tQuantile975(r - 1) * Math.sqrt(s2 / r);
  return { mean, ci95: [mean - half, mean + half] };
}

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function runAll(m: LineModel, seed: number, reps: number, report?: (fraction: number) => void): ReplicationResult[] {
  const out: ReplicationResult[] = [];
  for (let r = 0; r < reps; r++) out.push(runReplication(m, r, seed, report ? (f) => report((r + f) / reps) : undefined));
  return out;
}

function summarise(m: LineModel, seed: number, runs: ReplicationResult[]): LineSimulation {
  const parts = m.parts && m.parts.length > 0 ? m.parts : [{ name: 'all', share: 1 }];
  const lead = estimate(runs.map((r) => r.leadTimeMean));
  return {
    replications: runs.length,
    seed,
    hours: m.hours,
    warmupHours: m.warmupHours,
    throughputPerHour: estimate(runs.map((r) => r.throughputPerHour)),
    fillRate: estimate(runs.map((r) => r.fillRate)),
    leadTimeSeconds: { mean: lead.mean, ci95: lead.ci95, p50: avg(runs.map((r) => r.leadTimeP50)), p85: avg(runs.map((r) => r.leadTimeP85)), p95: avg(runs.map((r) => r.leadTimeP95)) },
    wip: estimate(runs.map((r) => r.wip)),
    supermarket: estimate(runs.map((r) => r.supermarket)),
    stockouts: estimate(runs.map((r) => r.stockouts)),
    scrapped: estimate(runs.map((r) => r.scrapped)),
    stages: m.stages.map((s, i) => ({
      name: s.name,
      busy: avg(runs.map((r) => r.stages[i].busy)),
      blocked: avg(runs.map((r) => r.stages[i].blocked)),
      starved: avg(runs.map((r) => r.stages[i].starved)),
      down: avg(runs.map((r) => r.stages[i].down)),
    })),
    parts: parts.map((p, k) => ({ name: p.name, fillRate: estimate(runs.map((r) => r.parts[k].fillRate)) })),
  };
}

const SEARCH_CAP = 256;

/**
 * Hybrid JIT (pull with a safety stock where the pull loop alone does not cover the risk): for each part, the smallest
 * safety stock whose mean simulated fill rate reaches the target, the other parts kept as in the model; the same seeds
 * for every candidate (common random numbers), so the fill rate grows with the stock and a bisection finds the step.
 */
function hybridJit(m: LineModel, seed: number, reps: number, base: ReplicationResult[], target: number, leadSeconds: number): PartSafetyStock[] {
  const parts = m.parts && m.parts.length > 0 ? m.parts : [{ name: 'all', share: 1 }];
  return parts.map((part, k) => {
    const fill = (stock: number) => {
      const withStock: LineModel = { ...m, parts: parts.map((p, j) => (j === k ? { ...p, safetyStock: stock } : p)) };
      return avg(runAll(withStock, seed, reps).map((r) => r.parts[k].fillRate));
    };
    const start = part.safetyStock ?? 0;
    let simulated: number | null = null;
    let fillAt: number | null = null;
    const baseFill = avg(base.map((r) => r.parts[k].fillRate));
    if (baseFill >= target) {
      simulated = start;
      fillAt = baseFill;
    } else {
      let lo = start;
      let hi = Math.max(1, start * 2);
      let fh = fill(hi);
      while (fh < target && hi < SEARCH_CAP) {
        lo = hi;
        hi = Math.min(SEARCH_CAP, hi * 2);
        fh = fill(hi);
      }
      if (fh >= target) {
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          const fm = fill(mid);
          if (fm >= target) {
            hi = mid;
            fh = fm;
          } else lo = mid;
        }
        simulated = hi;
        fillAt = fh;
      }
    }
    const sigma = avg(base.map((r) => r.parts[k].demandPerHourStdDev));
    const ss = safetyStock({ serviceLevel: target, demandStdDevPerDay: piecesPerDay(sigma), leadTimeDays: days(Math.max(leadSeconds / 3600, 1e-9)) });
    return { part: part.name, simulated, fillRateAtSimulated: fillAt, formula: ss.ok ? ss.value.pieces : null, needsSafetyStock: simulated === null || simulated > 0 };
  });
}

/** Runs the model's replications (independent seeds), leaving out the warm-up; with `fillRateTarget`, sizes hybrid-JIT safety stock too. */
export function simulateLine(m: LineModel, options: { replications?: number; seed?: number } = {}, report?: (progress: { fraction: number }) => void): Result<LineSimulation> {
  const problem = checkLineModel(m);
  if (problem) return err(problem);
  const reps = options.replications ?? m.replications ?? 5;
  const seed = options.seed ?? m.seed ?? 1;
  if (!Number.isInteger(reps) || reps < 1 || reps > 1000) return err(`replications must be a whole number from 1 to 1,000; got ${reps}.`);
  if (!Number.isInteger(seed)) return err(`seed must be a whole number; got ${seed}.`);
  const share = m.fillRateTarget === undefined ? 1 : 0.5;
  const runs = runAll(m, seed, reps, report ? (f) => report({ fraction: f * share }) : undefined);
  const result = summarise(m, seed, runs);
  if (m.fillRateTarget !== undefined) {
    result.safetyStock = hybridJit(m, seed, reps, runs, m.fillRateTarget, result.leadTimeSeconds.mean);
    report?.({ fraction: 1 });
  }
  return ok(result);
}
