// Discrete-event simulation of a kanban pull line: stages in series, each capped at its card limit, paced by customer withdrawals.
import { err, ok, type Result } from '../result.ts';
import { EventQueue } from './event-queue.ts';
import { lognormalSampler, seededRandom } from './random.ts';
import { mayPull } from '../commands/pull-rule.ts';

export interface SimStage {
  id: string;
  name: string;
  /** Kanban cards of the stage: containers it may hold, in process or finished and waiting to be pulled. */
  cardLimit: number;
  /** Mean processing time of one container, in seconds. */
  meanSeconds: number;
  /** Coefficient of variation of the processing time (0 = constant). */
  cv: number;
}

export interface PullLineInput {
  stages: SimStage[];
  /** Mean time between customer withdrawals of one container, in seconds (the pitch). */
  demandIntervalSeconds: number;
  demandCv: number;
  /** Working hours simulated after the warm-up. */
  hours: number;
  /** Hours simulated first and not counted, so the line starts from a realistic state. */
  warmupHours: number;
  seed: number;
}

export interface SimStageResult {
  id: string;
  name: string;
  /** Fraction of the time the stage was processing. */
  utilization: number;
  /** Fraction of the time it was idle because all its cards were full of finished containers nobody pulled. */
  blocked: number;
  /** Fraction of the time it was idle with free cards but nothing to work on. */
  starved: number;
  averageWip: number;
  maxWip: number;
}

export interface PullLineResult {
  shipped: number;
  throughputPerHour: number;
  demandPerHour: number;
  /** Withdrawals served from stock at once, as a fraction of all withdrawals. */
  fillRate: number;
  leadTime: { mean: number; p50: number; p95: number };
  averageWip: number;
  stages: SimStageResult[];
  /** The stage with the highest utilization: the one that sets the pace. */
  bottleneckId: string;
  explanation: string;
}

export interface SimProgress {
  fraction: number;
}

type SimEvent = { kind: 'finish'; stage: number } | { kind: 'demand' };

