// More chart data from the log: aging WIP per stage against its percentile bands, the WIP run chart, flow efficiency per
// finished card, and lead time between any two stages. Pure and linear in the log, so the worker computes them.
import type { LogEntry as BoardEvent } from '../events.ts';
import { err, ok, type Result } from '../result.ts';
import type { AgeBand, AgingCard } from './aging.ts';
import type { StageCycleTime } from './cycle-time.ts';
import type { CardLeadTime } from './lead-time.ts';
import { orderOf } from './replay.ts';
import type { HistogramBin } from './charts.ts';

/** One stage of the aging WIP chart: its past time-in-stage percentiles (seconds) and its cards still in process. */
export interface AgingStage {
  stageId: string;
  /** Finished visits the percentiles come from. */
  visits: number;
  p50: StageCycleTime['p50'];
  p85: StageCycleTime['p85'];
  p95: StageCycleTime['p95'];
  cards: { cardId: string; age: number; band: AgeBand }[];
}

/**
 * The aging WIP chart, stage by stage in flow order. The bands are the ones the board colours its cards with: both come
 * from `bandOf` (aging.ts) against the stage's cycle-time percentiles, so chart and board cannot disagree.
 */
export function agingChart(aging: readonly AgingCard[], cycle: readonly StageCycleTime[]): AgingStage[] {
  const byStage = new Map<string, AgingStage>();
  const out = cycle.map((c): AgingStage => {
    const s = { stageId: c.stageId, visits: c.count, p50: c.p50, p85: c.p85, p95: c.p95, cards: [] };
    byStage.set(c.stageId, s);
    return s;
  });
  for (const a of aging) byStage.get(a.stageId)?.cards.push({ cardId: a.cardId, age: a.ageInStage, band: a.band });
  return out;
}

export interface WipRun {
  /** Start (epoch ms) of each day and the cards in process at its end. */
  periods: { start: number; count: number }[];
  mean: number;
  max: number;
}

/** Cards in process at the end of each day, with the mean and highest of those daily counts. */
export function wipRun(days: readonly number[], perDay: ArrayLike<number>): Result<WipRun> {
  if (days.length !== perDay.length) return err(`Days (${days.length}) and daily WIP (${perDay.length}) must match.`);
  const periods: WipRun['periods'] = [];
  let sum = 0;
  let max = 0;
  for (let d = 0; d < days.length; d++) {
    periods.push({ start: days[d], count: perDay[d] });
    sum += perDay[d];
    max = Math.max(max, perDay[d]);
  }
  return ok({ periods, mean: periods.length ? sum / periods.length : 0, max });
}

export interface CardEfficiency {
  cardId: string;
  completedAt: number;
  /** Seconds from create to complete, of them blocked (andon raised) and the rest, unblocked. */
  leadTime: number;
  blocked: number;
  active: number;
  /** active ÷ lead time, null for a card finished the instant it was created. */
  efficiency: number | null;
}

export interface FlowEfficiency {
  cards: CardEfficiency[];
  /** Σ active ÷ Σ lead time over the finished cards; null without finished time. */
  overall: number | null;
  /** Cards by efficiency in ten bins of 10 % (`from`/`to` in %; the last bin includes 100 %). */
  histogram: HistogramBin[];
}

/**
 * Flow efficiency of each finished card, from the log. Stages carry no queue/work type, so "active" here is the time the
 * card was not blocked (no andon open) between create and complete, and "waiting" is its blocked time. Cards whose
 * creation is not in the log are left out (their lead time is unknown).
 */
