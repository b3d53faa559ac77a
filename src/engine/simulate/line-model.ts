// The line simulator's model: stages with time distributions and disruptions, the control (kanban, CONWIP, push), demand and supply.
import { checkDistribution, type TimeDistribution } from './distributions.ts';

export interface Breakdown {
  /** Mean time between failures, in hours of running time of the clock (time-based failures). */
  mtbfHours: number;
  /** Mean time to repair, in hours; failures and repairs are exponential. */
  mttrHours: number;
}

export interface StageModel {
  name: string;
  time: TimeDistribution;
  /** Kanban cards of the stage (control mode "kanban"): containers it may hold, in process or finished. */
  cards?: number;
  breakdown?: Breakdown;
  /** Set-up time added when the stage changes from one part to another, in seconds. */
  changeoverSeconds?: number;
  /** Share of containers scrapped at the stage (0..1). */
  scrap?: number;
  /** Share of containers sent back through the stage once more (0..1). */
  rework?: number;
}

export interface PartModel {
  name: string;
  /** Share of the customer's demand (weights; need not add up to 1). */
  share: number;
  /** Containers released together (the lot from EPEI); changeovers happen between lots. */
  lotSize?: number;
  /** Extra finished containers of this part held in the supermarket (the hybrid-JIT safety stock). */
  safetyStock?: number;
}

export type ControlModel = { mode: 'kanban' } | { mode: 'conwip'; cards: number } | { mode: 'push' };

export interface DemandSpike {
  /** Hours after the warm-up. */
  atHours: number;
  quantity: number;
}

export type DemandModel =
  | { mode: 'saturated' }
  | {
      mode: 'takt';
      /** Seconds between customer orders. */
      interval: number;
      /** Containers per order. */
      quantity: number;
      /** How order intervals vary: deterministic (default), exponential (Poisson orders), lognormal or gamma with cv. */
      dist?: 'deterministic' | 'exponential' | 'lognormal' | 'gamma';
      cv?: number;
      spikes?: DemandSpike[];
      /** Extra orders at random: on average `perHour` an hour, each of `quantity` containers. */
      randomSpikes?: { perHour: number; quantity: number };
    };

export interface SupplierModel {
  /** Hours between orders to the supplier. */
  intervalHours: number;
  /** Containers of material per delivery. */
  quantity: number;
  leadTimeHours: number;
  /** Variation of the lead time (lognormal cv). */
  leadTimeCv: number;
  /** Share of deliveries that never come (0..1). */
  missedShare: number;
  initialStock: number;
}

export interface LineModel {
  stages: StageModel[];
  control: ControlModel;
  demand: DemandModel;
  parts?: PartModel[];
  supplier?: SupplierModel;
  hours: number;
  warmupHours: number;
  replications?: number;
  seed?: number;
  /** Fill rate each part's safety stock should reach (hybrid JIT), e.g. 0.98. */
  fillRateTarget?: number;
}

const share = (x: number | undefined) => x === undefined || (Number.isFinite(x) && x >= 0 && x <= 1);
const count = (x: number | undefined, min: number) => x === undefined || (Number.isInteger(x) && x >= min);
const positive = (x: number) => Number.isFinite(x) && x > 0;

