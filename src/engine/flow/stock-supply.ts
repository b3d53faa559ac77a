// Inventory turns per part and supplier delivery reliability, both read from the event log (pure: the window and clock are given).
import type { LogEntry } from '../events.ts';
import type { KanbanLoop, ShiftCalendar } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { workingDayMs, workingMsBetween } from '../loop-lead-time.ts';

/** Weeks in a year, for annual demand from demand per working day. */
export const WEEKS_PER_YEAR = 52;

type CardInfo = { loopId?: string; partNumber?: string; quantity?: number };
type Entry = LogEntry & { card?: CardInfo; fields?: CardInfo };

/** A card's loop: the one its creation (or last edit) names, or else the loop of its part number. */
function loopOf(card: CardInfo | undefined, loopIds: ReadonlySet<string>, loopOfPart: ReadonlyMap<string, string>): string | undefined {
  if (card?.loopId && loopIds.has(card.loopId)) return card.loopId;
  return card?.partNumber ? loopOfPart.get(card.partNumber) : undefined;
}

export interface PartTurns {
  partNumber: string;
  /** Planned demand, pieces per working day. */
  demandPerDay: number;
  /** demandPerDay × working days per week × 52. */
  annualDemand: number;
  /** Time-weighted mean of the pieces (cards × quantity) in the part's loops over the window. */
  averageStock: number;
  /** annualDemand ÷ averageStock; null when the loop held no stock in the window. */
  turns: number | null;
  /** Cards of the part's loops seen in the window. */
  cards: number;
}

/**
 * Inventory turns per part: annual demand ÷ average stock in its kanban loops. A card is stock of its loop from its
 * signal (put on the board) to its return (completed) or retirement, with the quantity it carries (an edit changes it
 * from then on); the average is weighted by time over the window [from, to] (epoch ms).
 */
export function inventoryTurns(
  events: readonly LogEntry[],
  parts: readonly { partNumber: string; demandPerDay: number }[],
  loops: readonly Pick<KanbanLoop, 'id' | 'partNumber'>[],
  calendar: Pick<ShiftCalendar, 'workingDaysPerWeek'>,
  span: { from: number; to: number },
): Result<PartTurns[]> {
  const wd = calendar.workingDaysPerWeek;
  if (!Number.isFinite(wd) || wd <= 0 || wd > 7) return err(`Working days per week must be more than 0 and at most 7; got ${wd}.`);
  const { from, to } = span;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return err('The window for inventory turns needs a start and an end date.');
  if (!(to > from)) return err('The window for inventory turns must end after it starts.');
  for (const p of parts) {
    if (!Number.isFinite(p.demandPerDay) || p.demandPerDay < 0) return err(`Part ${p.partNumber} has a demand of ${p.demandPerDay} pieces per day; it must be 0 or more.`);
  }
  const loopIds = new Set(loops.map((l) => l.id));
  const loopOfPart = new Map<string, string>();
  for (const l of loops) if (!loopOfPart.has(l.partNumber)) loopOfPart.set(l.partNumber, l.id);
  const partOfLoop = new Map(loops.map((l) => [l.id, l.partNumber]));
  const open = new Map<string, { part: string; qty: number; since: number; counted: boolean }>();
  const pieceMs = new Map<string, number>();
  const seen = new Map<string, number>();
  const close = (cardId: string, at: number) => {
    const o = open.get(cardId);
    if (!o) return;
    open.delete(cardId);
    const a = Math.max(o.since, from);
    const b = Math.min(at, to);
    if (b > a) {
      pieceMs.set(o.part, (pieceMs.get(o.part) ?? 0) + o.qty * (b - a));
      // A card is counted once: on its first piece of time in the window (an edit reopens it with counted set).
      if (!o.counted) seen.set(o.part, (seen.get(o.part) ?? 0) + 1);
    }
  };
  const openCard = (cardId: string, card: CardInfo | undefined, at: number, counted = false) => {
    const loopId = loopOf(card, loopIds, loopOfPart);
    const qty = card?.quantity;
    if (!loopId || typeof qty !== 'number' || !Number.isFinite(qty) || qty <= 0) return;
    open.set(cardId, { part: partOfLoop.get(loopId)!, qty, since: at, counted });
  };
  const current = new Map<string, CardInfo>();
  for (const raw of events) {
    const e = raw as Entry;
    if (!e.cardId) continue;
    if (e.type === 'create') {
      close(e.cardId, e.at);
      if (e.card) current.set(e.cardId, e.card);
      openCard(e.cardId, e.card, e.at);
    } else if (e.type === 'edit' && e.fields) {
      const before = current.get(e.cardId);
      if (!before) continue;
      const after = { ...before, ...e.fields };
      current.set(e.cardId, after);
      const o = open.get(e.cardId);
      if (o) {
        const counted = o.counted || Math.min(e.at, to) > Math.max(o.since, from);
        close(e.cardId, e.at);
        openCard(e.cardId, after, e.at, counted);
      }
    } else if (e.type === 'complete' || e.type === 'retire') {
      close(e.cardId, e.at);
      current.delete(e.cardId);
    }
  }
  for (const cardId of [...open.keys()]) close(cardId, to);
  const length = to - from;
  return ok(
    parts.map((p) => {
      const averageStock = (pieceMs.get(p.partNumber) ?? 0) / length;
      const annualDemand = p.demandPerDay * wd * WEEKS_PER_YEAR;
      return {
        partNumber: p.partNumber,
        demandPerDay: p.demandPerDay,
        annualDemand,
        averageStock,
        turns: averageStock > 0 ? annualDemand / averageStock : null,
        cards: seen.get(p.partNumber) ?? 0,
      };
    }),
  );
}