function check(input: PullLineInput): string | null {
  if (input.stages.length === 0) return 'The line has no stages to simulate.';
  for (const s of input.stages) {
    if (!Number.isInteger(s.cardLimit) || s.cardLimit < 1) return `Stage "${s.name}": the card limit must be a whole number of at least 1; got ${s.cardLimit}.`;
    if (!Number.isFinite(s.meanSeconds) || s.meanSeconds <= 0) return `Stage "${s.name}": the processing time must be more than 0 seconds; got ${s.meanSeconds}.`;
    if (!Number.isFinite(s.cv) || s.cv < 0 || s.cv > 5) return `Stage "${s.name}": the variation (CV) must be between 0 and 5; got ${s.cv}.`;
  }
  if (!Number.isFinite(input.demandIntervalSeconds) || input.demandIntervalSeconds <= 0) {
    return `The time between customer withdrawals must be more than 0 seconds; got ${input.demandIntervalSeconds}. Check demand and container size.`;
  }
  if (!Number.isFinite(input.demandCv) || input.demandCv < 0 || input.demandCv > 5) return `The demand variation (CV) must be between 0 and 5; got ${input.demandCv}.`;
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 10_000) return `Simulate between 0 and 10,000 hours; got ${input.hours}.`;
  if (!Number.isFinite(input.warmupHours) || input.warmupHours < 0 || input.warmupHours > 10_000) return `The warm-up must be between 0 and 10,000 hours; got ${input.warmupHours}.`;
  if (!Number.isInteger(input.seed)) return `The seed must be a whole number; got ${input.seed}.`;
  return null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Runs the line. Each stage works one container at a time; it may start a new one only while it holds fewer
 * containers than its card limit (the kanban rule); a finished container moves on only when the next stage has a
 * free card; the customer withdraws one container from the last stage every pitch (Hopp & Spearman, "Factory
 * Physics", ch. 10, on pull systems with WIP caps).
 */
export function simulatePullLine(input: PullLineInput, report?: (progress: SimProgress) => void): Result<PullLineResult> {
  const problem = check(input);
  if (problem) return err(problem);
  const n = input.stages.length;
  const random = seededRandom(input.seed);
  const process = input.stages.map((s) => lognormalSampler(random, s.meanSeconds, s.cv));
  const nextDemand = lognormalSampler(random, input.demandIntervalSeconds, input.demandCv);
  const limits = input.stages.map((s) => s.cardLimit);

  // Each container is known by the time it entered the line, for its lead time.
  const waiting: number[][] = input.stages.map(() => []);
  const finished: number[][] = input.stages.map(() => []);
  const busy: (number | null)[] = input.stages.map(() => null);
  const held = (i: number) => waiting[i].length + finished[i].length + (busy[i] === null ? 0 : 1);

  const warmup = input.warmupHours * 3600;
  const end = warmup + input.hours * 3600;
  const queue = new EventQueue<SimEvent>();
  let now = 0;
  let backorders = 0;

  const busyTime = new Float64Array(n);
  const blockedTime = new Float64Array(n);
  const starvedTime = new Float64Array(n);
  const wipTime = new Float64Array(n);
  const maxWip = new Int32Array(n);
  const leadTimes: number[] = [];
  let shipped = 0;
  let demands = 0;
  let servedAtOnce = 0;

  const accumulate = (until: number) => {
    const from = Math.max(now, warmup);
    if (until <= from) return;
    const dt = until - from;
    for (let i = 0; i < n; i++) {
      const h = held(i);
      wipTime[i] += h * dt;
      if (busy[i] !== null) busyTime[i] += dt;
      else if (waiting[i].length === 0) {
        if (!mayPull(limits[i], h)) blockedTime[i] += dt;
        else starvedTime[i] += dt;
      }
    }
  };

  const propagate = () => {
    let changed = true;
    while (changed) {
      changed = false;
      while (backorders > 0 && finished[n - 1].length > 0) {
        const entered = finished[n - 1].shift()!;
        backorders--;
        if (now >= warmup) {
          shipped++;
          leadTimes.push(now - entered);
        }
        changed = true;
      }
      for (let i = n - 1; i >= 0; i--) {
        if (i < n - 1) {
          while (finished[i].length > 0 && mayPull(limits[i + 1], held(i + 1))) {
            waiting[i + 1].push(finished[i].shift()!);
            changed = true;
          }
        }
        if (i === 0) {
          // Raw material is always there: a free card at the first stage releases a new container.
          while (mayPull(limits[0], held(0))) {
            waiting[0].push(now);
            changed = true;
          }
        }
        if (busy[i] === null && waiting[i].length > 0) {
          busy[i] = waiting[i].shift()!;
          queue.push(now + process[i](), { kind: 'finish', stage: i });
          changed = true;
        }
      }
      for (let i = 0; i < n; i++) if (now >= warmup && held(i) > maxWip[i]) maxWip[i] = held(i);
    }
  };

  queue.push(nextDemand(), { kind: 'demand' });
  propagate();
  const reportEvery = end / 20;
  let nextReport = reportEvery;
  for (;;) {
    const next = queue.pop();
    if (!next || next.time > end) {
      accumulate(end);
      now = end;
      break;
    }
    accumulate(next.time);
    now = next.time;
    if (next.item.kind === 'finish') {
      const i = next.item.stage;
      finished[i].push(busy[i]!);
      busy[i] = null;
    } else {
      if (now >= warmup) {
        demands++;
        if (backorders === 0 && finished[n - 1].length > 0) servedAtOnce++;
      }
      backorders++;
      queue.push(now + nextDemand(), { kind: 'demand' });
    }
    propagate();
    if (report && now >= nextReport) {
      report({ fraction: now / end });
      nextReport += reportEvery;
    }
  }

  const span = end - warmup;
  const stages: SimStageResult[] = input.stages.map((s, i) => ({
    id: s.id,
    name: s.name,
    utilization: busyTime[i] / span,
    blocked: blockedTime[i] / span,
    starved: starvedTime[i] / span,
    averageWip: wipTime[i] / span,
    maxWip: maxWip[i],
  }));
  const bottleneck = stages.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  const sorted = leadTimes.slice().sort((a, b) => a - b);
  const meanLead = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  const throughputPerHour = shipped / input.hours;
  const demandPerHour = demands / input.hours;
  const fillRate = demands ? servedAtOnce / demands : 1;
  const averageWip = stages.reduce((sum, s) => sum + s.averageWip, 0);
  return ok({
    shipped,
    throughputPerHour,
    demandPerHour,
    fillRate,
    leadTime: { mean: meanLead, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) },
    averageWip,
    stages,
    bottleneckId: bottleneck.id,
    explanation:
      `Over ${input.hours} h the line shipped ${shipped} containers (${throughputPerHour.toFixed(2)}/h against a demand of ${demandPerHour.toFixed(2)}/h); ` +
      `${(fillRate * 100).toFixed(1)} % of withdrawals were served from stock at once. "${bottleneck.name}" was busiest ` +
      `(${(bottleneck.utilization * 100).toFixed(0)} %). Average WIP ${averageWip.toFixed(1)} containers.`,
  });
}