/** The first problem with a model, naming the field (JSON path) so a person can fix the file; null when it runs. */
export function checkLineModel(m: LineModel): string | null {
  if (m.stages.length === 0) return 'stages: the line has no stages to simulate.';
  for (const [i, s] of m.stages.entries()) {
    const at = `stages[${i}]`;
    const bad = checkDistribution(s.time, `${at}.time`);
    if (bad) return bad;
    if (m.control.mode === 'kanban' && !(s.cards !== undefined && count(s.cards, 1))) return `${at}.cards: with kanban control every stage needs a whole number of cards of at least 1; got ${s.cards}.`;
    if (s.breakdown && !(positive(s.breakdown.mtbfHours) && positive(s.breakdown.mttrHours))) return `${at}.breakdown: mtbfHours and mttrHours must be more than 0.`;
    if (s.changeoverSeconds !== undefined && !(Number.isFinite(s.changeoverSeconds) && s.changeoverSeconds >= 0)) return `${at}.changeoverSeconds must be 0 or more; got ${s.changeoverSeconds}.`;
    if (!share(s.scrap) || (s.scrap ?? 0) >= 1) return `${at}.scrap must be a share from 0 up to (not including) 1; got ${s.scrap}.`;
    if (!share(s.rework) || (s.rework ?? 0) >= 1) return `${at}.rework must be a share from 0 up to (not including) 1; got ${s.rework}.`;
  }
  if (m.control.mode === 'conwip' && !count(m.control.cards, 1)) return `control.cards: CONWIP needs a whole number of cards of at least 1; got ${m.control.cards}.`;
  const d = m.demand;
  if (d.mode === 'takt') {
    if (!positive(d.interval)) return `demand.interval must be more than 0 seconds; got ${d.interval}.`;
    if (!count(d.quantity, 1)) return `demand.quantity must be a whole number of at least 1; got ${d.quantity}.`;
    if ((d.dist === 'lognormal' || d.dist === 'gamma') && !(Number.isFinite(d.cv) && d.cv! >= 0 && d.cv! <= 5)) return `demand.cv must be between 0 and 5; got ${d.cv}.`;
    for (const [i, s] of (d.spikes ?? []).entries()) {
      if (!(Number.isFinite(s.atHours) && s.atHours >= 0) || !count(s.quantity, 1)) return `demand.spikes[${i}]: atHours must be 0 or more and quantity a whole number of at least 1.`;
    }
    if (d.randomSpikes && !(positive(d.randomSpikes.perHour) && count(d.randomSpikes.quantity, 1))) return 'demand.randomSpikes: perHour must be more than 0 and quantity a whole number of at least 1.';
  }
  const parts = m.parts ?? [];
  for (const [i, p] of parts.entries()) {
    if (!(Number.isFinite(p.share) && p.share >= 0)) return `parts[${i}].share must be 0 or more; got ${p.share}.`;
    if (!count(p.lotSize, 1)) return `parts[${i}].lotSize must be a whole number of at least 1; got ${p.lotSize}.`;
    if (!count(p.safetyStock, 0)) return `parts[${i}].safetyStock must be a whole number of 0 or more; got ${p.safetyStock}.`;
    if (m.control.mode === 'conwip' && (p.lotSize ?? 1) > m.control.cards) return `parts[${i}].lotSize (${p.lotSize}) is larger than the ${m.control.cards} CONWIP cards: a lot could never be released.`;
  }
  if (parts.length > 0 && !(parts.reduce((a, p) => a + p.share, 0) > 0)) return 'parts: at least one part needs a share of more than 0.';
  const s = m.supplier;
  if (s) {
    if (!positive(s.intervalHours)) return `supplier.intervalHours must be more than 0; got ${s.intervalHours}.`;
    if (!count(s.quantity, 1)) return `supplier.quantity must be a whole number of at least 1; got ${s.quantity}.`;
    if (!(Number.isFinite(s.leadTimeHours) && s.leadTimeHours >= 0)) return `supplier.leadTimeHours must be 0 or more; got ${s.leadTimeHours}.`;
    if (!(Number.isFinite(s.leadTimeCv) && s.leadTimeCv >= 0 && s.leadTimeCv <= 5)) return `supplier.leadTimeCv must be between 0 and 5; got ${s.leadTimeCv}.`;
    if (!share(s.missedShare) || s.missedShare >= 1) return `supplier.missedShare must be a share from 0 up to (not including) 1; got ${s.missedShare}.`;
    if (!count(s.initialStock, 0)) return `supplier.initialStock must be a whole number of 0 or more; got ${s.initialStock}.`;
  }
  if (!(positive(m.hours) && m.hours <= 100_000)) return `hours must be more than 0 and at most 100,000; got ${m.hours}.`;
  if (!(Number.isFinite(m.warmupHours) && m.warmupHours >= 0 && m.warmupHours <= 100_000)) return `warmupHours must be between 0 and 100,000; got ${m.warmupHours}.`;
  if (!count(m.replications, 1) || (m.replications ?? 1) > 1000) return `replications must be a whole number from 1 to 1,000; got ${m.replications}.`;
  if (m.seed !== undefined && !Number.isInteger(m.seed)) return `seed must be a whole number; got ${m.seed}.`;
  if (m.fillRateTarget !== undefined && !(m.fillRateTarget > 0 && m.fillRateTarget < 1)) return `fillRateTarget must be between 0 and 1 (e.g. 0.98); got ${m.fillRateTarget}.`;
  if (m.fillRateTarget !== undefined && m.demand.mode !== 'takt') return 'fillRateTarget needs demand.mode "takt": with saturated demand there is no customer to fill.';
  return null;
}
