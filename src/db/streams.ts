// Value-stream level writes shared by the views: demand of a part and the shift calendar (the inputs of takt).
import type { ShiftCalendar } from '../engine/model.ts';
import { piecesPerDay } from '../engine/units.ts';
import type { TaktDb } from './schema.ts';

export type WriteResult = { ok: true } | { ok: false; error: string };

export async function updatePartDemand(db: TaktDb, partId: string, demandPerDay: number): Promise<WriteResult> {
  if (!Number.isFinite(demandPerDay) || demandPerDay <= 0) {
    return { ok: false, error: `Demand must be more than 0 pieces per day; got ${demandPerDay}.` };
  }
  const changed = await db.parts.update(partId, { demandPerDay: piecesPerDay(demandPerDay) });
  return changed ? { ok: true } : { ok: false, error: `There is no part ${partId}.` };
}

/** Stores a calendar; the engine judges whether it leaves time to work (see availableTime). */
export async function updateCalendar(db: TaktDb, streamId: string, calendar: ShiftCalendar): Promise<WriteResult> {
  const changed = await db.streams.update(streamId, { calendar });
  return changed ? { ok: true } : { ok: false, error: `There is no value stream ${streamId}.` };
}
