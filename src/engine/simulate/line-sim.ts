// One replication of the line: a discrete-event run with kanban, CONWIP or push control and the model's disruptions.
import { TimedHeap } from './timed-heap.ts';
import { seededRandom } from './random.ts';
import { sampler } from './distributions.ts';
import { mayPull } from '../commands/pull-rule.ts';
import type { LineModel, PartModel } from './line-model.ts';

/** A first-in-first-out queue that does not shift arrays (push lines can queue thousands of containers). */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get length() {
    return this.items.length - this.head;
  }
  push(x: T) {
    this.items.push(x);
  }
  shift(): T {
    const x = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

interface Job {
  release: number;
  part: number;
}

const FINISH = 0;
const FAIL = 1;
const REPAIR = 2;
const ORDER = 3;
const SPIKE = 4;
const RANDOM_SPIKE = 5;
const SUPPLY_ORDER = 6;
const SUPPLY_ARRIVAL = 7;

export interface ReplicationResult {
  throughputPerHour: number;
  /** Demand units served from stock at once ÷ all demand units (1 with saturated demand). */
  fillRate: number;
  leadTimeMean: number;
  leadTimeP50: number;
  leadTimeP85: number;
  leadTimeP95: number;
  /** Time-average containers in the line (released, not yet out of the last stage). */
  wip: number;
  /** Time-average finished containers in the supermarket. */
  supermarket: number;
  /** Demand units that found the supermarket empty. */
  stockouts: number;
  scrapped: number;
  stages: { busy: number; blocked: number; starved: number; down: number }[];
  parts: { demand: number; fillRate: number; demandPerHourStdDev: number; demandPerHour: number }[];
}

/** Nearest-rank percentile of sorted values (Hyndman & Fan type 1). */
function rank(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** An independent stream for each use within a replication, so a change to one stage leaves the others' draws alone. */
export function streamSeed(seed: number, replication: number, stream: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(replication + 1, 0xc2b2ae35) ^ Math.imul(stream + 7, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Runs one replication. Each stage works one container at a time, first come first served. Control:
 * - kanban: a stage starts a container only while it holds fewer than its cards (the board's pull rule, `mayPull`);
 *   the last stage's cards also hold the supermarket; raw material is released whenever the first stage has a free card;
 * - CONWIP: `cards` travel with containers from release until the customer takes them (Spearman, Woodruff & Hopp,
 *   "CONWIP: a pull alternative to kanban", IJPR 28(5), 1990), so line WIP + supermarket ≤ cards;
 * - push: with takt demand every order releases its containers at once, with no cap; with saturated demand the first
 *   stage always has material and every queue is unlimited.
 * Safety stock of a part is extra finished containers held beyond the cards, refilled like any other.
 */
export function runReplication(m: LineModel, replication: number, seed: number, report?: (fraction: number) => void): ReplicationResult {
  const n = m.stages.length;
  const parts: PartModel[] = m.parts && m.parts.length > 0 ? m.parts : [{ name: 'all', share: 1 }];
  const np = parts.length;
  const mode = m.control.mode;
  const takt = m.demand.mode === 'takt' ? m.demand : null;
  const rnd = (stream: number) => seededRandom(streamSeed(seed, replication, stream));
  const process = m.stages.map((s, i) => sampler(s.time, rnd(10 + i)));
  const quality = m.stages.map((_, i) => rnd(1000 + i));
  const failRandom = m.stages.map((_, i) => rnd(2000 + i));
  const demandRandom = rnd(1);
  const partRandom = rnd(2);
  const spikeRandom = rnd(3);
  const supplyRandom = rnd(4);
  const nextOrder = takt
    ? sampler(
        takt.dist === 'exponential'
          ? { dist: 'exponential', mean: takt.interval }
          : takt.dist === 'lognormal' || takt.dist === 'gamma'
            ? { dist: takt.dist, mean: takt.interval, cv: takt.cv ?? 0 }
            : { dist: 'deterministic', mean: takt.interval },
        demandRandom,
      )
    : () => Infinity;
  const supplyLead = m.supplier ? sampler({ dist: 'lognormal', mean: Math.max(m.supplier.leadTimeHours, 1e-9) * 3600, cv: m.supplier.leadTimeCv }, supplyRandom) : () => 0;
  const exp = (r: () => number, mean: number) => -mean * Math.log(1 - r());

  const totalShare = parts.reduce((a, p) => a + p.share, 0);
  const cumulative = parts.map((_, i) => parts.slice(0, i + 1).reduce((a, p) => a + p.share, 0) / totalShare);
  const pickPart = () => {
    if (np === 1) return 0;
    const u = partRandom();
    for (let p = 0; p < np; p++) if (u < cumulative[p]) return p;
    return np - 1;
  };
  const lot = parts.map((p) => p.lotSize ?? 1);
  const safety = parts.map((p: PartModel) => p.safetyStock ?? 0);
  const safetyTotal = safety.reduce((a, b) => a + b, 0);
  const cards = m.stages.map((s) => s.cards ?? Infinity);

  // Release signals: the cyclic lot sequence where material is always there, else cards or orders come back as signals.
  const unlimited = mode === 'kanban' || (mode === 'push' && !takt);
  let cyclePart = 0;
  let cycleLeft = lot[0];
  const nextCyclic = () => {
    while (parts[cyclePart].share <= 0 || cycleLeft <= 0) {
      cyclePart = (cyclePart + 1) % np;
      cycleLeft = lot[cyclePart];
    }
    cycleLeft--;
    return cyclePart;
  };
  const pending = new Array<number>(np).fill(0);
  const ready = new Fifo<number>();
  const signal = (p: number) => {
    pending[p]++;
    if (pending[p] >= lot[p]) {
      for (let k = 0; k < lot[p]; k++) ready.push(p);
      pending[p] -= lot[p];
    }
  };

  const waiting = m.stages.map(() => new Fifo<Job>());
  const finished = m.stages.map(() => new Fifo<Job>());
  const busy: (Job | null)[] = m.stages.map(() => null);
  const finishAt = new Float64Array(n);
  const remaining = new Float64Array(n);
  const token = new Int32Array(n);
  const down = new Uint8Array(n);
  const lastPart = new Int32Array(n).fill(-1);
  const fg = parts.map(() => new Fifo<Job>());
  const backorders = new Array<number>(np).fill(0);
  let fgTotal = 0;
  let lineWip = 0;
  let raw = m.supplier ? m.supplier.initialStock : Infinity;

  const warmup = m.warmupHours * 3600;
  const end = warmup + m.hours * 3600;
  const queue = new TimedHeap();
  let now = 0;

  const busyT = new Float64Array(n);
  const blockedT = new Float64Array(n);
  const starvedT = new Float64Array(n);
  const downT = new Float64Array(n);
  let wipT = 0;
  let fgT = 0;
  let leads = new Float64Array(1024);
  let leadCount = 0;
  let exits = 0;
  let stockouts = 0;
  let scrapped = 0;
  const demanded = new Array<number>(np).fill(0);
  const servedAtOnce = new Array<number>(np).fill(0);
  const hourly = parts.map(() => new Float64Array(Math.max(1, Math.ceil(m.hours))));

  const held = (i: number) => {
    let h = waiting[i].length + finished[i].length + (busy[i] ? 1 : 0);
    if (i === n - 1 && takt) h += Math.max(0, fgTotal - safetyTotal);
    return h;
  };

  const accumulate = (until: number) => {
    const from = Math.max(now, warmup);
    if (until <= from) return;
    const dt = until - from;
    wipT += lineWip * dt;
    fgT += fgTotal * dt;
    for (let i = 0; i < n; i++) {
      if (down[i]) downT[i] += dt;
      else if (busy[i]) busyT[i] += dt;
      else if (mode === 'kanban' && !mayPull(cards[i], held(i))) blockedT[i] += dt;
      else starvedT[i] += dt;
    }
  };

  const ship = (p: number) => {
    // A container leaves for the customer: its CONWIP card (or kanban signal) goes back to the start of the line.
    if (mode === 'conwip' || mode === 'kanban') signal(p);
  };

  const exitLine = (job: Job) => {
    lineWip--;
    if (now >= warmup) {
      exits++;
      if (leadCount === leads.length) {
        const grown = new Float64Array(leads.length * 2);
        grown.set(leads);
        leads = grown;
      }
      leads[leadCount++] = now - job.release;
    }
    if (!takt) {
      ship(job.part);
      return;
    }
    if (backorders[job.part] > 0) {
      backorders[job.part]--;
      ship(job.part);
    } else {
      fg[job.part].push(job);
      fgTotal++;
    }
  };

  const order = (quantity: number) => {
    for (let k = 0; k < quantity; k++) {
      const p = pickPart();
      if (now >= warmup) {
        demanded[p]++;
        const hour = Math.floor((now - warmup) / 3600);
        if (hour < hourly[p].length) hourly[p][hour]++;
      }
      if (mode === 'push') signal(p);
      if (fg[p].length > 0) {
        fg[p].shift();
        fgTotal--;
        if (now >= warmup) servedAtOnce[p]++;
        ship(p);
      } else {
        backorders[p]++;
        if (now >= warmup) stockouts++;
      }
    }
  };

  const tryRelease = () => {
    for (;;) {
      if (raw <= 0) return;
      let p: number;
      if (mode === 'kanban') {
        if (!mayPull(cards[0], held(0))) return;
        p = ready.length > 0 ? ready.shift() : nextCyclic();
      } else if (unlimited) {
        if (waiting[0].length > 0) return;
        p = nextCyclic();
      } else {
        if (ready.length === 0) return;
        p = ready.shift();
      }
      raw--;
      lineWip++;
      waiting[0].push({ release: now, part: p });
    }
  };

  const start = (i: number) => {
    const job = waiting[i].shift();
    busy[i] = job;
    let duration = process[i]();
    const change = m.stages[i].changeoverSeconds ?? 0;
    if (change > 0 && lastPart[i] !== -1 && lastPart[i] !== job.part) duration += change;
    lastPart[i] = job.part;
    finishAt[i] = now + duration;
    queue.push(finishAt[i], FINISH, i, ++token[i]);
  };

  const propagate = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (let i = n - 1; i >= 0; i--) {
        if (i < n - 1) {
          while (finished[i].length > 0 && (mode !== 'kanban' || mayPull(cards[i + 1], held(i + 1)))) {
            waiting[i + 1].push(finished[i].shift());
            changed = true;
          }
        }
        if (i === 0) {
          const before = waiting[0].length;
          tryRelease();
          if (waiting[0].length !== before) changed = true;
        }
        if (!busy[i] && !down[i] && waiting[i].length > 0) {
          start(i);
          changed = true;
        }
      }
    }
  };

  const finish = (i: number) => {
    const job = busy[i]!;
    busy[i] = null;
    const s = m.stages[i];
    const u = quality[i]();
    if (s.scrap && u < s.scrap) {
      lineWip--;
      if (now >= warmup) scrapped++;
      // The scrapped container's card (CONWIP) or order (push) starts a replacement.
      if (mode === 'conwip' || (mode === 'push' && takt)) signal(job.part);
      return;
    }
    if (s.rework && u < (s.scrap ?? 0) + s.rework) {
      waiting[i].push(job);
      return;
    }
    if (i === n - 1) exitLine(job);
    else finished[i].push(job);
  };

  // Start: safety stock and, under CONWIP, the cards waiting at the start of the line.
  for (let p = 0; p < np; p++) for (let k = 0; k < safety[p]; k++) {
    fg[p].push({ release: 0, part: p });
    fgTotal++;
  }
  if (m.control.mode === 'conwip') for (let k = 0; k < m.control.cards; k++) signal(nextCyclic());
  if (takt) {
    queue.push(nextOrder(), ORDER);
    for (const s of takt.spikes ?? []) queue.push(warmup + s.atHours * 3600, SPIKE, 0, 0, s.quantity);
    if (takt.randomSpikes) queue.push(exp(spikeRandom, 3600 / takt.randomSpikes.perHour), RANDOM_SPIKE, 0, 0, takt.randomSpikes.quantity);
  }
  m.stages.forEach((s, i) => {
    if (s.breakdown) queue.push(exp(failRandom[i], s.breakdown.mtbfHours * 3600), FAIL, i);
  });
  if (m.supplier) queue.push(0, SUPPLY_ORDER);
  propagate();

  const reportEvery = end / 20;
  let nextReport = reportEvery;
  for (;;) {
    if (!queue.pop() || queue.t > end) {
      accumulate(end);
      now = end;
      break;
    }
    const kind = queue.k;
    const stage = queue.s;
    const quantity = queue.q;
    if (kind === FINISH && queue.tok !== token[stage]) continue;
    accumulate(queue.t);
    now = queue.t;
    switch (kind) {
      case FINISH:
        finish(stage);
        break;
      case FAIL: {
        const i = stage;
        down[i] = 1;
        if (busy[i]) {
          remaining[i] = finishAt[i] - now;
          token[i]++;
        }
        queue.push(now + exp(failRandom[i], m.stages[i].breakdown!.mttrHours * 3600), REPAIR, i);
        break;
      }
      case REPAIR: {
        const i = stage;
        down[i] = 0;
        if (busy[i]) {
          finishAt[i] = now + remaining[i];
          queue.push(finishAt[i], FINISH, i, ++token[i]);
        }
        queue.push(now + exp(failRandom[i], m.stages[i].breakdown!.mtbfHours * 3600), FAIL, i);
        break;
      }
      case ORDER:
        order(takt!.quantity);
        queue.push(now + nextOrder(), ORDER);
        break;
      case SPIKE:
        order(quantity);
        break;
      case RANDOM_SPIKE:
        order(quantity);
        queue.push(now + exp(spikeRandom, 3600 / takt!.randomSpikes!.perHour), RANDOM_SPIKE, 0, 0, quantity);
        break;
      case SUPPLY_ORDER: {
        const s = m.supplier!;
        if (supplyRandom() >= s.missedShare) queue.push(now + (s.leadTimeHours > 0 ? supplyLead() : 0), SUPPLY_ARRIVAL, 0, 0, s.quantity);
        queue.push(now + s.intervalHours * 3600, SUPPLY_ORDER);
        break;
      }
      case SUPPLY_ARRIVAL:
        raw += quantity;
        break;
    }
    propagate();
    if (report && now >= nextReport) {
      report(now / end);
      nextReport += reportEvery;
    }
  }

  const span = end - warmup;
  const sorted = leads.subarray(0, leadCount).sort();
  let sum = 0;
  for (let k = 0; k < leadCount; k++) sum += sorted[k];
  const totalDemand = demanded.reduce((a, b) => a + b, 0);
  const totalServed = servedAtOnce.reduce((a, b) => a + b, 0);
  return {
    throughputPerHour: exits / m.hours,
    fillRate: takt ? (totalDemand ? totalServed / totalDemand : 1) : 1,
    leadTimeMean: leadCount ? sum / leadCount : 0,
    leadTimeP50: rank(sorted, 0.5),
    leadTimeP85: rank(sorted, 0.85),
    leadTimeP95: rank(sorted, 0.95),
    wip: wipT / span,
    supermarket: fgT / span,
    stockouts,
    scrapped,
    stages: m.stages.map((_, i) => ({ busy: busyT[i] / span, blocked: blockedT[i] / span, starved: starvedT[i] / span, down: downT[i] / span })),
    parts: parts.map((_, p) => {
      const h = hourly[p];
      const mean = h.reduce((a, b) => a + b, 0) / h.length;
      const variance = h.length > 1 ? h.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (h.length - 1) : 0;
      return { demand: demanded[p], fillRate: demanded[p] ? servedAtOnce[p] / demanded[p] : 1, demandPerHour: mean, demandPerHourStdDev: Math.sqrt(variance) };
    }),
  };
}
