// One demand per part: a loop's daily demand is its part's demand × the share of it the loop covers.
import type { KanbanLoop } from './model.ts';
import { piecesPerDay, type PiecesPerDay } from './units.ts';

/** What a loop's demand is derived from: a part's number and its demand per working day. */
export interface PartDemand {
  partNumber: string;
  demandPerDay: number;
}

/** A loop with the demand it sizes for, derived from its part. */
export type SizedLoop = KanbanLoop & { demandPerDay: PiecesPerDay };

/** A share is a number above 0 and at most 1; anything else (missing, NaN, out of range) counts as the whole demand. */
export function validShare(share: unknown): share is number {
  return typeof share === 'number' && Number.isFinite(share) && share > 0 && share <= 1;
}

/**
 * The loop's demand per working day: the demand of the part with the loop's part number × the loop's share.
 * 0 when the stream has no such part (a loop cannot be sized without its part's demand).
 */
export function loopDemand(loop: Pick<KanbanLoop, 'partNumber' | 'demandShare'>, parts: readonly PartDemand[]): PiecesPerDay {
  const part = parts.find((p) => p.partNumber === loop.partNumber);
  if (!part || !Number.isFinite(part.demandPerDay)) return piecesPerDay(0);
  const share = validShare(loop.demandShare) ? loop.demandShare : 1;
  return piecesPerDay(part.demandPerDay * share);
}

/** The loop with its derived demand, for the sizing functions (kanban count, proposals, simulation). */
export function sizeLoop<L extends KanbanLoop>(loop: L, parts: readonly PartDemand[]): L & { demandPerDay: PiecesPerDay } {
  return { ...loop, demandPerDay: loopDemand(loop, parts) };
}

export function sizeLoops<L extends KanbanLoop>(loops: readonly L[], parts: readonly PartDemand[]): (L & { demandPerDay: PiecesPerDay })[] {
  return loops.map((l) => sizeLoop(l, parts));
}
