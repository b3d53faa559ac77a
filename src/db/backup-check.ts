// What a backup must mean, not just what shape it has: the rules the app itself keeps, checked over the whole file
// before anything is written. The first broken rule is named by table, record and field, so a person can fix the file.
import type { PlainRecord, PlainTables } from './migrations.ts';

/** Times before this are not from a Taktboard (and far-future ones are corrupt): 1 Jan 2000 to a day past `now`. */
const EARLIEST = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

type Check = string | null;

const where = (table: string, index: number, record: PlainRecord, field?: string) =>
  `Record ${index + 1} of table "${table}"${typeof record.id === 'string' || typeof record.id === 'number' ? ` (id "${String(record.id)}")` : ''}${field ? `, field "${field}"` : ''}`;

const isWhole = (x: unknown, min: number) => typeof x === 'number' && Number.isInteger(x) && x >= min;
const isNumber = (x: unknown, min: number) => typeof x === 'number' && Number.isFinite(x) && x >= min;

function uniqueIds(tables: PlainTables): Check {
  for (const [table, records] of Object.entries(tables)) {
    const key = table === 'settings' ? 'key' : 'id';
    const seen = new Map<unknown, number>();
    for (let i = 0; i < records.length; i++) {
      const id = records[i][key];
      if (id === undefined && table === 'events') continue; // the log numbers events without ids on import
      if (seen.has(id)) return `${where(table, i, records[i])}: the ${key} "${String(id)}" is used twice (records ${seen.get(id)! + 1} and ${i + 1}).`;
      seen.set(id, i);
    }
  }
  return null;
}

function calendarProblem(calendar: unknown): string | null {
  if (typeof calendar !== 'object' || calendar === null) return 'is not a calendar';
  const c = calendar as { shifts?: unknown; workingDaysPerWeek?: unknown };
  if (!Array.isArray(c.shifts)) return 'has "shifts" that is not a list';
  if (!isNumber(c.workingDaysPerWeek, 0) || (c.workingDaysPerWeek as number) > 7) return 'has working days per week outside 0–7';
  for (const [k, shift] of c.shifts.entries()) {
    const s = shift as { name?: unknown; startMinute?: unknown; endMinute?: unknown; breaks?: unknown; plannedDowntimeMinutes?: unknown };
    if (typeof s !== 'object' || s === null) return `has shift ${k + 1} that is not a shift`;
    if (!isNumber(s.startMinute, 0) || (s.startMinute as number) > 1440 || !isNumber(s.endMinute, 0) || (s.endMinute as number) > 1440) {
      return `has shift ${k + 1} with start or end outside 0–1440 minutes`;
    }
    if (!Array.isArray(s.breaks) || s.breaks.some((b) => typeof b !== 'object' || b === null || !isNumber((b as { minutes?: unknown }).minutes, 0))) {
      return `has shift ${k + 1} whose breaks are not a list of minutes`;
    }
    if (s.plannedDowntimeMinutes !== undefined && !isNumber(s.plannedDowntimeMinutes, 0)) return `has shift ${k + 1} with negative planned downtime`;
  }
  return null;
}

/**
 * The domain's rules over a whole (migrated, defaulted) backup: unique ids, references that resolve, numbers finite
 * and in range, policies the app knows, no hard stage over its limit, sane times, a log that agrees with the cards.
 * Returns the first problem in words, or null when the file is one the app itself could have made.
 */