export interface Delivery {
  cardId: string;
  /** The kanban signal to the supplier: the card put on the board (epoch ms). */
  signalAt: number;
  /** The delivery: the card's return, completed (epoch ms). */
  deliveredAt: number;
  /** Working days from signal to delivery in the shift calendar. */
  workingDays: number;
  onTime: boolean;
}

export interface SupplierReliability {
  loopId: string;
  loopName: string;
  partNumber: string;
  /** Promised lead time: processing + waiting + transport, in working days. */
  promisedDays: number;
  deliveries: number;
  onTime: number;
  /** onTime ÷ deliveries; null without deliveries. */
  share: number | null;
  /** The late deliveries, latest first. */
  late: Delivery[];
}

/** Supplier loops are the withdrawal loops (parts pulled from a supplier or store); production loops are made in house. */
export const isSupplierLoop = (loop: Pick<KanbanLoop, 'kind'>): boolean => loop.kind === 'withdrawal';

/**
 * Delivery reliability of each supplier (withdrawal) loop. A delivery is a card's trip round the loop: from its
 * signal (put on the board) to its return (completed), in working days of the shift calendar as the measured loop
 * lead time counts it. It is on time when it took no longer than the loop's promised lead time. Only deliveries
 * made within the window (when one is given) count.
 */
export function supplierReliability(
  events: readonly LogEntry[], loops: readonly KanbanLoop[], calendar: ShiftCalendar, utcOffsetMinutes = 0, span?: { from?: number; to?: number },
): Result<SupplierReliability[]> {
  const wd = calendar.workingDaysPerWeek;
  if (!Number.isFinite(wd) || wd <= 0 || wd > 7) return err(`Working days per week must be more than 0 and at most 7; got ${wd}.`);
  const dayMs = workingDayMs(calendar);
  if (!(dayMs > 0)) return err('The calendar has no shifts, so delivery times cannot be counted in working days: add a shift.');
  const supplier = loops.filter(isSupplierLoop);
  for (const l of supplier) {
    const promised = l.processingDays + l.waitingDays + l.transportDays;
    if (!Number.isFinite(promised) || promised <= 0) return err(`Supplier loop "${l.name}" has a promised lead time of ${promised} working days; it must be more than 0.`);
  }
  const loopIds = new Set(supplier.map((l) => l.id));
  const allLoopIds = new Set(loops.map((l) => l.id));
  const loopOfPart = new Map<string, string>();
  for (const l of loops) if (!loopOfPart.has(l.partNumber)) loopOfPart.set(l.partNumber, l.id);
  const signals = new Map<string, { at: number; loopId: string }>();
  const byLoop = new Map<string, Delivery[]>(supplier.map((l) => [l.id, []]));
  for (const raw of events) {
    const e = raw as Entry;
    if (!e.cardId) continue;
    if (e.type === 'create') {
      const loopId = loopOf(e.card, allLoopIds, loopOfPart);
      if (loopId && loopIds.has(loopId)) signals.set(e.cardId, { at: e.at, loopId });
      else signals.delete(e.cardId);
    } else if (e.type === 'complete') {
      const s = signals.get(e.cardId);
      if (!s) continue;
      signals.delete(e.cardId);
      if (span?.from !== undefined && e.at < span.from) continue;
      if (span?.to !== undefined && e.at > span.to) continue;
      const workingDays = workingMsBetween(calendar, s.at, e.at, utcOffsetMinutes) / dayMs;
      byLoop.get(s.loopId)!.push({ cardId: e.cardId, signalAt: s.at, deliveredAt: e.at, workingDays, onTime: false });
    } else if (e.type === 'retire') {
      signals.delete(e.cardId);
    }
  }
  return ok(
    supplier.map((l) => {
      const promisedDays = l.processingDays + l.waitingDays + l.transportDays;
      const all = byLoop.get(l.id)!;
      // A millionth of a day of slack, so a trip of exactly the promised time is on time despite rounding.
      for (const d of all) d.onTime = d.workingDays <= promisedDays + 1e-6;
      const onTime = all.filter((d) => d.onTime).length;
      return {
        loopId: l.id,
        loopName: l.name,
        partNumber: l.partNumber,
        promisedDays,
        deliveries: all.length,
        onTime,
        share: all.length ? onTime / all.length : null,
        late: all.filter((d) => !d.onTime).sort((a, b) => b.deliveredAt - a.deliveredAt),
      };
    }),
  );
}
