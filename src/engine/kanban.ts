// Kanban sizing per loop: card count N = ⌈D·L·(1+α)/C⌉ and supermarket size, each with its basis.
import type { KanbanLoop } from './model.ts';
import type { SizedLoop } from './loop-demand.ts';
import type { Cards, Days, Pieces, PiecesPerDay } from './units.ts';
import { cards, days, pieces } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { fmt, roundUpWhole, type Basis } from './takt.ts';

export interface KanbanInput {
  demandPerDay: PiecesPerDay;
  /** Replenishment lead time L = processing + waiting + transport, in working days. */
  leadTimeDays: Days;
  /** α: extra cover as a fraction of D·L (0.1 = 10 %). */
  safetyFactor: number;
  containerQuantity: Pieces;
}

export interface KanbanCount {
  cards: Cards;
  /** D·L·(1+α)/C before rounding up. */
  exact: number;
  basis: Basis;
}

/** The first input problem a person must fix, or null. Shared by every sizing that takes D, L, α, C. */
export function checkKanbanInput(input: KanbanInput): string | null {
  const { demandPerDay: d, leadTimeDays: l, safetyFactor: a, containerQuantity: c } = input;
  if (!Number.isFinite(d) || d <= 0) return `Demand must be more than 0 pieces per day to size kanban; got ${d}. A loop without demand needs no cards.`;
  if (!Number.isFinite(l) || l <= 0) return `Replenishment lead time must be more than 0 days; got ${l}. Enter processing, waiting and transport time.`;
  if (!Number.isFinite(a) || a < 0) return `Safety factor α must be 0 or more (0.1 means 10 % extra); got ${a}.`;
  if (!Number.isFinite(c) || c <= 0) return `Container quantity must be more than 0 pieces; got ${c}. Enter how many pieces one card stands for.`;
  return null;
}

/**
 * Toyota's kanban formula N = D·L·(1+α)/C, rounded up to whole cards (Monden, "Toyota Production System",
 * ch. 2: y = D(Tw + Tp)(1 + α)/a; also Stevenson, "Operations Management", ch. 14).
 */
export function kanbanCount(input: KanbanInput): Result<KanbanCount> {
  const problem = checkKanbanInput(input);
  if (problem) return err(problem);
  const { demandPerDay: d, leadTimeDays: l, safetyFactor: a, containerQuantity: c } = input;
  const exact = (d * l * (1 + a)) / c;
  if (!Number.isFinite(exact) || exact > Number.MAX_SAFE_INTEGER) {
    return err(`The card count D·L·(1+α)/C = ${d} × ${l} × (1 + ${a}) ÷ ${c} is too large to count (${exact}): check the demand, lead time and container quantity.`);
  }
  const n = roundUpWhole(exact);
  return ok({
    cards: cards(n),
    exact,
    basis: {
      formula: 'N = ⌈D·L·(1+α)/C⌉',
      inputs: { demandPerDay: d, leadTimeDays: l, safetyFactor: a, containerQuantity: c },
      explanation: `${fmt(d)} pieces/day × ${fmt(l)} days lead time × (1 + ${fmt(a)} safety) ÷ ${fmt(c)} pieces per container = ${fmt(exact)}, rounded up to ${n} card${n === 1 ? '' : 's'}.`,
    },
  });
}

/** L = processing + waiting + transport (Monden: Tp + Tw, with conveyance counted in the waiting time). */
export function replenishmentLeadTime(loop: KanbanLoop): Result<Days> {
  const parts = [loop.processingDays, loop.waitingDays, loop.transportDays];
  if (parts.some((p) => !Number.isFinite(p) || p < 0)) {
    return err(`Loop "${loop.name}": processing, waiting and transport days must each be 0 or more; got ${parts.join(', ')}.`);
  }
  return ok(days(parts[0] + parts[1] + parts[2]));
}

/** Card count for a loop as stored on the board. */
export function loopKanbanCount(loop: SizedLoop): Result<KanbanCount> {
  const lead = replenishmentLeadTime(loop);
  if (!lead.ok) return lead;
  const count = kanbanCount({
    demandPerDay: loop.demandPerDay,
    leadTimeDays: lead.value,
    safetyFactor: loop.safetyFactor,
    containerQuantity: loop.containerQuantity,
  });
  return count.ok ? count : err(`Loop "${loop.name}": ${count.error}`);
}

export interface SupermarketInput {
  demandPerDay: PiecesPerDay;
  /** Time between replenishments of the supermarket, in working days. */
  replenishmentDays: Days;
  /** Buffer stock against swings in customer demand. */
  bufferPieces: Pieces;
  /** Safety stock against internal problems (see safety-stock.ts for a service-level figure). */
  safetyStockPieces: Pieces;
  containerQuantity: Pieces;
}

export interface SupermarketSize {
  cycleStock: Pieces;
  buffer: Pieces;
  safety: Pieces;
  total: Pieces;
  /** Containers (cards) to hold the total, rounded up. */
  containers: Cards;
  basis: Basis;
}

/** Supermarket = cycle stock (D × replenishment interval) + buffer + safety stock (Smalley, "Creating Level Pull"). */
export function supermarketSize(input: SupermarketInput): Result<SupermarketSize> {
  const { demandPerDay: d, replenishmentDays: r, bufferPieces: b, safetyStockPieces: s, containerQuantity: c } = input;
  if (!Number.isFinite(d) || d <= 0) return err(`Demand must be more than 0 pieces per day to size a supermarket; got ${d}.`);
  if (!Number.isFinite(r) || r <= 0) return err(`Replenishment interval must be more than 0 days; got ${r}.`);
  if (!Number.isFinite(b) || b < 0) return err(`Buffer stock must be 0 pieces or more; got ${b}.`);
  if (!Number.isFinite(s) || s < 0) return err(`Safety stock must be 0 pieces or more; got ${s}.`);
  if (!Number.isFinite(c) || c <= 0) return err(`Container quantity must be more than 0 pieces; got ${c}.`);
  const cycle = d * r;
  const total = cycle + b + s;
  if (!Number.isFinite(total / c) || total / c > Number.MAX_SAFE_INTEGER) {
    return err(`The supermarket of ${total} pieces is too large to count in containers: check the demand, interval and stock figures.`);
  }
  const n = roundUpWhole(total / c);
  return ok({
    cycleStock: pieces(cycle),
    buffer: b,
    safety: s,
    total: pieces(total),
    containers: cards(n),
    basis: {
      formula: 'supermarket = D·R + buffer + safety; containers = ⌈total ÷ C⌉',
      inputs: { demandPerDay: d, replenishmentDays: r, buffer: b, safety: s, containerQuantity: c },
      explanation: `Cycle stock ${fmt(d)} pieces/day × ${fmt(r)} days = ${fmt(cycle)}, + ${fmt(b)} buffer + ${fmt(s)} safety = ${fmt(total)} pieces, ${n} container${n === 1 ? '' : 's'} of ${fmt(c)}.`,
    },
  });
}