export function backupProblem(tables: PlainTables, now: number): string | null {
  const t = (name: string) => tables[name] ?? [];
  if (t('streams').length === 0) return 'The backup holds no value stream: importing it would leave this device empty, so it is refused.';
  const dup = uniqueIds(tables);
  if (dup) return dup;
  const streams = new Set(t('streams').map((r) => r.id));
  const stages = new Map(t('stages').map((r) => [r.id, r]));
  const loops = new Set(t('loops').map((r) => r.id));
  const partNumbers = new Set(t('parts').map((r) => `${String(r.streamId)}|${String(r.partNumber)}`));
  const cells = new Set(t('cells').map((r) => r.id));
  const stations = new Set(t('stations').map((r) => r.id));
  const saneTime = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= EARLIEST && x <= now + DAY;

  for (const [i, s] of t('streams').entries()) {
    const problem = calendarProblem(s.calendar);
    if (problem) return `${where('streams', i, s, 'calendar')} ${problem}.`;
  }
  for (const name of ['parts', 'loops', 'stages', 'cards', 'cells'] as const) {
    for (const [i, r] of t(name).entries()) if (!streams.has(r.streamId)) return `${where(name, i, r, 'streamId')}: no value stream "${String(r.streamId)}" in the file.`;
  }
  for (const [i, p] of t('parts').entries()) {
    if (!isNumber(p.demandPerDay, 0)) return `${where('parts', i, p, 'demandPerDay')}: demand must be a number of 0 or more.`;
    if (!isWhole(p.containerQuantity, 1)) return `${where('parts', i, p, 'containerQuantity')}: a container holds a whole number of pieces, 1 or more.`;
  }
  for (const [i, l] of t('loops').entries()) {
    if (!(isNumber(l.demandShare, 0) && (l.demandShare as number) > 0 && (l.demandShare as number) <= 1)) {
      return `${where('loops', i, l, 'demandShare')}: a loop's share of its part's demand must be above 0 and at most 1.`;
    }
    if (!partNumbers.has(`${String(l.streamId)}|${String(l.partNumber)}`)) {
      return `${where('loops', i, l, 'partNumber')}: no part "${String(l.partNumber)}" in its value stream; a loop covers a share of its part's demand.`;
    }
    if (!isWhole(l.containerQuantity, 1)) return `${where('loops', i, l, 'containerQuantity')}: a container holds a whole number of pieces, 1 or more.`;
    for (const f of ['processingDays', 'waitingDays', 'transportDays', 'safetyFactor']) {
      if (l[f] !== undefined && !isNumber(l[f], 0)) return `${where('loops', i, l, f)}: must be a number of 0 or more.`;
    }
  }
  for (const [i, s] of t('stages').entries()) {
    if (!isWhole(s.cardLimit, 0)) return `${where('stages', i, s, 'cardLimit')}: a card limit is a whole number of cards, 0 or more.`;
    if (s.policy !== 'hard' && s.policy !== 'soft') return `${where('stages', i, s, 'policy')}: the policy is "hard" or "soft", not "${String(s.policy)}".`;
    if (!Number.isFinite(s.order)) return `${where('stages', i, s, 'order')}: not a finite number.`;
    if (s.loopId !== undefined && s.loopId !== null && !loops.has(s.loopId)) return `${where('stages', i, s, 'loopId')}: no kanban loop "${String(s.loopId)}" in the file.`;
  }
  const onStage = new Map<unknown, number>();
  for (const [i, c] of t('cards').entries()) {
    const stage = stages.get(c.stageId);
    if (!stage) return `${where('cards', i, c, 'stageId')}: no stage "${String(c.stageId)}" in the file.`;
    if (stage.streamId !== c.streamId) return `${where('cards', i, c, 'stageId')}: the stage belongs to another value stream.`;
    if (!isWhole(c.quantity, 1)) return `${where('cards', i, c, 'quantity')}: a card holds a whole number of pieces, 1 or more.`;
    if (c.loopId !== undefined && c.loopId !== null && !loops.has(c.loopId)) return `${where('cards', i, c, 'loopId')}: no kanban loop "${String(c.loopId)}" in the file.`;
    for (const f of ['enteredStageAt', 'createdAt']) if (c[f] !== undefined && !saneTime(c[f])) return `${where('cards', i, c, f)}: not a time between 2000 and tomorrow.`;
    if (typeof c.blocked !== 'boolean' || typeof c.retired !== 'boolean') return `${where('cards', i, c, typeof c.blocked !== 'boolean' ? 'blocked' : 'retired')}: must be true or false.`;
    if (!c.retired) onStage.set(c.stageId, (onStage.get(c.stageId) ?? 0) + 1);
  }
  for (const [i, s] of t('stages').entries()) {
    const n = onStage.get(s.id) ?? 0;
    if (s.policy === 'hard' && n > (s.cardLimit as number)) {
      return `${where('stages', i, s, 'cardLimit')}: the stage "${String(s.name)}" holds ${n} cards but its hard limit is ${String(s.cardLimit)}; the pull rule never allows that.`;
    }
  }
  // The log must agree with the cards: where a card's newest move, undo or creation put it is where the card is.
  const lastPlace = new Map<unknown, { to: unknown; index: number }>();
  for (const [i, e] of t('events').entries()) {
    if (!saneTime(e.at)) return `${where('events', i, e, 'at')}: not a time between 2000 and tomorrow.`;
    if (!streams.has(e.streamId)) return `${where('events', i, e, 'streamId')}: no value stream "${String(e.streamId)}" in the file.`;
    if ((e.type === 'move' || e.type === 'undo' || e.type === 'create') && typeof e.cardId === 'string' && typeof e.to === 'string') {
      const before = lastPlace.get(e.cardId);
      if (!before || (e.id as number) >= (t('events')[before.index].id as number) || e.id === undefined) lastPlace.set(e.cardId, { to: e.to, index: i });
    }
  }
  const cardsById = new Map(t('cards').map((c, i) => [c.id, { c, i }]));
  for (const [cardId, place] of lastPlace) {
    const found = cardsById.get(cardId);
    if (found && !found.c.retired && stages.has(place.to) && found.c.stageId !== place.to) {
      return `${where('cards', found.i, found.c, 'stageId')}: the event log last put this card in stage "${String(place.to)}", not "${String(found.c.stageId)}".`;
    }
  }
  for (const [i, c] of t('cells').entries()) {
    if (c.cycle !== undefined && !(typeof c.cycle === 'number' && Number.isFinite(c.cycle) && c.cycle > 0)) return `${where('cells', i, c, 'cycle')}: a cycle time is a number of seconds above 0.`;
  }
  for (const name of ['stations', 'workElements', 'scenarios'] as const) {
    for (const [i, r] of t(name).entries()) if (!cells.has(r.cellId)) return `${where(name, i, r, 'cellId')}: no assembly cell "${String(r.cellId)}" in the file.`;
  }
  const elementCell = new Map(t('workElements').map((e) => [e.id, e.cellId]));
  for (const [i, e] of t('workElements').entries()) {
    if (!isNumber(e.time, 0)) return `${where('workElements', i, e, 'time')}: a task time is a number of seconds, 0 or more.`;
    if (!Array.isArray(e.predecessors) || e.predecessors.some((p) => typeof p !== 'string')) return `${where('workElements', i, e, 'predecessors')}: must be a list of element ids.`;
    for (const p of e.predecessors as string[]) {
      if (elementCell.get(p) !== e.cellId) return `${where('workElements', i, e, 'predecessors')}: "${p}" is not a work element of the same cell.`;
    }
    if (e.stationId !== undefined && e.stationId !== null && !stations.has(e.stationId)) return `${where('workElements', i, e, 'stationId')}: no station "${String(e.stationId)}" in the file.`;
  }
  return null;
}