export function flowEfficiency(events: readonly BoardEvent[], now: number): Result<FlowEfficiency> {
  if (!Number.isFinite(now)) return err(`"now" must be a time in epoch milliseconds; got ${now}.`);
  const order = orderOf(events);
  const created = new Map<string, number>();
  const blockedSince = new Map<string, number>();
  const blockedTotal = new Map<string, number>();
  const cards: CardEfficiency[] = [];
  let sumLead = 0;
  let sumActive = 0;
  for (let k = 0; k < events.length; k++) {
    const e = events[order ? order[k] : k];
    const at = e.at;
    const id = e.cardId;
    if (id === undefined || !Number.isFinite(at) || at > now) continue;
    switch (e.type) {
      case 'create':
        if (!created.has(id)) created.set(id, at);
        break;
      case 'block':
        if (created.has(id) && !blockedSince.has(id)) blockedSince.set(id, at);
        break;
      case 'unblock': {
        const since = blockedSince.get(id);
        if (since !== undefined) {
          blockedTotal.set(id, (blockedTotal.get(id) ?? 0) + at - since);
          blockedSince.delete(id);
        }
        break;
      }
      case 'retire':
        created.delete(id);
        blockedSince.delete(id);
        break;
      case 'complete': {
        const start = created.get(id);
        if (start === undefined) break;
        const since = blockedSince.get(id);
        const blockedMs = (blockedTotal.get(id) ?? 0) + (since === undefined ? 0 : at - since);
        const lead = at - start;
        const active = Math.max(0, lead - blockedMs);
        cards.push({ cardId: id, completedAt: at, leadTime: lead / 1000, blocked: blockedMs / 1000, active: active / 1000, efficiency: lead > 0 ? active / lead : null });
        sumLead += lead;
        sumActive += active;
        created.delete(id);
        blockedSince.delete(id);
        blockedTotal.delete(id);
        break;
      }
      default:
        break;
    }
  }
  const counts = new Array<number>(10).fill(0);
  for (const c of cards) if (c.efficiency !== null) counts[Math.min(9, Math.floor(c.efficiency * 10))]++;
  return ok({ cards, overall: sumLead > 0 ? sumActive / sumLead : null, histogram: counts.map((count, i) => ({ from: i * 10, to: (i + 1) * 10, count })) });
}

/** Where a lead time starts and ends: a stage id, or the card's creation / completion. */
export const CREATED = 'created';
export const DONE = 'done';

/**
 * Lead time of each card from first entering `start` (or being created) to first entering `end` (or completing), in
 * seconds, dated by when it reached `end`. A card that skipped `start` is left out. The first `end` after `start` counts.
 */
export function stageLeadTimes(events: readonly BoardEvent[], stageIds: readonly string[], start: string, end: string, now: number): Result<CardLeadTime[]> {
  const indexOf = (id: string) => (id === CREATED ? -1 : id === DONE ? stageIds.length : stageIds.indexOf(id));
  const a = indexOf(start);
  const b = indexOf(end);
  if (start === DONE || (start !== CREATED && a < 0)) return err(`The start "${start}" is not a stage of this value stream.`);
  if (end === CREATED || b < 0) return err(`The end "${end}" is not a stage of this value stream.`);
  if (a >= b) return err('The end stage must come after the start stage in the value stream.');
  const order = orderOf(events);
  const startedAt = new Map<string, number>();
  const endedAt = new Map<string, number>();
  const reach = (id: string, stage: string | undefined, at: number) => {
    if (stage === undefined || endedAt.has(id)) return;
    if (stage === start && !startedAt.has(id)) startedAt.set(id, at);
    else if (stage === end && startedAt.has(id)) endedAt.set(id, at);
  };
  for (let k = 0; k < events.length; k++) {
    const e = events[order ? order[k] : k];
    const id = e.cardId;
    if (id === undefined || !Number.isFinite(e.at) || e.at > now) continue;
    if (e.type === 'create') {
      if (start === CREATED && !startedAt.has(id)) startedAt.set(id, e.at);
      reach(id, e.to ?? e.stageId, e.at);
    } else if (e.type === 'move') reach(id, e.to ?? e.stageId, e.at);
    else if (e.type === 'complete') reach(id, DONE, e.at);
    else if (e.type === 'undo') {
      // An undone move did not happen: a card taken back out of the end (or start) stage has not reached it yet.
      if (e.from === end) endedAt.delete(id);
      else if (e.from === start && !endedAt.has(id)) startedAt.delete(id);
    }
  }
  const out: CardLeadTime[] = [];
  for (const [id, at] of endedAt) out.push({ cardId: id, completedAt: at, leadTime: ((at - startedAt.get(id)!) / 1000) as CardLeadTime['leadTime'] });
  out.sort((x, y) => x.completedAt - y.completedAt);
  return ok(out);
}
